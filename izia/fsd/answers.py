"""What the form and the dialogue exchange, and the checks of one typed answer.

Checks never raise at the user: a refused answer is a French sentence to say, and the
caller keeps the draft as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence, Tuple, Union

from izia.fsd.draft import Draft
from izia.fsd.wording import count, quoted
from izia.knowledge.text import fold

KEPT = "Ce que vous aviez déjà saisi est conservé."
_YES = {"oui", "o", "yes", "y"}
_NO = {"non", "n", "no"}


@dataclass(frozen=True)
class Option:
    """A possible answer: ``value`` is what ``FsdForm.answer`` expects back, ``title`` the button."""

    value: str
    title: str


@dataclass(frozen=True)
class Question:
    field: str
    text: str
    options: Tuple[Option, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The draft after an answer; ``message`` says why it was refused, or what was noted."""

    draft: Draft
    accepted: bool
    message: str = ""


@dataclass(frozen=True)
class Refusal:
    """Why a typed value was not taken, in French."""

    message: str


def refuse(draft: Draft, message: str) -> Answer:
    """A refusal always says that nothing already entered was lost, and returns the draft as it was."""
    return Answer(draft, False, f"{message} {KEPT}")


def check_text(text: str, label: str, limit: int, hint: str, one_line: bool = False) -> Union[str, Refusal]:
    """Free text, stripped; ``one_line`` folds line breaks for titles pasted from elsewhere."""
    value = " ".join(text.split()) if one_line else text.strip()
    if not value:
        return Refusal(f"« {label} » ne peut pas rester vide. {hint}")
    if len(value) > limit:
        return Refusal(
            f"« {label} » : {count(limit)} caractères au plus, votre réponse en compte {count(len(value))}. {hint}"
        )
    return value


def match_option(text: str, label: str, options: Sequence[Option]) -> Union[Option, Refusal]:
    """An exact value or title, accents and case aside; else the one title that contains the words typed."""
    typed = fold(text)
    exact = [option for option in options if typed and typed in (fold(option.value), fold(option.title))]
    partial = [option for option in options if typed and f" {typed} " in f" {fold(option.title)} "]
    found = exact or partial
    if len(found) == 1 or exact:
        return found[0]
    choices = ", ".join(option.title for option in options)
    if not typed:
        return Refusal(f"Choisissez une réponse pour « {label} » : {choices}.")
    return Refusal(f"« {quoted(text)} » ne correspond à aucun choix pour « {label} ». Les choix sont : {choices}.")


def check_yes_no(text: str, label: str) -> Union[bool, Refusal]:
    words = fold(text).split()
    first = words[0] if words else ""
    if first in _YES:
        return True
    if first in _NO:
        return False
    return Refusal(f"Pour « {label} », répondez « oui » ou « non ».")


def check_code(text: str, label: str, pattern: "re.Pattern[str]", example: str) -> Union[str, Refusal]:
    value = text.strip().upper()
    if pattern.match(value):
        return value
    return Refusal(f"« {quoted(text)} » n'est pas un code valable pour « {label} » (par exemple {example}).")


YES_NO_OPTIONS: Tuple[Option, ...] = (Option("oui", "Oui"), Option("non", "Non"))
