"""The reply policy: answer the current question first, then the NLU, then « pas reconnu »."""

from __future__ import annotations

import pytest

from izia.conversation import Conversation, UserTurn
from izia.walker import Position, Walker

QUESTION = Position("centre_financier", "question")
PASTED = "Ctre financier 0300-ABCD-R002 n'existe pas ds périm."


@pytest.fixture
def conversation(small_walker: Walker) -> Conversation:
    return Conversation(small_walker)


def test_a_greeting_shows_the_welcome_menu(conversation: Conversation) -> None:
    turn = conversation.respond(None, UserTurn("bonjour", "accueil"))
    assert turn.messages[0].text == "Bonjour je suis IZIA."
    assert turn.position == Position("accueil", "menu")


def test_a_recognised_message_starts_its_item_even_mid_tree(conversation: Conversation) -> None:
    turn = conversation.respond(Position("accueil", "menu"), UserTurn(PASTED, "centre_financier"))
    assert turn.position == QUESTION


def test_a_button_click_follows_the_offered_choice(conversation: Conversation) -> None:
    turn = conversation.respond(QUESTION, UserTurn('/choose{"choice":"dp"}', "choose", {"choice": "dp"}))
    assert turn.messages[0].text == "Corrigez l'imputation de la DP."


def test_a_forged_payload_is_refused_and_the_question_asked_again(conversation: Conversation) -> None:
    turn = conversation.respond(QUESTION, UserTurn('/choose{"choice":"ej_fin"}', "choose", {"choice": "ej_fin"}))
    assert [m.text for m in turn.messages] == ["Ce choix n'est pas proposé à cette étape.", "Sur quel objet ?"]
    assert turn.position == QUESTION


def test_a_stale_button_after_the_tree_ended_shows_the_welcome_menu(conversation: Conversation) -> None:
    turn = conversation.respond(None, UserTurn('/choose{"choice":"dp"}', "choose", {"choice": "dp"}))
    assert turn.position == Position("accueil", "menu")


def test_typed_answer_wins_over_the_nlu_intent(conversation: Conversation) -> None:
    turn = conversation.respond(QUESTION, UserTurn("engagement juridique", "accueil"))
    assert turn.messages[0].text == "Le centre financier doit être ouvert sur l'exercice."


def test_an_unrecognised_message_mid_tree_says_so_and_asks_again(conversation: Conversation) -> None:
    turn = conversation.respond(QUESTION, UserTurn("quelle heure est-il", "nlu_fallback"))
    assert [m.text for m in turn.messages] == ["Je n'ai pas reconnu votre message.", "Sur quel objet ?"]


def test_an_unrecognised_message_outside_a_tree_says_so_and_offers_the_domains(conversation: Conversation) -> None:
    turn = conversation.respond(None, UserTurn("blabla", "nlu_fallback"))
    assert [m.text for m in turn.messages] == ["Je n'ai pas reconnu votre message.", "Bonjour je suis IZIA."]
    assert turn.position == Position("accueil", "menu")


def test_rating_asks_for_one_to_five_stars(conversation: Conversation) -> None:
    turn = conversation.respond(None, UserTurn("/rate_conversation", "rate_conversation"))
    assert [b.payload for b in turn.messages[0].buttons][0] == '/rate_conversation{"rating":"1"}'
    assert len(turn.messages[0].buttons) == 5


def test_a_rating_is_thanked(conversation: Conversation) -> None:
    turn = conversation.respond(None, UserTurn("/rate_conversation", "rate_conversation", {"rating": "4"}))
    assert turn.messages[0].text == "Merci pour votre avis."


def test_a_hesitant_nlu_offers_the_close_knowledge_items_but_not_the_welcome_as_buttons(conversation: Conversation) -> None:
    ranking = (("nlu_fallback", 0.4), ("centre_financier", 0.38), ("accueil", 0.35), ("choose", 0.2))
    turn = conversation.respond(None, UserTurn("centre pas bon", "nlu_fallback", ranking=ranking))
    assert turn.messages[0].text == "Vouliez-vous dire :"
    assert [(b.title, b.payload) for b in turn.messages[0].buttons] == [("Centre financier inexistant", "/centre_financier")]


def test_candidates_below_the_floor_are_not_suggested(conversation: Conversation) -> None:
    ranking = (("nlu_fallback", 0.4), ("centre_financier", 0.05))
    turn = conversation.respond(None, UserTurn("météo demain", "nlu_fallback", ranking=ranking))
    assert turn.messages[0].text == "Je n'ai pas reconnu votre message."
