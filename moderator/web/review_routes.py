"""The queue, the item page and the decisions taken on them, through the same functions as `moderator review`."""

from __future__ import annotations

import logging
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from starlette.responses import Response
from starlette.routing import Route

from detectors.base import LABELS, SEVERITIES
from detectors.text_prepare import shown
from moderator.reporting.links import platform_link
from moderator.reporting.views import LABEL_NAMES, finding_views
from moderator.review import HELD, STATUSES, ReviewError, hide_now, review_finding, review_language_hold
from moderator.web import queries
from moderator.web.app import REVIEWERS, Call, page
from moderator.web.escalate import escalate
from moderator.web.highlight import Mark, pieces
from storage import repo
from storage.models import ItemRow

log = logging.getLogger(__name__)
REASON_LIMIT = 1000
NOTE_LIMIT = 2000
BULK_LIMIT = 200
MAX_ID = 2**31 - 1  # PostgreSQL's integer: no row has a larger id


def _masked(call: Call, school: str | None = None) -> bool:
    """The SMT reads personal data masked, as in the digest; administrators and the DSL read it in full."""
    return (call.visitor.role_on(school) if school and call.trust else call.visitor.role) == "smt"


def _schools(call: Call) -> list[str] | None:
    """The schools the queue shows (None in a single school's installation: everything, as before schools)."""
    return call.scope(*REVIEWERS) if call.trust else None


def _outside(call: Call, kind: str, ident: int) -> tuple[bool, str | None]:
    """Whether an item, finding or hold (``kind``) is out of reach, and its school (a trust's pages only).

    Out of reach: missing, or of a school where the person reviews nothing.
    """
    if not call.trust:
        return False, None
    with call.core.sessions() as s:
        school = queries.school_of(s, kind, ident)
    return not (school is not None and call.visitor.role_on(school) in REVIEWERS), school


def _guard(call: Call, kind: str, ident: int) -> Response | None:
    """The not-found answer for a missing row or another school's (audited; the two look the same), or None."""
    outside, school = _outside(call, kind, ident)
    return call.hidden("language hold" if kind == "hold" else kind, ident, school) if outside else None


def _filters_of(source) -> queries.QueueQuery:
    return queries.QueueQuery.from_params(source)


@page(*REVIEWERS)
def queue_page(call: Call) -> Response:
    """Findings waiting for a person, most severe and newest first, with filters and counts per label."""
    qq = _filters_of(call.request.query_params)
    tz = ZoneInfo(call.core.config.reporting.timezone)
    reporter = call.core.reporter
    schools = _schools(call)
    if schools == []:
        return call.render("forbidden.html", status=403, reason="Your role at this school does not give access "
                           "to the queue: choose another school.")
    with call.core.sessions() as s:
        rows, counts = queries.queue(s, qq, schools)
        # in a trust, each school's pupils are masked by that school's roster
        views = ([finding_views(s, [f], call.masker(f.item.school), tz)[0] for f in rows] if call.trust
                 else finding_views(s, rows, reporter.masker, tz))
        for v, f in zip(views, rows, strict=True):
            if _masked(call, f.item.school):
                continue  # the full text of the evidence for administrators and the DSL
            v.explanation = f.explanation
            start = max(0, f.span_start - 100)
            v.excerpt = ("…" if start else "") + shown(f.item.text[start:start + 320])
        item_ids = {v.id: f.item_id for v, f in zip(views, rows, strict=True)}
        school_names = {v.id: _school_name(call, f.item.school) for v, f in zip(views, rows, strict=True)}
        account_names = [a.name for a in queries.accounts(s, schools)]
        holds = [dict(id=h.id, item_id=h.item_id, reason=h.reason, account=h.item.account.name, kind=h.item.kind,
                      school=_school_name(call, h.item.school))
                 for h in queries.language_holds(s, schools=schools)] if qq.status == "" and not qq.problems else []
    return call.render("queue.html", views=views, item_ids=item_ids, counts=counts, q=qq, labels_known=LABELS,
                       holds=holds, school_names=school_names, several=call.trust and len(schools or []) > 1,
                       severities=SEVERITIES, statuses=STATUSES, accounts=account_names,
                       limit=queries.QUEUE_LIMIT, query=urlencode(_query_of(qq)))


