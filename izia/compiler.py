"""Compiles the knowledge into Rasa training data, so the DSL is the single source of truth.

Generated files carry a header saying so and are rebuilt on every ``izia build``; they are
not committed. Every intent, knowledge or not, is routed to ``action_izia`` by one rule,
because the dialogue itself lives in the trees, not in stories.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import List

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from izia.contract import ACTION, FALLBACK_INTENT
from izia.knowledge.model import Item, KnowledgeBase
from izia.samples import fill

GENERATED_HEADER = (
    "# FICHIER GÉNÉRÉ par `izia build` à partir de knowledge/ : ne pas modifier à la main,\n"
    "# modifiez les fiches de connaissance puis relancez `izia build`.\n"
)
GENERATED_SUFFIX = ".generated.yml"
RASA_FORMAT = "3.1"
SEED = 20241
VARIANTS_PER_TEMPLATE = 8
SAP_PREFIXES = ("", "erreur dans le système de gestion : ", "Erreur : ", "")


@dataclass(frozen=True)
class BotPaths:
    """Where the generated files go inside the Rasa project."""

    root: Path

    @property
    def nlu(self) -> Path:
        return self.root / "data" / "nlu" / f"knowledge{GENERATED_SUFFIX}"

    @property
    def rules(self) -> Path:
        return self.root / "data" / "rules" / f"knowledge{GENERATED_SUFFIX}"

    @property
    def domain(self) -> Path:
        return self.root / "domain" / f"knowledge{GENERATED_SUFFIX}"

    @property
    def base_domain(self) -> Path:
        return self.root / "domain" / "base.yml"


def compile_knowledge(knowledge: KnowledgeBase, bot_root: Path) -> List[Path]:
    """Writes the NLU data, domain intents and rules for ``knowledge``; returns the files."""
    paths = BotPaths(bot_root)
    items = sorted(knowledge.items.values(), key=lambda item: item.id)
    intents = [item.id for item in items]
    routed = sorted(set(intents) | set(_base_intents(paths.base_domain)) | {FALLBACK_INTENT})
    _write(paths.nlu, {"version": RASA_FORMAT, "nlu": [_nlu_entry(item) for item in items]})
    entities = sorted({name for item in items for t in item.error_templates for name in t.entities.values()})
    entities = [name for name in entities if name not in _base_entities(paths.base_domain)]
    _write(paths.domain, {"version": RASA_FORMAT, "intents": intents, "entities": entities})
    _write(paths.rules, {"version": RASA_FORMAT, "rules": [_rule(intent) for intent in routed]})
    return [paths.nlu, paths.domain, paths.rules]


def training_examples(item: Item) -> List[str]:
    """The reformulations and the title, then each error template filled with fresh values."""
    rng = random.Random(f"{SEED}:{item.id}")
    examples = [*item.examples, item.title]
    for template in item.error_templates:
        for index in range(VARIANTS_PER_TEMPLATE):
            text = SAP_PREFIXES[index % len(SAP_PREFIXES)] + fill(template, rng)
            examples.append(text.lower() if index % 3 == 2 else text)
    return list(dict.fromkeys(" ".join(example.split()) for example in examples))


def _nlu_entry(item: Item) -> dict:
    lines = "".join(f"- {example}\n" for example in training_examples(item))
    return {"intent": item.id, "examples": LiteralScalarString(lines)}


def _rule(intent: str) -> dict:
    return {"rule": f"{intent} -> {ACTION}", "steps": [{"intent": intent}, {"action": ACTION}]}


def _base_names(base_domain: Path, key: str) -> List[str]:
    """Intent or entity names of the hand-written domain (a name, or a name with options)."""
    data = YAML(typ="safe").load(base_domain.read_text(encoding="utf-8")) or {}
    return [entry if isinstance(entry, str) else next(iter(entry)) for entry in data.get(key, [])]


def _base_intents(base_domain: Path) -> List[str]:
    return _base_names(base_domain, "intents")


def _base_entities(base_domain: Path) -> List[str]:
    return _base_names(base_domain, "entities")


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.width = 4096  # type: ignore[assignment]  # ruamel declares it None
    with path.open("w", encoding="utf-8") as handle:
        handle.write(GENERATED_HEADER)
        yaml.dump(data, handle)
