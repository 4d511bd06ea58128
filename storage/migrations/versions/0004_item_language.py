"""Each item's detected language, and items held because their language is not understood.

``items.language`` holds the analysed text's language (ISO 639-1, "und" when undetermined);
``language_holds`` holds one row per item version held for a person to read. The upgrade is
idempotent (each step checks what exists), so two processes starting at once, or a crash before
Alembic records the revision, leave a complete schema.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``items.language`` and the ``language_holds`` table."""
    inspector = sa.inspect(op.get_bind())
    if "language" not in {c["name"] for c in inspector.get_columns("items")}:
        op.add_column("items", sa.Column("language", sa.String(12), nullable=True))
    if not inspector.has_table("language_holds"):
        op.create_table(
            "language_holds",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("item_id", sa.Integer(), sa.ForeignKey("items.id"), nullable=False),
            sa.Column("language", sa.String(12), nullable=False),
            sa.Column("confidence", sa.Float(), nullable=False),
            sa.Column("reason", sa.Text(), nullable=False),
            sa.Column("content_hash", sa.String(64), nullable=False),
            sa.Column("review_status", sa.String(12), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index("ix_language_holds_item_id", "language_holds", ["item_id"])
        op.create_index("ix_language_holds_review_status", "language_holds", ["review_status"])
        op.create_index("ix_language_holds_created_at", "language_holds", ["created_at"])


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("language_holds")
    with op.batch_alter_table("items") as batch:
        batch.drop_column("language")
