"""The Concord store: SQLAlchemy 2.0 typed ORM tables.

Offsets (``start``/``end``) are Python string indices (code points) into ``Document.text``,
half-open: ``text[start:end]``. Relationships use ``lazy="raise"`` so a query that forgets to
load what it needs fails loudly instead of issuing one hidden query per row.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import datetime, timezone
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# A constraint naming convention keeps alembic batch migrations on SQLite deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def version_column() -> Mapped[int]:
    """A row's version counter (migration 0009): mapped as ``version_id_col``, so every ORM UPDATE or DELETE
    of the row checks it still holds the version that was read and bumps it (see ``coding.versions``)."""
    return mapped_column(Integer, nullable=False, server_default="1")


class Base(DeclarativeBase):
    # Every entity is declared with __tablename__, so its __table__ is a Table (insert/update, Table helpers);
    # SQLAlchemy types it as the wider FromClause, which also covers mapping a class to a select.
    __table__: ClassVar[Table]
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ProjectMeta(Base):
    """Key/value facts about the project (name, created_at, app that made it)."""

    __tablename__ = "project_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Case(Base):
    """A participant (or any unit of analysis) that documents belong to."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}

    documents: Mapped[list[Document]] = relationship(back_populates="case", lazy="raise")
    values: Mapped[list[AttributeValue]] = relationship(
        back_populates="case", lazy="raise", cascade="all, delete-orphan"
    )


