"""The benchmark's held-out questions stay out of the training data (issue #3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation import load_questions
from izia.knowledge import KnowledgeBase
from izia.knowledge.text import fold
from izia.paths import REPO_ROOT
from training_data import trained_on

HELDOUT_SETS = sorted((REPO_ROOT / "bench" / "data").glob("heldout*.yml"))


@pytest.mark.parametrize("path", HELDOUT_SETS, ids=lambda p: p.name)
def test_no_held_out_question_is_a_training_example(path: Path, seed_knowledge: KnowledgeBase) -> None:
    training = trained_on(seed_knowledge)
    leaked = [text for text, _ in load_questions(path, set(seed_knowledge.items)) if fold(text) in training]
    assert leaked == []


def test_the_main_held_out_set_has_300_questions_and_off_topic_ones(seed_knowledge: KnowledgeBase) -> None:
    cases = load_questions(REPO_ROOT / "bench" / "data" / "heldout.yml", set(seed_knowledge.items))
    assert sum(1 for _, item in cases if item) >= 300 and sum(1 for _, item in cases if item is None) >= 50


def test_an_unknown_item_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "heldout.yml"
    path.write_text(
        'questions:\n  - text: "bonjour"\n    item: "accueil"\n  - text: "DP bloquée"\n    item: "inconnue"\nout_of_scope: []\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"heldout.yml:4: fiche « inconnue » inconnue"):
        load_questions(path, {"accueil"})
