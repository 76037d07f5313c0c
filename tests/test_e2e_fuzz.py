"""Thousands of generated requests against the real servers (hypothesis, fixed derandomised
examples): the REST webhook and the socket.io channel answer every one without a 5xx or a
dropped socket, and the seed conversation still works afterwards.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from izia.server import Servers
from rasa_http import RestUser, button_titles
from socketio_user import SocketUser

pytestmark = pytest.mark.e2e

HTTP_EXAMPLES = 1500
SOCKET_EXAMPLES = 600
FUZZ = settings(
    max_examples=HTTP_EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
INTENTS = [
    "choose",
    "rate_conversation",
    "restart",
    "back",
    "session_start",
    "fsd_start",
    "accueil",
    "not_helpful",
    "nlu_fallback",
    "tiers_bloque",
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)
payloads = st.builds(
    lambda intent, entities: f"/{intent}{entities}",
    st.sampled_from(INTENTS),
    st.just("")
    | st.text(max_size=30)
    | st.dictionaries(st.sampled_from(["choice", "rating", "kb_item", "x"]), json_values, max_size=3).map(json.dumps),
)
messages = (
    st.text(max_size=200)
    | payloads
    | st.text(alphabet="\u200b\u200d\u202e\ufeff\x00\x1b\n\t ", max_size=20)
    | st.integers(min_value=3000, max_value=9000).map(lambda n: "é" * n)
    | json_values
)
senders = st.from_regex(r"fuzz-[A-Za-z0-9._:@-]{1,20}", fullmatch=True) | json_values
bodies = st.fixed_dictionaries(
    {"sender": senders, "message": messages},
    optional={
        "metadata": json_values | st.fixed_dictionaries({"ministry": json_values, "rating_comment": json_values}),
        "input_channel": json_values,
    },
).map(lambda body: json.dumps(body).encode("utf-8")) | st.binary(max_size=300)
content_types = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "application/xml",
    ]
) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz/;=-", max_size=30)


def post(url: str, body: bytes, content_type: str) -> Tuple[int, Any]:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": content_type} if content_type else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode("utf-8"))


def seed_conversation_still_works(servers: Servers, sender: str) -> None:
    user = RestUser(servers.url, sender)
    greeting = user.says("bonjour")
    assert "Messages d'erreurs" in button_titles(greeting[0])
    pasted = user.says("poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours")
    assert pasted[0]["custom"]["node"] == "domaine"


def turns_not_processed(servers: Servers) -> int:
    """Turns the channels answered with « service indisponible » because processing raised."""
    return (servers.log_dir / "rasa.log").read_text(encoding="utf-8", errors="replace").count("non traité")


def test_generated_webhook_requests_never_get_a_5xx(servers: Servers) -> None:
    url = f"{servers.url}/webhooks/rest/webhook"
    failures_before = turns_not_processed(servers)

    @FUZZ
    @given(body=bodies, content_type=content_types)
    def request_is_answered(body: bytes, content_type: str) -> None:
        status, reply = post(url, body, content_type)
        assert status in (200, 400, 413, 415), (status, reply)
        assert isinstance(reply, list) if status == 200 else reply["error"]

    request_is_answered()
    assert turns_not_processed(servers) == failures_before
    seed_conversation_still_works(servers, "apres-fuzz-rest")


def test_generated_socketio_events_never_break_the_channel(servers: Servers) -> None:
    user = SocketUser(servers.url)
    user.start()
    failures_before = turns_not_processed(servers)

    @settings(FUZZ, max_examples=SOCKET_EXAMPLES)
    @given(
        event=st.sampled_from(["user_uttered", "user_uttered", "session_request", "inconnu"]),
        data=st.fixed_dictionaries({"message": messages}, optional={"session_id": json_values, "metadata": json_values})
        | json_values,
    )
    def event_is_taken(event: str, data: Any) -> None:
        user.emit(event, data)
        assert user.client.connected

    try:
        event_is_taken()
        user.start()
        user.says("/accueil")
        user.text_starting("Bonjour je suis IZIA")
    finally:
        user.close()
    assert turns_not_processed(servers) == failures_before
    seed_conversation_still_works(servers, "apres-fuzz-socketio")
