"""The portal channel: serves IZIA's chat widget and its demo pages on the bot's own HTTP server.

It receives no chat messages (the widget talks to the socket.io channel). Rasa mounts it
under ``/webhooks/portail/``:

- ``/`` the demo portal page embedding the widget, ``/rasa-webchat.html`` the rasa-webchat demo;
- ``widget/…`` the widget's scripts and style sheet (``widget/src``);
- ``dsfr/…``, ``socket.io/…``, ``rasa-webchat/…`` the distributed files of the npm packages
  installed in ``widget/node_modules`` by the set-up, served unchanged.

Only files with a known extension, inside those folders, are served.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from izia.paths import REPO_ROOT

WIDGET_DIR = REPO_ROOT / "widget"
PAGES = {"": "demo/portail.html", "rasa-webchat.html": "demo/rasa-webchat.html"}
MOUNTS = {
    "widget": "src",
    "dsfr": "node_modules/@gouvfr/dsfr/dist",
    "socket.io": "node_modules/socket.io-client/dist",
    "rasa-webchat": "node_modules/rasa-webchat/lib",
}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}
HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


def resolve(widget_dir: Path, path: str) -> Optional[Path]:
    """The file a URL path names, or None when it is outside the served folders or not servable."""
    mount, _, rest = path.partition("/")
    if path in PAGES:
        candidate = widget_dir / PAGES[path]
    elif mount in MOUNTS and rest:
        root = (widget_dir / MOUNTS[mount]).resolve()
        candidate = (root / rest).resolve()
        if not candidate.is_relative_to(root):
            return None
    else:
        return None
    if candidate.suffix not in CONTENT_TYPES or not candidate.is_file():
        return None
    return candidate


async def serve(path: str) -> HTTPResponse:
    found = resolve(WIDGET_DIR, path)
    if found is None:
        return response.text("Fichier introuvable.", status=404, headers=HEADERS)
    return await response.file(found, mime_type=CONTENT_TYPES[found.suffix], headers=HEADERS)


class WidgetInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "portail"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        portail = Blueprint("izia_portail", __name__)

        @portail.route("/", methods=["GET"])
        async def portal_page(request: Request) -> HTTPResponse:
            return await serve("")

        @portail.route("/<path:path>", methods=["GET"])
        async def static_file(request: Request, path: str) -> HTTPResponse:
            return await serve(path)

        return portail
