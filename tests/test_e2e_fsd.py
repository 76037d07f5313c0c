"""From a message IZIA does not know to a downloadable Fiche Service Desk draft, over HTTP."""

from __future__ import annotations

import json
import urllib.request

import pytest

from fsd_player import answer_until, current_question
from izia.server import Servers
from rasa_http import RestUser, button_titles

pytestmark = pytest.mark.e2e


def test_two_unknown_messages_lead_to_a_downloadable_draft(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-inconnu")
    first = user.says("quel temps fera-t-il demain ?")
    assert first[0]["text"].startswith("Je n'ai pas reconnu votre message.")
    offer = user.says("raconte-moi une blague")
    assert offer[0]["text"].startswith("Je n'ai toujours pas trouvé de réponse à votre demande.")
    assert button_titles(offer[0]) == ["Préparer la fiche service desk", "Non merci, revenir au menu"]

    published = answer_until(user, user.clicks(offer, "Préparer la fiche service desk"))
    ready = next(m for m in published if "fsd" in m.get("custom", {}))
    links = ready["custom"]["fsd"]["links"]
    with urllib.request.urlopen(links["json"]["url"], timeout=30) as reply:
        draft = json.loads(reply.read().decode("utf-8"))
    assert draft["id"] == ready["custom"]["fsd"]["id"]
    assert "1508892764" in json.dumps(draft, ensure_ascii=False)
    assert any("CCA" in m.get("text", "") for m in published)


def test_an_answer_that_did_not_help_leads_to_the_draft_offer(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-pas-aide")
    question = user.says("poste de pièce 1401234567/00002 n'a pas été reporté dans exercice en cours")
    resolution = user.clicks(question, "DP")
    offer = user.clicks(resolution, "Cela ne résout pas mon problème")
    assert button_titles(offer[0]) == ["Préparer la fiche service desk", "Non merci, revenir au menu"]
    first_question = user.clicks(offer, "Préparer la fiche service desk")
    asked = [m["custom"]["fsd_question"] for m in first_question if "fsd_question" in m.get("custom", {})]
    assert asked and asked[0] != "message_erreur"


def test_a_bad_exercice_is_explained_and_nothing_is_lost(servers: Servers) -> None:
    user = RestUser(servers.url, "agent-exercice")
    user.says("quel temps fera-t-il demain ?")
    offer = user.says("raconte-moi une blague")
    messages = answer_until(user, user.clicks(offer, "Préparer la fiche service desk"), stop_at="pieces")
    assert current_question(messages)["custom"]["fsd_question"] == "pieces"
    refused = user.says("1508892764 1200 abc")
    assert any("exercice" in m.get("text", "").lower() for m in refused)
    assert current_question(refused)["custom"]["fsd_question"] == "pieces"
