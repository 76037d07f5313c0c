"""Stored drafts: one SQLite row per draft, its files in a folder named after its id.

Drafts must outlive a restart of the bot and be listed by support staff, so every save is
committed before it returns; the files are written first, so a stored row never points at a
missing file. Ids carry 80 random bits: a download link can be shared, not guessed.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import List, Mapping, Optional

from izia.fsd.downloads import FILES
from izia.fsd.draft import Draft
from izia.paths import DATA_DIR

DEFAULT_ROOT = DATA_DIR / "fsd"
DATABASE = "fsd.db"
_ID = re.compile(r"^FSD-\d{8}-[a-z2-7]{16}$")
_SCHEMA = "CREATE TABLE IF NOT EXISTS drafts (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, document TEXT NOT NULL)"


def is_draft_id(text: str) -> bool:
    """Only well-formed ids reach the file system, so no URL can name another path."""
    return bool(_ID.match(text))


class DraftStore:
    def __init__(self, root: Path = DEFAULT_ROOT) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as connection, connection:
            connection.execute(_SCHEMA)

    @staticmethod
    def new_id(now: datetime) -> str:
        """``FSD-<date>-<16 random base32 characters>``: sortable by day, unguessable."""
        token = base64.b32encode(secrets.token_bytes(10)).decode("ascii").lower()
        return f"FSD-{now:%Y%m%d}-{token}"

    def save(self, draft: Draft, files: Mapping[str, bytes]) -> None:
        """Writes ``files`` (kind -> content) then the draft; a re-save replaces both."""
        if not is_draft_id(draft.id) or not draft.created_at:
            raise ValueError(f"brouillon sans identifiant ni date valables : « {draft.id} »")
        folder = self.root / draft.id
        folder.mkdir(exist_ok=True)
        for kind, content in files.items():
            _write_durably(folder / FILES[kind].filename, content)
        for kind, file in FILES.items():
            if kind not in files:
                (folder / file.filename).unlink(missing_ok=True)
        document = json.dumps(draft.to_dict(), ensure_ascii=False)
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT OR REPLACE INTO drafts (id, created_at, document) VALUES (?, ?, ?)",
                (draft.id, draft.created_at, document),
            )

    def get(self, draft_id: str) -> Optional[Draft]:
        if not is_draft_id(draft_id):
            return None
        with closing(self._connect()) as connection:
            row = connection.execute("SELECT document FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        return Draft.from_dict(json.loads(row[0])) if row else None

    def list(self) -> List[Draft]:
        """Newest first."""
        with closing(self._connect()) as connection:
            rows = connection.execute("SELECT document FROM drafts ORDER BY created_at DESC, id").fetchall()
        return [Draft.from_dict(json.loads(document)) for (document,) in rows]

    def file(self, draft_id: str, kind: str) -> Optional[Path]:
        """The stored file of that kind, or ``None`` if the draft or the file does not exist."""
        if not is_draft_id(draft_id) or kind not in FILES:
            return None
        path = self.root / draft_id / FILES[kind].filename
        return path if path.is_file() else None

    def purge(self, before: datetime) -> int:
        """Deletes the drafts created before ``before``: their row first, then their files."""
        with closing(self._connect()) as connection, connection:
            stale = [
                row[0]
                for row in connection.execute(
                    "SELECT id FROM drafts WHERE created_at < ?", (before.isoformat(timespec="seconds"),)
                )
            ]
            connection.executemany("DELETE FROM drafts WHERE id = ?", [(draft_id,) for draft_id in stale])
        for draft_id in stale:
            shutil.rmtree(self.root / draft_id, ignore_errors=True)
        return len(stale)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.root / DATABASE, timeout=10)


def _write_durably(path: Path, content: bytes) -> None:
    """Write, flush to disk, then rename: a crash leaves the old file or the new, never half."""
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as output:
        output.write(content)
        output.flush()
        os.fsync(output.fileno())
    os.replace(temporary, path)
