"""The Rasa adapter of the matcher: what it writes into the NLU result, and where it runs."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa.shared.nlu.training_data.message import Message
from ruamel.yaml import YAML

from bot.nlu.error_matcher import ErrorMessageMatcher
from conftest import KnowledgeWriter
from izia.contract import MATCHES_KEY
from izia.paths import BOT_DIR

PASTED = "j'ai ce message : Ctre financier 0141-CDOM-C001 n'existe pas ds périm."
CLASSIFIED = {"name": "accueil", "confidence": 0.62}
CLASSIFIER_RANKING = [
    CLASSIFIED,
    {"name": "centre_financier", "confidence": 0.3},
    {"name": "nlu_fallback", "confidence": 0.08},
]


@pytest.fixture
def component(write_knowledge: KnowledgeWriter) -> ErrorMessageMatcher:
    config = {**ErrorMessageMatcher.get_default_config(), "knowledge_dir": str(write_knowledge())}
    return ErrorMessageMatcher.create(config, None, None, None)  # type: ignore[arg-type]


def parsed(component: ErrorMessageMatcher, text: str, ranking: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    """What /model/parse would return for ``text`` after the intent classifier predicted ``CLASSIFIED``."""
    message = Message(data={"text": text})
    message.set("intent", CLASSIFIED, add_to_output=True)
    message.set("intent_ranking", ranking or CLASSIFIER_RANKING, add_to_output=True)
    component.process([message])
    return message.as_dict(only_output_properties=True)


def test_recognised_message_becomes_the_intent_with_its_score(component: ErrorMessageMatcher) -> None:
    assert parsed(component, PASTED)["intent"] == {"name": "centre_financier", "confidence": 1.0}


def test_recognised_item_leads_the_ranking_far_ahead_of_the_others(component: ErrorMessageMatcher) -> None:
    ranking = parsed(component, "Ctre financier 0141 n'existe pas ds pé")["intent_ranking"]
    assert ranking[0]["name"] == "centre_financier"
    assert [entry["name"] for entry in ranking[1:]] == ["accueil", "nlu_fallback"]
    assert ranking[0]["confidence"] - ranking[1]["confidence"] > 0.5  # the fallback's ambiguity check stays quiet


def test_named_values_become_entities(component: ErrorMessageMatcher) -> None:
    entities = parsed(component, PASTED)["entities"]
    assert [(e["entity"], e["value"], e["extractor"]) for e in entities] == [
        ("centre_financier", "0141-CDOM-C001", "ErrorMessageMatcher")
    ]
    assert PASTED[entities[0]["start"] : entities[0]["end"]] == "0141-CDOM-C001"


def test_every_match_is_published_in_the_parse_output(component: ErrorMessageMatcher) -> None:
    [match] = parsed(component, PASTED)[MATCHES_KEY]
    assert match["item_id"] == "centre_financier"
    assert match["values"] == [
        {"placeholder": "&1", "entity": "centre_financier", "value": "0141-CDOM-C001", "start": 33, "end": 47}
    ]


def test_unknown_text_keeps_the_nlu_prediction(component: ErrorMessageMatcher) -> None:
    result = parsed(component, "bonjour, je n'arrive pas à me connecter")
    assert (result["intent"], result["intent_ranking"], result.get("entities")) == (
        CLASSIFIED,
        CLASSIFIER_RANKING,
        None,
    )
    assert result[MATCHES_KEY] == []


def test_button_payloads_are_left_to_rasa(component: ErrorMessageMatcher) -> None:
    assert MATCHES_KEY not in parsed(component, '/choose{"choice":"ej"}')


def test_runs_after_the_intent_classifier_and_before_the_fallback() -> None:
    config = YAML(typ="safe").load((BOT_DIR / "config.yml").read_text(encoding="utf-8"))
    names = [component["name"] for component in config["pipeline"]]
    position = names.index("bot.nlu.error_matcher.ErrorMessageMatcher")
    assert (
        names.index("bot.nlu.intent_classifier.LinearIntentClassifier") < position < names.index("FallbackClassifier")
    )
