"""Scores NLU predictions on a held-out set: the figures issue #3 asks for, per domain.

A benchmark helper, not part of the product; kept free of Rasa so the metrics themselves are
unit-tested; the benchmark only feeds it
the predictions of each trained pipeline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import AbstractSet, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ruamel.yaml import YAML

from izia.contract import FALLBACK_INTENT as FALLBACK
from izia.contract import OUT_OF_SCOPE_INTENT
from izia.routing import contradicts

# Both mean «IZIA says it did not understand»: the second is trained on off-topic questions.
NOT_UNDERSTOOD = {FALLBACK, OUT_OF_SCOPE_INTENT}
OUT_OF_SCOPE = "hors_perimetre"
TOP_K = 3

Ranking = Sequence[Tuple[str, float]]
Cases = List[Tuple[str, Optional[str]]]  # (question, expected item; None = out of scope)


def load_questions(path: Path, items: AbstractSet[str]) -> Cases:
    """A held-out set; a question naming an unknown item fails with its file:line."""
    data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    cases: Cases = []
    for index, entry in enumerate(data["questions"]):
        if entry["item"] not in items:
            line = data["questions"].lc.item(index)[0] + 1
            raise ValueError(f"{path}:{line}: fiche « {entry['item']} » inconnue")
        cases.append((str(entry["text"]), str(entry["item"])))
    return cases + [(str(text), None) for text in data["out_of_scope"]]


@dataclass(frozen=True)
class Prediction:
    """One held-out question: what was expected (``None`` = out of scope) and what the NLU said."""

    expected: Optional[str]
    intent: str
    ranking: Ranking
    domains: Ranking = ()  # the domain model's labels, surest first (IZIA's pipeline only)
    matched: bool = False  # a pasted error message the matcher recognised

    def top(self, k: int) -> List[str]:
        return [name for name, _ in self.ranking if name not in NOT_UNDERSTOOD][:k]

    @property
    def fell_back(self) -> bool:
        return self.intent in NOT_UNDERSTOOD


@dataclass(frozen=True)
class Scores:
    count: int
    top1: float
    domain: float
    top3: float
    fallback: float

    def as_dict(self) -> Dict[str, float]:
        return {"n": self.count, "top1": self.top1, "domain": self.domain, "top3": self.top3, "fallback": self.fallback}


def _rate(hits: Iterable[bool]) -> float:
    values = list(hits)
    return sum(values) / len(values) if values else 0.0


def score(predictions: Sequence[Prediction], domains: Dict[str, str]) -> Scores:
    """In-scope figures: a fallback counts as a miss for top-1 and domain, not for top-3."""
    return Scores(
        count=len(predictions),
        top1=_rate(p.intent == p.expected for p in predictions),
        domain=_rate(domains.get(p.intent) == domains.get(p.expected or "") for p in predictions),
        top3=_rate(p.expected in p.top(TOP_K) for p in predictions),
        fallback=_rate(p.fell_back for p in predictions),
    )


def by_domain(predictions: Sequence[Prediction], domains: Dict[str, str]) -> Dict[str, Scores]:
    """Scores for each expected domain, plus ``all`` and the out-of-scope questions."""
    groups: Dict[str, List[Prediction]] = defaultdict(list)
    for prediction in predictions:
        key = domains.get(prediction.expected or "", OUT_OF_SCOPE)
        groups[key].append(prediction)
    in_scope = [p for p in predictions if p.expected is not None]
    result = {name: score(group, domains) for name, group in sorted(groups.items()) if name != OUT_OF_SCOPE}
    result["all"] = score(in_scope, domains)
    if groups.get(OUT_OF_SCOPE):
        result[OUT_OF_SCOPE] = score(groups[OUT_OF_SCOPE], domains)
    return result


def with_threshold(
    prediction: Prediction,
    threshold: float,
    ambiguity: float,
    item_domains: Optional[Mapping[str, str]] = None,
    agreement: Optional[float] = None,
) -> Prediction:
    """The prediction Rasa's FallbackClassifier would give with these settings, then IZIA's
    domain veto when ``agreement`` is given (``bot.nlu.domain_classifier``).
    """
    ranked = [(name, confidence) for name, confidence in prediction.ranking if name != FALLBACK]
    if not ranked:
        return replace(prediction, intent=FALLBACK)
    best = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    falls_back = best < threshold or best - second < ambiguity
    if agreement is not None and item_domains is not None and not prediction.matched:
        falls_back = falls_back or contradicts(item_domains.get(ranked[0][0]), prediction.domains, agreement)
    # A sure off-topic intent stays itself: the conversation opens no domain for it.
    return replace(prediction, intent=FALLBACK if falls_back else ranked[0][0])
