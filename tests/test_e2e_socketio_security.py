"""The socket.io channel on the real server: a session is the server's to issue, a socket writes
only into its own, and malformed or oversized events are answered or dropped, never fatal.
"""

from __future__ import annotations

from typing import Iterator

import pytest
import socketio

from izia.server import Servers
from rasa_http import api
from socketio_user import SocketUser

pytestmark = pytest.mark.e2e

GREETING_START = "Bonjour je suis IZIA"


@pytest.fixture
def user(servers: Servers) -> Iterator[SocketUser]:
    connected = SocketUser(servers.url)
    yield connected
    connected.close()


def test_a_new_session_gets_a_random_server_issued_id(user: SocketUser) -> None:
    session = user.start()
    assert len(session) == 32 and int(session, 16) >= 0


@pytest.mark.parametrize("requested", ["default", "agent-seed", "../x", 42, {"a": 1}, "A" * 32])
def test_a_session_id_the_server_could_not_have_issued_is_replaced(user: SocketUser, requested: object) -> None:
    assert user.start(requested) != requested


def test_a_reload_resumes_its_own_session(servers: Servers, user: SocketUser) -> None:
    session = user.start()
    user.says("/accueil")
    user.text_starting(GREETING_START)
    again = SocketUser(servers.url)
    try:
        assert again.start(session) == session
    finally:
        again.close()


def test_a_socket_cannot_write_into_another_session(servers: Servers, user: SocketUser) -> None:
    victim = user.start()
    user.says("/accueil")
    user.text_starting(GREETING_START)
    intruder = SocketUser(servers.url)
    try:
        intruder.start()
        intruder.client.emit("user_uttered", {"message": "intrusion-marqueur", "session_id": victim})
        intruder.text_starting("")  # answered in its own session
    finally:
        intruder.close()
    texts = [
        event.get("text")
        for event in api(servers, f"/conversations/{victim}/tracker")["events"]
        if event["event"] == "user"
    ]
    assert "intrusion-marqueur" not in texts


def test_a_message_before_any_session_is_refused_in_french(user: SocketUser) -> None:
    user.emit("user_uttered", {"message": "bonjour"})
    assert "session_request" in user.wait_for("bot_uttered")["text"]


@pytest.mark.parametrize(
    "data", [None, 3, "bonjour", [], {"message": 3}, {"message": ["x"]}, {"message": "x", "metadata": "MIN06"}]
)
def test_malformed_events_are_answered_in_french_and_the_socket_still_works(user: SocketUser, data: object) -> None:
    user.start()
    user.emit("user_uttered", data)
    assert user.wait_for("bot_uttered")["text"]
    user.says("/accueil")
    user.text_starting(GREETING_START)


def test_a_message_over_the_limit_is_explained(user: SocketUser) -> None:
    user.start()
    user.says("a" * 5000)
    assert "un seul message d'erreur" in user.wait_for("bot_uttered")["text"]


def test_an_oversized_frame_closes_that_socket_only(servers: Servers, user: SocketUser) -> None:
    user.start()
    try:
        user.says("a" * 200_000)
    except socketio.exceptions.SocketIOError:
        pass
    other = SocketUser(servers.url)
    try:
        other.start()
        other.says("/accueil")
        other.text_starting(GREETING_START)
    finally:
        other.close()
