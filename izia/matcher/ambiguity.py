"""Templates the matcher could not tell apart: a knowledge check, run by the validator.

Two items whose messages differ only by an article, an abbreviation or the case (« Le centre
financier n'existe pas » / « Ctre financier n'existe pas ») would both claim the same paste,
and the agent would get whichever the matcher scored first. Each template's sample text is
matched against the catalogue of the other items (the matcher keeps one message per place, so
against the whole catalogue its own would hide the other): recognised there, it is a problem.
"""

from __future__ import annotations

import random
from typing import Dict, FrozenSet, List, Set, Tuple

from izia.knowledge.model import KnowledgeBase, Location, Problem
from izia.matcher.catalogue import compile_knowledge
from izia.matcher.matcher import Matcher
from izia.samples import fill

SEED = 0  # same sample values at every run: a check that cannot flicker


def ambiguous_templates(knowledge: KnowledgeBase) -> List[Problem]:
    catalogue = compile_knowledge(knowledge)
    locations: Dict[Tuple[str, str], Location] = {
        (item.id, template.text): template.location
        for item in knowledge.items.values()
        for template in item.error_templates
    }
    rng = random.Random(SEED)
    reported: Set[FrozenSet[Location]] = set()
    problems = []
    for item in knowledge.items.values():
        if not item.error_templates:
            continue
        others = Matcher([compiled for compiled in catalogue if compiled.item_id != item.id])
        for template in item.error_templates:
            # A cut match is the user's cut paste of a longer message: there the whole one wins.
            for other in (m for m in others.match(fill(template, rng)) if not m.truncated):
                where = locations[(other.item_id, other.template)]
                pair = frozenset((where, template.location))
                if pair in reported:
                    continue
                reported.add(pair)
                later, earlier = sorted(pair, key=lambda location: (str(location.file), location.line), reverse=True)
                problems.append(
                    Problem(
                        later,
                        f"ce message d'erreur se confond avec celui de {earlier} : reformulez-le ou regroupez les deux fiches.",
                    )
                )
    return problems
