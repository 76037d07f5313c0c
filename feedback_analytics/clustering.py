"""Grouping similar messages into subjects with scikit-learn's agglomerative clustering.

Average linkage on cosine distances, cut at a distance threshold: the number of subjects is
not known in advance, and a message far from everything stays alone instead of polluting a
subject.
"""

from __future__ import annotations

from typing import List

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering

DISTANCE_THRESHOLD = 0.9  # calibrated by bench/feedback_bench.py


def cluster(vectors: sparse.csr_matrix, threshold: float = DISTANCE_THRESHOLD) -> np.ndarray:
    """A label per row; rows are L2-normalised so cosine distance is 1 - dot product."""
    count = vectors.shape[0]
    if count == 0:
        return np.zeros(0, dtype=int)
    if count == 1:
        return np.zeros(1, dtype=int)
    similarity = (vectors @ vectors.T).toarray()
    distances = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, affinity="precomputed", linkage="average", distance_threshold=threshold
    )
    return model.fit_predict(distances)


def members(labels: np.ndarray) -> List[np.ndarray]:
    """Row indices of each cluster, the biggest first (ties by first row, for stable output)."""
    groups = [np.flatnonzero(labels == label) for label in np.unique(labels)]
    return sorted(groups, key=lambda rows: (-len(rows), rows[0]))
