"""The topic map (knowledge/topics/): read with file:line problems, and its coverage counted."""

from __future__ import annotations

from pathlib import Path

from izia.knowledge import KnowledgeBase, validate
from izia.knowledge.topics import coverage, load_topics
from izia.paths import KNOWLEDGE_DIR

MAP = """\
domain: messages_erreurs
systems: [coeur]
topics:
  - id: erreurs_centre_financier
    title: Centre financier inexistant dans le périmètre
    system: coeur
    tasks: Imputer un EJ ou une DP sur un centre financier.
    problems: Le centre financier n'est pas ouvert sur le périmètre.
    questions: ["mon CF n'existe pas"]
    sources: ["deck:L12"]
    confidence: high
    review: false
    items: [centre_financier]
  - id: erreurs_poste_reporte
    title: Poste de pièce non reporté
    system: coeur
    sources: []
    confidence: low
    review: true
    items: []
"""


def write_map(root: Path, text: str) -> Path:
    (root / "topics").mkdir(exist_ok=True)
    (root / "topics" / "messages_erreurs.yml").write_text(text, encoding="utf-8")
    return root


def test_a_map_is_read_with_its_items_and_counted_per_domain(write_knowledge) -> None:  # type: ignore[no-untyped-def]
    root = write_map(write_knowledge(), MAP)
    topics, problems = load_topics(root, validate(root))
    assert problems == []
    assert [(t.id, t.items) for t in topics] == [
        ("erreurs_centre_financier", ("centre_financier",)),
        ("erreurs_poste_reporte", ()),
    ]
    row = coverage(topics)[0]
    assert (row.domain, row.topics, row.covered, row.unsourced, row.review) == ("messages_erreurs", 2, 1, 1, 1)


def test_an_unknown_item_is_reported_with_its_line(write_knowledge) -> None:  # type: ignore[no-untyped-def]
    root = write_map(write_knowledge(), MAP.replace("items: [centre_financier]", "items: [fiche_fantome]"))
    _, problems = load_topics(root, validate(root))
    assert [(p.location.line, "fiche_fantome" in p.message) for p in problems] == [(13, True)]


def test_an_unsourced_topic_must_be_marked_for_review(write_knowledge) -> None:  # type: ignore[no-untyped-def]
    root = write_map(write_knowledge(), MAP.replace("    review: true\n", "    review: false\n"))
    _, problems = load_topics(root, validate(root))
    assert len(problems) == 1 and "review: true" in problems[0].message


def test_the_project_s_topic_map_has_no_problem(seed_knowledge: KnowledgeBase) -> None:
    topics, problems = load_topics(KNOWLEDGE_DIR, seed_knowledge)
    assert [str(problem) for problem in problems] == []
