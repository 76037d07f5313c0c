"""The knowledge says what its source deck says (knowledge/sources/deck.txt, cited as deck:L<n>)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from izia.knowledge import KnowledgeBase
from izia.knowledge.model import Item, Location, Node
from izia.knowledge.sources import deck_problems, deck_range, item_text, read_deck
from izia.paths import KNOWLEDGE_DIR

DECK = read_deck(KNOWLEDGE_DIR / "sources" / "deck.txt")
# What a reviewer found contradicting the deck; each must stay fixed.
CONTRADICTIONS = {
    r"sign\w* par l'ordonnateur": "le certificat est signé par une personne autorisée (responsable du CSP)",
    r"s'adresse\w* (?:au|le) SEM|SEM ?/ ?CES-CHOREGIE": "l'utilisateur s'adresse à sa DSI, pas au SEM (le système d'échange)",
    r"statut «? ?[àa] envoyer au support ?»? pour compl": "on garde le statut et on sélectionne le correspondant",
}


def item(text: str, sources: tuple) -> Item:
    node = Node("fin", "answer", text, Location(Path("fiche.yml"), 9))
    return Item(
        "orga_role_cca",
        "general",
        "Rôle",
        "fin",
        {"fin": node},
        (),
        (),
        Location(Path("fiche.yml"), 1),
        sources=sources,
    )


def test_a_deck_source_names_a_line_or_a_range() -> None:
    assert (deck_range("deck:L672"), deck_range("deck:L672-688"), deck_range("https://aife.fr")) == (
        (672, 672),
        (672, 688),
        None,
    )


def test_an_item_citing_lines_beyond_the_deck_is_reported() -> None:
    [problem] = deck_problems(item("Le CCA ouvre la fiche.", ("deck:L99999",)), DECK)
    assert "ne désigne pas des lignes du support" in problem


def test_an_item_that_lost_every_key_term_of_its_lines_is_reported() -> None:
    cited = next(n for n, line in enumerate(DECK, 1) if "CCA" in line)
    [problem] = deck_problems(item("Adressez-vous à votre hiérarchie.", (f"deck:L{cited}",)), DECK)
    assert "aucun terme clé" in problem and "CCA" in problem


def test_every_deck_sourced_item_still_says_what_its_lines_say(seed_knowledge: KnowledgeBase) -> None:
    problems = [p for i in seed_knowledge.items.values() for p in deck_problems(i, DECK)]
    assert problems == []


@pytest.mark.parametrize("pattern", sorted(CONTRADICTIONS))
def test_no_item_repeats_a_statement_the_deck_contradicts(seed_knowledge: KnowledgeBase, pattern: str) -> None:
    found = [i.id for i in seed_knowledge.items.values() if re.search(pattern, item_text(i), re.IGNORECASE)]
    assert found == [], CONTRADICTIONS[pattern]


def test_every_item_has_a_source_or_is_marked_for_review(seed_knowledge: KnowledgeBase) -> None:
    unsourced = [i.id for i in seed_knowledge.items.values() if not i.sources and not i.review]
    assert unsourced == []
