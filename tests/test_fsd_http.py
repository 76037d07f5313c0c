"""The FSD channel over real HTTP: mounted by Rasa's own ``register`` in a small Sanic app.

sanic-testing is not installed, so the app is served on a free port from a thread with its
own event loop, polled until it answers, and stopped at the end of the module.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

import pytest
from rasa.core.channels.channel import register
from rasa.core.run import create_http_input_channels
from sanic import Sanic

from bot.channels.fsd_files import TOKEN_ENV, FsdInput
from fsd_samples import published
from izia.fsd import Draft, DraftStore, public_base_url
from rasa_http import free_port

TOKEN = "jeton-du-support-sn1"
READY_TIMEOUT_S = 20.0
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Served:
    url: str
    draft: Draft


def get(url: str, headers: Optional[Dict[str, str]] = None) -> Tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.headers.get("Content-Type", ""), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def get_status_or_none(url: str) -> Optional[int]:
    try:
        return get(url)[0]
    except OSError:
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    store = DraftStore(tmp_path_factory.mktemp("fsd"))
    draft = published(store, pieces=6, intervention="suppression").draft
    app = Sanic("izia_fsd_http_test")
    register([FsdInput(store)], app, "/webhooks/")
    port = free_port()
    loop = asyncio.new_event_loop()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        starting = app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
        server = loop.run_until_complete(starting)
        loop.run_until_complete(server.startup())
        loop.run_forever()
        loop.run_until_complete(server.close())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/webhooks/fsd"
    deadline = time.monotonic() + READY_TIMEOUT_S
    while get_status_or_none(f"{url}/drafts") is None:
        assert time.monotonic() < deadline, "le serveur de test ne répond pas"
        time.sleep(0.05)
    yield Served(url, draft)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)


def test_the_json_download(served: Served) -> None:
    status, content_type, body = get(f"{served.url}/drafts/{served.draft.id}.json")
    assert (status, content_type) == (200, "application/json")
    assert json.loads(body)["id"] == served.draft.id


def test_the_xlsx_download(served: Served) -> None:
    status, content_type, body = get(f"{served.url}/drafts/{served.draft.id}.xlsx")
    assert (status, content_type) == (200, XLSX_TYPE)
    assert body.startswith(b"PK")


def test_the_certificate_download(served: Served) -> None:
    status, content_type, body = get(f"{served.url}/drafts/{served.draft.id}/ca.docx")
    assert (status, content_type) == (200, DOCX_TYPE)
    assert body.startswith(b"PK")


def test_an_unknown_draft_is_404(served: Served) -> None:
    assert get(f"{served.url}/drafts/FSD-20241128-aaaaaaaaaaaaaaaa.json")[0] == 404


def test_an_unknown_extension_is_404(served: Served) -> None:
    assert get(f"{served.url}/drafts/{served.draft.id}.db")[0] == 404


def test_the_list_without_token_is_401(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert get(f"{served.url}/drafts")[0] == 401


def test_the_list_with_a_wrong_token_is_401(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert get(f"{served.url}/drafts", {"Authorization": "Bearer autre-jeton"})[0] == 401


def test_the_list_is_closed_when_no_token_is_configured(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert get(f"{served.url}/drafts", {"Authorization": "Bearer "})[0] == 401


def test_the_list_with_the_token_is_200(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    status, content_type, body = get(f"{served.url}/drafts", {"Authorization": f"Bearer {TOKEN}"})
    assert (status, content_type) == (200, "application/json")
    [entry] = json.loads(body)
    assert entry["id"] == served.draft.id and entry["pieces"] == 6
    assert entry["links"]["ca"].endswith(f"/webhooks/fsd/drafts/{served.draft.id}/ca.docx")


def test_the_credentials_line_creates_the_channel_on_its_data_dir(tmp_path: Path) -> None:
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(f"bot.channels.fsd_files.FsdInput:\n  data_dir: {tmp_path / 'fsd'}\n", encoding="utf-8")
    [channel] = create_http_input_channels(None, str(credentials))
    assert isinstance(channel, FsdInput) and channel.store.root == tmp_path / "fsd"
    assert channel.url_prefix() == "fsd"


def test_links_use_the_public_url_when_one_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IZIA_PUBLIC_URL", "https://izia.finances.gouv.fr/")
    assert public_base_url() == "https://izia.finances.gouv.fr"


def test_links_default_to_the_local_rasa_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IZIA_PUBLIC_URL", raising=False)
    monkeypatch.setenv("IZIA_RASA_PORT", "5080")
    assert public_base_url() == "http://127.0.0.1:5080"
