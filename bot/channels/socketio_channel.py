"""Rasa's socket.io channel, repaired for IZIA's messages, for python-socketio 5, and closed.

Rasa 3.6's ``SocketIOInput`` has faults with the libraries IZIA runs on and on the open web:

- ``session_request`` calls ``AsyncServer.enter_room`` without awaiting it; since
  python-socketio 5.10 that is a coroutine, so the client never joins its session's room and,
  with ``session_persistence``, no bot message ever reaches it;
- ``send_custom_json`` passes the ``custom`` object as keyword arguments to
  ``AsyncServer.emit``, which fails on IZIA's keys (``item_id``…) and drops the rest of the turn;
- any client may ask for any session id, so joining another user's room (and reading their
  answers) or writing into their conversation only takes knowing its id; a message of any
  type or size is passed on, and a malformed one raises inside the handler.

Here ``custom`` becomes its own ``bot_uttered`` event, ``{"custom": {...}}``, right after the
text it belongs to: clients that know it attach it to the previous message, the others (such
as rasa-webchat without a custom component) ignore it. A session id is issued by the server
(128 random bits); a client may resume only an id of that form, and a socket writes only into
the session it was confirmed. Messages go through :mod:`izia.inbound` like the REST channel's;
what cannot be passed on is answered in French on the socket. Everything else is Rasa's channel.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.channels.turns import handled
from izia.inbound import UNAVAILABLE, InboundRefused, read_message

SESSION_ID = re.compile(r"^[0-9a-f]{32}$")  # uuid4().hex, as issued by ``session_request``
MAX_FRAME_BYTES = 64 * 1024  # a 4,000-character message with its metadata, JSON-escaped
NO_SESSION = "Session absente : demandez-en une (événement « session_request ») avant d'écrire."


def resumable(requested: Any) -> Optional[str]:
    """The session id a client asked to resume, if it has the form of one the server issues."""
    return requested if isinstance(requested, str) and SESSION_ID.match(requested) else None


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
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        sio.eio.max_http_buffer_size = MAX_FRAME_BYTES
        sessions: Dict[str, str] = {}  # socket id -> the session it was confirmed
        output = IziaSocketIOOutput(sio, self.bot_message_evt)  # stateless: one serves every message

        # Replaces Rasa's handler of the same event: awaited enter_room, server-issued ids.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = resumable(requested) or uuid.uuid4().hex
            sessions[sid] = session_id
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            sessions.pop(sid, None)

        # Replaces Rasa's handler: the socket's own session, checked input, faults answered.
        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            session_id = sessions.get(sid) if self.session_persistence else sid
            if session_id is None:
                await sio.emit(self.bot_message_evt, {"text": NO_SESSION}, room=sid, namespace=self.namespace)
                return
            try:
                inbound = read_message(
                    {**data, "session_id": session_id} if isinstance(data, dict) else data, "session_id"
                )
            except InboundRefused as refused:
                await output.send_text_message(session_id, refused.reason)
                return
            if inbound.reply:
                await output.send_text_message(session_id, inbound.reply)
                return
            if not await handled(on_new_message, inbound, output, self.name()):
                await output.send_text_message(session_id, UNAVAILABLE)

        return socketio_webhook
