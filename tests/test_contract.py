"""The names shared across layers (izia.contract) agree with what Rasa is told (bot/domain/base.yml)."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from izia.contract import BASE_INTENTS, CHOICE_ENTITY, FSD_FORM, RATING_ENTITY, RESERVED_IDS, SLOTS
from izia.knowledge import KnowledgeInvalid, validate
from izia.paths import BOT_DIR

BASE_DOMAIN = YAML(typ="safe").load((BOT_DIR / "domain" / "base.yml").read_text(encoding="utf-8"))


def test_the_base_domain_declares_exactly_the_contract_s_intents() -> None:
    assert set(BASE_DOMAIN["intents"]) == BASE_INTENTS


def test_the_base_domain_declares_exactly_the_contract_s_slots_entities_and_form() -> None:
    assert set(BASE_DOMAIN["slots"]) == SLOTS
    assert set(BASE_DOMAIN["entities"]) == {CHOICE_ENTITY, RATING_ENTITY}
    assert set(BASE_DOMAIN["forms"]) == {FSD_FORM}


def test_every_intent_of_the_base_domain_is_a_reserved_id() -> None:
    assert BASE_INTENTS <= RESERVED_IDS


@pytest.mark.parametrize("reserved", sorted(RESERVED_IDS))
def test_a_knowledge_item_cannot_take_a_reserved_id(write_knowledge, reserved: str) -> None:  # type: ignore[no-untyped-def]
    item = f"""\
    id: {reserved}
    domain: general
    title: Fiche au nom réservé
    examples: [une question, une autre question, encore une question]
    start: fin
    nodes:
      fin:
        answer: Réponse.
    """
    with pytest.raises(KnowledgeInvalid):
        validate(write_knowledge({"reservee.yml": item}))


def test_placeholders_are_one_pattern_for_the_validator_and_the_samples() -> None:
    from izia import samples
    from izia.knowledge import text, validator

    assert samples.PLACEHOLDER is text.PLACEHOLDER
    assert not hasattr(validator, "_PLACEHOLDER")
