"""The REST channel, answering one JSON object per bot message.

Rasa's own REST collector splits a message into its text parts and a separate ``custom``
object; IZIA's clients need the item, domain and node on the very message they belong to.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

MESSAGE_KEYS = ("text", "buttons", "custom", "image", "attachment")


class WholeMessageCollector(CollectingOutputChannel):
    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        kept = {key: message[key] for key in MESSAGE_KEYS if message.get(key)}
        await self._persist_message({"recipient_id": recipient_id, **kept})


class IziaRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("izia_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            collector = WholeMessageCollector()
            await on_new_message(
                UserMessage(
                    self._extract_message(request),
                    collector,
                    await self._extract_sender(request),
                    input_channel=self._extract_input_channel(request),
                    metadata=self.get_metadata(request),
                )
            )
            return response.json(collector.messages)

        return webhook
