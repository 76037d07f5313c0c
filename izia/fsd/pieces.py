"""Pièces (numéro, société, exercice) as users type or paste them, checked line by line.

Agents paste lists from Excel or type them by hand; every bad line gets its own French
explanation and the good lines are kept, so one typo never costs the whole list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, List, Optional, Tuple

from izia.fsd.settings import Limits
from izia.fsd.wording import quoted

_SEPARATORS = re.compile(r"[\s;,|]+")
_SOCIETE = re.compile(r"^[0-9A-Z]{4}$")
_YEAR = re.compile(r"^\d{4}$")
EXAMPLE = "1508892764 1200 2024"


@dataclass(frozen=True)
class Piece:
    numero: str
    societe: str
    exercice: int

    def __str__(self) -> str:
        return f"{self.numero} / {self.societe} / {self.exercice}"


@dataclass(frozen=True)
class PieceRules:
    """What a plausible pièce looks like; the last exercice moves with the calendar."""

    min_digits: int
    max_digits: int
    first_exercice: int
    last_exercice: int

    @classmethod
    def from_limits(cls, limits: Limits, today: date) -> "PieceRules":
        return cls(limits.numero_min_digits, limits.numero_max_digits, limits.first_exercice, today.year + 1)


@dataclass(frozen=True)
class ParsedPieces:
    pieces: Tuple[Piece, ...]
    errors: Tuple[str, ...]


@dataclass(frozen=True)
class Merged:
    """The list after adding pièces: what was kept, and what was not added and why."""

    pieces: Tuple[Piece, ...]
    duplicates: Tuple[Piece, ...]
    overflow: Tuple[Piece, ...]


def check_piece(numero: str, societe: str, exercice: str, rules: PieceRules) -> Tuple[Optional[Piece], List[str]]:
    """The pièce, or ``None`` and one French explanation per wrong value."""
    numero, societe, exercice = numero.strip(), societe.strip().upper(), exercice.strip()
    errors = []
    if not (numero.isdigit() and numero.isascii() and rules.min_digits <= len(numero) <= rules.max_digits):
        digits = str(rules.max_digits)
        if rules.min_digits < rules.max_digits:
            digits = f"{rules.min_digits} à {rules.max_digits}"
        errors.append(f"« {quoted(numero)} » n'est pas un numéro de pièce : il compte {digits} chiffres.")
    if not _SOCIETE.match(societe):
        errors.append(
            f"« {quoted(societe)} » n'est pas un code société : il compte 4 lettres ou chiffres (par exemple 1200)."
        )
    if not (_YEAR.match(exercice) and rules.first_exercice <= int(exercice) <= rules.last_exercice):
        errors.append(
            f"« {quoted(exercice)} » n'est pas un exercice : indiquez l'année sur 4 chiffres, "
            f"de {rules.first_exercice} à {rules.last_exercice}."
        )
    if errors:
        return None, errors
    return Piece(numero, societe, int(exercice)), []


def parse_pieces(text: str, rules: PieceRules) -> ParsedPieces:
    """One pièce per line, its three values separated by spaces, tabs, « ; », « , » or « | »."""
    pieces, errors = [], []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        values = _SEPARATORS.split(line)
        if len(values) != 3:
            errors.append(
                f"« {quoted(line)} » : il faut trois valeurs, numéro, société et exercice (par exemple « {EXAMPLE} »)."
            )
            continue
        piece, problems = check_piece(values[0], values[1], values[2], rules)
        if piece is None:
            errors.append(f"« {quoted(line)} » : {' '.join(problems)}")
        else:
            pieces.append(piece)
    return ParsedPieces(tuple(pieces), tuple(errors))


def merge_pieces(existing: Iterable[Piece], added: Iterable[Piece], max_pieces: int) -> Merged:
    """Keeps the pièces already entered first, then adds new ones up to ``max_pieces``."""
    kept: List[Piece] = list(existing)
    duplicates, overflow = [], []
    for piece in added:
        if piece in kept:
            duplicates.append(piece)
        elif len(kept) >= max_pieces:
            overflow.append(piece)
        else:
            kept.append(piece)
    return Merged(tuple(kept), tuple(duplicates), tuple(overflow))
