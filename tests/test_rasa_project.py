"""Rasa's own checks on the generated project: `rasa data validate` and `rasa test` stories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from izia.paths import BOT_DIR, MODELS_DIR

pytestmark = pytest.mark.rasa_test


def rasa(*arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run(
        [sys.executable, "-m", "rasa", *arguments], cwd=BOT_DIR, env=environment, capture_output=True, text=True
    )


def test_rasa_data_validate_passes() -> None:
    result = rasa("data", "validate", "--domain", "domain", "--data", "data", "--config", "config.yml")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_conversation_test_stories_pass(tmp_path: Path) -> None:
    model = MODELS_DIR / "izia.tar.gz"
    assert model.exists(), "modèle absent : lancez `make build` (fait par `make test`)"
    result = rasa(
        "test",
        "core",
        "--stories",
        "tests",
        "--model",
        str(model),
        "--out",
        str(tmp_path),
        "--fail-on-prediction-errors",
        "--e2e",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((tmp_path / "story_report.json").read_text(encoding="utf-8"))
    stories = report["conversation_accuracy"]
    assert stories["total"] >= 5 and stories["correct"] == stories["total"], stories