class Document(Base):
    """An imported transcript. ``text`` is immutable once stored: codings point into it."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    source_name: Mapped[str] = mapped_column(String(1024))
    format: Mapped[str] = mapped_column(String(16))
    encoding: Mapped[str] = mapped_column(String(32), default="")
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    # Counts kept with the document so project summaries never scan the unit tables.
    char_count: Mapped[int] = mapped_column(Integer, default=0)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    sentence_count: Mapped[int] = mapped_column(Integer, default=0)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    case: Mapped[Case | None] = relationship(back_populates="documents", lazy="raise")
    # A covering index for project summaries: SQLite stores ``text`` inline, so reading the counts from
    # the table would walk every document's text pages.
    __table_args__ = (
        Index("ix_documents_totals", "language", "char_count", "word_count", "turn_count", "sentence_count"),
    )


class SpeakerTurn(Base):
    """A stretch of the transcript spoken by one speaker; ``content_start`` skips the label."""

    __tablename__ = "speaker_turns"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(128), default="")
    start: Mapped[int] = mapped_column(Integer)
    content_start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    __table_args__ = (Index("ix_speaker_turns_document_start", "document_id", "start"),)


class DocumentMetadata(Base):
    """One "key: value" line of the metadata block that opens a transcript (访谈编号：A01, Date: …).

    Found at import (``coding.importing.header``); ``text[start:end]`` is the line, which stays in the
    immutable text but belongs to no speaker turn.
    """

    __tablename__ = "document_metadata"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("document_id", "position", name="uq_document_metadata_document_position"),)


class Sentence(Base):
    __tablename__ = "sentences"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    turn_id: Mapped[int | None] = mapped_column(ForeignKey("speaker_turns.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    __table_args__ = (Index("ix_sentences_document_start", "document_id", "start"),)


class Code(Base):
    """A node of the codebook tree; its level is its depth (1 = top)."""

    __tablename__ = "codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(255))
    name_zh: Mapped[str] = mapped_column(String(255), default="")
    definition: Mapped[str] = mapped_column(Text, default="")
    definition_zh: Mapped[str] = mapped_column(Text, default="")
    include_rule: Mapped[str] = mapped_column(Text, default="")
    exclude_rule: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(9), default="#9e9e9e")
    shortcut: Mapped[str] = mapped_column(String(32), default="")
    is_codable: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}

    parent: Mapped[Code | None] = relationship(remote_side=[id], lazy="raise")


class Coder(Base):
    __tablename__ = "coders"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    is_consensus: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Coding(Base):
    """One coder's application of one code to ``text[start:end]`` of one document."""

    __tablename__ = "codings"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="RESTRICT"))
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="RESTRICT"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    memo: Mapped[str] = mapped_column(Text, default="")
    # For consensus codings: uuids of the codings a decision took them from.
    derived_from: Mapped[list[Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (
        Index("ix_codings_code_coder", "code_id", "coder_id"),
        Index("ix_codings_document_coder", "document_id", "coder_id", "start"),
        Index("ix_codings_coder_document", "coder_id", "document_id"),
    )


class Attribute(Base):
    """A variable of cases: alliance mode, role, gender, interview mode, date …"""

    __tablename__ = "attributes"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    value_type: Mapped[str] = mapped_column(String(16), default="text")  # text|number|date|boolean
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}


class AttributeValue(Base):
    __tablename__ = "attribute_values"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    attribute_id: Mapped[int] = mapped_column(ForeignKey("attributes.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="values", lazy="raise")
    attribute: Mapped[Attribute] = relationship(lazy="raise")
    __table_args__ = (Index("ix_attribute_values_attribute_value", "attribute_id", "value"),)


class DocumentGroup(Base):
    __tablename__ = "document_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


class DocumentGroupMember(Base):
    __tablename__ = "document_group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("document_groups.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


class Memo(Base):
    """A free-text note on the project, a document, a code, a case or a coding."""

    __tablename__ = "memos"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    target_kind: Mapped[str] = mapped_column(String(16))  # project|document|code|case|coding
    target_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(255), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}


class AuditEvent(Base):
    """Who changed what, when, with the values before and after."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(255), default="")
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_uuid: Mapped[str | None] = mapped_column(String(36))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # Hash chain (coding/audit.py): ``hash`` covers this event and ``prev_hash``, the hash of the event
    # before it. Both are set in the transaction that inserts the event; unique, so the chain cannot fork.
    prev_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)


class AgreementRun(Base):
    """One stored comparison of coders, with every parameter and a codebook snapshot."""

    __tablename__ = "agreement_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    label: Mapped[str] = mapped_column(String(255), default="")
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    codebook_snapshot: Mapped[list[Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    # The figures per document, packed as columns (coding/agreement/figure_table.py, migration 0008): at scale a
    # run has hundreds of thousands of them, too many for a row each. Deferred: listing runs never reads it.
    document_figures: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    document_figure_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AgreementResult(Base):
    """One figure of a run: a measure for a code (or level) × document × coder pair."""

    __tablename__ = "agreement_results"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("agreement_runs.id", ondelete="CASCADE"), index=True)
    code_uuid: Mapped[str | None] = mapped_column(String(36))  # None = pooled over codes
    code_name: Mapped[str] = mapped_column(String(255), default="")
    level: Mapped[int | None] = mapped_column(Integer)
    document_uuid: Mapped[str | None] = mapped_column(String(36))  # None = all documents
    coder_a: Mapped[str | None] = mapped_column(String(255))  # None = all chosen coders
    coder_b: Mapped[str | None] = mapped_column(String(255))
    measure: Mapped[str] = mapped_column(String(32))
    units: Mapped[str] = mapped_column(String(16), default="all")  # all | coded
    value: Mapped[float | None] = mapped_column(Float)
    n_units: Mapped[int] = mapped_column(Integer, default=0)
    ci_low: Mapped[float | None] = mapped_column(Float)
    ci_high: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")


class ConsensusDecision(Base):
    """One adjudicated disagreement: what was decided, by whom, when and why."""

    __tablename__ = "consensus_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))  # take_a|take_b|both|neither|edit
    decided_by: Mapped[str] = mapped_column(String(255), default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    rationale: Mapped[str] = mapped_column(Text, default="")
    source_codings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    result_codings: Mapped[list[Any]] = mapped_column(JSON, default=list)


class MatrixCellSummary(Base):
    """The researcher's written summary in one cell of a framework matrix."""

    __tablename__ = "matrix_cell_summaries"
    id: Mapped[int] = mapped_column(primary_key=True)
    code_uuid: Mapped[str] = mapped_column(String(36))
    column_key: Mapped[str] = mapped_column(String(512))  # "case:<uuid>" or "attribute:<name>=<value>"
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("code_uuid", "column_key", name="uq_matrix_cell"),)


class CodingSnapshot(Base):
    """A frozen copy of one coder's codings, for intra-coder (test-retest) agreement."""

    __tablename__ = "coding_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # [[document_uuid, code_uuid, start, end], ...]
    codings: Mapped[list[Any]] = mapped_column(JSON, default=list)


class Assignment(Base):
    """Which coder codes which document, and whether they are done with it.

    "In progress" is not stored: it is an assigned document in which the coder has codings
    (``coding.team.assignments``). Marking done a document nobody assigned creates the row as done.
    """

    __tablename__ = "assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="assigned")  # assigned | done
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (
        UniqueConstraint("document_id", "coder_id", name="uq_assignments_document_coder"),
        CheckConstraint("status IN ('assigned', 'done')", name="status"),
    )


# -- content analysis and machine coding (migration 0010) ---------------------------------------------------


class Dictionary(Base):
    """A WordStat-style dictionary: a tree of categories, each with word, lemma, wildcard, phrase and
    proximity entries (``coding.autocode.dictionaries``). ``language`` "" matches documents in any language."""

    __tablename__ = "dictionaries"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    language: Mapped[str] = mapped_column(String(8), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}


class DictionaryCategory(Base):
    """One category of a dictionary; ``code_id`` names the code its hits are autocoded to (None: not linked)."""

    __tablename__ = "dictionary_categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dictionary_id: Mapped[int] = mapped_column(ForeignKey("dictionaries.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("dictionary_categories.id", ondelete="CASCADE"),
                                                  index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(255))
    code_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id", ondelete="SET NULL"))


