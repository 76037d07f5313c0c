"""Cuts the text held by consecutive slots into one value per placeholder.

The words of a run of slots come out of the aligner as one stretch of the original text
(« 1508892764/00003 » for « &1/&2 »): the template's own separator between the placeholders
says where one value ends and the next begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from izia.matcher.catalogue import Slot

_SPACES = re.compile(r"\s+")
_TRIM = " \t\r\n.,;:!?«»\"'()[]"


@dataclass(frozen=True)
class Value:
    """What the user pasted in place of one placeholder, with its position in the message."""

    placeholder: str
    entity: Optional[str]
    value: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {
            "placeholder": self.placeholder,
            "entity": self.entity,
            "value": self.value,
            "start": self.start,
            "end": self.end,
        }


def split_values(text: str, start: int, end: int, slots: Sequence[Slot]) -> List[Value]:
    """One value per slot from ``text[start:end]``; a slot the user's cut left empty gets none.

    A separator of punctuation (« / ») cuts at its first occurrence. A space cuts at one of
    the last spaces: in « &1 &2 », SAP's later values are short (currency, unit, year)
    while the first may hold spaces (« 1 234,56 EUR »).
    """
    values = []
    cursor = start
    for number, slot in enumerate(slots):
        cut = _cut(text, cursor, end, slots[number + 1 :]) if number + 1 < len(slots) else None
        value = _trimmed(text, cursor, cut[0] if cut else end, slot)
        if value is not None:
            values.append(value)
        cursor = cut[1] if cut else end
    return values


def _cut(text: str, start: int, end: int, following: Sequence[Slot]) -> Optional[Tuple[int, int]]:
    """Where the value starting at ``start`` ends and the next begins, if the text says."""
    separator = (following[0].separator or " ").strip()
    if separator:
        found = text.find(separator, start, end)
        return (found, found + len(separator)) if found >= 0 else None
    spaces = [space.span() for space in _SPACES.finditer(text, start, end)]
    later = sum(1 for slot in following[1:] if not (slot.separator or " ").strip())
    return spaces[max(0, len(spaces) - 1 - later)] if spaces else None


def _trimmed(text: str, start: int, end: int, slot: Slot) -> Optional[Value]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if start == end:
        return None
    return Value(slot.placeholder, slot.entity, text[start:end], start, end)
