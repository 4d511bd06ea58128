"""Roles per school on the review pages.

``web_roles`` (a person's role on one school, or on all: "*"), ``web_audit_schools`` (the schools an audit event
about people belongs to) and the school chosen in a session (``web_sessions.school``).

Every existing person keeps exactly the access they had: their one role becomes a role on all schools. A person
who signs in with OpenID Connect keeps the role their last sign-in gave them (source "oidc", replaced at the
next sign-in), and the role an administrator gave them before it (``web_identities.admin_role``) becomes an
administrator's role on all schools, as it was used before. ``web_users.role`` stays, as a summary. Idempotent,
like the other revisions.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the two tables, add ``web_sessions.school``, and give every person their role on all schools."""
    inspector = sa.inspect(op.get_bind())
    tables = set(inspector.get_table_names())
    if "web_roles" not in tables:
        op.create_table(
            "web_roles",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("user_id", sa.Integer(), nullable=False),
            sa.Column("school", sa.String(length=40), nullable=False),
            sa.Column("role", sa.String(length=10), nullable=False),
            sa.Column("source", sa.String(length=10), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint(["user_id"], ["web_users.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("user_id", "school", "source"),
        )
        op.create_index("ix_web_roles_user_id", "web_roles", ["user_id"])
        _keep_access()
    if "web_audit_schools" not in tables:
        op.create_table(
            "web_audit_schools",
            sa.Column("audit_id", sa.Integer(), nullable=False),
            sa.Column("school", sa.String(length=40), nullable=False),
            sa.ForeignKeyConstraint(["audit_id"], ["audit.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("audit_id", "school"),
        )
        op.create_index("ix_web_audit_schools_school", "web_audit_schools", ["school"])
    if "school" not in {c["name"] for c in inspector.get_columns("web_sessions")}:
        op.add_column("web_sessions", sa.Column("school", sa.String(length=40), nullable=True))


def _keep_access() -> None:
    """Each person's one role, on all schools: an administrator's, or their last OpenID Connect sign-in's."""
    bind = op.get_bind()
    linked = "SELECT user_id FROM web_identities"
    bind.execute(sa.text(
        "INSERT INTO web_roles (user_id, school, role, source, created_at) "
        f"SELECT id, '*', role, CASE WHEN id IN ({linked}) THEN 'oidc' ELSE 'admin' END, CURRENT_TIMESTAMP "
        "FROM web_users"))
    bind.execute(sa.text(
        "INSERT INTO web_roles (user_id, school, role, source, created_at) "
        "SELECT user_id, '*', MIN(admin_role), 'admin', CURRENT_TIMESTAMP FROM web_identities "
        "WHERE admin_role IS NOT NULL GROUP BY user_id"))


def downgrade() -> None:
    """Drop the tables and the column (each person is left with ``web_users.role`` on everything)."""
    op.drop_column("web_sessions", "school")
    op.drop_table("web_audit_schools")
    op.drop_table("web_roles")
