"""The « pièces » field of the form: a whole list, typed or pasted in one answer.

Good lines are kept even when others are wrong, each wrong line is explained, and the
list never grows past the limit: the first pièces win, the extra ones are named.
"""

from __future__ import annotations

from dataclasses import replace
from typing import List, Mapping, Sequence

from izia.fsd.answers import KEPT, Answer, refuse
from izia.fsd.draft import Draft
from izia.fsd.pieces import Piece, PieceRules, check_piece, merge_pieces, parse_pieces
from izia.fsd.wording import plural
from izia.knowledge.text import fold

# Entities the NLU extracts from pasted SAP messages (see knowledge/README.md).
NUMERO_ENTITY, SOCIETE_ENTITY, EXERCICE_ENTITY = "numero_piece", "societe", "exercice"
DONE_WORDS = {"aucune", "aucun", "aucune autre", "non", "rien", "termine", "fini", "fin", "c est tout"}
MAX_LISTED_ERRORS = 5
SHOWN_PIECES = 5
NEEDS_A_PIECE = (
    "Cette intervention demande un certificat administratif qui liste les pièces : indiquez-en au moins une."
)


def answer_pieces(draft: Draft, text: str, rules: PieceRules, max_pieces: int, certificate: bool, hint: str) -> Answer:
    """``certificate``: the chosen intervention needs one, so the list may not stay empty."""
    if fold(text) in DONE_WORDS:
        if not draft.pieces and certificate:
            return refuse(draft, NEEDS_A_PIECE)
        return Answer(replace(draft, pieces_done=True), True)
    parsed = parse_pieces(text, rules)
    if not parsed.pieces and not parsed.errors:
        return refuse(draft, f"Je n'ai lu aucune pièce. {hint}")
    merged = merge_pieces(draft.pieces, parsed.pieces, max_pieces)
    full = len(merged.pieces) >= max_pieces
    numeros = {piece.numero for piece in merged.pieces}
    updated = replace(
        draft,
        pieces=merged.pieces,
        pieces_done=not parsed.errors or full,
        pending_numeros=tuple(numero for numero in draft.pending_numeros if numero not in numeros),
    )
    added = len(merged.pieces) - len(draft.pieces)
    notes = [f"{plural(added, 'pièce ajoutée', 'pièces ajoutées')} ; la fiche en compte {len(merged.pieces)}."]
    if merged.duplicates:
        notes.append(f"Déjà dans la liste : {', '.join(str(piece) for piece in merged.duplicates)}.")
    if merged.overflow:
        refused = plural(len(merged.overflow), "pièce non ajoutée", "pièces non ajoutées")
        notes.append(
            f"Une FSD compte au plus {max_pieces} pièces : {refused}, à partir de {merged.overflow[0]}. "
            "Préparez une autre FSD pour celles-là."
        )
    elif full and parsed.errors:
        notes.append(f"La fiche a atteint {max_pieces} pièces : les autres lignes n'ont pas été prises en compte.")
    if parsed.errors and not full:
        listed = _listed(parsed.errors)
        notes.append(f"Ces lignes n'ont pas été retenues :\n{listed}\nCorrigez-les et renvoyez-les. {KEPT}")
    return Answer(updated, not (parsed.errors or merged.overflow), " ".join(notes))


def prefill_pieces(draft: Draft, given: Sequence[Mapping[str, str]], rules: PieceRules, max_pieces: int) -> Draft:
    """Complete pièces from the conversation go in the list; a lone numéro is remembered to ask about."""
    found: List[Piece] = []
    pending: List[str] = []
    for values in given:
        numero = str(values.get(NUMERO_ENTITY, "")).strip()
        piece, _ = check_piece(numero, str(values.get(SOCIETE_ENTITY, "")), str(values.get(EXERCICE_ENTITY, "")), rules)
        if piece is not None:
            found.append(piece)
        elif numero.isdigit() and rules.min_digits <= len(numero) <= rules.max_digits and numero not in pending:
            pending.append(numero)
    merged = merge_pieces((), found, max_pieces)
    numeros = {piece.numero for piece in merged.pieces}
    return replace(draft, pieces=merged.pieces, pending_numeros=tuple(n for n in pending if n not in numeros))


def pieces_question(draft: Draft, question: str, certificate: bool) -> str:
    """The question from fsd.yml, preceded by what is already known about the list."""
    parts = []
    if draft.pieces:
        shown = ", ".join(str(piece) for piece in draft.pieces[:SHOWN_PIECES])
        hidden = len(draft.pieces) - SHOWN_PIECES
        more = f" et {plural(hidden, 'autre')}" if hidden > 0 else ""
        parts.append(f"J'ai déjà noté {plural(len(draft.pieces), 'pièce')} : {shown}{more}.")
    if len(draft.pending_numeros) == 1:
        numero = draft.pending_numeros[0]
        parts.append(f"La conversation cite la pièce {numero} : indiquez-la avec sa société et son exercice.")
    elif draft.pending_numeros:
        numeros = ", ".join(draft.pending_numeros)
        parts.append(f"La conversation cite les pièces {numeros} : indiquez-les avec leur société et leur exercice.")
    if not draft.pieces and certificate:
        parts.append("Le certificat administratif doit lister au moins une pièce.")
    parts.append(question)
    return " ".join(parts)


def _listed(errors: Sequence[str]) -> str:
    lines = [f"- {error}" for error in errors[:MAX_LISTED_ERRORS]]
    more = len(errors) - MAX_LISTED_ERRORS
    if more > 0:
        lines.append(f"- … et {plural(more, 'autre ligne', 'autres lignes')}.")
    return "\n".join(lines)
