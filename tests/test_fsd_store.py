"""The draft store: ids, durability across reopening, listing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fsd_samples import published
from izia.fsd import DraftStore
from izia.fsd.store import is_draft_id


def test_ids_carry_the_date_and_a_random_part() -> None:
    first, second = (DraftStore.new_id(datetime(2026, 11, 28)) for _ in range(2))
    assert first.startswith("FSD-20261128-") and is_draft_id(first)
    assert first != second


def test_a_new_store_on_the_same_folder_finds_the_draft(tmp_path: Path) -> None:
    draft = published(DraftStore(tmp_path)).draft
    assert DraftStore(tmp_path).get(draft.id) == draft


def test_files_are_written_next_to_the_database(tmp_path: Path) -> None:
    draft = published(DraftStore(tmp_path), pieces=6).draft
    assert (tmp_path / "fsd.db").is_file()
    assert sorted(p.name for p in (tmp_path / draft.id).iterdir()) == ["fsd.json", "pieces.xlsx"]


def test_the_list_has_every_draft(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    ids = {published(store).draft.id for _ in range(3)}
    assert {draft.id for draft in DraftStore(tmp_path).list()} == ids


def test_an_unknown_id_finds_nothing(tmp_path: Path) -> None:
    assert DraftStore(tmp_path).get("FSD-20261128-aaaaaaaaaaaaaaaa") is None


def test_a_malformed_id_never_reaches_the_file_system(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    assert store.file("../fsd.db", "json") is None and store.get("' OR 1=1 --") is None
