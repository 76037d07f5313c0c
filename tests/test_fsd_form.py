"""The form: prefilled from the conversation, asks only the rest, refuses bad input in French
without losing anything already entered.
"""

from __future__ import annotations

from dataclasses import replace

from fsd_samples import ANSWERS, ERROR, ITEM, complete_draft, context, form
from izia.fsd import ConversationContext, Draft, ProposedItem

HUNDRED_KB = "x" * 100_000


def test_the_conversation_prefills_message_description_and_defaults() -> None:
    draft = form().start(context())
    assert draft.message_erreur == ERROR
    assert draft.description == ITEM.title
    assert (draft.equipe_support, draft.code_ministere, draft.statut) == ("M06_00CENT00", "MIN06", "Nouveau")
    assert draft.type_message == "Demande d'assistance"
    assert draft.correspondant == ""


def test_the_domain_prefills_the_regroupement() -> None:
    assert form().start(context(domain="chorus_formulaires")).regroupement == "Chorus Formulaires"


def test_the_transcript_and_proposed_items_are_kept() -> None:
    suggested = ProposedItem("domaine_workflow", "Problème sur un Workflow", matched=False)
    draft = form().start(context(proposed=(ITEM, suggested)))
    assert draft.proposed == (ITEM, suggested)
    assert draft.transcript == context().transcript


def test_a_suggested_item_does_not_become_the_description() -> None:
    suggested = ProposedItem("domaine_workflow", "Problème sur un Workflow", matched=False)
    assert form().start(context(proposed=(suggested,))).description == ""


def test_only_what_the_conversation_did_not_give_is_asked() -> None:
    fsd = form()
    missing = fsd.missing(fsd.start(context()))
    assert "message_erreur" not in missing and "description" not in missing
    assert missing[0] == "regroupement"


def test_the_questions_come_in_order_until_the_draft_is_complete() -> None:
    fsd = form()
    draft = complete_draft()
    assert fsd.next_question(draft) is None and fsd.problems(draft) == []


def test_an_empty_description_is_refused_in_french() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "description", "   ")
    assert not answered.accepted
    assert answered.message.startswith("« Description » ne peut pas rester vide.")


def test_an_empty_description_keeps_the_previous_one() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "description", "DP bloquée").draft
    assert fsd.answer(draft, "description", "").draft.description == "DP bloquée"


def test_a_too_long_description_says_the_limit() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "description", "y" * 61)
    assert not answered.accepted
    assert "« Description » : 60 caractères au plus, votre réponse en compte 61." in answered.message


def test_a_100_kb_message_is_refused_with_an_explanation() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "message_erreur", HUNDRED_KB)
    assert not answered.accepted
    assert "Votre réponse compte 100\u202f000 caractères" in answered.message
    assert "« Message d'erreur », qui en admet 2\u202f000 au plus." in answered.message
    assert "Copiez seulement le message affiché par Chorus" in answered.message


def test_a_100_kb_message_keeps_the_message_already_entered() -> None:
    fsd = form()
    draft = fsd.start(context())
    assert fsd.answer(draft, "message_erreur", HUNDRED_KB).draft == draft


def test_a_100_kb_message_from_the_conversation_is_asked_again() -> None:
    fsd = form()
    draft = fsd.start(context(error_message=HUNDRED_KB))
    assert draft.message_erreur == ""
    assert "message_erreur" in fsd.missing(draft)


def test_a_100_kb_pièce_list_is_refused_as_a_whole() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "pieces", "1508892764 1200 2024\n" * 5000)
    assert not answered.accepted and answered.draft.pieces == ()
    assert "Envoyez au plus 20 pièces" in answered.message


def test_a_refused_answer_never_changes_other_fields() -> None:
    fsd = form()
    draft = complete_draft()
    for field, text in [("impact", "énorme"), ("est_cca", "peut-être"), ("categorie", ""), ("cca", HUNDRED_KB)]:
        assert fsd.answer(draft, field, text).draft == draft


def test_an_unknown_choice_lists_the_choices() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "categorie", "panne")
    assert (
        "« panne » ne correspond à aucun choix pour « Catégorie ». Les choix sont : Demande, Incident."
        in answered.message
    )


def test_choices_ignore_case_and_accents() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "regroupement", "recettes NON fiscales")
    assert answered.draft.regroupement == "Recettes non fiscales"


def test_a_word_of_a_single_choice_is_enough() -> None:
    fsd = form()
    answered = fsd.answer(fsd.start(ConversationContext()), "intervention", "rapprochement")
    assert answered.draft.intervention == "rapprochement"


def test_a_user_who_is_not_cca_is_asked_for_their_cca() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "est_cca", "non").draft
    assert "cca" in fsd.missing(draft)


def test_a_cca_is_not_asked_for_a_cca() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "est_cca", "Oui, je suis CCA").draft
    assert draft.est_cca is True and "cca" not in fsd.missing(draft)


def test_the_support_team_can_be_corrected_but_must_look_like_a_code() -> None:
    fsd = form()
    draft = fsd.start(ConversationContext())
    assert fsd.answer(draft, "equipe_support", "m06_00cent01").draft.equipe_support == "M06_00CENT01"
    assert not fsd.answer(draft, "code_ministere", "ministère 6").accepted


def test_problems_name_what_is_missing() -> None:
    fsd = form()
    problems = fsd.problems(replace(complete_draft(), declare_par=""))
    assert problems == ["« Déclaré par » n'est pas encore renseigné."]


def test_a_draft_survives_the_round_trip_through_a_slot() -> None:
    draft = complete_draft(pieces=2)
    assert Draft.from_dict(draft.to_dict()) == draft


def test_an_old_slot_with_unknown_keys_still_loads() -> None:
    old_slot = {"description": ANSWERS["description"], "ancien_champ": 1}
    assert Draft.from_dict(old_slot).description == ANSWERS["description"]
