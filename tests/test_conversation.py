"""The reply policy: answer the current question first, then the NLU, then « pas reconnu »,
then, on the second miss, the offer of a service-desk draft.
"""

from __future__ import annotations

import pytest

from izia.conversation import Conversation, Memory, UserTurn
from izia.walker import Position, Walker

QUESTION = Position("centre_financier", "question")
PASTED = "Ctre financier 0300-ABCD-R002 n'existe pas ds périm."
GARBLED = UserTurn("ça marche pas du tout", "nlu_fallback", ranking=(("nlu_fallback", 0.4), ("centre_financier", 0.05)))


@pytest.fixture
def conversation(small_walker: Walker) -> Conversation:
    return Conversation(small_walker)


def texts(reply) -> list:
    return [message.text for message in reply.turn.messages]


def test_a_greeting_shows_the_welcome_menu(conversation: Conversation) -> None:
    reply = conversation.respond(None, UserTurn("bonjour", "accueil"))
    assert texts(reply) == ["Bonjour je suis IZIA."]
    assert reply.turn.position == Position("accueil", "menu")


def test_a_recognised_message_starts_its_item_even_mid_tree(conversation: Conversation) -> None:
    reply = conversation.respond(Position("accueil", "menu"), UserTurn(PASTED, "centre_financier"))
    assert reply.turn.position == QUESTION


def test_the_message_that_started_an_item_is_remembered_for_the_draft(conversation: Conversation) -> None:
    user = UserTurn(PASTED, "centre_financier", {"centre_financier": "0300-ABCD-R002"})
    memory = conversation.respond(None, user).memory
    assert (memory.subject, memory.item_id, memory.entities) == (
        PASTED,
        "centre_financier",
        (("centre_financier", "0300-ABCD-R002"),),
    )


def test_a_button_click_follows_the_offered_choice(conversation: Conversation) -> None:
    reply = conversation.respond(QUESTION, UserTurn('/choose{"choice":"dp"}', "choose", {"choice": "dp"}))
    assert texts(reply)[0] == "Corrigez l'imputation de la DP."


def test_a_forged_payload_is_refused_and_the_question_asked_again(conversation: Conversation) -> None:
    reply = conversation.respond(QUESTION, UserTurn('/choose{"choice":"ej_fin"}', "choose", {"choice": "ej_fin"}))
    assert texts(reply) == ["Ce choix n'est pas proposé à cette étape.", "Sur quel objet ?"]
    assert reply.turn.position == QUESTION


def test_a_stale_button_after_the_tree_ended_shows_the_welcome_menu(conversation: Conversation) -> None:
    reply = conversation.respond(None, UserTurn('/choose{"choice":"dp"}', "choose", {"choice": "dp"}))
    assert reply.turn.position == Position("accueil", "menu")


def test_typed_answer_wins_over_the_nlu_intent(conversation: Conversation) -> None:
    reply = conversation.respond(QUESTION, UserTurn("engagement juridique", "accueil"))
    assert texts(reply)[0] == "Le centre financier doit être ouvert sur l'exercice."


def test_an_unrecognised_message_mid_tree_says_so_and_asks_again(conversation: Conversation) -> None:
    reply = conversation.respond(QUESTION, GARBLED)
    assert texts(reply) == ["Je n'ai pas reconnu votre message.", "Sur quel objet ?"]
    assert reply.memory.misses == 1 and reply.memory.subject == GARBLED.text


def test_an_unrecognised_message_outside_a_tree_offers_the_domains(conversation: Conversation) -> None:
    reply = conversation.respond(None, GARBLED)
    assert texts(reply) == ["Je n'ai pas reconnu votre message.", "Bonjour je suis IZIA."]
    assert reply.turn.position == Position("accueil", "menu")


def test_the_second_miss_in_a_row_offers_a_service_desk_draft(conversation: Conversation) -> None:
    first = conversation.respond(None, GARBLED)
    second = conversation.respond(first.turn.position, GARBLED, first.memory)
    assert texts(second) == ["Je n'ai toujours pas trouvé de réponse. Voulez-vous préparer une fiche service desk ?"]
    assert [b.payload for b in second.turn.messages[0].buttons] == ["/fsd_start", "/accueil"]


