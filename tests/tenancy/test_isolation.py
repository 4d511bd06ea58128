"""Two schools in one installation never see each other's data: analysis, alerts, digests, the log.

Oakfield and Brook Lane share a pupil first name (Amelia) and one comment id ("c1"); Jacob is Oakfield's pupil
only. Real detectors, the real CLI, SQLite and PostgreSQL.
"""

from __future__ import annotations

import email
import json
from email import policy as email_policy
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from moderator.cli import cli
from storage.db import open_database
from storage.models import FindingRow, ItemRow
from tests.tenancy.trust_files import write_trust

PRAISE = " was brilliant in the nativity today, so proud of him!"
FEEDS = {
    "oakfield": [("c1", "Jacob Ellerby" + PRAISE)],
    "brook": [("c1", "Jacob Ellerby" + PRAISE), ("c2", "Tobias Wrenfield" + PRAISE),
              ("c3", "Amelia Thornbury" + PRAISE.replace("him", "her"))],
}
ALERT_ALL_NAMED = '[policy.named_child]\nalert_min_severity = "high"\nalert_min_score = 0.0\n'


def _feed(path: Path, comments) -> None:
    lines = [{"id": "p1", "kind": "post", "author": "school", "text": "Our nativity this morning!",
              "created_time": "2026-11-20T09:00:00Z"}]
    lines += [{"id": cid, "kind": "comment", "author": "public", "parent": "p1", "text": text,
               "created_time": "2026-11-20T10:00:00Z"} for cid, text in comments]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def _mails(outbox: Path) -> list[tuple[str, str, str]]:
    """(to, subject, every text part) of each message in the outbox."""
    out = []
    for f in sorted(outbox.glob("*.eml")):
        msg = email.message_from_bytes(f.read_bytes(), policy=email_policy.default)
        body = "".join(part.get_content() for part in msg.walk() if part.get_content_type() == "text/plain")
        out.append((str(msg["To"]), str(msg["Subject"]), body))
    return out


@pytest.fixture
def trust(tmp_path, db_url):
    path = write_trust(tmp_path, storage_url=db_url, extra=ALERT_ALL_NAMED)
    for slug, comments in FEEDS.items():
        _feed(tmp_path / f"{slug}.jsonl", comments)
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(path), "run", "--once"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path, path, runner, db_url


def test_each_school_is_judged_against_its_own_roster(trust):
    _, _, _, url = trust
    with open_database(url)() as s:
        rows = s.execute(select(ItemRow.school, ItemRow.external_id, FindingRow.details)
                         .join(FindingRow, FindingRow.item_id == ItemRow.id)
                         .where(FindingRow.label == "named_child")).all()
        schools = dict(s.execute(select(ItemRow.external_id + "@" + ItemRow.school, ItemRow.school)).all())
    refs = {(school, ext): d.get("pupil_ref") for school, ext, d in rows}
    assert refs[("oakfield", "c1")] == "JE-3"  # Jacob is Oakfield's pupil
    assert refs[("brook", "c2")] == "TW-2"
    # on Brook's account, Oakfield's pupils are not roster pupils: Brook's roster judged them
    assert not {"JE-3", "AT-4"} & {ref for (school, _), ref in refs.items() if school == "brook"}
    assert set(schools.values()) == {"oakfield", "brook"} and len(schools) == 6  # "c1" stored once per school


def test_alerts_go_to_each_schools_own_dsl_with_its_own_findings_only(trust):
    folder, *_ = trust
    alerts = [(to, body) for to, subject, body in _mails(folder / "outbox") if "alert" in subject.lower()]
    assert {to for to, _ in alerts} == {"dsl@oakfield.example.sch.uk", "dsl@brook.example.sch.uk"}
    for to, body in alerts:
        own, other = ("oakfield-feed", "brook-feed") if "oakfield" in to else ("brook-feed", "oakfield-feed")
        assert own in body and other not in body


