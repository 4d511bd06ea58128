"""commercial: plain English offers that carry no "for sale" (a firm price, a quote, book-and-save, a voucher to
claim, debts written off), each beside the ordinary sentence that shares its words (our own wording)."""

from __future__ import annotations

import pytest

from detectors.commercial import CommercialDetector
from tests.detectors.conftest import detector_fixture
from tests.detectors.conftest import findings as _findings

detector = detector_fixture(CommercialDetector)


@pytest.mark.parametrize("promo, ordinary", [
    ("Nintendo Switch with 3 games, £140 no offers, pick up only",
     "no offers of help came from the council about the potholes"),
    ("pram in grey, barely used, £60. no time wasters pls",
     "we have no time to waste before the coach leaves at 8"),
    ("Bouncy castles for birthdays, happy to send you a quote xx",
     "the quote from the head in the newsletter made me smile"),
    ("Easter cricket camps for 5-11s, book now and save £12 per child",
     "book now if you want a parents evening slot, they go fast"),
    ("FREE £200 Morrisons voucher for every family that shares this post! Claim yours before midnight",
     "free school meal vouchers come from the council, not from facebook posts"),
    ("Behind on bills? A new scheme can write off up to 70% of what you owe",
     "the office can help you apply for the uniform grant"),
])
def test_a_plain_offer_is_promotion_and_its_ordinary_twin_is_not(detector, nlp, promo, ordinary):
    assert [f.label for f in _findings(detector, nlp, promo)] == ["commercial"]
    assert _findings(detector, nlp, ordinary) == []


def test_claiming_a_benefit_is_not_claiming_a_prize(detector, nlp):
    assert _findings(detector, nlp, "claim your free school meals through the council website") == []
