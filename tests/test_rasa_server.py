"""IZIA's changes to Rasa's server (bot.rasa_server), one behaviour each, without a server."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import pytest
from rasa.shared.exceptions import RasaException

from bot.rasa_server import gate, is_public, telling_the_user, without_sql_parameters
from izia.inbound import UNAVAILABLE


@dataclass
class FakeRequest:
    path: str
    args: Dict[str, str] = field(default_factory=dict)


@pytest.mark.parametrize(
    "path", ["/", "/webhooks/rest/webhook", "/webhooks/portail/widget/izia.js", "/socket.io/", "/webhooks"]
)
def test_the_chat_channels_and_their_files_are_public(path: str) -> None:
    assert is_public(path)


@pytest.mark.parametrize(
    "path", ["/model/parse", "/conversations/x/tracker", "/status", "/version", "/webhooksx", "/socket.iox"]
)
def test_rasa_s_api_routes_are_not_public(path: str) -> None:
    assert not is_public(path)


def test_without_a_configured_token_the_api_answers_404() -> None:
    reply = asyncio.run(gate(None)(FakeRequest("/model/parse", {"token": ""})))  # type: ignore[arg-type]
    assert reply is not None and reply.status == 404


def test_a_wrong_token_gets_a_401() -> None:
    reply = asyncio.run(gate("jeton")(FakeRequest("/status", {"token": "jeto"})))  # type: ignore[arg-type]
    assert reply is not None and reply.status == 401


def test_the_right_token_passes_to_rasa() -> None:
    assert asyncio.run(gate("jeton")(FakeRequest("/status", {"token": "jeton"}))) is None  # type: ignore[arg-type]


def test_public_paths_need_no_token() -> None:
    assert asyncio.run(gate("jeton")(FakeRequest("/webhooks/rest/webhook"))) is None  # type: ignore[arg-type]


class RecordingChannel:
    def __init__(self) -> None:
        self.sent: List[str] = []

    async def send_text_message(self, recipient_id: str, text: str) -> None:
        self.sent.append(text)


@dataclass
class FakeTracker:
    sender_id: str = "agent-42"


def test_an_unreachable_action_server_is_said_to_the_user_once_per_message() -> None:
    async def unreachable(*args: Any) -> Optional[List[Any]]:
        raise RasaException("Failed to execute custom action")

    channel = RecordingChannel()
    run = telling_the_user(unreachable)
    for _ in range(2):
        with pytest.raises(RasaException):
            asyncio.run(run(None, channel, None, FakeTracker(), None))
    assert channel.sent == [UNAVAILABLE]


def test_sql_errors_are_logged_without_the_rows_they_carried() -> None:
    assert without_sql_parameters(lambda url: {"pool_size": 5})("postgresql://x") == {
        "pool_size": 5,
        "hide_parameters": True,
    }


class BrokenStore:
    async def save(self, tracker: Any) -> None:
        raise OSError("database or disk is full")


def test_a_tracker_store_that_fails_raises_instead_of_falling_back_to_memory() -> None:
    from rasa.core.tracker_store import FailSafeTrackerStore

    from bot.rasa_server import failing_loudly

    store = FailSafeTrackerStore.__new__(FailSafeTrackerStore)
    store._tracker_store = BrokenStore()
    with pytest.raises(OSError, match="disk is full"):
        asyncio.run(failing_loudly("save")(store, FakeTracker()))


def test_action_responses_are_checked_against_rasa_s_schema_by_one_compiled_validator() -> None:
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    from bot.rasa_server import validated_by_one_validator

    validate = validated_by_one_validator(RemoteAction.action_response_format_spec())
    assert validate(None, {"events": [{"event": "slot", "name": "kb_item", "value": None}], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        validate(None, {"events": [{"name": "kb_item"}], "responses": []})
