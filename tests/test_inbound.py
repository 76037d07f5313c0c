"""What the chat channels accept from a client, before Rasa sees it (izia.inbound)."""

from __future__ import annotations

import pytest

from izia.inbound import (
    MAX_MESSAGE_CHARS,
    MAX_SENDER_LENGTH,
    InboundRefused,
    clean_text,
    read_json_body,
    read_message,
)

PASTE = "Poste de pièce 1508892764/00003 n'a pas été reporté dans exercice en cours"


def test_a_well_formed_message_passes_with_its_sender_and_known_metadata() -> None:
    inbound = read_message(
        {"sender": "agent-42", "message": PASTE, "metadata": {"ministry": "MIN 12", "couleur": "bleu"}}
    )
    assert (inbound.sender, inbound.text, inbound.metadata, inbound.reply) == (
        "agent-42",
        PASTE,
        {"ministry": "MIN 12"},
        "",
    )


@pytest.mark.parametrize(
    "sender", [None, "", 42, ["agent"], "agent 42", "agent/../x", "é" * 3, "a" * (MAX_SENDER_LENGTH + 1)]
)
def test_a_missing_empty_or_malformed_sender_is_refused_with_a_400(sender: object) -> None:
    body = {"message": "bonjour"} if sender is None else {"sender": sender, "message": "bonjour"}
    with pytest.raises(InboundRefused) as refused:
        read_message(body)
    assert refused.value.status == 400 and "sender" in refused.value.reason


def test_a_sender_of_the_longest_allowed_length_passes() -> None:
    assert read_message({"sender": "a" * MAX_SENDER_LENGTH, "message": "bonjour"}).sender == "a" * MAX_SENDER_LENGTH


@pytest.mark.parametrize("message", [None, 3, ["bonjour"], {"text": "bonjour"}])
def test_a_missing_or_non_string_message_is_refused(message: object) -> None:
    body = {"sender": "agent"} if message is None else {"sender": "agent", "message": message}
    with pytest.raises(InboundRefused, match="message"):
        read_message(body)


@pytest.mark.parametrize("body", [[], "bonjour", 3, None])
def test_a_body_that_is_not_an_object_is_refused(body: object) -> None:
    with pytest.raises(InboundRefused, match="objet JSON"):
        read_message(body)


def test_metadata_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(InboundRefused, match="metadata"):
        read_message({"sender": "agent", "message": "bonjour", "metadata": "MIN 12"})


@pytest.mark.parametrize("message", ["", "   ", "\u200b\u200b", "\x00\x07"])
def test_an_empty_or_invisible_message_gets_a_french_answer_instead_of_the_nlu(message: str) -> None:
    inbound = read_message({"sender": "agent", "message": message})
    assert inbound.reply.startswith("Votre message est vide")


def test_a_message_over_the_limit_is_answered_with_the_limit_and_one_message_at_a_time() -> None:
    inbound = read_message({"sender": "agent", "message": PASTE * 4000})
    assert inbound.text == ""
    assert "4\u202f000 caractères" in inbound.reply and "un seul message d'erreur" in inbound.reply


def test_a_message_of_exactly_the_limit_is_read() -> None:
    assert read_message({"sender": "agent", "message": "a" * MAX_MESSAGE_CHARS}).reply == ""


def test_zero_width_and_bidi_characters_are_removed_and_control_characters_become_spaces() -> None:
    assert clean_text("po\u200bste de\u202e pièce\x00n'a pas") == "poste de pièce n'a pas"


def test_line_breaks_of_a_pasted_message_stay() -> None:
    assert (
        clean_text("Centre financier inexistant\nPoste de commande") == "Centre financier inexistant\nPoste de commande"
    )


def test_decomposed_accents_are_composed() -> None:
    assert clean_text("pie\u0300ce") == "pièce"


def test_unpaired_surrogates_do_not_raise() -> None:
    assert clean_text("pièce \ud800") == "pièce ?"


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "", "text/plain", "application/x-www-form-urlencoded"],
)
def test_json_bodies_are_read_whatever_the_usual_content_type(content_type: str) -> None:
    assert read_json_body(content_type, '{"sender": "agent", "message": "é"}'.encode("utf-8")) == {
        "sender": "agent",
        "message": "é",
    }


def test_a_body_of_another_content_type_is_refused_with_a_415() -> None:
    with pytest.raises(InboundRefused) as refused:
        read_json_body("multipart/form-data; boundary=x", b"{}")
    assert refused.value.status == 415


@pytest.mark.parametrize("body", [b"{", b"\xff\xfe{}", b"", b"NaN-ish"])
def test_malformed_json_or_invalid_utf8_is_refused_with_a_400(body: bytes) -> None:
    with pytest.raises(InboundRefused) as refused:
        read_json_body("application/json", body)
    assert refused.value.status == 400
