"""`moderator run --once` against fake Graph and X servers on 127.0.0.1: the real facebook-sdk and
tweepy clients, the real detectors, real SQLite; abusive comments hidden on every platform."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from sqlalchemy import select

from moderator.cli import cli
from storage.db import open_database
from storage.models import FindingRow, ItemRow, RunRow
from tests.fakes import graph_fake  # noqa: F401 - fixture
from tests.fakes.config_text import account_toml
from tests.fakes.x_server import x_fake  # noqa: F401 - fixture

ABUSE = "you are a useless f*cking idiot and everyone at this school knows it"
CLEAN = "Thank you for a lovely afternoon, the children really enjoyed it"


def seed_and_configure(tmp_path, graph_fake, x_fake, monkeypatch):  # noqa: F811
    """Invented posts and comments on all three fakes, and a config with one account on each."""
    now = datetime.now(UTC)
    g = graph_fake.state
    post = g.add_post("Our harvest assembly this morning", now - timedelta(hours=3), media="photo")
    fb_abuse = g.add_comment(post, ABUSE, now - timedelta(hours=2))
    fb_clean = g.add_comment(post, CLEAN, now - timedelta(hours=2))
    media = g.add_media("Autumn leaves in the forest school area", now - timedelta(hours=3))
    ig_abuse = g.add_ig_comment(media, ABUSE, now - timedelta(hours=1))
    ig_clean = g.add_ig_comment(media, CLEAN, now - timedelta(hours=1))
    x = x_fake.state
    x.add_user("100", "oakfield_invented")
    x.add_user("200", "visitor_invented")
    x.oauth2_tokens["x-user-token-invented"] = ("100", {"tweet.read", "users.read", "tweet.moderate.write"})
    tweet = x.tweet("100", "Great sports day today!", media=("photo",), created_at=now - timedelta(hours=3))
    x_abuse = x.tweet("200", ABUSE, reply_to=tweet, created_at=now - timedelta(hours=2))
    x_clean = x.tweet("200", CLEAN, reply_to=tweet, created_at=now - timedelta(hours=2))

    monkeypatch.setenv("FB_TOKEN", g.token)
    monkeypatch.setenv("X_TOKEN", "x-user-token-invented")
    cfg = tmp_path / "moderator.toml"
    cfg.write_text(f"""
[school]
name = "Test School"
{account_toml("fb", "facebook", graph_fake.url, "FB_TOKEN")}
{account_toml("ig", "instagram", graph_fake.url, "FB_TOKEN")}
{account_toml("x", "x", x_fake.url, "X_TOKEN")}
[reporting]
dsl = ["dsl@school.example.org"]
smt = ["head@school.example.org"]
outbox = "outbox"
[daemon]
request_timeout_seconds = 5
""")
    return cfg, dict(post=post, fb_abuse=fb_abuse, fb_clean=fb_clean, ig_abuse=ig_abuse, ig_clean=ig_clean,
                     x_abuse=x_abuse, x_clean=x_clean)


def test_run_once_hides_abuse_on_all_three_platforms(tmp_path, graph_fake, x_fake, monkeypatch):  # noqa: F811
    cfg, ids = seed_and_configure(tmp_path, graph_fake, x_fake, monkeypatch)
    g, x = graph_fake.state, x_fake.state
    post, fb_abuse, fb_clean, ig_abuse, ig_clean, x_abuse, x_clean = ids.values()
    runner = CliRunner()
    check = runner.invoke(cli, ["--config", str(cfg), "accounts", "check"], catch_exceptions=False)
    assert check.exit_code == 0 and "FAIL" not in check.output, check.output
    res = runner.invoke(cli, ["--config", str(cfg), "run", "--once"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert g.hidden(fb_abuse) and g.hidden(ig_abuse) and x_abuse in x.hidden
    assert not g.hidden(fb_clean) and not g.hidden(ig_clean) and x_clean not in x.hidden
    sessions = open_database(f"sqlite:///{tmp_path / 'moderator.db'}")
    with sessions() as s:
        items = {(r.platform, r.external_id): r for r in s.scalars(select(ItemRow))}
        assert {("facebook", fb_abuse), ("instagram", ig_abuse), ("x", x_abuse), ("x", x_clean)} <= set(items)
        assert items[("facebook", post)].by_school and items[("facebook", post)].media == ["photo"]
        abuse = {(f.item.platform, f.item.external_id) for f in s.scalars(select(FindingRow))
                 if f.label == "abuse"}
        assert abuse == {("facebook", fb_abuse), ("instagram", ig_abuse), ("x", x_abuse)}
        assert {r.outcome for r in s.scalars(select(RunRow))} == {"ok"}
        for key in (("facebook", fb_abuse), ("instagram", ig_abuse), ("x", x_abuse)):
            assert items[key].visibility == "hidden"
    log = runner.invoke(cli, ["--config", str(cfg), "log", "--json"], catch_exceptions=False)
    rows = [json.loads(line) for line in log.output.splitlines()]
    assert {r["account"] for r in rows if r["label"] == "abuse"} == {"fb", "ig", "x"}
    # a second pass asks the platforms only for what is new and changes nothing
    again = runner.invoke(cli, ["--config", str(cfg), "run", "--once"], catch_exceptions=False)
    assert again.exit_code == 0 and "0 item(s) seen" in again.output


def test_expired_token_disables_only_that_account_and_tells_the_administrators(
        tmp_path, graph_fake, x_fake, monkeypatch):  # noqa: F811
    cfg, ids = seed_and_configure(tmp_path, graph_fake, x_fake, monkeypatch)
    cfg.write_text(cfg.read_text().replace('smt = ["head@school.example.org"]',
                                           'smt = ["head@school.example.org"]\nadmin = ["it@school.example.org"]'))
    graph_fake.fail_next("expired", path="/feed")  # the Page token expires (Graph code 190)
    runner = CliRunner()
    res = runner.invoke(cli, ["--config", str(cfg), "run", "--once"], catch_exceptions=False)
    assert res.exit_code == 3 and "account fb: disabled" in res.output
    assert graph_fake.state.token not in res.output
    assert graph_fake.state.hidden(ids["ig_abuse"]) and ids["x_abuse"] in x_fake.state.hidden
    notices = [p.read_text() for p in (tmp_path / "outbox").glob("*.eml")]
    assert any("it@school.example.org" in n and "fb" in n for n in notices)
    log = runner.invoke(cli, ["--config", str(cfg), "log"], catch_exceptions=False)
    assert "account fb is disabled" in log.output
    again = runner.invoke(cli, ["--config", str(cfg), "run", "--once"], catch_exceptions=False)
    assert "account fb: disabled" in again.output  # stays disabled until a person re-enables it
    enabled = runner.invoke(cli, ["--config", str(cfg), "accounts", "enable", "fb"], catch_exceptions=False)
    assert "enabled" in enabled.output
    third = runner.invoke(cli, ["--config", str(cfg), "run", "--once"], catch_exceptions=False)
    assert third.exit_code == 0, third.output
    assert graph_fake.state.hidden(ids["fb_abuse"])
