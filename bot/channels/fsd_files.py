"""The FSD channel: serves the service-desk drafts IZIA prepared, on the bot's own HTTP server.

It receives no chat messages. Rasa mounts it under ``/webhooks/fsd/`` like any input
channel, which gives the download links the same host and port as the chat itself:

- ``GET drafts/<id>.json``, ``drafts/<id>.xlsx``, ``drafts/<id>/ca.docx``: the files. Ids
  are unguessable, so a link can be shared with the CCA without a password.
- ``GET drafts``: the list, for support staff only (``Authorization: Bearer <token>``, the
  token being ``IZIA_SUPPORT_TOKEN``; without that variable the list is closed to everyone).
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from izia.fsd.downloads import CA, CHANNEL_NAME, FILES
from izia.fsd.listing import summary
from izia.fsd.store import DraftStore

TOKEN_ENV = "IZIA_SUPPORT_TOKEN"
BEARER = "Bearer "
# Kinds served as ``drafts/<id><suffix>`` in a single path segment (the JSON and the workbook).
SEGMENT_SUFFIXES = {file.url_suffix: kind for kind, file in FILES.items() if "/" not in file.url_suffix}


def authorised(request: Request) -> bool:
    """Constant-time comparison, and no token configured means nobody gets in."""
    token = os.environ.get(TOKEN_ENV, "")
    given = request.headers.get("Authorization", "")
    if not token or not given.startswith(BEARER):
        return False
    return hmac.compare_digest(given[len(BEARER) :].encode("utf-8"), token.encode("utf-8"))


class FsdInput(InputChannel):
    def __init__(self, store: Optional[DraftStore] = None) -> None:
        self.store = store or DraftStore()

    @classmethod
    def name(cls) -> Text:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "FsdInput":
        """``data_dir`` in credentials.yml overrides the default ``$IZIA_DATA_DIR/fsd``."""
        directory = (credentials or {}).get("data_dir")
        return cls(DraftStore(Path(directory)) if directory else None)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        drafts = Blueprint("izia_fsd_drafts", __name__)

        @drafts.route("/drafts", methods=["GET"])
        async def list_drafts(request: Request) -> HTTPResponse:
            if not authorised(request):
                refusal = {"error": "Jeton du support absent ou invalide."}
                return response.json(refusal, status=401, headers={"WWW-Authenticate": "Bearer"})
            base_url = f"{request.scheme}://{request.host}"
            return response.json([summary(draft, base_url) for draft in self.store.list()])

        @drafts.route("/drafts/<name>", methods=["GET"])
        async def download(request: Request, name: str) -> HTTPResponse:
            for suffix, kind in SEGMENT_SUFFIXES.items():
                if name.endswith(suffix):
                    return await self._send(name[: -len(suffix)], kind)
            return _not_found()

        @drafts.route(f"/drafts/<draft_id>{FILES[CA].url_suffix}", methods=["GET"])
        async def certificate(request: Request, draft_id: str) -> HTTPResponse:
            return await self._send(draft_id, CA)

        return drafts

    async def _send(self, draft_id: str, kind: str) -> HTTPResponse:
        path = self.store.file(draft_id, kind)
        if path is None:
            return _not_found()
        return await response.file(path, mime_type=FILES[kind].content_type, filename=f"{draft_id}-{path.name}")


def _not_found() -> HTTPResponse:
    return response.json({"error": "Brouillon ou fichier introuvable."}, status=404)
