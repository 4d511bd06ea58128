"""Each hostile feed-line shape of issue 8 through the real pipeline, on real SQLite and PostgreSQL.

Every bad line is recorded as a skip with its reason, the lines after it are stored and acted
on, the cursor moves past it (a second poll neither re-reads nor re-records it), and the account
stays enabled.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import select

from moderator.config import parse_config
from moderator.pipeline import Pipeline
from storage.db import open_database
from storage.models import AccountRow, ItemRow, SkipRow
from tests.moderator.test_pipeline import KeywordEngine


def line(**row) -> bytes:
    return json.dumps(row).encode()


DEEP = b'{"id": "deep", "text": ' + b"[" * 1000 + b"]" * 1000 + b"}"
SHAPES = [  # (name, the bad line, the external id a skip may name, a fragment of its reason)
    ("numeric created_time", line(id="b1", text="hi", created_time=1763629200), "b1", "created_time: not a time"),
    ("date overflows in UTC", line(id="b2", text="hi", created_time="0001-01-01T00:00:00+05:00"), "b2",
     "out of range"),
    ("date far in the future", line(id="b3", text="hi", created_time="9999-12-31T23:59:59-05:00"), "b3",
     "out of range"),
    ("date in the year 1066", line(id="b4", text="hi", created_time="1066-10-14T09:00:00Z"), "b4", "outside"),
    ("list in parent", line(id="b5", text="hi", parent=["p1"]), "b5", "parent: not a string"),
    ("list in permalink", line(id="b6", text="hi", permalink=["https://x"]), "b6", "permalink: not a string"),
    ("lone surrogate in id", line(id="b7\ud800", text="hi"), None, "U+D800"),
    ("NUL in id", line(id="b8\x00", text="hi"), None, "U+0000"),
    ("201-character id", line(id="b" * 201, text="hi"), None, "201 characters"),
    ("id is true", line(id=True, text="hi"), None, "id: not a string"),
    ("JSON nested 1000 deep", DEEP, None, "nested too deeply"),
    ("not UTF-8", b'{"id": "b9", "text": "caf\xe9"}', None, "not UTF-8"),
    ("not JSON", b'{"id": "b10", "text": ', None, "not JSON"),
    ("a JSON list", b'["b11"]', None, "not a JSON object"),
    ("media of the wrong kind", line(id="b12", text="hi", media=["audio"]), "b12", "media"),
    ("kind unknown", line(id="b13", text="hi", kind="story"), "b13", "kind"),
]


def run(tmp_path: Path, db_url: str, data: bytes):
    (tmp_path / "feed.jsonl").write_bytes(data)
    config = parse_config(tomllib.loads(f"""
[school]
name = "Test School"
[[accounts]]
name = "feed"
platform = "file"
path = "feed.jsonl"
[storage]
url = "{db_url}"
"""), tmp_path / "moderator.toml")
    sessions = open_database(config.storage_url)
    pipeline = Pipeline(config, sessions, KeywordEngine())
    return pipeline, sessions


@pytest.mark.parametrize("name, bad, ext, reason", SHAPES, ids=[s[0] for s in SHAPES])
def test_a_bad_line_is_skipped_with_its_reason_and_nothing_after_it_is_lost(tmp_path, db_url, name, bad, ext,
                                                                            reason):
    before = line(id="ok1", text="first BADWORD")
    after = [line(id=f"ok{n}", text=f"after {n} BADWORD", parent="ok1") for n in range(2, 5)]
    pipeline, sessions = run(tmp_path, db_url, b"\n".join([before, bad, *after]) + b"\n")
    (counts,) = pipeline.poll_all()
    assert counts.outcome == "ok" and counts.skipped["malformed item"] == 1, counts
    with sessions() as s:
        stored = {r.external_id: r.visibility for r in s.scalars(select(ItemRow))}
        skips = [(r.external_id, r.reason) for r in s.scalars(select(SkipRow))]
        assert s.scalars(select(AccountRow)).one().disabled_reason is None
    assert stored == {"ok1": "hidden", "ok2": "hidden", "ok3": "hidden", "ok4": "hidden"}
    assert len(skips) == 1 and skips[0][0] == ext and reason in skips[0][1] and "line 2" in skips[0][1]
    (again,) = pipeline.poll_all()  # the cursor moved past it: not read, not recorded again
    assert again.seen == 0 and not again.skipped
    with sessions() as s:
        assert len(s.scalars(select(SkipRow)).all()) == 1


def test_raw_line_separators_inside_a_string_keep_the_item_whole(tmp_path, db_url):
    text = "one\u2028two\u2029three\u0085four BADWORD"
    raw = json.dumps({"id": "c1", "text": text}, ensure_ascii=False).encode()
    pipeline, sessions = run(tmp_path, db_url, raw + b"\n" + line(id="c2", text="fine") + b"\n")
    (counts,) = pipeline.poll_all()
    assert counts.seen == 2 and not counts.skipped
    with sessions() as s:
        assert s.scalar(select(ItemRow.visibility).where(ItemRow.external_id == "c1")) == "hidden"


def test_an_integer_id_is_an_id(tmp_path, db_url):
    pipeline, sessions = run(tmp_path, db_url, line(id=42, text="BADWORD") + b"\n")
    (counts,) = pipeline.poll_all()
    assert counts.seen == 1 and not counts.skipped
    with sessions() as s:
        assert s.scalar(select(ItemRow.visibility).where(ItemRow.external_id == "42")) == "hidden"
