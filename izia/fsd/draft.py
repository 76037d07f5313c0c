"""The Fiche Service Desk draft: every field of the service desk's form, plus what SN1 needs.

A draft is immutable: every answer produces a new draft, so a refused answer can never
damage what the user entered before. ``to_dict``/``from_dict`` give a JSON-safe form that
fits in a Rasa slot between turns and in the store afterwards.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Dict, Mapping, Optional, Tuple

from izia.fsd.pieces import Piece

USER = "user"
BOT = "bot"

# The service desk's wording of each field, for questions, refusals and the text to paste.
FIELD_LABELS = {
    "description": "Description",
    "message_erreur": "Message d'erreur",
    "regroupement": "Catégorie de regroupement",
    "categorie": "Catégorie",
    "type_message": "Type de message",
    "equipe_support": "Équipe de support",
    "code_ministere": "Code ministère",
    "declare_par": "Déclaré par",
    "correspondant": "Correspondant",
    "statut": "Statut",
    "impact": "Impact",
    "severite": "Sévérité",
    "priorite": "Priorité recommandée",
    "pieces": "Pièces",
    "intervention": "Intervention demandée",
    "signataire": "Signataire du certificat (responsable du CSP)",
    "code_motif": "Code motif",
    "est_cca": "Déclarant CCA",
    "cca": "CCA destinataire",
}


@dataclass(frozen=True)
class TranscriptLine:
    speaker: str  # USER or BOT
    text: str


@dataclass(frozen=True)
class ProposedItem:
    """A knowledge item IZIA offered: ``matched`` if recognised, otherwise only suggested."""

    item_id: str
    title: str
    matched: bool


@dataclass(frozen=True)
class Draft:
    id: str = ""
    created_at: str = ""  # ISO 8601, set when the draft is stored
    description: str = ""
    message_erreur: str = ""
    regroupement: str = ""
    categorie: str = ""
    type_message: str = ""
    equipe_support: str = ""
    code_ministere: str = ""
    declare_par: str = ""
    correspondant: str = ""  # filled by SN1 in the service desk, never by IZIA
    statut: str = ""
    impact: str = ""
    severite: str = ""
    priorite: Optional[int] = None
    domaine: str = ""
    pieces: Tuple[Piece, ...] = ()
    pieces_done: bool = False  # the user said the list is complete
    pending_numeros: Tuple[str, ...] = ()  # numéros the conversation gave without société/exercice
    intervention: str = ""  # an intervention id from fsd.yml
    signataire: str = ""
    code_motif: str = ""
    est_cca: Optional[bool] = None
    cca: str = ""
    transcript: Tuple[TranscriptLine, ...] = ()
    proposed: Tuple[ProposedItem, ...] = ()
    attachments: Tuple[str, ...] = ()  # kinds of files besides the JSON: "xlsx", "ca"

    def to_dict(self) -> Dict[str, Any]:
        """Plain JSON types only: lists, dicts, strings, numbers, booleans and null."""
        data = asdict(self)
        for key in ("pieces", "pending_numeros", "transcript", "proposed", "attachments"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Draft":
        """Unknown keys are ignored and missing ones take their default, so older drafts still load."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values.setdefault("signataire", data.get("ordonnateur", ""))  # drafts saved before the rename
        values["pieces"] = tuple(Piece(**piece) for piece in values.get("pieces", ()))
        values["pending_numeros"] = tuple(values.get("pending_numeros", ()))
        values["transcript"] = tuple(TranscriptLine(**line) for line in values.get("transcript", ()))
        values["proposed"] = tuple(ProposedItem(**item) for item in values.get("proposed", ()))
        values["attachments"] = tuple(values.get("attachments", ()))
        return cls(**values)
