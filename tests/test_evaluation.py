"""The NLU benchmark's figures mean what the issue says they mean."""

from __future__ import annotations

from evaluation import FALLBACK, OUT_OF_SCOPE, Prediction, by_domain, score, with_threshold

DOMAINS = {
    "poste_piece_non_reporte": "messages_erreurs",
    "centre_financier": "messages_erreurs",
    "mot_de_passe": "connexion",
}


def test_a_right_item_counts_for_top1_domain_and_top3() -> None:
    scores = score([Prediction("mot_de_passe", "mot_de_passe", [("mot_de_passe", 0.9)])], DOMAINS)
    assert (scores.top1, scores.domain, scores.top3, scores.fallback) == (1.0, 1.0, 1.0, 0.0)


def test_a_wrong_item_of_the_right_domain_counts_for_the_domain_only() -> None:
    prediction = Prediction("centre_financier", "poste_piece_non_reporte", [("poste_piece_non_reporte", 0.6)])
    scores = score([prediction], DOMAINS)
    assert (scores.top1, scores.domain, scores.top3) == (0.0, 1.0, 0.0)


def test_a_fallback_keeps_the_candidates_for_top3() -> None:
    ranking = [(FALLBACK, 0.4), ("poste_piece_non_reporte", 0.35), ("centre_financier", 0.33)]
    scores = score([Prediction("centre_financier", FALLBACK, ranking)], DOMAINS)
    assert (scores.top1, scores.top3, scores.fallback) == (0.0, 1.0, 1.0)


def test_out_of_scope_questions_are_scored_apart() -> None:
    predictions = [
        Prediction(None, FALLBACK, [(FALLBACK, 0.4)]),
        Prediction(None, "mot_de_passe", [("mot_de_passe", 0.5)]),
        Prediction("mot_de_passe", "mot_de_passe", [("mot_de_passe", 0.9)]),
    ]
    result = by_domain(predictions, DOMAINS)
    assert result[OUT_OF_SCOPE].fallback == 0.5
    assert result["all"].count == 1 and result["connexion"].top1 == 1.0


def test_a_low_or_ambiguous_confidence_becomes_a_fallback() -> None:
    low = Prediction("mot_de_passe", "mot_de_passe", [("mot_de_passe", 0.3), ("centre_financier", 0.1)])
    close = Prediction("mot_de_passe", "mot_de_passe", [("mot_de_passe", 0.5), ("centre_financier", 0.48)])
    sure = Prediction("mot_de_passe", "mot_de_passe", [("mot_de_passe", 0.8), ("centre_financier", 0.1)])
    assert with_threshold(low, 0.4, 0.05).intent == FALLBACK
    assert with_threshold(close, 0.4, 0.05).intent == FALLBACK
    assert with_threshold(sure, 0.4, 0.05).intent == "mot_de_passe"


def test_an_out_of_scope_prediction_counts_as_a_fallback() -> None:
    prediction = Prediction(None, "out_of_scope", [("out_of_scope", 0.9), ("mot_de_passe", 0.05)])
    assert score([prediction], DOMAINS).fallback == 1.0
    assert with_threshold(prediction, 0.4, 0.05).fell_back


def test_a_sure_item_of_a_domain_the_domain_model_contradicts_becomes_a_fallback() -> None:
    prediction = Prediction(None, "mot_de_passe", [("mot_de_passe", 0.8)], [("messages_erreurs", 0.7)])
    assert with_threshold(prediction, 0.4, 0.05, DOMAINS, 0.5).intent == FALLBACK


def test_a_recognised_pasted_message_is_never_vetoed_by_the_domain_model() -> None:
    ranking = [("centre_financier", 0.95)]
    prediction = Prediction(None, "centre_financier", ranking, [("connexion", 0.9)], matched=True)
    assert with_threshold(prediction, 0.4, 0.05, DOMAINS, 0.5).intent == "centre_financier"
