"""The Fiche Service Desk (FSD) IZIA prepares when it cannot answer: pure Python, no Rasa.

The dialogue starts a draft from what the conversation knows (:meth:`FsdForm.start`), asks
:meth:`FsdForm.next_question` until it returns ``None``, feeds each reply to
:meth:`FsdForm.answer`, then calls :func:`publish`. The rules and texts come from
``knowledge/fsd.yml`` (:func:`load_fsd_settings`).
"""

from izia.fsd.answers import Answer, Option, Question
from izia.fsd.downloads import CHANNEL_NAME, FILES, download_links, public_base_url
from izia.fsd.draft import BOT, USER, Draft, ProposedItem, TranscriptLine
from izia.fsd.form import ConversationContext, FsdForm
from izia.fsd.loader import FsdSettingsInvalid, load_fsd_settings
from izia.fsd.pieces import Piece
from izia.fsd.publish import DraftIncomplete, Link, Published, publish
from izia.fsd.settings import FsdSettings
from izia.fsd.store import DraftStore

__all__ = [
    "BOT",
    "CHANNEL_NAME",
    "FILES",
    "USER",
    "Answer",
    "ConversationContext",
    "Draft",
    "DraftIncomplete",
    "DraftStore",
    "FsdForm",
    "FsdSettings",
    "FsdSettingsInvalid",
    "Link",
    "Option",
    "Piece",
    "ProposedItem",
    "Published",
    "Question",
    "TranscriptLine",
    "download_links",
    "load_fsd_settings",
    "public_base_url",
    "publish",
]