def test_a_recognised_message_between_two_misses_resets_the_count(conversation: Conversation) -> None:
    first = conversation.respond(None, GARBLED)
    recognised = conversation.respond(None, UserTurn(PASTED, "centre_financier"), first.memory)
    again = conversation.respond(None, GARBLED, recognised.memory)
    assert texts(again)[0] == "Je n'ai pas reconnu votre message."


def test_an_answer_that_did_not_help_offers_a_service_desk_draft(conversation: Conversation) -> None:
    reply = conversation.respond(None, UserTurn("/not_helpful", "not_helpful"), Memory(subject=PASTED))
    assert texts(reply) == [
        "Désolée que cette réponse ne vous ait pas aidé. Voulez-vous préparer une fiche service desk ?"
    ]
    assert reply.memory.subject == PASTED


def test_accepting_the_offer_starts_the_draft_form(conversation: Conversation) -> None:
    reply = conversation.respond(None, UserTurn("/fsd_start", "fsd_start"), Memory(subject=PASTED))
    assert reply.start_fsd and reply.memory.subject == PASTED


def test_a_hesitant_nlu_offers_the_close_items_but_not_the_welcome(conversation: Conversation) -> None:
    ranking = (("nlu_fallback", 0.4), ("centre_financier", 0.38), ("accueil", 0.35), ("choose", 0.2))
    reply = conversation.respond(None, UserTurn("centre pas bon", "nlu_fallback", ranking=ranking))
    assert texts(reply) == ["Je n'ai pas reconnu votre message.", "Vouliez-vous dire :"]
    assert [(b.title, b.payload) for b in reply.turn.messages[1].buttons] == [
        ("Centre financier inexistant", "/centre_financier")
    ]
    assert reply.memory.suggested == ("centre_financier",)


def test_a_sure_domain_without_a_sure_item_offers_that_domains_closest_items(conversation: Conversation) -> None:
    ranking = (("nlu_fallback", 0.4), ("centre_financier", 0.32), ("accueil", 0.2))
    domains = (("messages_erreurs", 0.8), ("connexion", 0.1))
    reply = conversation.respond(None, UserTurn("souci de centre", "nlu_fallback", ranking=ranking, domains=domains))
    assert texts(reply) == ["Votre question semble porter sur le domaine « Messages d'erreurs » :"]
    assert [b.payload for b in reply.turn.messages[0].buttons] == ["/centre_financier"]


def test_rating_asks_for_one_to_five_stars(conversation: Conversation) -> None:
    reply = conversation.respond(None, UserTurn("/rate_conversation", "rate_conversation"))
    assert [b.payload for b in reply.turn.messages[0].buttons][0] == '/rate_conversation{"rating":"1"}'
    assert len(reply.turn.messages[0].buttons) == 5


def test_a_rating_is_thanked(conversation: Conversation) -> None:
    reply = conversation.respond(None, UserTurn("/rate_conversation", "rate_conversation", {"rating": "4"}))
    assert texts(reply) == ["Merci pour votre avis."]


def test_memory_survives_the_slot_round_trip() -> None:
    memory = Memory(1, PASTED, "centre_financier", ("a", "b"), (("exercice", "2024"),))
    assert Memory.from_dict(memory.as_dict()) == memory


DOMAINE_FONCTIONNEL = """\
id: domaine_fonctionnel
domain: messages_erreurs
title: Domaine fonctionnel non valable
examples: [domaine fonctionnel invalide, DF pas valable, le domaine fonctionnel est refusé]
start: reponse
nodes:
  reponse:
    answer: Choisissez un domaine fonctionnel ouvert sur l'exercice.
"""
TWO_MESSAGES = "Ctre financier 0300-ABCD-R002 n'existe pas ds périm.\nLe domaine fonctionnel 0141-01 n'est pas valable"


@pytest.fixture
def two_items(write_knowledge) -> Conversation:
    from izia.knowledge import validate

    return Conversation(Walker(validate(write_knowledge({"domaine_fonctionnel.yml": DOMAINE_FONCTIONNEL}))))


