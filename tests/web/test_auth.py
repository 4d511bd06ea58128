"""Signing in: one-time links, lock-out, per-address limit, idle expiry, sign-out, disabled people, proxies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from moderator import users
from moderator.app import App
from moderator.config import load_config
from moderator.web.app import create_app
from storage.models import AuditRow
from storage.web_models import WebSessionRow
from tests.web.conftest import PASSWORD, csrf_of, sign_in, write_config


def actions(site) -> list[tuple[str, str]]:
    with site.core.sessions() as s:
        return [(a.actor, a.action) for a in s.scalars(select(AuditRow).order_by(AuditRow.id))]


def test_a_set_password_link_works_once(site):
    token = users.add_user(site.core.sessions, "bea", "dsl", "bea@example.com", "office")
    c = site.client()
    page = c.get(f"/set-password/{token}")
    assert page.status_code == 200 and "bea" in page.text
    form = {"password": "short", "again": "short", "csrf": csrf_of(page.text)}
    assert "at least 12 characters" in c.post(f"/set-password/{token}", data=form).text
    form.update(password=PASSWORD, again=PASSWORD)
    r = c.post(f"/set-password/{token}", data=form)
    assert r.status_code == 303 and r.headers["location"] == "/sign-in?m=password-set"
    assert "Your password is set" in c.get(r.headers["location"]).text
    assert c.get(f"/set-password/{token}").status_code == 404
    assert sign_in(c, "bea", PASSWORD).headers["location"] == "/queue"
    assert ("bea", "set_password") in actions(site) and ("bea", "sign_in") in actions(site)


def test_wrong_passwords_lock_the_account_and_are_audited(site):
    site.person("cal", "admin")
    c = site.client()
    for _ in range(users.MAX_FAILURES - 1):
        r = sign_in(c, "cal", "not the password at all")
        assert r.status_code == 401 and "Wrong name or password" in r.text
    r = sign_in(c, "cal", "not the password at all")
    assert r.status_code == 401 and "locked" in r.text
    r = sign_in(c, "cal", PASSWORD)  # even the right password, while locked
    assert r.status_code == 401 and "locked" in r.text
    log = actions(site)
    assert log.count(("cal", "sign_in_failed")) == users.MAX_FAILURES + 1 and ("cal", "account_locked") in log
    token = users.reset_password(site.core.sessions, "cal", "office")  # an administrator unlocks
    users.set_password(site.core.sessions, token, PASSWORD + "!", PASSWORD + "!")
    assert sign_in(c, "cal", PASSWORD + "!").status_code == 303


def test_an_address_with_many_failures_must_wait(site):
    c = site.client()
    for n in range(users.ADDRESS_MAX_FAILURES):
        assert sign_in(c, f"nobody{n}", "wrong").status_code == 401
    site.person("dee", "admin")
    r = sign_in(c, "dee", PASSWORD)
    assert r.status_code == 429 and "wait 15 minutes" in r.text
    assert ("(unknown name)", "sign_in_failed") in actions(site)
    assert all("nobody" not in actor for actor, _ in actions(site))  # names typed are not kept


def test_idle_sessions_expire_and_sign_out_ends_the_session(site):
    c = site.client("admin")
    assert c.get("/queue").status_code == 200
    with site.core.sessions.begin() as s:
        s.execute(update(WebSessionRow).values(last_seen_at=datetime.now(UTC) - timedelta(minutes=31)))
    r = c.get("/queue")
    assert r.status_code == 303 and r.headers["location"] == "/sign-in?m=expired"
    assert "Your session has expired" in c.get("/sign-in?m=expired").text
    c = site.client("admin")
    page = c.get("/queue").text
    cookie = c.cookies.get("moderator_session")
    r = c.post("/sign-out", data={"csrf": csrf_of(page)})
    assert r.status_code == 303 and r.headers["location"] == "/sign-in?m=signed-out"
    replay = site.client()
    replay.cookies.set("moderator_session", cookie)
    assert replay.get("/queue").status_code == 303  # the old cookie is worthless
    assert ("admin-person", "sign_out") in actions(site)


def test_disabling_a_person_ends_their_session(site):
    c = site.client("dsl")
    assert c.get("/queue").status_code == 200
    users.disable_user(site.core.sessions, "dsl-person", "office")
    assert c.get("/queue").status_code == 303
    assert sign_in(site.client(), "dsl-person", PASSWORD).status_code == 401


def test_forwarded_https_is_believed_only_from_a_trusted_proxy(tmp_path, db_url, graph_fake, monkeypatch):
    monkeypatch.setenv("WEB_TEST_FB_TOKEN", graph_fake.state.token)
    extra = '[web]\ntrusted_proxies = ["10.0.0.1"]\n'
    core = App.build(load_config(write_config(tmp_path, db_url, graph_fake.url, extra)), with_engine=False)
    users.set_password(core.sessions, users.add_user(core.sessions, "eve", "admin", "e@example.com", "t"),
                       PASSWORD, PASSWORD)
    from starlette.testclient import TestClient

    for client_addr, secure in ((("10.0.0.1", 5000), True), (("10.0.0.9", 5000), False)):
        c = TestClient(create_app(core), follow_redirects=False, client=client_addr,
                       headers={"x-forwarded-proto": "https", "x-forwarded-for": "192.0.2.7"})
        form = c.get("/sign-in")
        assert ("Secure" in form.headers["set-cookie"]) is secure
        token = csrf_of(form.text)  # sent by hand: the client keeps Secure cookies for https addresses
        r = c.post("/sign-in", data={"name": "eve", "password": PASSWORD, "csrf": token},
                   headers={"cookie": f"moderator_csrf={token}"})
        assert r.status_code == 303
        assert ("Secure" in r.headers["set-cookie"]) is secure
    with core.sessions() as s:
        reasons = [a.reason for a in s.scalars(select(AuditRow).where(AuditRow.action == "sign_in"))]
    assert reasons == ["from 192.0.2.7", "from 10.0.0.9"]
