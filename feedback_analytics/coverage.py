"""Does a subject belong to an existing knowledge item, or is it new?

Each message of the subject is compared with every example and the title of every item; an
item's score is the mean over messages of their best match with it. The best item wins if its
score reaches the threshold (calibrated on the generated log of the benchmark); otherwise the
subject is not covered and calls for new knowledge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

import numpy as np
from scipy import sparse

COVERAGE_THRESHOLD = 0.35  # calibrated by bench/feedback_bench.py


@dataclass(frozen=True)
class KnowledgeTexts:
    """What each item is known to be asked with: its examples and its title."""

    item_ids: Tuple[str, ...]
    texts: Tuple[str, ...]
    owners: Tuple[int, ...]  # index in item_ids of each text

    @classmethod
    def from_items(cls, items: Dict[str, Sequence[str]]) -> "KnowledgeTexts":
        ids = tuple(sorted(items))
        texts: List[str] = []
        owners: List[int] = []
        for index, item_id in enumerate(ids):
            for text in dict.fromkeys(items[item_id]):
                texts.append(text)
                owners.append(index)
        return cls(ids, tuple(texts), tuple(owners))


def item_scores(
    messages: sparse.csr_matrix, knowledge: sparse.csr_matrix, owners: Sequence[int], item_count: int
) -> np.ndarray:
    """messages x items: each message's best similarity with each item's texts."""
    similarity = (messages @ knowledge.T).toarray()
    best = np.zeros((messages.shape[0], item_count))
    owner_array = np.asarray(owners)
    for item in range(item_count):
        columns = np.flatnonzero(owner_array == item)
        if len(columns):
            best[:, item] = similarity[:, columns].max(axis=1)
    return best


def decide(
    scores: np.ndarray, rows: np.ndarray, item_ids: Sequence[str], threshold: float = COVERAGE_THRESHOLD
) -> Tuple[str, float, bool]:
    """(best item, its score, covered?) for the subject made of ``rows``."""
    if not len(item_ids) or not len(rows):
        return "", 0.0, False
    mean = scores[rows].mean(axis=0)
    best = int(np.argmax(mean))
    similarity = float(mean[best])
    return item_ids[best], similarity, similarity >= threshold
