"""The review pages of a trust of two schools (Oakfield and Brook Lane, from trust_files) on a real database:
people with roles at one school, at both, or on all schools, and invented findings stored as the daemon
stores them, each school's with words of its own that must never show on the other's pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from starlette.testclient import TestClient

from moderator import users
from moderator.app import App
from moderator.config import load_config
from moderator.web.app import create_app
from storage.models import AccountRow, FindingRow, ItemRow
from storage.web_models import ALL_SCHOOLS
from tests.tenancy.trust_files import write_trust
from tests.web.conftest import PASSWORD, sign_in

# (school, role) pairs of each person; "*" is all schools
PEOPLE = {
    "oak-dsl": [("oakfield", "dsl")],
    "oak-admin": [("oakfield", "admin")],
    "oak-smt": [("oakfield", "smt")],
    "brook-admin": [("brook", "admin")],
    "brook-dsl": [("brook", "dsl")],
    "trust-dsl": [(ALL_SCHOOLS, "dsl")],
    "central": [(ALL_SCHOOLS, "admin")],
    "both": [("oakfield", "smt"), ("brook", "dsl")],
}
# each school's words: a comment's text, and the audit reason of a decision on it
WORDS = {"oakfield": ("Oakfield idiot Marmaduke", "oak reason Quillon"),
         "brook": ("Brook idiot Zebedee", "brook reason Vantablack")}
ACCOUNTS = {"oakfield": "oakfield-feed", "brook": "brook-feed"}


@dataclass
class Trust:
    """The pages of the trust, and a finding per school: {school: (item id, finding id)}."""

    core: App
    app: object
    findings: dict[str, tuple[int, int]]

    def client(self, name: str) -> TestClient:
        """A client signed in as one of ``PEOPLE``."""
        c = TestClient(self.app, follow_redirects=False)
        r = sign_in(c, name, PASSWORD)
        assert r.status_code == 303, r.text
        return c


def person(core: App, name: str, pairs: list[tuple[str, str]]) -> None:
    """An account with the test password and roles (``pairs``), made as the command line makes them."""
    (school, role), *more = pairs
    token = users.add_user(core.sessions, name, role, f"{name}@example.com", "test", school, single=False)
    users.set_password(core.sessions, token, PASSWORD, PASSWORD)
    for school, role in more:
        users.change_role(core.sessions, name, role, "test", school, single=False)


def finding(core: App, school: str, text: str, n: int = 1, label: str = "abuse") -> tuple[int, int]:
    """A held comment of one school's account with one finding on "idiot"; (item id, finding id)."""
    at = datetime.now(UTC) - timedelta(hours=1)
    with core.sessions.begin() as s:
        acct = s.query(AccountRow).filter_by(name=ACCOUNTS[school]).one_or_none()
        if acct is None:
            acct = AccountRow(name=ACCOUNTS[school], platform="file", external_id=ACCOUNTS[school], school=school)
            s.add(acct)
            s.flush()
        item = ItemRow(platform="file", external_id=f"c{n}", account_id=acct.id, kind="comment", by_school=False,
                       text=text, content_hash=f"h-{school}-{n}", created_at=at, first_seen_at=at,
                       permalink=None, visibility="visible", hideable=False, school=school)
        s.add(item)
        s.flush()
        start = text.index("idiot")
        f = FindingRow(item_id=item.id, label=label, score=0.93, severity="high", span_start=start,
                       span_end=start + 5, explanation=f"{label} evidence found", rule=f"The {label} rule.",
                       details={}, content_hash=item.content_hash, decision="hold",
                       decision_reason="policy: hold for review", created_at=at)
        s.add(f)
        s.flush()
        return item.id, f.id


def build(tmp_path, db_url: str, extra: str = "", people: dict | None = None) -> Trust:
    """The trust's pages with ``PEOPLE`` and one finding per school."""
    core = App.build(load_config(write_trust(tmp_path, storage_url=db_url, extra=extra)), with_engine=False)
    for name, pairs in (PEOPLE if people is None else people).items():
        person(core, name, pairs)
    found = {school: finding(core, school, text) for school, (text, _) in WORDS.items()}
    return Trust(core, create_app(core), found)
