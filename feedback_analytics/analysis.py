"""From the signals of the tracker store to named subjects with a coverage decision."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
from sklearn.preprocessing import normalize

from feedback_analytics.clustering import DISTANCE_THRESHOLD, cluster, members
from feedback_analytics.coverage import COVERAGE_THRESHOLD, KnowledgeTexts, decide, item_scores
from feedback_analytics.extraction import Signal
from feedback_analytics.features import Featuriser, lemmatise, non_empty
from feedback_analytics.naming import by_centrality, salient_terms

MAX_MESSAGES = 30  # per subject in the review file


@dataclass
class Subject:
    """A group of similar messages, what names it, and where it belongs."""

    id: str
    count: int  # signals (a message sent twice counts twice)
    messages: List[str]  # distinct texts, most central first
    terms: List[str]
    target: str
    similarity: float
    covered: bool
    reasons: Dict[str, int] = field(default_factory=dict)
    hints: Dict[str, int] = field(default_factory=dict)  # items reached right after rephrasing
    comments: List[str] = field(default_factory=list)

    @property
    def examples(self) -> List[str]:
        return self.messages[:3]


@dataclass
class Analysis:
    subjects: List[Subject]
    labels: np.ndarray  # per signal: index of its subject in ``subjects``


def knowledge_texts(knowledge: Any) -> KnowledgeTexts:
    """Examples and title of every item of an ``izia.knowledge.KnowledgeBase``."""
    return KnowledgeTexts.from_items({i.id: [*i.examples, i.title] for i in knowledge.items.values()})


def analyse(
    signals: Sequence[Signal],
    known: KnowledgeTexts,
    distance_threshold: float = DISTANCE_THRESHOLD,
    coverage_threshold: float = COVERAGE_THRESHOLD,
    progress: Optional[Any] = None,
) -> Analysis:
    """Clusters distinct messages (duplicates weigh on counts only), then names and places each group."""
    texts = list(dict.fromkeys(s.text for s in signals))
    if not texts:
        return Analysis([], np.zeros(0, dtype=int))
    steps = progress(total=4, desc="Analyse des messages", unit="étape") if progress else None
    message_lemmas = lemmatise(texts)
    featuriser = Featuriser().fit([*texts, *known.texts])
    vectors = featuriser.transform(texts, message_lemmas)
    _advance(steps)
    labels = cluster(vectors, distance_threshold)
    _advance(steps)
    # Coverage compares lemmas only: shared fillers and spelling would make any two messages look alike.
    word_vectors = normalize(featuriser.words.transform(non_empty(message_lemmas)))
    if known.texts:
        knowledge_words = normalize(featuriser.words.transform(non_empty(lemmatise(known.texts))))
        scores = item_scores(word_vectors, knowledge_words, known.owners, len(known.item_ids))
    else:
        scores = np.zeros((len(texts), 0))
    _advance(steps)
    vocabulary = featuriser.terms()
    by_text: Dict[str, List[Signal]] = {}
    for signal in signals:
        by_text.setdefault(signal.text, []).append(signal)
    subjects: List[Subject] = []
    row_subject = np.zeros(len(texts), dtype=int)
    for number, rows in enumerate(members(labels), start=1):
        ordered = by_centrality(vectors, rows)
        target, similarity, covered = decide(scores, rows, known.item_ids, coverage_threshold)
        grouped = [s for row in ordered for s in by_text[texts[row]]]
        reasons = Counter(r for s in grouped for r in s.reasons)
        hints = Counter(s.hint_item for s in grouped if s.hint_item)
        subjects.append(
            Subject(
                id=f"s{number:03d}",
                count=len(grouped),
                messages=[texts[r] for r in ordered],
                terms=salient_terms(word_vectors, rows, list(vocabulary)),
                target=target,
                similarity=round(similarity, 3),
                covered=covered,
                reasons=dict(reasons.most_common()),
                hints=dict(hints.most_common()),
                comments=[s.comment for s in grouped if s.comment],
            )
        )
        row_subject[rows] = number - 1
    _advance(steps)
    if steps is not None:
        steps.close()
    index = {text: row for row, text in enumerate(texts)}
    return Analysis(subjects, np.array([row_subject[index[s.text]] for s in signals], dtype=int))


def _advance(steps: Optional[Any]) -> None:
    if steps is not None:
        steps.update(1)
