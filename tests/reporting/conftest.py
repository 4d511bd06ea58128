"""A real SMTP server on loopback (aiosmtpd), a config pointing at it, and invented database rows."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from moderator.config import Config, load_config
from storage.db import open_database
from storage.models import AccountRow, FindingRow, ItemRow, RunRow
from tests.conftest import OAKFIELD
from tests.fakes import free_port

SMT = ["head@example.com", "deputy@example.com"]
DSL = ["dsl@example.com"]
ADMIN = ["it@example.com"]


class Recorder:
    """Records every accepted envelope; answers ``refuse`` (e.g. "451 ...") to DATA while it is set."""

    def __init__(self) -> None:
        self.envelopes: list = []
        self.refuse: str | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse:
            return self.refuse
        self.envelopes.append(envelope)
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]



@pytest.fixture
def smtp_server():
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


class Clock:
    """A settable clock for the reporter: aware UTC."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))  # a Monday, 09:00 in London


@pytest.fixture
def make_config(tmp_path):
    """Write a small moderator.toml (roster copied from the invented Oakfield set) and load it."""

    def make(smtp_port: int | None = None, extra: str = "") -> Config:
        shutil.copy(OAKFIELD / "roster.csv", tmp_path / "roster.csv")
        smtp = f'smtp = {{host = "127.0.0.1", port = {smtp_port}, security = "none", timeout = 5}}' \
            if smtp_port else ""
        (tmp_path / "moderator.toml").write_text(f"""
[school]
name = "Oakfield Primary"
roster = "roster.csv"

[reporting]
smt = {SMT!r}
dsl = {DSL!r}
admin = {ADMIN!r}
digest_cron = "0 7 * * *"
timezone = "Europe/London"
outbox = "outbox"
{smtp}
{extra}
""".replace("'", '"'))
        return load_config(tmp_path / "moderator.toml")

    return make


@pytest.fixture
def db(db_url):
    """A migrated database: a SQLite file in tmp_path, and a fresh PostgreSQL schema."""
    return open_database(db_url)


class Data:
    """Inserts invented accounts, items, findings and runs."""

    def __init__(self, session_factory) -> None:
        self.sf = session_factory
        self.n = 0

    def account(self, name: str = "oakfield-fb", platform: str = "facebook") -> int:
        with self.sf.begin() as s:
            row = AccountRow(name=name, platform=platform, external_id=f"page-{name}")
            s.add(row)
            s.flush()
            return row.id

    def finding(self, account_id: int, text: str, label: str, span: str | None, *, severity: str = "high",
                at: datetime, decision: str = "hide", details: dict | None = None, item_id: int | None = None,
                visibility: str = "hidden", alert_to: str | None = None) -> tuple[int, int]:
        """A stored finding; ``alert_to`` as the pipeline records the policy's decision (None: a row older than
        that column, alerting by the label's minimum severity)."""
        with self.sf.begin() as s:
            if item_id is None:
                self.n += 1
                item = ItemRow(platform="facebook", external_id=f"c{self.n}", account_id=account_id,
                               kind="comment", by_school=False, text=text, content_hash=f"h{self.n}",
                               permalink=f"https://www.facebook.com/oakfield/posts/1?comment_id={self.n}",
                               created_at=at, visibility=visibility, hideable=True, first_seen_at=at)
                s.add(item)
                s.flush()
                item_id = item.id
            start = text.index(span) if span else 0
            row = FindingRow(item_id=item_id, label=label, score=0.9, severity=severity, span_start=start,
                             span_end=start + len(span) if span else 0,
                             explanation=f"{label} evidence found", rule=f"The {label} rule.",
                             details=details or {}, content_hash="h", decision=decision,
                             decision_reason="policy: hide comments by others", created_at=at, alert_to=alert_to)
            s.add(row)
            s.flush()
            return item_id, row.id

    def run(self, account_id: int, at: datetime, outcome: str = "ok", seen: int = 5) -> None:
        with self.sf.begin() as s:
            s.add(RunRow(account_id=account_id, started_at=at, finished_at=at, outcome=outcome,
                         counts={"seen": seen, "new": seen, "analysed": seen, "skipped": {"too long": 1}}))


@pytest.fixture
def data(db) -> Data:
    return Data(db)


def parts(msg: EmailMessage) -> tuple[str, str]:
    """The plain-text and HTML parts of a message, decoded."""
    return (msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content())
