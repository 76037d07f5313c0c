"""What a loaded knowledge base is made of.

Every element keeps the place it was written (:class:`Location`) so that any complaint about
it can send a support agent to the exact line of the exact file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Optional, Tuple

NODE_KINDS = ("say", "ask", "answer", "escalate", "end")
# The Chorus systems a question or an item belongs to; "tous" is the support organisation and
# anything common to every system.
COMMON_SYSTEM = "tous"
SYSTEMS = ("coeur", "formulaires", "pro", "dt", COMMON_SYSTEM)
ITEM_LINK_PREFIX = "item:"


@dataclass(frozen=True)
class Location:
    file: Path
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """One thing a knowledge author must fix."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True)
class ErrorTemplate:
    """A SAP message as it appears in Chorus, with its placeholders (``&1``, ``&``, ``XXX``).

    ``entities`` names what each placeholder holds (``&1`` -> ``numero_piece``) so that the
    values the user pasted can be reused by the tree and the service-desk draft.
    """

    text: str
    entities: Dict[str, str]
    location: Location


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    synonyms: Tuple[str, ...]
    goto: str
    location: Location

    @property
    def target_item(self) -> Optional[str]:
        """The item this choice leads to, when it leaves the current tree."""
        if self.goto.startswith(ITEM_LINK_PREFIX):
            return self.goto[len(ITEM_LINK_PREFIX) :]
        return None


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    text: str
    location: Location
    next: Optional[str] = None
    choices: Tuple[Choice, ...] = ()
    review: bool = False

    def choice(self, choice_id: str) -> Optional[Choice]:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Item:
    id: str
    domain: str
    title: str
    start: str
    nodes: Dict[str, Node]
    examples: Tuple[str, ...]
    error_templates: Tuple[ErrorTemplate, ...]
    location: Location
    review: bool = False
    system: str = COMMON_SYSTEM
    sources: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Bot-wide texts and rules from ``knowledge/izia.yml``."""

    welcome_item: str
    domains: Dict[str, str]
    messages: Dict[str, str]
    min_examples: int
    location: Location


@dataclass
class KnowledgeBase:
    settings: Settings
    items: Dict[str, Item] = field(default_factory=dict)

    def item(self, item_id: str) -> Item:
        return self.items[item_id]

    def message(self, key: str) -> str:
        return self.settings.messages[key]
