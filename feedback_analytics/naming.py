"""Naming a subject so support staff recognise it at a glance: its salient lemmas (what sets
it apart from the other messages) and its most central messages.
"""

from __future__ import annotations

from typing import List, Sequence

import numpy as np
from scipy import sparse

TERMS = 4
CENTRAL = 3


def salient_terms(
    word_vectors: sparse.csr_matrix, rows: np.ndarray, vocabulary: Sequence[str], count: int = TERMS
) -> List[str]:
    """Lemmas (and lemma pairs) weighing more in the subject than in all messages."""
    if word_vectors.shape[1] == 0:
        return []
    inside = np.asarray(word_vectors[rows].mean(axis=0)).ravel()
    overall = np.asarray(word_vectors.mean(axis=0)).ravel()
    score = inside - overall
    chosen: List[str] = []
    for index in np.argsort(-score):
        if score[index] <= 0 or len(chosen) >= count:
            break
        term = vocabulary[index]
        if term == "_" or any(term in c.split() or c in term.split() for c in chosen):
            continue  # a bigram repeating a chosen lemma adds nothing
        chosen.append(term)
    return chosen


def by_centrality(vectors: sparse.csr_matrix, rows: np.ndarray) -> np.ndarray:
    """The rows of a subject, closest to its centroid first (ties by row order)."""
    block = vectors[rows]
    centroid = np.asarray(block.mean(axis=0)).ravel()
    closeness = block @ centroid
    return rows[np.argsort(-closeness, kind="stable")]
