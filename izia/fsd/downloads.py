"""The files of a draft and the URLs the bot's HTTP server serves them at.

The store, the HTTP channel and the dialogue all name files through this one table, so a
link the bot gives out always points at a route that exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Dict

from izia.fsd.draft import Draft

CHANNEL_NAME = "fsd"
PUBLIC_URL_ENV = "IZIA_PUBLIC_URL"
JSON, XLSX, CA = "json", "xlsx", "ca"


@dataclass(frozen=True)
class FileKind:
    filename: str  # inside the draft's folder
    url_suffix: str  # after /drafts/<id>
    content_type: str
    label: str  # what the link says to the user


FILES: Dict[str, FileKind] = {
    JSON: FileKind("fsd.json", ".json", "application/json", "Brouillon complet (JSON)"),
    XLSX: FileKind(
        "pieces.xlsx",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Liste des pièces (Excel)",
    ),
    CA: FileKind(
        "certificat_administratif.docx",
        "/ca.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Certificat administratif à signer (Word)",
    ),
}


def public_base_url() -> str:
    """Where users reach the bot's HTTP server; set ``IZIA_PUBLIC_URL`` behind a proxy."""
    configured = os.environ.get(PUBLIC_URL_ENV)
    if configured:
        return configured.rstrip("/")
    return f"http://127.0.0.1:{os.environ.get('IZIA_RASA_PORT', '5005')}"


def drafts_path() -> str:
    """The list route, under the prefix Rasa gives the channel."""
    return f"/webhooks/{CHANNEL_NAME}/drafts"


def download_links(base_url: str, draft: Draft) -> Dict[str, str]:
    """URL of each file of a stored draft: always the JSON, then its attachments."""
    kinds = (JSON, *draft.attachments)
    return {kind: f"{base_url.rstrip('/')}{drafts_path()}/{draft.id}{FILES[kind].url_suffix}" for kind in kinds}
