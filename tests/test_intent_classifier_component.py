"""IZIA's intent classifier as a Rasa component: trained, stored in Rasa's model storage, loaded back."""

from __future__ import annotations

from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.intent_classifier import LinearIntentClassifier

EXAMPLES = {
    "poste_piece_non_reporte": [
        "le poste de ma pièce n'est pas reporté",
        "poste non reporté sur l'EJ",
        "ma DP bloque, poste non reporté",
    ],
    "coeur_compte_verrouille": [
        "mon compte chorus est verrouillé",
        "compte bloqué après trop d'essais",
        "impossible de me connecter à chorus",
    ],
    "out_of_scope": ["quel temps fera-t-il demain", "raconte-moi une blague", "combien de congés il me reste"],
}


def test_a_stored_classifier_loads_back_and_ranks_exactly_as_trained(tmp_path: Path) -> None:
    storage, resource = LocalModelStorage(tmp_path), Resource("intent_classifier")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**LinearIntentClassifier.get_default_config(), "random_seed": 42}
    trained = LinearIntentClassifier.create(config, storage, resource, context)
    examples = [Message(data={TEXT: text, INTENT: intent}) for intent, texts in EXAMPLES.items() for text in texts]
    trained.train(TrainingData(examples))

    loaded = LinearIntentClassifier.load(config, storage, resource, context)
    question = "mon compte est verrouillé depuis ce matin"
    [before] = trained.process([Message(data={TEXT: question})])
    [after] = loaded.process([Message(data={TEXT: question})])
    assert after.get(INTENT)["name"] == "coeur_compte_verrouille"
    assert after.get(INTENT_RANKING_KEY) == before.get(INTENT_RANKING_KEY)
