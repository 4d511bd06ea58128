"""The audit log (filterable, exported as CSV for governors and inspectors) and the accounts' state."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from starlette.responses import Response
from starlette.routing import Route

from moderator.review import enable_account
from moderator.web import queries
from moderator.web.app import Call, page
from storage.models import ActionRow, AuditRow, FindingRow, ItemRow
from storage.web_models import WebAuditSchoolRow

AUDIT_LIMIT = 500
CSV_LIMIT = 100_000
CSV_FIELDS = ("record", "id", "at", "actor", "action", "finding_id", "item_id", "reason")


@dataclass
class Entry:
    """One line of the audit log: a recorded decision or event (``audit``), or a hide or restore (``action``)."""

    record: str
    id: int
    at: datetime
    actor: str
    action: str
    finding_id: int | None
    item_id: int | None
    reason: str | None


def _window(params: dict[str, str]) -> tuple[datetime | None, datetime | None]:
    """The ``since`` and ``until`` days as a UTC range; ValueError when a date is not one."""
    since = datetime.combine(date.fromisoformat(params["since"]), time.min, UTC) if params["since"] else None
    until = (datetime.combine(date.fromisoformat(params["until"]), time.min, UTC) + timedelta(days=1)
             if params["until"] else None)
    return since, until


def _narrow(q, params: dict[str, str], since, until, at, who, what):
    """``q`` narrowed to the person, the action and the dates asked for."""
    if params["actor"]:
        q = q.where(who == params["actor"])
    if params["action"]:
        q = q.where(what == params["action"])
    if since:
        q = q.where(at >= since)
    if until:
        q = q.where(at < until)
    return q


def _log_schools(call: Call) -> list[str] | None:
    """The schools whose audit log the page shows; None: all of it.

    All of it is shown in a single school's installation, and to an administrator or DSL of all schools looking
    at all of them (who also sees the trust's own events).
    """
    if not call.trust or (call.visitor.current is None and call.visitor.all_role in ("admin", "dsl")):
        return None
    return call.scope("admin", "dsl")


def _of_schools(audits, actions, schools: list[str]):
    """The audit events of ``schools``' items, findings and people, and the actions on their items."""
    items = select(ItemRow.id).where(ItemRow.school.in_(schools))
    audits = audits.where(or_(
        AuditRow.item_id.in_(items),
        AuditRow.finding_id.in_(select(FindingRow.id).where(FindingRow.item_id.in_(items))),
        AuditRow.id.in_(select(WebAuditSchoolRow.audit_id).where(WebAuditSchoolRow.school.in_(schools)))))
    return audits, actions.where(ActionRow.item_id.in_(items))


def _audit_rows(call: Call, limit: int) -> tuple[list[Entry], dict[str, str], str | None]:
    """Human decisions and events, and every hide or restore (by the policy or a person), newest first."""
    params = {k: (call.request.query_params.get(k) or "")[:100] for k in ("actor", "action", "since", "until")}
    try:
        since, until = _window(params)
    except (ValueError, OverflowError):
        return [], params, "Dates are written like 2026-11-23."
    audits = _narrow(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit), params, since, until,
                     AuditRow.at, AuditRow.actor, AuditRow.action)
    actions = _narrow(select(ActionRow).where(ActionRow.kind.in_(("hide", "restore")))
                      .order_by(ActionRow.id.desc()).limit(limit), params, since, until,
                      ActionRow.updated_at, ActionRow.requested_by, ActionRow.kind)
    schools = _log_schools(call)
    if schools is not None:
        audits, actions = _of_schools(audits, actions, schools)
    with call.core.sessions() as s:
        entries = [Entry("audit", r.id, r.at, r.actor, r.action, r.finding_id, r.item_id, r.reason)
                   for r in s.scalars(audits)]
        entries += [Entry("action", a.id, a.updated_at, a.requested_by, f"{a.kind} ({a.status})", a.finding_id,
                          a.item_id, (a.reason or "") + (f"; {a.error}" if a.error else ""))
                    for a in s.scalars(actions)]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit], params, None


@page("admin", "dsl")
def audit_page(call: Call) -> Response:
    """Every human decision and automatic action recorded, newest first."""
    if _log_schools(call) == []:
        return _not_here(call)
    rows, params, problem = _audit_rows(call, AUDIT_LIMIT)
    tz = ZoneInfo(call.core.config.reporting.timezone)
    query = urlencode({k: v for k, v in params.items() if v})
    return call.render("audit.html", rows=rows, params=params, problem=problem, tz=tz, limit=AUDIT_LIMIT,
                       csv_query=query)


def _not_here(call: Call) -> Response:
    return call.render("forbidden.html", status=403, reason="Your role at this school does not give access to "
                       "this page: choose another school.")


def _cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: a leading =, +, - or @ cannot start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@page("admin", "dsl")
def audit_csv(call: Call) -> Response:
    """The same rows as CSV (UTC times)."""
    if _log_schools(call) == []:
        return _not_here(call)
    rows, _params, problem = _audit_rows(call, CSV_LIMIT)
    if problem:
        return Response(problem + "\n", status_code=400, media_type="text/plain")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for r in rows:
        writer.writerow([r.record, r.id, r.at.isoformat(timespec="seconds"), _cell(r.actor), _cell(r.action),
                         r.finding_id, r.item_id, _cell(r.reason)])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="moderator-audit.csv"'})


@page("admin")
def accounts_page(call: Call) -> Response:
    """Each account's state, with re-enable for one the daemon disabled, and mail not delivered."""
    tz = ZoneInfo(call.core.config.reporting.timezone)
    schools = call.scope("admin") if call.trust else None
    if schools == []:
        return _not_here(call)
    with call.core.sessions() as s:
        rows = queries.accounts(s, schools)
    configured = {a.name: a for a in _configured(call, schools)}
    every = timedelta(seconds=call.core.config.poll_interval_seconds)
    due = {a.name: _next_poll(a, configured.get(a.name), every) for a in rows}
    # mail not delivered is listed per installation, not per school: shown to whoever administers every school
    whole = schools is None or set(schools) == set(call.web.slugs) and call.visitor.all_role == "admin"
    return call.render("accounts.html", rows=rows, configured=configured, tz=tz, due=due,
                       problems=call.core.reporter.delivery_problems() if whole else [])


def _configured(call: Call, schools: list[str] | None) -> list:
    """The configured accounts of ``schools`` (None: all)."""
    if schools is None:
        return list(call.core.config.accounts)
    return [a for slug in schools for a in call.view_of(slug).accounts]


def _next_poll(row, account, every: timedelta) -> datetime | None:
    """When the daemon polls an account next (None when it does not: disabled, switched off or removed)."""
    if account is None or not account.enabled or row.disabled_reason:
        return None
    due = row.last_poll_at + every if row.last_poll_at else datetime.now(UTC)
    return max(due, row.paused_until) if row.paused_until else due


@page("admin")
def account_enable(call: Call) -> Response:
    """Re-enable an account the daemon disabled (audited)."""
    name = call.request.path_params["name"]
    if name not in {a.name for a in _configured(call, call.scope("admin") if call.trust else None)}:
        return call.redirect("/accounts", "Not done: no such account in the configuration.")
    return call.redirect("/accounts", enable_account(call.core, name, actor=call.visitor.name) + ".")


ROUTES = [
    Route("/audit", audit_page, methods=["GET"]),
    Route("/audit.csv", audit_csv, methods=["GET"]),
    Route("/accounts", accounts_page, methods=["GET"]),
    Route("/accounts/{name}/enable", account_enable, methods=["POST"]),
]
