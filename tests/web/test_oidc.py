"""Sign-in with OpenID Connect against a real provider on loopback: who gets in, with which role, and what the
audit log says. SQLite and PostgreSQL (the identities table is a migration)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from moderator import users
from moderator.app import App
from moderator.config import load_config
from moderator.web.app import create_app
from storage.models import AuditRow
from storage.web_models import WebIdentityRow, WebUserRow
from tests.fakes import graph_fake  # noqa: F401 - fixture
from tests.fakes.oidc_provider import OidcProvider
from tests.web.conftest import PASSWORD, csrf_of, sign_in, write_config

SECRET_VAR = "WEB_TEST_OIDC_SECRET"


def oidc_table(issuer: str, /, **changes) -> str:
    """A [web.oidc] table for the provider at ``issuer``; ``changes`` replace lines by key (None drops one)."""
    lines = {"provider": '"Oakfield 365"', "issuer": f'"{issuer}"', "client_id": '"moderator-test"',
             "client_secret_env": f'"{SECRET_VAR}"', "allowed_domains": '["oakfield.example"]',
             "default_role": '"staff"', "roles": '{ "g-dsl" = "dsl", "g-smt" = "smt", "head@oakfield.example" = '
                                                 '"admin" }'}
    lines.update(changes)
    return "[web.oidc]\n" + "".join(f"{k} = {v}\n" for k, v in lines.items() if v is not None)


@pytest.fixture
def idp():
    provider = OidcProvider.start(client_id="moderator-test", client_secret="test-client-secret")
    yield provider
    provider.stop()


@pytest.fixture
def make_site(tmp_path, db_url, graph_fake, idp, monkeypatch):  # noqa: F811
    """Build the review pages with a [web.oidc] table (``make_site(default_role=None)`` changes it)."""
    monkeypatch.setenv("WEB_TEST_FB_TOKEN", graph_fake.state.token)
    monkeypatch.setenv(SECRET_VAR, idp.client_secret)

    def make(**changes):
        config = load_config(write_config(tmp_path, db_url, graph_fake.url, oidc_table(idp.issuer, **changes)))
        core = App.build(config, with_engine=False)
        return core, create_app(core)

    return make


@pytest.fixture
def site(make_site):
    return make_site()


def provider_sign_in(app, idp, client: TestClient | None = None, tamper=None):
    """Click the provider's button, let the provider answer, and come back; the callback's response."""
    client = client or TestClient(app, follow_redirects=False)
    assert 'href="/oidc/start"' in client.get("/sign-in").text
    r = client.get("/oidc/start")
    assert r.status_code == 302, r.text
    back = httpx.get(r.headers["location"], follow_redirects=False)  # the browser at the provider
    assert back.status_code == 302
    parts = urlsplit(back.headers["location"])
    assert parts.path == "/oidc/callback"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    if tamper:
        tamper(query)
    response = client.get("/oidc/callback", params=query)
    response.client = client
    return response


def audit(core) -> list[tuple[str, str, str]]:
    with core.sessions() as s:
        return [(a.actor, a.action, a.reason or "") for a in s.scalars(select(AuditRow).order_by(AuditRow.id))]


def people(core) -> list[tuple[str, str, str]]:
    with core.sessions() as s:
        return [(u.name, u.role, u.email) for u in s.scalars(select(WebUserRow).order_by(WebUserRow.id))]


def test_happy_path_pkce_account_session_and_audit(site, idp):
    core, app = site
    idp.person = {"sub": "s-head", "email": "head@oakfield.example", "email_verified": True}
    r = provider_sign_in(app, idp)
    assert r.status_code == 303 and r.headers["location"] == "/queue"
    page = r.client.get("/queue")
    assert page.status_code == 200 and "Signed in as head@oakfield.example (admin) with Oakfield 365" in page.text
    asked = idp.authorize_requests[-1]
    assert asked["code_challenge_method"] == "S256" and asked["code_challenge"] and asked["nonce"] and asked["state"]
    assert asked["redirect_uri"] == "http://127.0.0.1:8080/oidc/callback"
    assert people(core) == [("head@oakfield.example", "admin", "head@oakfield.example")]
    log = audit(core)
    assert ("head@oakfield.example", "user_add", "head@oakfield.example as admin, at the first sign-in with "
            "Oakfield 365") in log
    assert ("head@oakfield.example", "sign_in", "with Oakfield 365 from testclient") in log
    # the session is like a password sign-in's: forms work, sign-out ends it
    r2 = r.client.post("/sign-out", data={"csrf": csrf_of(page.text)})
    assert r2.headers["location"] == "/sign-in?m=signed-out" and r.client.get("/queue").status_code == 303


def test_the_link_is_issuer_and_subject_not_the_email(site, idp):
    core, app = site
    idp.person = {"sub": "s-ann", "email": "ann@oakfield.example", "email_verified": True}
    assert provider_sign_in(app, idp).status_code == 303
    idp.person = {"sub": "s-ann", "email": "ann.b@oakfield.example", "email_verified": True}  # renamed
    assert provider_sign_in(app, idp).status_code == 303
    idp.person = {"sub": "s-someone-else", "email": "ann@oakfield.example", "email_verified": True}  # reused
    assert provider_sign_in(app, idp).status_code == 303
    assert [name for name, _, _ in people(core)] == ["ann@oakfield.example", "ann@oakfield.example-2"]
    with core.sessions() as s:
        assert s.scalar(select(func.count()).select_from(WebIdentityRow)) == 2


def test_role_from_group_re_evaluated_at_each_sign_in(site, idp):
    core, app = site
    idp.person = {"sub": "s-dee", "email": "dee@oakfield.example", "email_verified": True, "groups": ["g-smt", "g-dsl"]}
    r = provider_sign_in(app, idp)
    assert r.headers["location"] == "/queue" and people(core)[0][1] == "dsl"  # the most powerful group wins
    idp.person = {**idp.person, "groups": []}  # taken out of the groups at the provider
    r = provider_sign_in(app, idp)
    assert r.headers["location"] == "/check" and people(core)[0][1] == "staff"  # the default role
    assert r.client.get("/queue").status_code == 403
    assert ("dee@oakfield.example", "user_role", "dsl to staff, from Oakfield 365 at sign-in") in audit(core)


@pytest.mark.parametrize("person, message, kind", [
    ({"email": "eve@elsewhere.example", "email_verified": True}, "is not one of the school",
     "e-mail domain not allowed"),
    ({"email": "eve@oakfield.example", "email_verified": False}, "has not verified",
     "e-mail address not verified"),
    ({"email": "eve@oakfield.example", "email_verified": "false"}, "has not verified",
     "e-mail address not verified"),
    ({"name": "Eve"}, "did not give an e-mail address", "no e-mail address in the ID token"),
])
def test_people_outside_the_school_are_refused(site, idp, person, message, kind):
    core, app = site
    idp.person = {"sub": "s-eve", **person}
    r = provider_sign_in(app, idp)
    assert r.status_code == 403 and message in r.text
    assert r.client.get("/queue").status_code == 303  # not signed in
    assert people(core) == []
    assert any(action == "sign_in_failed" and reason.endswith(kind) for _, action, reason in audit(core))


def test_tampered_or_foreign_state_is_refused(site, idp):
    core, app = site
    r = provider_sign_in(app, idp, tamper=lambda q: q.update(state=q["state"] + "x"))
    assert r.status_code == 403 and "did not complete" in r.text
    # a callback URL carried to another browser (which did not start the flow) is refused too
    stolen = {}
    provider_sign_in(app, idp, tamper=lambda q: (stolen.update(q), q.update(code="spoilt")))
    r = TestClient(app, follow_redirects=False).get("/oidc/callback", params=stolen)
    assert r.status_code == 403
    assert people(core) == []
    refusals = [reason for _, action, reason in audit(core) if action == "sign_in_failed"]
    assert len(refusals) == 3 and refusals[0].endswith("state missing or not this browser's")


@pytest.mark.parametrize("change", [
    {"token_changes": {"aud": "another-application"}},
    {"sign_with_wrong_key": True},
    {"token_changes": {"iss": "http://127.0.0.1:1/impostor"}},
    {"token_changes": {"exp": 1_000_000_000}},
    {"token_changes": {"nonce": "not-the-one-sent"}},
])
def test_an_id_token_failing_its_checks_is_refused(site, idp, change):
    core, app = site
    idp.person = {"sub": "s-head", "email": "head@oakfield.example", "email_verified": True}
    for name, value in change.items():
        setattr(idp, name, value)
    r = provider_sign_in(app, idp)
    assert r.status_code == 403 and "did not complete" in r.text
    assert people(core) == [] and r.client.get("/queue").status_code == 303
    assert any(a == "sign_in_failed" and "ID token rejected" in reason for _, a, reason in audit(core))


def test_a_disabled_person_cannot_come_back_by_oidc(site, idp):
    core, app = site
    idp.person = {"sub": "s-fay", "email": "fay@oakfield.example", "email_verified": True}
    c = provider_sign_in(app, idp).client
    assert c.get("/check").status_code == 200
    users.disable_user(core.sessions, "fay@oakfield.example", "office")
    assert c.get("/check").status_code == 303  # the session ended
    r = provider_sign_in(app, idp)
    assert r.status_code == 403 and "disabled" in r.text
    # an account an administrator added and disabled is not side-stepped by a new provider account either
    users.add_user(core.sessions, "gus", "smt", "gus@oakfield.example", "office")
    users.disable_user(core.sessions, "gus", "office")
    idp.person = {"sub": "s-gus", "email": "gus@oakfield.example", "email_verified": True}
    assert provider_sign_in(app, idp).status_code == 403
    assert ("fay@oakfield.example", "sign_in_failed", "with Oakfield 365 from testclient: account disabled") \
        in audit(core)
    assert ("gus", "sign_in_failed", "with Oakfield 365 from testclient: account disabled") in audit(core)
    assert len(people(core)) == 2


def test_without_new_users_only_accounts_an_administrator_added_get_in(make_site, idp):
    core, app = make_site(new_users="false", default_role=None)
    users.add_user(core.sessions, "hal", "dsl", "Hal@Oakfield.example", "office")
    idp.person = {"sub": "s-ivy", "email": "ivy@oakfield.example", "email_verified": True}
    r = provider_sign_in(app, idp)
    assert r.status_code == 403 and "do not have an account here" in r.text
    idp.person = {"sub": "s-hal", "email": "hal@oakfield.example", "email_verified": True}
    r = provider_sign_in(app, idp)
    assert r.status_code == 303 and r.headers["location"] == "/queue"  # the role the administrator gave
    assert [(n, role) for n, role, _ in people(core)] == [("hal", "dsl")]
    idp.person = {**idp.person, "groups": ["g-smt"]}  # roles from groups win while the person is in one
    assert provider_sign_in(app, idp).status_code == 303 and people(core)[0][1] == "smt"
    idp.person = {**idp.person, "groups": []}  # and the administrator's role comes back when they leave it
    assert provider_sign_in(app, idp).status_code == 303 and people(core)[0][1] == "dsl"
    assert ("hal", "sign_in", "with Oakfield 365 from testclient") in audit(core)
    assert ("ivy@oakfield.example", "sign_in_failed", "with Oakfield 365 from testclient: no account "
            "(new_users is off)") in audit(core)


def test_no_role_is_refused_without_a_default(make_site, idp):
    core, app = make_site(default_role=None)
    idp.person = {"sub": "s-jo", "email": "jo@oakfield.example", "email_verified": True, "groups": ["g-other"]}
    r = provider_sign_in(app, idp)
    assert r.status_code == 403 and "no role" in r.text and people(core) == []
    assert ("jo@oakfield.example", "sign_in_failed", "with Oakfield 365 from testclient: no role for this person") \
        in audit(core)


def test_starting_changes_nothing_on_the_server_and_passwords_still_work(site, idp):
    core, app = site
    c = TestClient(app, follow_redirects=False)
    assert "Sign in with Oakfield 365" in c.get("/sign-in").text
    r = c.get("/oidc/start")
    assert r.status_code == 302 and r.headers["location"].startswith(idp.issuer + "/authorize?")
    assert "moderator_oidc=" in r.headers["set-cookie"] and "path=/oidc" in r.headers["set-cookie"]
    assert audit(core) == [] and people(core) == []
    token = users.add_user(core.sessions, "kim", "admin", "kim@example.com", "office")
    users.set_password(core.sessions, token, PASSWORD, PASSWORD)
    assert sign_in(c, "kim", PASSWORD).headers["location"] == "/queue"


def test_an_unreachable_provider_is_said_plainly(make_site, idp):
    core, app = make_site(issuer='"http://127.0.0.1:9"')
    r = TestClient(app, follow_redirects=False).get("/oidc/start")
    assert r.status_code == 502 and "Oakfield 365 cannot be reached just now" in r.text


def test_no_button_without_the_table(make_site, tmp_path, db_url, graph_fake):  # noqa: F811
    core = App.build(load_config(write_config(tmp_path, db_url, graph_fake.url)), with_engine=False)
    c = TestClient(create_app(core), follow_redirects=False)
    assert "Sign in with" not in c.get("/sign-in").text
    assert c.get("/oidc/start").status_code == 404
