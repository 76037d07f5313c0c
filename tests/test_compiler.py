"""The compiler turns the knowledge into Rasa data that nobody edits by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from izia.compiler import GENERATED_HEADER, compile_knowledge, training_examples
from izia.knowledge import validate
from izia.paths import BOT_DIR


@pytest.fixture
def compiled(write_knowledge, tmp_path: Path) -> Path:
    bot = tmp_path / "bot"
    (bot / "domain").mkdir(parents=True)
    (bot / "domain" / "base.yml").write_text((BOT_DIR / "domain" / "base.yml").read_text(encoding="utf-8"))
    compile_knowledge(validate(write_knowledge()), bot)
    return bot


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_generated_files_say_they_are_generated(compiled: Path) -> None:
    for path in compiled.rglob("*.generated.yml"):
        assert path.read_text(encoding="utf-8").startswith(GENERATED_HEADER)


def test_each_item_becomes_an_intent(compiled: Path) -> None:
    assert load(compiled / "domain" / "knowledge.generated.yml")["intents"] == ["accueil", "centre_financier"]


def test_the_values_named_in_error_templates_become_entities(compiled: Path) -> None:
    assert load(compiled / "domain" / "knowledge.generated.yml")["entities"] == ["centre_financier"]


def test_every_intent_is_routed_to_action_izia(compiled: Path) -> None:
    rules = load(compiled / "data" / "rules" / "knowledge.generated.yml")["rules"]
    routed = {rule["steps"][0]["intent"] for rule in rules}
    hand_written = {"choose", "rate_conversation", "out_of_scope", "not_helpful", "fsd_start", "nlu_fallback"}
    assert routed == {"accueil", "centre_financier"} | hand_written
    assert all(rule["steps"][1] == {"action": "action_izia"} for rule in rules)


def test_error_templates_are_trained_with_varied_values(write_knowledge) -> None:
    item = validate(write_knowledge()).item("centre_financier")
    filled = [example for example in training_examples(item) if "n'existe pas ds périm" in example.lower()]
    assert len(filled) >= 6
    assert all("&1" not in example for example in filled)
    codes = {re.search(r"\d{4}-[a-z]{4}-[cdr]\d{3}", example.lower()).group(0) for example in filled}
    assert len(codes) == len(filled)


def test_training_examples_are_the_same_on_every_build(write_knowledge) -> None:
    item = validate(write_knowledge()).item("centre_financier")
    assert training_examples(item) == training_examples(item)


def test_reformulations_are_kept_as_written(write_knowledge) -> None:
    item = validate(write_knowledge()).item("centre_financier")
    assert training_examples(item)[:3] == list(item.examples)
