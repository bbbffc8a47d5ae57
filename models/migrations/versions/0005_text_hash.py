"""documents are identified by the hash of their normalised text, not of the file they came from

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 04:00:00

Until now ``documents.sha256`` held the hash of the imported file's bytes (.txt/.docx import) or
of the text (REFI-QDA import), so the same transcript with LF and with CRLF line ends became two
documents, and a REFI-QDA round trip of such a project lost the codings of one of them. From
now on it is the hash of the normalised text (``coding.importing.store.text_sha256``), whichever
way a document came in. This data migration recomputes it for every document.

Twins already in a project (same normalised text, made by older versions) stay as they are:
the oldest keeps the text hash (or the one already holding it), each other keeps the hash it
had — the column is unique, and an old file hash cannot equal another document's text hash
unless the two are twins. Nothing else changes; exports write twins as two sources, and a REFI
import merges them, codings included.

``_normalise`` is a frozen copy of ``coding.importing.normalise.normalise_text`` as of this
revision (a migration must not change when the application does);
``tests/core/test_refi_duplicates.py`` upgrades an old project and checks every hash against the
application's ``text_sha256``, so a drift shows. Runs on ``op.get_bind()`` inside alembic's
transaction, reading texts in batches so a project of thousands of interviews needs little memory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH_SIZE = 200  # documents whose texts are in memory at once

documents = sa.table(
    "documents",
    sa.column("id", sa.Integer),
    sa.column("uuid", sa.String),
    sa.column("sha256", sa.String),
    sa.column("text", sa.Text),
)

_BOM = "\ufeff"
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _normalise(text: str) -> str:
    text = "\n".join(text.replace(_BOM, "").splitlines())
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


def _text_hash(text: str) -> str:
    return hashlib.sha256(_normalise(text).encode("utf-8", errors="surrogatepass")).hexdigest()


class _Row:  # not a dataclass: alembic loads this module outside sys.modules, which dataclasses need
    __slots__ = ("id", "new", "old", "text_hash", "uuid")

    def __init__(self, id: int, uuid: str, old: str, text_hash: str) -> None:
        self.id, self.uuid, self.old, self.text_hash, self.new = id, uuid, old, text_hash, ""


def _rows(bind: sa.Connection) -> list[_Row]:
    ids = [row.id for row in bind.execute(sa.select(documents.c.id).order_by(documents.c.id))]
    rows: list[_Row] = []
    for index in range(0, len(ids), BATCH_SIZE):
        batch = ids[index : index + BATCH_SIZE]
        query = sa.select(documents.c.id, documents.c.uuid, documents.c.sha256, documents.c.text).where(
            documents.c.id.in_(batch)
        )
        for row in bind.execute(query.order_by(documents.c.id)):
            rows.append(_Row(row.id, row.uuid, row.sha256, _text_hash(row.text or "")))
    return rows


def _assign(rows: list[_Row]) -> None:
    """The text hash for one document per text; twins keep what they had (or a stand-in if that is taken)."""
    by_text: dict[str, list[_Row]] = {}
    for row in rows:
        by_text.setdefault(row.text_hash, []).append(row)
    for twins in by_text.values():
        keeper = next((row for row in twins if row.old == row.text_hash), twins[0])
        keeper.new = keeper.text_hash
    taken = {row.new for row in rows if row.new}
    for row in rows:
        if row.new:
            continue
        row.new = row.old
        if row.new in taken:
            row.new = hashlib.sha256(f"concord-twin:{row.uuid}".encode()).hexdigest()
        taken.add(row.new)


def upgrade() -> None:
    bind = op.get_bind()
    rows = _rows(bind)
    _assign(rows)
    changed = [row for row in rows if row.new != row.old]
    update = documents.update().where(documents.c.id == sa.bindparam("row_id")).values(sha256=sa.bindparam("value"))
    if changed:  # two passes: a hash may move from one row to another (the column is unique)
        bind.execute(update, [{"row_id": row.id, "value": f"migrating-{row.id}"} for row in changed])
        bind.execute(update, [{"row_id": row.id, "value": row.new} for row in changed])


def downgrade() -> None:
    """The file hashes are not kept: text hashes stay, which older versions read as any other hash."""
