"""commercial: parents asking for a trader, and collecting among themselves for a teacher's present, promote
nothing; a trader answering with an offer still does. Through the whole engine (rules, the learned model and the
calibration), so a rule's discount cannot be undone by the learned layer. Every sentence was written for this test
(invented people), in no evaluation or training file.
"""

from __future__ import annotations

import pytest

from detectors.base import SchoolContext
from detectors.engine import DetectorEngine
from tests.detectors.conftest import make_item

SCHOOL = SchoolContext(name="Sallowfield Primary", staff=("Mrs Okonedo", "Mr Varley"))


@pytest.fixture(scope="module")
def engine(nlp):
    return DetectorEngine(SCHOOL, nlp=nlp, labels=("commercial",))


def _promotes(engine, text: str) -> bool:
    return any(f.label == "commercial" for f in engine.analyze([make_item(text)])[0].findings)


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
