"""The confidence thresholds of ``[policy.<label>]``: calibrated defaults, a school's own values, clear errors."""

from __future__ import annotations

import shutil

import pytest

from core.errors import ConfigError
from detectors.calibration import shipped_calibration
from moderator.config import load_config
from tests.moderator.test_config import ROOT


def _config(tmp_path, policy: str):
    shutil.copy(ROOT / "config.example.toml", tmp_path / "moderator.toml")
    shutil.copy(ROOT / "sample" / "roster.csv", tmp_path / "roster.csv")
    (tmp_path / "feed.jsonl").write_text("")
    text = (tmp_path / "moderator.toml").read_text(encoding="utf-8")
    (tmp_path / "moderator.toml").write_text(text.replace('[policy.abuse]\n', f'[policy.abuse]\n{policy}\n'),
                                             encoding="utf-8")
    return tmp_path / "moderator.toml"


def test_left_out_the_thresholds_are_the_calibrations_and_a_school_may_set_its_own(tmp_path):
    fitted = shipped_calibration().thresholds()["abuse"]
    default = load_config(_config(tmp_path, "")).policy["abuse"]
    assert (default.hide_min_score, default.hold_min_score) == (fitted["hide"], fitted["hold"])
    own = load_config(_config(tmp_path, "hide_min_score = 0.99\nhold_min_score = 0.6")).policy["abuse"]
    assert (own.hide_min_score, own.hold_min_score) == (0.99, 0.6)


def test_each_kind_of_evidence_has_its_own_calibrated_hide_line_unless_the_school_sets_one(tmp_path):
    from core.items import Item
    from detectors.base import Finding
    from moderator.policy import decide

    fitted = shipped_calibration().thresholds()["abuse"]["hide_kinds"]
    default = load_config(_config(tmp_path, "")).policy["abuse"]
    assert default.hide_kinds == fitted and default.hide_line("no such kind") == default.hide_min_score
    # two findings of one score: the kind whose line is lower is hidden, the other held for a person
    low, high = min(fitted, key=fitted.get), max(fitted, key=fitted.get)
    assert fitted[low] < fitted[high]
    score = fitted[low]
    item = Item("facebook", "c1", "comment", False, "text", hideable=True)
    found = [Finding("abuse", score, "high", 0, 4, "x", details={"category": kind}) for kind in (low, high)]
    assert [d.decision for d in decide(item, found, {"abuse": default})] == ["hide", "hold"]
    # a school's own line applies to every kind
    own = load_config(_config(tmp_path, f"hide_min_score = {score}")).policy["abuse"]
    assert own.hide_kinds == {} and [d.decision for d in decide(item, found, {"abuse": own})] == ["hide", "hide"]


@pytest.mark.parametrize("line, problem", [
    ('hide_min_score = "high"', "policy.abuse.hide_min_score: must be a number from 0 to 1"),
    ("hold_min_score = 1.5", "policy.abuse.hold_min_score: must be a number from 0 to 1"),
    ("hold_min_score = true", "policy.abuse.hold_min_score: must be a number from 0 to 1"),
    ("hide_min_score = 0.4\nhold_min_score = 0.6", "policy.abuse.hold_min_score: must not be above hide_min_score"),
])
def test_a_broken_threshold_is_one_clear_problem(tmp_path, line, problem):
    with pytest.raises(ConfigError) as err:
        load_config(_config(tmp_path, line))
    assert any(problem in p for p in err.value.problems), err.value.problems
