"""The review pages of a trust: people with roles at one school never see or act on the other's items, names,
counts, audit rows, accounts, roster or people, through any page, CSV or form post; a trust DSL sees both.

Real HTTP to the pages, SQLite and PostgreSQL (``db_url``).
"""

from __future__ import annotations

import email
from email import policy as email_policy

import pytest
from sqlalchemy import select

from storage.models import AuditRow, FindingRow
from tests.tenancy.trust_pages import ACCOUNTS, WORDS, build, finding
from tests.web.conftest import csrf_of, post_form

OTHER = {"oakfield": "brook", "brook": "oakfield"}
# every page a reviewer or administrator reads; none may carry the other school's words
PAGES = ("/queue", "/queue?status=all", "/audit", "/audit.csv", "/accounts", "/roster", "/users", "/check")


@pytest.fixture
def trust(tmp_path, db_url):
    return build(tmp_path, db_url)


def _secrets(school: str) -> list[str]:
    """What of a school must never appear on another school's pages."""
    text, reason = WORDS[school]
    roster = {"oakfield": ["Thornbury", "Ellerby"], "brook": ["Castellan", "Wrenfield"]}[school]
    people = {"oakfield": ["oak-dsl", "oak-smt"], "brook": ["brook-dsl", "brook-admin"]}[school]
    return [text.split()[-1], reason, ACCOUNTS[school], *roster, *people,
            "Oakfield Primary School" if school == "oakfield" else "Brook Lane Academy"]


def _decide_both(trust) -> None:
    """Each school's own DSL confirms their finding, so both audit logs have a row with the school's words."""
    for school, dsl in (("oakfield", "oak-dsl"), ("brook", "brook-dsl")):
        item_id, fid = trust.findings[school]
        c = trust.client(dsl)
        r = post_form(c, f"/items/{item_id}", f"/findings/{fid}/review",
                      {"decision": "confirm", "reason": WORDS[school][1], "item": str(item_id)})
        assert r.status_code == 303 and "Not done" not in c.get(r.headers["location"]).text


@pytest.mark.parametrize("name,school", [("oak-admin", "oakfield"), ("brook-admin", "brook")])
def test_a_schools_administrator_sees_nothing_of_the_other_school_on_any_page(trust, name, school):
    _decide_both(trust)
    c = trust.client(name)
    own = _secrets(school)
    seen = ""
    for path in PAGES:
        r = c.get(path)
        assert r.status_code == 200, (path, r.status_code)
        seen += r.text
        for word in _secrets(OTHER[school]):
            assert word not in r.text, (path, word)
    assert own[0] in seen and own[1] in seen and own[2] in seen and own[3] in seen
    assert "School</label>" not in c.get("/queue").text  # one school: no switcher


def test_counts_per_label_are_the_schools_own(trust):
    for n in range(2, 5):
        finding(trust.core, "brook", f"Brook idiot number {n}", n)
    oak = trust.client("oak-dsl").get("/queue").text
    brook = trust.client("brook-dsl").get("/queue").text
    assert "Abuse: <strong>1</strong>" in oak and "Abuse: <strong>4</strong>" in brook
    assert "Abuse: <strong>5</strong>" in trust.client("trust-dsl").get("/queue").text


