"""Routing by system and by domain (izia/routing.py): what the classifier cannot decide alone."""

from __future__ import annotations

from izia.routing import best_in_domain, contradicts, named_systems, restrict, sure_domain

SYSTEMS = {
    "cpro_facture_rejetee": "pro",
    "coeur_compte_verrouille": "coeur",
    "chorus_dt_rib": "dt",
    "orga_ouvrir_fsd": "tous",
}
DOMAINS = {
    "cpro_facture_rejetee": "interface",
    "coeur_compte_verrouille": "connexion",
    "coeur_mot_de_passe": "connexion",
    "chorus_dt_rib": "connexion",
}
RANKING = [
    ("cpro_facture_rejetee", 0.5),
    ("coeur_compte_verrouille", 0.3),
    ("out_of_scope", 0.1),
    ("orga_ouvrir_fsd", 0.1),
]


def test_a_question_naming_chorus_pro_belongs_to_chorus_pro() -> None:
    assert named_systems("Ma facture est rejetée sur Chorus Pro") == {"pro"}


def test_chorus_coeur_is_recognised_with_or_without_the_ligature() -> None:
    assert named_systems("compte bloqué dans Chorus Cœur") == named_systems("chorus coeur bloqué") == {"coeur"}


def test_chorus_alone_means_the_ministry_side_coeur_or_formulaires() -> None:
    assert named_systems("je n'arrive plus à me connecter à chorus") == {"coeur", "formulaires"}


def test_an_sap_transaction_implies_chorus_coeur() -> None:
    assert named_systems("la MIGO refuse mon entrée de marchandises") == {"coeur"}


def test_an_ordre_de_mission_implies_chorus_dt() -> None:
    assert named_systems("mon ordre de mission est bloqué") == {"dt"}


def test_a_question_naming_no_system_keeps_the_whole_ranking() -> None:
    assert restrict(RANKING, SYSTEMS, "mon compte est verrouillé") == RANKING


def test_a_chorus_coeur_question_loses_the_chorus_pro_items_without_renormalising() -> None:
    kept = restrict(RANKING, SYSTEMS, "compte verrouillé dans Chorus Cœur")
    assert kept == [("coeur_compte_verrouille", 0.3), ("out_of_scope", 0.1), ("orga_ouvrir_fsd", 0.1)]


SUPPORT_DOMAINS = {"connexion", "interface", "messages_erreurs"}


def test_the_domain_models_surest_domain_is_sure_above_the_threshold() -> None:
    assert sure_domain([("connexion", 0.65), ("interface", 0.2)], SUPPORT_DOMAINS, 0.6) == "connexion"


def test_no_domain_is_sure_below_the_threshold() -> None:
    assert sure_domain([("connexion", 0.55), ("interface", 0.4)], SUPPORT_DOMAINS, 0.6) is None


def test_off_topic_is_never_a_domain_to_open() -> None:
    assert sure_domain([("out_of_scope", 0.9), ("connexion", 0.05)], SUPPORT_DOMAINS, 0.6) is None


def test_a_sure_domain_model_contradicts_an_item_of_another_domain() -> None:
    assert contradicts("interface", [("connexion", 0.7), ("interface", 0.2)], 0.5)


def test_an_unsure_domain_model_contradicts_nothing() -> None:
    assert not contradicts("interface", [("connexion", 0.45), ("interface", 0.4)], 0.5)


def test_the_domain_model_agreeing_with_the_item_is_no_contradiction() -> None:
    assert not contradicts("connexion", [("connexion", 0.9)], 0.5)


def test_an_intent_outside_the_knowledge_is_never_contradicted() -> None:
    assert not contradicts(None, [("connexion", 0.9)], 0.5)


def test_a_domains_items_come_in_ranking_order() -> None:
    ranking = [("cpro_facture_rejetee", 0.4), ("coeur_mot_de_passe", 0.3), ("coeur_compte_verrouille", 0.2)]
    assert best_in_domain(ranking, DOMAINS, "connexion", 3) == ["coeur_mot_de_passe", "coeur_compte_verrouille"]
