"""The FSD channel over HTTP: mounted by Rasa's own ``register`` in a small Sanic app, served
in-process through its ASGI interface by sanic-testing (no port, no thread).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

import pytest
from rasa.core.channels.channel import register
from rasa.core.run import create_http_input_channels
from sanic import Sanic

from bot.channels.fsd_files import TOKEN_ENV, FsdInput
from fsd_samples import published
from izia.fsd import Draft, DraftStore, public_base_url

TOKEN = "jeton-du-support-sn1"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Served:
    app: Sanic
    url: str
    draft: Draft

    def get(self, path: str, headers: Optional[Dict[str, str]] = None) -> Tuple[int, str, bytes]:
        _, reply = asyncio.run(self.app.asgi_client.get(f"{self.url}{path}", headers=headers or {}))
        return reply.status, reply.headers.get("content-type", ""), reply.body


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Served:
    store = DraftStore(tmp_path_factory.mktemp("fsd"))
    draft = published(store, pieces=6, intervention="suppression").draft
    app = Sanic("izia_fsd_http_test")
    register([FsdInput(store)], app, "/webhooks/")
    return Served(app, "/webhooks/fsd", draft)


def test_the_json_download(served: Served) -> None:
    status, content_type, body = served.get(f"/drafts/{served.draft.id}.json")
    assert (status, content_type) == (200, "application/json")
    assert json.loads(body)["id"] == served.draft.id


def test_the_xlsx_download(served: Served) -> None:
    status, content_type, body = served.get(f"/drafts/{served.draft.id}.xlsx")
    assert (status, content_type) == (200, XLSX_TYPE)
    assert body.startswith(b"PK")


def test_the_certificate_download(served: Served) -> None:
    status, content_type, body = served.get(f"/drafts/{served.draft.id}/ca.docx")
    assert (status, content_type) == (200, DOCX_TYPE)
    assert body.startswith(b"PK")


def test_an_unknown_draft_is_404(served: Served) -> None:
    assert served.get("/drafts/FSD-20241128-aaaaaaaaaaaaaaaa.json")[0] == 404


def test_an_unknown_extension_is_404(served: Served) -> None:
    assert served.get(f"/drafts/{served.draft.id}.db")[0] == 404


def test_the_list_without_token_is_401(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert served.get("/drafts")[0] == 401


def test_the_list_with_a_wrong_token_is_401(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert served.get("/drafts", {"Authorization": "Bearer autre-jeton"})[0] == 401


def test_the_list_is_closed_when_no_token_is_configured(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert served.get("/drafts", {"Authorization": "Bearer"})[0] == 401


def test_the_list_with_the_token_is_200(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    status, content_type, body = served.get("/drafts", {"Authorization": f"Bearer {TOKEN}"})
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
