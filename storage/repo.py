"""The few queries the rest of the daemon needs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.items import Item
from storage.models import DEFAULT_SCHOOL, AccountRow, ActionRow, AuditRow, CursorRow, FindingRow, ItemRow, utcnow


class SchoolMismatch(Exception):
    """The configuration puts an account in another school than the one its stored history belongs to."""


def ensure_account(s: Session, name: str, platform: str, external_id: str,
                   school: str = DEFAULT_SCHOOL) -> AccountRow:
    """The account's row, created on first sight in ``school``; an account never changes school."""
    row = s.scalar(select(AccountRow).where(AccountRow.name == name))
    if row is None:
        row = AccountRow(name=name, platform=platform, external_id=external_id, school=school)
        s.add(row)
        s.flush()
    elif row.school != school:
        raise SchoolMismatch(f"account {name}: its history belongs to school {row.school!r} but the configuration "
                             f"puts it in {school!r}; give the school its former slug, or the account a new name")
    else:
        row.platform, row.external_id = platform, external_id
    return row


def get_cursor(s: Session, account_id: int, stream: str = "main") -> dict | None:
    """The stored cursor, or None before the first poll."""
    row = s.get(CursorRow, (account_id, stream))
    return dict(row.value) if row else None


def set_cursor(s: Session, account_id: int, value: dict, stream: str = "main") -> None:
    """Move the cursor (inside the caller's transaction, with the batch it covers)."""
    row = s.get(CursorRow, (account_id, stream))
    if row is None:
        s.add(CursorRow(account_id=account_id, stream=stream, value=value))
    else:
        row.value = value
        row.updated_at = utcnow()


def existing_items(s: Session, platform: str, external_ids: list[str], *, account_id: int) -> dict[str, ItemRow]:
    """The stored items of one account with these ids (ids are per account)."""
    out: dict[str, ItemRow] = {}
    for start in range(0, len(external_ids), 500):
        chunk = external_ids[start:start + 500]
        q = select(ItemRow).where(ItemRow.account_id == account_id, ItemRow.platform == platform,
                                  ItemRow.external_id.in_(chunk))
        out.update({r.external_id: r for r in s.scalars(q)})
    return out


def _own_row(s: Session, account_id: int, item: Item, row: ItemRow | None) -> ItemRow | None:
    """``row`` when it is this account's stored copy of the item, else the account's own row (or None)."""
    if row is not None and row.account_id == account_id:
        return row
    if row is None:
        return None
    return s.scalar(select(ItemRow).where(ItemRow.account_id == account_id, ItemRow.platform == item.platform,
                                          ItemRow.external_id == item.external_id))


def upsert_item(s: Session, account_id: int, item: Item, row: ItemRow | None, flush: bool = True) -> ItemRow:
    """Store a new item or update an edited one ((account, platform, external id) is unique).

    ``row`` is what ``existing_items`` found; a row of another account with the same id is
    never updated: this account gets its own. ``flush=False`` leaves a new row pending, so that a
    batch's rows go to the database together (one multi-row INSERT) when the batch is flushed.
    """
    row = _own_row(s, account_id, item, row)
    if row is None:
        row = ItemRow(platform=item.platform, external_id=item.external_id, account_id=account_id,
                      school=s.get(AccountRow, account_id).school, visibility="visible")  # read before the flush
        s.add(row)
    row.kind, row.by_school, row.text = item.kind, item.by_school, item.text
    row.parent_external_id, row.media = item.parent_external_id, list(item.media)
    row.permalink, row.created_at = item.permalink, item.created_at
    row.content_hash = item.content_hash()
    row.hideable, row.not_hideable_reason = item.hideable, item.not_hideable_reason
    if item.hidden_on_platform and row.visibility == "visible":
        row.visibility = "hidden"
    if flush:
        s.flush()
    return row


def due_actions(s: Session, account_id: int, now: datetime) -> list[ActionRow]:
    """Hide/restore actions of one account still to do (new, or failed and due for retry)."""
    q = (select(ActionRow).join(ItemRow, ActionRow.item_id == ItemRow.id)
         .where(ItemRow.account_id == account_id, ActionRow.status.in_(("pending", "failed")),
                ActionRow.kind.in_(("hide", "restore")))
         .order_by(ActionRow.id))
    return [a for a in s.scalars(q) if a.next_attempt_at is None or a.next_attempt_at <= now]


def latest_actions(s: Session, item_ids) -> dict[int, ActionRow]:
    """The latest hide or restore of each of these items (one query, for the log and the digest)."""
    ids = set(item_ids)
    if not ids:
        return {}
    q = (select(ActionRow).where(ActionRow.item_id.in_(ids), ActionRow.kind.in_(("hide", "restore")))
         .order_by(ActionRow.id))
    return {a.item_id: a for a in s.scalars(q)}  # later rows overwrite earlier ones


def audit(s: Session, actor: str, action: str, reason: str | None = None, finding_id: int | None = None,
          item_id: int | None = None) -> AuditRow:
    """Record a decision in the audit log."""
    row = AuditRow(actor=actor, action=action, reason=reason, finding_id=finding_id, item_id=item_id)
    s.add(row)
    return row


def active_hide_findings(s: Session, item_id: int, excluding: int | None = None) -> list[FindingRow]:
    """Findings that still justify keeping an item hidden."""
    q = select(FindingRow).where(FindingRow.item_id == item_id, FindingRow.decision == "hide",
                                 FindingRow.review_status.in_(("open", "held", "confirmed")))
    return [f for f in s.scalars(q) if f.id != excluding]
