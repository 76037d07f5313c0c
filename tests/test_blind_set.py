"""The blind evaluation set (bench/blind/): written by an outsider, measured once, never trained on."""

from __future__ import annotations

from ruamel.yaml import YAML

from izia.knowledge import KnowledgeBase
from izia.knowledge.text import fold
from izia.paths import REPO_ROOT
from training_data import trained_on

BLIND = YAML(typ="safe").load((REPO_ROOT / "bench" / "blind" / "blind_set.yml").read_text(encoding="utf-8"))


def test_the_blind_set_has_300_in_scope_and_80_off_topic_questions() -> None:
    assert len(BLIND["questions"]) >= 300 and len(BLIND["off_topic"]) >= 80


def test_every_blind_question_names_a_support_domain(seed_knowledge: KnowledgeBase) -> None:
    assert {question["domain"] for question in BLIND["questions"]} == set(seed_knowledge.settings.domains) - {"general"}


def test_no_blind_question_is_a_training_example(seed_knowledge: KnowledgeBase) -> None:
    training = trained_on(seed_knowledge)
    texts = [question["text"] for question in BLIND["questions"]] + list(BLIND["off_topic"])
    assert [text for text in texts if fold(text) in training] == []
