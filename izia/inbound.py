"""What a chat client may send IZIA: the checks every input channel applies before Rasa sees it.

The REST webhook and the socket.io channel take messages from the open web. Rasa would put a
message without a sender into its shared ``default`` conversation, store any sender id and any
metadata, and run a message of any length through the whole NLU pipeline; a client mistake
there mixes users' conversations or slows the bot for everyone. Both channels therefore read
their input through :func:`read_message`, which refuses what no client should send (with a
French explanation and an HTTP status) and cleans what a person may paste.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping

MAX_SENDER_LENGTH = 128
# Letters, digits and the separators of UUIDs, e-mail-like and prefixed ids (« portail:1234 »).
SENDER_ALPHABET = re.compile(r"^[A-Za-z0-9._:@-]+$")
MAX_MESSAGE_CHARS = 4000  # a long SAP message is about 250 characters; a paste of several, 2,000
MAX_METADATA_CHARS = 1000
# The metadata a client may attach to a message: the widget's ministry code and rating comment.
METADATA_KEYS = ("ministry", "rating_comment")

SENDER_REFUSED = (
    "Identifiant de conversation (« sender ») absent ou invalide : une chaîne de 1 à "
    f"{MAX_SENDER_LENGTH} caractères parmi lettres, chiffres et « . _ : @ - »."
)
MESSAGE_REFUSED = "Champ « message » absent ou invalide : une chaîne de caractères est attendue."
METADATA_REFUSED = "Champ « metadata » invalide : un objet JSON est attendu."
EMPTY_MESSAGE = "Votre message est vide : écrivez votre question ou collez votre message d'erreur."
TOO_LONG = (
    "Votre message fait {length} caractères : je ne lis que les messages de {limit} caractères "
    "au plus. Collez un seul message d'erreur à la fois, ou résumez votre question."
)


class InboundRefused(ValueError):
    """A request no client should send: the channel answers ``status`` with ``reason``."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Inbound:
    """A message fit for Rasa, or (``reply`` set) one IZIA answers itself without reading it."""

    sender: str
    text: str
    metadata: Dict[str, str] = field(default_factory=dict)
    reply: str = ""


def read_message(body: Any, sender_key: str = "sender") -> Inbound:
    """The message in a client's JSON body, cleaned; raises :class:`InboundRefused`."""
    if not isinstance(body, Mapping):
        raise InboundRefused("Le corps de la requête doit être un objet JSON.")
    sender = read_sender(body.get(sender_key))
    text = body.get("message")
    if not isinstance(text, str):
        raise InboundRefused(MESSAGE_REFUSED)
    metadata = read_metadata(body.get("metadata"))
    text = clean_text(text)
    if not text:
        return Inbound(sender, text, metadata, reply=EMPTY_MESSAGE)
    if len(text) > MAX_MESSAGE_CHARS:
        return Inbound(
            sender,
            "",
            metadata,
            reply=TOO_LONG.format(length=_french_number(len(text)), limit=_french_number(MAX_MESSAGE_CHARS)),
        )
    return Inbound(sender, text, metadata)


def read_sender(sender: Any) -> str:
    if not is_sender_id(sender):
        raise InboundRefused(SENDER_REFUSED)
    return sender


def is_sender_id(sender: Any) -> bool:
    return isinstance(sender, str) and len(sender) <= MAX_SENDER_LENGTH and bool(SENDER_ALPHABET.match(sender))


def read_metadata(metadata: Any) -> Dict[str, str]:
    """Only the keys IZIA reads, as trimmed strings: the tracker store keeps what it is given."""
    if metadata is None:
        return {}
    if not isinstance(metadata, Mapping):
        raise InboundRefused(METADATA_REFUSED)
    kept = {key: clean_text(str(metadata[key]))[:MAX_METADATA_CHARS] for key in METADATA_KEYS if key in metadata}
    return {key: value for key, value in kept.items() if value}


def clean_text(text: str) -> str:
    """NFC, without invisible format characters (zero-width, bidi) and with control characters
    as spaces; line breaks and tabs stay, since a pasted SAP message often spans lines.
    """
    readable = unicodedata.normalize("NFC", text.encode("utf-8", "replace").decode("utf-8"))
    return "".join(_visible(char) for char in readable).strip()


def _visible(char: str) -> str:
    if char in "\n\t":
        return char
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    return " " if category in ("Cc", "Cs", "Co", "Cn") else char


def _french_number(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


UNAVAILABLE = (
    "Je ne peux pas traiter votre message pour le moment : un service d'IZIA est indisponible. "
    "Votre conversation est conservée ; renvoyez votre message dans quelques instants."
)
JSON_EXPECTED = "Le corps de la requête doit être du JSON encodé en UTF-8."
CONTENT_TYPE_REFUSED = "Type de contenu non accepté : envoyez du JSON (application/json)."
# What a client may declare its JSON body as: JSON, or what ``curl -d`` and plain fetch() send.
ACCEPTED_CONTENT_TYPES = ("", "application/json", "text/plain", "application/x-www-form-urlencoded")


def read_json_body(content_type: str, body: bytes) -> Any:
    """The JSON document of a request body; raises :class:`InboundRefused` (415 or 400)."""
    if content_type.split(";")[0].strip().lower() not in ACCEPTED_CONTENT_TYPES:
        raise InboundRefused(CONTENT_TYPE_REFUSED, status=415)
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InboundRefused(JSON_EXPECTED) from None
