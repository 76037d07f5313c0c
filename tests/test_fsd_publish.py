"""Publishing: the text to paste, the JSON, the reminders and the download links."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from fsd_samples import ANSWERS, BASE_URL, ERROR, NOW, complete_draft, context, form, published
from izia.fsd import BOT, USER, DraftIncomplete, DraftStore, TranscriptLine, publish


def test_an_incomplete_draft_is_not_published(tmp_path: Path) -> None:
    with pytest.raises(DraftIncomplete) as incomplete:
        publish(form(), form().start(context()), DraftStore(tmp_path), BASE_URL, now=NOW)
    assert "« Catégorie de regroupement » n'est pas encore renseigné." in incomplete.value.problems


def test_the_paste_text_carries_every_field(tmp_path: Path) -> None:
    text = published(DraftStore(tmp_path)).paste_text
    for line in [
        f"Description : {ANSWERS['description']}",
        "Catégorie de regroupement : Engagement Juridique",
        "Catégorie : Incident",
        "Type de message : Demande d'assistance",
        "Équipe de support : M06_00CENT00",
        "Code ministère : MIN06",
        "Déclaré par : Jean Martin",
        "Correspondant :",
        "Statut : Nouveau",
        "Priorité recommandée : 3 : moyenne",
        ERROR,
    ]:
        assert line in text.splitlines()


def test_the_paste_text_says_what_izia_already_proposed(tmp_path: Path) -> None:
    draft = complete_draft(start=form().start(context()))
    text = publish(form(), draft, DraftStore(tmp_path), BASE_URL, now=NOW).paste_text
    assert "- Fiche reconnue : Poste de pièce non reporté dans l'exercice en cours (poste_piece_non_reporte)" in text
    assert "IZIA : Sur quel domaine porte la demande" in text


def test_a_long_turn_is_cut_in_the_paste_text_and_kept_in_the_json(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    long_turn = "z" * 10_000
    draft = replace(complete_draft(), transcript=(TranscriptLine(USER, long_turn),))
    text = publish(form(), draft, store, BASE_URL, now=NOW).paste_text
    assert "(9\u202f500 caractères de plus dans le JSON joint)" in text
    stored = json.loads(store.file(store.list()[0].id, "json").read_text(encoding="utf-8"))
    assert stored["transcript"][0]["text"] == long_turn


def test_a_draft_for_a_cca_is_addressed_to_them(tmp_path: Path) -> None:
    text = published(DraftStore(tmp_path), est_cca="non", cca="Sophie Leroy").paste_text
    assert "À transmettre à : Sophie Leroy (CCA), seul habilité à créer la fiche" in text
    assert "Seul un CCA désigné par le CSP et connu du support ministériel (SN1) peut créer la fiche" in text


def test_every_draft_reminds_the_screenshot_and_never_sn2(tmp_path: Path) -> None:
    reminders = published(DraftStore(tmp_path)).reminders
    assert "Joignez à la fiche une capture d'écran du (ou des) message(s) d'erreur." in reminders
    assert any("directement au support de l'AIFE (SN2)" in reminder for reminder in reminders)


def test_chorus_formulaires_drafts_recall_the_chorus_service_desk(tmp_path: Path) -> None:
    reminders = published(DraftStore(tmp_path), regroupement="Chorus Formulaires").reminders
    assert (
        "Les incidents Chorus Formulaires s'adressent par le service desk de Chorus, et non par "
        "l'outil de signalement des incidents intégré à Chorus Formulaires." in reminders
    )


def test_other_drafts_do_not_mention_chorus_formulaires(tmp_path: Path) -> None:
    assert not any("Chorus Formulaires" in reminder for reminder in published(DraftStore(tmp_path)).reminders)


def test_the_json_holds_the_draft_and_what_the_rules_derived(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    draft = published(store, intervention="suppression").draft
    document = json.loads(store.file(draft.id, "json").read_text(encoding="utf-8"))
    assert document["id"] == draft.id
    assert document["priorite_recommandee"] == "3 : moyenne"
    assert document["certificat_requis"] is True
    assert document["pieces"] == [{"numero": "1508892764", "societe": "1200", "exercice": 2024}]


def test_links_point_at_the_channel_routes(tmp_path: Path) -> None:
    published_draft = published(DraftStore(tmp_path), pieces=6, intervention="contrepassation")
    draft_id = published_draft.draft.id
    assert {kind: link.url for kind, link in published_draft.links.items()} == {
        "json": f"{BASE_URL}/webhooks/fsd/drafts/{draft_id}.json",
        "xlsx": f"{BASE_URL}/webhooks/fsd/drafts/{draft_id}.xlsx",
        "ca": f"{BASE_URL}/webhooks/fsd/drafts/{draft_id}/ca.docx",
    }


def test_a_republished_draft_keeps_its_id_and_drops_stale_files(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    first = published(store, pieces=6).draft
    fewer = replace(first, pieces=first.pieces[:2])
    again = publish(form(), fewer, store, BASE_URL, now=NOW).draft
    assert again.id == first.id and store.file(first.id, "xlsx") is None
    assert [draft.id for draft in store.list()] == [first.id]


def test_the_transcript_speaker_names_are_french(tmp_path: Path) -> None:
    transcript = (TranscriptLine(USER, "bonjour"), TranscriptLine(BOT, "Bonjour, je suis IZIA."))
    draft = replace(complete_draft(), transcript=transcript)
    text = publish(form(), draft, DraftStore(tmp_path), BASE_URL, now=NOW).paste_text
    assert "Utilisateur : bonjour\nIZIA : Bonjour, je suis IZIA." in text
