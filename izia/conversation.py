"""Decides the bot's reply to one user turn: the policy behind the ``action_izia`` adapter.

Order matters and is the product's: a click or a typed answer to the current question wins;
otherwise what the NLU recognised starts a knowledge item; otherwise IZIA says it did not
understand, offers the closest items («Vouliez-vous dire : …») and lets the user rephrase
once. The second miss in a row, an answer that did not help, or a tree that escalates leads
to the offer of a Fiche Service Desk draft for the user's CCA. A paste holding several known
error messages is taken one message at a time: the others wait in the memory, and each tree
that ends offers the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Dict, List, Optional, Tuple

from izia.contract import (
    CHOICE_ENTITY,
    CHOOSE_INTENT,
    DID_YOU_MEAN_KIND,
    FALLBACK_INTENT,
    FSD_START_INTENT,
    NOT_HELPFUL_INTENT,
    RATE_INTENT,
    RATING_ENTITY,
)
from izia.knowledge.model import KnowledgeBase
from izia.ratings import Feedback
from izia.ratings.store import ANSWER_DOWN, RATING
from izia.routing import best_in_domain, sure_domain
from izia.walker import (
    BotMessage,
    Button,
    Position,
    Turn,
    Walker,
)

STARS = range(1, 6)
SUGGESTION_FLOOR = 0.1
MAX_SUGGESTIONS = 3
# The domain model's (calibrated) confidence a domain needs for IZIA to open it when no item is
# sure: chosen on the tuned and outsider sets (bench/results/blind.md, sweep).
DOMAIN_THRESHOLD = 0.4
DOMAIN_MENU_PREFIX = "domaine_"
REPHRASINGS_ALLOWED = 1
SATISFIED_FROM = 4
MINISTRY_CODE = re.compile(r"\bMIN\s?(\d{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class UserTurn:
    text: str
    intent: Optional[str]
    entities: Dict[str, str] = field(default_factory=dict)
    ranking: Tuple[Tuple[str, float], ...] = ()
    domains: Tuple[Tuple[str, float], ...] = ()  # the domain model's labels, surest first
    matches: Tuple[str, ...] = ()  # items of the error messages recognised in the paste, in order
    comment: str = ""  # a rating's comment, when the client sends it with the stars (the widget)


@dataclass(frozen=True)
class Memory:
    """What the service-desk draft will need, remembered across turns (kept in one slot).

    ``subject`` is the user's message IZIA last tried to answer (a pasted error or a question),
    with the item it led to, the items suggested for it and the values recognised in it;
    ``pending`` holds the items of the other messages of the same paste, still to be treated.
    """

    misses: int = 0
    subject: str = ""
    item_id: str = ""
    suggested: Tuple[str, ...] = ()
    entities: Tuple[Tuple[str, str], ...] = ()
    pending: Tuple[str, ...] = ()
    awaiting_comment: int = 0  # the rating (1-3 stars) whose comment IZIA asked for

    def as_dict(self) -> Dict[str, Any]:
        return {
            "misses": self.misses,
            "subject": self.subject,
            "item_id": self.item_id,
            "suggested": list(self.suggested),
            "entities": [list(pair) for pair in self.entities],
            "pending": list(self.pending),
            "awaiting_comment": self.awaiting_comment,
        }

    @classmethod
    def from_dict(cls, data: Optional[Dict[str, Any]]) -> "Memory":
        data = data or {}
        return cls(
            misses=int(data.get("misses") or 0),
            subject=str(data.get("subject") or ""),
            item_id=str(data.get("item_id") or ""),
            suggested=tuple(data.get("suggested") or ()),
            entities=tuple((str(k), str(v)) for k, v in data.get("entities") or ()),
            pending=tuple(data.get("pending") or ()),
            awaiting_comment=int(data.get("awaiting_comment") or 0),
        )


@dataclass(frozen=True)
class Reply:
    turn: Turn
    memory: Memory
    start_fsd: bool = False
    feedback: Optional[Feedback] = None  # to record, once the adapter adds who gave it


@dataclass
class Conversation:
    walker: Walker

    @property
    def knowledge(self) -> KnowledgeBase:
        return self.walker.knowledge

    @cached_property
    def item_domains(self) -> Dict[str, str]:
        return {item.id: item.domain for item in self.knowledge.items.values()}

    def respond(self, position: Optional[Position], user: UserTurn, memory: Memory = Memory()) -> Reply:
        if memory.awaiting_comment and not user.text.startswith("/"):
            return self._comment(position, user, memory)
        memory = replace(memory, awaiting_comment=0)
        if user.intent == FSD_START_INTENT:
            return Reply(Turn((), position), replace(memory, misses=0), start_fsd=True)
        if user.intent == NOT_HELPFUL_INTENT:
            down = Feedback(sender_id="", kind=ANSWER_DOWN, at="", item_id=memory.item_id, subject=memory.subject)
            return Reply(self._offer_fsd(position, "not_helpful"), replace(memory, misses=0), feedback=down)
        if user.intent == CHOOSE_INTENT:
            return self._keep(memory, self._choose(position, user.entities.get(CHOICE_ENTITY, "")))
        if user.intent == RATE_INTENT:
            return self._rate(position, user, memory)
        followed = self.walker.answer_text(position, user.text) if position else None
        if followed is not None:
            return self._keep(memory, followed)
        if user.intent in self.knowledge.items:
            return self._start(user, memory)
        return self._not_understood(position, user, memory)

    def _keep(self, memory: Memory, turn: Turn) -> Reply:
        """A turn inside the current subject: an escalating tree ends with the draft offer, a
        finished one with the next message of the paste, if any.
        """
        if turn.escalate:
            turn = turn.then(self._offer_fsd(None, "escalate"))
        elif turn.position is None and memory.pending:
            following = self.knowledge.item(memory.pending[0])
            offer = BotMessage(self.knowledge.message("next_pasted"), (Button(following.title, f"/{following.id}"),))
            turn = turn.then(Turn((offer,), None))
        return Reply(turn, replace(memory, misses=0))

    def _start(self, user: UserTurn, memory: Memory) -> Reply:
        item_id = user.intent or ""
        pasted = tuple(dict.fromkeys(m for m in user.matches if m in self.knowledge.items))
        pending = tuple(i for i in memory.pending if i != item_id)
        announce = Turn((), None)
        if len(pasted) > 1 and pasted[0] == item_id:
            pending = pasted[1:]
            lines = "".join(f"\n{n}. {self.knowledge.item(i).title}" for n, i in enumerate(pasted, 1))
            announce = Turn(
                (BotMessage(self.knowledge.message("pasted_several").format(count=len(pasted)) + lines),), None
            )
        subject = memory.subject if item_id in memory.pending else user.text
        started = Memory(
            subject=subject, item_id=item_id, entities=tuple(sorted(user.entities.items())), pending=pending
        )
        return self._keep(started, announce.then(self.walker.start(item_id)))

    def _not_understood(self, position: Optional[Position], user: UserTurn, memory: Memory) -> Reply:
        misses = memory.misses + 1
        suggestions = self._suggestions(user)
        remembered = Memory(misses, user.text, "", tuple(suggestions), tuple(sorted(user.entities.items())))
        if misses > REPHRASINGS_ALLOWED:
            return Reply(self._offer_fsd(position, "still_not_understood"), replace(remembered, misses=0))
        domain = self._sure_domain(user)
        if domain:
            return Reply(self._domain_items(position, user, domain), remembered)
        if suggestions:
            notice = BotMessage(self.knowledge.message("not_understood"))
            return Reply(Turn((notice,), position).then(self._did_you_mean(position, suggestions)), remembered)
        return Reply(self._notice_then_resume(position, "not_understood"), remembered)

    def _offer_fsd(self, position: Optional[Position], reason_key: str) -> Turn:
        buttons = (
            Button(self.knowledge.message("fsd_yes_button"), f"/{FSD_START_INTENT}"),
            Button(self.knowledge.message("fsd_no_button"), f"/{self.knowledge.settings.welcome_item}"),
        )
        text = f"{self.knowledge.message(reason_key)} {self.knowledge.message('fsd_offer')}"
        return Turn((BotMessage(text, buttons),), position)

    def _choose(self, position: Optional[Position], choice_id: str) -> Turn:
        followed = self.walker.choose(position, choice_id) if position else None
        if followed is not None:
            return followed
        return self._notice_then_resume(position, "invalid_choice")

    def _rate(self, position: Optional[Position], user: UserTurn, memory: Memory) -> Reply:
        """Stars first; an unsatisfied user is then asked what did not suit, and from where,
        unless the client sent the comment with the stars.
        """
        rating = user.entities.get(RATING_ENTITY)
        if not (rating and rating.isdigit() and int(rating) in STARS):
            stars = tuple(Button("★" * n, f'/{RATE_INTENT}{{"{RATING_ENTITY}":"{n}"}}') for n in STARS)
            return Reply(Turn((BotMessage(self.knowledge.message("rate_question"), stars),), position), memory)
        stars_given = int(rating)
        if stars_given >= SATISFIED_FROM or user.comment:
            note = self._rating(memory, stars_given, user.comment)
            return Reply(Turn((BotMessage(self.knowledge.message("rate_thanks")),), None), memory, feedback=note)
        ask = BotMessage(self.knowledge.message("rate_comment_question"))
        return Reply(Turn((ask,), position), replace(memory, awaiting_comment=stars_given))

    def _comment(self, position: Optional[Position], user: UserTurn, memory: Memory) -> Reply:
        note = self._rating(memory, memory.awaiting_comment, user.text)
        thanks = Turn((BotMessage(self.knowledge.message("rate_thanks")),), position)
        return Reply(thanks, replace(memory, awaiting_comment=0), feedback=note)

    @staticmethod
    def _rating(memory: Memory, stars: int, comment: str) -> Feedback:
        code = MINISTRY_CODE.search(comment)
        ministry = f"MIN{code.group(1)}" if code else ""
        return Feedback(
            sender_id="",
            kind=RATING,
            at="",
            rating=stars,
            comment=comment.strip(),
            ministry=ministry,
            item_id=memory.item_id,
            subject=memory.subject,
        )

    def _suggestions(self, user: UserTurn) -> List[str]:
        """The knowledge items the NLU hesitated between, best first."""
        if user.intent != FALLBACK_INTENT:
            return []
        candidates = [intent for intent, confidence in user.ranking if confidence >= SUGGESTION_FLOOR]
        welcome = self.knowledge.settings.welcome_item
        items = [intent for intent in candidates if intent in self.knowledge.items and intent != welcome]
        return items[:MAX_SUGGESTIONS]

    def _sure_domain(self, user: UserTurn) -> Optional[str]:
        if user.intent != FALLBACK_INTENT:
            return None
        return sure_domain(user.domains, self.knowledge.settings.domains, DOMAIN_THRESHOLD)

    def _domain_items(self, position: Optional[Position], user: UserTurn, domain: str) -> Turn:
        """The domain's closest items first, then its whole menu: the user picks among few."""
        menu = f"{DOMAIN_MENU_PREFIX}{domain}"
        closest = [i for i in best_in_domain(user.ranking, self.item_domains, domain, MAX_SUGGESTIONS + 1) if i != menu]
        buttons = [Button(self.knowledge.item(item_id).title, f"/{item_id}") for item_id in closest[:MAX_SUGGESTIONS]]
        label = self.knowledge.settings.domains.get(domain, domain)
        if menu in self.knowledge.items:
            buttons.append(Button(self.knowledge.message("domain_menu_button").format(domain=label), f"/{menu}"))
        text = self.knowledge.message("domain_guess").format(domain=label)
        return Turn((BotMessage(text, tuple(buttons), kind=DID_YOU_MEAN_KIND),), position)

    def _did_you_mean(self, position: Optional[Position], suggestions: List[str]) -> Turn:
        buttons = tuple(Button(self.knowledge.item(item_id).title, f"/{item_id}") for item_id in suggestions)
        return Turn((BotMessage(self.knowledge.message("did_you_mean"), buttons, kind=DID_YOU_MEAN_KIND),), position)

    def _notice_then_resume(self, position: Optional[Position], message_key: str) -> Turn:
        """Mid-tree, the question is asked again; otherwise the domain menu is offered."""
        notice = self.knowledge.message(message_key)
        if position is not None:
            return self.walker.reprompt(position, notice)
        return Turn((BotMessage(notice),), None).then(self.walker.welcome())
