"""``feedback report`` and ``feedback suggest`` on a small generated tracker store."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from feedback_analytics.review import read_review
from izia_cli.feedback import register
from synthetic_logs import ItemInfo, generate, write_log


def _run(argv: list) -> int:
    parser = argparse.ArgumentParser(prog="izia")
    parser.add_argument("--knowledge", type=Path)
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.run(args)


def _tracker(write_knowledge, tmp_path: Path) -> tuple:
    from izia.knowledge import validate

    knowledge_dir = write_knowledge()
    knowledge = validate(knowledge_dir)
    items = [ItemInfo(i.id, i.domain, i.title, i.examples) for i in knowledge.items.values()]
    database = tmp_path / "tracker.db"
    write_log(generate(items, conversations=120, covered_topics=1, seed=3, days=5), database)
    return knowledge_dir, database


@pytest.mark.slow
def test_report_writes_an_html_page_with_embedded_charts(write_knowledge, tmp_path: Path) -> None:
    knowledge_dir, database = _tracker(write_knowledge, tmp_path)
    page = tmp_path / "rapport.html"
    assert (
        _run(["--knowledge", str(knowledge_dir), "feedback", "report", "--tracker", str(database), "-o", str(page)])
        == 0
    )
    html = page.read_text(encoding="utf-8")
    assert "Conversations par jour" in html and html.count("data:image/png;base64,") >= 5


def test_suggest_writes_pending_suggestions(write_knowledge, tmp_path: Path) -> None:
    knowledge_dir, database = _tracker(write_knowledge, tmp_path)
    review = tmp_path / "revue.yml"
    assert (
        _run(["--knowledge", str(knowledge_dir), "feedback", "suggest", "--tracker", str(database), "-o", str(review)])
        == 0
    )
    suggestions = read_review(review)
    assert suggestions and all(s.decision == "en_attente" for s in suggestions)
