"""The pièces as an Excel workbook, which the service desk requires above five pièces."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from izia.fsd.draft import Draft

SHEET_TITLE = "Pièces"
HEADERS = ("N° de pièce", "Société", "Exercice")
WIDTHS = {"A": 16, "B": 10, "C": 10}


def render_workbook(draft: Draft) -> bytes:
    """One header row, then one row per pièce; numéros are text so no leading zero is lost."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for piece in draft.pieces:
        sheet.append((piece.numero, piece.societe, piece.exercice))
        sheet.cell(row=sheet.max_row, column=1).number_format = "@"
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    workbook.properties.title = f"Pièces de la Fiche Service Desk {draft.id}"
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
