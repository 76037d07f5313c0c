"""Helpers for tests that talk to the real servers over HTTP."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from izia.server import Servers


@dataclass
class RestUser:
    """One user talking to IZIA through the REST webhook."""

    base_url: str
    sender: str

    def says(self, text: str) -> List[Dict[str, Any]]:
        body = json.dumps({"sender": self.sender, "message": text}).encode("utf-8")
        request = urllib.request.Request(
            f"{self.base_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.loads(reply.read().decode("utf-8"))

    def clicks(self, messages: List[Dict[str, Any]], title: str) -> List[Dict[str, Any]]:
        buttons = [button for message in messages for button in message.get("buttons", [])]
        payload = next(button["payload"] for button in buttons if button["title"] == title)
        return self.says(payload)


def button_titles(message: Dict[str, Any]) -> List[str]:
    return [button["title"] for button in message.get("buttons", [])]


def api(servers: Servers, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
    """Rasa's HTTP API, with the servers' token: GET ``path``, or POST ``body`` to it."""
    request = urllib.request.Request(
        f"{servers.url}{path}?{urllib.parse.urlencode({'token': servers.api_token})}",
        data=None if body is None else json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read().decode("utf-8"))


def parse(servers: Servers, text: str) -> Dict[str, Any]:
    """What the NLU makes of ``text`` (``/model/parse``)."""
    return api(servers, "/model/parse", {"text": text})
