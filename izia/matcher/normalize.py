"""Turns a text into comparable words while remembering where each word came from.

Matching happens on folded words (no case, no accents, no punctuation, SAP abbreviations
written out), because that is what survives a copy-paste from Chorus into a chat. Entity
values, on the other hand, must be given back exactly as pasted (« 0141-CDOM-C001 », not
« 0141 cdom c001 »), so every word keeps the offsets of the original characters it stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Match, Optional, Tuple

from izia.knowledge.text import fold

# SAP short texts are limited to 73 characters, so Chorus messages abbreviate words that
# users then type in full (or the reverse). Both sides are expanded, so either spelling
# matches. Keys are folded words without their final dot; values are folded expansions.
ABBREVIATIONS: Dict[str, str] = {
    "ds": "dans",
    "pr": "pour",
    "ctre": "centre",
    "ctr": "centre",
    "cf": "centre financier",
    "perim": "perimetre",
    "auc": "aucun",
    "ref": "reference",
    "ventil": "ventilation",
    "enreg": "enregistrement",
    "comptab": "comptabilite",
    "compta": "comptabilite",
    "budg": "budgetaire",
    "compt": "comptable",
    "cpt": "compte",
    "cpte": "compte",
    "rapproch": "rapprochement",
    "doc": "document",
    "nb": "nombre",
    "nbre": "nombre",
    "qte": "quantite",
    "mnt": "montant",
    "cde": "commande",
    "cmde": "commande",
    "fourn": "fournisseur",
    "frs": "fournisseur",
    "mvt": "mouvement",
    "oblig": "obligatoire",
    "modif": "modification",
    "param": "parametrage",
    "util": "utilisateur",
    "ste": "societe",
    "soc": "societe",
    "exerc": "exercice",
    "imput": "imputation",
    "analyt": "analytique",
    "pce": "piece",
    "desig": "designation",
    "tx": "taux",
    "fonct": "fonctionnel",
    "ej": "engagement juridique",
    "dp": "demande de paiement",
    "sf": "service fait",
    "da": "demande d achat",
    # « Auc. » abbreviates both genders: one form for both.
    "aucune": "aucun",
}

_WORD = re.compile(r"[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
# What, between two words, tells that a pasted message may have ended there: a line break,
# or a sentence end, an ellipsis or a closing quote followed by a space. Not a colon, a
# semicolon or a dash: SAP messages use them inside (« Enreg. impossible : … »). A dot glued
# inside a value (« 1.234,56 ») or ending an abbreviation (« ds périm. ») is not one either.
_BOUNDARY = re.compile(r"\n|[.!?…»”\"]\W*\s")
# SAP message ids around a pasted message (« Message no. ZFI123 », « [FICUSTOM107] ») are
# dropped and count as a boundary: they are no part of the message text.
_MESSAGE_ID = re.compile(
    r"\(?\b(?:message|msg)\s*(?:no|n°|nr|num[ée]ro)\s*\.?\s*:?\s*[a-z0-9_/]*\d[a-z0-9_/]*\)?|\[[a-z][a-z0-9_/]*\d+\]",
    re.IGNORECASE,
)
# Punctuation after which a pasted message often starts or ends (« … mon EJ : <message> »):
# where the retrieval also looks at the text piece by piece.
_PAUSE = re.compile(r"[:;«»()\[\]]")
# Punctuation that glues the parts of one value together: « 0141-CDOM-C001 », « 1508892764/00003 ».
_GLUE = frozenset("-/.,_:#+")
_EXPANSIONS: Dict[str, Tuple[str, ...]] = {short: tuple(long.split()) for short, long in ABBREVIATIONS.items()}
_SHOUTING = 0.7  # share of capitals above which capitals no longer mark a value


@dataclass(frozen=True)
class Words:
    """The folded words of a text, each with the span of original characters it comes from.

    Per word ``i``: ``boundary_after`` says whether a message could have been cut between
    it and the next word; ``pause_after``, whether there is a boundary or a colon, a quote
    or a bracket there; ``value_like``, whether it looks like a SAP value (digits, capitals
    in a text not typed in capitals, or glued to the previous word by punctuation as in
    « 0141-CDOM-C001 », which ``glued`` tells alone); ``unexpanded`` is the folded word
    before abbreviations were written out, because a word cut by the user (« rapproch »)
    must be compared as typed, not as the abbreviation it happens to look like.
    """

    text: str
    words: Tuple[str, ...]
    unexpanded: Tuple[str, ...]
    starts: Tuple[int, ...]
    ends: Tuple[int, ...]
    boundary_after: Tuple[bool, ...]
    pause_after: Tuple[bool, ...]
    value_like: Tuple[bool, ...]
    glued: Tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.words)

    def span(self, first: int, last: int) -> Tuple[int, int]:
        """Character span of words ``first`` to ``last`` included."""
        return self.starts[first], self.ends[last]


@lru_cache(maxsize=65536)
def fold_word(raw: str) -> Tuple[str, ...]:
    """One original word as folded words: usually one, several for an abbreviation like « EJ »."""
    folded = tuple(_folded(raw).split())
    if len(folded) == 1 and folded[0] in _EXPANSIONS:
        return _EXPANSIONS[folded[0]]
    return folded


@lru_cache(maxsize=65536)
def _folded(raw: str) -> str:
    return fold(raw.translate(_LIGATURES))


def split_words(text: str) -> Words:
    """Folds ``text`` word by word, keeping offsets, cut points and value shapes."""
    words: List[str] = []
    unexpanded: List[str] = []
    starts: List[int] = []
    ends: List[int] = []
    boundary: List[bool] = []
    pause: List[bool] = []
    value_like: List[bool] = []
    glued_to_previous: List[bool] = []
    ids = [found.span() for found in _MESSAGE_ID.finditer(text)]
    capitals_mark_values = not _shouting(text)
    previous: Optional[Match[str]] = None
    for found in _WORD.finditer(text):
        start, end = found.span()
        if ids and any(first <= start < last for first, last in ids):
            if boundary:
                boundary[-1] = pause[-1] = True
            previous = None
            continue
        folded, typed, digits, capitals = _shape(found.group(0))
        if not folded:  # a letter that folds to nothing (« Ð »): no word, and no previous word
            continue
        glued = False
        if previous is not None:
            gap = text[previous.end() : start]
            if gap != " ":  # the usual gap says nothing: skip the checks
                boundary[-1] = boundary[-1] or _is_boundary(gap, previous.group(0))
                pause[-1] = boundary[-1] or bool(_PAUSE.search(gap))
                glued = all(char in _GLUE for char in gap)
        looks_like_value = glued or digits or (capitals and capitals_mark_values)
        for word in folded:
            words.append(word)
            unexpanded.append(typed)
            starts.append(start)
            ends.append(end)
            boundary.append(False)
            pause.append(False)
            value_like.append(looks_like_value)
            glued_to_previous.append(glued)
        previous = found
    if words:
        boundary[-1] = pause[-1] = True
    return Words(
        text,
        tuple(words),
        tuple(unexpanded),
        tuple(starts),
        tuple(ends),
        tuple(boundary),
        tuple(pause),
        tuple(value_like),
        tuple(glued_to_previous),
    )


@lru_cache(maxsize=65536)
def _shape(raw: str) -> Tuple[Tuple[str, ...], str, bool, bool]:
    """Folded words, folded typed form, has digits, is a word in capitals: all a word needs."""
    return fold_word(raw), _folded(raw), any(char.isdigit() for char in raw), len(raw) > 1 and raw.isupper()


def _is_boundary(gap: str, word_before: str) -> bool:
    return bool(_BOUNDARY.search(punctuation_after(gap, _folded(word_before))))


def punctuation_after(gap: str, folded_word: str) -> str:
    """The punctuation between two words, without the dot that ends an abbreviation (« ds périm. »)."""
    if gap.startswith(".") and folded_word in _EXPANSIONS:
        return gap[1:]
    return gap


def _shouting(text: str) -> bool:
    letters = sum(map(str.isalpha, text))
    return letters >= 10 and sum(map(str.isupper, text)) > _SHOUTING * letters
