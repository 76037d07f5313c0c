"""``izia purge``: removes what is older than the retention period from every store."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path

from izia.paths import DATA_DIR
from izia.retention import DEFAULT_RETENTION_DAYS, RETENTION_ENV, TRACKER_FILE, purge, retention_days


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Adds ``purge`` to the ``izia`` parser's sub-commands."""
    command = commands.add_parser("purge", help="supprime les conversations, avis et brouillons de FSD anciens")
    command.add_argument(
        "--older-than",
        type=int,
        default=None,
        metavar="JOURS",
        help=f"âge au-delà duquel tout est supprimé (défaut : ${RETENTION_ENV}, sinon {DEFAULT_RETENTION_DAYS})",
    )
    command.add_argument("--data-dir", type=Path, default=DATA_DIR, help="dossier des données (défaut : %(default)s)")
    command.add_argument(
        "--tracker", help="tracker store : fichier SQLite ou URL postgresql://… (défaut : <data-dir>/tracker.db)"
    )
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
