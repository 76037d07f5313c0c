"""What the conversation already told IZIA, turned into the context a new FSD draft starts from.

The action server only hands over the conversation's memory and its tracker events; deciding
which item was proposed, which values make a pièce and which lines form the transcript is the
FSD's business, kept here where it is tested without Rasa.
"""

from __future__ import annotations

from typing import Any, Iterable, List, Mapping, Sequence, Tuple

from izia.fsd.draft import BOT, USER, ProposedItem, TranscriptLine
from izia.fsd.form import ConversationContext
from izia.knowledge.model import KnowledgeBase

PIECE_ENTITIES = ("numero_piece", "societe", "exercice")


def conversation_context(
    knowledge: KnowledgeBase,
    subject: str,
    item_id: str,
    suggested: Sequence[str],
    entities: Iterable[Tuple[str, str]],
    events: Sequence[Mapping[str, Any]],
) -> ConversationContext:
    """The subject, the item answered and those suggested, the pièce recognised, the transcript."""
    item = knowledge.items.get(item_id)
    proposed = [ProposedItem(item.id, item.title, True)] if item else []
    proposed += [ProposedItem(i, knowledge.items[i].title, False) for i in suggested if i in knowledge.items]
    values = dict(entities)
    pieces = ({name: values[name] for name in PIECE_ENTITIES if name in values},) if "numero_piece" in values else ()
    return ConversationContext(
        error_message=subject,
        domain=item.domain if item else "",
        proposed=tuple(proposed),
        pieces=pieces,
        transcript=transcript(events),
    )


def transcript(events: Sequence[Mapping[str, Any]]) -> Tuple[TranscriptLine, ...]:
    """This session's exchanges, so the support does not ask again what IZIA already said."""
    lines: List[TranscriptLine] = []
    for event in events:
        if event.get("event") == "session_started":
            lines = []
        elif event.get("event") in ("user", "bot") and event.get("text"):
            lines.append(TranscriptLine(USER if event["event"] == "user" else BOT, event["text"]))
    return tuple(lines)
