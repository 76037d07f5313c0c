"""Safe by default, tried as an outsider would on the real servers: no open API, no shared or
foreign conversation, and a clear French 4xx (never a 500) for whatever a client sends.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, Optional, Tuple

import pytest

from izia.inbound import MAX_MESSAGE_CHARS
from izia.server import Servers
from rasa_http import RestUser, api

pytestmark = pytest.mark.e2e

Reply = Tuple[int, str, str]  # status, content type, body


def request(
    url: str, body: Optional[bytes] = None, method: Optional[str] = None, headers: Optional[Dict[str, str]] = None
) -> Reply:
    sent = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(sent, timeout=60) as reply:
            return reply.status, reply.headers.get("Content-Type", ""), reply.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8")


def webhook(servers: Servers, body: bytes, content_type: str = "application/json") -> Reply:
    return request(f"{servers.url}/webhooks/rest/webhook", body, "POST", {"Content-Type": content_type})


def listening_addresses(port: int) -> set:
    """The local addresses of the sockets listening on ``port`` (IPv4), from /proc/net/tcp."""
    addresses = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, local_port = local.split(":")
        if state == "0A" and int(local_port, 16) == port:
            octets = bytes.fromhex(address)[::-1]
            addresses.add(".".join(str(octet) for octet in octets))
    return addresses


def test_both_servers_listen_on_the_loopback_only(servers: Servers) -> None:
    assert listening_addresses(servers.rasa_port) == {"127.0.0.1"}
    assert listening_addresses(servers.actions_port) == {"127.0.0.1"}


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/conversations/agent-seed/tracker"),
        ("POST", "/conversations/agent-seed/tracker/events"),
        ("PUT", "/conversations/agent-seed/tracker/events"),
        ("POST", "/conversations/agent-seed/messages"),
        ("POST", "/model/parse"),
        ("DELETE", "/model"),
        ("PUT", "/model"),
        ("POST", "/model/train"),
        ("GET", "/status"),
        ("GET", "/domain"),
        ("GET", "/version"),
    ],
)
def test_rasa_s_api_refuses_every_call_without_the_token(servers: Servers, method: str, path: str) -> None:
    status, content_type, body = request(f"{servers.url}{path}", b"{}", method, {"Content-Type": "application/json"})
    assert status == 401 and "Jeton" in json.loads(body)["error"]


def test_a_wrong_token_is_refused(servers: Servers) -> None:
    status, _, _ = request(f"{servers.url}/conversations/agent-seed/tracker?token=devine")
    assert status == 401


def test_the_model_stays_loaded_after_an_unauthenticated_delete(servers: Servers) -> None:
    request(f"{servers.url}/model", method="DELETE")
    assert RestUser(servers.url, "agent-apres-delete").says("bonjour")[0]["custom"]["item_id"] == "accueil"


def test_with_the_token_the_api_reads_a_conversation(servers: Servers) -> None:
    RestUser(servers.url, "agent-api").says("bonjour")
    assert api(servers, "/conversations/agent-api/tracker")["sender_id"] == "agent-api"


@pytest.mark.parametrize(
    "body",
    [
        {"message": "bonjour"},
        {"sender": "", "message": "bonjour"},
        {"sender": None, "message": "bonjour"},
        {"sender": ["agent"], "message": 3},
        {"sender": "x" * 129, "message": "bonjour"},
        {"sender": "agent/../default", "message": "bonjour"},
    ],
)
def test_no_sender_or_a_malformed_one_is_refused_and_never_joins_a_shared_conversation(
    servers: Servers, body: Dict
) -> None:
    status, content_type, text = webhook(servers, json.dumps(body).encode("utf-8"))
    assert (status, content_type) == (400, "application/json")
    assert "sender" in json.loads(text)["error"]
    status, _, default = request(f"{servers.url}/conversations/default/tracker?token={servers.api_token}")
    assert not [event for event in json.loads(default)["events"] if event["event"] == "user"]


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b'{"sender": "agent-x"}', "application/json"),
        (b'{"sender": "agent-x", "message": 3}', "application/json"),
        (b'{"sender": "agent-x", "message": "bonjour", "metadata": "MIN06"}', "application/json"),
        (b"{", "application/json"),
        (b"", "application/json"),
        (b"[]", "application/json"),
        (b'{"sender": "agent-x", "message": "\xff\xfe"}', "application/json"),
        (b"sender=agent-x&message=bonjour", "application/x-www-form-urlencoded"),
        (b'{"sender": "agent-x", "message": "bonjour"}', "multipart/form-data; boundary=x"),
        (b'{"sender": "agent-x", "message": "bonjour"}', "application/xml"),
    ],
)
def test_malformed_bodies_get_a_french_4xx(servers: Servers, body: bytes, content_type: str) -> None:
    status, reply_type, text = webhook(servers, body, content_type)
    assert status in (400, 415) and reply_type == "application/json"
    assert json.loads(text)["error"]


@pytest.mark.parametrize("message", ["", "   ", "\u200b\u200d\ufeff", "\x00\x01\x1b"])
def test_an_empty_message_gets_a_french_answer(servers: Servers, message: str) -> None:
    assert RestUser(servers.url, "agent-vide").says(message)[0]["text"].startswith("Votre message est vide")


def test_a_message_over_the_limit_is_explained_and_not_read(servers: Servers) -> None:
    reply = RestUser(servers.url, "agent-long").says("Centre financier inexistant. " * 11000)
    assert len(reply) == 1 and f"{MAX_MESSAGE_CHARS:,}".replace(",", "\u202f") in reply[0]["text"]
    status, _, default = request(f"{servers.url}/conversations/agent-long/tracker?token={servers.api_token}")
    assert not [event for event in json.loads(default)["events"] if event["event"] == "user"]


def test_a_body_over_a_megabyte_is_refused_with_a_413(servers: Servers) -> None:
    status, _, text = webhook(servers, json.dumps({"sender": "agent-x", "message": "a" * 2_000_000}).encode("utf-8"))
    assert status == 413 and "volumineuse" in json.loads(text)["error"]


def test_control_and_zero_width_characters_do_not_hide_a_known_message(servers: Servers) -> None:
    pasted = "poste de pi\u200bèce 1508892764/00003 n'a pas été reporté\x00 dans exercice en cours"
    assert RestUser(servers.url, "agent-invisible").says(pasted)[0]["custom"]["item_id"] == "poste_piece_non_reporte"


def test_a_typed_restart_starts_the_user_s_own_conversation_afresh(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-restart")
    user.says("poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours")
    assert user.says("/restart")[0]["text"].startswith("La conversation recommence de zéro")
    slots = api(servers, "/conversations/agent-restart/tracker")["slots"]
    assert slots["kb_item"] is None and slots["kb_node"] is None


def test_a_forged_choice_payload_is_refused_by_the_current_node(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-forge-payload")
    user.says("bonjour")
    assert user.says('/choose{"choice":"ej_imputation"}')[0]["text"].startswith("Ce choix n'est pas proposé")


@pytest.mark.parametrize(
    "path",
    [
        "/webhooks/fsd/drafts/..%2Ffsd.db",
        "/webhooks/fsd/drafts/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.json",
        "/webhooks/fsd/drafts/FSD-20241128-aaaaaaaaaaaaaaaa.json",
        "/webhooks/fsd/drafts/FSD-20241128-aaaaaaaaaaaaaaaa/ca.docx",
        "/webhooks/fsd/drafts/fsd.db",
        "/webhooks/portail/widget/..%2F..%2Fpyproject.toml",
        "/webhooks/portail/dsfr/..%2F..%2F..%2Fpackage.json",
    ],
)
def test_traversal_and_guessed_ids_in_download_links_find_nothing(servers: Servers, path: str) -> None:
    status, _, _ = request(f"{servers.url}{path}")
    assert status == 404


def test_the_staff_listing_refuses_a_missing_or_wrong_token(servers: Servers) -> None:
    assert request(f"{servers.url}/webhooks/fsd/drafts")[0] == 401
    assert request(f"{servers.url}/webhooks/fsd/drafts", headers={"Authorization": "Bearer devine"})[0] == 401


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_unexpected_methods_on_public_routes_get_a_405(servers: Servers, method: str) -> None:
    status, _, text = request(f"{servers.url}/webhooks/rest/webhook", b"{}", method)
    assert status == 405 and json.loads(text)["error"]


def test_the_logs_hold_no_message_text(servers: Servers) -> None:
    marker = "Zorglubienne"
    user = RestUser(servers.url, "agent-journal")
    user.says(f"mon collègue {marker} ne trouve pas son EJ")
    user.says(f'/choose{{"choice": "{marker}", "autre": [1]}}')
    user.says(f"/accueil {marker}")
    logs = "".join(path.read_text(encoding="utf-8", errors="replace") for path in servers.log_dir.glob("*.log"))
    assert marker not in logs
