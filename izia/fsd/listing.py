"""How support staff see the stored drafts, from the command line or over HTTP."""

from __future__ import annotations

from typing import Any, Dict

from izia.fsd.downloads import download_links
from izia.fsd.draft import Draft


def summary(draft: Draft, base_url: str) -> Dict[str, Any]:
    """One entry of the HTTP list: enough to pick a draft, with its download links."""
    return {
        "id": draft.id,
        "created_at": draft.created_at,
        "description": draft.description,
        "declare_par": draft.declare_par,
        "est_cca": draft.est_cca,
        "cca": draft.cca,
        "regroupement": draft.regroupement,
        "priorite": draft.priorite,
        "pieces": len(draft.pieces),
        "links": download_links(base_url, draft),
    }


def summary_line(draft: Draft) -> str:
    """One line of ``izia fsd list``."""
    priority = f"P{draft.priorite}" if draft.priorite else "P?"
    pieces = f"{len(draft.pieces)} pièce{'s' if len(draft.pieces) > 1 else ''}"
    return f"{draft.id}  {draft.created_at}  {priority}  {pieces}  {draft.declare_par} — {draft.description}"
