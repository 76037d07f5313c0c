"""The Excel list of pièces, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from fsd_samples import NUMERO, published
from izia.fsd import DraftStore


def rows_of(tmp_path: Path, pieces: int) -> Tuple[List[list], Worksheet]:
    store = DraftStore(tmp_path)
    draft = published(store, pieces=pieces).draft
    sheet = load_workbook(store.file(draft.id, "xlsx")).active
    return [list(row) for row in sheet.iter_rows(values_only=True)], sheet


def test_the_sheet_starts_with_the_column_headers(tmp_path: Path) -> None:
    rows, sheet = rows_of(tmp_path, 6)
    assert sheet.title == "Pièces"
    assert rows[0] == ["N° de pièce", "Société", "Exercice"]


def test_there_is_one_row_per_pièce_in_order(tmp_path: Path) -> None:
    rows, _ = rows_of(tmp_path, 7)
    assert rows[1:] == [[str(int(NUMERO) + i), "1200", 2024] for i in range(7)]


def test_numeros_are_stored_as_text(tmp_path: Path) -> None:
    _, sheet = rows_of(tmp_path, 6)
    assert sheet["A2"].data_type == "s" and sheet["A2"].number_format == "@"
