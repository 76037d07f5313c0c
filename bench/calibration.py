"""Where a parsed question lands, and whether the confidences mean what they say.

A benchmark helper kept free of Rasa (unit-tested in tests/test_calibration_metrics.py):
the domain a user reaches (an item's, or the domain IZIA opens when no item is sure), the
expected calibration error of that domain's confidence, its reliability table, and the AUROC
of in-scope against off-topic questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from sklearn.metrics import roc_auc_score

from evaluation import FALLBACK, NOT_UNDERSTOOD, OUT_OF_SCOPE, Ranking
from izia.contract import OUT_OF_SCOPE_INTENT
from izia.routing import domain_scores, sure_domain

BINS = 10


def routed_domain(
    intent: str, ranking: Ranking, domains: Mapping[str, str], domain_threshold: Optional[float]
) -> Optional[str]:
    """The domain the user reaches; ``None`` when IZIA says it did not understand.

    ``domain_threshold`` ``None`` is a bot without the domain step (plain Rasa).
    """
    if intent not in NOT_UNDERSTOOD:
        return domains.get(intent)
    if intent == FALLBACK and domain_threshold is not None:
        return sure_domain([(n, c) for n, c in ranking if n != FALLBACK], domains, domain_threshold)
    return None


def domain_guess(ranking: Ranking, domains: Mapping[str, str]) -> Tuple[str, float]:
    """The surest domain and its share of the confidence; off-topic counts as a domain of its own."""
    scores = domain_scores(ranking, {**domains, OUT_OF_SCOPE_INTENT: OUT_OF_SCOPE})
    return scores[0] if scores else (OUT_OF_SCOPE, 0.0)


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    confidence: float
    accuracy: float


def reliability(confidences: Sequence[float], correct: Sequence[bool], bins: int = BINS) -> List[Bin]:
    """Equal-width confidence bins with their mean confidence and their accuracy."""
    table = []
    for index in range(bins):
        low, high = index / bins, (index + 1) / bins
        members = [i for i, c in enumerate(confidences) if low <= c < high or (index == bins - 1 and c == 1.0)]
        if members:
            mean_confidence = sum(confidences[i] for i in members) / len(members)
            accuracy = sum(1 for i in members if correct[i]) / len(members)
            table.append(Bin(low, high, len(members), mean_confidence, accuracy))
    return table


def expected_calibration_error(confidences: Sequence[float], correct: Sequence[bool], bins: int = BINS) -> float:
    """Mean gap between confidence and accuracy, weighted by how many questions fall in each bin."""
    table = reliability(confidences, correct, bins)
    total = sum(b.count for b in table)
    return sum(b.count * abs(b.accuracy - b.confidence) for b in table) / total if total else 0.0


def auroc(in_scope_scores: Sequence[float], off_topic_scores: Sequence[float]) -> float:
    """How well the confidence alone tells an in-scope question from an off-topic one."""
    labels = [1] * len(in_scope_scores) + [0] * len(off_topic_scores)
    return float(roc_auc_score(labels, list(in_scope_scores) + list(off_topic_scores)))


def in_scope_score(ranking: Ranking, domains: Mapping[str, str]) -> float:
    """The best knowledge item's confidence: what the fallback threshold is compared with."""
    return max((c for n, c in ranking if n in domains), default=0.0)


def as_rows(table: Sequence[Bin]) -> List[Dict[str, float]]:
    return [vars(b) for b in table]
