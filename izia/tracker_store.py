"""Rasa's SQL tracker store seen as a table, for the tools that read or purge it without Rasa.

Rasa's ``SQLTrackerStore`` keeps one row per event in the ``events`` table
(id, sender_id, type_name, timestamp, intent_name, action_name, data JSON), in SQLite by
default and PostgreSQL in production; reading that table directly avoids loading Rasa and
replaying every tracker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

import sqlalchemy as sa

EVENTS_TABLE = "events"


def events_table(metadata: sa.MetaData) -> sa.Table:
    """The same columns as ``rasa.core.tracker_store.SQLTrackerStore.SQLEvent``."""
    return sa.Table(
        EVENTS_TABLE,
        metadata,
        sa.Column("id", sa.Integer, sa.Sequence("events_seq"), primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False, index=True),
        sa.Column("type_name", sa.String(255), nullable=False),
        sa.Column("timestamp", sa.Float),
        sa.Column("intent_name", sa.String(255)),
        sa.Column("action_name", sa.String(255)),
        sa.Column("data", sa.Text),
    )


def database_url(location: Union[str, Path]) -> str:
    """A path is a SQLite file (Rasa's default); anything with ``://`` is a SQLAlchemy URL."""
    text = str(location)
    return text if "://" in text else f"sqlite:///{Path(text).resolve()}"


def purge_conversations(location: Union[str, Path], before_timestamp: float) -> int:
    """Deletes every conversation whose last event is older than ``before_timestamp``.

    A conversation goes whole or stays whole: removing only its old events would leave Rasa a
    tracker without its start. Returns the number of conversations removed.
    """
    engine = sa.create_engine(database_url(location), hide_parameters=True)
    stale = f"SELECT sender_id FROM {EVENTS_TABLE} GROUP BY sender_id HAVING MAX(timestamp) < :before"
    bounds = {"before": before_timestamp}
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table(EVENTS_TABLE):
                return 0
            removed = connection.execute(sa.text(f"SELECT COUNT(*) FROM ({stale}) AS stale"), bounds).scalar() or 0
            connection.execute(sa.text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id IN ({stale})"), bounds)
    finally:
        engine.dispose()
    return int(removed)
