"""IZIA's socket.io channel: Rasa's, with the custom object sent as an event of its own."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Tuple

from bot.channels.socketio_channel import IziaSocketIOInput, IziaSocketIOOutput


class RecordingServer:
    def __init__(self) -> None:
        self.emitted: List[Tuple[str, Dict[str, Any], str]] = []

    async def emit(self, event: str, data: Dict[str, Any], room: str) -> None:
        self.emitted.append((event, data, room))


def test_a_message_with_buttons_and_custom_becomes_two_events_for_the_session_room() -> None:
    server = RecordingServer()
    message = {
        "text": "Sur quel domaine porte la demande",
        "buttons": [{"title": "EJ", "payload": '/choose{"choice":"ej"}'}],
        "custom": {"item_id": "poste_piece_non_reporte", "domain": "messages_erreurs", "node": "domaine"},
    }
    asyncio.run(IziaSocketIOOutput(server, "bot_uttered").send_response("session-1", message))
    assert server.emitted == [
        (
            "bot_uttered",
            {
                "text": "Sur quel domaine porte la demande",
                "quick_replies": [{"content_type": "text", "title": "EJ", "payload": '/choose{"choice":"ej"}'}],
            },
            "session-1",
        ),
        (
            "bot_uttered",
            {"custom": {"item_id": "poste_piece_non_reporte", "domain": "messages_erreurs", "node": "domaine"}},
            "session-1",
        ),
    ]


def test_the_channel_keeps_rasa_s_name_and_settings() -> None:
    channel = IziaSocketIOInput.from_credentials(
        {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered", "session_persistence": True}
    )
    assert (channel.name(), channel.session_persistence, channel.bot_message_evt) == ("socketio", True, "bot_uttered")
