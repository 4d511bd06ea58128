"""Tenancy: every account, item, digest and e-mail belongs to exactly one school (``school``, its slug).

Existing rows are filled with the slug of the school the configuration names (``storage.db.migrate`` hands it
over; "default" when run from the alembic command line): before this revision a database held one school.
Findings, holds, actions and runs reach their school through their item or account. Idempotent, like the
other revisions.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = ("accounts", "items", "digests", "report_mail")


def upgrade() -> None:
    """Add ``school`` (indexed) to each table, filled with the configuration's school."""
    slug = context.config.attributes.get("school", "default")
    inspector = sa.inspect(op.get_bind())
    for table in TABLES:
        if "school" in {c["name"] for c in inspector.get_columns(table)}:
            continue
        op.add_column(table, sa.Column("school", sa.String(40), nullable=False, server_default=slug))
        op.create_index(f"ix_{table}_school", table, ["school"])


def downgrade() -> None:
    """Drop the columns (every school's rows stay, no longer told apart)."""
    for table in TABLES:
        op.drop_index(f"ix_{table}_school", table_name=table)
        op.drop_column(table, "school")
