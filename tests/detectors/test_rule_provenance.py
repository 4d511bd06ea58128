"""Rule provenance (issue 9): every cue rule has a general reason and paraphrases of its own.

For each rule of :mod:`detectors.text_abuse_phrases`, :mod:`detectors.commercial` (with
:mod:`detectors.commercial_languages`) and
:mod:`detectors.child_safety`: a one-line general reason; at least two paraphrases (written for this
test, in ``tests/detectors/paraphrases/``) that match it and at least one near-miss that does not; no
paraphrase copied from an evaluation set; and a new rule without paraphrases fails. The detectors are then
run end to end on the paraphrases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from detectors import child_safety
from detectors.abuse import AbuseDetector
from detectors.commercial import CUES, CommercialDetector
from detectors.commercial_languages import COMMUNITY_CUES
from detectors.text_abuse_phrases import PHRASES
from detectors.text_normalize import latin_folded, normalize
from detectors.text_rule_cues import Rule
from tests.detectors.conftest import detector_fixture, findings

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
FAMILIES: dict[str, tuple[Rule, ...]] = {"abuse": PHRASES, "commercial": CUES + COMMUNITY_CUES,
                                         "child_safety": child_safety.CUES}
PARAPHRASES = {family: json.loads((HERE / "paraphrases" / f"{family}.json").read_text(encoding="utf-8"))
               for family in FAMILIES}
# development and public sets only: never eval/blind
EVAL_ITEMS = [*ROOT.glob("eval/dev/*/items.jsonl"), *(ROOT.parent / "shared" / "eval").glob("dev/*/items.jsonl"),
              *(ROOT.parent / "shared" / "eval").glob("public/*/items.jsonl")]
RULES = [(family, rule) for family, rules in FAMILIES.items() for rule in rules]
IDS = [f"{family}:{rule.name}" for family, rule in RULES]
WEIGHT_ONLY = 0.5  # a cue scored under the detectors' default threshold only adds weight to another

abuse_detector = detector_fixture(AbuseDetector)
commercial_detector = detector_fixture(CommercialDetector)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _matches(rule: Rule, text: str) -> bool:
    if rule in COMMUNITY_CUES:  # they read the item's own letters (see detectors/commercial_languages.py)
        return re.search(rule.pattern, latin_folded(text).lower()) is not None
    return re.search(rule.pattern, normalize(text).text) is not None


@pytest.mark.parametrize("family, rule", RULES, ids=IDS)
def test_every_rule_states_a_general_reason(family, rule):
    assert isinstance(rule, Rule) and len(rule.reason.strip()) > 20, rule.name


@pytest.mark.parametrize("family, rule", RULES, ids=IDS)
def test_every_rule_matches_two_paraphrases_and_no_near_miss(family, rule):
    cases = PARAPHRASES[family].get(rule.name)
    assert cases, f"no paraphrases for rule {rule.name!r}"
    assert len(cases["match"]) >= 2 and cases["near_miss"], rule.name
    for text in cases["match"]:
        assert _matches(rule, text), (rule.name, text)
    for text in cases["near_miss"]:
        assert not _matches(rule, text), (rule.name, text)


@pytest.mark.parametrize("family", FAMILIES)
def test_every_paraphrase_is_keyed_by_a_rule_of_the_code(family):
    names = [rule.name for rule in FAMILIES[family]]
    assert len(names) == len(set(names)), "rule names must be unique within a family"
    assert set(PARAPHRASES[family]) == set(names)


def test_the_tuple_view_the_detectors_read_is_kept():
    for _family, rule in RULES:
        category, score, name, pattern = rule
        assert (category, score, name, pattern) == (rule.category, rule.score, rule.name, rule.pattern)


def test_no_paraphrase_is_copied_from_an_evaluation_set():
    seen: set[str] = set()
    for path in EVAL_ITEMS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.add(_key(json.loads(line)["text"]))
    if not seen:
        pytest.skip("no evaluation sets here")
    copied = [text for cases in PARAPHRASES.values() for case in cases.values()
              for text in case["match"] + case["near_miss"] if _key(text) in seen]
    assert copied == []


def _texts(family: str, kind: str, excused: bool = False, weight_only: bool = False) -> list[str]:
    """The paraphrases of a family's rules (of its ``excused`` rules, which name innocent readings, or the rest;
    of its weight-only rules, scored under the detector's threshold, or the rest)."""
    rules = {rule.name: (rule.category == "excused", rule.score < WEIGHT_ONLY) for rule in FAMILIES[family]}
    return [text for name, case in PARAPHRASES[family].items()
            if rules.get(name, (False, False)) == (excused, weight_only) for text in case[kind]]


@pytest.mark.parametrize("text", _texts("abuse", "match"))
def test_the_abuse_detector_finds_every_abuse_paraphrase(abuse_detector, nlp, text):
    assert any(f.label == "abuse" for f in findings(abuse_detector, nlp, text)), text


@pytest.mark.parametrize("text", _texts("abuse", "match", excused=True))
def test_what_an_excusing_rule_reads_is_not_abuse_for_the_whole_engine(text):
    from core.items import Item
    from detectors.base import SchoolContext
    from detectors.engine import DetectorEngine

    engine = DetectorEngine(SchoolContext(name="Harbour Lane Primary"))
    result = engine.analyze_text(Item("facebook", "c1", "comment", False, text))
    assert not [f for f in result.findings if f.label == "abuse"], text


@pytest.mark.parametrize("text", _texts("commercial", "match"))
def test_the_commercial_detector_finds_every_commercial_paraphrase(commercial_detector, nlp, text):
    assert findings(commercial_detector, nlp, text), text


@pytest.mark.parametrize("text", _texts("commercial", "match", weight_only=True))
def test_a_weight_only_commercial_cue_alone_is_no_finding(commercial_detector, nlp, text):
    # a topic named ("bitcoin fell again", "there's a petition going round"): weight beside an offer, never one itself
    assert findings(commercial_detector, nlp, text) == [], text


@pytest.mark.parametrize("text", _texts("commercial", "near_miss"))
def test_the_commercial_detector_passes_the_near_misses(commercial_detector, nlp, text):
    assert findings(commercial_detector, nlp, text) == [], text


_ALONE = ("waiting for a child to come of age", "a first-person disclosure of harm")


@pytest.mark.parametrize("text", [t for name in _ALONE for t in PARAPHRASES["child_safety"][name]["match"]])
def test_the_self_sufficient_child_safety_cues_page_the_dsl_end_to_end(abuse_detector, nlp, text):
    assert any(f.details.get("subtype") == "child_safety" for f in findings(abuse_detector, nlp, text)), text


@pytest.mark.parametrize("text", _texts("child_safety", "near_miss"))
def test_no_child_safety_near_miss_pages_the_dsl(abuse_detector, nlp, text):
    assert not any(f.details.get("subtype") == "child_safety" for f in findings(abuse_detector, nlp, text)), text
