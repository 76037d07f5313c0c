"""Every sentence the NLU is trained on, for the tests that keep evaluation sets out of it."""

from __future__ import annotations

from typing import Set

from ruamel.yaml import YAML

from izia.compiler import training_examples
from izia.knowledge import KnowledgeBase
from izia.knowledge.text import fold
from izia.paths import BOT_DIR


def trained_on(knowledge: KnowledgeBase) -> Set[str]:
    """Every training sentence, folded: the knowledge's and the hand-written NLU files'."""
    sentences = {fold(text) for item in knowledge.items.values() for text in training_examples(item)}
    for path in (BOT_DIR / "data" / "nlu").glob("*.yml"):
        if path.name.endswith(".generated.yml"):
            continue
        for block in YAML(typ="safe").load(path.read_text(encoding="utf-8"))["nlu"]:
            sentences |= {fold(line[2:]) for line in block["examples"].splitlines() if line.strip().startswith("- ")}
    return sentences
