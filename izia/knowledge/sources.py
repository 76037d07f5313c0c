"""An item's deck sources, and whether the item still says what its source says.

Items cite the reference deck by line (``deck:L672`` or ``deck:L672-688``). An edit can make an
item drift away from the lines it cites (the wrong correspondant, a renamed model) while the
citation stays: comparing the key terms of both — sigles, codes, model names — catches that.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional, Set, Tuple

from izia.knowledge.model import Item

DECK_REFERENCE = re.compile(r"^deck:L(\d+)(?:-L?(\d+))?$")
# The deck's sigles for who does what and with which object: the words an item cannot lose
# without saying something else (names and team codes of its screenshots are left out).
KEY_TERMS = frozenset(
    {
        "AIFE", "IZIA", "FSD", "SN1", "SN2", "CCA", "CCH", "CCP", "CCTFG", "CCFp", "CSP", "DAF", "DSI",
        "DNE", "SEM", "SESAM", "CES-CHOREGIE", "IANIS", "EJ", "DP", "DA", "SF", "TFG", "RNF", "CA", "V2",
        "FTAP", "GDA", "AE", "PSOP", "SAP", "DT",
    }
)  # fmt: skip
_TERM = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, KEY_TERMS), key=len, reverse=True)) + r")(?![\w-])")


def deck_range(source: str) -> Optional[Tuple[int, int]]:
    """The first and last line a ``deck:`` source cites, ``None`` for any other source."""
    found = DECK_REFERENCE.match(source.strip())
    if not found:
        return None
    first = int(found.group(1))
    return first, int(found.group(2) or first)


def key_terms(text: str) -> Set[str]:
    return set(_TERM.findall(text))


def item_text(item: Item) -> str:
    """Everything the item says to a user."""
    parts = [item.title]
    for node in item.nodes.values():
        parts.append(node.text)
        parts += [choice.label for choice in node.choices]
    return "\n".join(parts)


def deck_problems(item: Item, deck_lines: List[str]) -> List[str]:
    """Citations outside the deck, and deck-sourced items sharing no key term with what they cite."""
    problems = []
    cited: List[str] = []
    for source in item.sources:
        cited_range = deck_range(source)
        if cited_range is None:
            continue
        first, last = cited_range
        if not 1 <= first <= last <= len(deck_lines):
            problems.append(
                f"{item.location}: « {source} » ne désigne pas des lignes du support ({len(deck_lines)} lignes)."
            )
            continue
        cited += deck_lines[first - 1 : last]
    expected = key_terms("\n".join(cited))
    if expected and not expected & key_terms(item_text(item)):
        terms = ", ".join(sorted(expected)[:8])
        problems.append(f"{item.location}: la fiche ne reprend aucun terme clé de ses lignes du support ({terms}).")
    return problems


def read_deck(path: Path) -> List[str]:
    return path.read_text(encoding="utf-8").splitlines()
