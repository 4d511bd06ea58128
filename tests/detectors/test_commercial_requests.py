"""commercial: parents asking for a trader, and collecting among themselves for a teacher's present, promote
nothing; a trader answering with an offer still does. Through the whole engine (rules, the learned model and the
calibration), so a rule's discount cannot be undone by the learned layer. Every sentence was written for this test
(invented people), in no evaluation or training file.
"""

from __future__ import annotations

import pytest

from detectors.base import SchoolContext
from tests.detectors.conftest import engine_finds, label_engine_fixture

SCHOOL = SchoolContext(name="Sallowfield Primary", staff=("Mrs Okonedo", "Mr Varley"))


engine = label_engine_fixture(SCHOOL, "commercial")


def _promotes(engine, text: str) -> bool:
    return engine_finds(engine, text, "commercial")


@pytest.mark.parametrize("text", [
    "can anyone recommend a tutor for year 6 sats? she's panicking about fractions",
    "Does anybody know a decent plumber round here, boiler's packed in again",
    "any recommendations for a kids' party entertainer for a 7th birthday? budget is tight",
    "where did you get the book bags with the name sewn on? ours fell apart",
    "Could someone suggest a childminder who does pick-ups from Sallowfield?",
])
def test_asking_for_a_trader_is_not_promotion(engine, text):
    assert not _promotes(engine, text)


@pytest.mark.parametrize("text", [
    "Collecting £4 each for Mrs Okonedo's leaving flowers, pay L Hart by Friday please",
    "whip-round for the dinner ladies at Christmas, £2 in an envelope to the office xx",
])
def test_a_collection_for_a_present_is_not_promotion(engine, text):
    assert not _promotes(engine, text)


@pytest.mark.parametrize("text", [
    "Can anyone recommend a tutor? Yes, me! Qualified maths tutor available for KS2, £25 an hour, DM me",
    "Looking for a cleaner? We offer weekly cleans from £15 an hour, fully insured, message me",
    "anyone know a good cake maker?? I do custom birthday cakes for all occasions, inbox me 🎂",
])
def test_a_trader_answering_a_request_still_promotes(engine, text):
    assert _promotes(engine, text)


@pytest.mark.parametrize("text", [
    "the PE hoodie's gone from £18 to £24 since last year, is it the same everywhere?",
    "why is the book bag £6 when the supermarket sells one for £2",
    "gas bill £190 and the residential deposit £40 in the same week 😩",
    "the newsagent by the gates is selling vapes to year 9s, I've reported it to trading standards",
    "Diwali celebration at the community centre Saturday 4-8, food and dancing, free for all the family",
    "Warm space at St Aidan's church every Tuesday, soup and tea, everyone welcome, no need to book",
    "where do people get cheap school trousers that don't fall apart?",
])
def test_what_parents_say_about_money_and_community_is_not_promotion(engine, text):
    assert not _promotes(engine, text)


@pytest.mark.parametrize("text", [
    "going live on twitch at 7 tonight, come hang out and drop a follow 🎮",
    "My first picture book is out now on Amazon, a review would mean the world ❤️",
    "I run small-group netball coaching sessions on Saturdays if any of the girls want extra practice",
    "We specialise in loft conversions and extensions, free advice for any parents thinking about it",
    "my brother-in-law helped me double my savings in six months, message me and I'll pass on his details",
])
def test_a_plug_in_plain_words_is_promotion(engine, text):
    assert _promotes(engine, text)
