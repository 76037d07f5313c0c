"""Which turns of the conversations deserve the support team's attention, and why.

A turn matters when IZIA did not understand it (fallback), understood it hesitantly (low
confidence), offered « Vouliez-vous dire » and was refused, was immediately rephrased by the
user, or led to a low rating or a thumbs-down. The same message can matter for several reasons;
it is kept once with all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional, Tuple

from feedback_analytics.tracker import StoredConversation
from izia.contract import CUSTOM_KIND, DID_YOU_MEAN_KIND, FALLBACK_INTENT, FEEDBACK_SLOT, OUT_OF_SCOPE_INTENT

# An in-scope question worded in a way IZIA never saw often lands on « out_of_scope »: it was not
# understood either, and staff reject the truly off-topic ones in the review file.
NOT_UNDERSTOOD_INTENTS = frozenset({FALLBACK_INTENT, OUT_OF_SCOPE_INTENT})
LOW_CONFIDENCE = 0.6
LOW_RATING = 2  # stars; 1 and 2 are « bad »
REPHRASE_WINDOW_S = 120.0
NO_DOMAIN = "non déterminé"

# Reasons, as written in the review file and the report.
FALLBACK = "incompris"
LOW_CONFIDENCE_REASON = "confiance_faible"
REFUSED = "suggestion_refusee"
REPHRASED = "reformule"
LOW_RATED = "note_basse"
ANSWER_DOWN = "reponse_inutile"


@dataclass
class Signal:
    """A user message worth a look, with why, and what IZIA and the user did with it."""

    sender_id: str
    text: str
    timestamp: float
    reasons: List[str] = field(default_factory=list)
    intent: Optional[str] = None
    confidence: float = 0.0
    item_id: str = ""  # the item IZIA started for it, if any
    hint_item: str = ""  # the item the user reached right after rephrasing
    comment: str = ""  # the comment of a low rating on this subject
    truth: str = ""  # ground-truth topic of generated logs (user metadata), for the benchmark


@dataclass
class Rating:
    sender_id: str
    timestamp: float
    kind: str  # "rating" or "answer_down", as izia.ratings writes them
    rating: Optional[int]
    comment: str
    item_id: str
    subject: str


@dataclass
class ConversationSummary:
    sender_id: str
    started: float
    domain: str
    items: Tuple[str, ...]
    unanswered: bool
    user_turns: int


@dataclass
class Extraction:
    conversations: List[ConversationSummary] = field(default_factory=list)
    signals: List[Signal] = field(default_factory=list)
    ratings: List[Rating] = field(default_factory=list)


@dataclass
class _UserTurn:
    text: str
    timestamp: float
    intent: Optional[str]
    confidence: float
    truth: str
    replies: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def typed(self) -> bool:
        return bool(self.text) and not self.text.startswith("/")

    def started_item(self) -> str:
        """The item IZIA opened in reply to this turn (its intent, shown in the custom payload)."""
        for reply in self.replies:
            custom = (reply.get("data") or {}).get("custom") or {}
            if self.intent and custom.get("item_id") == self.intent:
                return self.intent
        return ""

    def suggestions(self) -> Tuple[str, ...]:
        for reply in self.replies:
            if ((reply.get("data") or {}).get("custom") or {}).get(CUSTOM_KIND) == DID_YOU_MEAN_KIND:
                buttons = (reply.get("data") or {}).get("buttons") or []
                return tuple(str(b.get("payload", "")) for b in buttons)
        return ()


def day_of(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d")


def extract(conversations: Iterable[StoredConversation], progress: Optional[Any] = None) -> Extraction:
    """All the signals, ratings and per-conversation summaries of the store."""
    result = Extraction()
    items: Iterable[StoredConversation] = conversations
    if progress is not None:
        items = progress(list(conversations), desc="Extraction des tours", unit="conv")
    for conversation in items:
        _extract_one(conversation, result)
    return result


def _extract_one(conversation: StoredConversation, result: Extraction) -> None:
    turns: List[_UserTurn] = []
    ratings: List[Rating] = []
    domains: List[str] = []
    reached: List[str] = []
    for event in conversation.events:
        kind = event.get("event")
        if kind == "user":
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            truth = str((event.get("metadata") or {}).get("topic") or "")
            turns.append(
                _UserTurn(
                    str(event.get("text") or ""),
                    float(event.get("timestamp") or 0.0),
                    intent.get("name"),
                    float(intent.get("confidence") or 0.0),
                    truth,
                )
            )
        elif kind == "bot":
            if turns:
                turns[-1].replies.append(event)
            custom = (event.get("data") or {}).get("custom") or {}
            if custom.get("domain") and custom.get("domain") != "general":
                domains.append(str(custom["domain"]))
            if custom.get("item_id"):
                reached.append(str(custom["item_id"]))
        elif kind == "slot" and event.get("name") == FEEDBACK_SLOT and isinstance(event.get("value"), dict):
            value = event["value"]
            rating = value.get("rating")
            ratings.append(
                Rating(
                    conversation.sender_id,
                    float(event.get("timestamp") or 0.0),
                    str(value.get("kind") or ""),
                    int(rating) if rating is not None else None,
                    str(value.get("comment") or ""),
                    str(value.get("item_id") or ""),
                    str(value.get("subject") or ""),
                )
            )
    signals = _signals(conversation.sender_id, turns, ratings)
    result.signals += signals
    result.ratings += ratings
    started = turns[0].timestamp if turns else 0.0
    result.conversations.append(
        ConversationSummary(
            conversation.sender_id,
            started,
            domains[0] if domains else NO_DOMAIN,
            tuple(dict.fromkeys(reached)),
            any(FALLBACK in s.reasons for s in signals),
            len(turns),
        )
    )


def _signals(sender_id: str, turns: List[_UserTurn], ratings: List[Rating]) -> List[Signal]:
    found: Dict[str, Signal] = {}

    def mark(turn: _UserTurn, reason: str) -> Signal:
        signal = found.get(turn.text)
        if signal is None:
            signal = found[turn.text] = Signal(
                sender_id,
                turn.text,
                turn.timestamp,
                [],
                turn.intent,
                turn.confidence,
                turn.started_item(),
                truth=turn.truth,
            )
        if reason not in signal.reasons:
            signal.reasons.append(reason)
        return signal

    for index, turn in enumerate(turns):
        if not turn.typed:
            continue
        following = turns[index + 1] if index + 1 < len(turns) else None
        started = turn.started_item()
        if turn.intent in NOT_UNDERSTOOD_INTENTS:
            mark(turn, FALLBACK)
            offered = turn.suggestions()
            if offered and (following is None or following.text not in offered):
                mark(turn, REFUSED)
        elif started and turn.confidence < LOW_CONFIDENCE:
            mark(turn, LOW_CONFIDENCE_REASON)
        if following is not None and following.typed and following.timestamp - turn.timestamp <= REPHRASE_WINDOW_S:
            next_item = following.started_item()
            if next_item and next_item != started and (started or turn.intent in NOT_UNDERSTOOD_INTENTS):
                mark(turn, REPHRASED).hint_item = next_item
    for rating in ratings:
        bad = rating.kind == "answer_down" or (rating.rating is not None and rating.rating <= LOW_RATING)
        if not bad or not rating.subject or rating.subject.startswith("/"):
            continue
        rated = next((t for t in turns if t.text == rating.subject), None)
        if rated is None:
            continue
        signal = mark(rated, ANSWER_DOWN if rating.kind == "answer_down" else LOW_RATED)
        signal.item_id = signal.item_id or rating.item_id
        if rating.comment:
            signal.comment = rating.comment
    return list(found.values())
