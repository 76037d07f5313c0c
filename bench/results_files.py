"""Where every benchmark writes its figures: JSON for the next run and the tests, Markdown for people."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

RESULTS = Path(__file__).resolve().parent / "results"


def write_results(name: str, markdown: str, figures: Optional[Any] = None) -> Path:
    """``bench/results/<name>.md`` (and ``<name>.json`` when there are figures); says where."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    if figures is not None:
        (RESULTS / f"{name}.json").write_text(
            json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    page = RESULTS / f"{name}.md"
    page.write_text(markdown, encoding="utf-8")
    print(f"écrit : {page}")
    return page


def previous_results(name: str) -> dict:
    """The last figures written under ``name``, or an empty report."""
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
