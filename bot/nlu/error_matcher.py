"""NLU component: a pasted Chorus/SAP error message wins over the statistical intent.

The intent classifier guesses an intent from words; a message pasted from Chorus can be
recognised exactly (:mod:`izia.matcher`). When it is, this component overwrites the intent
with the knowledge item that owns the message (confidence = match score) and adds its values
as entities; otherwise it leaves the classifier's prediction alone. It runs after the
classifier and before the
FallbackClassifier, which therefore never falls back on a recognised message.

What it adds to the parse result (and so to ``tracker.latest_message``):

- ``intent`` = ``{"name": <item id>, "confidence": <score>}`` of the first message in the paste;
- ``intent_ranking``: that item first, the classifier's other intents after it, their confidences
  scaled into what the score leaves (so the fallback's ambiguity check cannot fire);
- ``entities``: the named values of that first message (``numero_piece``, ``centre_financier``…),
  extractor ``ErrorMessageMatcher``;
- ``izia_matches``: every recognised message, in paste order (see ``Match.as_dict``); an
  empty list when none was recognised.

The catalogue is built from the knowledge directory when the model is loaded, so it always
matches the knowledge the action server walks.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_TYPE
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from izia.contract import MATCHES_KEY
from izia.knowledge.loader import load_knowledge
from izia.matcher import DEFAULT_THRESHOLD, Match, Matcher
from izia.paths import KNOWLEDGE_DIR

EXTRACTOR_NAME = "ErrorMessageMatcher"

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ErrorMessageMatcher(GraphComponent, IntentClassifier):
    """Runs after the intent classifier and before the FallbackClassifier; not trained, built at model load."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # knowledge_dir: None means izia.paths.KNOWLEDGE_DIR (IZIA_KNOWLEDGE_DIR).
        return {"threshold": DEFAULT_THRESHOLD, "knowledge_dir": None}

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ErrorMessageMatcher":
        directory = Path(config["knowledge_dir"]) if config.get("knowledge_dir") else KNOWLEDGE_DIR
        return cls(load_matcher(directory, float(config["threshold"])))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # button payloads: Rasa's RegexMessageHandler decides those
            matches = self.matcher.match(text)
            message.set(MATCHES_KEY, [match.as_dict() for match in matches], add_to_output=True)
            if matches:
                _recognise(message, matches[0])
        return messages


def load_matcher(directory: Path, threshold: float = DEFAULT_THRESHOLD) -> Matcher:
    """The catalogue of ``directory``; unreadable items are skipped, not fatal, at load time.

    ``izia build`` has validated the knowledge before training; if it was edited since, the
    bot should still start and recognise the messages it can read.
    """
    knowledge, problems = load_knowledge(directory)
    if problems:
        logger.warning(
            "%d problème(s) dans %s (dont %s) : seuls les messages d'erreur lisibles seront reconnus.",
            len(problems),
            directory,
            problems[0],
        )
    if knowledge is None:
        return Matcher([], threshold)
    matcher = Matcher.from_knowledge(knowledge, threshold)
    logger.info("%d messages d'erreur reconnaissables depuis %s", len(matcher.templates), directory)
    return matcher


def _recognise(message: Message, match: Match) -> None:
    message.set(INTENT, {INTENT_NAME_KEY: match.item_id, PREDICTED_CONFIDENCE_KEY: match.score}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, _ranking(message.get(INTENT_RANKING_KEY), match), add_to_output=True)
    entities = [entity for entity in message.get(ENTITIES) or [] if entity.get(EXTRACTOR) != EXTRACTOR_NAME]
    message.set(ENTITIES, entities + _entities(match), add_to_output=True)


def _ranking(previous: Optional[List[Dict[str, Any]]], match: Match) -> List[Dict[str, Any]]:
    others = [entry for entry in previous or [] if entry.get(INTENT_NAME_KEY) != match.item_id]
    rest = 1.0 - match.score
    scaled = [
        {**entry, PREDICTED_CONFIDENCE_KEY: float(entry.get(PREDICTED_CONFIDENCE_KEY, 0.0)) * rest} for entry in others
    ]
    return [{INTENT_NAME_KEY: match.item_id, PREDICTED_CONFIDENCE_KEY: match.score}, *scaled]


def _entities(match: Match) -> List[Dict[str, Any]]:
    return [
        {
            ENTITY_ATTRIBUTE_TYPE: value.entity,
            ENTITY_ATTRIBUTE_VALUE: value.value,
            ENTITY_ATTRIBUTE_START: value.start,
            ENTITY_ATTRIBUTE_END: value.end,
            ENTITY_ATTRIBUTE_CONFIDENCE_TYPE: match.score,
            EXTRACTOR: EXTRACTOR_NAME,
        }
        for value in match.values
        if value.entity
    ]
