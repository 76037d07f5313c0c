"""Rasa component around :class:`izia.intent_model.IntentModel`.

Reads the spaCy document that ``SpacyNLP`` attached to each message (lemmas, and the mean
vector of its content words when the spaCy model has vectors), ranks the intents, and sets ``intent`` and
``intent_ranking`` as DIET would, so the error matcher and the FallbackClassifier after it
work unchanged. The fitted model is persisted with joblib in Rasa's model storage.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from izia import intent_model
from izia.intent_model import IntentModel, IntentModelConfig, Utterance

MODEL_FILE = "intent_model.joblib"
RANKING_LENGTH = 20  # the system router may remove some: enough stay for suggestions


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Needs ``SpacyNLP`` before it; replaces DIET in ``bot/config.yml``."""

    @classmethod
    def required_components(cls) -> List[type]:
        return [SpacyNLP]

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Rasa's training cache ignores a custom component's code: without this, ``izia build``
        after a change to the model would hand back the component trained by the old code.
        """
        sources = (Path(__file__), Path(intent_model.__file__))
        return hashlib.sha256(b"".join(source.read_bytes() for source in sources)).hexdigest()

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        defaults = IntentModelConfig()
        return {name: getattr(defaults, name) for name in IntentModelConfig.__dataclass_fields__}

    def __init__(
        self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, model: Optional[IntentModel]
    ) -> None:
        self.config = IntentModelConfig.from_dict(config)
        self.model_storage = model_storage
        self.resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource, None)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LinearIntentClassifier":
        with model_storage.read_from(resource) as directory:
            return cls.restored(config, model_storage, resource, Path(directory))

    @classmethod
    def restored(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, directory: Path
    ) -> "LinearIntentClassifier":
        """The component as :meth:`save` left it in ``directory``."""
        return cls(config, model_storage, resource, joblib.load(directory / MODEL_FILE))

    def train(self, training_data: TrainingData) -> Resource:
        examples = [example for example in training_data.intent_examples if example.get(TEXT)]
        utterances = [utterance(example) for example in examples]
        self.model = IntentModel(self.config).fit(utterances, self.labels(examples))
        with self.model_storage.write_to(self.resource) as directory:
            self.save(Path(directory))
        return self.resource

    def labels(self, examples: List[Message]) -> List[str]:
        """What the model learns to tell apart: here each example's intent."""
        return [example.get(INTENT) for example in examples]

    def save(self, directory: Path) -> None:
        joblib.dump(self.model, directory / MODEL_FILE)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or not messages:
            return messages
        for message, ranking in zip(messages, self.model.rank([utterance(m) for m in messages]), strict=False):
            entries = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: conf} for name, conf in ranking]
            message.set(INTENT, entries[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, entries[:RANKING_LENGTH], add_to_output=True)
        return messages


def utterance(message: Message) -> Utterance:
    """What the models read of a message: its text, the lemmas and vector of SpacyNLP's document."""
    text = message.get(TEXT) or ""
    doc = message.get(SPACY_DOCS[TEXT])
    if doc is None:
        return Utterance(text, text.split())
    lemmas = [token.lemma_ for token in doc if not (token.is_punct or token.is_space)]
    return Utterance(text, lemmas, _content_vector(doc) if doc.vocab.vectors.shape[0] else None)


def _content_vector(doc: Any) -> np.ndarray:
    """The mean vector of the content words: « de », « le », « je » would pull every question
    towards the same point; on the second held-out set this lifted domain accuracy by two points.
    """
    vectors = [
        token.vector for token in doc if token.has_vector and not (token.is_stop or token.is_punct or token.is_space)
    ]
    return np.mean(vectors, axis=0) if vectors else doc.vector
