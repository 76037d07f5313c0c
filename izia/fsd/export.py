"""The draft as a JSON document: everything, in full, plus what the rules derived from it.

Unlike the text to paste, nothing here is shortened; support tools can also read it back
with :meth:`Draft.from_dict`, which ignores the derived keys.
"""

from __future__ import annotations

import json

from izia.fsd.draft import Draft
from izia.fsd.rules import draft_needs_certificate, reminders_for
from izia.fsd.settings import FsdSettings


def render_json(settings: FsdSettings, draft: Draft) -> bytes:
    intervention = settings.interventions.get(draft.intervention)
    document = {
        **draft.to_dict(),
        "priorite_recommandee": f"{draft.priorite} : {settings.priorities[draft.priorite]}" if draft.priorite else None,
        "intervention_libelle": intervention.label if intervention else None,
        "certificat_requis": draft_needs_certificate(settings, draft),
        "rappels": reminders_for(settings, draft),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
