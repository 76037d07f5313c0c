"""The custom actions as Rasa's action server runs them: a tracker in, messages and events out
(``Tracker.from_dict`` and a ``CollectingDispatcher``, as in Rasa's reference assistants).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import fsd_form as fsd_actions
from bot.actions import izia_action
from izia.contract import (
    ANSWER_SLOT,
    DRAFT_SLOT,
    FEEDBACK_SLOT,
    FSD_FORM,
    ITEM_SLOT,
    MATCHES_KEY,
    MEMORY_SLOT,
    NODE_SLOT,
)
from izia.ratings import FeedbackStore

PASTE = "poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours"


def tracker(text: str, intent: str, slots: Optional[Dict[str, Any]] = None, **parse: Any) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": [], **parse}
    return Tracker.from_dict(
        {
            "sender_id": "agent-actions",
            "slots": slots or {},
            "latest_message": latest,
            "events": [{"event": "user", "text": text, "parse_data": latest}],
        }
    )


def run_izia(state: Tracker) -> tuple:
    dispatcher = CollectingDispatcher()
    events = izia_action.ActionIzia().run(dispatcher, state, {})
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}, events


@pytest.fixture(autouse=True)
def feedback_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FeedbackStore:
    store = FeedbackStore(tmp_path / "feedback.db")
    monkeypatch.setattr(izia_action, "feedback_store", lambda: store)
    return store


def test_a_greeting_shows_the_welcome_menu_and_keeps_its_position() -> None:
    messages, slots, _ = run_izia(tracker("bonjour", "accueil"))
    assert messages[0]["text"].startswith("Bonjour je suis IZIA")
    assert messages[0]["custom"] == {"item_id": "accueil", "domain": "general", "node": "menu"}
    assert (slots[ITEM_SLOT], slots[NODE_SLOT]) == ("accueil", "menu")


def test_a_recognised_paste_opens_its_tree_with_the_values_remembered() -> None:
    match = {"item_id": "poste_piece_non_reporte", "text": PASTE}
    entities = [{"entity": "numero_piece", "value": "1508892764"}]
    messages, slots, _ = run_izia(
        tracker(PASTE, "poste_piece_non_reporte", entities=entities, **{MATCHES_KEY: [match]})
    )
    assert [m["text"] for m in messages] == ["Sur quel domaine porte la demande"]
    assert slots[NODE_SLOT] == "domaine"
    assert ["numero_piece", "1508892764"] in slots[MEMORY_SLOT]["entities"]


def test_a_five_star_rating_is_stored_and_kept_in_the_tracker(feedback_in: FeedbackStore) -> None:
    rating = tracker(
        '/rate_conversation{"rating":"5"}', "rate_conversation", entities=[{"entity": "rating", "value": "5"}]
    )
    _, slots, _ = run_izia(rating)
    assert [(f.sender_id, f.rating) for f in feedback_in.all()] == [("agent-actions", 5)]
    assert slots[FEEDBACK_SLOT]["rating"] == 5


def test_accepting_the_fsd_offer_starts_the_form_with_a_draft() -> None:
    _, slots, events = run_izia(tracker("/fsd_start", "fsd_start", slots={MEMORY_SLOT: {"subject": PASTE}}))
    assert slots[DRAFT_SLOT]["message_erreur"] == PASTE
    assert {"event": "followup", "name": FSD_FORM} in [{k: e.get(k) for k in ("event", "name")} for e in events]


def started_draft() -> Dict[str, Any]:
    _, slots, _ = run_izia(tracker("/fsd_start", "fsd_start", slots={MEMORY_SLOT: {"subject": PASTE}}))
    return slots[DRAFT_SLOT]


def test_the_form_asks_the_next_question_with_its_field() -> None:
    dispatcher = CollectingDispatcher()
    fsd_actions.ActionAskFsdAnswer().run(dispatcher, tracker("", "fsd_start", slots={DRAFT_SLOT: started_draft()}), {})
    assert dispatcher.messages[0]["custom"]["fsd_question"]


def test_typing_annuler_cancels_the_form() -> None:
    answer = fsd_actions.ValidateFsdForm().validate_fsd_answer(
        "Annuler", CollectingDispatcher(), tracker("Annuler", "nlu_fallback", slots={DRAFT_SLOT: started_draft()}), {}
    )
    assert answer == {ANSWER_SLOT: fsd_actions.CANCELLED}


def test_a_cancelled_form_says_so_and_forgets_the_draft() -> None:
    dispatcher = CollectingDispatcher()
    state = tracker("annuler", "nlu_fallback", slots={ANSWER_SLOT: fsd_actions.CANCELLED, DRAFT_SLOT: started_draft()})
    events: List[Dict[str, Any]] = fsd_actions.ActionFsdSubmit().run(dispatcher, state, {})
    assert dispatcher.messages[0]["text"].startswith("Préparation de la fiche annulée")
    assert {e["name"]: e["value"] for e in events} == {DRAFT_SLOT: None, ANSWER_SLOT: None}
