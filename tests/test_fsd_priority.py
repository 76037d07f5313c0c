"""Priorité recommandée: the Impact × Sévérité table of fsd.yml, cell by cell."""

from __future__ import annotations

import pytest

from fsd_samples import form, settings
from izia.fsd import ConversationContext
from izia.fsd.rules import recommended_priority

TABLE = [
    ("Majeur", "Majeur", "1 : très élevée"),
    ("Majeur", "Moyen", "2 : élevée"),
    ("Majeur", "Mineur", "3 : moyenne"),
    ("Moyen", "Majeur", "2 : élevée"),
    ("Moyen", "Moyen", "3 : moyenne"),
    ("Moyen", "Mineur", "4 : basse"),
    ("Mineur", "Majeur", "3 : moyenne"),
    ("Mineur", "Moyen", "4 : basse"),
    ("Mineur", "Mineur", "4 : basse"),
]


@pytest.mark.parametrize("impact, severite, expected", TABLE)
def test_each_cell_of_the_table(impact: str, severite: str, expected: str) -> None:
    assert str(recommended_priority(settings(), impact, severite)) == expected


def test_moyen_by_moyen_is_moyenne() -> None:
    priority = recommended_priority(settings(), "Moyen", "Moyen")
    assert (priority.code, priority.label) == (3, "moyenne")


def test_an_unknown_level_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        recommended_priority(settings(), "Critique", "Moyen")


def test_the_form_says_the_priority_once_both_levels_are_known() -> None:
    fsd = form()
    draft = fsd.answer(fsd.start(ConversationContext()), "impact", "moyen").draft
    answered = fsd.answer(draft, "severite", "Moyen")
    assert answered.draft.priorite == 3
    assert "Priorité recommandée : 3 : moyenne" in answered.message


def test_the_impact_question_gives_the_deck_s_definitions() -> None:
    question = form().question(form().start(ConversationContext()), "impact")
    assert "un utilisateur sensible est bloqué" in question.text  # Majeur, not Moyen
    assert "un utilisateur classique est bloqué" in question.text  # Moyen, not Mineur
    assert "Mineur : un ou plusieurs utilisateurs sont gênés" in question.text
    assert [option.title for option in question.options] == ["Majeur", "Moyen", "Mineur"]


def test_the_severite_question_explains_the_importance_of_the_function() -> None:
    question = form().question(form().start(ConversationContext()), "severite")
    assert "importance de la fonction" in question.text
    assert "- Majeur : fonction de très grande importance" in question.text
