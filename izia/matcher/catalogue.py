"""The SAP message templates of the knowledge base, compiled once into matchable words.

A template such as « Poste de pièce &1/&2 n'a pas été reporté dans exercice en cours » becomes
a sequence of folded words with two slots; whatever the user pasted in a slot is a value, the
words around the slots are what identifies the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

from izia.knowledge.model import ErrorTemplate, KnowledgeBase
from izia.knowledge.text import PLACEHOLDER
from izia.matcher.normalize import split_words

SLOT = ""  # never a folded word, so it can stand for a slot among the words
_TRAILING_PUNCTUATION = re.compile(r"[^\w]*$")


@dataclass(frozen=True)
class Slot:
    """One placeholder of a template.

    ``entity`` names what it holds; ``lead`` is the punctuation just before it (« / » in
    « &1/&2 », « ° » in « n° &1 »); ``separator`` is the text between it and the slot it
    directly follows, if any.
    """

    placeholder: str
    entity: Optional[str]
    separator: Optional[str]
    lead: str = ""


def weight(word: str) -> int:
    """A word's share of a message: its letters plus the space before it."""
    return len(word) + 1


@dataclass(frozen=True)
class CompiledTemplate:
    """A template as words and slots (``SLOT`` in ``elements``), ready for the aligner.

    ``word_count`` and ``weight`` (sum of its words' weights) are computed once here, since
    every alignment needs them.
    """

    item_id: str
    text: str
    elements: Tuple[str, ...]
    slots: Tuple[Slot, ...]
    word_count: int
    weight: int

    @property
    def segments(self) -> Tuple[Tuple[str, ...], ...]:
        """The runs of words between slots, which the index turns into word pairs."""
        runs: List[List[str]] = [[]]
        for element in self.elements:
            if element == SLOT:
                runs.append([])
            else:
                runs[-1].append(element)
        return tuple(tuple(run) for run in runs if run)


def compile_template(item_id: str, template: ErrorTemplate) -> Optional[CompiledTemplate]:
    """The template's words and slots, or ``None`` when it has no words to recognise it by."""
    elements: List[str] = []
    slots: List[Slot] = []
    position = 0
    previous_was_slot = False
    for found in PLACEHOLDER.finditer(template.text):
        literal = template.text[position : found.start()]
        words = split_words(literal).words
        elements.extend(words)
        separator = literal if previous_was_slot and not words else None
        lead = "".join(_TRAILING_PUNCTUATION.findall(literal)[0].split())  # the pattern matches at the end
        slots.append(Slot(found.group(0), template.entities.get(found.group(0)), separator, lead))
        elements.append(SLOT)
        previous_was_slot = True
        position = found.end()
    elements.extend(split_words(template.text[position:]).words)
    fixed_words = [element for element in elements if element != SLOT]
    if not fixed_words:
        return None
    return CompiledTemplate(
        item_id,
        template.text,
        tuple(elements),
        tuple(slots),
        len(fixed_words),
        sum(weight(word) for word in fixed_words),
    )


def compile_knowledge(knowledge: KnowledgeBase) -> List[CompiledTemplate]:
    """Every error template of every item, in item order."""
    return compile_templates(
        (item.id, template) for item in knowledge.items.values() for template in item.error_templates
    )


def compile_templates(templates: Iterable[Tuple[str, ErrorTemplate]]) -> List[CompiledTemplate]:
    compiled = (compile_template(item_id, template) for item_id, template in templates)
    return [template for template in compiled if template is not None]
