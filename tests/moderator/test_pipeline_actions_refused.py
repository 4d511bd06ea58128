"""Errors about one object stay with that object: a refused hide never disables the account.

The pipeline runs over the real file feed on SQLite and PostgreSQL; the platform's refusal is the
file feed's hide raising the errors a connector raises (see connectors/base.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from connectors.base import AccountFatal, ActionRefused
from connectors.file_feed import FileFeedConnector
from moderator.pipeline import MAX_REFUSED_ATTEMPTS, Pipeline
from moderator.review import LogFilter, enable_account, format_log, query_log
from storage.models import AccountRow, ActionRow
from tests.moderator.test_pipeline import KeywordEngine, Reporter, feed_line, hidden_ids, make

LINES = [feed_line("c1", "you BADWORD"), feed_line("c2", "BADWORD too"), feed_line("c3", "lovely day")]


def refusing(monkeypatch, refused: set[str], error=ActionRefused):
    """The platform refuses to hide these items (one object's error), and hides the others."""
    real_hide = FileFeedConnector.hide
    calls = []

    def hide(self, ref):
        calls.append(ref.external_id)
        if ref.external_id in refused:
            raise error("(#100) Unsupported post request for this object")
        real_hide(self, ref)

    monkeypatch.setattr(FileFeedConnector, "hide", hide)
    return calls


def actions(sessions) -> dict[str, ActionRow]:
    with sessions() as s:
        return {a.item.external_id: a for a in s.scalars(select(ActionRow))}


def test_a_refused_hide_is_recorded_on_its_action_and_the_account_carries_on(tmp_path, db_url, monkeypatch):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    refusing(monkeypatch, {"c1"})
    rep = Reporter()
    clock = [datetime.now(UTC)]
    p = Pipeline(config, sessions, KeywordEngine(), reporter=rep, clock=lambda: clock[0])
    (counts,) = p.poll_all()
    assert counts.outcome == "ok" and rep.admin == []
    assert hidden_ids(feed) == {"c2"}, "the other item's hide went ahead"
    got = actions(sessions)
    assert (got["c1"].status, got["c1"].attempts) == ("failed", 1)
    assert "Unsupported post request" in got["c1"].error
    assert got["c1"].next_attempt_at > clock[0], "retried later, with back-off"
    with sessions() as s:
        assert s.scalar(select(AccountRow.disabled_reason)) is None
    with open(feed, "a") as fh:
        fh.write(feed_line("c4", "BADWORD later") + "\n")
    (counts,) = p.poll_all()  # new items still moderated; the refused hide is not due yet
    assert counts.outcome == "ok" and hidden_ids(feed) == {"c2", "c4"}
    assert actions(sessions)["c1"].attempts == 1


def test_a_hide_refused_again_and_again_is_given_up_and_needs_attention(tmp_path, db_url, monkeypatch):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    calls = refusing(monkeypatch, {"c1"})
    clock = [datetime.now(UTC)]
    p = Pipeline(config, sessions, KeywordEngine(), clock=lambda: clock[0])
    for _ in range(MAX_REFUSED_ATTEMPTS + 3):
        p.poll_all()
        clock[0] += timedelta(hours=2)  # past any back-off
    assert calls.count("c1") == MAX_REFUSED_ATTEMPTS, "tried a bounded number of times, then left alone"
    action = actions(sessions)["c1"]
    assert action.status == "abandoned" and f"refused {MAX_REFUSED_ATTEMPTS} times" in action.error
    with sessions() as s:
        log = format_log(s, query_log(s, LogFilter()), as_json=False)
        assert s.scalar(select(AccountRow.disabled_reason)) is None
    attention = log.split("Needs attention:", 1)[1]
    assert f"action {action.id} (hide item {action.item_id}) abandoned after {MAX_REFUSED_ATTEMPTS}" in attention


class RefusedForGood(ActionRefused):
    permanent = True


def test_a_refusal_that_can_never_change_is_given_up_at_once(tmp_path, db_url, monkeypatch):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    calls = refusing(monkeypatch, {"c1"}, error=RefusedForGood)
    clock = [datetime.now(UTC)]
    p = Pipeline(config, sessions, KeywordEngine(), clock=lambda: clock[0])
    for _ in range(3):
        p.poll_all()
        clock[0] += timedelta(hours=2)
    assert calls.count("c1") == 1, "retrying a permanent refusal cannot help"
    action = actions(sessions)["c1"]
    assert action.status == "abandoned" and action.error.startswith("refused for good")
    assert hidden_ids(feed) == {"c2"}


def test_only_a_lost_token_or_permission_disables_the_account(tmp_path, db_url, monkeypatch):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    refusing(monkeypatch, {"c1"}, error=AccountFatal)
    rep = Reporter()
    (counts,) = Pipeline(config, sessions, KeywordEngine(), reporter=rep).poll_all()
    assert counts.outcome == "disabled" and rep.admin == ["Moderation stopped for account feed"]
    assert hidden_ids(feed) == set(), "no further action once the account is disabled"


def test_after_enable_an_earlier_failed_hide_refused_for_its_object_does_not_disable_again(tmp_path, db_url,
                                                                                          monkeypatch):
    config, sessions, feed = make(tmp_path, db_url, LINES)
    refusing(monkeypatch, {"c1"}, error=AccountFatal)  # as the Graph API's code 100 used to be read
    Pipeline(config, sessions, KeywordEngine()).poll_all()
    with sessions() as s:
        assert s.scalar(select(AccountRow.disabled_reason))

    class App:
        pass

    app = App()
    app.sessions = sessions
    assert enable_account(app, "feed", actor="office") == "account feed enabled"
    refusing(monkeypatch, {"c1"})  # now read for what it is: about that one object
    rep = Reporter()
    (counts,) = Pipeline(config, sessions, KeywordEngine(), reporter=rep).poll_all()
    assert counts.outcome == "ok" and rep.admin == []
    assert hidden_ids(feed) == {"c2"}
    got = actions(sessions)
    assert got["c1"].status == "failed" and got["c1"].attempts == 2 and got["c2"].status == "done"
    with sessions() as s:
        assert s.scalar(select(AccountRow.disabled_reason)) is None
