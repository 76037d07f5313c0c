"""How long IZIA keeps personal data, and ``izia purge``, which enforces it.

Conversations hold what agents typed (names in an FSD form, pièce numbers, comments), ratings
hold comments and ministry codes, drafts hold all of it. Each store is purged of what is older
than the retention period; an operator runs ``izia purge`` daily (cron, systemd timer).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Union

from izia.fsd.store import DraftStore
from izia.ratings import FeedbackStore
from izia.tracker_store import purge_conversations

RETENTION_ENV = "IZIA_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 90
TRACKER_FILE = "tracker.db"
FEEDBACK_FILE = "feedback.db"
FSD_FOLDER = "fsd"


@dataclass(frozen=True)
class Purged:
    conversations: int
    ratings: int
    drafts: int


def retention_days() -> int:
    return int(os.environ.get(RETENTION_ENV) or DEFAULT_RETENTION_DAYS)


def purge(data_dir: Path, tracker: Union[str, Path], before: datetime) -> Purged:
    """Removes what every store holds from before ``before`` (local time, as the stores write it)."""
    feedback, drafts = data_dir / FEEDBACK_FILE, data_dir / FSD_FOLDER
    tracker_exists = "://" in str(tracker) or Path(tracker).exists()
    return Purged(
        conversations=purge_conversations(tracker, before.timestamp()) if tracker_exists else 0,
        ratings=FeedbackStore(feedback).purge(before) if feedback.exists() else 0,
        drafts=DraftStore(drafts).purge(before) if drafts.is_dir() else 0,
    )
