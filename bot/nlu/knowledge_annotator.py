"""Adds the knowledge item's id, domain and title to every NLU result.

Clients of ``/model/parse`` (and the analytics) need to know which item and domain a
message was routed to, and what the runner-up items were, without reading the knowledge.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from izia.contract import KNOWLEDGE_KEY
from izia.knowledge import KnowledgeBase, validate
from izia.paths import KNOWLEDGE_DIR


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class KnowledgeAnnotator(GraphComponent):
    """Runs last in the pipeline, after every component that may change the intent."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "KnowledgeAnnotator":
        return cls(validate(KNOWLEDGE_DIR))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            ranking = message.get(INTENT_RANKING_KEY) or []
            candidates = [self._describe(entry.get("name")) for entry in ranking]
            message.set(
                KNOWLEDGE_KEY,
                {"item": self._describe(intent), "candidates": [c for c in candidates if c]},
                add_to_output=True,
            )
        return messages

    def _describe(self, intent: Optional[str]) -> Optional[Dict[str, str]]:
        item = self.knowledge.items.get(intent or "")
        if item is None:
            return None
        return {"item_id": item.id, "domain": item.domain, "title": item.title}
