"""How long IZIA keeps personal data, and ``izia purge``, which enforces it.

Conversations hold what agents typed (names in an FSD form, pièce numbers, comments), ratings
hold comments and ministry codes, drafts hold all of it. Each store is purged of what is older
than the retention period; an operator runs ``izia purge`` daily (cron, systemd timer).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Union

from izia.feedback import FeedbackStore
from izia.fsd.store import DraftStore
from izia.paths import DATA_DIR
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


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Adds ``purge`` to the ``izia`` parser's sub-commands."""
    command = commands.add_parser("purge", help="supprime les conversations, avis et brouillons de FSD anciens")
    command.add_argument(
        "--older-than", type=int, default=None, metavar="JOURS",
        help=f"âge au-delà duquel tout est supprimé (défaut : ${RETENTION_ENV}, sinon {DEFAULT_RETENTION_DAYS})",
    )  # fmt: skip
    command.add_argument("--data-dir", type=Path, default=DATA_DIR, help="dossier des données (défaut : %(default)s)")
    command.add_argument("--tracker", help="tracker store : fichier SQLite ou URL postgresql://… (défaut : <data-dir>/tracker.db)")
    command.set_defaults(run=cmd_purge)


def cmd_purge(args: argparse.Namespace) -> int:
    days = args.older_than if args.older_than is not None else retention_days()
    if days < 0:
        raise SystemExit("--older-than : un nombre de jours positif ou nul est attendu.")
    before = datetime.now() - timedelta(days=days)
    purged = purge(args.data_dir, args.tracker or args.data_dir / TRACKER_FILE, before)
    print(
        f"Purge des données de plus de {days} jours (avant le {before:%d/%m/%Y %H:%M}) : "
        f"{purged.conversations} conversation(s), {purged.ratings} avis, {purged.drafts} brouillon(s) de FSD supprimés."
    )
    return 0
