"""Validate the knowledge, compile it into Rasa's data, train: what ``izia build`` does.

``python -m izia.build <knowledge folder>`` runs it with the bot folder of the environment
(``IZIA_BOT_DIR``), which is how the feedback loop rebuilds a copy of the project.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from izia.compiler import compile_knowledge
from izia.fsd import FsdSettingsInvalid, load_fsd_settings
from izia.fsd.loader import FSD_FILE
from izia.knowledge import KnowledgeBase, KnowledgeInvalid, validate
from izia.paths import BOT_DIR, MODELS_DIR


def validated(knowledge_dir: Path) -> KnowledgeBase:
    """The knowledge and the FSD settings beside it, or every problem with its file:line."""
    try:
        knowledge = validate(knowledge_dir)
        load_fsd_settings(knowledge_dir / FSD_FILE)
    except (KnowledgeInvalid, FsdSettingsInvalid) as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(f"{len(invalid.problems)} problème(s) à corriger dans {knowledge_dir}.", file=sys.stderr)
        raise SystemExit(1) from None
    nodes = sum(len(item.nodes) for item in knowledge.items.values())
    templates = sum(len(item.error_templates) for item in knowledge.items.values())
    print(f"Connaissances valides : {len(knowledge.items)} fiches, {nodes} nœuds, {templates} messages d'erreur.")
    return knowledge


def build(knowledge_dir: Path, train: bool = True) -> int:
    """Compiles then trains; Rasa itself skips training when nothing changed."""
    knowledge = validated(knowledge_dir)
    for path in compile_knowledge(knowledge, BOT_DIR):
        print(f"généré : {path.relative_to(BOT_DIR.parent)}")
    if not train:
        return 0
    command = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain",
        "--data",
        "data",
        "--out",
        str(MODELS_DIR),
        "--fixed-model-name",
        "izia",
    ]
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run(command, cwd=BOT_DIR, env=environment).returncode


if __name__ == "__main__":
    raise SystemExit(build(Path(sys.argv[1])))
