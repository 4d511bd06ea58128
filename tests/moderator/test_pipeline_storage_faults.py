"""A bad item never blocks its account: the pipeline's defence when the database refuses an item.

Connectors validate every payload before it becomes an Item; these tests hand the pipeline items
that slipped through anyway (a connector stand-in builds them directly), on real SQLite and
PostgreSQL, and check that the rest of the batch is stored, the cursor moves and the refused item
is recorded as skipped with a reason the administrator sees in `moderator log`.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from connectors.base import Connector, FetchResult, SkippedItem
from core.items import Item
from moderator.pipeline import Pipeline, SimulatedCrash
from moderator.review import LogFilter, format_log, query_log
from storage import repo
from storage.models import ActionRow, CursorRow, ItemRow, RunRow, SkipRow
from tests.moderator.test_pipeline import KeywordEngine, count, make

SECRET = "Canary Quillfeather lives at 12 Example Row"


def comment(ext: str, text: str, **kw) -> Item:
    return Item(platform="file", external_id=ext, kind="comment", by_school=False, text=text, hideable=True, **kw)


class StubConnector(Connector):
    """Hands over prepared batches, one per fetch, and records what it was asked to hide."""

    platform = "file"

    def __init__(self, account, batches):
        super().__init__(account)
        self.batches, self.cursors, self.hidden = list(batches), [], []

    def fetch(self, cursor, since):
        self.cursors.append(cursor)
        n = int((cursor or {}).get("n", 0))
        if n >= len(self.batches):
            return FetchResult(cursor={"n": n})
        items, skipped = self.batches[n]
        return FetchResult(items=list(items), skipped=list(skipped), cursor={"n": n + 1})

    def hide(self, ref):
        self.hidden.append(ref.external_id)


def refused_items(db_url: str) -> list[Item]:
    """Items the database refuses: a lone surrogate in an id everywhere; PostgreSQL's limits too."""
    bad = [comment("c\ud800x", SECRET + " BADWORD")]
    if db_url.startswith("postgresql"):
        bad += [comment("L" * 300, SECRET), comment("nul\x00id", SECRET),
                comment("c-permalink", SECRET, permalink="https://x.example/\x00"),
                comment("c-parent", SECRET, parent_external_id="p" * 250)]
    return bad


def pipeline_with(tmp_path, db_url, batches, engine=None):
    config, sessions, _ = make(tmp_path, db_url, [])
    pipeline = Pipeline(config, sessions, engine or KeywordEngine())
    stub = StubConnector(config.accounts[0], batches)
    pipeline._connectors["feed"] = stub
    return pipeline, sessions, stub


def test_an_item_the_database_refuses_is_skipped_and_the_rest_of_the_batch_goes_in(tmp_path, db_url, caplog):
    bad = refused_items(db_url)
    good = [comment("c1", "you BADWORD"), comment("c2", "lovely day"), comment("c3", "well done PUPILNAME")]
    batch = [good[0], *bad, good[1], good[2]]
    pipeline, sessions, stub = pipeline_with(tmp_path, db_url, [(batch, []), ([comment("c4", "BADWORD again")], [])])
    caplog.set_level(logging.DEBUG)
    (counts,) = pipeline.poll_all()
    assert counts.outcome == "ok"
    assert counts.skipped["could not be stored"] == len(bad)
    assert counts.findings == {"abuse": 1, "named_child": 1}
    with sessions() as s:
        assert sorted(s.scalars(select(ItemRow.external_id))) == ["c1", "c2", "c3"]
        skips = list(s.scalars(select(SkipRow)))
        assert s.scalar(select(CursorRow.value)) == {"n": 1}
        assert s.scalar(select(RunRow.outcome)) == "ok"
        assert {a.status for a in s.scalars(select(ActionRow))} == {"done"}
    assert len(skips) == len(bad)
    for skip in skips:
        assert skip.reason.startswith("could not be stored (") and "Error" in skip.reason
        assert SECRET not in skip.reason and "\x00" not in skip.external_id and len(skip.external_id) <= 200
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in skip.external_id)
    assert sorted(stub.hidden) == ["c1", "c3"]
    assert not any(SECRET in r.getMessage() or SECRET in (r.exc_text or "") for r in caplog.records)
    (counts,) = pipeline.poll_all()  # the cursor moved past the bad batch: the next one comes
    assert stub.cursors[-1] == {"n": 1} and counts.seen == 1 and "c4" in stub.hidden


