"""Walks a scenario tree: the only code that decides what IZIA says next inside an item.

The walker is pure Python so the whole dialogue can be tested without Rasa. It only ever
moves along a choice the current node offers: a forged button payload cannot jump elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from rapidfuzz import fuzz, process

from izia.contract import (
    CHOICE_ENTITY,
    CHOOSE_INTENT,
    CUSTOM_DOMAIN,
    CUSTOM_ITEM,
    CUSTOM_KIND,
    CUSTOM_NODE,
    NOT_HELPFUL_INTENT,
    RATE_INTENT,
)
from izia.knowledge.model import Choice, Item, KnowledgeBase, Node
from izia.knowledge.text import fold

FUZZY_CUTOFF = 85
SHORT_ANSWER_WORDS = 6
MAX_STEPS = 50


def choice_payload(choice_id: str) -> str:
    """The Rasa button payload that selects a choice: the intent bypasses the NLU."""
    return f"/{CHOOSE_INTENT}{json.dumps({CHOICE_ENTITY: choice_id}, separators=(',', ':'))}"


@dataclass(frozen=True)
class Position:
    item_id: str
    node_id: str


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class BotMessage:
    text: str
    buttons: Tuple[Button, ...] = ()
    item_id: Optional[str] = None
    domain: Optional[str] = None
    node_id: Optional[str] = None
    kind: Optional[str] = None  # what a message outside any item is (contract.CUSTOM_KIND)

    @property
    def custom(self) -> Optional[Dict[str, str]]:
        """Where the conversation is, for clients, tests and analytics."""
        if self.item_id is not None:
            return {CUSTOM_ITEM: self.item_id, CUSTOM_DOMAIN: self.domain or "", CUSTOM_NODE: self.node_id or ""}
        return {CUSTOM_KIND: self.kind} if self.kind else None


@dataclass(frozen=True)
class Turn:
    """What the bot says, and where it then waits (``None``: the tree is finished)."""

    messages: Tuple[BotMessage, ...]
    position: Optional[Position]
    escalate: bool = False

    def then(self, other: "Turn") -> "Turn":
        return Turn(self.messages + other.messages, other.position, self.escalate or other.escalate)


@dataclass
class Walker:
    knowledge: KnowledgeBase
    _wordings: Dict[Tuple[str, str], List[Tuple[str, Choice]]] = field(default_factory=dict, repr=False)

    def start(self, item_id: str) -> Turn:
        item = self.knowledge.item(item_id)
        return self._walk(item, item.start)

    def welcome(self) -> Turn:
        return self.start(self.knowledge.settings.welcome_item)

    def choose(self, position: Position, choice_id: str) -> Optional[Turn]:
        """Follows ``choice_id`` if, and only if, the node at ``position`` offers it."""
        node = self._node(position)
        choice = node.choice(choice_id) if node else None
        return self._follow(position, choice) if choice else None

    def answer_text(self, position: Position, text: str) -> Optional[Turn]:
        """Follows the choice the typed ``text`` names, or ``None`` to let the NLU decide."""
        choice = self.match_choice(position, text)
        return self._follow(position, choice) if choice else None

    def match_choice(self, position: Position, text: str) -> Optional[Choice]:
        wordings = self._choice_wordings(position)
        typed = fold(text)
        if not wordings or not typed:
            return None
        exact = [choice for wording, choice in wordings if wording == typed]
        if exact:
            return exact[0]
        best = process.extractOne(typed, [w for w, _ in wordings], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            return wordings[best[2]][1]
        return self._named_in_short_answer(typed, wordings)

    def reprompt(self, position: Position, notice: str) -> Turn:
        """Says ``notice`` and asks the current question again."""
        item = self.knowledge.item(position.item_id)
        return Turn((BotMessage(notice),), None).then(self._walk(item, position.node_id))

    def _node(self, position: Position) -> Optional[Node]:
        item = self.knowledge.items.get(position.item_id)
        return item.nodes.get(position.node_id) if item else None

    def _follow(self, position: Position, choice: Choice) -> Turn:
        target = choice.target_item
        if target is not None:
            return self.start(target)
        return self._walk(self.knowledge.item(position.item_id), choice.goto)

    def _walk(self, item: Item, node_id: str) -> Turn:
        messages: List[BotMessage] = []
        for _ in range(MAX_STEPS):
            node = item.nodes[node_id]
            here: Dict[str, Any] = {"item_id": item.id, "domain": item.domain, "node_id": node.id}
            if node.kind == "say":
                messages.append(BotMessage(node.text, **here))
                node_id = node.next or ""
                continue
            if node.kind == "ask":
                buttons = tuple(Button(c.label, choice_payload(c.id)) for c in node.choices)
                messages.append(BotMessage(node.text, buttons, **here))
                return Turn(tuple(messages), Position(item.id, node.id))
            messages.append(BotMessage(node.text, self._ending_buttons(node.kind), **here))
            if node.kind == "answer":
                messages.append(BotMessage(self.knowledge.message("closing"), self._closing_buttons(), **here))
            return Turn(tuple(messages), None, escalate=node.kind == "escalate")
        raise RuntimeError(f"{item.location}: boucle de nœuds « say » sans question dans « {item.id} »")

    def _closing_buttons(self) -> Tuple[Button, ...]:
        """After an answer: rate it, or say it did not help (which leads to a service-desk draft)."""
        return (
            Button(self.knowledge.message("rate_button"), f"/{RATE_INTENT}"),
            Button(self.knowledge.message("not_helpful_button"), f"/{NOT_HELPFUL_INTENT}"),
        )

    def _ending_buttons(self, kind: str) -> Tuple[Button, ...]:
        if kind == "end":
            return (Button(self.knowledge.message("rate_button"), f"/{RATE_INTENT}"),)
        return ()

    def _choice_wordings(self, position: Position) -> List[Tuple[str, Choice]]:
        key = (position.item_id, position.node_id)
        if key not in self._wordings:
            node = self._node(position)
            choices = node.choices if node else ()
            self._wordings[key] = [(fold(w), c) for c in choices for w in (c.label, *c.synonyms) if fold(w)]
        return self._wordings[key]

    @staticmethod
    def _named_in_short_answer(typed: str, wordings: List[Tuple[str, Choice]]) -> Optional[Choice]:
        """« plutôt EJ » names the EJ choice; a long sentence is left to the NLU."""
        if len(typed.split()) > SHORT_ANSWER_WORDS:
            return None
        padded = f" {typed} "
        named = {choice.id: choice for wording, choice in wordings if f" {wording} " in padded}
        return next(iter(named.values())) if len(named) == 1 else None
