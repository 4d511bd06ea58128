"""The learned child-safety model: what the rules miss, it pages the DSL for; ordinary comments it leaves alone.

Every text here was written for this test (in no data set or evaluation set): paraphrases of a stranger's offer to a
child in private, a pupil disclosing harm or self-harm in plain words, and a request for more photos of the girls,
none of which any rule of ``detectors/child_safety.py`` reads, beside family praise, a pick-up question, adult banter
and an adult's sexual joke, which must never page the safeguarding lead.
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors import child_safety
from detectors.abuse import AbuseDetector
from detectors.child_safety_model import MIN_WORDS, shipped_child_safety_model
from detectors.text_normalize import normalize
from moderator import policy
from moderator.config_policy import LabelPolicy
from moderator.policy import is_child_safety
from tests.detectors.conftest import detector_fixture, findings

detector = detector_fixture(AbuseDetector)

# Once only the model found these; a request for secrecy beside an invitation is now a rule's evidence too.
SECRECY_WITH_AN_INVITATION = [
    "to the girl who sang at the carol concert, message me on here, i have a present for you, keep it between us",
    "any of the lads in the under 12s want free football boots? inbox me and dont tell ur parents",
    "lad in the blue shorts message me privately, got free boots for you, dont tell your dad",
]
MISSED_BY_THE_RULES = [
    "i really dont want to go home after school, my mums boyfriend says he will hit me again tonight",
    "my step dad said he is going to batter me again when i get home tonight, i cant go back there",
    "i hurt myself again last night and no one at school has noticed",
    "the girls in the dance show photos look so grown up, any more pics of them in their costumes?",
]
ORDINARY = [
    "proud nana here, my granddaughter looks so grown up in her new uniform",
    "grandad is so proud of you sweetheart, you were a star in the nativity",
    "what time is pick up on friday for the year 2 class",
    "what time do the kids finish on wednesday, is it early closing for the inset day",
    "haha you lot are absolute muppets, see you at five a side",
    "my wife looked hot in that dress at the christmas do last night",
    "the new barman at the club can pour me a drink anytime if you know what i mean",
    "message me for details of the cake sale, only 4 boxes left",
]


def _child_safety(detector, nlp, text: str, by_school: bool = False) -> list:
    return [f for f in findings(detector, nlp, text, by_school=by_school) if is_child_safety(f)]


@pytest.mark.parametrize("text", MISSED_BY_THE_RULES)
def test_what_the_rules_miss_the_model_pages_the_dsl_for(detector, nlp, text: str) -> None:
    assert child_safety.find(normalize(text).text) is None  # the rules alone would have let it through
    (f,) = _child_safety(detector, nlp, text)
    assert (f.label, f.severity, f.details["subtype"], f.details["signal"]) == ("abuse", "critical", "child_safety",
                                                                               "learned")
    assert "learned child-safety model" in f.explanation and f.details["model_prob"] >= 0.5


@pytest.mark.parametrize("text", SECRECY_WITH_AN_INVITATION)
def test_secrecy_beside_an_invitation_is_found_by_the_rules(detector, nlp, text: str) -> None:
    (f,) = _child_safety(detector, nlp, text)
    assert f.severity == "critical" and f.details["signal"] == "private_contact", f.details
    assert "secrecy" in f.explanation


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_comments_page_no_one(detector, nlp, text: str) -> None:
    assert _child_safety(detector, nlp, text) == []


def test_the_schools_own_posts_are_not_read_by_the_model(detector, nlp) -> None:
    post = "the girls in the dance show photos look so grown up, any more pics of them in their costumes?"
    assert _child_safety(detector, nlp, post)  # from a stranger it pages the DSL
    assert _child_safety(detector, nlp, post, by_school=True) == []


def test_texts_of_fewer_than_four_words_are_left_to_the_rules(detector, nlp) -> None:
    # short texts the model alone may score high (which ones does depends on the training run), but three words
    # say too little: none is reported unless a rule fires
    shorts = ["inbox me, secret", "send pics x", "dont tell mum", "snap me princess"]
    model = shipped_child_safety_model()
    high = [s for s in shorts if model.model.score(normalize(s).text) >= model.threshold]
    assert high, "no short text scores over the model's threshold: the test no longer tests the word minimum"
    for short in high:
        assert len(short.split()) < MIN_WORDS
        assert _child_safety(detector, nlp, short) == [], short


def test_a_rule_still_names_its_own_signal_when_the_model_agrees(detector, nlp) -> None:
    (f,) = _child_safety(detector, nlp, "i want to kill myself, nobody at this school listens")
    assert f.details["signal"] == "disclosure"


@pytest.mark.xfail(strict=True, reason="known false alarm: a parent asking for more team photos of the girls")
def test_known_gap_a_parent_asking_for_more_photos_of_a_girls_team(detector, nlp) -> None:
    assert _child_safety(detector, nlp, "lovely photos, will there be more of the girls football team later?") == []


def test_a_learned_finding_reaches_the_dsl_even_where_abuse_is_only_recorded(detector, nlp) -> None:
    text = MISSED_BY_THE_RULES[0]
    (f,) = _child_safety(detector, nlp, text)
    item = Item("facebook", "c1", "comment", False, text, hideable=True)
    (d,) = policy.decide(item, [f], {"abuse": LabelPolicy("record", [], "critical")})
    assert (d.decision, d.alert) == ("hold", ("dsl",))
