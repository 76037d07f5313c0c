"""The review file and the merge of accepted reformulations into knowledge files."""

from __future__ import annotations

from pathlib import Path

from feedback_analytics.analysis import Subject
from feedback_analytics.apply import add_examples, merge
from feedback_analytics.review import ACCEPT, REJECT, RETARGET, read_review, set_decisions, write_review

ITEM = """\
# Fiche de test : le commentaire d'en-tête doit survivre.
id: valideur_absent
domain: workflow
title: Valideur absent
examples:
  - mon valideur est absent   # commentaire en fin de ligne
  - le valideur est en congé
  - valideur absent que faire
start: reponse
nodes:
  reponse:
    answer: >-
      Demandez une délégation
      à votre gestionnaire.
"""


def test_adding_examples_keeps_comments_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "valideur_absent.yml"
    path.write_text(ITEM, encoding="utf-8")
    assert add_examples(path, ["mon chef est en vacances, qui valide ?"]) == ["mon chef est en vacances, qui valide ?"]
    expected = ITEM.replace(
        "  - valideur absent que faire\n", "  - valideur absent que faire\n  - mon chef est en vacances, qui valide ?\n"
    )
    assert path.read_text(encoding="utf-8") == expected


def test_known_examples_are_not_added_twice_accents_and_case_aside(tmp_path: Path) -> None:
    path = tmp_path / "valideur_absent.yml"
    path.write_text(ITEM, encoding="utf-8")
    assert add_examples(path, ["Le valideur est en conge"]) == []
    assert path.read_text(encoding="utf-8") == ITEM


def _subjects() -> list:
    return [
        Subject(
            "s001",
            3,
            ["mon chef valideur est en vacances", "valideur parti en congés"],
            ["valideur"],
            "centre_financier",
            0.5,
            True,
        ),
        Subject("s002", 2, ["quel temps demain"], ["temps"], "accueil", 0.1, False),
    ]


def test_the_review_file_round_trips_decisions(tmp_path: Path) -> None:
    review = tmp_path / "revue.yml"
    assert write_review(_subjects(), review) == 2
    set_decisions(review, {"s001": {"decision": ACCEPT}, "s002": {"decision": REJECT}})
    suggestions = read_review(review)
    assert [s.decision for s in suggestions] == [ACCEPT, REJECT]
    assert suggestions[0].accepted and not suggestions[1].accepted
    assert review.read_text(encoding="utf-8").startswith("# Suggestions d'IZIA")


def test_merge_adds_accepted_messages_to_the_retargeted_item_and_validates(write_knowledge, tmp_path: Path) -> None:
    knowledge_dir = write_knowledge()
    review = tmp_path / "revue.yml"
    write_review(_subjects(), review)
    set_decisions(review, {"s002": {"decision": RETARGET, "cible": "centre_financier"}})
    report = merge(read_review(review), knowledge_dir)
    assert report.valid and report.added == {"centre_financier": ["quel temps demain"]}


def test_merge_to_an_unknown_item_changes_nothing(write_knowledge, tmp_path: Path) -> None:
    knowledge_dir = write_knowledge()
    before = {p: p.read_text(encoding="utf-8") for p in knowledge_dir.rglob("*.yml")}
    review = tmp_path / "revue.yml"
    write_review(_subjects(), review)
    set_decisions(review, {"s001": {"decision": RETARGET, "cible": "fiche_inconnue"}})
    report = merge(read_review(review), knowledge_dir)
    assert report.added == {} and "fiche_inconnue" in report.problems[0]
    assert {p: p.read_text(encoding="utf-8") for p in knowledge_dir.rglob("*.yml")} == before
