"""The context a new FSD draft starts from, built from what the conversation already said."""

from __future__ import annotations

from izia.fsd.context import conversation_context, transcript
from izia.fsd.draft import BOT, USER
from izia.knowledge import KnowledgeBase

PASTE = "poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours"


def test_the_answered_item_comes_first_then_the_suggested_ones(seed_knowledge: KnowledgeBase) -> None:
    context = conversation_context(seed_knowledge, PASTE, "poste_piece_non_reporte", ("tiers_bloque",), (), [])
    assert [(p.item_id, p.matched) for p in context.proposed] == [
        ("poste_piece_non_reporte", True),
        ("tiers_bloque", False),
    ]
    assert context.domain == "messages_erreurs"


def test_a_recognised_piece_number_makes_a_piece_with_the_values_given(seed_knowledge: KnowledgeBase) -> None:
    values = (("numero_piece", "1508892764"), ("exercice", "2024"), ("numero_poste", "00003"))
    context = conversation_context(seed_knowledge, PASTE, "poste_piece_non_reporte", (), values, [])
    assert context.pieces == ({"numero_piece": "1508892764", "exercice": "2024"},)


def test_the_transcript_keeps_only_the_current_session() -> None:
    events = [
        {"event": "user", "text": "bonjour"},
        {"event": "session_started"},
        {"event": "user", "text": PASTE},
        {"event": "bot", "text": "Sur quel domaine porte la demande"},
        {"event": "slot", "name": "kb_node", "value": "domaine"},
    ]
    assert [(line.speaker, line.text) for line in transcript(events)] == [
        (USER, PASTE),
        (BOT, "Sur quel domaine porte la demande"),
    ]
