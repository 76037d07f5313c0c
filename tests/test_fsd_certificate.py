"""The certificat administratif: when it is required, and the Word document to sign."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from fsd_samples import ANSWERS, NUMERO, form, published, settings
from izia.fsd import ConversationContext, DraftStore
from izia.fsd.rules import needs_certificate

RULE = [
    ("passage_acteur_suivant", True),
    ("relance_workflow_ae", True),
    ("modification_table", True),
    ("comptabilisation", True),
    ("suppression", True),
    ("rapprochement", True),
    ("contrepassation", True),
    ("relance_workflow", False),
    ("aucune", False),
]


@pytest.mark.parametrize("intervention, required", RULE)
def test_the_certificate_rule_for_each_intervention(intervention: str, required: bool) -> None:
    assert needs_certificate(settings(), intervention) is required


def test_the_rule_covers_every_intervention_of_the_file() -> None:
    assert {intervention for intervention, _ in RULE} == set(settings().interventions)


def test_an_unknown_intervention_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        needs_certificate(settings(), "reboot")


def test_a_certificate_intervention_asks_who_authorises_it() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "intervention", "Comptabilisation").draft
    assert "signataire" in fsd.missing(draft)
    assert "code_motif" not in fsd.missing(draft)


def test_a_suppression_also_asks_the_code_motif() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "intervention", "suppression").draft
    assert {"signataire", "code_motif"} <= set(fsd.missing(draft))


def test_no_intervention_asks_for_no_signataire() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "intervention", "aucune").draft
    assert "signataire" not in fsd.missing(draft)


def test_a_certificate_needs_at_least_one_pièce() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "intervention", "contrepassation").draft
    answered = fsd.answer(draft, "pieces", "aucune")
    assert not answered.accepted
    assert "certificat administratif qui liste les pièces" in answered.message


def test_a_certificate_is_attached_only_when_required(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    without = published(store, intervention="relance_workflow").draft
    assert "ca" not in without.attachments and store.file(without.id, "ca") is None


def document_of(tmp_path: Path, pieces: int = 3, **answers: str) -> Document:
    store = DraftStore(tmp_path)
    draft = published(store, pieces=pieces, **answers).draft
    return Document(str(store.file(draft.id, "ca")))


def test_the_document_is_titled_certificat_administratif(tmp_path: Path) -> None:
    document = document_of(tmp_path, intervention="rapprochement")
    assert document.paragraphs[0].text == "CERTIFICAT ADMINISTRATIF"
    assert "type V2" in document.paragraphs[1].text


def test_the_document_says_who_authorises_which_intervention(tmp_path: Path) -> None:
    text = "\n".join(p.text for p in document_of(tmp_path, intervention="rapprochement").paragraphs)
    assert f"Je soussigné(e) {ANSWERS['signataire']} autorise le Support CHORUS à procéder à l'intervention" in text
    assert "l'intervention suivante : Rapprochement / dé-rapprochement" in text


def test_the_table_has_the_v2_columns_and_one_row_per_pièce(tmp_path: Path) -> None:
    table = document_of(tmp_path, pieces=3, intervention="rapprochement").tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["N°", "Société", "Année", "Domaine d'activité", "Mise", "Code motif si suppression"]
    assert rows[1:] == [[str(int(NUMERO) + i), "1200", "2024", "", "", ""] for i in range(3)]


def test_a_suppression_puts_the_code_motif_on_each_row(tmp_path: Path) -> None:
    table = document_of(tmp_path, pieces=2, intervention="suppression", code_motif="Z3").tables[0]
    assert [row.cells[5].text for row in table.rows[1:]] == ["Z3", "Z3"]


def test_the_document_leaves_place_date_and_signature_blank(tmp_path: Path) -> None:
    text = "\n".join(p.text for p in document_of(tmp_path, intervention="comptabilisation").paragraphs)
    assert "Fait à …………………………, le …………………………" in text
    assert "Cachet et signature de la personne autorisée (responsable du CSP)" in text


def test_twenty_pièces_fit_on_one_certificate(tmp_path: Path) -> None:
    assert len(document_of(tmp_path, pieces=20, intervention="comptabilisation").tables[0].rows) == 21
