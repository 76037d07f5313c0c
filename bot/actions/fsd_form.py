"""The Rasa form that fills a Fiche Service Desk draft: thin adapters over :mod:`izia.fsd`.

The form has one required slot, ``fsd_answer``, filled from whatever the user types; the
validation hands it to :class:`FsdForm`, keeps the draft in ``fsd_draft`` and empties the
slot again until the draft is complete, so the form keeps asking the next question.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from izia.contract import ANSWER_SLOT, DRAFT_SLOT
from izia.fsd import (
    Draft,
    DraftStore,
    FsdForm,
    load_fsd_settings,
    public_base_url,
    publish,
)
from izia.fsd.context import conversation_context
from izia.fsd.loader import FSD_FILE
from izia.knowledge.model import KnowledgeBase
from izia.knowledge.text import fold
from izia.paths import DATA_DIR, KNOWLEDGE_DIR

DONE = "__terminé__"
CANCELLED = "__annulé__"
CANCEL_WORDS = {"annuler", "stop", "abandonner", "annuler la fiche"}


@lru_cache(maxsize=1)
def fsd_form() -> FsdForm:
    return FsdForm(load_fsd_settings(KNOWLEDGE_DIR / FSD_FILE))


@lru_cache(maxsize=1)
def draft_store() -> DraftStore:
    return DraftStore(DATA_DIR / "fsd")


def start_draft(knowledge: KnowledgeBase, tracker: Tracker, memory: Any) -> Dict[str, Any]:
    """A new draft prefilled from the conversation (see :mod:`izia.fsd.context`)."""
    context = conversation_context(
        knowledge, memory.subject, memory.item_id, memory.suggested, memory.entities, tracker.events
    )
    return fsd_form().start(context).to_dict()


def _draft(tracker: Tracker) -> Draft:
    return Draft.from_dict(tracker.get_slot(DRAFT_SLOT) or {})


class ValidateFsdForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_fsd_form"

    def validate_fsd_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text = str(value or "")
        if fold(text) in CANCEL_WORDS:
            return {ANSWER_SLOT: CANCELLED}
        form, draft = fsd_form(), _draft(tracker)
        question = form.next_question(draft)
        if question is None:
            return {ANSWER_SLOT: DONE}
        answer = form.answer(draft, question.field, text)
        if answer.message:
            dispatcher.utter_message(text=answer.message)
        complete = form.next_question(answer.draft) is None
        return {DRAFT_SLOT: answer.draft.to_dict(), ANSWER_SLOT: DONE if complete else None}


class ActionAskFsdAnswer(Action):
    def name(self) -> Text:
        return "action_ask_fsd_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        question = fsd_form().next_question(_draft(tracker))
        if question is not None:
            buttons = [{"title": option.title, "payload": option.value} for option in question.options]
            dispatcher.utter_message(text=question.text, buttons=buttons, json_message={"fsd_question": question.field})
        return []


class ActionFsdSubmit(Action):
    """Publishes the finished draft: text to paste, download links, the ministry's reminders."""

    def name(self) -> Text:
        return "action_fsd_submit"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.get_slot(ANSWER_SLOT) == CANCELLED:
            dispatcher.utter_message(text="Préparation de la fiche annulée. Que puis-je faire d'autre pour vous ?")
            return [SlotSet(DRAFT_SLOT, None), SlotSet(ANSWER_SLOT, None)]
        published = publish(fsd_form(), _draft(tracker), draft_store(), public_base_url())
        links = {kind: {"label": link.label, "url": link.url} for kind, link in published.links.items()}
        dispatcher.utter_message(
            text=f"Votre brouillon de Fiche Service Desk {published.draft.id} est prêt. Texte à coller dans le service desk :",
            json_message={"fsd": {"id": published.draft.id, "links": links}},
        )
        dispatcher.utter_message(text=published.paste_text)
        lines = [f"- {link['label']} : {link['url']}" for link in links.values()]
        dispatcher.utter_message(text="Téléchargements :\n" + "\n".join(lines))
        dispatcher.utter_message(text="À ne pas oublier :\n" + "\n".join(f"- {r}" for r in published.reminders))
        return [SlotSet(DRAFT_SLOT, None), SlotSet(ANSWER_SLOT, None)]
