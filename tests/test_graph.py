"""`izia graph` draws a tree that staff can look at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from izia.graph import render, to_dot
from izia.knowledge import validate


def test_the_dot_graph_has_every_node_and_labelled_choice(write_knowledge) -> None:
    dot = to_dot(validate(write_knowledge()).item("centre_financier"))
    assert '"question" -> "ej" [label="EJ"];' in dot
    assert '"ej" -> "ej_fin";' in dot
    assert '"dp" [shape=box' in dot


def test_a_choice_to_another_item_is_drawn_as_a_folder(write_knowledge) -> None:
    dot = to_dot(validate(write_knowledge()).item("accueil"))
    assert '"item:centre_financier" [shape=folder];' in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz absent (installé par make setup)")
def test_the_svg_picture_is_rendered_by_graphviz(write_knowledge, tmp_path: Path) -> None:
    output = render(validate(write_knowledge()).item("centre_financier"), tmp_path / "arbre.svg")
    assert "<svg" in output.read_text(encoding="utf-8")
