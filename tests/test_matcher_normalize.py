"""Folding, SAP abbreviations, offsets and cut points: what the matcher compares."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from izia.matcher.normalize import split_words


def test_folds_case_accents_and_punctuation() -> None:
    assert split_words("Poste de PIÈCE n'a pas été reporté").words == (
        "poste",
        "de",
        "piece",
        "n",
        "a",
        "pas",
        "ete",
        "reporte",
    )


def test_writes_out_sap_abbreviations() -> None:
    assert (
        split_words("Ctre financier n'existe pas ds périm.").words
        == split_words("Centre financier n'existe pas dans périmètre").words
    )


def test_abbreviation_of_several_words_keeps_the_span_of_the_typed_word() -> None:
    words = split_words("mon EJ bloqué")
    assert words.words[1:3] == ("engagement", "juridique")
    assert {words.text[words.starts[i] : words.ends[i]] for i in (1, 2)} == {"EJ"}


def test_offsets_point_to_the_original_characters() -> None:
    text = "Ctre financier 0141-CDOM-C001 n'existe pas"
    words = split_words(text)
    assert [text[start:end] for start, end in zip(words.starts, words.ends, strict=False)][2:5] == [
        "0141",
        "CDOM",
        "C001",
    ]


def test_line_break_and_sentence_end_are_cut_points() -> None:
    words = split_words("budget épuisé\nposte reporté. Merci")
    assert words.boundary_after == (False, True, False, True, True)


def test_dot_of_an_abbreviation_is_not_a_cut_point() -> None:
    words = split_words("n'existe pas ds périm. financier")
    assert words.boundary_after[words.words.index("perimetre")] is False


def test_colon_is_not_a_cut_point() -> None:
    words = split_words("Enreg. impossible : comptab. budg. n'est pas active")
    assert not any(words.boundary_after[:-1])


def test_sap_message_id_is_dropped_and_ends_the_message() -> None:
    words = split_words("Budget annuel pr 0141 dépassé (Message no. FMCE002) merci")
    assert "fmce002" not in words.words
    assert words.boundary_after[words.words.index("depasse")] is True


def test_digits_capitals_and_glued_parts_look_like_values() -> None:
    words = split_words("société 1000 utilisateur DUPONTJ code 0141-cdom-c001 pour")
    shapes = dict(zip(words.words, words.value_like, strict=False))
    assert shapes["1000"] and shapes["dupontj"] and shapes["cdom"] and not shapes["pour"]


def test_capitals_do_not_mark_values_in_a_text_typed_in_capitals() -> None:
    words = split_words("POSTE DE PIECE 1508892764 N'A PAS ETE REPORTE")
    shapes = dict(zip(words.words, words.value_like, strict=False))
    assert shapes["1508892764"] and not shapes["reporte"]


def test_a_letter_that_folds_to_nothing_is_no_word_and_breaks_nothing() -> None:
    """Found by the webhook fuzz test: « Ð:0 » raised IndexError and the turn was lost."""
    assert list(split_words("Ð:0").words) == ["0"]


@settings(max_examples=3000, derandomize=True, database=None)
@given(st.text(max_size=60))
def test_any_text_splits_into_words_without_raising(text: str) -> None:
    words = split_words(text)
    assert len(words.words) == len(words.starts) == len(words.boundary_after) == len(words.glued)
