"""The validator tells a support agent what to fix, and where (file:line)."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest

from conftest import ITEM, KnowledgeWriter
from izia.knowledge import KnowledgeInvalid, validate


def problems_of(root: Path) -> List[str]:
    with pytest.raises(KnowledgeInvalid) as invalid:
        validate(root)
    return [str(problem) for problem in invalid.value.problems]


def only_problem(root: Path) -> str:
    problems = problems_of(root)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_small_knowledge_base_is_valid(write_knowledge: KnowledgeWriter) -> None:
    knowledge = validate(write_knowledge())
    assert sorted(knowledge.items) == ["accueil", "centre_financier"]


def test_the_seed_knowledge_is_valid(seed_knowledge) -> None:
    assert "poste_piece_non_reporte" in seed_knowledge.items


def test_an_unknown_key_is_rejected_at_its_line(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge({"centre_financier.yml": ITEM.replace("title:", "titre: x\ntitle:")})
    assert (
        only_problem(root)
        == f"{root}/items/centre_financier.yml:3: clé inconnue « titre » dans la fiche de connaissance (clés permises : domain, error_templates, examples, id, nodes, review, sources, start, system, title)."
    )


def test_an_unknown_node_key_is_rejected_at_its_line(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge(
        {
            "centre_financier.yml": ITEM.replace(
                "    answer: Corrigez l'imputation de la DP.", "    answer: Corrigez.\n    suite: ej"
            )
        }
    )
    assert only_problem(root).startswith(f"{root}/items/centre_financier.yml:29: clé inconnue « suite »")


def test_a_goto_to_a_missing_node_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge({"centre_financier.yml": ITEM.replace("goto: dp", "goto: dpp")})
    problems = problems_of(root)
    assert f"{root}/items/centre_financier.yml:19: « goto » mène au nœud « dpp » qui n'existe pas." in problems


def test_a_goto_to_a_missing_item_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge({"centre_financier.yml": ITEM.replace("goto: dp", "goto: item:inconnue")})
    problems = problems_of(root)
    assert f"{root}/items/centre_financier.yml:19: « goto » mène à la fiche « inconnue » qui n'existe pas." in problems


def test_an_unreachable_node_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge({"centre_financier.yml": ITEM + "  orphelin:\n    answer: Personne ne vient ici.\n"})
    assert (
        only_problem(root)
        == f"{root}/items/centre_financier.yml:29: le nœud « orphelin » n'est atteignable depuis aucun autre."
    )


def test_a_say_node_without_next_has_no_way_out(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge(
        {
            "centre_financier.yml": ITEM.replace("    next: ej_fin\n", "").replace(
                "  ej_fin:\n    answer: Corrigez l'imputation de l'EJ.\n", ""
            )
        }
    )
    assert (
        only_problem(root)
        == f"{root}/items/centre_financier.yml:22: le nœud « ej » n'a pas de suite : ajoutez « next »."
    )


def test_an_ask_node_without_choices_has_no_way_out(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge(
        {
            "centre_financier.yml": ITEM.replace(
                "  dp:\n    answer: Corrigez l'imputation de la DP.\n", "  dp:\n    ask: Et ensuite ?\n"
            )
        }
    )
    assert (
        only_problem(root)
        == f"{root}/items/centre_financier.yml:27: le nœud « dp » pose une question sans aucun choix."
    )


def test_say_nodes_looping_on_each_other_are_rejected(write_knowledge: KnowledgeWriter) -> None:
    looping = ITEM.replace(
        "  ej_fin:\n    answer: Corrigez l'imputation de l'EJ.\n", "  ej_fin:\n    say: Encore.\n    next: ej\n"
    )
    problems = problems_of(write_knowledge({"centre_financier.yml": looping}))
    assert any("revient sur lui-même sans poser de question" in problem for problem in problems)


def test_a_duplicate_item_id_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge({"copie.yml": ITEM.replace("Ctre financier &1", "Centre &1 fermé")})
    assert (
        only_problem(root)
        == f"{root}/items/copie.yml:1: identifiant « centre_financier » déjà utilisé par {root}/items/centre_financier.yml:1."
    )


def test_a_duplicate_node_id_is_rejected_at_its_line(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge({"centre_financier.yml": ITEM + "  dp:\n    answer: Doublon.\n"})
    assert (
        problems_of(root)[1]
        == f"{root}/items/centre_financier.yml:29: clé « dp » en double (déjà définie dans le bloc de la ligne 13)."
    )


def test_a_choice_label_offered_twice_in_one_question_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge(
        {"centre_financier.yml": ITEM.replace("synonyms: [demande de paiement]", "synonyms: [Engagement juridique]")}
    )
    assert (
        only_problem(root)
        == f"{root}/items/centre_financier.yml:19: « Engagement juridique » est déjà proposé par le choix de la ligne 16."
    )


def test_an_error_template_claimed_by_two_items_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    other = ITEM.replace("id: centre_financier", "id: centre_financier_bis").replace("&1", "XXX")
    root = write_knowledge({"z_copie.yml": other})
    assert (
        only_problem(root)
        == f"{root}/items/z_copie.yml:5: ce message d'erreur est déjà revendiqué par {root}/items/centre_financier.yml:5."
    )


def test_an_error_template_the_matcher_cannot_tell_apart_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    expanded = (
        '  - text: Le centre financier &1 n\'existe pas dans le périmètre\n    entities: {"&1": centre_financier}'
    )
    other = ITEM.replace("id: centre_financier", "id: centre_financier_bis").replace(
        '  - text: Ctre financier &1 n\'existe pas ds périm.\n    entities: {"&1": centre_financier}', expanded
    )
    root = write_knowledge({"z_copie.yml": other})
    assert only_problem(root) == (
        f"{root}/items/z_copie.yml:5: ce message d'erreur se confond avec celui de {root}/items/centre_financier.yml:5 : "
        "reformulez-le ou regroupez les deux fiches."
    )


def test_too_few_distinct_examples_are_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge(
        {
            "centre_financier.yml": ITEM.replace(
                "  - mon centre financier est inconnu\n", "  - Le Centre financier n'existe pas !\n"
            )
        }
    )
    assert (
        only_problem(root)
        == f"{root}/items/centre_financier.yml:1: trop peu de reformulations distinctes : 2, il en faut au moins 3."
    )


def test_an_unknown_domain_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge({"centre_financier.yml": ITEM.replace("domain: messages_erreurs", "domain: compta")})
    assert only_problem(root).startswith(f"{root}/items/centre_financier.yml:1: domaine « compta » inconnu")


def test_a_missing_required_key_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge({"centre_financier.yml": ITEM.replace("start: question\n", "")})
    assert (
        f"{root}/items/centre_financier.yml:1: clé obligatoire « start » absente de la fiche de connaissance."
        in problems_of(root)
    )


def test_a_node_with_two_kinds_is_rejected(write_knowledge: KnowledgeWriter) -> None:
    root = write_knowledge(
        {
            "centre_financier.yml": ITEM.replace(
                "    answer: Corrigez l'imputation de la DP.", "    answer: A.\n    end: B."
            )
        }
    )
    assert (
        f"{root}/items/centre_financier.yml:27: le nœud « dp » doit avoir exactement une de ces clés : say, ask, answer, escalate, end."
        in problems_of(root)
    )
