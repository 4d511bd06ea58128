"""The review pages on a real database: a config with one Facebook account on the fake Graph API, people of
each role, invented findings, and a signed-in Starlette test client."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from moderator import users
from moderator.app import App
from moderator.config import load_config
from moderator.web.app import create_app
from storage.models import AccountRow, FindingRow, ItemRow
from tests.conftest import OAKFIELD
from tests.fakes import graph_fake  # noqa: F401 - fixture
from tests.fakes.config_text import account_toml
from tests.fakes.graph_server import PAGE_ID

PASSWORD = "correct horse battery staple"
ROLES = ("admin", "dsl", "smt", "staff")
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def write_config(tmp_path, db_url: str, graph_url: str, extra: str = "") -> str:
    """A moderator.toml: the invented Oakfield roster, a Facebook Page on the fake, the outbox for mail."""
    shutil.copy(OAKFIELD / "roster.csv", tmp_path / "roster.csv")
    path = tmp_path / "moderator.toml"
    path.write_text(f"""
[school]
name = "Oakfield Primary"
roster = "roster.csv"
{account_toml("oakfield-fb", "facebook", graph_url, "WEB_TEST_FB_TOKEN")}
[reporting]
smt = ["head@example.com"]
dsl = ["dsl@example.com"]
admin = ["it@example.com"]
outbox = "outbox"
[storage]
url = "{db_url}"
[daemon]
request_timeout_seconds = 5
{extra}
""")
    return str(path)


@dataclass
class Site:
    """A built core application, its pages and helpers to fill and sign in."""

    core: App
    app: object
    fake: object

    def person(self, name: str, role: str) -> str:
        """An account with the shared test password; its name."""
        token = users.add_user(self.core.sessions, name, role, f"{name}@example.com", "test")
        users.set_password(self.core.sessions, token, PASSWORD, PASSWORD)
        return name

    def client(self, role: str | None = None, **kw) -> TestClient:
        """A test client, signed in as a person of ``role`` when given."""
        c = TestClient(self.app, follow_redirects=False, **kw)
        if role is not None:
            name = f"{role}-person"
            try:
                self.person(name, role)
            except users.UserError:
                pass  # already made for another client
            r = sign_in(c, name, PASSWORD)
            assert r.status_code == 303, r.text
        return c

    def finding(self, text: str, span: str, label: str = "abuse", severity: str = "high", *,
                hidden_on_fake: bool = True, decision: str = "hide", at: datetime | None = None,
                details: dict | None = None) -> tuple[int, int]:
        """A comment on the fake Page, stored as the daemon stores it, with one finding; (item id, finding id)."""
        at = at or datetime.now(UTC) - timedelta(hours=1)
        post = self.fake.state.add_post("Harvest assembly", at - timedelta(hours=1))
        cid = self.fake.state.add_comment(post, text, at)
        self.fake.state.comments[cid]["row"]["is_hidden"] = hidden_on_fake
        with self.core.sessions.begin() as s:
            acct = s.query(AccountRow).filter_by(name="oakfield-fb").one_or_none()
            if acct is None:
                acct = AccountRow(name="oakfield-fb", platform="facebook", external_id=PAGE_ID)
                s.add(acct)
                s.flush()
            item = ItemRow(platform="facebook", external_id=cid, account_id=acct.id, kind="comment",
                           by_school=False, text=text, content_hash=f"h-{cid}", created_at=at, first_seen_at=at,
                           permalink=f"https://www.facebook.com/{post}?comment_id={cid}",
                           visibility="hidden" if hidden_on_fake else "visible", hideable=True)
            s.add(item)
            s.flush()
            start = text.index(span)
            f = FindingRow(item_id=item.id, label=label, score=0.93, severity=severity, span_start=start,
                           span_end=start + len(span), explanation=f"{label} evidence found",
                           rule=f"The {label} rule.", details=details or {}, content_hash=f"h-{cid}",
                           decision=decision, decision_reason="policy: hide comments by others", created_at=at)
            s.add(f)
            s.flush()
            return item.id, f.id


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    m = CSRF_RE.search(html)
    assert m, "no CSRF field on the page"
    return m.group(1)


def sign_in(client: TestClient, name: str, password: str):
    """Sign in through the form, as a browser would."""
    token = csrf_of(client.get("/sign-in").text)
    return client.post("/sign-in", data={"name": name, "password": password, "csrf": token})


def post_form(client: TestClient, page: str, action: str, data: dict):
    """Submit a form found on ``page`` (with its CSRF token) to ``action``."""
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf": token})


SMTP = '[reporting.smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout = 5\n'


def mail_site(tmp_path, db_url, fake, monkeypatch, smtp_port: int, web: str = "") -> Site:
    """The pages with mail going to a real SMTP server on loopback, and ``web`` added to the configuration."""
    monkeypatch.setenv("WEB_TEST_FB_TOKEN", fake.state.token)
    core = App.build(load_config(write_config(tmp_path, db_url, fake.url, SMTP.format(port=smtp_port) + web)),
                     with_engine=False)
    return Site(core, create_app(core), fake)


@pytest.fixture
def site(tmp_path, db_url, graph_fake, monkeypatch):  # noqa: F811
    """The review pages on SQLite and on PostgreSQL."""
    monkeypatch.setenv("WEB_TEST_FB_TOKEN", graph_fake.state.token)
    config = load_config(write_config(tmp_path, db_url, graph_fake.url))
    core = App.build(config, with_engine=False)
    return Site(core, create_app(core), graph_fake)
