"""Recognition of real Chorus/SAP messages as users paste them: every kind of noise, the
messages that must not be taken for known ones, several messages at once, and the values.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from izia.knowledge import load_knowledge
from izia.knowledge.model import ErrorTemplate, Location
from izia.matcher import Match, Matcher, compile_templates
from izia.paths import KNOWLEDGE_DIR

HERE = Location(Path("test.yml"), 1)

# Real messages (SAP T100 French short texts and Chorus Pro messages), one item each.
CATALOGUE = [
    (
        "poste_piece_non_reporte",
        "Poste de pièce &1/&2 n'a pas été reporté dans exercice en cours",
        {"&1": "numero_piece", "&2": "numero_poste"},
    ),
    ("centre_financier_inexistant", "Ctre financier XXX n'existe pas ds périm.", {"XXX": "centre_financier"}),
    ("budget_annuel_depasse", "Budget annuel pr &1 dépassé de &2", {"&1": "adresse_budgetaire", "&2": "montant"}),
    ("budget_annuel_depasse", "Budget annuel de &2 est épuisé pour &1", {"&1": "adresse_budgetaire"}),
    ("budget_annuel_presque_epuise", "Budget annuel pour &1 presque épuisé", {"&1": "adresse_budgetaire"}),
    ("budget_global_depasse", "Le budget global est dépassé de &1 &2", {"&1": "montant", "&2": "devise"}),
    (
        "code_service_destinataire",
        "Le code service de la structure publique destinataire est inconnu ou inactif dans Chorus Pro",
        {},
    ),
    ("reference_facture_absente", "Auc. réf. facture de comptabilité budgétaire dans données ventil. pièce", {}),
    (
        "comptabilite_budgetaire_inactive",
        "Enreg. impossible : comptab. budg. n'est pas active dans la société &1.",
        {"&1": "societe"},
    ),
    (
        "nature_comptable_non_imputable",
        "Le montant chargé sous la nature compt. & ne peut pas être imputé",
        {"&": "nature_comptable"},
    ),
    ("periode_comptable_fermee", "Période comptable & & n'est pas ouverte", {}),
    ("fiori_indisponible", "Impossible d'ouvrir l'application. Réessayez ultérieurement.", {}),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(compile_templates((item, ErrorTemplate(text, entities, HERE)) for item, text, entities in CATALOGUE))


def recognised(matcher: Matcher, text: str) -> Optional[str]:
    matches = matcher.match(text)
    return matches[0].item_id if matches else None


def only(matcher: Matcher, text: str) -> Match:
    matches = matcher.match(text)
    assert len(matches) == 1, matches
    return matches[0]


# --- Noise ----------------------------------------------------------------------------------


def test_recognises_a_message_with_values_never_seen(matcher: Matcher) -> None:
    text = "Poste de pièce 4500012345/00017 n'a pas été reporté dans exercice en cours"
    assert recognised(matcher, text) == "poste_piece_non_reporte"


def test_exact_message_scores_one(matcher: Matcher) -> None:
    assert only(matcher, "Ctre financier 0141-CDOM-C001 n'existe pas ds périm.").score == pytest.approx(1.0)


def test_recognises_a_message_in_capitals(matcher: Matcher) -> None:
    assert recognised(matcher, "BUDGET ANNUEL PR 0141-CDOM-C001 DÉPASSÉ DE 1 234,56 EUR") == "budget_annuel_depasse"


def test_recognises_a_message_without_accents(matcher: Matcher) -> None:
    text = "Le montant charge sous la nature compt. 6111 ne peut pas etre impute"
    assert recognised(matcher, text) == "nature_comptable_non_imputable"


def test_recognises_a_message_cut_at_60_percent(matcher: Matcher) -> None:
    full = "Le code service de la structure publique destinataire est inconnu ou inactif dans Chorus Pro"
    assert recognised(matcher, full[: int(len(full) * 0.6)]) == "code_service_destinataire"


def test_cut_message_is_flagged_and_scores_less(matcher: Matcher) -> None:
    match = only(matcher, "Poste de pièce 1508892764/00003 n'a pas été rep")
    assert match.truncated and 0.75 <= match.score < 1.0


def test_recognises_a_cut_message_followed_by_the_users_words(matcher: Matcher) -> None:
    text = "Poste de pièce 1508892764/00003 n'a pas été reporté dans exer…\nMerci de votre aide"
    assert recognised(matcher, text) == "poste_piece_non_reporte"


def test_recognises_a_message_after_a_sap_prefix(matcher: Matcher) -> None:
    text = (
        "erreur dans le système de gestion : poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours"
    )
    assert recognised(matcher, text) == "poste_piece_non_reporte"


def test_recognises_a_message_with_its_sap_message_id(matcher: Matcher) -> None:
    assert recognised(matcher, "Budget annuel pour 0141-CDOM-C001 presque épuisé Message no. FMCE003") == (
        "budget_annuel_presque_epuise"
    )


def test_message_id_after_a_cut_message_marks_the_cut(matcher: Matcher) -> None:
    text = "Le code service de la structure publique destina (Message no. ZFI123)"
    assert recognised(matcher, text) == "code_service_destinataire"


def test_recognises_a_message_inside_the_users_sentence(matcher: Matcher) -> None:
    text = "j'ai ce message quand je valide mon EJ : Ctre financier 0141-CDOM-C001 n'existe pas ds périm. que faire ?"
    assert recognised(matcher, text) == "centre_financier_inexistant"


def test_recognises_sap_abbreviations_written_out(matcher: Matcher) -> None:
    text = "Centre financier 0141-CDOM-C001 n'existe pas dans périmètre"
    assert recognised(matcher, text) == "centre_financier_inexistant"


def test_recognises_words_shortened_the_sap_way(matcher: Matcher) -> None:
    text = "Aucune référence facture de comptab. budg. dans données ventilation pièce"
    assert recognised(matcher, text) == "reference_facture_absente"


def test_recognises_a_message_with_extra_spaces(matcher: Matcher) -> None:
    text = "Enreg. impossible:  comptab.  budg. n'est pas active dans la  société 1300."
    assert recognised(matcher, text) == "comptabilite_budgetaire_inactive"


def test_tolerates_one_extra_word(matcher: Matcher) -> None:
    text = "Poste de pièce 1508892764/00003 n'a pas encore été reporté dans exercice en cours"
    assert recognised(matcher, text) == "poste_piece_non_reporte"


def test_tolerates_a_typo_in_a_long_word(matcher: Matcher) -> None:
    text = "Poste de pièce 1508892764/00003 n'a pas été repporté dans exercice en cours"
    assert recognised(matcher, text) == "poste_piece_non_reporte"


def test_tells_apart_messages_opening_with_the_same_words(matcher: Matcher) -> None:
    assert recognised(matcher, "Budget annuel pour 0141-CDOM-C001 presque épuisé") == "budget_annuel_presque_epuise"


def test_seed_knowledge_message_is_recognised() -> None:
    knowledge, _ = load_knowledge(KNOWLEDGE_DIR)
    assert knowledge is not None
    text = (
        "erreur dans le système de gestion : poste de pièce 1508892764/00003 n a pas été reporté dans exercice en cours"
    )
    assert recognised(Matcher.from_knowledge(knowledge), text) == "poste_piece_non_reporte"


# --- What must not be recognised ------------------------------------------------------------


def test_rejects_another_sap_message_differing_by_one_word(matcher: Matcher) -> None:
    text = "Le code service de la structure publique émettrice est inconnu ou inactif dans Chorus Pro"
    assert matcher.match(text) == []


def test_rejects_a_message_whose_end_differs(matcher: Matcher) -> None:
    assert matcher.match("Poste de pièce 1508892764/00003 n'a pas été soldé") == []


def test_rejects_a_message_with_a_different_word_in_the_middle(matcher: Matcher) -> None:
    assert matcher.match("Budget annuel de 0141-CDOM-C001 est dépassé pour 9AAA") == []


def test_rejects_a_message_changed_after_a_sentence_end(matcher: Matcher) -> None:
    assert matcher.match("Impossible d'ouvrir l'application. Ne réessayez pas ultérieurement.") == []


def test_rejects_an_unknown_message(matcher: Matcher) -> None:
    assert matcher.match("Votre session a expiré, veuillez vous reconnecter") == []


def test_rejects_a_question_naming_the_subject_of_a_message(matcher: Matcher) -> None:
    assert matcher.match("mon centre financier n'existe pas ?") == []


def test_rejects_a_cut_too_short_to_tell(matcher: Matcher) -> None:
    assert matcher.match("quel est le ctre financier 0141-CDOM-C001 ?") == []


def test_rejects_a_value_taken_from_the_users_words(matcher: Matcher) -> None:
    # « mon EJ : » is the user's; the template has no colon before its value.
    assert matcher.match("Budget annuel pr : mon EJ dépassé de 100") == []


# --- Several messages in one paste ----------------------------------------------------------


SAP_LOG = """E FMCE002 Budget annuel pr 0141-CDOM-C001 dépassé de 1 234,56 EUR
E F6580 Ctre financier 0141-CDOM-C002 n'existe pas ds périm.
W ZFI123 Poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours"""


def test_reports_every_message_of_a_sap_log_in_paste_order(matcher: Matcher) -> None:
    assert [m.item_id for m in matcher.match(SAP_LOG)] == [
        "budget_annuel_depasse",
        "centre_financier_inexistant",
        "poste_piece_non_reporte",
    ]


def test_reports_an_item_once_when_its_messages_repeat(matcher: Matcher) -> None:
    text = "Ctre financier A1 n'existe pas ds périm.\nCtre financier B2 n'existe pas ds périm."
    assert [(m.item_id, m.entities) for m in matcher.match(text)] == [
        ("centre_financier_inexistant", {"centre_financier": "A1"})
    ]


def test_each_message_of_a_paste_keeps_its_own_values(matcher: Matcher) -> None:
    values: List[dict] = [m.entities for m in matcher.match(SAP_LOG)]
    assert values == [
        {"adresse_budgetaire": "0141-CDOM-C001", "montant": "1 234,56 EUR"},
        {"centre_financier": "0141-CDOM-C002"},
        {"numero_piece": "1508892764", "numero_poste": "00003"},
    ]


# --- Values ---------------------------------------------------------------------------------


def test_splits_adjacent_values_at_the_templates_separator(matcher: Matcher) -> None:
    match = only(matcher, "Poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours")
    assert match.entities == {"numero_piece": "1508892764", "numero_poste": "00003"}


def test_splits_an_amount_with_spaces_from_its_currency(matcher: Matcher) -> None:
    match = only(matcher, "Le budget global est dépassé de 1 234,56 EUR")
    assert match.entities == {"montant": "1 234,56", "devise": "EUR"}


def test_value_offsets_point_into_the_pasted_text(matcher: Matcher) -> None:
    text = "help : Ctre financier 0141-CDOM-C001 n'existe pas ds périm."
    value = only(matcher, text).values[0]
    assert text[value.start : value.end] == "0141-CDOM-C001"


def test_match_span_covers_the_message_not_the_users_words(matcher: Matcher) -> None:
    text = "help : Ctre financier 0141-CDOM-C001 n'existe pas ds périm. merci"
    match = only(matcher, text)
    assert text[match.start : match.end] == "Ctre financier 0141-CDOM-C001 n'existe pas ds périm"


def test_value_cut_by_the_user_is_kept_as_pasted(matcher: Matcher) -> None:
    match = only(matcher, "Le montant chargé sous la nature compt. 6111 ne peut pas")
    assert match.entities == {"nature_comptable": "6111"}


def test_placeholder_without_entity_gives_an_unnamed_value(matcher: Matcher) -> None:
    match = only(matcher, "Période comptable 012 2024 n'est pas ouverte")
    assert [(v.placeholder, v.entity, v.value) for v in match.values] == [("&", None, "012"), ("&", None, "2024")]
    assert match.entities == {}


@settings(
    max_examples=1500, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=120)
    | st.lists(st.sampled_from([*(entry[1] for entry in CATALOGUE), "Ð", "&1", "/", "00003"]), max_size=6).map(" ".join)
)
def test_any_text_is_matched_or_not_without_raising(matcher: Matcher, text: str) -> None:
    for match in matcher.match(text):
        assert match.item_id
