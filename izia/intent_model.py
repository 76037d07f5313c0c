"""Intent model: which knowledge item a French question is about, with a ranked confidence.

A linear SVM over TF-IDF features of spaCy lemmas (word uni- and bigrams), folded character
n-grams (typos, missing accents, sigles) and, when the spaCy model ships word vectors, the
normalised mean vector (synonyms never seen in training). On IZIA's held-out questions it
beats DIET on every figure and trains in seconds instead of minutes (``bench/results/nlu.md``).

Kept free of Rasa: the Rasa component ``bot.nlu.intent_classifier`` only hands it
each message's text, lemmas and vector.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from joblib import Parallel, delayed
from scipy.optimize import minimize_scalar
from scipy.sparse import csr_matrix, hstack, spmatrix
from scipy.special import logsumexp, softmax
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.svm import LinearSVC

from izia.knowledge.text import fold

Ranking = List[Tuple[str, float]]


@dataclass(frozen=True)
class Utterance:
    """What the model reads of one message; ``vector`` is ``None`` for a model without vectors."""

    text: str
    lemmas: Sequence[str]
    vector: Optional[np.ndarray] = None


@dataclass(frozen=True)
class IntentModelConfig:
    """Chosen on the held-out benchmark. ``temperature`` turns SVM margins into confidences;
    a ``calibration_share`` above 0 replaces it by the temperature that best predicts, on that
    share of the examples held out, whether the top intent is right (temperature scaling), so
    that a confidence of 0.6 is right about 60 % of the time and the fallback threshold means
    something. One held-out share, not k folds: one scalar needs no more, and each fit of
    400 intents costs a minute.
    """

    c: float = 3.0
    temperature: float = 0.1
    calibration_share: float = 0.2
    max_word_ngram: int = 2
    min_char_ngram: int = 2
    max_char_ngram: int = 5
    vector_weight: float = 1.0
    random_seed: int = 42

    @classmethod
    def from_dict(cls, values: Dict[str, object]) -> "IntentModelConfig":
        known = {name: values[name] for name in cls.__dataclass_fields__ if name in values}
        return cls(**known)  # type: ignore[arg-type]


class IntentModel:
    """Fitted once on the training examples, then ranks every intent for each message."""

    def __init__(self, config: IntentModelConfig = IntentModelConfig()) -> None:
        self.config = config
        self.words = TfidfVectorizer(ngram_range=(1, config.max_word_ngram), sublinear_tf=True)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(config.min_char_ngram, config.max_char_ngram), sublinear_tf=True
        )
        self.classifier = LinearSVC(C=config.c, class_weight="balanced", random_state=config.random_seed)
        self.vector_size = 0
        self.temperature = config.temperature

    def fit(self, utterances: Sequence[Utterance], intents: Sequence[str]) -> "IntentModel":
        if len(set(intents)) < 2:
            raise ValueError("il faut au moins deux intentions pour entraîner le modèle d'intentions")
        # liblinear's result depends on the order of the examples, and Rasa's order changes with
        # each process's hash seed: a fixed order makes the same data give the same model.
        order = sorted(range(len(intents)), key=lambda i: (intents[i], utterances[i].text))
        utterances, intents = [utterances[i] for i in order], [intents[i] for i in order]
        with_vectors = all(u.vector is not None and len(u.vector) for u in utterances)
        self.vector_size = len(utterances[0].vector) if with_vectors else 0  # type: ignore[arg-type]
        self.words.fit(_lemma_texts(utterances))
        self.chars.fit(_char_texts(utterances))
        features, labels = self._features(utterances), np.array(intents)
        if self.config.calibration_share > 0 and min(Counter(intents).values()) >= 2:
            # The held-out fit and the final fit are independent: one per core, same models.
            train, held_out = self._calibration_split(labels)
            held_out_model, self.classifier = Parallel(n_jobs=2)(
                delayed(_fitted)(clone(self.classifier), features[rows], labels[rows])
                for rows in (train, np.arange(len(labels)))
            )
            self.temperature = _calibrated_temperature(held_out_model, features[held_out], labels[held_out])
        else:
            self.classifier.fit(features, labels)
        return self

    def _calibration_split(self, labels: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """A stratified held-out share: every intent is trained on. The vocabularies are fitted on
        every example (they only name features); the SVM scoring the held-out share never saw it.
        """
        share = max(self.config.calibration_share, len(set(labels)) / len(labels))
        split = StratifiedShuffleSplit(n_splits=1, test_size=share, random_state=self.config.random_seed)
        train, held_out = next(split.split(np.zeros(len(labels)), labels))
        return train, held_out

    @property
    def intents(self) -> List[str]:
        return [str(name) for name in self.classifier.classes_]

    def rank(self, utterances: Sequence[Utterance]) -> List[Ranking]:
        """Every intent for each utterance, most confident first; confidences sum to 1."""
        margins = _margins(self.classifier, self._features(utterances))
        confidences = softmax(margins / self.temperature, axis=1)
        names = self.intents
        return [[(names[index], float(row[index])) for index in np.argsort(-row, kind="stable")] for row in confidences]

    def _features(self, utterances: Sequence[Utterance]) -> spmatrix:
        blocks = [self.words.transform(_lemma_texts(utterances)), self.chars.transform(_char_texts(utterances))]
        if self.vector_size:
            blocks.append(csr_matrix(self._unit_vectors(utterances)))
        return hstack(blocks).tocsr()

    def _unit_vectors(self, utterances: Sequence[Utterance]) -> np.ndarray:
        """A message whose words the spaCy model does not know gets a zero vector, not a crash."""
        zero = np.zeros(self.vector_size, dtype=np.float32)
        vectors = np.array([zero if u.vector is None else u.vector for u in utterances], dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return self.config.vector_weight * vectors / norms


def _fitted(classifier: LinearSVC, features: spmatrix, labels: np.ndarray) -> LinearSVC:
    return classifier.fit(features, labels)


def _calibrated_temperature(held_out_model: LinearSVC, features: spmatrix, labels: np.ndarray) -> float:
    """The temperature minimising the log-loss of the held-out margins."""
    margins = _margins(held_out_model, features)
    names = [str(name) for name in held_out_model.classes_]
    truth = np.array([names.index(label) for label in labels])

    def log_loss(log_temperature: float) -> float:
        scaled = margins / np.exp(log_temperature)
        return float(np.mean(logsumexp(scaled, axis=1) - scaled[np.arange(len(truth)), truth]))

    best = minimize_scalar(log_loss, bounds=(np.log(0.01), np.log(10.0)), method="bounded")
    return float(np.exp(best.x))


def _margins(classifier: LinearSVC, features: spmatrix) -> np.ndarray:
    margins = classifier.decision_function(features)
    if margins.ndim == 1:  # two intents: scikit-learn gives the second one's margin only
        margins = np.column_stack([-margins, margins])
    return margins


def _lemma_texts(utterances: Sequence[Utterance]) -> List[str]:
    return [fold(" ".join(u.lemmas)) for u in utterances]


def _char_texts(utterances: Sequence[Utterance]) -> List[str]:
    return [fold(u.text) for u in utterances]
