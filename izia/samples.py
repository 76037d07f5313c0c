"""Plausible values for SAP message placeholders (&1, &, XXX).

Training examples and benchmarks must never depend on the literal numbers of the sample
message, so every template is filled with fresh values of the right shape.
"""

from __future__ import annotations

import random
import re
import string
from typing import Callable, Dict

from izia.knowledge.model import ErrorTemplate
from izia.knowledge.text import PLACEHOLDER


def _digits(count: int) -> Callable[[random.Random], str]:
    return lambda rng: "".join(rng.choice(string.digits) for _ in range(count))


def _code(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
    return f"{rng.randint(100, 999):04d}-{letters}-{rng.choice('CDR')}{rng.randint(1, 999):03d}"


GENERATORS: Dict[str, Callable[[random.Random], str]] = {
    "numero_piece": _digits(10),
    "numero_poste": lambda rng: f"{rng.randint(1, 999):05d}",
    "exercice": lambda rng: str(rng.randint(2015, 2027)),
    "societe": lambda rng: rng.choice(["1000", "1200", "1300", "BOP1", "MIN6"]),
    "centre_financier": _code,
    "montant": lambda rng: f"{rng.randint(1, 99999)},{rng.randint(0, 99):02d}",
}


def _any_value(rng: random.Random) -> str:
    return rng.choice([_digits(rng.randint(4, 10))(rng), _code(rng), rng.choice(["ZFI01", "A123", "EUR"])])


def fill(template: ErrorTemplate, rng: random.Random) -> str:
    """The template's text with each placeholder replaced by a value of its entity's shape."""

    def value(match: re.Match) -> str:
        generator = GENERATORS.get(template.entities.get(match.group(0), ""), _any_value)
        return generator(rng)

    return PLACEHOLDER.sub(value, template.text)
