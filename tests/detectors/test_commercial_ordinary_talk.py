"""commercial: what ordinary public comments say with an advert's words is no promotion. A reader answering a plug
("I'll check it out"), a betrayal ("selling us out"), a complaint about someone else's selling or money-making, a
vote reported or opposed, someone's pay, crypto or a petition named in the news: through the whole engine (rules,
the learned model and the calibration). Every sentence was written for this test (invented people), in no
evaluation or training file; the offers beside them are still found.
"""

from __future__ import annotations

import pytest

from detectors.base import SchoolContext
from tests.detectors.conftest import engine_finds, label_engine_fixture

SCHOOL = SchoolContext(name="Quarry Bank Primary", staff=("Mrs Adeyemi", "Mr Thorne"))


engine = label_engine_fixture(SCHOOL, "commercial")


def _promotes(engine, text: str) -> bool:
    return engine_finds(engine, text, "commercial")


@pytest.mark.parametrize("text", [
    "ooh thanks for the tip, I'll check it out at the weekend",
    "will defo check it out, the kids love a soft play",
    "has anyone actually checked it out yet? is it worth the drive",
    "the council are selling us out again, that field was meant for the school",
    "they are selling off the old library for flats and nobody asked us",
    "all this academy trust cares about is making money off parents",
    "I was on £7 an hour at the bakery when I was at school, kids don't know they're born",
    "bitcoin crashed again, my cousin's gutted, told him it was a mug's game",
    "there's a petition going round about the speed bumps, no idea if it'll do anything",
    "they'd never vote for him in a month of Sundays",
    "fingers crossed the under 9s win a match before Christmas",
    "this made me laugh so much https://twitter.com/someone_invented/status/1234567890123",
])
def test_ordinary_talk_with_an_adverts_words_is_not_promotion(engine, text):
    assert not _promotes(engine, text)


@pytest.mark.parametrize("text", [
    "made £3k last month trading bitcoin from my phone, message me and I'll show you how",
    "Please sign our petition to keep the lollipop crossing on Mill Lane 🙏 link in bio",
    "Check it out!! my new slime shop is open, £3 a pot, DM to order",
    "Selling my son's old school shoes size 2, £5 collection only",
    "vote for my daughter in the Little Miss Sunshine contest, voting closes Friday x",
    "Tutor with availability after school, £22 an hour, fully DBS checked",
    "https://www.facebook.com/LaceyLashesByJoInvented",
    "want to make money? it's easier than you think x",
    # an offer that says what "you get" is no one's pay talked about
    "Maths tutoring available, you get 1:1 sessions at £20/hour",
])
def test_the_offers_beside_them_are_still_found(engine, text):
    assert _promotes(engine, text)

