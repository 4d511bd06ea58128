"""Threat wording that is not a threat: quoted to report it, a hazard warning, a joke (fresh paraphrases)."""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.engine import DetectorEngine


@pytest.fixture(scope="module")
def engine(nlp):
    return DetectorEngine(SchoolContext(name="Larch Hill Academy"), nlp=nlp, labels=("abuse",))


def _abuse(engine, text):
    return [f for f in engine.analyze_text(Item("facebook", "c1", "comment", False, text)).findings
            if f.label == "abuse"]


@pytest.mark.parametrize("text", [
    'my lad was sent "kys" by someone in his form, we have told the police',
    "someone sprayed “we know where you live” on the bus shelter, please report anything you saw",
    'a man was yelling "I will batter you" at the crossing patrol, has anyone told the school?',
])
def test_threats_quoted_to_report_them_are_not_abuse(engine, text):
    assert _abuse(engine, text) == [], text


@pytest.mark.parametrize("text", [
    # British single quotes, and the report in the sentence after the quote
    "someone scratched 'we know where you live' into the bike shed. I've told the police and the school",
    "A man at the fence called the Year 6 girls 'slags'. Reported to the office and the police.",
    "Someone on here just called Traveller families 'thieves'. Reported it, not ok.",
])
def test_abuse_in_single_quotes_reported_is_not_abuse(engine, text):
    assert _abuse(engine, text) == [], text


@pytest.mark.parametrize("text", [
    "you're a 'teacher' are you? a useless one. reported you to ofsted",   # scare quotes: the insult is said
    "'slags' the lot of them",                                         # quoted, nothing reports it
])
def test_single_quotes_without_a_report_stay_abuse(engine, text):
    assert _abuse(engine, text), text


@pytest.mark.parametrize("text", [
    "kys",                                                     # said, not quoted: still a threat
    'oi "watch your back" at the gates tomorrow',               # quoted, but nothing reports it
    "I'll batter you when I see you",
])
def test_threats_said_outright_stay_threats(engine, text):
    assert _abuse(engine, text), text


@pytest.mark.parametrize("text", [
    "The road outside the juniors is lethal at 3pm, someone will get hurt soon",
    "That junction by the gates is dangerous. Somebody is going to get hurt.",
    "cars speeding past the nursery every morning, someone's gonna get hurt",
])
def test_hazard_warnings_are_not_threats(engine, text):
    assert _abuse(engine, text) == [], text


def test_the_same_words_about_a_person_stay_a_threat(engine):
    assert _abuse(engine, "someone is going to get hurt if that teacher keeps picking on my son")


def test_a_laughing_first_person_threat_is_held_not_sure(engine):
    joking = _abuse(engine, "if she spills juice on my new sofa again I'm going to kill her 😂")
    meant = _abuse(engine, "if she says one more word to my daughter I'm going to kill her")
    assert joking and meant
    assert joking[0].score < meant[0].score, "a joke is held for a person, not hidden or paged on its own"