def test_another_schools_item_and_finding_answer_404_and_the_attempt_is_audited(trust):
    item_id, fid = trust.findings["brook"]
    c = trust.client("oak-dsl")
    token = csrf_of(c.get("/queue").text)
    missing = c.get("/items/999999")
    page = c.get(f"/items/{item_id}")
    assert page.status_code == missing.status_code == 404 and page.text == missing.text.replace("999999", "")
    assert WORDS["brook"][0] not in page.text
    posts = {f"/findings/{fid}/review": {"decision": "dismiss", "reason": "not ours"},
             f"/findings/{fid}/escalate": {"reason": "not ours"},
             f"/items/{item_id}/note": {"note": "not ours"},
             f"/items/{item_id}/hide": {"reason": "not ours"}}
    for path, data in posts.items():
        r = c.post(path, data={**data, "csrf": token, "item": str(item_id)})
        assert r.status_code == 404 and "There is no such" in r.text, path
    r = c.post("/queue/bulk", data={"csrf": token, "decision": "dismiss", "reason": "sweep",
                                    "finding": [str(fid), str(trust.findings["oakfield"][1])]})
    assert "1 finding(s) dismissed; 1 not: no finding with id" in c.get(r.headers["location"]).text
    with trust.core.sessions() as s:
        assert s.get(FindingRow, fid).review_status == "open"
        assert s.get(FindingRow, trust.findings["oakfield"][1]).review_status == "dismissed"
        attempts = s.scalars(select(AuditRow).where(AuditRow.action == "out_of_scope")).all()
        assert {a.actor for a in attempts} == {"oak-dsl"} and len(attempts) == 6
        assert not s.scalars(select(AuditRow).where(AuditRow.item_id == item_id)).all()  # nothing else recorded
    # Brook's administrator and the trust see the attempts on Brook's item; Oakfield's administrator does not
    assert "out_of_scope" in trust.client("brook-admin").get("/audit?action=out_of_scope").text
    assert "oak-dsl" in trust.client("central").get("/audit.csv?action=out_of_scope").text
    assert "oak-dsl" not in trust.client("oak-admin").get("/audit?action=out_of_scope").text


def test_a_trust_dsl_sees_every_school_at_once_with_a_school_column_and_can_switch(trust):
    _decide_both(trust)
    c = trust.client("trust-dsl")
    queue = c.get("/queue?status=all").text
    for school in ("oakfield", "brook"):
        assert WORDS[school][0] in queue
    assert 'class="school-of">Brook Lane Academy' in queue and 'class="school-of">Oakfield Primary School' in queue
    audit = c.get("/audit").text
    assert WORDS["oakfield"][1] in audit and WORDS["brook"][1] in audit
    r = post_form(c, "/queue", "/school", {"school": "brook", "next": "/queue"})
    assert r.status_code == 303 and r.headers["location"] == "/queue"
    only = c.get("/queue?status=all").text
    assert "Showing Brook Lane Academy." in only and WORDS["brook"][0] in only and WORDS["oakfield"][0] not in only
    assert WORDS["oakfield"][1] not in c.get("/audit").text
    assert post_form(c, "/queue", "/school", {"school": "nowhere", "next": "/queue"}).status_code == 303
    assert "you hold no role at that school" in c.get("/queue").text
    # the item of the school not chosen still opens from a link (an alert, a colleague): the role holds there
    assert c.get(f"/items/{trust.findings['oakfield'][0]}").status_code == 200


def test_roles_differ_per_school_masking_and_pages_follow_the_school(trust):
    # "both" is smt at Oakfield (masked, no audit log) and dsl at Brook
    c = trust.client("both")
    post_form(c, "/queue", "/school", {"school": "oakfield", "next": "/queue"})
    assert 'href="/audit"' not in c.get("/queue").text and c.get("/audit").status_code == 403
    post_form(c, "/queue", "/school", {"school": "brook", "next": "/audit"})
    audit = c.get("/audit")
    assert audit.status_code == 200 and 'href="/audit"' in audit.text


def test_escalation_goes_to_the_items_schools_dsl_only(trust):
    item_id, fid = trust.findings["brook"]
    c = trust.client("trust-dsl")
    r = post_form(c, f"/items/{item_id}", f"/findings/{fid}/escalate", {"reason": "worrying", "item": str(item_id)})
    assert "escalated to the DSL" in c.get(r.headers["location"]).text
    outbox = trust.core.config.path.parent / "outbox"
    to = [str(email.message_from_bytes(f.read_bytes(), policy=email_policy.default)["To"])
          for f in outbox.glob("*.eml")]
    assert to and all("dsl@brook.example.sch.uk" in t and "oakfield" not in t for t in to), to


