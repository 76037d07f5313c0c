"""The certificat administratif, « type V2 » model, as a Word document to sign.

The support may only touch a pièce on the written authority of a person the AIFE support knows (the CSP's head, deck L705): the document
says who authorises which intervention on which pièces, and leaves place, date and
signature blank for that signataire.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from izia.fsd.draft import Draft
from izia.fsd.rules import draft_needs_motif
from izia.fsd.settings import FsdSettings

COLUMNS = ("N°", "Société", "Année", "Domaine d'activité", "Mise", "Code motif si suppression")
BLANK = "…………………………"
TO_COMPLETE = "Les colonnes « Domaine d'activité » et « Mise » sont à compléter avant signature."


def render_certificate(settings: FsdSettings, draft: Draft) -> bytes:
    """Raises ``ValueError`` above the per-certificate limit, which the form never lets through."""
    if len(draft.pieces) > settings.limits.max_pieces:
        raise ValueError(f"un certificat administratif liste au plus {settings.limits.max_pieces} pièces")
    texts = settings.certificate
    intervention = settings.interventions[draft.intervention]
    document = Document()
    title = document.add_heading(texts.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = document.add_paragraph(f"{texts.model} — Fiche Service Desk {draft.id}")
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(
        texts.authorisation.format(
            signataire=draft.signataire,
            intervention=intervention.label,
            equipe_support=draft.equipe_support,
            code_ministere=draft.code_ministere,
            fsd_id=draft.id,
        )
    )
    motif = draft.code_motif if draft_needs_motif(settings, draft) else ""
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, COLUMNS, strict=False):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for piece in draft.pieces:
        values = (piece.numero, piece.societe, str(piece.exercice), "", "", motif)
        for cell, value in zip(table.add_row().cells, values, strict=False):
            cell.text = value
    document.add_paragraph(TO_COMPLETE)
    document.add_paragraph(f"Fait à {BLANK}, le {BLANK}")
    document.add_paragraph(f"{texts.signature} :")
    output = BytesIO()
    document.save(output)
    return output.getvalue()
