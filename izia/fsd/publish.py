"""Turns a complete draft into a stored request: id, files, text to paste and download links.

This is the one step that writes: everything before it works on immutable drafts in the
conversation, everything after it reads the store.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Dict, List, Optional

from izia.fsd.certificate import render_certificate
from izia.fsd.downloads import CA, FILES, JSON, XLSX, download_links
from izia.fsd.draft import Draft
from izia.fsd.export import render_json
from izia.fsd.form import FsdForm
from izia.fsd.paste import render_paste_text
from izia.fsd.rules import draft_needs_certificate, needs_workbook, reminders_for
from izia.fsd.store import DraftStore
from izia.fsd.workbook import render_workbook


class DraftIncomplete(ValueError):
    """Raised with the French reasons a draft cannot be published yet."""

    def __init__(self, problems: List[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Published:
    draft: Draft
    paste_text: str
    links: Dict[str, Link]  # kind ("json", "xlsx", "ca") -> link
    reminders: List[str]


def publish(form: FsdForm, draft: Draft, store: DraftStore, base_url: str, now: Optional[datetime] = None) -> Published:
    """Stores ``draft`` with its files; a draft that already has an id keeps it and is replaced.

    Raises :class:`DraftIncomplete` while :meth:`FsdForm.problems` reports anything.
    """
    problems = form.problems(draft)
    if problems:
        raise DraftIncomplete(problems)
    settings = form.settings
    now = now or datetime.now()
    wanted = {XLSX: needs_workbook(settings, len(draft.pieces)), CA: draft_needs_certificate(settings, draft)}
    attachments = tuple(kind for kind, needed in wanted.items() if needed)
    draft = replace(
        draft,
        id=draft.id or store.new_id(now),
        created_at=draft.created_at or now.isoformat(timespec="seconds"),
        attachments=attachments,
    )
    files = {JSON: render_json(settings, draft)}
    if XLSX in attachments:
        files[XLSX] = render_workbook(draft)
    if CA in attachments:
        files[CA] = render_certificate(settings, draft)
    store.save(draft, files)
    links = {kind: Link(FILES[kind].label, url) for kind, url in download_links(base_url, draft).items()}
    return Published(draft, render_paste_text(settings, draft), links, reminders_for(settings, draft))
