"""The REST channel, answering one JSON object per bot message.

Rasa's own REST collector splits a message into its text parts and a separate ``custom``
object; IZIA's clients need the item, domain and node on the very message they belong to.
Rasa's also puts a request without ``sender`` into a conversation shared by every such client,
and answers a malformed body with a 500: here every body goes through :mod:`izia.inbound`
first, and a fault behind the channel becomes a French message, never a 500.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.turns import handled
from izia.inbound import UNAVAILABLE, Inbound, InboundRefused, read_json_body, read_message

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
            try:
                inbound = read_message(read_json_body(request.headers.get("content-type", ""), request.body))
            except InboundRefused as refused:
                return response.json({"error": refused.reason}, status=refused.status)
            if inbound.reply:
                return response.json([{"recipient_id": inbound.sender, "text": inbound.reply}])
            return response.json(await self._answer(inbound, on_new_message))

        return webhook

    async def _answer(
        self, inbound: Inbound, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> List[Dict[str, Any]]:
        collector = WholeMessageCollector()
        if not await handled(on_new_message, inbound, collector, self.name()):
            # The turn was not saved, so the answers it collected were never given.
            return [{"recipient_id": inbound.sender, "text": UNAVAILABLE}]
        return collector.messages
