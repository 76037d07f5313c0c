"""Reading conversations from Rasa's SQL tracker store (SQLite by default, PostgreSQL alike)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Union

import sqlalchemy as sa

from izia.tracker_store import EVENTS_TABLE, database_url, events_table


@dataclass
class StoredConversation:
    """All the events of one sender, oldest first, as Rasa serialised them."""

    sender_id: str
    events: List[Dict[str, Any]] = field(default_factory=list)


def read_conversations(location: Union[str, Path], progress: Optional[Any] = None) -> List[StoredConversation]:
    """Every conversation of the store; ``progress`` (a tqdm factory) wraps the row stream."""
    engine = sa.create_engine(database_url(location))
    try:
        with engine.connect() as connection:
            total = connection.execute(sa.text(f"SELECT COUNT(*) FROM {EVENTS_TABLE}")).scalar() or 0
            rows: Iterable[Any] = connection.execute(
                sa.text(f"SELECT sender_id, data FROM {EVENTS_TABLE} ORDER BY sender_id, timestamp, id")
            )
            if progress is not None:
                rows = progress(rows, total=total, desc="Lecture des conversations", unit="évt")
            conversations: Dict[str, StoredConversation] = {}
            for sender_id, data in rows:
                conversation = conversations.get(sender_id)
                if conversation is None:
                    conversation = conversations[sender_id] = StoredConversation(sender_id)
                conversation.events.append(json.loads(data) if data else {})
    finally:
        engine.dispose()
    return list(conversations.values())


def write_events(location: Union[str, Path], rows: Iterable[Dict[str, Any]]) -> None:
    """Appends events in Rasa's layout (the table is created if missing), for generated logs
    and test fixtures; each row is a Rasa event dict plus its ``sender_id``.
    """
    engine = sa.create_engine(database_url(location))
    metadata = sa.MetaData()
    table = events_table(metadata)
    metadata.create_all(engine)
    records = []
    for row in rows:
        event = {k: v for k, v in row.items() if k != "sender_id"}
        parse = event.get("parse_data") or {}
        records.append(
            {
                "sender_id": row["sender_id"],
                "type_name": event["event"],
                "timestamp": event.get("timestamp"),
                "intent_name": (parse.get("intent") or {}).get("name") if event["event"] == "user" else None,
                "action_name": event.get("name") if event["event"] == "action" else None,
                "data": json.dumps(event, ensure_ascii=False),
            }
        )
    try:
        with engine.begin() as connection:
            for start in range(0, len(records), 5000):
                connection.execute(table.insert(), records[start : start + 5000])
    finally:
        engine.dispose()