def test_a_schools_administrator_manages_only_their_schools_people(trust):
    c = trust.client("oak-admin")
    people = c.get("/users").text
    assert "oak-dsl" in people and "brook-admin" not in people and "brook-dsl" not in people
    assert "All schools" not in people and '<option value="brook">' not in people
    r = post_form(c, "/users", "/users", {"name": "newbie", "role": "smt", "email": "n@example.com",
                                          "school": "*"})
    assert r.status_code == 400 and "only an administrator of all schools" in r.text
    r = post_form(c, "/users", "/users", {"name": "newbie", "role": "smt", "email": "n@example.com",
                                          "school": "brook"})
    assert r.status_code == 400 and "not an administrator at brook" in r.text
    r = post_form(c, "/users", "/users", {"name": "newbie", "role": "smt", "email": "n@example.com",
                                          "school": "oakfield"})
    assert r.status_code == 200 and "newbie added as smt at Oakfield Primary School." in r.text
    for action, data in (("role", {"role": "admin", "school": "brook"}), ("disable", {}), ("reset-password", {})):
        r = post_form(c, "/users", f"/users/brook-admin/{action}", data)
        assert "Not done" in c.get(r.headers["location"]).text, action
    r = post_form(c, "/users", "/users/both/disable", {})
    assert "also holds roles at other schools" in c.get(r.headers["location"]).text
    r = post_form(c, "/users", "/users/oak-smt/role", {"role": "dsl", "school": "oakfield"})
    assert "oak-smt is now dsl at oakfield (was smt)." in c.get(r.headers["location"]).text
    # the trust's central administrator gives a role on all schools
    central = trust.client("central")
    r = post_form(central, "/users", "/users/oak-dsl/role", {"role": "smt", "school": "*"})
    assert "oak-dsl is now smt on all schools." in central.get(r.headers["location"]).text
    assert WORDS["brook"][0] in trust.client("oak-dsl").get("/queue").text
    r = post_form(central, "/users", "/users/oak-dsl/revoke", {"school": "*"})
    assert "oak-dsl is no longer smt at all schools." in central.get(r.headers["location"]).text
    assert WORDS["brook"][0] not in trust.client("oak-dsl").get("/queue").text


def test_the_draft_check_asks_which_school_and_refuses_another(trust):
    c = trust.client("both")
    form = c.get("/check").text
    assert 'name="school"' in form and "Brook Lane Academy" in form
    r = post_form(trust.client("oak-dsl"), "/check", "/check", {"draft": "hello", "school": "brook"})
    assert r.status_code == 503  # Oakfield's own engine would be used: none is loaded in this test server
    r = post_form(c, "/check", "/check", {"draft": "hello", "school": "elsewhere"})
    assert r.status_code == 400 and "Choose the school" in r.text


@pytest.mark.slow
def test_a_draft_is_checked_against_the_chosen_schools_pupils(trust, nlp):
    from detectors.engine import DetectorEngine

    def engine(view):
        return DetectorEngine(view.school_context(), thresholds=view.detection.thresholds, nlp=nlp)

    web = trust.app.state.web
    web.engine_factory = lambda: engine(trust.core.config)
    web.school_engines = lambda slug, shared: engine(trust.core.config.for_school(slug))
    c = trust.client("both")
    draft = {"draft": "Well done Tobias Wrenfield, so proud of him!", "photo": "yes"}
    at_brook = post_form(c, "/check", "/check", {**draft, "school": "brook"}).text
    at_oakfield = post_form(c, "/check", "/check", {**draft, "school": "oakfield"}).text
    assert "Names roster pupil TW-2" in at_brook  # Brook's pupil, on Brook's roster
    assert "TW-2" not in at_oakfield and "Wrenfield" not in at_oakfield.split("</textarea>")[1]
    with trust.core.sessions() as s:
        checks = [a.reason for a in s.scalars(select(AuditRow).where(AuditRow.action == "draft_check"))]
    assert checks == ["1 breach(es) with a photo at brook", "0 breach(es) with a photo at oakfield"]
    assert "at oakfield" in trust.client("oak-admin").get("/audit?action=draft_check").text
    assert "at brook" not in trust.client("oak-admin").get("/audit?action=draft_check").text
