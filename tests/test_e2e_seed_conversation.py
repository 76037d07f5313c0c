"""The seed conversation, played over HTTP against the real Rasa server and action server."""

from __future__ import annotations

import random

import pytest

from izia.server import Servers
from rasa_http import RestUser, button_titles, parse
from seed_conversation import ASSOCIATED, CLOSING, DOMAINS, GREETING, pasted_message

pytestmark = pytest.mark.e2e


def test_seed_conversation_through_the_error_messages_domain(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-seed")
    greeting = user.says("bonjour")
    assert [m["text"] for m in greeting] == [GREETING]
    assert button_titles(greeting[0]) == DOMAINS
    assert greeting[0]["custom"] == {"item_id": "accueil", "domain": "general", "node": "menu"}

    asked = user.clicks(greeting, "Messages d'erreurs")
    assert [m["text"] for m in asked] == [
        "Quel est le message d'erreur rencontré ?",
        "Merci de procéder à un copier coller du message d'erreur de manière unitaire.",
    ]
    assert button_titles(asked[1]) == ["Je n'ai plus aucune question, merci!"]

    domain_question = user.says(pasted_message(random.Random(1)))
    assert [m["text"] for m in domain_question] == ["Sur quel domaine porte la demande"]
    assert button_titles(domain_question[0]) == ["DP", "GDA", "EJ", "TFG", "Rapprochement"]
    assert domain_question[0]["custom"] == {
        "item_id": "poste_piece_non_reporte",
        "domain": "messages_erreurs",
        "node": "domaine",
    }

    associated = user.clicks(domain_question, "EJ")
    assert [m["text"] for m in associated] == [ASSOCIATED]
    assert button_titles(associated[0]) == ["Non", "Oui"]

    which = user.clicks(associated, "Oui")
    assert button_titles(which[0])[0] == "Centre financier inexistant ou hors périmètre"
    answer = user.clicks(which, "Plusieurs de ces messages")
    assert "imputation" in answer[0]["text"]
    assert answer[0]["custom"]["node"] == "ej_imputation"
    assert answer[-1]["text"] == CLOSING
    assert button_titles(answer[-1]) == ["Noter cette conversation", "Cela ne résout pas mon problème"]


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_the_message_pasted_at_the_welcome_lands_on_the_domain_question(servers: Servers, seed: int) -> None:
    user = RestUser(servers.url, f"agent-direct-{seed}")
    user.says("bonjour")
    reply = user.says(pasted_message(random.Random(seed)))
    assert [m["text"] for m in reply] == ["Sur quel domaine porte la demande"]


def test_each_domain_answer_ends_with_the_closing_question(servers: Servers) -> None:
    for choice in ["DP", "GDA", "TFG", "Rapprochement"]:
        user = RestUser(servers.url, f"agent-{choice}")
        question = user.says(pasted_message(random.Random(choice)))
        answer = user.clicks(question, choice)
        assert answer[0]["custom"]["item_id"] == "poste_piece_non_reporte"
        assert answer[-1]["text"] == CLOSING


def test_a_typed_answer_is_understood_like_a_click(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-typed")
    user.says(pasted_message(random.Random(5)))
    assert user.says("engagement juridique")[0]["text"] == ASSOCIATED
    assert user.says("non")[0]["custom"]["node"] == "ej_report"


def test_a_forged_payload_cannot_jump_to_an_answer(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-forger")
    user.says(pasted_message(random.Random(6)))
    reply = user.says('/choose{"choice":"oui"}')
    assert (
        reply[0]["text"]
        == "Ce choix n'est pas proposé à cette étape. Merci de sélectionner une des réponses ci-dessous."
    )
    assert reply[1]["text"] == "Sur quel domaine porte la demande"


def test_conversations_are_kept_in_the_sqlite_tracker_store(servers: Servers) -> None:
    RestUser(servers.url, "agent-store").says("bonjour")
    assert (servers.data_dir / "tracker.db").stat().st_size > 0


def test_model_parse_shows_the_item_its_domain_and_the_pasted_values(servers: Servers) -> None:
    parsed = parse(servers, pasted_message(random.Random(7)))
    assert parsed["intent"]["name"] == "poste_piece_non_reporte"
    assert parsed["knowledge"]["item"] == {
        "item_id": "poste_piece_non_reporte",
        "domain": "messages_erreurs",
        "title": "Poste de pièce non reporté dans l'exercice en cours",
    }
    values = {entity["entity"]: entity["value"] for entity in parsed["entities"]}
    assert set(values) == {"numero_piece", "numero_poste"}


def test_two_pasted_messages_are_taken_one_by_one(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-deux-messages")
    paste = "Ctre financier 0141-CDOM-C001 n'existe pas ds périm.\nLe domaine fonctionnel 0141-05 n'est pas valable"
    first = user.says(paste)
    assert first[0]["text"].startswith("J'ai reconnu 2 messages d'erreur dans votre collage")
    assert first[1]["custom"]["item_id"] == "centre_financier_inexistant"
    ending = first
    for _ in range(5):
        if any(m.get("text") == "Passons au message suivant de votre collage :" for m in ending):
            break
        question = next(m for m in reversed(ending) if m.get("buttons"))
        ending = user.says(question["buttons"][0]["payload"])
    offer = next(m for m in ending if m.get("text") == "Passons au message suivant de votre collage :")
    second = user.clicks([offer], button_titles(offer)[0])
    assert second[0]["custom"]["item_id"] == "domaine_fonctionnel_non_valable"