def test_digests_hold_each_schools_findings_and_the_trust_digest_only_counts(trust):
    folder, path, runner, _ = trust
    before = {f.name for f in (folder / "outbox").glob("*.eml")}
    result = runner.invoke(cli, ["--config", str(path), "digest", "--send"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    new = [m for f, m in zip(sorted((folder / "outbox").glob("*.eml")), _mails(folder / "outbox"), strict=True)
           if f.name not in before]
    by_to = {to: (subject, body) for to, subject, body in new}
    assert set(by_to) == {"head@oakfield.example.sch.uk", "head@brook.example.sch.uk", "ceo@riverside.example.org"}
    oak, brook = by_to["head@oakfield.example.sch.uk"], by_to["head@brook.example.sch.uk"]
    assert "oakfield-feed" in oak[1] and "brook-feed" not in oak[1] and "Oakfield Primary" in oak[0]
    assert "brook-feed" in brook[1] and "oakfield-feed" not in brook[1] and "Brook Lane" in brook[0]
    subject, body = by_to["ceo@riverside.example.org"]
    assert "Riverside Learning Trust" in subject
    assert "Oakfield Primary School (oakfield): 1 finding" in body and "Brook Lane Academy (brook): " in body
    for secret in ("Jacob", "Tobias", "Amelia", "Ellerby", "-feed"):
        assert secret not in body


def test_moderator_log_by_school_lists_that_schools_findings_only(trust):
    _, path, runner, _ = trust
    for school, own, other in (("brook", "brook-feed", "oakfield-feed"), ("oakfield", "oakfield-feed", "brook-feed")):
        out = runner.invoke(cli, ["--config", str(path), "log", "--school", school], catch_exceptions=False).output
        assert own in out and other not in out
    bad = runner.invoke(cli, ["--config", str(path), "log", "--school", "nowhere"])
    assert bad.exit_code != 0 and "unknown school 'nowhere'" in bad.output


def test_moderator_status_by_school_shows_that_schools_accounts_only(trust):
    _, path, runner, _ = trust
    out = runner.invoke(cli, ["--config", str(path), "status", "--school", "brook", "--json"],
                        catch_exceptions=False).output
    rows = [json.loads(line) for line in out.splitlines() if '"account"' in line]
    assert [(r["school"], r["account"], r["last_outcome"]) for r in rows] == [("brook", "brook-feed", "ok")]
    table = runner.invoke(cli, ["--config", str(path), "status"], catch_exceptions=False).output
    assert table.splitlines()[0].startswith("school") and "oakfield  oakfield-feed" in table


def test_review_and_digest_by_school_touch_that_school_only(trust):
    _, path, runner, url = trust
    with open_database(url)() as s:
        brook_finding = s.scalar(select(FindingRow.id).join(ItemRow).where(ItemRow.school == "brook"))
    args = ["--config", str(path), "review", str(brook_finding), "dismiss", "--reason", "a parent's praise"]
    refused = runner.invoke(cli, [*args, "--school", "oakfield"])
    assert refused.exit_code != 0 and f"no finding with id {brook_finding} in school 'oakfield'" in refused.output
    with open_database(url)() as s:
        assert s.get(FindingRow, brook_finding).review_status != "dismissed"
    assert runner.invoke(cli, [*args, "--school", "brook"], catch_exceptions=False).exit_code == 0
    with open_database(url)() as s:
        assert s.get(FindingRow, brook_finding).review_status == "dismissed"
    preview = runner.invoke(cli, ["--config", str(path), "digest", "--print", "--school", "brook"],
                            catch_exceptions=False).output
    assert "brook-feed" in preview and "oakfield-feed" not in preview and "Brook Lane" in preview


def test_a_draft_is_checked_against_its_own_schools_roster(tmp_path):
    path = write_trust(tmp_path)
    runner = CliRunner()
    draft = "Well done Jacob Ellerby in Year 3 for his brilliant reading today!"
    refused = runner.invoke(cli, ["--config", str(path), "check", draft])
    assert refused.exit_code != 0 and "say whose draft it is with --school" in refused.output
    oak = runner.invoke(cli, ["--config", str(path), "check", draft, "--school", "oakfield"]).output
    brook = runner.invoke(cli, ["--config", str(path), "check", draft, "--school", "brook"]).output
    assert "roster pupil JE-3" in oak  # Jacob is Oakfield's pupil
    assert "JE-3" not in brook  # on Brook's roster he is no one's


def test_an_account_moved_to_another_school_waits_and_says_why(trust):
    _, path, runner, _ = trust
    text = path.read_text().replace('name = "oakfield-feed"', 'name = "brook-feed"')
    brook = path.parent / "schools.d" / "brook.toml"
    brook.write_text(brook.read_text().replace('name = "brook-feed"', 'name = "oakfield-feed"'))
    path.write_text(text)  # the two accounts swap schools: their histories stay where they were
    result = runner.invoke(cli, ["--config", str(path), "run", "--once"])
    assert result.exit_code == 3, result.output
    assert "account brook-feed: failed (account brook-feed: its history belongs to school 'brook'" in result.output
