"""``izia fsd list``, through the ``register`` hook ``izia_cli/main.py`` plugs in."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from fsd_samples import published
from izia.fsd import DraftStore
from izia_cli.fsd import register


def run(arguments: list) -> int:
    main = argparse.ArgumentParser(prog="izia")
    register(main.add_subparsers(dest="command", required=True))
    args = main.parse_args(arguments)
    return args.run(args)


def test_list_prints_one_line_per_draft(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    draft = published(DraftStore(tmp_path), pieces=2).draft
    assert run(["fsd", "list", "--dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{draft.id}  2024-11-28T10:30:00  P3  2 pièces  Jean Martin")
    assert lines[-1] == f"1 brouillon dans {tmp_path}."


def test_list_without_drafts_says_so_and_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "absent"
    assert run(["fsd", "list", "--dir", str(folder)]) == 0
    assert capsys.readouterr().out == f"Aucun brouillon de FSD dans {folder}.\n"
    assert not folder.exists()
