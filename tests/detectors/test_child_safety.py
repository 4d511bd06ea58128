"""Child safety: predatory remarks, invitations to private messages and disclosures go to the DSL.

Every text here was written for this test (in no evaluation set): each signal's paraphrases side by side
with the ordinary comments that share its words and must never page the safeguarding lead.
"""

from __future__ import annotations

import pytest

from detectors.abuse import AbuseDetector
from detectors.engine import DetectorEngine
from tests.detectors.conftest import detector_fixture, findings, make_item

detector = detector_fixture(AbuseDetector)


@pytest.mark.parametrize("text, signal", [
    ("the one on the left is looking very grown up, dm me", "private_contact"),
    ("girl in the back row, inbox me x", "private_contact"),
    ("you're so pretty hun, add me on snap", "private_contact"),
    ("how old are u? whats ur snap", "private_contact"),
    ("she looks mature for her age... message me", "private_contact"),
    ("u look gorgeous babe, my dms are open 😘", "private_contact"),
    ("the year 10 girls look hot in them prom dresses", "sexualised_child"),
    ("that schoolgirl is jailbait", "sexualised_child"),
    ("can't wait till she's 16 😏", "sexualised_child"),
    ("wud smash the blonde one, your daughter is something else", "sexualised_child"),
    ("i want to kill myself, nobody at this school listens", "disclosure"),
    ("I'm scared to go home after school", "disclosure"),
    ("my mums boyfriend hits me when she is at work", "disclosure"),
    ("he said not to tell anyone, it's our little secret", "disclosure"),
    ("everyone would be better off without me tbh", "disclosure"),
    ("Ｉ ｗａｎｔ ｔｏ ｄｉｅ", "disclosure"),
    ("the one on the l\u200beft is looking very grown up, d\u200bm me", "private_contact"),
    ("where's this school then? what time do the kids come out", "locating_children"),
    ("what road is this school on and when do the little ones come out", "locating_children"),
    ("which school is this? do the girls walk home on their own", "locating_children"),
])
def test_child_safety_signals_are_critical_abuse_naming_their_signal(detector, nlp, text, signal):
    engine = DetectorEngine(detector.school, nlp=nlp, labels=("abuse",))  # the prepared text, spans on the original
    (f,) = engine.analyze_text(make_item(text)).findings
    assert (f.label, f.severity, f.details["subtype"], f.details["signal"]) == ("abuse", "critical", "child_safety",
                                                                                 signal)
    # the score is calibrated (of such findings about this share were right); the policy hides and alerts anyway
    assert f.explanation.startswith("Child safety:") and f.score >= 0.8 and f.details["raw_score"] >= 0.9
    assert 0 <= f.start < f.end <= len(text)


@pytest.mark.parametrize("text", [
    "what a grown up girl, nanny is so proud of you xx",
    "so cute! pm me where the dress is from x",
    "pm me, my daughter is in year 3 too and we can share lifts",
    "year 7s smashed it at sports day",
    "don't want to go home, best residential ever!",
    "i hurt myself at football lol, back next week",
    "the students learned about curves in maths today",
    "hot dinners for the kids are back from Monday",
    "can't wait till Christmas, the little ones are so excited",
    "Happy 16th birthday to our head girl's big sister, congratulations!",
    "Please message the school office if your child needs a lift",
    "my little boy loves his new teacher",
    "where is the school disco and what time does it finish",
    "what time do the kids finish on friday? is it 1pm for the last day",
    "where is this school? looks lovely, i'd like to visit for the open day",
])
def test_ordinary_comments_that_share_the_words_are_not_child_safety(detector, nlp, text):
    assert not any(f.details.get("subtype") == "child_safety" for f in findings(detector, nlp, text))


def test_the_schools_own_post_is_checked_for_disclosures_only(detector, nlp):
    post = "Our Year 6 girls look stunning in their leavers' photos! Message us for prints."
    assert not any(f.details.get("subtype") == "child_safety" for f in findings(detector, nlp, post, by_school=True))
    quoted = findings(detector, nlp, "A pupil told us: 'I'm scared to go home'. Talk to us.", by_school=True)
    assert [f.details.get("signal") for f in quoted] == ["disclosure"]
