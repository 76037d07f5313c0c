"""Decides the bot's reply to one user turn: the policy behind the ``action_izia`` adapter.

Order matters and is the product's: a click or a typed answer to the current question wins;
otherwise what the NLU recognised starts a knowledge item; otherwise IZIA says it did not
understand and, mid-tree, asks its question again. When the NLU hesitates between close
candidates, IZIA asks «Vouliez-vous dire : …» with them as buttons rather than guess wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from izia.knowledge.model import KnowledgeBase
from izia.walker import CHOOSE_INTENT, RATE_INTENT, BotMessage, Button, Position, Turn, Walker

RATING_ENTITY = "rating"
STARS = range(1, 6)
FALLBACK_INTENT = "nlu_fallback"
SUGGESTION_FLOOR = 0.1
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class UserTurn:
    text: str
    intent: Optional[str]
    entities: Dict[str, str] = field(default_factory=dict)
    ranking: Tuple[Tuple[str, float], ...] = ()


@dataclass
class Conversation:
    walker: Walker

    @property
    def knowledge(self) -> KnowledgeBase:
        return self.walker.knowledge

    def respond(self, position: Optional[Position], user: UserTurn) -> Turn:
        if user.intent == CHOOSE_INTENT:
            return self._choose(position, user.entities.get("choice", ""))
        if user.intent == RATE_INTENT:
            return self._rate(position, user.entities.get(RATING_ENTITY))
        if position is not None:
            followed = self.walker.answer_text(position, user.text)
            if followed is not None:
                return followed
        if user.intent in self.knowledge.items:
            return self.walker.start(user.intent)
        suggestions = self._suggestions(user)
        if suggestions:
            return self._did_you_mean(position, suggestions)
        return self._notice_then_resume(position, "not_understood")

    def _choose(self, position: Optional[Position], choice_id: str) -> Turn:
        followed = self.walker.choose(position, choice_id) if position else None
        if followed is not None:
            return followed
        return self._notice_then_resume(position, "invalid_choice")

    def _rate(self, position: Optional[Position], rating: Optional[str]) -> Turn:
        if rating and rating.isdigit() and int(rating) in STARS:
            return Turn((BotMessage(self.knowledge.message("rate_thanks")),), None)
        stars = tuple(Button("★" * n, f'/{RATE_INTENT}{{"{RATING_ENTITY}":"{n}"}}') for n in STARS)
        return Turn((BotMessage(self.knowledge.message("rate_question"), stars),), position)

    def _suggestions(self, user: UserTurn) -> List[str]:
        """The knowledge items the NLU hesitated between, best first."""
        if user.intent != FALLBACK_INTENT:
            return []
        candidates = [intent for intent, confidence in user.ranking if confidence >= SUGGESTION_FLOOR]
        welcome = self.knowledge.settings.welcome_item
        items = [intent for intent in candidates if intent in self.knowledge.items and intent != welcome]
        return items[:MAX_SUGGESTIONS]

    def _did_you_mean(self, position: Optional[Position], suggestions: List[str]) -> Turn:
        buttons = tuple(Button(self.knowledge.item(item_id).title, f"/{item_id}") for item_id in suggestions)
        return Turn((BotMessage(self.knowledge.message("did_you_mean"), buttons),), position)

    def _notice_then_resume(self, position: Optional[Position], message_key: str) -> Turn:
        """Mid-tree, the question is asked again; otherwise the domain menu is offered."""
        notice = self.knowledge.message(message_key)
        if position is not None:
            return self.walker.reprompt(position, notice)
        return Turn((BotMessage(notice),), None).then(self.walker.welcome())
