"""Where a question may go: the Chorus system it names, and the domain it surely belongs to.

Decisions the item classifier cannot take alone. A question that names Chorus Pro must not
get a Chorus Cœur answer (and the reverse), however close their words are: the ranking is cut
to the items of the named system. And when no item is sure but the domain model is, the user
is better served by that domain's best items than by «je n'ai pas compris».

Kept free of Rasa: ``bot.nlu.system_router`` and :mod:`izia.conversation` apply it.
"""

from __future__ import annotations

import re
from typing import Collection, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

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


def sure_domain(domain_ranking: Ranking, known_domains: Collection[str], threshold: float) -> Optional[str]:
    """The domain model's surest label, if it is a support domain held with at least ``threshold``."""
    if not domain_ranking:
        return None
    label, confidence = domain_ranking[0]
    return label if label in known_domains and confidence >= threshold else None


def contradicts(item_domain: Optional[str], domain_ranking: Ranking, threshold: float) -> bool:
    """The domain model is sure (at least ``threshold``) of another label than the item's domain.

    The item model splits 400 items into thin slices of words; the domain model sees each domain's
    whole vocabulary and carries better to words nobody wrote for an item. When they disagree and
    the domain model is sure, the item is not answered: the user gets that domain's closest items.
    """
    if not item_domain or not domain_ranking:
        return False
    label, confidence = domain_ranking[0]
    return confidence >= threshold and label != item_domain


def best_in_domain(ranking: Ranking, domains: Mapping[str, str], domain: str, count: int) -> List[str]:
    """The domain's items in ranking order: the buttons a user sees first."""
    return [intent for intent, _ in ranking if domains.get(intent) == domain][:count]
