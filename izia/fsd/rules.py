"""The ministry's rules applied to a draft: priority, certificate, Excel list, reminders.

Each rule reads its table from ``fsd.yml``; nothing here hard-codes a level, an
intervention or a limit, so the support team can change them without a release.
"""

from __future__ import annotations

from typing import List

from izia.fsd.draft import Draft
from izia.fsd.settings import FsdSettings, Priority


def recommended_priority(settings: FsdSettings, impact: str, severite: str) -> Priority:
    """The priority the table gives; raises ``ValueError`` for a level the file does not define."""
    code = settings.priority_table.get((impact, severite))
    if code is None:
        raise ValueError(f"niveaux inconnus : impact « {impact} », sévérité « {severite} »")
    return Priority(code, settings.priorities[code])


def needs_certificate(settings: FsdSettings, intervention_id: str) -> bool:
    """Whether the support may only act with a certificat administratif signed by the CSP's authorised person."""
    if intervention_id not in settings.interventions:
        raise ValueError(f"intervention inconnue : « {intervention_id} »")
    return settings.interventions[intervention_id].certificate


def draft_needs_motif(settings: FsdSettings, draft: Draft) -> bool:
    intervention = settings.interventions.get(draft.intervention)
    return intervention is not None and intervention.motif


def draft_needs_certificate(settings: FsdSettings, draft: Draft) -> bool:
    """A draft whose intervention is not chosen yet needs no certificate so far."""
    return bool(draft.intervention) and needs_certificate(settings, draft.intervention)


def needs_workbook(settings: FsdSettings, piece_count: int) -> bool:
    """Above the limit, the service desk wants the pièces as an Excel file, not pasted text."""
    return piece_count > settings.limits.xlsx_above


def reminders_for(settings: FsdSettings, draft: Draft) -> List[str]:
    """The reminders whose conditions the draft meets, in the file's order."""
    facts = {
        "est_cca": draft.est_cca,
        "certificat": draft_needs_certificate(settings, draft),
        "regroupement": draft.regroupement,
    }
    return [
        reminder.text
        for reminder in settings.reminders
        if all(facts[key] == expected for key, expected in reminder.when.items())
    ]
