"""knowledge/fsd.yml: the real file loads, and mistakes in a copy are reported at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from fsd_samples import settings
from izia.fsd import FsdSettingsInvalid, load_fsd_settings
from izia.fsd.loader import FSD_FILE
from izia.knowledge import KnowledgeBase
from izia.paths import KNOWLEDGE_DIR

SOURCE = (KNOWLEDGE_DIR / FSD_FILE).read_text(encoding="utf-8")


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SOURCE
    path = tmp_path / FSD_FILE
    path.write_text(SOURCE.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def problems_of(path: Path) -> list:
    with pytest.raises(FsdSettingsInvalid) as invalid:
        load_fsd_settings(path)
    return [str(problem) for problem in invalid.value.problems]


def test_the_real_file_defines_three_levels_and_four_priorities() -> None:
    assert settings().levels == ("Majeur", "Moyen", "Mineur")
    assert settings().priorities == {1: "très élevée", 2: "élevée", 3: "moyenne", 4: "basse"}


def test_the_real_file_keeps_the_ministry_limits() -> None:
    limits = settings().limits
    assert (limits.max_pieces, limits.xlsx_above) == (20, 5)


def test_every_domain_mapped_to_a_regroupement_is_a_knowledge_domain(seed_knowledge: KnowledgeBase) -> None:
    assert set(settings().domain_regroupements) <= set(seed_knowledge.settings.domains)


def test_a_missing_priority_cell_is_reported_at_its_row(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "Moyen: {Majeur: 2, Moyen: 3, Mineur: 4}", "Moyen: {Majeur: 2, Moyen: 3}")
    line = line_of(path, "Moyen: {Majeur: 2, Moyen: 3}")
    assert any(p.startswith(f"{path}:{line}:") and "« Mineur »" in p for p in problems_of(path))


def test_a_priority_outside_the_list_is_reported(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "Mineur: {Majeur: 3, Moyen: 4, Mineur: 4}", "Mineur: {Majeur: 3, Moyen: 4, Mineur: 5}")
    assert any("Mineur × Mineur" in p and "« 5 »" in p for p in problems_of(path))


def test_an_unknown_certificate_variable_is_reported(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "Je soussigné(e) {signataire}", "Je soussigné(e) {ordonnateur}")
    assert any("{ordonnateur}" in p for p in problems_of(path))


def test_a_reminder_for_an_unknown_regroupement_is_reported(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "when: {regroupement: Chorus Formulaires}", "when: {regroupement: Formulaires}")
    line = line_of(path, "when: {regroupement: Formulaires}")
    assert f"{path}:{line}: « Formulaires » n'est pas dans « regroupements »." in problems_of(path)


def test_an_intervention_defined_twice_is_reported(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "  - id: contrepassation", "  - id: suppression")
    assert any("intervention « suppression » définie deux fois" in p for p in problems_of(path))


def test_a_missing_question_is_reported(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "  code_motif: Quel est le code motif de la suppression ?\n", "")
    assert any("« code_motif » absente" in p for p in problems_of(path))
