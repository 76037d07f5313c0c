"""``izia purge``: what is older than the retention goes from every store, the rest stays whole."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from feedback_analytics.tracker import read_conversations, write_events
from fsd_samples import complete_draft, form
from izia.fsd.publish import publish
from izia.fsd.store import DraftStore
from izia.ratings import Feedback, FeedbackStore
from izia.ratings.store import RATING
from izia.retention import DEFAULT_RETENTION_DAYS, RETENTION_ENV, purge, retention_days
from izia_cli.main import main

NOW = datetime(2026, 12, 2, 9, 0)
OLD = NOW - timedelta(days=120)
RECENT = NOW - timedelta(days=3)
CUTOFF = NOW - timedelta(days=90)


def user_event(sender: str, text: str, at: datetime) -> dict:
    return {
        "sender_id": sender,
        "event": "user",
        "text": text,
        "timestamp": at.timestamp(),
        "parse_data": {"intent": {"name": "accueil"}},
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    write_events(
        tmp_path / "tracker.db",
        [
            user_event("agent-ancien", "bonjour", OLD),
            user_event("agent-ancien", "Jean Dupont", OLD + timedelta(minutes=2)),
            user_event("agent-revenu", "bonjour", OLD),
            user_event("agent-revenu", "mon EJ n'a pas été reporté", RECENT),
            user_event("agent-recent", "bonjour", RECENT),
        ],
    )
    ratings = FeedbackStore(tmp_path / "feedback.db")
    ratings.record(
        Feedback(
            sender_id="agent-ancien", kind=RATING, rating=2, comment="trop vague", ministry="MIN06", at=OLD.isoformat()
        )
    )
    ratings.record(Feedback(sender_id="agent-recent", kind=RATING, rating=5, at=RECENT.isoformat()))
    drafts = DraftStore(tmp_path / "fsd")
    for when in (OLD, RECENT):
        publish(form(), complete_draft(), drafts, "http://127.0.0.1:5005", now=when)
    return tmp_path


def test_old_conversations_go_whole_and_a_conversation_active_recently_stays_whole(data_dir: Path) -> None:
    purged = purge(data_dir, data_dir / "tracker.db", CUTOFF)
    remaining = {
        conversation.sender_id: len(conversation.events) for conversation in read_conversations(data_dir / "tracker.db")
    }
    assert purged.conversations == 1
    assert remaining == {"agent-revenu": 2, "agent-recent": 1}


def test_old_ratings_go_with_their_comments_and_ministry_codes(data_dir: Path) -> None:
    assert purge(data_dir, data_dir / "tracker.db", CUTOFF).ratings == 1
    assert [feedback.sender_id for feedback in FeedbackStore(data_dir / "feedback.db").all()] == ["agent-recent"]


def test_old_drafts_go_with_their_files(data_dir: Path) -> None:
    store = DraftStore(data_dir / "fsd")
    old = next(draft for draft in store.list() if draft.created_at.startswith(OLD.date().isoformat()))
    assert purge(data_dir, data_dir / "tracker.db", CUTOFF).drafts == 1
    assert [draft.created_at[:10] for draft in store.list()] == [RECENT.date().isoformat()]
    assert not (data_dir / "fsd" / old.id).exists()


def test_purging_twice_removes_nothing_more(data_dir: Path) -> None:
    purge(data_dir, data_dir / "tracker.db", CUTOFF)
    again = purge(data_dir, data_dir / "tracker.db", CUTOFF)
    assert (again.conversations, again.ratings, again.drafts) == (0, 0, 0)


def test_an_empty_data_folder_purges_nothing_and_creates_nothing(tmp_path: Path) -> None:
    purged = purge(tmp_path, tmp_path / "tracker.db", CUTOFF)
    assert (purged.conversations, purged.ratings, purged.drafts) == (0, 0, 0)
    assert list(tmp_path.iterdir()) == []


def test_the_retention_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RETENTION_ENV, "30")
    assert retention_days() == 30
    monkeypatch.delenv(RETENTION_ENV)
    assert retention_days() == DEFAULT_RETENTION_DAYS


def test_the_command_says_what_it_removed(data_dir: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["purge", "--older-than", "0", "--data-dir", str(data_dir)]) == 0
    assert "3 conversation(s), 2 avis, 2 brouillon(s) de FSD supprimés" in capsys.readouterr().out
