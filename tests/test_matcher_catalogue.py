"""Compiling the knowledge's error templates into words and slots, and retrieving them."""

from __future__ import annotations

from pathlib import Path

from conftest import KnowledgeWriter
from izia.knowledge import validate
from izia.knowledge.model import ErrorTemplate, Location
from izia.matcher import Matcher, compile_template, compile_templates
from izia.matcher.catalogue import SLOT
from izia.matcher.index import TemplateIndex
from izia.matcher.normalize import split_words

HERE = Location(Path("test.yml"), 1)


def test_numbered_placeholders_become_slots_with_their_separator() -> None:
    compiled = compile_template("poste", ErrorTemplate("Poste de pièce &1/&2 n'a pas été reporté", {}, HERE))
    assert compiled is not None
    assert compiled.elements[:5] == ("poste", "de", "piece", SLOT, SLOT)
    assert [slot.separator for slot in compiled.slots] == [None, "/"]


def test_bare_ampersand_and_xxx_are_placeholders_with_their_entities() -> None:
    compiled = compile_template(
        "cf", ErrorTemplate("Ctre financier XXX n'existe pas ds périm. &", {"XXX": "centre_financier"}, HERE)
    )
    assert compiled is not None
    assert [(slot.placeholder, slot.entity) for slot in compiled.slots] == [("XXX", "centre_financier"), ("&", None)]


def test_punctuation_before_a_placeholder_is_kept() -> None:
    compiled = compile_template("lot", ErrorTemplate("Lot importé sous le n° &1", {}, HERE))
    assert compiled is not None and compiled.slots[0].lead == "°"


def test_template_without_words_is_left_out() -> None:
    assert compile_template("vide", ErrorTemplate("&1 &2", {}, HERE)) is None


def test_catalogue_is_built_from_the_knowledge_dsl(write_knowledge: KnowledgeWriter) -> None:
    matcher = Matcher.from_knowledge(validate(write_knowledge()))
    assert [(t.item_id, t.text) for t in matcher.templates] == [
        ("centre_financier", "Ctre financier &1 n'existe pas ds périm.")
    ]


def test_index_ranks_the_template_sharing_the_most_words_first() -> None:
    templates = compile_templates(
        [
            ("budget", ErrorTemplate("Budget annuel pr &1 dépassé de &2", {}, HERE)),
            ("poste", ErrorTemplate("Poste de pièce &1/&2 n'a pas été reporté dans exercice en cours", {}, HERE)),
            ("cf", ErrorTemplate("Ctre financier XXX n'existe pas ds périm.", {}, HERE)),
        ]
    )
    index = TemplateIndex(templates)
    words = split_words("poste de piece 1/2 n a pas ete reporte").words
    assert templates[index.candidates(words, limit=3, min_recall=0.1)[0]].item_id == "poste"


def test_index_completes_a_word_cut_by_the_user() -> None:
    index = TemplateIndex(
        compile_templates([("cf", ErrorTemplate("Ctre financier XXX n'existe pas ds périm.", {}, HERE))])
    )
    assert index.completions("peri") == ["perimetre"]
