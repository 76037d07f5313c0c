"""The service-desk request as a form: what the conversation prefills, what is left to ask,
and how each answer is checked.

The dialogue only shuttles text: it asks :meth:`FsdForm.next_question`, passes the user's
reply to :meth:`FsdForm.answer` and says the message it gets back. An answer is either taken
or refused with a French explanation; a refused answer returns the draft unchanged, so
nothing the user entered before is ever lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from izia.fsd.answers import (
    YES_NO_OPTIONS,
    Answer,
    Option,
    Question,
    Refusal,
    check_code,
    check_text,
    check_yes_no,
    match_option,
    refuse,
)
from izia.fsd.draft import FIELD_LABELS, Draft, ProposedItem, TranscriptLine
from izia.fsd.piece_answers import answer_pieces, pieces_question, prefill_pieces
from izia.fsd.pieces import PieceRules
from izia.fsd.rules import draft_needs_certificate, draft_needs_motif, recommended_priority
from izia.fsd.settings import ASKED_FIELDS, FsdSettings
from izia.fsd.wording import count

_EQUIPE = re.compile(r"^[A-Z0-9]{2,10}(_[A-Z0-9]{2,12})*$")
_MINISTERE = re.compile(r"^MIN\d{2}$")
TOO_LONG_HINTS = {
    "message_erreur": (
        "Copiez seulement le message affiché par Chorus (une ou deux lignes) ; joignez le reste "
        "(journal, copie d'écran) à la fiche dans le service desk."
    ),
    "pieces": "Envoyez au plus {max_pieces} pièces, une par ligne : numéro, société, exercice.",
}
CERTIFICATE_NOTICE = (
    "Cette intervention demande un certificat administratif signé par une personne autorisée (responsable du CSP) identifiée par le support AIFE : "
    "je le prépare pré-rempli, il restera à le faire signer et à le joindre à la fiche."
)


@dataclass(frozen=True)
class ConversationContext:
    """What the conversation already knows when IZIA offers a service-desk request.

    ``pieces`` holds one mapping per pièce the NLU or the user gave, keyed by entity name
    (``numero_piece``, ``societe``, ``exercice``); incomplete ones are still used.
    """

    error_message: str = ""
    domain: str = ""
    proposed: Tuple[ProposedItem, ...] = ()
    pieces: Tuple[Mapping[str, str], ...] = ()
    declared_by: str = ""
    transcript: Tuple[TranscriptLine, ...] = ()


class FsdForm:
    def __init__(self, settings: FsdSettings, today: Optional[date] = None) -> None:
        """``today`` fixes the calendar for tests; by default each check reads the real date."""
        self.settings = settings
        self._today = today
        self._handlers: Dict[str, Callable[[Draft, str, str], Answer]] = {
            "description": self._description,
            "message_erreur": self._free_text,
            "regroupement": self._choice,
            "categorie": self._choice,
            "type_message": self._choice,
            "impact": self._level,
            "severite": self._level,
            "pieces": self._pieces,
            "intervention": self._intervention,
            "signataire": self._free_text,
            "code_motif": self._free_text,
            "declare_par": self._free_text,
            "est_cca": self._est_cca,
            "cca": self._free_text,
            "equipe_support": self._equipe_support,
            "code_ministere": self._code_ministere,
        }

    # -- what the dialogue calls ------------------------------------------------------------

    def start(self, context: ConversationContext) -> Draft:
        """A new draft, prefilled with whatever the conversation gave that passes the checks."""
        defaults = self.settings.defaults
        draft = Draft(
            type_message=defaults.type_message,
            equipe_support=defaults.equipe_support,
            code_ministere=defaults.code_ministere,
            statut=defaults.statut,
            domaine=context.domain,
            transcript=tuple(context.transcript),
            proposed=tuple(context.proposed),
        )
        matched_title = next((item.title for item in context.proposed if item.matched), "")
        prefill = {
            "message_erreur": context.error_message,
            "description": matched_title,
            "regroupement": self.settings.domain_regroupements.get(context.domain, ""),
            "declare_par": context.declared_by,
        }
        for field, value in prefill.items():
            answered = self.answer(draft, field, value) if value else None
            if answered is not None and answered.accepted:
                draft = answered.draft
        return prefill_pieces(draft, context.pieces, self._piece_rules(), self.settings.limits.max_pieces)

    def missing(self, draft: Draft) -> List[str]:
        """The fields still to ask, in the order the form asks them."""
        return [field for field in ASKED_FIELDS if self._applies(draft, field) and not self._filled(draft, field)]

    def next_question(self, draft: Draft) -> Optional[Question]:
        """The next question to ask, or ``None`` once the draft can be published."""
        missing = self.missing(draft)
        return self.question(draft, missing[0]) if missing else None

    def question(self, draft: Draft, field: str) -> Question:
        text = self.settings.questions[field]
        if field in ("impact", "severite"):
            definitions = getattr(self.settings, field)
            text += "".join(f"\n- {level} : {definition}" for level, definition in definitions.items())
        if field == "pieces":
            text = pieces_question(draft, text, draft_needs_certificate(self.settings, draft))
        return Question(field, text, self._options(field))

    def answer(self, draft: Draft, field: str, text: str) -> Answer:
        """Checks ``text`` for ``field``; raises ``KeyError`` only for a field the form does not have."""
        handler = self._handlers[field]
        limit = self.settings.limits.max_text_chars
        if len(text) > limit:
            hint = TOO_LONG_HINTS.get(field, "Raccourcissez votre réponse.")
            hint = hint.format(max_pieces=self.settings.limits.max_pieces)
            return refuse(
                draft,
                f"Votre réponse compte {count(len(text))} caractères : c'est trop pour « {FIELD_LABELS[field]} », "
                f"qui en admet {count(limit)} au plus. {hint}",
            )
        return handler(draft, field, text)

    def problems(self, draft: Draft) -> List[str]:
        """What still prevents publishing the draft, in French; empty when it is complete."""
        problems = []
        for field in self.missing(draft):
            if field == "pieces" and draft.pieces_done:
                problems.append("Le certificat administratif doit lister au moins une pièce.")
            else:
                problems.append(f"« {FIELD_LABELS[field]} » n'est pas encore renseigné.")
        for field in ("regroupement", "categorie", "type_message", "impact", "severite", "intervention"):
            value = getattr(draft, field)
            if value and value not in {option.value for option in self._options(field)}:
                problems.append(f"« {value} » n'est pas une valeur connue pour « {FIELD_LABELS[field]} ».")
        if len(draft.pieces) > self.settings.limits.max_pieces:
            problems.append(f"Une FSD compte au plus {self.settings.limits.max_pieces} pièces.")
        return problems

    # -- which fields are asked ---------------------------------------------------------------

    def _applies(self, draft: Draft, field: str) -> bool:
        if field == "signataire":
            return draft_needs_certificate(self.settings, draft)
        if field == "code_motif":
            return draft_needs_motif(self.settings, draft)
        if field == "cca":
            return draft.est_cca is False
        return True

    def _filled(self, draft: Draft, field: str) -> bool:
        if field == "pieces":
            return draft.pieces_done and bool(draft.pieces or not draft_needs_certificate(self.settings, draft))
        if field == "est_cca":
            return draft.est_cca is not None
        return bool(getattr(draft, field))

    def _options(self, field: str) -> Tuple[Option, ...]:
        settings = self.settings
        labels = {
            "regroupement": settings.regroupements,
            "categorie": settings.categories,
            "type_message": settings.types_message,
            "impact": settings.levels,
            "severite": settings.levels,
        }
        if field in labels:
            return tuple(Option(label, label) for label in labels[field])
        if field == "intervention":
            return tuple(Option(i.id, i.label) for i in settings.interventions.values())
        if field == "est_cca":
            return YES_NO_OPTIONS
        return ()

    # -- one handler per kind of field ------------------------------------------------------

    def _taken(self, draft: Draft, checked: object, field: str) -> Answer:
        if isinstance(checked, Refusal):
            return refuse(draft, checked.message)
        changes: Dict[str, Any] = {field: checked}
        return Answer(replace(draft, **changes), True)

    def _hint(self, field: str) -> str:
        return self.settings.questions.get(field, "")

    def _description(self, draft: Draft, field: str, text: str) -> Answer:
        limit = self.settings.limits.max_description_chars
        return self._taken(draft, check_text(text, FIELD_LABELS[field], limit, self._hint(field), one_line=True), field)

    def _free_text(self, draft: Draft, field: str, text: str) -> Answer:
        limit = self.settings.limits.max_text_chars
        return self._taken(draft, check_text(text, FIELD_LABELS[field], limit, self._hint(field)), field)

    def _choice(self, draft: Draft, field: str, text: str) -> Answer:
        checked = match_option(text, FIELD_LABELS[field], self._options(field))
        return self._taken(draft, checked if isinstance(checked, Refusal) else checked.value, field)

    def _level(self, draft: Draft, field: str, text: str) -> Answer:
        """Impact or sévérité; once both are known the recommended priority is computed and said."""
        answered = self._choice(draft, field, text)
        chosen = answered.draft
        if not answered.accepted or not (chosen.impact and chosen.severite):
            return answered
        priority = recommended_priority(self.settings, chosen.impact, chosen.severite)
        message = f"Priorité recommandée : {priority} (impact {chosen.impact}, sévérité {chosen.severite})."
        return Answer(replace(chosen, priorite=priority.code), True, message)

    def _intervention(self, draft: Draft, field: str, text: str) -> Answer:
        answered = self._choice(draft, field, text)
        if answered.accepted and draft_needs_certificate(self.settings, answered.draft):
            return replace(answered, message=CERTIFICATE_NOTICE)
        return answered

    def _est_cca(self, draft: Draft, field: str, text: str) -> Answer:
        return self._taken(draft, check_yes_no(text, FIELD_LABELS[field]), field)

    def _equipe_support(self, draft: Draft, field: str, text: str) -> Answer:
        return self._taken(draft, check_code(text, FIELD_LABELS[field], _EQUIPE, "M06_00CENT00"), field)

    def _code_ministere(self, draft: Draft, field: str, text: str) -> Answer:
        return self._taken(draft, check_code(text, FIELD_LABELS[field], _MINISTERE, "MIN06"), field)

    def _pieces(self, draft: Draft, field: str, text: str) -> Answer:
        certificate = draft_needs_certificate(self.settings, draft)
        max_pieces = self.settings.limits.max_pieces
        return answer_pieces(draft, text, self._piece_rules(), max_pieces, certificate, self._hint(field))

    def _piece_rules(self) -> PieceRules:
        return PieceRules.from_limits(self.settings.limits, self._today or date.today())
