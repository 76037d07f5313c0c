"""Faults survived with the embedded default, and nothing lost: the action server stopped,
the Rasa server killed mid-form, the data folder full or read-only.

The data folder is a small ext4 file system of its own (a loop device, mounted by the test as
root), so the test can fill it or remount it read-only under the running servers.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator, List

import pytest

from fsd_player import TYPED_ANSWERS, answer_until, current_question
from izia.fsd.store import DraftStore
from izia.inbound import UNAVAILABLE
from izia.server import Servers, free_port
from rasa_http import RestUser, api

pytestmark = pytest.mark.e2e

PASTE = "poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours"
DOMAIN_QUESTION = "Sur quel domaine porte la demande"
DISK_MB = 64


class DataDisk:
    """A file system of :data:`DISK_MB` MB mounted on a folder, that a test can fill or freeze."""

    def __init__(self, image: Path, folder: Path) -> None:
        self.image, self.folder = image, folder

    def __enter__(self) -> "DataDisk":
        subprocess.run(["truncate", "-s", f"{DISK_MB}M", str(self.image)], check=True)
        subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(self.image)], check=True)
        self.folder.mkdir(exist_ok=True)
        subprocess.run(["mount", "-o", "loop", str(self.image), str(self.folder)], check=True)
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["umount", str(self.folder)], check=True)

    @contextmanager
    def read_only(self) -> Iterator[None]:
        self._remount("ro")
        try:
            yield
        finally:
            self._remount("rw")

    @contextmanager
    def full(self) -> Iterator[None]:
        fillers = [self.folder / f"remplissage-{size}" for size in ("1M", "1k")]
        for filler in fillers:  # each stops at ENOSPC; the second takes the last blocks
            subprocess.run(
                ["dd", "if=/dev/zero", f"of={filler}", f"bs={filler.name.split('-')[1]}"], capture_output=True
            )
        try:
            yield
        finally:
            for filler in fillers:
                filler.unlink()

    def _remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.folder)], check=True)


@pytest.fixture(scope="module")
def disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DataDisk]:
    if os.geteuid() != 0:
        pytest.skip("monter un système de fichiers de test demande d'être root (c'est le cas de make test en CI)")
    root = tmp_path_factory.mktemp("izia-faults")
    with DataDisk(root / "data.ext4", root / "data") as mounted:
        yield mounted


@pytest.fixture(scope="module")
def servers(disk: DataDisk, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    running = Servers(
        rasa_port=free_port(),
        actions_port=free_port(),
        data_dir=disk.folder,
        log_dir=tmp_path_factory.mktemp("izia-faults-logs"),
        api_token="jeton-des-tests-de-pannes",
    )
    running.start()
    yield running
    running.stop()


def texts(messages: List[dict]) -> List[str]:
    return [message.get("text", "") for message in messages]


def database_is_sound(path: Path) -> bool:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_action_server_stopped_the_user_is_told_in_french_and_continues_where_they_were(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-panne-actions")
    asked = user.says(PASTE)
    assert texts(asked) == [DOMAIN_QUESTION]
    servers.stop("actions")
    started = time.monotonic()
    refused = user.clicks(asked, "EJ")
    assert time.monotonic() - started < 2.0
    assert texts(refused) == [UNAVAILABLE]
    servers.start_actions()
    associated = user.clicks(asked, "EJ")
    assert associated[0]["text"].startswith("Associé à ce message")
    assert associated[0]["custom"]["item_id"] == "poste_piece_non_reporte"


def test_rasa_killed_mid_form_and_restarted_continues_the_form_and_keeps_every_store(servers: Servers) -> None:
    rater = RestUser(servers.url, "agent-note")
    rater.says("bonjour")
    rater.says('/rate_conversation{"rating":"5"}')
    user = RestUser(servers.url, "agent-panne-rasa")
    user.says("quel temps fera-t-il demain ?")
    offer = user.says("raconte-moi une blague")
    asked = answer_until(user, user.clicks(offer, "Préparer la fiche service desk"), stop_at="pieces")
    events_before = len(api(servers, "/conversations/agent-panne-rasa/tracker")["events"])
    ratings_before = _rows(servers.data_dir / "feedback.db", "feedback")

    rasa = servers.processes["rasa"]
    os.kill(rasa.pid, signal.SIGKILL)
    rasa.wait()
    servers.start_rasa()

    assert len(api(servers, "/conversations/agent-panne-rasa/tracker")["events"]) == events_before
    assert current_question(asked)["custom"]["fsd_question"] == "pieces"
    after_pieces = user.says(TYPED_ANSWERS["pieces"])
    assert current_question(after_pieces)["custom"]["fsd_question"] != "pieces"
    published = answer_until(user, after_pieces)
    draft_id = next(m for m in published if "fsd" in m.get("custom", {}))["custom"]["fsd"]["id"]
    assert DraftStore(servers.data_dir / "fsd").get(draft_id) is not None
    assert _rows(servers.data_dir / "feedback.db", "feedback") == ratings_before >= 1
    assert database_is_sound(servers.data_dir / "tracker.db")


def test_a_full_disk_is_said_to_the_user_and_logged_and_corrupts_nothing(servers: Servers, disk: DataDisk) -> None:
    user = RestUser(servers.url, "agent-disque-plein")
    assert texts(user.says(PASTE)) == [DOMAIN_QUESTION]
    with disk.full():
        full = user.says("bonjour")
    assert texts(full) == [UNAVAILABLE]
    assert "database or disk is full" in _log(servers, "rasa")
    assert database_is_sound(servers.data_dir / "tracker.db")
    assert user.clicks(user.says(PASTE), "EJ")[0]["text"].startswith("Associé à ce message")


def test_a_read_only_data_folder_is_said_to_the_user_and_logged_and_corrupts_nothing(
    servers: Servers, disk: DataDisk
) -> None:
    user = RestUser(servers.url, "agent-lecture-seule")
    assert texts(user.says(PASTE)) == [DOMAIN_QUESTION]
    with disk.read_only():
        refused = user.says("bonjour")
    assert texts(refused) == [UNAVAILABLE]
    assert "readonly database" in _log(servers, "rasa")
    assert database_is_sound(servers.data_dir / "tracker.db")
    assert texts(user.says(PASTE)) == [DOMAIN_QUESTION]


def _rows(database: Path, table: str) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _log(servers: Servers, name: str) -> str:
    return (servers.log_dir / f"{name}.log").read_text(encoding="utf-8", errors="replace")
