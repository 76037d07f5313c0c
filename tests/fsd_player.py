"""Plays a user through IZIA's Fiche Service Desk form over the REST webhook."""

from __future__ import annotations

from typing import Dict, List, Optional

from rasa_http import RestUser

TYPED_ANSWERS = {
    "description": "DP bloquée : message inconnu",
    "message_erreur": "Erreur ZFI999 : traitement impossible pour la pièce 1508892764",
    "pieces": "1508892764 1200 2024",
    "signataire": "Mme Martin, cheffe du SFACT, rectorat de Lille",
    "code_motif": "Z1",
    "declare_par": "Jean Dupont",
    "cca": "cca.rectorat@ac-lille.fr",
}
CHOSEN = {"categorie": "Incident", "impact": "Moyen", "severite": "Moyen", "est_cca": "Non"}
MAX_QUESTIONS = 20


def current_question(messages: List[Dict]) -> Optional[Dict]:
    asked = [m for m in messages if "fsd_question" in m.get("custom", {})]
    return asked[-1] if asked else None


def answer(user: RestUser, question: Dict) -> List[Dict]:
    """Plays the user: clicks the expected option, or types a plausible answer."""
    field = question["custom"]["fsd_question"]
    if question.get("buttons"):
        wanted = CHOSEN.get(field, question["buttons"][0]["title"])
        return user.says(next(b["payload"] for b in question["buttons"] if b["title"] == wanted))
    return user.says(TYPED_ANSWERS[field])


def answer_until(user: RestUser, messages: List[Dict], stop_at: Optional[str] = None) -> List[Dict]:
    """Answers question after question until ``stop_at`` is asked, or the form is done."""
    for _ in range(MAX_QUESTIONS):
        question = current_question(messages)
        if question is None or question["custom"]["fsd_question"] == stop_at:
            return messages
        messages = answer(user, question)
    raise AssertionError("le formulaire ne se termine pas")
