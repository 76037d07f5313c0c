"""Rasa's socket.io channel, repaired for IZIA's messages and for python-socketio 5.

Rasa 3.6's ``SocketIOInput`` has two faults with the libraries IZIA runs on:

- ``session_request`` calls ``AsyncServer.enter_room`` without awaiting it; since
  python-socketio 5.10 that is a coroutine, so the client never joins its session's room and,
  with ``session_persistence``, no bot message ever reaches it;
- ``send_custom_json`` passes the ``custom`` object as keyword arguments to
  ``AsyncServer.emit``, which fails on IZIA's keys (``item_id``…) and drops the rest of the turn.

Here ``custom`` becomes its own ``bot_uttered`` event, ``{"custom": {...}}``, right after the
text it belongs to: clients that know it attach it to the previous message, the others (such
as rasa-webchat without a custom component) ignore it. Everything else is Rasa's channel.
"""

from __future__ import annotations

import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint


class IziaSocketIOOutput(SocketIOOutput):
    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class IziaSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        return IziaSocketIOOutput(self.sio, self.bot_message_evt) if self.sio else super().get_output_channel()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def through_izia_output(message: UserMessage) -> None:
            message.output_channel = IziaSocketIOOutput(self.sio, self.bot_message_evt)
            await on_new_message(message)

        socketio_webhook = super().blueprint(through_izia_output)
        sio = self.sio

        # Replaces Rasa's handler of the same event, identical but for the awaited enter_room.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            session_id = (data or {}).get("session_id") or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        return socketio_webhook
