"""The walker follows only the choices a node offers, whether clicked or typed."""

from __future__ import annotations

from izia.walker import Position, Walker, choice_payload

QUESTION = Position("centre_financier", "question")


def texts(turn) -> list:
    return [message.text for message in turn.messages]


def test_starting_an_item_asks_its_first_question_with_buttons(small_walker: Walker) -> None:
    turn = small_walker.start("centre_financier")
    assert texts(turn) == ["Sur quel objet ?"]
    assert [(b.title, b.payload) for b in turn.messages[0].buttons] == [
        ("EJ", '/choose{"choice":"ej"}'),
        ("DP", '/choose{"choice":"dp"}'),
    ]
    assert turn.position == QUESTION


def test_every_message_says_which_item_domain_and_node_it_comes_from(small_walker: Walker) -> None:
    message = small_walker.start("centre_financier").messages[0]
    assert message.custom == {"item_id": "centre_financier", "domain": "messages_erreurs", "node": "question"}


def test_a_say_node_flows_into_the_answer_then_the_closing_question(small_walker: Walker) -> None:
    turn = small_walker.choose(QUESTION, "ej")
    assert texts(turn) == [
        "Le centre financier doit être ouvert sur l'exercice.",
        "Corrigez l'imputation de l'EJ.",
        "Voulez-vous aborder un autre sujet ?",
    ]
    assert [b.title for b in turn.messages[-1].buttons] == [
        "Noter cette conversation",
        "Cela ne résout pas mon problème",
    ]
    assert turn.position is None


def test_a_choice_the_node_does_not_offer_is_refused(small_walker: Walker) -> None:
    assert small_walker.choose(QUESTION, "ej_fin") is None
    assert small_walker.choose(Position("centre_financier", "dp"), "ej") is None
    assert small_walker.choose(Position("inconnue", "question"), "ej") is None


def test_a_choice_leading_to_another_item_starts_it(small_walker: Walker) -> None:
    turn = small_walker.choose(Position("accueil", "menu"), "messages_d_erreurs")
    assert turn.position == QUESTION


def test_typed_label_selects_the_choice_whatever_the_case(small_walker: Walker) -> None:
    assert small_walker.match_choice(QUESTION, "ej").id == "ej"


def test_typed_synonym_without_accents_and_with_a_typo_selects_the_choice(small_walker: Walker) -> None:
    assert small_walker.match_choice(QUESTION, "engagment juridique").id == "ej"
    assert small_walker.match_choice(QUESTION, "DEMANDE DE PAIEMENT").id == "dp"


def test_a_short_answer_naming_one_choice_selects_it(small_walker: Walker) -> None:
    assert small_walker.match_choice(QUESTION, "c'est sur une DP").id == "dp"


def test_a_short_answer_naming_two_choices_is_left_to_the_nlu(small_walker: Walker) -> None:
    assert small_walker.match_choice(QUESTION, "EJ ou DP ?") is None


def test_a_pasted_error_message_is_left_to_the_nlu(small_walker: Walker) -> None:
    pasted = "Ctre financier 0141-CDOM-C001 n'existe pas ds périm. quand je crée mon EJ"
    assert small_walker.answer_text(QUESTION, pasted) is None


def test_reprompt_repeats_the_current_question_after_the_notice(small_walker: Walker) -> None:
    turn = small_walker.reprompt(QUESTION, "Ce choix n'est pas proposé à cette étape.")
    assert texts(turn) == ["Ce choix n'est pas proposé à cette étape.", "Sur quel objet ?"]
    assert turn.position == QUESTION


def test_choice_payload_is_a_rasa_intent_with_the_choice_entity() -> None:
    assert choice_payload("oui") == '/choose{"choice":"oui"}'
