"""``action_izia``: the one custom action, translating a Rasa turn for :mod:`izia.conversation`."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.fsd_form import start_draft
from izia.contract import (
    ACTION,
    DOMAINS_KEY,
    DRAFT_SLOT,
    FEEDBACK_SLOT,
    FSD_FORM,
    ITEM_SLOT,
    MATCHES_KEY,
    MEMORY_SLOT,
    NODE_SLOT,
)
from izia.conversation import Conversation, Memory, UserTurn
from izia.knowledge import validate
from izia.paths import DATA_DIR, KNOWLEDGE_DIR
from izia.ratings import FeedbackStore
from izia.walker import Position, Walker

FSD_INTRO = (
    "Je prépare le brouillon de Fiche Service Desk : je n'ai besoin que de ce que la conversation "
    "ne m'a pas déjà appris. Tapez « annuler » à tout moment pour arrêter."
)


@lru_cache(maxsize=1)
def feedback_store() -> FeedbackStore:
    return FeedbackStore(DATA_DIR / "feedback.db")


@lru_cache(maxsize=1)
def conversation() -> Conversation:
    """Loaded once per action server: the knowledge was validated by ``izia build``."""
    return Conversation(Walker(validate(KNOWLEDGE_DIR)))


def _position(tracker: Tracker) -> Optional[Position]:
    item_id, node_id = tracker.get_slot(ITEM_SLOT), tracker.get_slot(NODE_SLOT)
    return Position(item_id, node_id) if item_id and node_id else None


def _user_turn(tracker: Tracker) -> UserTurn:
    message = tracker.latest_message or {}
    entities = {e["entity"]: str(e.get("value", "")) for e in message.get("entities", [])}
    intent = (message.get("intent") or {}).get("name")
    ranking = tuple((r["name"], float(r.get("confidence") or 0.0)) for r in message.get("intent_ranking") or [])
    domains = tuple((d["domain"], float(d.get("confidence") or 0.0)) for d in message.get(DOMAINS_KEY) or [])
    matches = tuple(match["item_id"] for match in message.get(MATCHES_KEY) or [])
    return UserTurn(message.get("text") or "", intent, entities, ranking, domains, matches, _rating_comment(tracker))


def _rating_comment(tracker: Tracker) -> str:
    """The widget sends the rating's comment and ministry code in the message's metadata."""
    user_events = [event for event in tracker.events if event.get("event") == "user"]
    metadata = (user_events[-1].get("metadata") or {}) if user_events else {}
    comment = str(metadata.get("rating_comment") or "").strip()
    ministry = str(metadata.get("ministry") or "").strip()
    return f"{comment} ({ministry})" if comment and ministry else comment


class ActionIzia(Action):
    def name(self) -> Text:
        return ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        memory = Memory.from_dict(tracker.get_slot(MEMORY_SLOT))
        reply = conversation().respond(_position(tracker), _user_turn(tracker), memory)
        for message in reply.turn.messages:
            buttons = [{"title": b.title, "payload": b.payload} for b in message.buttons]
            dispatcher.utter_message(text=message.text, buttons=buttons, json_message=message.custom)
        position = reply.turn.position
        events: List[EventType] = [
            SlotSet(ITEM_SLOT, position.item_id if position else None),
            SlotSet(NODE_SLOT, position.node_id if position else None),
            SlotSet(MEMORY_SLOT, reply.memory.as_dict()),
        ]
        if reply.feedback is not None:
            note = replace(reply.feedback, sender_id=tracker.sender_id, at=datetime.now().isoformat(timespec="seconds"))
            feedback_store().record(note)
            events.append(SlotSet(FEEDBACK_SLOT, asdict(note)))
        if reply.start_fsd:
            dispatcher.utter_message(text=FSD_INTRO)
            draft = start_draft(conversation().knowledge, tracker, reply.memory)
            events += [SlotSet(DRAFT_SLOT, draft), FollowupAction(FSD_FORM)]
        return events
