"""What ``knowledge/fsd.yml`` holds once loaded: the ministry's rules for a service-desk request.

Lists, definitions, the priority table and every limit live in data so that the support
team changes them without touching code; these classes only give them names and types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Mapping, Tuple, Union

from izia.knowledge.model import Location

# The fields the form may ask for, in the order it asks: ``questions`` in fsd.yml must word each.
ASKED_FIELDS = (
    "description",
    "message_erreur",
    "regroupement",
    "categorie",
    "impact",
    "severite",
    "pieces",
    "intervention",
    "signataire",
    "code_motif",
    "declare_par",
    "est_cca",
    "cca",
)
# What a reminder's ``when`` may test, and the type of the expected value.
REMINDER_CONDITIONS = {"est_cca": bool, "certificat": bool, "regroupement": str}
# The variables the certificate's authorisation sentence may use.
CERTIFICATE_VARIABLES = ("signataire", "intervention", "equipe_support", "code_ministere", "fsd_id")


@dataclass(frozen=True)
class Defaults:
    equipe_support: str
    code_ministere: str
    type_message: str
    statut: str


@dataclass(frozen=True)
class Limits:
    max_pieces: int
    xlsx_above: int
    max_description_chars: int
    max_text_chars: int
    transcript_line_chars: int
    numero_min_digits: int
    numero_max_digits: int
    first_exercice: int


@dataclass(frozen=True)
class Priority:
    code: int
    label: str

    def __str__(self) -> str:
        return f"{self.code} : {self.label}"


@dataclass(frozen=True)
class Intervention:
    id: str
    label: str
    certificate: bool
    motif: bool = False


@dataclass(frozen=True)
class Reminder:
    """A reminder shown only on drafts whose fields have the values in ``when``."""

    text: str
    when: Mapping[str, Union[str, bool]]


@dataclass(frozen=True)
class CertificateText:
    title: str
    model: str
    authorisation: str
    signature: str


@dataclass(frozen=True)
class FsdSettings:
    defaults: Defaults
    limits: Limits
    impact: Dict[str, str]
    severite: Dict[str, str]
    priorities: Dict[int, str]
    priority_table: Dict[Tuple[str, str], int]
    regroupements: Tuple[str, ...]
    domain_regroupements: Dict[str, str]
    categories: Tuple[str, ...]
    types_message: Tuple[str, ...]
    interventions: Dict[str, Intervention]
    reminders: Tuple[Reminder, ...]
    questions: Dict[str, str]
    certificate: CertificateText
    location: Location

    @property
    def levels(self) -> Tuple[str, ...]:
        """Majeur / Moyen / Mineur, in the order the file gives them."""
        return tuple(self.impact)