def _school_name(call: Call, slug: str) -> str:
    return call.view_of(slug).school.name if call.trust else ""


def _query_of(qq: queries.QueueQuery) -> dict[str, str]:
    return {k: getattr(qq, k) for k in ("label", "severity", "status", "account", "since", "until")
            if getattr(qq, k)}


@page(*REVIEWERS)
def bulk(call: Call) -> Response:
    """Confirm or dismiss the selected findings with one reason."""
    back = "/queue?" + urlencode(_query_of(_filters_of(call.form)))
    decision = call.field("decision")
    reason = call.field("reason", REASON_LIMIT).strip()
    ids = [int(v) for v in call.form.getlist("finding") if isinstance(v, str) and v.isdigit() and len(v) < 10]
    ids = [i for i in ids if i <= MAX_ID]
    if decision not in ("confirm", "dismiss"):
        return call.redirect(back, "Choose confirm or dismiss.")
    if not ids:
        return call.redirect(back, "No finding was selected.")
    if not reason:
        return call.redirect(back, "A reason is required: it is kept in the audit log.")
    done, refused = [], []
    for fid in ids[:BULK_LIMIT]:
        outside, school = _outside(call, "finding", fid)
        if outside:
            call.note_out_of_scope("finding", fid, school)
            refused.append(f"no finding with id {fid}")
            continue
        try:
            done.append(review_finding(call.core, fid, decision, reason, call.visitor.name))
        except ReviewError as exc:
            refused.append(str(exc))
    msg = f"{len(done)} finding(s) {decision}ed" if decision == "confirm" else f"{len(done)} finding(s) dismissed"
    if refused:
        msg += f"; {len(refused)} not: " + "; ".join(refused[:5])
    log.info("web: bulk %s of %d finding(s) by %s", decision, len(done), call.visitor.name)
    return call.redirect(back, msg + ".")


@page(*REVIEWERS)
def item_page(call: Call) -> Response:
    """An item in full: its text with each finding highlighted, what was done, and its whole history."""
    item_id = call.request.path_params["item_id"]
    tz = ZoneInfo(call.core.config.reporting.timezone)
    if (refused := _guard(call, "item", item_id)) is not None:
        return refused
    with call.core.sessions() as s:
        item = s.get(ItemRow, item_id) if item_id <= MAX_ID else None
        if item is None:
            return call.render("forbidden.html", status=404, reason="There is no such item.", title="Not found")
        school_masker = call.masker(item.school) if call.trust else call.core.reporter.masker
        masker = school_masker if _masked(call, item.school) else None
        findings = list(item.findings)
        views = finding_views(s, findings, school_masker, tz)
        for v, f in zip(views, findings, strict=True):
            v.score = f.score
            v.status = f.review_status
            v.decision = f.decision
            if masker is None:
                v.explanation, v.why = f.explanation, f.decision_reason
        marks = [Mark(f.span_start, f.span_end, f.label, f"f{f.id}") for f in findings]
        text = pieces(item.text, marks, masker)
        events = queries.history(s, item)
        holds = [dict(id=h.id, reason=h.reason, status=h.review_status) for h in queries.language_holds(s, item.id)]
        if masker is not None:
            for e in events:
                e.detail = masker.mask(e.detail)
        info = dict(id=item.id, platform=item.platform, kind=item.kind, account=item.account.name,
                    school=_school_name(call, item.school),
                    external_id=item.external_id, visibility=item.visibility, by_school=item.by_school,
                    hideable=item.hideable, not_hideable=item.not_hideable_reason,
                    can_hide=item.hideable and item.visibility == "visible"
                    and any(f.decision == "hold" and f.review_status in HELD for f in findings),
                    when=(item.created_at or item.first_seen_at).astimezone(tz).strftime("%a %d %b %Y %H:%M"),
                    permalink=platform_link(item.platform, item.permalink))
    return call.render("item.html", item=info, text=text, findings=views, events=events, tz=tz,
                       label_names=LABEL_NAMES, holds=holds)


