"""Child safety: the DSL is always told, a person always looks, and an edit never closes the concern.

Through the real pipeline and the real abuse detector, on SQLite and PostgreSQL (invented comments).
"""

from __future__ import annotations

from sqlalchemy import select

from core.items import Item
from detectors.base import Finding
from detectors.engine import DetectorEngine
from moderator import policy
from moderator.config_policy import LabelPolicy
from moderator.pipeline import Pipeline
from storage.models import FindingRow
from tests.moderator.test_pipeline import feed_line, hidden_ids, make

PREDATORY = "the one on the left is looking very grown up, dm me"


def _child_safety() -> Finding:
    return Finding("abuse", 0.95, "critical", 0, 10, "Child safety: test.", details={"subtype": "child_safety"})


def test_child_safety_alerts_the_dsl_and_is_never_only_recorded_whatever_the_abuse_policy():
    item = Item("facebook", "c1", "comment", False, PREDATORY, hideable=True)
    quiet = {"abuse": LabelPolicy("record", [], "critical")}
    (d,) = policy.decide(item, [_child_safety()], quiet)
    assert (d.decision, d.alert) == ("hold", ("dsl",))
    (d,) = policy.decide(item, [_child_safety()], {"abuse": LabelPolicy("hide", ["smt"], "critical")})
    assert (d.decision, d.alert) == ("hide", ("smt", "dsl"))
    ordinary = Finding("abuse", 0.9, "high", 0, 4, "insult")
    assert policy.decide(item, [ordinary], quiet)[0].decision == "record"


def test_an_edit_does_not_close_a_child_safety_concern(tmp_path, db_url, nlp):
    lines = [feed_line("c1", PREDATORY), feed_line("c2", "you are a stupid f*cking idiot")]  # hidden: obscene abuse
    config, sessions, feed = make(tmp_path, db_url, lines)
    pipe = Pipeline(config, sessions, DetectorEngine(config.school_context(), nlp=nlp, labels=("abuse",)))
    pipe.poll_all()
    assert hidden_ids(feed) == {"c1", "c2"}
    with open(feed, "a", encoding="utf-8") as fh:  # both comments edited into something harmless
        fh.write(feed_line("c1", "what a lovely photo") + "\n" + feed_line("c2", "lovely photo") + "\n")
    pipe.poll_all()
    with sessions() as s:
        status = {(f.item.external_id, (f.details or {}).get("subtype")): f.review_status
                  for f in s.scalars(select(FindingRow))}
    assert status[("c1", "child_safety")] == "open", "only a person closes a child-safety concern"
    assert [v for (ext, _), v in status.items() if ext == "c2"] == ["superseded"]
