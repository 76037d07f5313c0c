"""Chorus sample data and draft builders shared by the FSD tests (this module holds no test).

Everything goes through :class:`FsdForm` as a user would, so the drafts the other tests
publish are drafts the dialogue could really produce. The calendar is fixed.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Dict, Optional

from izia.fsd import (
    BOT,
    USER,
    ConversationContext,
    Draft,
    DraftStore,
    FsdForm,
    FsdSettings,
    ProposedItem,
    Published,
    TranscriptLine,
    load_fsd_settings,
    publish,
)

TODAY = date(2024, 11, 28)
NOW = datetime(2024, 11, 28, 10, 30)
BASE_URL = "http://127.0.0.1:5005"
NUMERO = "1508892764"
ERROR = f"Poste de pièce {NUMERO}/00003 n'a pas été reporté dans exercice en cours"
ITEM = ProposedItem("poste_piece_non_reporte", "Poste de pièce non reporté dans l'exercice en cours", matched=True)
ANSWERS = {
    "description": "EJ 1508892764 : poste non reporté",
    "message_erreur": ERROR,
    "regroupement": "Engagement Juridique",
    "categorie": "Incident",
    "impact": "Moyen",
    "severite": "Moyen",
    "intervention": "aucune",
    "signataire": "Mme Claire Durand, cheffe du service facturier",
    "code_motif": "01",
    "declare_par": "Jean Martin",
    "est_cca": "oui",
    "cca": "Sophie Leroy",
}


@lru_cache(maxsize=1)
def settings() -> FsdSettings:
    return load_fsd_settings()


def form() -> FsdForm:
    return FsdForm(settings(), today=TODAY)


def piece_lines(count: int, first: int = int(NUMERO)) -> str:
    """``count`` distinct pièces of société 1200, exercice 2024, one per line."""
    return "\n".join(f"{first + index} 1200 2024" for index in range(count))


def context(**overrides: object) -> ConversationContext:
    values: Dict[str, object] = dict(
        error_message=ERROR,
        domain="messages_erreurs",
        proposed=(ITEM,),
        pieces=({"numero_piece": NUMERO},),
        transcript=(TranscriptLine(USER, ERROR), TranscriptLine(BOT, "Sur quel domaine porte la demande")),
    )
    values.update(overrides)
    return ConversationContext(**values)  # type: ignore[arg-type]


def complete_draft(pieces: int = 1, start: Optional[Draft] = None, **answers: str) -> Draft:
    """Answers every question the form asks; ``pieces`` is how many lines to send at once."""
    fsd = form()
    draft = start if start is not None else fsd.start(ConversationContext())
    replies = {**ANSWERS, "pieces": piece_lines(pieces) if pieces else "aucune", **answers}
    for _ in range(30):
        question = fsd.next_question(draft)
        if question is None:
            return draft
        answer = fsd.answer(draft, question.field, replies[question.field])
        if question.field == "pieces" and answer.draft.pieces_done:
            draft = answer.draft
            continue
        assert answer.accepted, answer.message
        draft = answer.draft
    raise AssertionError("le formulaire ne se termine pas")


def published(store: DraftStore, pieces: int = 1, **answers: str) -> Published:
    return publish(form(), complete_draft(pieces, **answers), store, BASE_URL, now=NOW)
