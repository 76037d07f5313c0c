"""A durable, queryable store of feedback, beside the conversations' tracker store.

Tracker events keep the feedback with its conversation; this table lets support staff and the
analytics query it (by rating, item, ministry, day) without replaying every tracker.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import List, Optional

RATING = "rating"
ANSWER_DOWN = "answer_down"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sender_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    rating INTEGER,
    comment TEXT NOT NULL DEFAULT '',
    ministry TEXT NOT NULL DEFAULT '',
    item_id TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
)
"""
_COLUMNS = ("sender_id", "kind", "rating", "comment", "ministry", "item_id", "subject", "at")


@dataclass(frozen=True)
class Feedback:
    """A rating (1–5 stars, optional comment and ministry code) or a thumbs-down on an answer."""

    sender_id: str
    kind: str
    at: str
    rating: Optional[int] = None
    comment: str = ""
    ministry: str = ""
    item_id: str = ""
    subject: str = ""

    @classmethod
    def now(cls, **fields: object) -> "Feedback":
        return cls(at=datetime.now().isoformat(timespec="seconds"), **fields)  # type: ignore[arg-type]


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path)) as connection, connection:
            connection.execute(_SCHEMA)

    def record(self, feedback: Feedback) -> None:
        """Committed before returning: a crash right after loses nothing."""
        values = asdict(feedback)
        placeholders = ", ".join("?" for _ in _COLUMNS)
        with closing(sqlite3.connect(self.path)) as connection, connection:
            connection.execute(
                f"INSERT INTO feedback ({', '.join(_COLUMNS)}) VALUES ({placeholders})",
                [values[column] for column in _COLUMNS],
            )

    def all(self) -> List[Feedback]:
        with closing(sqlite3.connect(self.path)) as connection:
            rows = connection.execute(f"SELECT {', '.join(_COLUMNS)} FROM feedback ORDER BY id").fetchall()
        return [Feedback(**dict(zip(_COLUMNS, row, strict=False))) for row in rows]

    def purge(self, before: datetime) -> int:
        """Deletes the feedback given before ``before`` (comments and ministry codes are personal)."""
        with closing(sqlite3.connect(self.path)) as connection, connection:
            deleted = connection.execute("DELETE FROM feedback WHERE at < ?", (before.isoformat(timespec="seconds"),))
        return deleted.rowcount
