"""A phishing lure or a fake giveaway is an unsafe link, not an advert; a trader behind a short link is still one.

The texts are written for this test (none is in an evaluation set or the training files).
"""

from __future__ import annotations

import pytest

from detectors.base import Finding, SchoolContext
from detectors.engine import DetectorEngine
from detectors.link_bait import without_bait_promotion
from tests.detectors.conftest import make_item

SCHOOL = SchoolContext(name="Larchfield Primary", staff=("Mrs Okafor",),
                       trusted_domains=("larchfield.example.sch.uk", "gov.uk"))


@pytest.fixture(scope="module")
def engine(nlp):
    return DetectorEngine(SCHOOL, nlp=nlp, labels=("commercial", "unsafe_link"))


def _labels(engine, text) -> set[str]:
    return {f.label for f in engine.analyze([make_item(text)])[0].findings}


@pytest.mark.parametrize("text", [
    "Evri: your parcel is on hold, pay the £1.20 redelivery charge at evri-parcel-help.example.com/pay",
    "Santander says my account is suspended, link santander-verify-uk.example.com/login, is this real?",
    "Every family gets a FREE £200 Tesco gift card this half term 🎁 claim at tesco-rewards-families.example.com",
    "grab a free gift card for every mum before midnight 👉 bit.ly/gift4mums",
    "win a PS5 for your kids, just click here http://198.51.100.23/ps5",
])
def test_a_lure_with_a_deceptive_link_is_an_unsafe_link_and_not_promotion(engine, text):
    assert _labels(engine, text) == {"unsafe_link"}


@pytest.mark.parametrize("text", [
    "Jollof and chin chin trays for parties, £30 each, order here bit.ly/auntykemi",
    "Forex signals that made me £3k last month, join my VIP group 👉 tinyurl.com/fxvip-mums",
    "100 free spins, no deposit needed, at lucky-reels.bet 🎰",
])
def test_a_trade_behind_an_unsafe_link_is_both(engine, text):
    assert _labels(engine, text) == {"commercial", "unsafe_link"}


def test_a_giveaway_without_a_deceptive_link_is_still_promotion(engine):
    assert "commercial" in _labels(engine, "GIVEAWAY 🎁 like our page and tag 3 friends to win a £50 voucher, "
                                           "winner picked Friday!")


def _finding(label, **details) -> Finding:
    return Finding(label, 0.9, "high", 0, 0, "x", details=details)


def test_the_learned_model_alone_is_dropped_only_beside_a_link_that_poses_as_someone_else():
    learned = _finding("commercial", category="learned")
    posing = [_finding("unsafe_link", rule="impersonation"), learned]
    hiding = [_finding("unsafe_link", rule="shortener"), learned]
    assert [f.label for f in without_bait_promotion(posing)] == ["unsafe_link"]
    assert [f.label for f in without_bait_promotion(hiding)] == ["unsafe_link", "commercial"]


def test_promotion_stays_beside_a_gambling_or_adult_link_and_without_any_link():
    bait = _finding("commercial", cues=["free gifts and prizes", "a link to an outside site"])
    for rule in ("gambling", "adult"):
        assert len(without_bait_promotion([_finding("unsafe_link", rule=rule), bait])) == 2
    assert without_bait_promotion([bait]) == [bait]
