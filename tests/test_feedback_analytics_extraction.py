"""Which turns the extraction keeps from a Rasa SQL tracker store, and why."""

from __future__ import annotations

from pathlib import Path

from feedback_analytics.extraction import (
    ANSWER_DOWN,
    FALLBACK,
    LOW_CONFIDENCE_REASON,
    LOW_RATED,
    REFUSED,
    REPHRASED,
    extract,
)
from feedback_analytics.tracker import read_conversations, write_events
from izia.contract import DID_YOU_MEAN_KIND
from synthetic_logs import DID_YOU_MEAN, bot_turn, slot_event, user_turn


def _store(tmp_path: Path, events: list) -> Path:
    database = tmp_path / "tracker.db"
    write_events(database, events)
    return database


def test_a_refused_did_you_mean_is_kept_as_not_understood_and_refused(tmp_path: Path) -> None:
    events = [
        user_turn("a", 1, "ma facture est partie chez le mauvais fournisseur", "nlu_fallback", 0.3),
        *bot_turn("a", 2, DID_YOU_MEAN, buttons=[("Tiers", "/tiers_x")], kind=DID_YOU_MEAN_KIND),
        user_turn("a", 30, "laissez tomber", "nlu_fallback", 0.2),
    ]
    signals = extract(read_conversations(_store(tmp_path, events))).signals
    first = next(s for s in signals if s.text.startswith("ma facture"))
    assert first.reasons == [FALLBACK, REFUSED]


def test_a_question_taken_for_off_topic_is_kept_as_not_understood(tmp_path: Path) -> None:
    events = [
        user_turn("a", 1, "la moulinette aux tampons rouges refuse ma liasse", "out_of_scope", 0.8),
        *bot_turn("a", 2, "Je n'ai pas reconnu votre message."),
    ]
    signals = extract(read_conversations(_store(tmp_path, events))).signals
    assert signals[0].reasons == [FALLBACK]


def test_an_accepted_did_you_mean_is_not_refused(tmp_path: Path) -> None:
    events = [
        user_turn("a", 1, "facture mauvais fournisseur", "nlu_fallback", 0.3),
        *bot_turn("a", 2, DID_YOU_MEAN, buttons=[("Tiers", "/tiers_x")], kind=DID_YOU_MEAN_KIND),
        user_turn("a", 30, "/tiers_x", "tiers_x", 1.0),
    ]
    signals = extract(read_conversations(_store(tmp_path, events))).signals
    assert signals[0].reasons == [FALLBACK]


def test_a_hesitant_answer_is_low_confidence(tmp_path: Path) -> None:
    events = [
        user_turn("a", 1, "le valideur est en congé", "wf_valideur_absent", 0.45),
        *bot_turn("a", 2, "Réponse", "wf_valideur_absent", "workflow"),
    ]
    signals = extract(read_conversations(_store(tmp_path, events))).signals
    assert signals[0].reasons == [LOW_CONFIDENCE_REASON] and signals[0].item_id == "wf_valideur_absent"


def test_an_immediate_rephrasing_points_to_the_item_reached(tmp_path: Path) -> None:
    events = [
        user_turn("a", 1, "ej bloqué chef absent", "nlu_fallback", 0.3),
        *bot_turn("a", 2, "Je n'ai pas reconnu votre message."),
        user_turn("a", 20, "mon valideur est absent", "wf_valideur_absent", 0.9),
        *bot_turn("a", 21, "Réponse", "wf_valideur_absent", "workflow"),
    ]
    signal = extract(read_conversations(_store(tmp_path, events))).signals[0]
    assert REPHRASED in signal.reasons and signal.hint_item == "wf_valideur_absent"


def test_a_low_rating_keeps_its_comment_on_the_subject(tmp_path: Path) -> None:
    rating = {
        "kind": "rating",
        "rating": 1,
        "comment": "réponse à côté MIN06",
        "item_id": "x",
        "subject": "compte bloqué",
    }
    events = [
        user_turn("a", 1, "compte bloqué", "x", 0.9),
        *bot_turn("a", 2, "Réponse", "x", "connexion"),
        slot_event("a", 3, "feedback", rating),
    ]
    extraction = extract(read_conversations(_store(tmp_path, events)))
    assert extraction.signals[0].reasons == [LOW_RATED] and extraction.signals[0].comment == "réponse à côté MIN06"
    assert extraction.ratings[0].rating == 1


def test_a_thumbs_down_marks_the_subject(tmp_path: Path) -> None:
    down = {"kind": "answer_down", "rating": None, "item_id": "x", "subject": "compte bloqué"}
    events = [
        user_turn("a", 1, "compte bloqué", "x", 0.9),
        *bot_turn("a", 2, "Réponse", "x", "connexion"),
        slot_event("a", 3, "feedback", down),
    ]
    assert extract(read_conversations(_store(tmp_path, events))).signals[0].reasons == [ANSWER_DOWN]


def test_a_well_answered_conversation_yields_no_signal_but_is_summarised(tmp_path: Path) -> None:
    events = [user_turn("a", 1, "compte bloqué", "x", 0.95), *bot_turn("a", 2, "Réponse", "x", "connexion")]
    extraction = extract(read_conversations(_store(tmp_path, events)))
    assert extraction.signals == [] and extraction.conversations[0].domain == "connexion"
    assert not extraction.conversations[0].unanswered
