"""The audit log (filterable, exported as CSV for governors and inspectors) and the accounts' state."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import select
from starlette.responses import Response
from starlette.routing import Route

from moderator.review import enable_account
from moderator.web import queries
from moderator.web.app import Call, page
from storage.models import AuditRow

AUDIT_LIMIT = 500
CSV_LIMIT = 100_000
CSV_FIELDS = ("id", "at", "actor", "action", "finding_id", "item_id", "reason")


def _audit_rows(call: Call, limit: int) -> tuple[list[AuditRow], dict[str, str], str | None]:
    params = {k: (call.request.query_params.get(k) or "")[:100] for k in ("actor", "action", "since", "until")}
    q = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if params["actor"]:
        q = q.where(AuditRow.actor == params["actor"])
    if params["action"]:
        q = q.where(AuditRow.action == params["action"])
    try:
        if params["since"]:
            q = q.where(AuditRow.at >= datetime.combine(date.fromisoformat(params["since"]), time.min, UTC))
        if params["until"]:
            end = datetime.combine(date.fromisoformat(params["until"]), time.min, UTC) + timedelta(days=1)
            q = q.where(AuditRow.at < end)
    except (ValueError, OverflowError):
        return [], params, "Dates are written like 2026-11-23."
    with call.core.sessions() as s:
        return list(s.scalars(q)), params, None


@page("admin", "dsl")
def audit_page(call: Call) -> Response:
    """Every human decision and automatic action recorded, newest first."""
    rows, params, problem = _audit_rows(call, AUDIT_LIMIT)
    tz = ZoneInfo(call.core.config.reporting.timezone)
    query = urlencode({k: v for k, v in params.items() if v})
    return call.render("audit.html", rows=rows, params=params, problem=problem, tz=tz, limit=AUDIT_LIMIT,
                       csv_query=query)


def _cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: a leading =, +, - or @ cannot start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@page("admin", "dsl")
def audit_csv(call: Call) -> Response:
    """The same rows as CSV (UTC times)."""
    rows, _params, problem = _audit_rows(call, CSV_LIMIT)
    if problem:
        return Response(problem + "\n", status_code=400, media_type="text/plain")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for r in rows:
        writer.writerow([r.id, r.at.isoformat(timespec="seconds"), _cell(r.actor), _cell(r.action), r.finding_id,
                         r.item_id, _cell(r.reason)])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="moderator-audit.csv"'})


@page("admin")
def accounts_page(call: Call) -> Response:
    """Each account's state, with re-enable for one the daemon disabled, and mail not delivered."""
    tz = ZoneInfo(call.core.config.reporting.timezone)
    with call.core.sessions() as s:
        rows = queries.accounts(s)
    configured = {a.name: a for a in call.core.config.accounts}
    return call.render("accounts.html", rows=rows, configured=configured, tz=tz,
                       problems=call.core.reporter.delivery_problems())


@page("admin")
def account_enable(call: Call) -> Response:
    """Re-enable an account the daemon disabled (audited)."""
    name = call.request.path_params["name"]
    if name not in {a.name for a in call.core.config.accounts}:
        return call.redirect("/accounts", "Not done: no such account in the configuration.")
    return call.redirect("/accounts", enable_account(call.core, name, actor=call.visitor.name) + ".")


ROUTES = [
    Route("/audit", audit_page, methods=["GET"]),
    Route("/audit.csv", audit_csv, methods=["GET"]),
    Route("/accounts", accounts_page, methods=["GET"]),
    Route("/accounts/{name}/enable", account_enable, methods=["POST"]),
]
