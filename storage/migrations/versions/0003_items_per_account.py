"""Items are identified per account: (account, platform, external id), not (platform, external id).

Two accounts may hold items with the same external id (two file feeds, or two Pages seeing one
shared id): each gets its own stored item. Existing rows keep their account and stay as they are;
the old constraint was stricter than the new one, so no existing data can violate it.

SQLite cannot drop a constraint in place: batch mode rebuilds the table, and other tables'
foreign keys point at ``items.id``. SQLite's own procedure for that is to switch foreign-key
enforcement off, which it allows only outside a transaction: so on SQLite the work done so far
(earlier revisions) is committed first, enforcement is off while the table is rebuilt, the
result is checked with ``PRAGMA foreign_key_check`` and enforcement is switched on again. The
upgrade is idempotent, so a crash before Alembic records the revision is repaired at the next start.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD, NEW = "uq_items_platform_external", "uq_items_account_platform_external"


def _constraints() -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_unique_constraints("items")}


@contextmanager
def _rebuilding() -> Iterator[None]:
    """On SQLite: foreign-key enforcement off (outside any transaction) around the table rebuild."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    dbapi = bind.connection.dbapi_connection
    dbapi.commit()
    dbapi.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = dbapi.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            dbapi.rollback()
            raise RuntimeError(f"rebuilding items broke {len(broken)} foreign key(s); nothing was changed")
        dbapi.commit()
    finally:
        dbapi.execute("PRAGMA foreign_keys=ON")


def _swap(old: str, new: str, columns: list[str]) -> None:
    if old not in _constraints():  # already done (a crash after the rebuild, before Alembic's record)
        return
    with _rebuilding(), op.batch_alter_table("items") as batch:
        batch.drop_constraint(old, type_="unique")
        batch.create_unique_constraint(new, columns)


def upgrade() -> None:
    """Apply."""
    _swap(OLD, NEW, ["account_id", "platform", "external_id"])


def downgrade() -> None:
    """Revert (fails while two accounts hold the same external id on one platform)."""
    _swap(NEW, OLD, ["platform", "external_id"])
