"""Ordinary comments that used to be read as abuse or promotion stay clean, and the abusive uses stay found.

Each case stands for a general pattern (a misspelling, a Latin preposition, a chat acronym, the school's own
newsletter), written fresh here.
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.engine import DetectorEngine


@pytest.fixture(scope="module")
def engine(nlp):
    return DetectorEngine(SchoolContext(name="Harbour Lane Primary"), nlp=nlp)


def _labels(engine, text):
    return {f.label for f in engine.analyze_text(Item("facebook", "c1", "comment", False, text)).findings}


@pytest.mark.parametrize("text", [
    "you should die your hair purple for non-uniform day",
    "she said she'd go die it back to brown before school",
    "we turned the spare room into a study-cum-playroom",
    "Shuffling with LMFAO at the disco was the highlight",
    "Parents, please subscribe to the school newsletter for trip letters",
    "subscribe to our termly bulletin to hear the PTA dates",
    # a civil complaint the profanity model reads at 0.85 and the learned abuse model at under 0.5: neither alone
    "honestly why is the uniform so ridiculous",
])
def test_ordinary_wording_is_not_abuse_or_promotion(engine, text):
    assert _labels(engine, text) == set()


def test_a_latin_cum_is_not_read_as_sexual(engine):
    # no rule reads "cum" as obscene; the learned model may still be unsure of a job advert about a school role,
    # but then only as a weak "possible abuse" that the policy holds for a person, never hides or pages about
    text = "Vacancy: Receptionist cum Office Assistant, term time only"
    found = engine.analyze_text(Item("facebook", "c1", "comment", False, text)).findings
    assert all(f.details.get("category") == "learned" and f.score < 0.8 for f in found), found


@pytest.mark.parametrize("text, label", [
    ("honestly you should just die", "abuse"),
    ("that teacher should die in a fire", "abuse"),
    ("cum on my face", "abuse"),
    ("subscribe to my channel for daily gaming vlogs", "commercial"),
])
def test_the_abusive_and_promotional_uses_are_still_found(engine, text, label):
    assert label in _labels(engine, text)


@pytest.mark.parametrize(("text", "abuse"), [
    # a mild name between friends, with a laugh and affection: banter, not abuse
    ("Oi Jo you left your brolly in my car AGAIN you numpty 😂 love ya", False),
    ("shut up u melt 😂 see u at pick up", False),
    ("you daft plonker 🤣 bless ya, I'll bring you a spare", False),
    # a laugh without affection is mockery; an insult that is not mild stays abuse with both
    ("you're such a muppet 😂 everyone's laughing at you", True),
    ("shut up you fat cow 😂 xx", True),
    ("you absolute muppet, nobody wants you on the PTA", True),
])
def test_a_mild_name_between_friends_is_banter(engine, text, abuse):
    assert ("abuse" in _labels(engine, text)) is abuse, text
