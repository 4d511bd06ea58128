"""The people page: administrators add, re-role, disable and reset people; everyone else is refused it."""

from __future__ import annotations

import re

from sqlalchemy import select

from storage.models import AuditRow
from tests.web.conftest import PASSWORD, csrf_of, post_form, sign_in

LINK_RE = re.compile(r'value="(http://testserver/set-password/[^"]+)"')


def _audits(site, action: str) -> list[tuple[str, str]]:
    """What people did on the pages (the fixtures' own accounts are made by "test")."""
    with site.core.sessions() as s:
        return [(a.actor, a.reason) for a in s.scalars(select(AuditRow).where(AuditRow.action == action,
                                                                               AuditRow.actor != "test"))]


def _add(client, name: str, role: str = "smt", email: str | None = None):
    return post_form(client, "/users", "/users", {"name": name, "role": role, "email": email or f"{name}@example.com"})


def test_only_administrators_see_and_use_the_people_page(site):
    for role in ("dsl", "smt", "staff"):
        c = site.client(role)
        home = c.get("/check").text
        assert 'href="/users"' not in home, role
        assert c.get("/users").status_code == 403, role
        token = csrf_of(home)
        assert c.post("/users", data={"name": "mallory", "role": "admin", "email": "m@example.com",
                                      "csrf": token}).status_code == 403, role
    assert _audits(site, "user_add") == []
    admin = site.client("admin")
    assert 'href="/users"' in admin.get("/queue").text
    page = admin.get("/users").text
    assert "admin-person" in page and "active" in page and "never" not in page.split("admin-person")[1][:200]


def test_adding_a_person_shows_their_one_time_link_once_and_it_works(site):
    admin = site.client("admin")
    r = _add(admin, "jo.bloggs", "dsl")
    assert r.status_code == 200 and "jo.bloggs added as dsl." in r.text and "not shown again" in r.text
    [link] = LINK_RE.findall(r.text)
    assert link.split("/set-password/")[1] not in admin.get("/users").text  # shown once, never again
    row = admin.get("/users").text.split("<td>jo.bloggs</td>")[1][:200]
    assert "<td>dsl</td>" in row and "no password yet" in row and "never" in row
    assert _audits(site, "user_add") == [("admin-person", "jo.bloggs as dsl")]
    newcomer = site.client()
    path = link.removeprefix("http://testserver")
    r = newcomer.post(path, data={"password": PASSWORD, "again": PASSWORD, "csrf": csrf_of(newcomer.get(path).text)})
    assert r.status_code == 303
    assert sign_in(newcomer, "jo.bloggs", PASSWORD).headers["location"] == "/queue"
    assert "active" in admin.get("/users").text.split("<td>jo.bloggs</td>")[1][:200]


def test_a_wrong_entry_is_refused_with_the_form_kept(site):
    admin = site.client("admin")
    r = _add(admin, "jo", "dsl", email="not-an-address")
    assert r.status_code == 400 and "Not added: not an e-mail address" in r.text and 'value="jo"' in r.text
    _add(admin, "jo")
    assert "already exists" in _add(admin, "jo").text


def test_changing_a_role_applies_at_once_and_is_audited(site):
    admin, dsl = site.client("admin"), site.client("dsl")
    assert dsl.get("/audit").status_code == 200
    r = post_form(admin, "/users", "/users/dsl-person/role", {"role": "staff"})
    assert r.headers["location"] == "/users" and "dsl-person is now staff (was dsl)." in admin.get("/users").text
    assert dsl.get("/audit").status_code == 403  # the next page already uses the new role
    assert _audits(site, "user_role") == [("admin-person", "dsl-person: dsl to staff")]


def test_disabling_signs_the_person_out_and_keeps_them_out(site):
    admin, smt = site.client("admin"), site.client("smt")
    post_form(admin, "/users", "/users/smt-person/disable", {})
    assert "smt-person is disabled and signed out everywhere." in admin.get("/users").text
    assert smt.get("/queue").headers["location"].startswith("/sign-in")
    assert sign_in(site.client(), "smt-person", PASSWORD).status_code == 401
    assert _audits(site, "user_disable") == [("admin-person", "smt-person")]


def test_resetting_a_password_gives_a_new_link_and_the_old_password_stops_working(site):
    admin, dsl = site.client("admin"), site.client("dsl")
    r = post_form(admin, "/users", "/users/dsl-person/reset-password", {})
    assert "Password of dsl-person cleared" in r.text and len(LINK_RE.findall(r.text)) == 1
    assert dsl.get("/queue").status_code == 303
    assert sign_in(site.client(), "dsl-person", PASSWORD).status_code == 401
    assert _audits(site, "user_reset_password") == [("admin-person", "dsl-person")]


def test_an_administrator_cannot_lock_themselves_out_and_forged_posts_are_refused(site):
    admin = site.client("admin")
    post_form(admin, "/users", "/users/admin-person/disable", {})
    assert "another administrator must disable your own account" in admin.get("/users").text
    post_form(admin, "/users", "/users/admin-person/role", {"role": "staff"})
    assert admin.get("/users").status_code == 200
    assert admin.post("/users", data={"name": "eve", "role": "admin", "email": "e@example.com"}).status_code == 403
    assert admin.post("/users/dsl-person/disable").status_code == 403
    assert _audits(site, "user_add") == [] and _audits(site, "user_disable") == []