def _finding_action(call: Call, act, param: str = "finding_id", what: str = "finding") -> Response:
    fid = call.request.path_params[param]
    if (refused := _guard(call, "finding" if what == "finding" else "hold", fid)) is not None:
        return refused
    if fid > MAX_ID:
        return call.redirect("/queue", f"Not done: no {what} with id {fid}.")
    anchor = f"#f{fid}" if what == "finding" else f"#h{fid}"
    back = f"/items/{int(call.field('item', 10))}{anchor}" if call.field("item", 10).isdigit() else "/queue"
    try:
        msg = act(fid)
    except ReviewError as exc:
        return call.redirect(back, f"Not done: {exc}.")
    return call.redirect(back, msg[:1].upper() + msg[1:] + ".")


@page(*REVIEWERS)
def decide(call: Call) -> Response:
    """Confirm or dismiss one finding; dismissing the last reason to hide an item restores it."""
    decision = call.field("decision")
    if decision not in ("confirm", "dismiss"):
        return call.redirect("/queue", "Choose confirm or dismiss.")
    reason = call.field("reason", REASON_LIMIT).strip()
    log.info("web: %s of finding %s by %s", decision, call.request.path_params["finding_id"], call.visitor.name)
    return _finding_action(call, lambda fid: review_finding(call.core, fid, decision, reason, call.visitor.name))


@page(*REVIEWERS)
def decide_hold(call: Call) -> Response:
    """Confirm (it breaches the policy: hidden where possible) or dismiss an item held for its language."""
    decision = call.field("decision")
    if decision not in ("confirm", "dismiss"):
        return call.redirect("/queue", "Choose confirm or dismiss.")
    reason = call.field("reason", REASON_LIMIT).strip()
    return _finding_action(call, lambda hid: review_language_hold(call.core, hid, decision, reason,
                                                                  call.visitor.name), "hold_id", "language hold")


@page(*REVIEWERS)
def escalate_page(call: Call) -> Response:
    """Alert the DSL about this finding now."""
    reason = call.field("reason", REASON_LIMIT).strip()
    return _finding_action(call, lambda fid: escalate(call.core, fid, reason, call.visitor.name))


@page(*REVIEWERS)
def hide_item(call: Call) -> Response:
    """Hide a held item on the platform now, before its findings are decided (audited, all or nothing)."""
    item_id = call.request.path_params["item_id"]
    reason = call.field("reason", REASON_LIMIT).strip()
    if (refused := _guard(call, "item", item_id)) is not None:
        return refused
    if item_id > MAX_ID:
        return call.redirect("/queue", f"Not done: no item {item_id}.")
    log.info("web: hide now of item %s by %s", item_id, call.visitor.name)
    try:
        msg = hide_now(call.core, item_id, reason, call.visitor.name)
    except ReviewError as exc:
        return call.redirect(f"/items/{item_id}", f"Not done: {exc}.")
    return call.redirect(f"/items/{item_id}", msg[:1].upper() + msg[1:] + ".")


@page(*REVIEWERS)
def note(call: Call) -> Response:
    """Add a note to an item's history (audited)."""
    item_id = call.request.path_params["item_id"]
    text = call.field("note", NOTE_LIMIT).strip()
    back = f"/items/{item_id}"
    if (refused := _guard(call, "item", item_id)) is not None:
        return refused
    if not text:
        return call.redirect(back, "The note is empty: nothing was added.")
    with call.core.sessions() as s:
        if item_id > MAX_ID or s.get(ItemRow, item_id) is None:
            return call.redirect("/queue", f"No item {item_id}.")
        repo.audit(s, call.visitor.name, "note", text, item_id=item_id)
        s.commit()
    return call.redirect(back + "#history", "Note added.")


ROUTES = [
    Route("/queue", queue_page, methods=["GET"]),
    Route("/queue/bulk", bulk, methods=["POST"]),
    Route("/items/{item_id:int}", item_page, methods=["GET"]),
    Route("/items/{item_id:int}/note", note, methods=["POST"]),
    Route("/items/{item_id:int}/hide", hide_item, methods=["POST"]),
    Route("/findings/{finding_id:int}/review", decide, methods=["POST"]),
    Route("/findings/{finding_id:int}/escalate", escalate_page, methods=["POST"]),
    Route("/holds/{hold_id:int}/review", decide_hold, methods=["POST"]),
]
