"""Helpers for tests that talk to the real servers over HTTP."""

from __future__ import annotations

import json
import socket
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, List


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def parse(base_url: str, text: str) -> Dict[str, Any]:
    """Rasa's HTTP API: what the NLU makes of ``text``."""
    request = urllib.request.Request(
        f"{base_url}/model/parse",
        data=json.dumps({"text": text}).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read().decode("utf-8"))
