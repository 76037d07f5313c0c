"""The intent model ranks knowledge items for a question (izia.intent_model, no Rasa)."""

from __future__ import annotations

import io
from typing import List, Optional, Sequence

import joblib
import numpy as np
import pytest

from izia.intent_model import IntentModel, IntentModelConfig, Utterance

TRAINING = {
    "poste_piece_non_reporte": [
        "le poste de ma pièce n'est pas reporté",
        "poste non reporté sur l'EJ",
        "ma DP bloque : poste de la pièce non reporté",
        "la pièce a un poste qui n'a pas été reporté",
    ],
    "coeur_compte_verrouille": [
        "mon compte chorus est verrouillé",
        "je suis bloqué à la connexion, compte verrouillé",
        "trop d'essais de mot de passe, compte bloqué",
        "impossible de me connecter à chorus coeur",
    ],
    "out_of_scope": [
        "quel temps fera-t-il demain",
        "combien de jours de congés il me reste",
        "comment faire un tableau croisé dynamique",
        "raconte-moi une blague",
    ],
}


def utterances(texts: Sequence[str], vectors: Optional[List[np.ndarray]] = None) -> List[Utterance]:
    """Whitespace words stand in for spaCy lemmas: the model only needs a token list."""
    return [Utterance(text, text.split(), None if vectors is None else vectors[i]) for i, text in enumerate(texts)]


@pytest.fixture(scope="module")
def model() -> IntentModel:
    texts = [text for examples in TRAINING.values() for text in examples]
    intents = [intent for intent, examples in TRAINING.items() for _ in examples]
    return IntentModel(IntentModelConfig(random_seed=42)).fit(utterances(texts), intents)


def test_an_unseen_wording_ranks_its_item_first(model: IntentModel) -> None:
    [ranking] = model.rank(utterances(["mon compte est verouillé, je peux plus me connecter"]))
    assert ranking[0][0] == "coeur_compte_verrouille"


def test_typos_and_missing_accents_still_find_the_item(model: IntentModel) -> None:
    [ranking] = model.rank(utterances(["poste piece non reporte"]))
    assert ranking[0][0] == "poste_piece_non_reporte"


def test_every_intent_is_ranked_with_confidences_summing_to_one(model: IntentModel) -> None:
    [ranking] = model.rank(utterances(["bonjour"]))
    assert sorted(name for name, _ in ranking) == sorted(TRAINING)
    assert [c for _, c in ranking] == sorted((c for _, c in ranking), reverse=True)
    assert sum(c for _, c in ranking) == pytest.approx(1.0)


def test_an_off_topic_question_goes_to_out_of_scope(model: IntentModel) -> None:
    [ranking] = model.rank(utterances(["il va pleuvoir demain ?"]))
    assert ranking[0][0] == "out_of_scope"


def test_a_persisted_model_ranks_exactly_as_before(model: IntentModel) -> None:
    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    buffer.seek(0)
    question = utterances(["ma DP est bloquée, le poste n'est pas reporté"])
    assert joblib.load(buffer).rank(question) == model.rank(question)


def test_word_vectors_are_used_when_the_spacy_model_has_them() -> None:
    texts = ["compte verrouillé", "compte bloqué", "poste non reporté", "pièce non reportée"]
    vectors = [np.array([1.0, 0.0]), np.array([1.0, 0.1]), np.array([0.0, 1.0]), np.array([0.1, 1.0])]
    intents = ["coeur_compte_verrouille"] * 2 + ["poste_piece_non_reporte"] * 2
    fitted = IntentModel().fit(utterances(texts, vectors), intents)
    # No shared word or character with the training examples: only the vector can decide.
    [ranking] = fitted.rank(utterances(["xyz"], [np.array([0.05, 1.0])]))
    assert fitted.vector_size == 2 and ranking[0][0] == "poste_piece_non_reporte"


def test_a_single_intent_cannot_be_trained() -> None:
    with pytest.raises(ValueError, match="au moins deux intentions"):
        IntentModel().fit(utterances(["bonjour", "salut"]), ["accueil", "accueil"])


def test_the_order_of_the_training_examples_does_not_change_the_model() -> None:
    texts = [text for examples in TRAINING.values() for text in examples]
    intents = [intent for intent, examples in TRAINING.items() for _ in examples]
    question = utterances(["ma pièce a un poste non reporté et mon compte est bloqué"])
    forward = IntentModel().fit(utterances(texts), intents).rank(question)
    backward = IntentModel().fit(utterances(texts[::-1]), intents[::-1]).rank(question)
    assert forward == backward


def test_confidences_are_calibrated_on_held_out_examples_instead_of_a_fixed_temperature(model: IntentModel) -> None:
    assert model.temperature != IntentModelConfig().temperature


def test_without_a_calibration_share_the_configured_temperature_is_kept() -> None:
    texts = [text for examples in TRAINING.values() for text in examples]
    intents = [intent for intent, examples in TRAINING.items() for _ in examples]
    fixed = IntentModel(IntentModelConfig(calibration_share=0.0, temperature=0.2)).fit(utterances(texts), intents)
    assert fixed.temperature == 0.2
