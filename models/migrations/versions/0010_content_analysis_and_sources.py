"""content analysis, machine coding and richer sources: dictionaries, machine coders and their suggestions,
original files, PDF pages, turn times and linked recordings

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 14:00:00

New tables only; nothing existing changes. Dictionaries (a category tree with pattern entries) and machine
coders (a trained model with its training-data hash and evaluation; suggestions awaiting review) serve content
analysis and autocoding; ``document_originals`` keeps an imported file's bytes, ``document_pages`` where a PDF's
pages fall in the text, ``turn_times`` when a timed turn is said, ``media_links`` the recording a transcript
belongs to. Runs inside alembic's one transaction like every Concord migration; ``downgrade`` drops the tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dictionaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dictionaries")),
        sa.UniqueConstraint("name", name=op.f("uq_dictionaries_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dictionaries_uuid")),
    )
    op.create_table(
        "dictionary_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("dictionary_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["code_id"], ["codes.id"], name=op.f("fk_dictionary_categories_code_id_codes"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["dictionary_id"],
            ["dictionaries.id"],
            name=op.f("fk_dictionary_categories_dictionary_id_dictionaries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["dictionary_categories.id"],
            name=op.f("fk_dictionary_categories_parent_id_dictionary_categories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dictionary_categories")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dictionary_categories_uuid")),
    )
    op.create_index(
        op.f("ix_dictionary_categories_dictionary_id"), "dictionary_categories", ["dictionary_id"], unique=False
    )
    op.create_index(op.f("ix_dictionary_categories_parent_id"), "dictionary_categories", ["parent_id"], unique=False)
    op.create_table(
        "machine_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=True),
        sa.Column("engine", sa.String(length=32), nullable=False),
        sa.Column("trained_from", sa.String(length=255), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("data_hash", sa.String(length=64), nullable=False),
        sa.Column("evaluation", sa.JSON(), nullable=False),
        sa.Column("model_data", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coder_id"], ["coders.id"], name=op.f("fk_machine_models_coder_id_coders"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_models")),
        sa.UniqueConstraint("name", name=op.f("uq_machine_models_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_machine_models_uuid")),
    )
    op.create_table(
        "dictionary_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("pattern", sa.Text(), nullable=False),
        sa.Column("is_exclusion", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["dictionary_categories.id"],
            name=op.f("fk_dictionary_entries_category_id_dictionary_categories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dictionary_entries")),
    )
    op.create_index(op.f("ix_dictionary_entries_category_id"), "dictionary_entries", ["category_id"], unique=False)
    op.create_table(
        "document_originals",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=1024), nullable=False),
        sa.Column("media_type", sa.String(length=128), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_originals_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_originals")),
    )
    op.create_table(
        "document_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_pages_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_pages")),
        sa.UniqueConstraint("document_id", "position", name="uq_document_pages_document_position"),
    )
    op.create_table(
        "machine_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=255), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("coding_uuid", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name=op.f("ck_machine_suggestions_status")),
        sa.ForeignKeyConstraint(
            ["code_id"], ["codes.id"], name=op.f("fk_machine_suggestions_code_id_codes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_machine_suggestions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["machine_models.id"],
            name=op.f("fk_machine_suggestions_model_id_machine_models"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_suggestions")),
        sa.UniqueConstraint("uuid", name=op.f("uq_machine_suggestions_uuid")),
    )
    op.create_index(op.f("ix_machine_suggestions_coding_uuid"), "machine_suggestions", ["coding_uuid"], unique=False)
    op.create_index(op.f("ix_machine_suggestions_document_id"), "machine_suggestions", ["document_id"], unique=False)
    op.create_index(op.f("ix_machine_suggestions_model_id"), "machine_suggestions", ["model_id"], unique=False)
    op.create_table(
        "media_links",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=2048), nullable=False),
        sa.Column("media_type", sa.String(length=128), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("offset_ms", sa.Integer(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_media_links_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_media_links")),
    )
    op.create_table(
        "turn_times",
        sa.Column("turn_id", sa.Integer(), nullable=False),
        sa.Column("start_ms", sa.Integer(), nullable=False),
        sa.Column("end_ms", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["turn_id"], ["speaker_turns.id"], name=op.f("fk_turn_times_turn_id_speaker_turns"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("turn_id", name=op.f("pk_turn_times")),
    )


def downgrade() -> None:
    op.drop_table("turn_times")
    op.drop_table("media_links")
    op.drop_index(op.f("ix_machine_suggestions_model_id"), table_name="machine_suggestions")
    op.drop_index(op.f("ix_machine_suggestions_document_id"), table_name="machine_suggestions")
    op.drop_index(op.f("ix_machine_suggestions_coding_uuid"), table_name="machine_suggestions")
    op.drop_table("machine_suggestions")
    op.drop_table("document_pages")
    op.drop_table("document_originals")
    op.drop_index(op.f("ix_dictionary_entries_category_id"), table_name="dictionary_entries")
    op.drop_table("dictionary_entries")
    op.drop_table("machine_models")
    op.drop_index(op.f("ix_dictionary_categories_parent_id"), table_name="dictionary_categories")
    op.drop_index(op.f("ix_dictionary_categories_dictionary_id"), table_name="dictionary_categories")
    op.drop_table("dictionary_categories")
    op.drop_table("dictionaries")
