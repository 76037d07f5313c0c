"""Aligns one template with a pasted text, word by word, and scores how faithfully it appears.

The alignment is what tells a known message from a different SAP message that shares most
of its words: every word of the template must be found, in order, with values in its slots.
A typo in a long word or an extra word (« n'a pas encore été reporté ») costs a little; a
template word that is missing or replaced multiplies the score by ``DROP_FACTOR``, because
that is exactly how two distinct SAP messages differ (« destinataire » / « émettrice »).

A message cut off by the user is recognised when the text stops (end of paste, line or
sentence, a SAP message id) where the template still goes on; it scores a little less the
more was cut. A text that goes on with other words instead has diverged from the template.
Values are what SAP puts in the slots: one word, or several that look like values (digits,
capitals, « 0141-CDOM-C001 »), preceded by the template's own punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from rapidfuzz.distance import Levenshtein

from izia.matcher.catalogue import SLOT, CompiledTemplate, Slot, weight
from izia.matcher.normalize import Words, punctuation_after

MAX_EDITS = 2  # edits tolerated inside one template before giving up on it
MAX_VALUE_WORDS = 8  # words one slot may hold when the template's next word closes it
MAX_TRAILING_VALUE_WORDS = 4  # words a slot may hold at the end of a template (nothing closes it)
MAX_CUT_VALUE_CHARS = 4  # a short last word may be the start of a value the user's cut ended
UNSEEN_VALUE_CHARS = 8  # assumed length of a value the user's cut removed
MIN_COVERAGE = 0.45  # a cut message must still show this share of its characters
TRUNCATION_COST = 0.2  # score lost by a message showing none of its text; linear in coverage
DROP_FACTOR = 0.7  # a template word missing or replaced: the mark of a different SAP message
MIN_MATCHED_WORDS = 2
MIN_CUT_WORDS = 3  # words a cut message with values must show before the cut
LOOKAHEAD = 3  # template words looked for after a sentence end, to tell a cut from a change
_QUOTES = frozenset("«»\"“”'‘’")  # users may quote a value; SAP's own punctuation is in Slot.lead

COMPLETE, TRUNCATED, DIVERGED = "complete", "truncated", "diverged"


@dataclass(frozen=True)
class Region:
    """Words of the text that fill consecutive slots ``first_slot`` .. ``first_slot + count - 1``."""

    first_slot: int
    count: int
    first_word: int
    end_word: int


@dataclass(frozen=True)
class Alignment:
    template: CompiledTemplate
    score: float
    first_word: int
    last_word: int
    regions: Tuple[Region, ...]
    truncated: bool
    matched: float


def word_distance(seen: str, expected: str) -> Optional[int]:
    """0 for the same word, 1 for a one-letter typo in a long word, ``None`` for another word."""
    if seen == expected:
        return 0
    if (
        len(seen) >= 5
        and len(expected) >= 5
        and abs(len(seen) - len(expected)) <= 1
        and seen[0] == expected[0]
        and Levenshtein.distance(seen, expected, score_cutoff=1) <= 1
    ):
        return 1
    return None


def best_alignment(template: CompiledTemplate, text: Words, positions: Dict[str, List[int]]) -> Optional[Alignment]:
    """The best-scoring place of ``template`` in ``text``, anchored on its first word."""
    elements = template.elements
    first = next(index for index, element in enumerate(elements) if element != SLOT)
    best: Optional[Alignment] = None
    for start in positions.get(elements[first], []):
        best = _better(best, _align(template, text, first, start))
    return best


def _better(current: Optional[Alignment], candidate: Optional[Alignment]) -> Optional[Alignment]:
    if candidate is None:
        return current
    if current is None or (candidate.score, candidate.matched) > (current.score, current.matched):
        return candidate
    return current


class _Aligner:
    """The running state of one alignment attempt; one instance per attempt."""

    def __init__(self, template: CompiledTemplate, text: Words) -> None:
        self.template = template
        self.text = text
        self.matched = 0.0
        self.matched_words = 0
        self.deleted = 0.0
        self.inserted = 0.0
        self.reached = 0.0
        self.edits = 0
        self.drops = 0
        self.closed_value = False  # a template word was found after a value
        self.regions: List[Region] = []
        self.stop = COMPLETE

    def value_end(self, start: int, limit: int, free: int) -> int:
        """End (exclusive) of the values starting at word ``start``.

        The first ``free`` words (one per slot) may be any word; further words belong to the
        values only if they look like values, or if the text is cut right after a short one
        (the start of a value: « Z » for « Z236 »).
        """
        text = self.text
        end = start + 1
        chunks = 1
        while end < len(text) and end - start < limit and not text.boundary_after[end - 1]:
            if not text.glued[end]:
                if chunks >= free and not self.value_word(end):
                    break
                chunks += 1
            end += 1
        return end

    def value_follows(self, word: int, slot: Slot) -> bool:
        """Whether the punctuation before word ``word`` is what the template puts before the slot.

        SAP writes values with the template's own punctuation around them; a colon or a
        comma that the template does not have means the « value » is the user's text.
        """
        if word == 0:
            return True
        text = self.text
        gap = punctuation_after(text.text[text.ends[word - 1] : text.starts[word]], text.unexpanded[word - 1])
        return all(char.isspace() or char in _QUOTES or char in slot.lead for char in gap)

    def value_word(self, word: int) -> bool:
        text = self.text
        return text.value_like[word] or (text.boundary_after[word] and len(text.words[word]) <= MAX_CUT_VALUE_CHARS)

    def cut_word(self, word: int, expected: str) -> bool:
        """Whether word ``word`` is the beginning of ``expected``, cut where the text stops."""
        text = self.text
        return text.boundary_after[word] and (
            expected.startswith(text.words[word]) or expected.startswith(text.unexpanded[word])
        )

    def fits(self, word: int, expected: str) -> bool:
        """Whether word ``word`` is ``expected``, or its beginning where the text is cut."""
        if word >= len(self.text):
            return False
        return word_distance(self.text.words[word], expected) is not None or self.cut_word(word, expected)

    def ends_here(self, word: int) -> bool:
        """Whether the text stops (or a sentence ends) right before ``word``."""
        return word >= len(self.text) or (word > 0 and self.text.boundary_after[word - 1])

    def slots(self, index: int, word: int, slot_number: int) -> Tuple[int, int]:
        """Fills the run of slots at ``index``; returns the next element and word.

        A value is one word, or several that look like values (« 1 234,56 EUR »); only when
        the template's next word closes it may its first word be any word (« jdupont »).
        """
        elements, text = self.template.elements, self.text
        end_index = index
        while end_index < len(elements) and elements[end_index] == SLOT:
            end_index += 1
        count = end_index - index
        if self.ends_here(word):
            self.stop = TRUNCATED
            return index, word
        if not self.value_follows(word, self.template.slots[slot_number]):
            self.stop = DIVERGED
            return index, word
        if end_index == len(elements):
            end = self.value_end(word, MAX_TRAILING_VALUE_WORDS * count, count)
            self.regions.append(Region(slot_number, count, word, end))
            return end_index, end
        target = elements[end_index]
        after = elements[end_index + 1] if end_index + 1 < len(elements) else SLOT
        limit = min(len(text), word + MAX_VALUE_WORDS * count)
        chunks = 1
        for closing in range(word + 1, limit + 1):
            if text.boundary_after[closing - 1]:
                break
            if word_distance(text.words[closing], target) is not None and (
                after == SLOT or text.boundary_after[closing] or self.fits(closing + 1, after)
            ):
                self.regions.append(Region(slot_number, count, word, closing))
                return end_index, closing
            if not text.glued[closing]:
                if chunks >= count and not self.value_word(closing):
                    break
                chunks += 1
        end = self.value_end(word, MAX_VALUE_WORDS * count, count)
        self.regions.append(Region(slot_number, count, word, end))
        cut = self.ends_here(end) and self.value_word(word)
        self.stop = TRUNCATED if cut else DIVERGED
        return index, end

    def literal(self, index: int, word: int) -> Tuple[int, int]:
        """Matches the template word at ``index``; returns the next element and word.

        Edits are tried before accepting a cut at a sentence end: « interrompue » de
        l'auteur » lacks the template's « reçu » rather than ending the message there.
        """
        expected = self.template.elements[index]
        if word >= len(self.text):
            self.stop = TRUNCATED
            return index, word
        seen = self.text.words[word]
        distance = word_distance(seen, expected)
        if distance is not None:
            self._keep(expected, distance)
            return index + 1, word + 1
        if self.cut_word(word, expected):
            self.matched += len(seen)
            self.reached += len(seen)
            self._count_word()
            self.stop = TRUNCATED
            return index, word + 1
        edited = self._edit(index, word) if self.edits < MAX_EDITS else None
        if edited is not None:
            self.edits += 1
            return edited
        self.stop = TRUNCATED if self.ends_here(word) and not self._goes_on(index, word) else DIVERGED
        return index, word

    def _goes_on(self, index: int, word: int) -> bool:
        """Whether the template's next words follow anyway, so the message was changed, not cut.

        « Could not open app. Certainly try again later. » is not « Could not open app. »
        followed by the user's words: « try again later » is the rest of the template.
        """
        upcoming = [element for element in self.template.elements[index : index + LOOKAHEAD] if element != SLOT]
        following = self.text.words[word : word + LOOKAHEAD + 1]
        found = sum(any(word_distance(seen, element) is not None for seen in following) for element in upcoming)
        return len(upcoming) >= 2 and found >= 2

    def _edit(self, index: int, word: int) -> Optional[Tuple[int, int]]:
        """One extra word, one missing word or one replaced word, if the next words agree.

        Right after a sentence end only a missing word is tried: it resynchronises on a word
        of the template, where the others would read the user's next sentence as the message.
        """
        elements, text = self.template.elements, self.text
        expected, seen = elements[index], text.words[word]
        next_expected = elements[index + 1] if index + 1 < len(elements) else None
        if next_expected not in (None, SLOT) and word_distance(seen, next_expected) is not None:
            self._drop(expected)
            return index + 1, word
        if self.ends_here(word) or text.boundary_after[word] or word + 1 >= len(text):
            return None
        following = text.words[word + 1]
        if word_distance(following, expected) is not None:
            self.inserted += weight(seen)
            return index, word + 1
        replaced = (
            self.value_word(word + 1)
            and self.value_follows(word + 1, self.template.slots[elements[: index + 1].count(SLOT)])
            if next_expected == SLOT
            else next_expected is not None and word_distance(following, next_expected) is not None
        )
        if replaced:
            self._drop(expected)
            self.inserted += weight(seen)
            return index + 1, word + 1
        return None

    def _keep(self, expected: str, distance: int) -> None:
        self.matched += weight(expected) - distance
        self.deleted += distance
        self.reached += weight(expected)
        self._count_word()

    def _count_word(self) -> None:
        self.matched_words += 1
        if self.regions and self.regions[-1].end_word > self.regions[-1].first_word:
            self.closed_value = True

    def _drop(self, expected: str) -> None:
        self.drops += 1
        self.deleted += weight(expected)
        self.reached += weight(expected)


def _align(template: CompiledTemplate, text: Words, index: int, start: int) -> Optional[Alignment]:
    """Aligns from template element ``index`` (its first word) placed on word ``start``."""
    elements = template.elements
    state = _Aligner(template, text)
    first_word = _leading_values_start(text, start, MAX_TRAILING_VALUE_WORDS * index) if index else start
    if first_word < start:
        state.regions.append(Region(0, index, first_word, start))
    slot_number = index
    word = start
    while index < len(elements) and state.stop == COMPLETE:
        if elements[index] == SLOT:
            new_index, word = state.slots(index, word, slot_number)
            slot_number += new_index - index
            index = new_index
        else:
            index, word = state.literal(index, word)
    if state.stop == DIVERGED:
        state.drops += 1
        state.deleted += template.weight - state.reached
        state.reached = template.weight
        if word < len(text):
            state.inserted += weight(text.words[word])
    if state.matched_words < min(MIN_MATCHED_WORDS, template.word_count) or word <= first_word:
        return None
    if state.stop == TRUNCATED and not _enough_before_cut(template, state):
        return None
    score = _score(template, text, state)
    if score is None:
        return None
    return Alignment(
        template, score, first_word, word - 1, tuple(state.regions), state.stop == TRUNCATED, state.matched
    )


def _enough_before_cut(template: CompiledTemplate, state: _Aligner) -> bool:
    """A cut message must show enough to be told from the user's own words.

    « certificat administratif » ending a question, or « centre financier 0141 », is no cut
    SAP message: a template with values needs three of its words, or one after a value.
    """
    if not template.slots:
        return state.matched_words >= MIN_MATCHED_WORDS
    return state.matched_words >= MIN_CUT_WORDS or state.closed_value


def _leading_values_start(text: Words, start: int, limit: int) -> int:
    """First word of the value(s) written before a template that opens with a slot."""
    first = start
    while first > 0 and start - first < limit and not text.boundary_after[first - 1] and text.value_like[first - 1]:
        first -= 1
    return first


def _score(template: CompiledTemplate, text: Words, state: _Aligner) -> Optional[float]:
    """Fidelity of what was seen, lowered by how much of the message the user's cut removed."""
    regions = [region for region in state.regions if region.end_word > region.first_word]
    value_chars = sum(text.ends[region.end_word - 1] - text.starts[region.first_word] for region in regions)
    unseen = (len(template.slots) - sum(region.count for region in regions)) * UNSEEN_VALUE_CHARS
    coverage = (state.reached + value_chars) / (template.weight + value_chars + unseen)
    if coverage < MIN_COVERAGE:
        return None
    fidelity = max(0.0, state.matched - state.deleted) / (state.matched + state.deleted + state.inserted)
    return fidelity * DROP_FACTOR**state.drops * (1.0 - TRUNCATION_COST * (1.0 - coverage))
