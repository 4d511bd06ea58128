"""The roster page (administrators only): the MIS export's pupils, consent and open named-child findings.

Read-only: the school's MIS is the source of the roster, so the page reads the configured CSV afresh on
every visit and changes nothing. Findings store a pupil's reference (initials and year group), never the
name, so the counts join on that reference. Pupil names are shown to the administrator and never logged.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from starlette.responses import Response
from starlette.routing import Route

from core.errors import ConfigError
from detectors.base import Pupil
from moderator.config_school import load_roster
from moderator.web.app import Call, page
from moderator.web.queries import WAITING
from storage.models import FindingRow, ItemRow

log = logging.getLogger(__name__)
NAMED_CHILD = "named_child"


@dataclass
class RosterRow:
    """One pupil as the page shows them."""

    name: str
    year_group: str
    photo_consent: bool
    ref: str
    open_findings: int
    ref_shared: bool  # another pupil on the roster has the same reference: the count is theirs too


def open_findings_by_ref(s, school: str | None = None) -> tuple[Counter, int]:
    """Open (or held) named-child findings per pupil reference, and how many name no single pupil.

    Only the findings of ``school``'s items (None: every school's).
    """
    per_ref: Counter = Counter()
    unresolved = 0
    q = select(FindingRow.details).where(FindingRow.label == NAMED_CHILD, FindingRow.review_status.in_(WAITING))
    if school is not None:
        q = q.where(FindingRow.item_id.in_(select(ItemRow.id).where(ItemRow.school == school)))
    for details in s.scalars(q):
        ref = (details or {}).get("pupil_ref")
        if ref:
            per_ref[ref] += 1
        else:
            unresolved += 1
    return per_ref, unresolved


def _name(p: Pupil) -> str:
    full = f"{p.first_name} {p.last_name}"
    return full if p.preferred_name in ("", p.first_name) else f"{full} (known as {p.preferred_name})"


def _year_key(year_group: str) -> tuple:
    """Year groups in school order ("Year 2" before "Year 10"): numbers compared as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", year_group) if part)


def roster_rows(pupils: list[Pupil], per_ref: Counter) -> list[RosterRow]:
    """The pupils by year group then surname, each with the open findings that reference them."""
    refs = Counter(p.ref for p in pupils)
    ordered = sorted(pupils, key=lambda p: (_year_key(p.year_group), p.last_name.casefold(),
                                            p.first_name.casefold()))
    return [RosterRow(_name(p), p.year_group, p.photo_consent, p.ref, per_ref.get(p.ref, 0), refs[p.ref] > 1)
            for p in ordered]


@page("admin")
def roster_page(call: Call) -> Response:
    """The configured roster as the MIS exported it, with consent and open findings per pupil.

    In a trust, one school's (``?school=`` among those the person administers, else the first of them).
    """
    school, others = None, []
    if call.trust:
        schools = call.scope("admin")
        if not schools:
            return call.render("forbidden.html", status=403, reason="Your role at this school does not give "
                               "access to this page: choose another school.")
        asked = call.request.query_params.get("school", "")
        school = asked if asked in schools else schools[0]
        others = [(slug, call.view_of(slug).school.name) for slug in schools if slug != school]
    config = call.view_of(school) if school else call.core.config
    path = config.school.roster_path
    tz = ZoneInfo(call.core.config.reporting.timezone)
    context: dict = dict(path=path, rows=[], problems=[], modified=None, without_consent=0, unresolved=0,
                         of_school=config.school.name if school else None, others=others)
    if path is not None:
        try:
            modified = datetime.fromtimestamp(path.stat().st_mtime, tz)
            context["modified"] = modified.strftime("%d %b %Y %H:%M")
            pupils = load_roster(path)
        except OSError as exc:
            context["problems"] = [f"roster file {path} cannot be read: {exc.strerror or exc}"]
        except ConfigError as exc:
            context["problems"] = exc.problems
        else:
            with call.core.sessions() as s:
                per_ref, unresolved = open_findings_by_ref(s, school)
            rows = roster_rows(pupils, per_ref)
            context.update(rows=rows, unresolved=unresolved,
                           without_consent=sum(not r.photo_consent for r in rows))
    log.info("web: roster viewed by %s (%d pupils)", call.visitor.name, len(context["rows"]))
    return call.render("roster.html", **context)


ROUTES = [Route("/roster", roster_page, methods=["GET"])]
