"""Draws one scenario tree as Graphviz DOT: staff would rather look than read."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import List

from izia.knowledge.model import Item

SHAPES = {"say": "note", "ask": "diamond", "answer": "box", "escalate": "octagon", "end": "doublecircle"}
LABEL_WIDTH = 60


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _short(text: str) -> str:
    first_line = text.strip().splitlines()[0]
    return first_line if len(first_line) <= LABEL_WIDTH else first_line[: LABEL_WIDTH - 1] + "…"


def to_dot(item: Item) -> str:
    lines: List[str] = [
        f"digraph {_quote(item.id)} {{",
        f"  label={_quote(f'{item.title} ({item.id})')}; labelloc=t; rankdir=TB;",
        '  node [fontname="Marianne,Arial", fontsize=10];',
    ]
    for node in item.nodes.values():
        label = f"{node.id}\\n{_short(node.text)}"
        style = ', style=filled, fillcolor="#fff3cd"' if node.review else ""
        lines.append(
            f'  {_quote(node.id)} [shape={SHAPES[node.kind]}, label="{label.replace(chr(34), chr(39))}"{style}];'
        )
    for node in item.nodes.values():
        if node.next:
            lines.append(f"  {_quote(node.id)} -> {_quote(node.next)};")
        for choice in node.choices:
            target = choice.goto
            if choice.target_item:
                lines.append(f"  {_quote(target)} [shape=folder];")
            lines.append(f"  {_quote(node.id)} -> {_quote(target)} [label={_quote(choice.label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(item: Item, output: Path) -> Path:
    """Writes ``output`` as DOT, or as SVG/PNG through Graphviz when the suffix asks for it."""
    dot_text = to_dot(item)
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.suffix == ".dot":
        output.write_text(dot_text, encoding="utf-8")
        return output
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError("Graphviz (commande « dot ») est absent : apt-get install -y graphviz, ou demandez un .dot.")
    subprocess.run([dot, f"-T{output.suffix.lstrip('.')}", "-o", str(output)], input=dot_text, text=True, check=True)
    return output
