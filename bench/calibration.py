"""Where a parsed question lands, and whether the confidences mean what they say.

A benchmark helper kept free of Rasa (unit-tested in tests/test_calibration_metrics.py):
the domain a user reaches (an item's, or the domain IZIA opens when no item is sure), the
expected calibration error of that domain's confidence, its reliability table, and the AUROC
of in-scope against off-topic questions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from sklearn.metrics import roc_auc_score

from evaluation import FALLBACK, NOT_UNDERSTOOD, OUT_OF_SCOPE, Prediction
from izia.contract import OUT_OF_SCOPE_INTENT
from izia.routing import sure_domain

BINS = 10


def routed_domain(
    prediction: Prediction, domains: Mapping[str, str], domain_threshold: Optional[float]
) -> Optional[str]:
    """The domain the user reaches; ``None`` when IZIA says it did not understand.

    ``domain_threshold`` ``None`` is a bot without the domain step (plain Rasa).
    """
    if prediction.intent not in NOT_UNDERSTOOD:
        return domains.get(prediction.intent)
    if prediction.intent == FALLBACK and domain_threshold is not None:
        return sure_domain(prediction.domains, set(domains.values()), domain_threshold)
    return None


def domain_guess(prediction: Prediction, domains: Mapping[str, str]) -> Tuple[str, float]:
    """The surest domain and its confidence: the domain model's when the pipeline has one, else the
    items' summed share; off-topic counts as a domain of its own.
    """
    if prediction.domains:
        label, confidence = prediction.domains[0]
        return (OUT_OF_SCOPE if label == OUT_OF_SCOPE_INTENT else label), confidence
    totals: Dict[str, float] = defaultdict(float)
    for intent, confidence in prediction.ranking:
        if intent in domains or intent == OUT_OF_SCOPE_INTENT:
            totals[domains.get(intent, OUT_OF_SCOPE)] += confidence
    return max(totals.items(), key=lambda pair: (pair[1], pair[0])) if totals else (OUT_OF_SCOPE, 0.0)


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


def in_scope_score(prediction: Prediction, domains: Mapping[str, str]) -> float:
    """How sure the pipeline is that the question is about a support domain: the domain model's
    best domain, or else the best knowledge item (what the fallback threshold is compared with).
    """
    known = set(domains.values())
    if prediction.domains:
        return max((c for label, c in prediction.domains if label in known), default=0.0)
    return max((c for n, c in prediction.ranking if n in domains), default=0.0)


def as_rows(table: Sequence[Bin]) -> List[Dict[str, float]]:
    return [vars(b) for b in table]
