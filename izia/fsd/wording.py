"""Small French wording helpers shared by every message the FSD code composes."""

from __future__ import annotations

QUOTED_CHARS = 60


def quoted(text: str) -> str:
    """The start of what the user typed, for refusals; a pasted 100 kB answer is not echoed back."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTED_CHARS else f"{text[:QUOTED_CHARS]}…"


def count(number: int) -> str:
    """French thousands separator (narrow no-break space): 102 400."""
    return f"{number:,}".replace(",", "\u202f")


def plural(number: int, singular: str, several: str = "") -> str:
    """« 1 pièce », « 3 pièces »: French puts the singular on 0 and 1."""
    return f"{number} {singular if number <= 1 else several or singular + 's'}"
