"""The learning loop end to end (issue #6): agents' unanswered questions go through the real
server, support staff run ``izia feedback report`` and ``suggest``, retarget the subject in the
review file, ``apply`` merges, retrains and checks, and the same questions are then answered.

Runs on a copy of the knowledge and of the Rasa project, so the repository is left untouched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Set

import pytest

from feedback_analytics.review import RETARGET, read_review, set_decisions
from izia.paths import BOT_DIR, KNOWLEDGE_DIR, MODELS_DIR
from izia.server import Servers, free_port
from rasa_http import RestUser

pytestmark = pytest.mark.e2e

# In one ministry, agents call Chorus Pro's rejection of an invoice « la moulinette aux tampons
# rouges »: nobody wrote that wording, so IZIA does not understand it yet.
QUESTIONS = [
    "la moulinette des tampons rouges refuse ma liasse",
    "ma liasse est refusée par la moulinette des tampons rouges",
    "moulinette des tampons rouges : liasse refusée encore",
]
TARGET = "cpro_facture_non_analysee"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dict[str, Path]:
    """A copy of the knowledge and the Rasa project, with the model ``make build`` trained."""
    assert (MODELS_DIR / "izia.tar.gz").exists(), "modèle absent : lancez `make build` (fait par `make test`)"
    knowledge = shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge")
    bot = shutil.copytree(BOT_DIR, tmp_path / "bot", ignore=shutil.ignore_patterns(".rasa", "results", "__pycache__"))
    monkeypatch.setenv("IZIA_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("IZIA_BOT_DIR", str(bot))
    return {"knowledge": Path(knowledge), "bot": Path(bot), "data": tmp_path / "data", "work": tmp_path}


@pytest.fixture
def serve(project: Dict[str, Path]) -> Iterator[List[Servers]]:
    """Starts the servers on the copy when asked; every server started is stopped at the end."""
    started: List[Servers] = []
    yield started
    for servers in started:
        servers.stop()


def start(project: Dict[str, Path], started: List[Servers]) -> Servers:
    servers = Servers(
        rasa_port=free_port(),
        actions_port=free_port(),
        data_dir=project["data"],
        models_dir=project["bot"] / "models",
        log_dir=project["data"] / "logs",
    )
    started.append(servers)
    return servers.start()


def items_reached(servers: Servers, sender: str, text: str) -> Set[str]:
    return {
        str(m.get("custom", {}).get("item_id")) for m in RestUser(servers.url, sender).says(text) if m.get("custom")
    }


def izia(project: Dict[str, Path], *arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "izia_cli.main", "--knowledge", str(project["knowledge"]), *arguments]
    return subprocess.run(command, cwd=project["work"], capture_output=True, text=True, timeout=900)


def test_unanswered_questions_are_answered_after_review_apply_and_retraining(
    project: Dict[str, Path], serve: List[Servers]
) -> None:
    before = start(project, serve)
    for index, question in enumerate(QUESTIONS):
        assert TARGET not in items_reached(before, f"agent-{index}", question)
    before.stop()

    tracker = str(project["data"] / "tracker.db")
    report = izia(project, "feedback", "report", "--tracker", tracker, "-o", str(project["work"] / "rapport.html"))
    assert report.returncode == 0, report.stderr
    assert "moulinette" in (project["work"] / "rapport.html").read_text(encoding="utf-8")

    review = project["work"] / "revue.yml"
    suggested = izia(project, "feedback", "suggest", "--tracker", tracker, "-o", str(review))
    assert suggested.returncode == 0, suggested.stderr
    [subject] = [s for s in read_review(review) if set(QUESTIONS) <= set(s.messages)]
    set_decisions(review, {subject.id: {"decision": RETARGET, "cible": TARGET}})

    applied = izia(
        project,
        "feedback",
        "apply",
        str(review),
        "--bot",
        str(project["bot"]),
        "--report",
        str(project["work"] / "apply.md"),
    )
    assert applied.returncode == 0, applied.stdout[-3000:] + applied.stderr[-3000:]
    assert "messages reconnus par la fiche voulue : 3/3" in applied.stdout
    assert "histoires de test de conversation : toutes passent" in applied.stdout

    after = start(project, serve)
    for index, question in enumerate(QUESTIONS):
        assert TARGET in items_reached(after, f"agent-after-{index}", question)
