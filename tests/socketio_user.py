"""One user talking to IZIA through Rasa's socket.io channel, as the portal widget does."""

from __future__ import annotations

import queue
from typing import Any, Callable, Dict, List, Optional

import socketio

TIMEOUT_S = 60.0


class SocketUser:
    def __init__(self, url: str) -> None:
        self.received: "queue.Queue[tuple]" = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("bot_uttered", lambda data: self.received.put(("bot_uttered", data)))
        self.client.on("session_confirm", lambda data: self.received.put(("session_confirm", data)))
        self.client.connect(url, socketio_path="socket.io", transports=["websocket"], wait_timeout=TIMEOUT_S)
        self.session_id: Optional[str] = None

    def start(self, requested: Any = None) -> str:
        """Asks for a session (``requested``: an id to resume) and returns the one confirmed."""
        self.client.emit("session_request", {"session_id": requested})
        self.session_id = self.wait_for("session_confirm")
        return self.session_id

    def says(self, message: Any, **fields: Any) -> None:
        self.client.emit("user_uttered", {"message": message, "session_id": self.session_id, **fields})

    def emit(self, event: str, data: Any) -> None:
        self.client.emit(event, data)

    def wait_for(self, event: str, accept: Callable[[Any], bool] = lambda data: True) -> Any:
        """The data of the next ``event`` that ``accept`` takes; others received meanwhile are dropped."""
        while True:
            name, data = self.received.get(timeout=TIMEOUT_S)
            if name == event and accept(data):
                return data

    def text_starting(self, prefix: str) -> Dict[str, Any]:
        return self.wait_for("bot_uttered", lambda data: str(data.get("text", "")).startswith(prefix))

    def texts_so_far(self) -> List[str]:
        texts = []
        while not self.received.empty():
            name, data = self.received.get_nowait()
            if name == "bot_uttered" and "text" in data:
                texts.append(data["text"])
        return texts

    def close(self) -> None:
        self.client.disconnect()
