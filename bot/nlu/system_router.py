"""NLU component: a question that names a Chorus system is answered by that system's items only.

Runs after the intent classifier and before the error matcher and the FallbackClassifier, so
the threshold applies to what is left (:func:`izia.routing.restrict`). Not trained: the items'
systems are read from the knowledge when the model is loaded, like the error matcher's catalogue.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from izia.knowledge.loader import load_knowledge
from izia.paths import KNOWLEDGE_DIR
from izia.routing import restrict


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SystemRouter(GraphComponent, IntentClassifier):
    def __init__(self, systems: Dict[str, str]) -> None:
        self.systems = systems

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SystemRouter":
        knowledge, _ = load_knowledge(KNOWLEDGE_DIR)  # the error matcher logs the problems once
        items = knowledge.items.values() if knowledge else ()
        return cls({item.id: item.system for item in items})

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            ranking = message.get(INTENT_RANKING_KEY)
            if text.startswith("/") or not ranking:
                continue
            pairs = [(entry[INTENT_NAME_KEY], entry[PREDICTED_CONFIDENCE_KEY]) for entry in ranking]
            kept = restrict(pairs, self.systems, text)
            if len(kept) == len(pairs):
                continue
            # Every candidate was in another system: the best one stays with no confidence, so the
            # FallbackClassifier falls back.
            kept = kept or [(pairs[0][0], 0.0)]
            entries = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: conf} for name, conf in kept]
            message.set(INTENT, entries[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, entries, add_to_output=True)
        return messages
