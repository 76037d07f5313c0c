"""Candidate retrieval: which few templates share enough words with a text to be worth aligning.

Aligning a text against all 10,000 templates would cost far too much for a chat turn, so an
inverted index of words and word pairs (weighted by rarity, as in tf-idf) picks a short list
first. Word pairs matter because SAP messages are built from a small vocabulary: « n'existe
pas » or « centre financier » alone say little, their order says more.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from typing import Dict, List, Sequence, Set

import numpy as np

from izia.matcher.catalogue import CompiledTemplate

MIN_COMPLETED_CHARS = 3  # shorter cut words would stand for too many words
MAX_COMPLETIONS = 8
COMMON_SHARE = 0.05  # keys in more templates than this share are not indexed...
COMMON_MIN_TEMPLATES = 1000  # ...in catalogues at least this large (in a small one, all count)


def keys_of(segments: Sequence[Sequence[str]]) -> Set[str]:
    """Words and adjacent word pairs of each run of words."""
    keys: Set[str] = set()
    for run in segments:
        keys.update(run)
        keys.update(f"{first} {second}" for first, second in zip(run, run[1:], strict=False))
    return keys


class TemplateIndex:
    """Scores every template against a text in one vectorised pass over the postings.

    Keys found in more than ``COMMON_SHARE`` of a large catalogue (« de », « n est ») are
    left out: they hardly rank anything and their long postings would cost most of the time.
    """

    def __init__(self, templates: Sequence[CompiledTemplate]) -> None:
        postings: Dict[str, List[int]] = defaultdict(list)
        for number, template in enumerate(templates):
            for key in keys_of(template.segments):
                postings[key].append(number)
        count = max(len(templates), 1)
        if count >= COMMON_MIN_TEMPLATES:
            postings = {key: ids for key, ids in postings.items() if len(ids) <= COMMON_SHARE * count}
        self._size = len(templates)
        self._key_ids = {key: number for number, key in enumerate(postings)}
        self._postings = [np.asarray(ids, dtype=np.int32) for ids in postings.values()]
        self._weights = [np.full(len(ids), math.log(1.0 + count / len(ids))) for ids in postings.values()]
        norms = np.zeros(self._size, dtype=np.float64)
        for ids, weights in zip(self._postings, self._weights, strict=False):
            norms[ids] += weights
        self._norms = np.maximum(norms, 1e-9)
        self._vocabulary = sorted(key for key in postings if " " not in key)

    def completions(self, prefix: str) -> List[str]:
        """Indexed words starting with ``prefix``: what a word cut by the user may have been."""
        if len(prefix) < MIN_COMPLETED_CHARS:
            return []
        first = bisect.bisect_left(self._vocabulary, prefix)
        found = []
        for word in self._vocabulary[first : first + MAX_COMPLETIONS]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return found

    def candidates(self, words: Sequence[str], limit: int, min_recall: float, extra: Sequence[str] = ()) -> List[int]:
        """Up to ``limit`` template numbers, best first.

        A template's rank is the weight of its keys found in the text times how much of the
        template they cover, so that a long template fully present beats a short one that
        merely shares its opening words, and the reverse for a short text.
        """
        keys = keys_of([words]) | set(extra)
        key_ids = [self._key_ids[key] for key in keys if key in self._key_ids]
        if not key_ids:
            return []
        ids = np.concatenate([self._postings[key_id] for key_id in key_ids])
        weights = np.concatenate([self._weights[key_id] for key_id in key_ids])
        found = np.bincount(ids, weights=weights, minlength=self._size)
        touched = np.flatnonzero(found)
        recall = found[touched] / self._norms[touched]
        eligible = recall >= min_recall
        touched, rank = touched[eligible], (found[touched] * (0.5 + 0.5 * recall))[eligible]
        if len(touched) > limit:
            best = np.argpartition(-rank, limit)[:limit]
            touched, rank = touched[best], rank[best]
        return [int(number) for number in touched[np.argsort(-rank, kind="stable")]]
