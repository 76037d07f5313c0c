"""Turning French user messages into vectors: spaCy lemmas (inflections and conjugations
collapse) plus character n-grams (typos, missing accents and SAP codes still overlap).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, List, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from izia.knowledge.text import strip_accents

SPACY_MODEL = "fr_core_news_sm"
LEMMA_WEIGHT = 0.6  # share of the lemma view; the rest goes to character n-grams
_NOISE = re.compile(r"\d+|[^\w\s]")
# Words every support message carries: they say nothing about the subject.
EXTRA_STOP = frozenset(
    "bonjour merci svp stp cordialement bonne journée aide besoin question problème souci urgent "
    "madame monsieur hello salut voilà ok bien".split()
)


def non_empty(texts: Iterable[str]) -> List[str]:
    """The vectorisers refuse an empty document: a message of digits or fillers becomes « _ »."""
    return [text or "_" for text in texts]


def plain(text: str) -> str:
    """Lower case, no accents, no digits or punctuation: what typed variants share."""
    return " ".join(_NOISE.sub(" ", strip_accents(text.lower())).split())


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """Loaded once per process: parser and NER are not needed for lemmas and cost most."""
    import spacy

    return spacy.load(SPACY_MODEL, disable=["parser", "ner"])


def lemmatise(texts: Sequence[str]) -> List[str]:
    """Each text as its content lemmas, accent-free, stop words and noise dropped."""
    nlp = _nlp()
    stop = nlp.Defaults.stop_words
    out = []
    for doc in nlp.pipe([t.lower() for t in texts], batch_size=256):
        lemmas = []
        for token in doc:
            if token.is_punct or token.is_space or token.like_num:
                continue
            lemma = plain(token.lemma_ or token.text)
            if not lemma or lemma in stop or lemma in EXTRA_STOP or token.text in stop or len(lemma) < 2:
                continue
            lemmas.append(lemma)
        out.append(" ".join(lemmas))
    return out


class Featuriser:
    """Fitted once on every text to compare (messages and knowledge), so both share a space."""

    def __init__(self) -> None:
        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=r"(?u)\b\w+\b")
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)

    def fit(self, texts: Sequence[str]) -> "Featuriser":
        lemmas = lemmatise(texts)
        self.words.fit(non_empty(lemmas))
        self.chars.fit(non_empty(plain(text) for text in texts))
        return self

    def transform(self, texts: Sequence[str], lemmas: Sequence[str] = ()) -> sparse.csr_matrix:
        """L2-normalised rows; ``lemmas`` may be passed when already computed."""
        lemmas = list(lemmas) or lemmatise(texts)
        words = normalize(self.words.transform(non_empty(lemmas)))
        chars = normalize(self.chars.transform(non_empty(plain(text) for text in texts)))
        combined = sparse.hstack([np.sqrt(LEMMA_WEIGHT) * words, np.sqrt(1 - LEMMA_WEIGHT) * chars]).tocsr()
        return normalize(combined)

    def terms(self) -> np.ndarray:
        return self.words.get_feature_names_out()
