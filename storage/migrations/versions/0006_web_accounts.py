"""The review pages: people who sign in (web_users), their sessions and sign-in attempts per address.

Idempotent, like the other revisions.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the three tables."""
    tables = set(sa.inspect(op.get_bind()).get_table_names())
    if "web_users" not in tables:
        op.create_table(
            "web_users",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(length=100), nullable=False),
            sa.Column("email", sa.String(length=254), nullable=False),
            sa.Column("role", sa.String(length=10), nullable=False),
            sa.Column("password_hash", sa.Text(), nullable=True),
            sa.Column("setup_token_hash", sa.String(length=64), nullable=True),
            sa.Column("setup_expires_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("failed_sign_ins", sa.Integer(), nullable=False),
            sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("last_sign_in_at", sa.DateTime(timezone=True), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("name"),
            sa.UniqueConstraint("setup_token_hash"),
        )
    if "web_sessions" not in tables:
        op.create_table(
            "web_sessions",
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("user_id", sa.Integer(), nullable=False),
            sa.Column("csrf", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("flash", sa.Text(), nullable=True),
            sa.ForeignKeyConstraint(["user_id"], ["web_users.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("token_hash"),
        )
        op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    if "web_sign_in_attempts" not in tables:
        op.create_table(
            "web_sign_in_attempts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("address", sa.String(length=64), nullable=False),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("ok", sa.Boolean(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_web_sign_in_attempts_address", "web_sign_in_attempts", ["address"])
        op.create_index("ix_web_sign_in_attempts_at", "web_sign_in_attempts", ["at"])


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_table("web_sign_in_attempts")
    op.drop_table("web_sessions")
    op.drop_table("web_users")
