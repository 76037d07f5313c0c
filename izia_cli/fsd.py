"""``izia fsd list``: the drafts IZIA prepared, for support staff on the bot's machine."""

from __future__ import annotations

import argparse
from pathlib import Path

from izia.fsd.listing import summary_line
from izia.fsd.store import DEFAULT_ROOT, DraftStore


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Adds the ``fsd`` command to the ``izia`` parser's sub-commands."""
    fsd = commands.add_parser("fsd", help="brouillons de Fiches Service Desk préparés par IZIA")
    actions = fsd.add_subparsers(dest="fsd_command", required=True)
    listing = actions.add_parser("list", help="liste les brouillons, du plus récent au plus ancien")
    listing.add_argument("--dir", type=Path, default=DEFAULT_ROOT, help="dossier des brouillons (défaut : %(default)s)")
    listing.set_defaults(run=cmd_list)


def cmd_list(args: argparse.Namespace) -> int:
    """Reads only: a missing folder means no draft yet, and is not created."""
    drafts = DraftStore(args.dir).list() if args.dir.is_dir() else []
    if not drafts:
        print(f"Aucun brouillon de FSD dans {args.dir}.")
        return 0
    for draft in drafts:
        print(summary_line(draft))
    print(f"{len(drafts)} brouillon{'s' if len(drafts) > 1 else ''} dans {args.dir}.")
    return 0
