"""Items in a language the detectors cannot judge are held for review, on real SQLite and PostgreSQL.

The real detector engine runs (spaCy, every detector, real language identification).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from detectors.engine import DetectorEngine
from moderator.pipeline import Pipeline
from moderator.reporting.digest import build_digest, in_digest
from moderator.reporting.masking import Masker
from moderator.review import LogFilter, ReviewError, format_log, query_log, review_language_hold
from storage.models import FindingRow, ItemRow, LanguageHoldRow
from tests.moderator.test_pipeline import feed_line, hidden_ids, make

pytestmark = pytest.mark.slow

ITALIAN = "Qualcuno sa a che ora finiscono le lezioni venerdì pomeriggio"
LINES = [
    feed_line("p1", "Well done to everyone at sports day today", kind="post", author="school"),
    feed_line("c1", ITALIAN, parent="p1"),
    feed_line("c2", "Can someone tell me when the trip leaves on Friday", parent="p1"),
    feed_line("c3", "😂😂👍", parent="p1"),
    feed_line("c4", "Complimenti", parent="p1"),
    feed_line("p2", "Grazie a tutti i genitori per il vostro aiuto durante la festa della scuola", kind="post",
              author="school"),
]


def _engine(config, nlp):
    return DetectorEngine(config.school_context(), nlp=nlp)


def _make(tmp_path, db_url, policy="", languages=None):
    config, sessions, feed = make(tmp_path, db_url, LINES, policy=policy)
    if languages is not None:
        config.school.languages = languages
    return config, sessions, feed


def _holds(sessions):
    with sessions() as s:
        return {(h.item.external_id, h.reason, h.review_status) for h in s.scalars(select(LanguageHoldRow))}


def test_italian_at_an_english_only_school_is_held_with_its_reason_and_listed(tmp_path, db_url, nlp):
    config, sessions, feed = _make(tmp_path, db_url)
    (counts,) = Pipeline(config, sessions, _engine(config, nlp)).poll_all()
    assert _holds(sessions) == {("c1", "language not understood (it)", "held"),
                                ("p2", "language not understood (it)", "held")}
    assert counts.decisions["held: language not understood"] == 2
    assert hidden_ids(feed) == set(), "a hold never hides, the school's own post included"
    with sessions() as s:
        langs = dict(s.execute(select(ItemRow.external_id, ItemRow.language)).all())
        assert langs["c1"] == "it" and langs["c2"] == "en" and langs["c3"] == "und" and langs["c4"] == "und"
        text = format_log(s, query_log(s, LogFilter()), as_json=False)
    assert "Held: language not understood:" in text
    section = text.split("Held: language not understood:")[1]
    assert " c1: language not understood (it)" in section and " p2: " in section
    assert " c2:" not in section and " c3:" not in section and " c4:" not in section


def test_a_school_listing_italian_still_has_italian_held_as_the_detectors_cannot_read_it(tmp_path, db_url, nlp):
    config, sessions, _ = _make(tmp_path, db_url, languages=["en", "it"])
    (counts,) = Pipeline(config, sessions, _engine(config, nlp)).poll_all()
    assert _holds(sessions) == {("c1", "language not understood (it)", "held"),
                                ("p2", "language not understood (it)", "held")}
    assert counts.analysed == len(LINES)
    with sessions() as s:
        row = s.scalar(select(ItemRow).where(ItemRow.external_id == "c1"))
        assert (row.language, row.analysed_hash) == ("it", row.content_hash)


def test_hold_unknown_language_false_switches_it_off(tmp_path, db_url, nlp):
    config, sessions, _ = _make(tmp_path, db_url, policy="[policy]\nhold_unknown_language = false")
    assert config.hold_unknown_language is False
    Pipeline(config, sessions, _engine(config, nlp)).poll_all()
    assert _holds(sessions) == set()
    with sessions() as s:
        assert s.scalar(select(ItemRow.language).where(ItemRow.external_id == "c1")) == "it"


def test_the_digest_counts_the_held_ones_and_a_reviewer_decides_them(tmp_path, db_url, nlp):
    config, sessions, _ = _make(tmp_path, db_url)
    Pipeline(config, sessions, _engine(config, nlp)).poll_all()
    end = datetime.now(UTC) + timedelta(minutes=1)
    with sessions() as s:
        digest = build_digest(s, config, Masker(config.school.roster), in_digest(end), None, end)
        assert s.scalar(select(FindingRow.id).where(FindingRow.label == "abuse")) is None
    assert digest.language_held == 2 and not digest.empty
    assert "held: language not understood: 2" in digest.text
    assert "held: language not understood: 2" in digest.html

    class App:
        pass

    app = App()
    app.sessions = sessions
    with sessions() as s:
        hold_id = s.scalar(select(LanguageHoldRow.id).join(ItemRow).where(ItemRow.external_id == "c1"))
    assert "dismissed by ms-jones" in review_language_hold(app, hold_id, "dismiss", "asks about lesson times",
                                                           "ms-jones")
    with pytest.raises(ReviewError, match="already dismissed"):
        review_language_hold(app, hold_id, "confirm", "changed my mind", "ms-jones")
    with sessions() as s:
        text = format_log(s, query_log(s, LogFilter()), as_json=False)
    assert " c1: " not in text.split("Held: language not understood:")[1]


def test_an_edit_into_english_supersedes_the_hold(tmp_path, db_url, nlp):
    config, sessions, feed = _make(tmp_path, db_url)
    p = Pipeline(config, sessions, _engine(config, nlp))
    p.poll_all()
    with feed.open("a") as fh:
        fh.write(feed_line("c1", "Does anyone know what time lessons finish on Friday", parent="p1") + "\n")
    (counts,) = p.poll_all()
    assert counts.edited == 1 and not counts.decisions["held: language not understood"]
    assert ("c1", "language not understood (it)", "superseded") in _holds(sessions)
    with sessions() as s:
        assert s.scalar(select(ItemRow.language).where(ItemRow.external_id == "c1")) == "en"
