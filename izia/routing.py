"""Where a question may go: the Chorus system it names, and the domain it surely belongs to.

Two decisions the statistical classifier cannot take alone. A question that names Chorus Pro
must not get a Chorus Cœur answer (and the reverse), however close their words are: the
ranking is cut to the items of the named system. And when no item is sure but their domain
is (three close items of the same domain share the probability), the user is better served
by that domain's best items than by «je n'ai pas compris».

Kept free of Rasa: ``bot.nlu.system_router`` and :mod:`izia.conversation` apply it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from izia.knowledge.model import COMMON_SYSTEM
from izia.knowledge.text import fold

Ranking = Sequence[Tuple[str, float]]

# Folded text. «Chorus» alone, to a ministry agent, is Chorus Cœur or its Formulaires; SAP
# transaction codes are Chorus Cœur screens.
_SYSTEM_NAMES: Dict[str, re.Pattern[str]] = {
    "pro": re.compile(r"\bchorus ?pro\b|\bcpro\b|\bportail (?:de )?facturation\b"),
    "dt": re.compile(r"\bchorus ?dt\b|\bchorus deplacements?\b|\bordres? de mission\b|\betats? de frais\b"),
    "formulaires": re.compile(r"\bchorus ?formulaires?\b|\bcformulaires?\b"),
    "coeur": re.compile(r"\bchorus ?coeur\b|\b(?:me2[1-3]n|migo|miro|fb0[0-9]|su53)\b"),
}
_CHORUS_ALONE = re.compile(r"\bchorus\b(?! ?(?:pro|dt|formulaires?|coeur|deplacements?)\b)")
_PLAIN_CHORUS = frozenset({"coeur", "formulaires"})


def named_systems(text: str) -> FrozenSet[str]:
    """The systems a question names or implies; empty when it says nothing about it."""
    folded = fold(text.replace("œ", "oe").replace("Œ", "OE"))
    named = {system for system, pattern in _SYSTEM_NAMES.items() if pattern.search(folded)}
    if not named and _CHORUS_ALONE.search(folded):
        named |= _PLAIN_CHORUS
    return frozenset(named)


def restrict(ranking: Ranking, systems: Mapping[str, str], text: str) -> List[Tuple[str, float]]:
    """The ranking without the items of systems the question rules out.

    Confidences are not renormalised: what the removed items held becomes doubt, so a question
    whose best items were all in another system falls back instead of being answered confidently
    by a weak candidate. Intents that are not items (off-topic, greetings) always stay.
    """
    named = named_systems(text)
    if not named:
        return list(ranking)
    allowed = named | {COMMON_SYSTEM}
    return [(intent, confidence) for intent, confidence in ranking if systems.get(intent, COMMON_SYSTEM) in allowed]


def domain_scores(ranking: Ranking, domains: Mapping[str, str]) -> List[Tuple[str, float]]:
    """Each domain's share of the ranking, the surest first; intents outside the knowledge are left out."""
    totals: Dict[str, float] = defaultdict(float)
    for intent, confidence in ranking:
        if intent in domains:
            totals[domains[intent]] += confidence
    return sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))


def sure_domain(ranking: Ranking, domains: Mapping[str, str], threshold: float) -> Optional[str]:
    """The domain holding at least ``threshold`` of the confidence, if one does."""
    scores = domain_scores(ranking, domains)
    return scores[0][0] if scores and scores[0][1] >= threshold else None


def best_in_domain(ranking: Ranking, domains: Mapping[str, str], domain: str, count: int) -> List[str]:
    """The domain's items in ranking order: the buttons a user sees first."""
    return [intent for intent, _ in ranking if domains.get(intent) == domain][:count]