def test_skipped_items_are_listed_under_needs_attention_in_the_log(tmp_path, db_url):
    bad = refused_items(db_url)
    long_text = comment("c9", "x" * 5000)  # the keyword engine skips it as too long
    malformed = SkippedItem("c8", "line 8: malformed item (created_time must be a string)")
    pipeline, sessions, _ = pipeline_with(tmp_path, db_url, [([comment("c1", "BADWORD"), *bad, long_text],
                                                                [malformed])])
    pipeline.poll_all()
    with sessions() as s:
        text = format_log(s, query_log(s, LogFilter()), as_json=False)
    attention = text.split("Needs attention:", 1)[1]
    total = len(bad) + 2
    assert f"! {total} item(s) skipped on account feed in the last 7 days" in attention
    assert f"could not be stored {len(bad)}" in attention
    assert "malformed item 1" in attention and "text too long to analyse 1" in attention
    assert "item c8: line 8: malformed item (created_time must be a string)" in attention
    assert SECRET not in attention


def test_a_crash_while_storing_item_by_item_still_commits_nothing(tmp_path, db_url):
    batch = [comment("c1", "BADWORD"), *refused_items(db_url), comment("c2", "fine")]
    pipeline, sessions, stub = pipeline_with(tmp_path, db_url, [(batch, [])])
    pipeline.crash_before_commit = True
    with pytest.raises(SimulatedCrash):
        pipeline.poll_all()
    assert count(sessions, ItemRow) == 0 and count(sessions, SkipRow) == 0 and count(sessions, CursorRow) == 0
    assert stub.hidden == []
    pipeline.crash_before_commit = False
    (counts,) = pipeline.poll_all()
    assert counts.outcome == "ok" and count(sessions, ItemRow) == 2 and stub.hidden == ["c1"]


class ExplodingEngine(KeywordEngine):
    """Fails on any batch holding the word EXPLODE, as a detector bug on one hostile item would."""

    def analyze(self, items):
        if any("EXPLODE" in it.text for it in items):
            raise RuntimeError("detector bug")
        return super().analyze(items)


def test_an_item_that_breaks_the_detectors_is_skipped_and_the_others_analysed(tmp_path, db_url):
    batch = [comment("c1", "BADWORD"), comment("c2", "EXPLODE " + SECRET), comment("c3", "PUPILNAME")]
    pipeline, sessions, stub = pipeline_with(tmp_path, db_url, [(batch, [])], engine=ExplodingEngine())
    (counts,) = pipeline.poll_all()
    assert counts.outcome == "ok" and counts.analysed == 2 and counts.skipped["analysis failed (RuntimeError)"] == 1
    with sessions() as s:
        skip = s.scalars(select(SkipRow)).one()
        assert (skip.external_id, skip.reason) == ("c2", "analysis failed (RuntimeError)")
        assert s.scalar(select(ItemRow.skip_reason).where(ItemRow.external_id == "c2")) == skip.reason
    assert sorted(stub.hidden) == ["c1", "c3"]


def test_a_connector_skip_with_an_unstorable_id_is_still_recorded(tmp_path, db_url):
    skipped = [SkippedItem("x" * 300 + "\x00\ud800", "line 1: malformed item (id too long)")]
    pipeline, sessions, _ = pipeline_with(tmp_path, db_url, [([comment("c1", "fine")], skipped)])
    (counts,) = pipeline.poll_all()
    assert counts.outcome == "ok" and counts.skipped["malformed item"] == 1
    with sessions() as s:
        skip = s.scalars(select(SkipRow)).one()
        assert skip.external_id.startswith("x" * 100) and len(skip.external_id) <= 200
        assert repo.get_cursor(s, skip.account_id) == {"n": 1}


def test_a_database_that_is_down_or_busy_fails_the_poll_and_loses_nothing(tmp_path, db_url, monkeypatch):
    from sqlalchemy.exc import OperationalError

    batch = [comment("c1", "BADWORD"), comment("c2", "fine"), comment("c3", "PUPILNAME")]
    pipeline, sessions, stub = pipeline_with(tmp_path, db_url, [(batch, [])])
    real_upsert = repo.upsert_item

    def busy(s, account_id, item, row, flush=True):
        if item.external_id == "c2":
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return real_upsert(s, account_id, item, row, flush)

    monkeypatch.setattr(repo, "upsert_item", busy)
    (counts,) = pipeline.poll_all()
    assert counts.outcome == "failed" and "OperationalError" in counts.error
    assert count(sessions, ItemRow) == 0 and count(sessions, SkipRow) == 0 and count(sessions, CursorRow) == 0
    monkeypatch.setattr(repo, "upsert_item", real_upsert)
    (counts,) = pipeline.poll_all()  # the same batch again, all of it
    assert counts.outcome == "ok" and count(sessions, ItemRow) == 3 and sorted(stub.hidden) == ["c1", "c3"]
