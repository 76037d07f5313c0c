"""Text folding shared by the validator, the walker and the error matcher.

Users type without accents, in capitals or with SAP's abbreviations; comparing folded text
makes « Ctre financier » and « centre financier » the same words.
"""

from __future__ import annotations

import re
import unicodedata

# A variable of an SAP message template: ``&1``…``&4``, a lone ``&``, or ``XXX`` (DSL, README).
PLACEHOLDER = re.compile(r"&[1-4]|&(?!&)|\bXXX\b")
_NON_WORD = re.compile(r"[^a-z0-9&]+")
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Lower case, no accents, punctuation turned into single spaces."""
    folded = strip_accents(text).lower().replace("’", "'")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def slugify(text: str) -> str:
    """A stable identifier for a label, used in button payloads."""
    return fold(text).replace("&", "et").replace(" ", "_") or "choix"
