"""Calibrated confidence: raw scores become probabilities, and the policy hides, holds or records by them."""

from __future__ import annotations

import json

import pytest

from core.items import Item
from detectors.base import Finding
from detectors.calibration import Calibration, kind_of, reliability_table, shipped_calibration
from moderator.config_policy import LabelPolicy
from moderator.policy import decide


def _cal(tmp_path, **thresholds):
    doc = {"version": 1, "learned_min": {"abuse": 0.9},
           "labels": {"abuse": {"*": {"x": [0.0, 0.8], "y": [0.4, 0.9], "n": 10},
                                "threat": {"x": [0.0, 0.9], "y": [0.6, 0.99], "n": 40}}},
           "thresholds": {"abuse": {"hide": 0.95, "hold": 0.5, **thresholds}}}
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return Calibration.load(path)


def _abuse(score, category="insult", **details):
    return Finding("abuse", score, "high", 0, 4, "Abuse.", details={"category": category, **details})


def test_a_raw_score_reads_through_its_kind_and_the_raw_score_is_kept(tmp_path):
    cal = _cal(tmp_path)
    threat = cal.apply(_abuse(0.95, "threat"))
    assert threat.score == 0.99 and threat.details["raw_score"] == 0.95
    assert cal.apply(_abuse(0.85, "threat")).score == 0.6, "below the threat kind's step"
    assert cal.apply(_abuse(0.85, "insult")).score == 0.9, "a kind without its own fit uses the label's"
    assert cal.apply(Finding("commercial", 0.7, "low", 0, 0, "x")).score == 0.7, "an unfitted label passes"
    assert kind_of(Finding("abuse", 0.9, "critical", 0, 0, "x", details={"subtype": "child_safety"})) == "child_safety"
    assert kind_of(Finding("commercial", 0.9, "low", 0, 0, "x", details={"kind": "recruitment"})) == "recruitment"


def test_each_kind_of_promotion_reads_through_its_own_step(tmp_path):
    doc = {"version": 1, "labels": {"commercial": {"*": {"x": [0.0], "y": [0.7], "n": 300},
                                                   "investment": {"x": [0.0], "y": [0.98], "n": 40}}}}
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    cal = Calibration.load(path)
    crypto = Finding("commercial", 0.8, "medium", 0, 0, "x", details={"kind": "investment"})
    selling = Finding("commercial", 0.8, "medium", 0, 0, "x", details={"kind": "selling"})
    assert (cal.apply(crypto).score, cal.apply(selling).score) == (0.98, 0.7)


def test_the_shipped_calibration_is_monotone_and_its_thresholds_order_hold_below_hide():
    cal = shipped_calibration()
    assert cal is not None, "detectors/data/calibration.json ships with the package"
    for label, kinds in cal.data["labels"].items():
        for kind, fit in kinds.items():
            assert fit["y"] == sorted(fit["y"]) and all(0 < y < 1 for y in fit["y"]), (label, kind)
    for label, t in cal.thresholds().items():
        assert 0.5 <= t["hold"] <= t["hide"], label


def test_the_policy_hides_when_confident_holds_when_unsure_and_records_below(tmp_path):
    rule = LabelPolicy("hide", ["dsl"], "critical", hide_min_score=0.9, hold_min_score=0.5, alert_min_score=0.8)
    item = Item("facebook", "c1", "comment", False, "text", hideable=True)
    (sure,) = decide(item, [_abuse(0.95)], {"abuse": rule})
    (unsure,) = decide(item, [_abuse(0.7)], {"abuse": rule})
    (weak,) = decide(item, [_abuse(0.3)], {"abuse": rule})
    assert (sure.decision, unsure.decision, weak.decision) == ("hide", "hold", "record")
    assert "below the automatic-hide threshold 0.90" in unsure.reason
    assert sure.alert == () and unsure.alert == (), "an insult of severity high does not page the DSL"


def test_only_a_confident_critical_finding_pages_the_dsl_and_child_safety_always_does():
    rule = LabelPolicy("hide", ["dsl"], "critical", hide_min_score=0.9, hold_min_score=0.5, alert_min_score=0.8)
    item = Item("facebook", "c1", "comment", False, "text", hideable=True)
    threat = Finding("abuse", 0.95, "critical", 0, 4, "Abuse (threat).", details={"category": "threat"})
    shaky = Finding("abuse", 0.6, "critical", 0, 4, "Abuse (threat).", details={"category": "threat"})
    child = Finding("abuse", 0.6, "critical", 0, 4, "Child safety.", details={"subtype": "child_safety"})
    decisions = decide(item, [threat, shaky, child], {"abuse": rule})
    assert [(d.decision, d.alert) for d in decisions] == [("hide", ("dsl",)), ("hold", ()), ("hide", ("dsl",))]


def test_reliability_rows_count_findings_and_the_share_right():
    rows = reliability_table([0.05, 0.15, 0.95, 0.96, 1.0], [False, True, True, True, False])
    assert [(r["from"], r["findings"], r["right"]) for r in rows] == [(0.0, 1, 0.0), (0.1, 1, 1.0), (0.9, 3, 0.667)]


@pytest.mark.parametrize("text", [
    "funny how she walks to her car alone every night, someone should teach her a lesson",
    "message me for the best passive income plan, 500 a week from your sofa, spaces limited",
])
def test_the_learned_models_find_what_no_rule_lists(nlp, text):
    from detectors.base import SchoolContext
    from detectors.engine import DetectorEngine

    res = DetectorEngine(SchoolContext(name="Harbour Lane Primary"), nlp=nlp).analyze_text(
        Item("facebook", "c1", "comment", False, text))
    assert res.findings, "found"
    assert all(0.0 < f.score < 1.0 for f in res.findings), "calibrated scores are probabilities"
