"""Links judged by their shape: bare hosts on the documentation name, generated short links, adult and lure hosts.

Every address here is invented for this test (none is in an evaluation set or the training files).
"""

from __future__ import annotations

import pytest

from detectors.base import SchoolContext
from detectors.unsafe_link import UnsafeLinkDetector
from tests.detectors.conftest import first_rule, school_detector_fixture

SCHOOL = SchoolContext(name="Hazelmere Primary", trusted_domains=(
    "hazelmere.example.sch.uk", "gov.uk", "northfield.gov.uk", "hazelmerepta.example.co.uk"))


detector = school_detector_fixture(UnsafeLinkDetector, SCHOOL)
_rule = first_rule


@pytest.mark.parametrize(("text", "rule"), [
    ("your car tax is overdue, pay now at dvla-payment.example", "impersonation"),  # bare, no path
    ("book the booster jab here nhs-appointment-uk.example", "impersonation"),
    ("weekend free bets for new players: spin-bet.example", "gambling"),
    ("lonely tonight? 18plus-meet.example", "adult"),
    ("photos from the disco: qk.example/a8Fq2", "shortener"),  # a short name and a generated code
    ("sign the form here zap.example/7hk2m9", "shortener"),
    ("register here shrtlnk.example/fun2026", "shortener"),  # a name that says it shortens
    ("trip consent form: hzlm.link/residential", "shortener"),  # an ending sold for short links
    ("see qwklnk.co/SchoolPhotos for the pics", "shortener"),
    # written so as not to read as a link: judged all the same
    ("the text said pay the fee at parcelforce-fees dot co/pay", "impersonation"),
    ("tiny url dot com? no: tinyurl dot com slash sports-day", "shortener"),
    ("got this: dvla-refund (dot) example (dot) com", "impersonation"),
    ("free robux from rbxfree[.]link/get", "shortener"),
    ("go to 198 . 51 . 100 . 23 / photos", "ip"),
    # documentation names (RFC 2606) read as the site they stand for
    ("our new payment page hazelmere.example.co.uk/pay", "lookalike"),  # the school's name on another ending
    ("parcel held: r0yalmail.example.com/fee", "lookalike"),
    # the games and parcel firms scams use against children and families, and their lures in home languages
    ("free minecoins for every kid!! minecraft-coins-free.example", "impersonation"),
    ("paczka czeka, trzeba zapłacić: inpost-oplata.example/pl", "impersonation"),
    ("log in to claim your skin r0blox.example.com/login", "lookalike"),
])
def test_links_found_by_their_shape(detector, nlp, text, rule):
    assert _rule(detector, nlp, text) == rule


@pytest.mark.parametrize("text", [
    "my lad streams most nights, twitch.example/Gamer123",  # a six-letter name: a site, not a shortener
    "the band's page is at abc.example/gamer123",  # a user name, not a generated code
    "our class blog: hazelmere.example.sch.uk/year3",  # the school's own
    "the form is on gov.uk/apply-free-school-meals",
    "see you at the end.Then we go home",  # a missing space, not a link
    "we were there on the dot at 3 . Then we went home",  # "dot" and spaced full stops in a sentence
    "I paid £5 . 50 for the cake",
    "school wear from northfieldschoolwear.example.co.uk is cheaper",  # a firm named after the council's place
    "the PTA shop is at shop-online.example.co.uk",  # only "example" shared with a trusted domain
    "the news is on bbc dot co dot uk slash news",  # disguised but reputable
    "we got cheap school shoes at cheapshoes.example.co.uk",  # one lure word and nothing else
    "junior curling on saturdays, sign up at curlingclub.example.co.uk/juniors",  # words that hold "url", "short"
    "the shortbread order form is at shortbread.example.co.uk/orders",
    "the minecraft club rules are at minecraftclub.example.co.uk/rules",  # a brand beside no lure
])
def test_ordinary_links_and_text_pass(detector, nlp, text):
    assert _rule(detector, nlp, text) is None
