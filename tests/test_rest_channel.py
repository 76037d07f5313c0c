"""IZIA's REST webhook, served in-process through Sanic's ASGI interface (sanic-testing): no Rasa
server, no port, no thread.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, List

import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.channels.rest_channel import IziaRestInput

PASTED = "Poste de pièce 4500012345/10 n'a pas été reporté dans exercice en cours"


def app_answering(handler: Any, name: str) -> Sanic:
    app = Sanic(name)
    app.blueprint(IziaRestInput().blueprint(handler), url_prefix="/webhooks/rest")
    return app


async def echo(message: UserMessage) -> None:
    await message.output_channel.send_response(
        message.sender_id,
        {"text": f"reçu : {message.text}", "custom": {"item_id": "poste_piece_non_reporte"}},
    )


async def broken(message: UserMessage) -> None:
    raise RuntimeError("tracker store indisponible")


def post(app: Sanic, body: Any, content_type: str = "application/json") -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    _, answer = asyncio.run(
        app.asgi_client.post("/webhooks/rest/webhook", content=data, headers={"content-type": content_type})
    )
    return answer


def test_each_bot_message_keeps_its_custom_object() -> None:
    answer = post(app_answering(echo, "izia_rest_echo"), {"sender": "agent-1", "message": PASTED})
    messages: List[dict] = answer.json
    assert answer.status == 200
    assert messages == [
        {"recipient_id": "agent-1", "text": f"reçu : {PASTED}", "custom": {"item_id": "poste_piece_non_reporte"}}
    ]


def test_a_body_without_sender_is_refused_instead_of_sharing_a_conversation() -> None:
    answer = post(app_answering(echo, "izia_rest_no_sender"), {"message": PASTED})
    assert answer.status == 400 and "error" in answer.json


@pytest.mark.parametrize("body", ["{pas du json", "[1, 2]", '"texte"'])
def test_a_malformed_body_gets_a_clear_refusal_never_a_500(body: str) -> None:
    answer = post(app_answering(echo, f"izia_rest_bad_{abs(hash(body))}"), body)
    assert 400 <= answer.status < 500


def test_a_body_that_is_not_json_is_refused() -> None:
    answer = post(app_answering(echo, "izia_rest_form"), "message=bonjour", "application/x-www-form-urlencoded")
    assert 400 <= answer.status < 500


def test_a_fault_behind_the_channel_becomes_a_french_message() -> None:
    answer = post(app_answering(broken, "izia_rest_broken"), {"sender": "agent-1", "message": "bonjour"})
    assert answer.status == 200
    assert answer.json[0]["recipient_id"] == "agent-1" and "indisponible" in answer.json[0]["text"].lower()
