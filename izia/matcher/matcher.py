"""Recognises the SAP messages of the catalogue in a pasted text, with their values.

Retrieval (:mod:`izia.matcher.index`) shortlists templates, alignment
(:mod:`izia.matcher.align`) scores each one where it appears, and what is left is one match
per knowledge item, in the order the messages appear in the paste.

Threshold. ``DEFAULT_THRESHOLD = 0.75`` was calibrated with ``bench/matcher_bench.py``
(figures in ``bench/results/matcher.md``). Known messages under every kind of noise score
0.88 or more in 99.5 % of pastes: an exact message scores 1, a cut at 60 % of its text loses
about 0.1 (``TRUNCATION_COST`` × the share cut), an extra word or a typo a few hundredths.
A different SAP message sharing most words has a template word missing or replaced, which
multiplies its score by ``DROP_FACTOR`` = 0.7: 99 % of the messages outside the catalogue
score 0.61 or less. Every threshold from 0.56 to 0.89 meets both targets (99 % top-1, 95 %
rejection); 0.75 sits in the middle of that gap, away from both edges, so that neither a
slightly noisier paste nor a slightly closer near-miss crosses it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from izia.knowledge.model import KnowledgeBase
from izia.matcher.align import Alignment, best_alignment
from izia.matcher.catalogue import CompiledTemplate, compile_knowledge
from izia.matcher.index import TemplateIndex
from izia.matcher.normalize import Words, split_words
from izia.matcher.values import Value, split_values

DEFAULT_THRESHOLD = 0.75
CANDIDATES = 24  # templates aligned for the whole text, best retrieved first
CANDIDATES_PER_PIECE = 12  # and for each line, and each piece of it between pauses
MIN_RECALL = 0.1  # share of a template's index weight a text must contain to be aligned


@dataclass(frozen=True)
class Match:
    """One recognised message: the item to open, how sure we are, and where and what it was."""

    item_id: str
    template: str
    score: float
    start: int
    end: int
    text: str
    truncated: bool
    values: Tuple[Value, ...]

    @property
    def span(self) -> Tuple[int, int]:
        return self.start, self.end

    @property
    def entities(self) -> Dict[str, str]:
        """Named values only, first occurrence of each entity."""
        named: Dict[str, str] = {}
        for value in self.values:
            if value.entity:
                named.setdefault(value.entity, value.value)
        return named

    def as_dict(self) -> dict:
        """A JSON-ready form, the one the Rasa component publishes."""
        return {
            "item_id": self.item_id,
            "template": self.template,
            "score": round(self.score, 4),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "truncated": self.truncated,
            "values": [value.as_dict() for value in self.values],
        }


class Matcher:
    """The compiled catalogue and its index; build once, then match every user turn."""

    def __init__(self, templates: Sequence[CompiledTemplate], threshold: float = DEFAULT_THRESHOLD) -> None:
        self.templates = list(templates)
        self.threshold = threshold
        self._index = TemplateIndex(self.templates)

    @classmethod
    def from_knowledge(cls, knowledge: KnowledgeBase, threshold: float = DEFAULT_THRESHOLD) -> "Matcher":
        return cls(compile_knowledge(knowledge), threshold)

    def match(self, text: str, threshold: Optional[float] = None) -> List[Match]:
        """The known messages in ``text``, one per item, in order of appearance.

        ``threshold`` overrides the matcher's own, e.g. 0 to see every scored candidate.
        """
        words = split_words(text)
        if not len(words):
            return []
        minimum = self.threshold if threshold is None else threshold
        positions: Dict[str, List[int]] = defaultdict(list)
        for number, word in enumerate(words.words):
            positions[word].append(number)
        found = []
        for number in self._candidates(words):
            alignment = best_alignment(self.templates[number], words, positions)
            if alignment is not None and alignment.score >= minimum:
                found.append(alignment)
        return [_as_match(words, alignment) for alignment in _one_per_place_and_item(found)]

    def _candidates(self, words: Words) -> List[int]:
        """Templates worth aligning: the best for the whole text, then for each line and piece.

        In a paste of several messages each line must find its own templates; the user's
        own words (« mon EJ », « ma DP ») weigh on a line's ranking, while a piece between
        colons or quotes is often the pasted message alone. A word cut at the end of a line
        or piece also stands for the indexed words it may have been.
        """
        cut_words = [
            completion
            for number, word in enumerate(words.words)
            if words.boundary_after[number]
            for completion in self._index.completions(word)
        ]
        chosen = dict.fromkeys(self._index.candidates(words.words, CANDIDATES, MIN_RECALL, cut_words))
        ranges = dict.fromkeys(_ranges(words.boundary_after) + _ranges(words.pause_after))
        ranges.pop((0, len(words)), None)
        for start, end in ranges:
            piece = words.words[start:end]
            chosen.update(dict.fromkeys(self._index.candidates(piece, CANDIDATES_PER_PIECE, MIN_RECALL, cut_words)))
        return list(chosen)


def _ranges(ends_after: Sequence[bool]) -> List[Tuple[int, int]]:
    """Word ranges ending where ``ends_after`` is true (line ends, or any pause)."""
    ranges = []
    start = 0
    for number, end in enumerate(ends_after):
        if end:
            ranges.append((start, number + 1))
            start = number + 1
    return ranges


def _one_per_place_and_item(alignments: List[Alignment]) -> List[Alignment]:
    """Best first, drops alignments overlapping a better one or repeating its item; then text order.

    « Best » is most matched words, then score: when a short template is complete inside a
    text that goes on exactly as a longer template cut by the user, the longer one explains
    more of what was pasted and wins, despite its cut.
    """
    kept: List[Alignment] = []
    items = set()
    for alignment in sorted(alignments, key=lambda a: (-a.matched, -a.score, a.first_word)):
        if alignment.template.item_id in items:
            continue
        if any(alignment.first_word <= other.last_word and other.first_word <= alignment.last_word for other in kept):
            continue
        kept.append(alignment)
        items.add(alignment.template.item_id)
    return sorted(kept, key=lambda a: a.first_word)


def _as_match(words: Words, alignment: Alignment) -> Match:
    template = alignment.template
    values: List[Value] = []
    for region in alignment.regions:
        if region.end_word > region.first_word:
            start, end = words.span(region.first_word, region.end_word - 1)
            values += split_values(
                words.text, start, end, template.slots[region.first_slot : region.first_slot + region.count]
            )
    start, end = words.span(alignment.first_word, alignment.last_word)
    return Match(
        item_id=template.item_id,
        template=template.text,
        score=alignment.score,
        start=start,
        end=end,
        text=words.text[start:end],
        truncated=alignment.truncated,
        values=tuple(values),
    )
