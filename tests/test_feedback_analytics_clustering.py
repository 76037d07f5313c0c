"""Clustering, naming and the coverage decision on small French samples."""

from __future__ import annotations

from feedback_analytics.analysis import analyse
from feedback_analytics.coverage import KnowledgeTexts
from feedback_analytics.extraction import Signal

METEO = [
    "quel temps fera-t-il demain",
    "la météo de demain svp",
    "prévisions météo pour demain",
    "quel temps demain à Paris",
]
BADGE = ["mon badge d'accès ne marche plus", "badge d'accès désactivé", "mon badge ne fonctionne plus à l'entrée"]
VALIDEUR = ["mon valideur est absent", "le valideur est en congés", "valideur absent, ma DP est bloquée"]
KNOWN = KnowledgeTexts.from_items(
    {
        "wf_valideur_absent": [
            "le valideur est absent",
            "mon valideur est en congé",
            "valideur absent que faire",
            "Valideur absent",
        ],
        "coeur_mot_de_passe": [
            "j'ai oublié mon mot de passe chorus",
            "réinitialiser mon mot de passe",
            "Mot de passe oublié",
        ],
    }
)


def _signals(texts: list) -> list:
    return [Signal("s", text, 0.0, ["incompris"]) for text in texts]


def test_messages_of_the_same_subject_share_a_cluster() -> None:
    analysis = analyse(_signals(METEO + BADGE), KNOWN)
    labels = list(analysis.labels)
    assert len(set(labels[: len(METEO)])) == 1 and len(set(labels[len(METEO) :])) == 1 and labels[0] != labels[-1]


def test_a_subject_is_named_by_its_salient_lemmas() -> None:
    analysis = analyse(_signals(METEO + BADGE), KNOWN)
    meteo = analysis.subjects[analysis.labels[0]]
    assert "meteo" in meteo.terms or "temps" in meteo.terms


def test_rephrasings_of_an_item_are_covered_by_it() -> None:
    analysis = analyse(_signals(VALIDEUR + METEO), KNOWN)
    subject = analysis.subjects[analysis.labels[0]]
    assert subject.covered and subject.target == "wf_valideur_absent"


def test_an_unknown_subject_is_not_covered() -> None:
    analysis = analyse(_signals(VALIDEUR + METEO), KNOWN)
    assert not analysis.subjects[analysis.labels[-1]].covered


def test_duplicates_count_but_are_listed_once() -> None:
    analysis = analyse(_signals(BADGE + BADGE), KNOWN)
    subject = analysis.subjects[0]
    assert subject.count == 6 and len(subject.messages) == 3
