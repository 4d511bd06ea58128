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
from storage import repo

DRAFT_LIMIT = 20_000
_analyse = threading.Lock()  # one analysis at a time: the NLP pipeline is shared


@page(*REVIEWERS, "staff")
def check_form(call: Call) -> Response:
    """The empty form."""
    return call.render("check.html", draft="", photo=False, result=None, problem=None)


@page(*REVIEWERS, "staff")
def check(call: Call) -> Response:
    """Analyse the draft; show each breach with its span highlighted (nothing is stored but the audit line)."""
    draft = call.field("draft", DRAFT_LIMIT + 1)
    photo = call.field("photo") == "yes"
    if not draft.strip() or not is_utf8(draft):
        return call.render("check.html", draft=draft, photo=photo, result=None,
                           problem="Paste the draft post to check.", status=400)
    if len(draft) > DRAFT_LIMIT:
        return call.render("check.html", draft=draft[:DRAFT_LIMIT], photo=photo, result=None,
                           problem=f"A draft of at most {DRAFT_LIMIT} characters can be checked.", status=400)
    engine = call.web.engine()
    if engine is None:
        return call.render("check.html", draft=draft, photo=photo, result=None, status=503,
                           problem="The detectors are not loaded in this server.")
    item = Item(platform="draft", external_id="draft", kind="post", by_school=True, text=draft,
                media=("photo",) if photo else ())
    with _analyse:
        res = engine.analyze_text(item)
    with call.core.sessions() as s:
        repo.audit(s, call.visitor.name, "draft_check",
                   f"{len(res.findings)} breach(es){' with a photo' if photo else ''}"
                   + (f"; not checked: {res.skipped}" if res.skipped else ""))
        s.commit()
    if res.skipped:
        return call.render("check.html", draft=draft, photo=photo, result=None,
                           problem=f"This draft could not be checked: {res.skipped}.")
    marks = [Mark(f.start, f.end, f.label, f"b{n}") for n, f in enumerate(res.findings)]
    return call.render("check.html", draft=draft, photo=photo, result=res.findings, text=pieces(draft, marks))


ROUTES = [Route("/check", check_form, methods=["GET"]), Route("/check", check, methods=["POST"])]
