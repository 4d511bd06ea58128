"""The draft check: staff paste a post before publishing it and see what it would breach.

The draft is analysed and shown back on the answer to the POST itself (never stored, logged or put in an
address); the audit log records that a check was made and how many breaches it found, not the text.
"""

from __future__ import annotations

import threading

from starlette.responses import Response
from starlette.routing import Route

from core.items import Item
from detectors.text_prepare import is_utf8
from moderator.web.app import REVIEWERS, Call, page
from moderator.web.highlight import Mark, pieces
from moderator.web.roles import tag
from storage import repo

DRAFT_LIMIT = 20_000
_analyse = threading.Lock()  # one analysis at a time: the NLP pipeline is shared


CHECKERS = (*REVIEWERS, "staff")


def _schools(call: Call) -> list[tuple[str, str]]:
    """In a trust: the schools whose policy a draft may be checked against (slug, name), the chosen one first."""
    if not call.trust:
        return []
    return [(slug, call.view_of(slug).school.name) for slug in call.scope(*CHECKERS)]


def _render(call: Call, status: int = 200, chosen: str = "", **context) -> Response:
    schools = _schools(call)
    if call.trust and not schools:
        return call.render("forbidden.html", status=403, reason="Your role at this school does not give access "
                           "to this page: choose another school.")
    return call.render("check.html", status=status, schools=schools, chosen=chosen, **context)


@page(*CHECKERS)
def check_form(call: Call) -> Response:
    """The empty form."""
    return _render(call, draft="", photo=False, result=None, problem=None)


@page(*CHECKERS)
def check(call: Call) -> Response:
    """Analyse the draft; show each breach with its span highlighted (nothing is stored but the audit line)."""
    draft = call.field("draft", DRAFT_LIMIT + 1)
    photo = call.field("photo") == "yes"
    schools = [slug for slug, _ in _schools(call)]
    school = call.field("school", 50) if call.trust else None
    if call.trust and school not in schools:
        if len(schools) != 1:
            return _render(call, draft=draft[:DRAFT_LIMIT], photo=photo, result=None, status=400,
                           problem="Choose the school whose policy and pupils the draft is checked against.")
        school = schools[0]
    if not draft.strip() or not is_utf8(draft):
        return _render(call, draft=draft, photo=photo, result=None, chosen=school or "",
                       problem="Paste the draft post to check.", status=400)
    if len(draft) > DRAFT_LIMIT:
        return _render(call, draft=draft[:DRAFT_LIMIT], photo=photo, result=None, chosen=school or "",
                       problem=f"A draft of at most {DRAFT_LIMIT} characters can be checked.", status=400)
    engine = call.web.engine(school)
    if engine is None:
        return _render(call, draft=draft, photo=photo, result=None, status=503, chosen=school or "",
                       problem="The detectors are not loaded in this server.")
    item = Item(platform="draft", external_id="draft", kind="post", by_school=True, text=draft,
                media=("photo",) if photo else ())
    with _analyse:
        res = engine.analyze_text(item)
    with call.core.sessions() as s:
        row = repo.audit(s, call.visitor.name, "draft_check",
                         f"{len(res.findings)} breach(es){' with a photo' if photo else ''}"
                         + (f" at {school}" if school else "")
                         + (f"; not checked: {res.skipped}" if res.skipped else ""))
        if school:
            tag(s, row, [school])
        s.commit()
    if res.skipped:
        return _render(call, draft=draft, photo=photo, result=None, chosen=school or "",
                       problem=f"This draft could not be checked: {res.skipped}.")
    marks = [Mark(f.start, f.end, f.label, f"b{n}") for n, f in enumerate(res.findings)]
    return _render(call, draft=draft, photo=photo, result=res.findings, text=pieces(draft, marks),
                   chosen=school or "")


ROUTES = [Route("/check", check_form, methods=["GET"]), Route("/check", check, methods=["POST"])]