class DictionaryEntry(Base):
    """One pattern of a category, in the dictionary text format: ``word``, ``referr*``, ``"a phrase"``,
    ``budget NEAR/5 hospital``; an exclusion (``NOT`` list) keeps a hit of this category from counting."""

    __tablename__ = "dictionary_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("dictionary_categories.id", ondelete="CASCADE"),
                                             index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    pattern: Mapped[str] = mapped_column(Text)
    is_exclusion: Mapped[bool] = mapped_column(Boolean, default=False)


class MachineModel(Base):
    """A trained machine coder (or a configured endpoint engine) and what a paper needs to report it:
    whose codings it learned from, at which unit, a hash of that training data, and its cross-validated
    evaluation. Its codings are made under its own coder row (``coder_id``), e.g. "Machine (Lin)"."""

    __tablename__ = "machine_models"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id", ondelete="SET NULL"))
    engine: Mapped[str] = mapped_column(String(32))  # spacy-textcat | endpoint
    trained_from: Mapped[str] = mapped_column(String(255), default="")
    unit: Mapped[str] = mapped_column(String(16), default="sentence")  # sentence | turn
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    data_hash: Mapped[str] = mapped_column(String(64), default="")
    evaluation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model_data: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MachineSuggestion(Base):
    """One code a machine coder suggests for a passage, waiting for a human's decision. An accepted
    suggestion becomes a coding of the deciding coder (``coding_uuid``): its provenance is this row."""

    __tablename__ = "machine_suggestions"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    model_id: Mapped[int] = mapped_column(ForeignKey("machine_models.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | accepted | rejected
    decided_by: Mapped[str] = mapped_column(String(255), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    coding_uuid: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    __table_args__ = (CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name="status"),)


# -- sources: originals, pages, times and recordings (migration 0010) ------------------------------------------


class DocumentOriginal(Base):
    """The bytes of the file a document was imported from (docx, pdf, ...), kept beside its normalised text."""

    __tablename__ = "document_originals"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    filename: Mapped[str] = mapped_column(String(1024))
    media_type: Mapped[str] = mapped_column(String(128), default="application/octet-stream")
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class DocumentPage(Base):
    """Where a page of the original (a PDF's) begins and ends in the document's text; ``label`` as printed."""

    __tablename__ = "document_pages"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(32), default="")
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("document_id", "position", name="uq_document_pages_document_position"),)


class TurnTime(Base):
    """When a speaker turn is said in the recording (subtitles, ``[00:12:03]`` transcripts), in milliseconds."""

    __tablename__ = "turn_times"
    turn_id: Mapped[int] = mapped_column(ForeignKey("speaker_turns.id", ondelete="CASCADE"), primary_key=True)
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int | None] = mapped_column(Integer, default=None)


class MediaLink(Base):
    """The recording a transcript was made from: a path on the researcher's computer (recordings are large
    and confidential, so the project keeps where it is, not its bytes) and the recording's offset."""

    __tablename__ = "media_links"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    path: Mapped[str] = mapped_column(String(2048))
    media_type: Mapped[str] = mapped_column(String(128), default="")
    duration_ms: Mapped[int | None] = mapped_column(Integer, default=None)
    offset_ms: Mapped[int] = mapped_column(Integer, default=0)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ExchangeAttribute(Base):
    """What a REFI-QDA file said about an entity that Concord has no column for, kept verbatim for the next export.

    ``entity_kind`` names the table the entity lives in (``coder``, ``code``, ``document``, ``coding``, ``memo``,
    ``attribute``, ``project``); ``entity_uuid`` its uuid ("" for the project). No foreign key: the row is
    read only when its entity is exported, so one left behind by a deleted entity is never written anywhere.
    """

    __tablename__ = "exchange_attributes"
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_kind: Mapped[str] = mapped_column(String(32))
    entity_uuid: Mapped[str] = mapped_column(String(36), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    __table_args__ = (UniqueConstraint("entity_kind", "entity_uuid", name="uq_exchange_attributes_entity"),)


__all__ = [
    "ExchangeAttribute",
    "ConsensusDecision",
    "MatrixCellSummary",
    "CodingSnapshot",
    "Base",
    "ProjectMeta",
    "Case",
    "Document",
    "SpeakerTurn",
    "DocumentMetadata",
    "Sentence",
    "Code",
    "Coder",
    "Coding",
    "Attribute",
    "AttributeValue",
    "DocumentGroup",
    "DocumentGroupMember",
    "Memo",
    "AuditEvent",
    "AgreementRun",
    "AgreementResult",
    "utcnow",
    "new_uuid",
    "Assignment",
    "Dictionary",
    "DictionaryCategory",
    "DictionaryEntry",
    "MachineModel",
    "MachineSuggestion",
    "DocumentOriginal",
    "DocumentPage",
    "TurnTime",
    "MediaLink",
]
