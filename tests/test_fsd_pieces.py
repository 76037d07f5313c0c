"""Pièces: line parsing, French refusals, and the limits (20 per FSD, Excel above 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fsd_samples import NUMERO, TODAY, form, piece_lines, published, settings
from izia.fsd import ConversationContext, DraftStore, Piece
from izia.fsd.pieces import PieceRules, parse_pieces

RULES = PieceRules.from_limits(settings().limits, TODAY)
SAMPLE = Piece(NUMERO, "1200", 2024)


def test_a_line_gives_numero_societe_exercice() -> None:
    assert parse_pieces(f"{NUMERO} 1200 2024", RULES).pieces == (SAMPLE,)


@pytest.mark.parametrize("line", [f"{NUMERO};1200;2024", f"{NUMERO}\t1200\t2024", f" {NUMERO} , 1200 , 2024 "])
def test_excel_and_csv_separators_are_accepted(line: str) -> None:
    assert parse_pieces(line, RULES).pieces == (SAMPLE,)


def test_a_lower_case_societe_is_normalised() -> None:
    assert parse_pieces(f"{NUMERO} ab12 2024", RULES).pieces == (Piece(NUMERO, "AB12", 2024),)


def test_an_exercice_abc_is_explained_in_french() -> None:
    parsed = parse_pieces(f"{NUMERO} 1200 abc", RULES)
    assert parsed.pieces == ()
    assert parsed.errors == (
        f"« {NUMERO} 1200 abc » : « abc » n'est pas un exercice : indiquez l'année sur 4 chiffres, de 2008 à 2025.",
    )


def test_an_exercice_out_of_the_plausible_range_is_refused() -> None:
    assert "de 2008 à 2025" in parse_pieces(f"{NUMERO} 1200 1999", RULES).errors[0]


def test_a_numero_with_letters_is_refused() -> None:
    [error] = parse_pieces("15088A2764 1200 2024", RULES).errors
    assert "n'est pas un numéro de pièce : il compte 8 à 10 chiffres" in error


def test_a_societe_of_three_characters_is_refused() -> None:
    assert "n'est pas un code société" in parse_pieces(f"{NUMERO} 120 2024", RULES).errors[0]


def test_a_line_without_three_values_shows_the_expected_format() -> None:
    assert "par exemple « 1508892764 1200 2024 »" in parse_pieces(NUMERO, RULES).errors[0]


def test_good_lines_are_kept_when_another_line_is_wrong() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "pieces", f"{NUMERO} 1200 2024\n1508892765 1200 abc")
    assert not answered.accepted
    assert answered.draft.pieces == (SAMPLE,)
    assert "« abc » n'est pas un exercice" in answered.message


def test_a_wrong_line_leaves_the_question_open() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "pieces", "1508892765 1200 abc")
    assert "pieces" in fsd.missing(answered.draft)


def test_a_pièce_sent_twice_is_listed_once() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "pieces", f"{NUMERO} 1200 2024\n{NUMERO} 1200 2024")
    assert answered.draft.pieces == (SAMPLE,)
    assert "Déjà dans la liste" in answered.message


def test_aucune_closes_an_empty_list() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "pieces", "Aucune")
    assert answered.accepted and answered.draft.pieces_done and answered.draft.pieces == ()


def test_the_21st_pièce_is_refused_and_the_first_20_are_kept() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "pieces", piece_lines(21))
    assert not answered.accepted
    assert len(answered.draft.pieces) == 20
    assert answered.draft.pieces[-1].numero == str(int(NUMERO) + 19)
    assert (
        "Une FSD compte au plus 20 pièces : 1 pièce non ajoutée, à partir de 1508892784 / 1200 / 2024."
        in answered.message
    )


def test_a_21st_pièce_sent_later_is_refused_too() -> None:
    fsd = form()
    full = fsd.answer(fsd.start(ConversationContext()), "pieces", piece_lines(20)).draft
    answered = fsd.answer(full, "pieces", "1608892764 1200 2024")
    assert not answered.accepted
    assert answered.draft.pieces == full.pieces
    assert "au plus 20 pièces" in answered.message


@pytest.mark.parametrize("count, with_workbook", [(0, False), (1, False), (5, False), (6, True), (20, True)])
def test_the_excel_list_is_attached_only_above_five_pièces(tmp_path: Path, count: int, with_workbook: bool) -> None:
    store = DraftStore(tmp_path)
    draft = published(store, pieces=count).draft
    assert len(draft.pieces) == count
    assert ("xlsx" in draft.attachments) is with_workbook
    assert (store.file(draft.id, "xlsx") is not None) is with_workbook


def test_21_pièces_publish_the_first_20(tmp_path: Path) -> None:
    draft = published(DraftStore(tmp_path), pieces=21).draft
    assert len(draft.pieces) == 20 and "xlsx" in draft.attachments


def test_above_five_pièces_the_text_points_to_the_excel_file(tmp_path: Path) -> None:
    text = published(DraftStore(tmp_path), pieces=6).paste_text
    assert "Pièces concernées (6) : liste dans le fichier Excel joint (pieces.xlsx)" in text
    assert NUMERO not in text.split("Pièces concernées")[1].split("Intervention")[0]


def test_up_to_five_pièces_the_text_lists_them(tmp_path: Path) -> None:
    text = published(DraftStore(tmp_path), pieces=5).paste_text
    assert f"- {NUMERO} / 1200 / 2024" in text and "- 1508892768 / 1200 / 2024" in text


def test_a_complete_pièce_from_the_conversation_is_prefilled() -> None:
    pieces = ({"numero_piece": NUMERO, "societe": "1200", "exercice": "2024"},)
    assert form().start(ConversationContext(pieces=pieces)).pieces == (SAMPLE,)


def test_a_lone_numero_from_the_conversation_is_asked_about() -> None:
    fsd = form()
    draft = fsd.start(ConversationContext(pieces=({"numero_piece": NUMERO},)))
    assert draft.pieces == ()
    question = fsd.question(draft, "pieces").text
    assert f"La conversation cite la pièce {NUMERO} : indiquez-la avec sa société et son exercice." in question


def test_the_lone_numero_is_forgotten_once_given_in_full() -> None:
    fsd = form()
    draft = fsd.start(ConversationContext(pieces=({"numero_piece": NUMERO},)))
    assert fsd.answer(draft, "pieces", f"{NUMERO} 1200 2024").draft.pending_numeros == ()


def test_the_question_recalls_the_pièces_already_noted() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "pieces", piece_lines(7) + "\n1508892799 1200 abc").draft
    assert "J'ai déjà noté 7 pièces : 1508892764 / 1200 / 2024," in fsd.question(draft, "pieces").text
    assert "1508892768 / 1200 / 2024 et 2 autres." in fsd.question(draft, "pieces").text
