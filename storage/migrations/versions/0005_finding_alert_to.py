"""Whom each finding alerts at once, as the policy decided it when the finding was made.

``findings.alert_to`` holds the audiences, comma-separated ("dsl", "dsl,smt"), or "" for none; the reporter
sends alerts from it, so a decision's confidence threshold (``alert_min_score``) and the child-safety rule (the
DSL always) reach the e-mail. Rows made before this revision hold NULL and keep the old rule: the label's
audiences from its minimum severity. Idempotent, like the other revisions.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``findings.alert_to``."""
    inspector = sa.inspect(op.get_bind())
    if "alert_to" not in {c["name"] for c in inspector.get_columns("findings")}:
        op.add_column("findings", sa.Column("alert_to", sa.String(40), nullable=True))


def downgrade() -> None:
    """Drop ``findings.alert_to``."""
    op.drop_column("findings", "alert_to")
