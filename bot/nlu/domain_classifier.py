"""NLU component: which support domain a question is about, and a veto on items it contradicts.

The same linear model as the intent classifier (:class:`izia.intent_model.IntentModel`), trained
on the same examples labelled with their item's domain (other intents keep their own label:
off-topic, greetings). Each domain holds fifteen to forty items' examples, so the domain model
carries to words nobody wrote for an item far better than the item model does: trained on the
same examples, on questions written by outsiders, it reached the right domain 81 % of the time
against 63 % for the sum of the item confidences (session 6's experiment, in the README).

Runs after the FallbackClassifier. It adds every label's confidence under ``izia_domains``
(the conversation opens the surest domain when no item is sure), and when the item the
classifier chose belongs to another domain than the one this model is sure of, the message
falls back (:func:`izia.routing.contradicts`). A recognised pasted message is never vetoed:
the error matcher's template match is surer than any classifier.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import joblib
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.intent_classifier import MODEL_FILE, LinearIntentClassifier, utterance
from izia.contract import DOMAINS_KEY, FALLBACK_INTENT, MATCHES_KEY
from izia.intent_model import IntentModel
from izia.knowledge.loader import load_knowledge
from izia.paths import KNOWLEDGE_DIR
from izia.routing import contradicts

DOMAINS_FILE = "item_domains.joblib"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class DomainClassifier(LinearIntentClassifier):
    """``c`` (regularisation) and ``agreement_threshold`` chosen on the outsider sets."""

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """This module's code and the items' domains: an item moved to another domain retrains it."""
        knowledge, _ = load_knowledge(KNOWLEDGE_DIR)
        mapping = sorted((item.id, item.domain) for item in knowledge.items.values()) if knowledge else []
        digest = hashlib.sha256(Path(__file__).read_bytes() + repr(mapping).encode("utf-8")).hexdigest()
        return f"{super().fingerprint_addon(config)}-{digest}"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**LinearIntentClassifier.get_default_config(), "c": 0.3, "agreement_threshold": 0.5}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[IntentModel],
        item_domains: Optional[Dict[str, str]] = None,
    ) -> None:
        super().__init__(config, model_storage, resource, model)
        self.agreement_threshold = float(config.get("agreement_threshold", 0.5))
        self.item_domains = item_domains or {}

    @classmethod
    def restored(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, directory: Path
    ) -> "DomainClassifier":
        model = joblib.load(directory / MODEL_FILE)
        return cls(config, model_storage, resource, model, joblib.load(directory / DOMAINS_FILE))

    def labels(self, examples: List[Message]) -> List[str]:
        """Each example's item's domain; other intents (off-topic, greetings) keep their name."""
        knowledge, _ = load_knowledge(KNOWLEDGE_DIR)  # `izia build` validated it just before
        self.item_domains = {item.id: item.domain for item in knowledge.items.values()} if knowledge else {}
        return [self.item_domains.get(example.get(INTENT), example.get(INTENT)) for example in examples]

    def save(self, directory: Path) -> None:
        super().save(directory)
        joblib.dump(self.item_domains, directory / DOMAINS_FILE)

    def process(self, messages: List[Message]) -> List[Message]:
        # A button's payload (« /intent{…} ») names its intent: nothing to rank or to veto.
        questions = [m for m in messages if not (m.get(TEXT) or "").startswith("/")]
        if self.model is None or not questions:
            return messages
        for message, ranking in zip(questions, self.model.rank([utterance(m) for m in questions]), strict=True):
            message.set(
                DOMAINS_KEY, [{"domain": label, "confidence": conf} for label, conf in ranking], add_to_output=True
            )
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if message.get(MATCHES_KEY) or not contradicts(
                self.item_domains.get(intent), ranking, self.agreement_threshold
            ):
                continue
            fallback = {INTENT_NAME_KEY: FALLBACK_INTENT, PREDICTED_CONFIDENCE_KEY: ranking[0][1]}
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback, *(message.get(INTENT_RANKING_KEY) or [])], add_to_output=True)
        return messages
