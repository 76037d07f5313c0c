"""Feedback survives a restart and reads back as written."""

from __future__ import annotations

from pathlib import Path

from izia.ratings import Feedback, FeedbackStore
from izia.ratings.store import ANSWER_DOWN, RATING


def test_a_rating_with_its_comment_survives_reopening_the_store(tmp_path: Path) -> None:
    rating = Feedback.now(sender_id="agent-1", kind=RATING, rating=2, comment="Réponse trop vague", ministry="MIN06")
    FeedbackStore(tmp_path / "feedback.db").record(rating)
    assert FeedbackStore(tmp_path / "feedback.db").all() == [rating]


def test_a_thumbs_down_keeps_the_item_and_the_subject(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.db")
    store.record(
        Feedback.now(
            sender_id="agent-2", kind=ANSWER_DOWN, item_id="poste_piece_non_reporte", subject="poste de pièce …"
        )
    )
    assert [(f.kind, f.item_id) for f in store.all()] == [(ANSWER_DOWN, "poste_piece_non_reporte")]
