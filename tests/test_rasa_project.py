"""Rasa's own checks on the generated project: `rasa data validate` and `rasa test` stories."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from feedback_analytics.apply import check_stories
from izia.paths import BOT_DIR, KNOWLEDGE_DIR, MODELS_DIR

pytestmark = pytest.mark.rasa_test


def rasa(*arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run(
        [sys.executable, "-m", "rasa", *arguments], cwd=BOT_DIR, env=environment, capture_output=True, text=True
    )


def test_rasa_data_validate_passes() -> None:
    result = rasa("data", "validate", "--domain", "domain", "--data", "data", "--config", "config.yml")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_conversation_test_stories_pass() -> None:
    """The same check ``izia feedback apply`` makes after retraining."""
    model = MODELS_DIR / "izia.tar.gz"
    assert model.exists(), "modèle absent : lancez `make build` (fait par `make test`)"
    stories = check_stories(model, KNOWLEDGE_DIR, BOT_DIR)
    assert stories["returncode"] == 0, stories
    assert stories["total"] >= 5 and stories["correct"] == stories["total"], stories
