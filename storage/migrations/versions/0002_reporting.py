"""Reporting: outgoing mail and alert deliveries.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    op.create_table(
        "report_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_to", sa.Text(), nullable=True),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["digest_id"], ["digests.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
        sa.UniqueConstraint("message_id"),
    )
    op.create_index("ix_report_mail_status", "report_mail", ["status"])
    op.create_index("ix_report_mail_digest_id", "report_mail", ["digest_id"])
    op.create_table(
        "alert_deliveries",
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("mail_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["finding_id"], ["findings.id"]),
        sa.ForeignKeyConstraint(["mail_id"], ["report_mail.id"]),
        sa.PrimaryKeyConstraint("finding_id", "audience"),
    )
    op.create_index("ix_alert_deliveries_mail_id", "alert_deliveries", ["mail_id"])


def downgrade() -> None:
    """Revert."""
    op.drop_index("ix_alert_deliveries_mail_id", table_name="alert_deliveries")
    op.drop_table("alert_deliveries")
    op.drop_index("ix_report_mail_digest_id", table_name="report_mail")
    op.drop_index("ix_report_mail_status", table_name="report_mail")
    op.drop_table("report_mail")
