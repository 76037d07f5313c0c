"""The draft as plain text, ready to paste into the Chorus service desk.

SN1 reads this first: it carries every field, the error message in full, what IZIA already
proposed and the conversation, so nobody asks the agent the same questions again.
"""

from __future__ import annotations

from typing import List

from izia.fsd.downloads import FILES, XLSX
from izia.fsd.draft import BOT, FIELD_LABELS, Draft, TranscriptLine
from izia.fsd.rules import draft_needs_certificate, draft_needs_motif, needs_workbook, reminders_for
from izia.fsd.settings import FsdSettings
from izia.fsd.wording import count

SPEAKERS = {BOT: "IZIA"}
USER_SPEAKER = "Utilisateur"
HEADER_FIELDS = (
    "description",
    "regroupement",
    "categorie",
    "type_message",
    "equipe_support",
    "code_ministere",
    "declare_par",
    "correspondant",
    "statut",
    "impact",
    "severite",
)


def render_paste_text(settings: FsdSettings, draft: Draft) -> str:
    lines = [f"Fiche Service Desk préparée par IZIA — brouillon {draft.id or '(non enregistré)'}"]
    if draft.est_cca is False:
        lines.append(f"À transmettre à : {draft.cca or 'votre CCA'} (CCA), seul habilité à créer la fiche")
    lines.append("")
    lines += [f"{FIELD_LABELS[field]} : {getattr(draft, field)}".rstrip() for field in HEADER_FIELDS]
    priority = f"{draft.priorite} : {settings.priorities[draft.priorite]}" if draft.priorite else ""
    lines.append(f"{FIELD_LABELS['priorite']} : {priority}".rstrip())
    lines += ["", f"{FIELD_LABELS['message_erreur']} :", draft.message_erreur, ""]
    lines += _pieces(settings, draft)
    lines += _intervention(settings, draft)
    lines += _proposed(draft)
    lines += ["", "Rappels :"] + [f"- {text}" for text in reminders_for(settings, draft)]
    lines += ["", "Transcription de la conversation :"]
    lines += [_transcript_line(line, settings.limits.transcript_line_chars) for line in draft.transcript] or ["(vide)"]
    return "\n".join(lines).rstrip() + "\n"


def _pieces(settings: FsdSettings, draft: Draft) -> List[str]:
    total = len(draft.pieces)
    if not total:
        return ["Pièces concernées : aucune"]
    if needs_workbook(settings, total):
        return [f"Pièces concernées ({total}) : liste dans le fichier Excel joint ({FILES[XLSX].filename})"]
    return [f"Pièces concernées ({total}) :"] + [f"- {piece}" for piece in draft.pieces]


def _intervention(settings: FsdSettings, draft: Draft) -> List[str]:
    intervention = settings.interventions.get(draft.intervention)
    lines = ["", f"{FIELD_LABELS['intervention']} : {intervention.label if intervention else ''}".rstrip()]
    if draft_needs_certificate(settings, draft):
        lines.append(f"Certificat administratif : requis, joint, autorisé par {draft.signataire}")
        if draft_needs_motif(settings, draft):
            lines.append(f"{FIELD_LABELS['code_motif']} : {draft.code_motif}")
    elif intervention:
        lines.append("Certificat administratif : non requis")
    return lines


def _proposed(draft: Draft) -> List[str]:
    lines = ["", "Ce qu'IZIA a déjà proposé :"]
    if not draft.proposed:
        return lines + ["- aucune fiche"]
    for item in draft.proposed:
        lines.append(f"- Fiche {'reconnue' if item.matched else 'suggérée'} : {item.title} ({item.item_id})")
    return lines


def _transcript_line(line: TranscriptLine, limit: int) -> str:
    """Long turns are cut here only, and say so: the JSON keeps them whole."""
    speaker = SPEAKERS.get(line.speaker, USER_SPEAKER)
    text = " ".join(line.text.split())
    if len(text) > limit:
        text = f"{text[:limit]} […] ({count(len(text) - limit)} caractères de plus dans le JSON joint)"
    return f"{speaker} : {text}"