def test_a_paste_of_two_known_messages_announces_both_and_starts_with_the_first(two_items: Conversation) -> None:
    user = UserTurn(TWO_MESSAGES, "centre_financier", matches=("centre_financier", "domaine_fonctionnel"))
    reply = two_items.respond(None, user)
    assert (
        texts(reply)[0]
        == "J'ai reconnu 2 messages :\n1. Centre financier inexistant\n2. Domaine fonctionnel non valable"
    )
    assert reply.turn.position == QUESTION
    assert reply.memory.pending == ("domaine_fonctionnel",)


def test_the_end_of_the_first_tree_offers_the_next_pasted_message(two_items: Conversation) -> None:
    user = UserTurn(TWO_MESSAGES, "centre_financier", matches=("centre_financier", "domaine_fonctionnel"))
    first = two_items.respond(None, user)
    answered = two_items.respond(QUESTION, UserTurn('/choose{"choice":"dp"}', "choose", {"choice": "dp"}), first.memory)
    offer = answered.turn.messages[-1]
    assert offer.text == "Message suivant :"
    assert [(b.title, b.payload) for b in offer.buttons] == [
        ("Domaine fonctionnel non valable", "/domaine_fonctionnel")
    ]


def test_taking_the_next_pasted_message_empties_the_queue_and_keeps_the_paste(two_items: Conversation) -> None:
    memory = Memory(subject=TWO_MESSAGES, item_id="centre_financier", pending=("domaine_fonctionnel",))
    reply = two_items.respond(None, UserTurn("/domaine_fonctionnel", "domaine_fonctionnel"), memory)
    assert texts(reply)[0] == "Choisissez un domaine fonctionnel ouvert sur l'exercice."
    assert reply.memory.pending == () and reply.memory.subject == TWO_MESSAGES


def test_a_good_rating_is_recorded_with_the_subject(conversation: Conversation) -> None:
    memory = Memory(subject=PASTED, item_id="centre_financier")
    reply = conversation.respond(None, UserTurn("/rate_conversation", "rate_conversation", {"rating": "5"}), memory)
    assert (reply.feedback.kind, reply.feedback.rating, reply.feedback.item_id) == ("rating", 5, "centre_financier")


def test_a_low_rating_asks_what_did_not_suit_and_the_ministry(conversation: Conversation) -> None:
    reply = conversation.respond(None, UserTurn("/rate_conversation", "rate_conversation", {"rating": "2"}))
    assert texts(reply) == ["Qu'est-ce qui ne vous a pas convenu ? Votre code ministère ?"]
    assert reply.feedback is None and reply.memory.awaiting_comment == 2


def test_the_comment_after_a_low_rating_is_recorded_with_the_ministry_code(conversation: Conversation) -> None:
    comment = "La réponse ne parle pas de mon cas de DP, je suis au min06"
    reply = conversation.respond(None, UserTurn(comment, "nlu_fallback"), Memory(awaiting_comment=2))
    assert (reply.feedback.rating, reply.feedback.comment, reply.feedback.ministry) == (2, comment, "MIN06")
    assert texts(reply) == ["Merci pour votre avis."] and reply.memory.awaiting_comment == 0


def test_an_answer_that_did_not_help_is_recorded_as_a_thumbs_down(conversation: Conversation) -> None:
    memory = Memory(subject=PASTED, item_id="centre_financier")
    reply = conversation.respond(None, UserTurn("/not_helpful", "not_helpful"), memory)
    assert (reply.feedback.kind, reply.feedback.item_id, reply.feedback.subject) == (
        "answer_down",
        "centre_financier",
        PASTED,
    )


def test_a_comment_sent_with_the_stars_is_recorded_at_once(conversation: Conversation) -> None:
    user = UserTurn("/rate_conversation", "rate_conversation", {"rating": "1"}, comment="Pas de réponse (MIN06)")
    reply = conversation.respond(None, user)
    assert (reply.feedback.rating, reply.feedback.ministry) == (1, "MIN06")
    assert texts(reply) == ["Merci pour votre avis."]
