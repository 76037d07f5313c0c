"""Every path of every tree in the real knowledge ends in an answer, not in a dead end."""

from __future__ import annotations

from typing import List, Tuple

from izia.knowledge import KnowledgeBase
from izia.walker import Position, Walker
from seed_conversation import DOMAINS


def every_choice(knowledge: KnowledgeBase) -> List[Tuple[Position, str]]:
    return [
        (Position(item.id, node.id), choice.id)
        for item in knowledge.items.values()
        for node in item.nodes.values()
        for choice in node.choices
    ]


def test_every_item_starts_with_a_message_from_that_item(seed_walker: Walker) -> None:
    for item_id in seed_walker.knowledge.items:
        first = seed_walker.start(item_id).messages[0]
        assert first.item_id == item_id and first.text


def test_every_choice_leads_to_a_question_or_an_ending(seed_walker: Walker) -> None:
    closing = seed_walker.knowledge.message("closing")
    rate = seed_walker.knowledge.message("rate_button")
    for position, choice_id in every_choice(seed_walker.knowledge):
        turn = seed_walker.choose(position, choice_id)
        assert turn is not None, (position, choice_id)
        last = turn.messages[-1]
        if turn.position is None:
            assert last.text == closing or rate in [b.title for b in last.buttons] or turn.escalate, (
                position,
                choice_id,
            )
        else:
            assert last.buttons, (position, choice_id)


def test_the_welcome_offers_the_thirteen_domains_in_the_product_order(seed_walker: Walker) -> None:
    welcome = seed_walker.welcome().messages[0]
    assert [b.title for b in welcome.buttons] == DOMAINS


def test_resolution_texts_written_beyond_the_sources_are_marked_for_review(seed_knowledge: KnowledgeBase) -> None:
    seed = seed_knowledge.item("poste_piece_non_reporte")
    assert seed.review
    assert all(node.review for node in seed.nodes.values() if node.kind == "answer")
