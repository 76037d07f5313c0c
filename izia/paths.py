"""Where the project's folders are, overridable by environment variables for deployments."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE_DIR = Path(os.environ.get("IZIA_KNOWLEDGE_DIR", REPO_ROOT / "knowledge"))
BOT_DIR = Path(os.environ.get("IZIA_BOT_DIR", REPO_ROOT / "bot"))
DATA_DIR = Path(os.environ.get("IZIA_DATA_DIR", REPO_ROOT / "var"))
MODELS_DIR = BOT_DIR / "models"
