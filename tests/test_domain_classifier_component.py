"""IZIA's domain classifier as a Rasa component: the domain of each question, and its veto."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.domain_classifier import DomainClassifier
from izia.contract import DOMAINS_KEY, FALLBACK_INTENT, MATCHES_KEY
from test_intent_classifier_component import EXAMPLES


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> DomainClassifier:
    """Trained on the seed items' examples, then loaded back from Rasa's model storage."""
    storage, resource = LocalModelStorage(tmp_path_factory.mktemp("storage")), Resource("domain_classifier")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**DomainClassifier.get_default_config(), "calibration_share": 0.0}
    trained = DomainClassifier.create(config, storage, resource, context)
    trained.train(TrainingData([Message(data={TEXT: t, INTENT: i}) for i, texts in EXAMPLES.items() for t in texts]))
    return DomainClassifier.load(config, storage, resource, context)


def parsed(text: str, intent: str, confidence: float = 0.9, **extra: object) -> Message:
    entry = {"name": intent, "confidence": confidence}
    return Message(data={TEXT: text, INTENT: entry, INTENT_RANKING_KEY: [entry], **extra})


def test_every_question_gets_its_domains_surest_first(classifier: DomainClassifier) -> None:
    [message] = classifier.process([parsed("mon compte chorus est verrouillé", "coeur_compte_verrouille")])
    assert message.get(DOMAINS_KEY)[0]["domain"] == "connexion"
    assert message.get(INTENT)["name"] == "coeur_compte_verrouille"


def test_an_item_of_another_domain_than_the_sure_one_falls_back(classifier: DomainClassifier) -> None:
    [message] = classifier.process([parsed("compte bloqué après trop d'essais", "poste_piece_non_reporte")])
    assert message.get(INTENT)["name"] == FALLBACK_INTENT
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == [FALLBACK_INTENT, "poste_piece_non_reporte"]


def test_a_recognised_pasted_message_keeps_its_item(classifier: DomainClassifier) -> None:
    match = {MATCHES_KEY: [{"item_id": "poste_piece_non_reporte"}]}
    [message] = classifier.process([parsed("compte bloqué après trop d'essais", "poste_piece_non_reporte", **match)])
    assert message.get(INTENT)["name"] == "poste_piece_non_reporte"
