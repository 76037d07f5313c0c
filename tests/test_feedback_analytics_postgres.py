"""Support staff can read conversations from a PostgreSQL tracker store, the production set-up:
the tables are the ones Rasa's own SQLTrackerStore creates and fills.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from feedback_analytics.extraction import FALLBACK, LOW_RATED, REFUSED, extract
from feedback_analytics.tracker import read_conversations
from izia.contract import DID_YOU_MEAN_KIND
from postgres_server import USER, PostgresServer
from synthetic_logs import DID_YOU_MEAN, bot_turn, rating_turn, user_turn

pytestmark = pytest.mark.slow

EVENTS = [
    user_turn("agent-min06", 1, "la facture de mon fournisseur part au mauvais service", "nlu_fallback", 0.2),
    *bot_turn("agent-min06", 2, DID_YOU_MEAN, buttons=[("Tiers", "/domaine_tiers")], kind=DID_YOU_MEAN_KIND),
    user_turn("agent-min06", 40, "non c'est pas ça", "nlu_fallback", 0.1),
    user_turn("agent-min13", 100, "mon EJ est bloqué en validation", "wf_relance_workflow", 0.9),
    *bot_turn("agent-min13", 101, "Réponse", "wf_relance_workflow", "workflow"),
    *rating_turn(
        "agent-min13",
        130,
        1,
        "réponse hors sujet, contactez-moi MIN13",
        "wf_relance_workflow",
        "mon EJ est bloqué en validation",
    ),
]


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer().start()
    yield server
    server.stop()


def postgres_store(postgres: PostgresServer, database: str) -> SQLTrackerStore:
    return SQLTrackerStore(
        dialect="postgresql", host="127.0.0.1", port=postgres.port, db=database, username=USER, login_db="postgres"
    )


def save_with_rasa(store: SQLTrackerStore, events: List[Dict[str, Any]]) -> None:
    """Each conversation saved as the Rasa server saves it: one tracker per sender."""
    senders = dict.fromkeys(event["sender_id"] for event in events)
    for sender in senders:
        own = [{k: v for k, v in e.items() if k != "sender_id"} for e in events if e["sender_id"] == sender]
        asyncio.run(store.save(DialogueStateTracker.from_dict(sender, own)))


def signals_of(location: str) -> List[tuple]:
    extraction = extract(read_conversations(location))
    return sorted((s.sender_id, s.text, tuple(s.reasons), s.comment) for s in extraction.signals)


def test_conversations_saved_by_rasa_in_postgresql_are_extracted(postgres: PostgresServer) -> None:
    save_with_rasa(postgres_store(postgres, "rasa"), EVENTS)
    assert signals_of(postgres.url("rasa")) == [
        ("agent-min06", "la facture de mon fournisseur part au mauvais service", (FALLBACK, REFUSED), ""),
        ("agent-min06", "non c'est pas ça", (FALLBACK,), ""),
        ("agent-min13", "mon EJ est bloqué en validation", (LOW_RATED,), "réponse hors sujet, contactez-moi MIN13"),
    ]


def test_postgresql_and_sqlite_stores_give_the_same_extraction(postgres: PostgresServer, tmp_path: Path) -> None:
    save_with_rasa(postgres_store(postgres, "rasa_copie"), EVENTS)
    save_with_rasa(SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db")), EVENTS)
    assert signals_of(postgres.url("rasa_copie")) == signals_of(str(tmp_path / "tracker.db"))
