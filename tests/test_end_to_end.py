"""The demo configuration end to end through the real CLI, real detectors and real SQLite."""

from __future__ import annotations

import email
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from moderator.cli import cli
from storage.db import open_database
from storage.models import ActionRow, AuditRow, FindingRow, ItemRow, SkipRow

ROOT = Path(__file__).resolve().parent.parent

# The sample feed's comments by label, as a school's administrator would judge them.
MUST_HIDE = {"c102": "named_child", "c103": "commercial", "c104": "abuse", "c111": "unsafe_link",
             "c112": "personal_data", "c122": "commercial", "c123": "unsafe_link"}
# "watch your back at pick up": a threat; hidden when the learned model agrees with the threat rule and the
# calibration finds such threats right often enough (since 2026-11-30: 97 % pooled), else held for a person; the
# DSL is told at once either way
HELD_AND_ALERTED = {"c125": "abuse"}
CLEAN = {"c101", "c105", "c113", "c121"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The sample copied to a temporary folder and run once."""
    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "sample", folder, dirs_exist_ok=True)
    runner = CliRunner()
    config = str(folder / "config.toml")
    first = runner.invoke(cli, ["--config", config, "run", "--once"], catch_exceptions=False)
    return folder, config, runner, first


def db(folder: Path):
    return open_database(f"sqlite:///{folder / 'moderator.db'}")


def hidden(folder: Path) -> set[str]:
    return set(json.loads((folder / "feed.jsonl.state.json").read_text())["hidden"])


def test_first_run_records_items_findings_and_hides_offending_comments(demo):
    folder, config, runner, first = demo
    assert first.exit_code == 0, first.output
    assert "15 item(s) seen" in first.output and "Findings by label" in first.output
    sessions = db(folder)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ItemRow)) == 15
        assert "line 15" in s.scalars(select(SkipRow.reason)).one()
        labels = {(f.item.external_id, f.label) for f in s.scalars(select(FindingRow))}
    for ext, label in {**MUST_HIDE, **HELD_AND_ALERTED}.items():
        assert (ext, label) in labels, (ext, label)
    assert not {ext for ext, _ in labels} & CLEAN
    assert set(MUST_HIDE) <= hidden(folder)
    with sessions() as s:
        for ext, label in HELD_AND_ALERTED.items():
            f = s.scalars(select(FindingRow).join(ItemRow).where(ItemRow.external_id == ext,
                                                                 FindingRow.label == label)).one()
            assert f.decision in ("hide", "hold") and f.severity == "critical" and "dsl" in (f.alert_to or ""), ext
    assert not hidden(folder) & (CLEAN | {"p100", "p110", "p120"})


def test_school_post_naming_a_pupil_beside_a_photo_is_critical_and_flagged(demo):
    folder, *_ = demo
    with db(folder)() as s:
        f = s.scalars(select(FindingRow).join(ItemRow).where(ItemRow.external_id == "p110",
                                                             FindingRow.label == "named_child")).first()
    assert f is not None and f.severity == "critical" and f.decision == "flag"
    assert "Ivy" not in f.explanation and "Chambers" not in f.explanation


def test_second_run_over_the_same_feed_adds_nothing(demo):
    folder, config, runner, _ = demo
    with db(folder)() as s:
        before = [s.scalar(select(func.count()).select_from(m)) for m in (ItemRow, FindingRow, ActionRow)]
    again = runner.invoke(cli, ["--config", config, "run", "--once"], catch_exceptions=False)
    assert again.exit_code == 0 and "0 item(s) seen" in again.output
    with db(folder)() as s:
        assert [s.scalar(select(func.count()).select_from(m)) for m in (ItemRow, FindingRow, ActionRow)] == before


def test_digest_goes_to_the_outbox_without_a_mail_server(demo):
    folder, config, runner, _ = demo
    sent = runner.invoke(cli, ["--config", config, "digest", "--send"], catch_exceptions=False)
    assert sent.exit_code == 0, sent.output
    emls = sorted((folder / "outbox").glob("*.eml"))
    digests = [m for m in (email.message_from_bytes(p.read_bytes()) for p in emls)
               if "head@oakfield.example.sch.uk" in m["To"]]
    assert digests, [p.name for p in emls]
    body = digests[-1].get_body(("plain",)) if hasattr(digests[-1], "get_body") else None
    text = (body or digests[-1]).get_payload(decode=True) if body else digests[-1].as_string()
    text = text.decode() if isinstance(text, bytes) else text
    assert "abuse" in text and "07700 900461" not in text


def test_log_shows_findings_and_review_dismiss_restores_with_audit(demo):
    folder, config, runner, _ = demo
    out = runner.invoke(cli, ["--config", config, "log", "--label", "abuse", "--json"], catch_exceptions=False)
    rows = [json.loads(line) for line in out.output.splitlines()]
    c104 = next(r for r in rows if r["item"] == "c104")
    assert c104["visibility"].startswith("hidden")
    res = runner.invoke(cli, ["--config", config, "review", str(c104["id"]), "dismiss", "--reason",
                              "parent apologised", "--by", "office"], catch_exceptions=False)
    assert res.exit_code == 0 and "restore of the item: done" in res.output
    assert "c104" not in hidden(folder)
    with db(folder)() as s:
        acts = [(a.actor, a.action) for a in s.scalars(select(AuditRow).where(AuditRow.finding_id == c104["id"]))]
    assert acts == [("office", "dismiss"), ("office", "restore")]
    twice = runner.invoke(cli, ["--config", config, "review", str(c104["id"]), "confirm", "--reason", "x"])
    assert twice.exit_code == 2 and "already dismissed" in twice.output


def test_user_errors_are_one_line_and_non_zero(demo, tmp_path):
    folder, config, runner, _ = demo
    cases = [
        (["--config", str(tmp_path / "none.toml"), "log"], "not found"),
        (["--config", config, "log", "--account", "nobody"], "unknown account"),
        (["--config", config, "review", "99999", "confirm", "--reason", "x"], "no finding with id"),
        (["--config", config, "log", "--since", "yesterday"], "--since must be a date"),
    ]
    for args, message in cases:
        res = runner.invoke(cli, args)
        assert res.exit_code == 2, (args, res.output)
        assert message in res.output and "Traceback" not in res.output
        assert len(res.output.strip().splitlines()) == 1
