"""The blind benchmark's calibration figures mean what the knowledge issue says they mean."""

from __future__ import annotations

import pytest

from calibration import auroc, domain_guess, expected_calibration_error, reliability, routed_domain
from evaluation import FALLBACK, OUT_OF_SCOPE, Prediction

DOMAINS = {
    "poste_piece_non_reporte": "messages_erreurs",
    "centre_financier": "messages_erreurs",
    "mot_de_passe": "connexion",
}


def test_confidences_that_match_the_accuracy_have_no_calibration_error() -> None:
    assert expected_calibration_error([0.75] * 4, [True, True, True, False]) == pytest.approx(0.0)


def test_saturated_confidences_on_half_wrong_answers_have_a_large_calibration_error() -> None:
    assert expected_calibration_error([0.999] * 4, [True, False, True, False]) == pytest.approx(0.499)


def test_the_reliability_table_puts_a_confidence_of_one_in_the_last_bin() -> None:
    [last] = reliability([1.0], [True])
    assert (last.low, last.count, last.accuracy) == (0.9, 1, 1.0)


def test_confidences_that_separate_in_scope_from_off_topic_have_an_auroc_of_one() -> None:
    assert auroc([0.9, 0.8], [0.2, 0.1]) == 1.0


def test_a_sure_item_reaches_its_domain() -> None:
    prediction = Prediction("mot_de_passe", "mot_de_passe", [("mot_de_passe", 0.9)])
    assert routed_domain(prediction, DOMAINS, 0.6) == "connexion"


def test_a_fallback_with_a_sure_domain_model_reaches_that_domain() -> None:
    ranking = [(FALLBACK, 0.4), ("poste_piece_non_reporte", 0.35), ("mot_de_passe", 0.33)]
    prediction = Prediction(None, FALLBACK, ranking, [("messages_erreurs", 0.7), ("connexion", 0.2)])
    assert routed_domain(prediction, DOMAINS, 0.6) == "messages_erreurs"


def test_without_the_domain_step_a_fallback_reaches_nothing() -> None:
    prediction = Prediction(None, FALLBACK, [(FALLBACK, 0.4)], [("messages_erreurs", 0.9)])
    assert routed_domain(prediction, DOMAINS, None) is None


def test_the_off_topic_label_counts_as_a_domain_of_its_own_for_calibration() -> None:
    prediction = Prediction(None, "out_of_scope", [("out_of_scope", 0.6)], [("out_of_scope", 0.7), ("connexion", 0.3)])
    assert domain_guess(prediction, DOMAINS) == (OUT_OF_SCOPE, 0.7)


def test_without_a_domain_model_the_items_confidence_is_summed_by_domain() -> None:
    ranking = [("mot_de_passe", 0.3), ("poste_piece_non_reporte", 0.25), ("centre_financier", 0.25)]
    label, confidence = domain_guess(Prediction(None, "mot_de_passe", ranking), DOMAINS)
    assert (label, confidence) == ("messages_erreurs", pytest.approx(0.5))
