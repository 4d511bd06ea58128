"""Links judged by their shape: bare hosts on the documentation name, generated short links, adult and lure hosts.

Every address here is invented for this test (none is in an evaluation set or the training files).
"""

from __future__ import annotations

import pytest

from detectors.base import SchoolContext
from detectors.unsafe_link import UnsafeLinkDetector
from tests.detectors.conftest import findings

SCHOOL = SchoolContext(name="Hazelmere Primary", trusted_domains=("hazelmere.example.sch.uk", "gov.uk"))


@pytest.fixture(scope="module")
def detector(nlp):
    det = UnsafeLinkDetector(SCHOOL)
    det.load(nlp)
    return det


def _rule(detector, nlp, text):
    found = findings(detector, nlp, text)
    return found[0].details["rule"] if found else None


@pytest.mark.parametrize(("text", "rule"), [
    ("your car tax is overdue, pay now at dvla-payment.example", "impersonation"),  # bare, no path
    ("book the booster jab here nhs-appointment-uk.example", "impersonation"),
    ("weekend free bets for new players: spin-bet.example", "gambling"),
    ("lonely tonight? 18plus-meet.example", "adult"),
    ("photos from the disco: qk.example/a8Fq2", "shortener"),  # a short name and a generated code
    ("sign the form here zap.example/7hk2m9", "shortener"),
    ("register here shrtlnk.example/fun2026", "shortener"),  # a name that says it shortens
])
def test_links_found_by_their_shape(detector, nlp, text, rule):
    assert _rule(detector, nlp, text) == rule


@pytest.mark.parametrize("text", [
    "my lad streams most nights, twitch.example/Gamer123",  # a six-letter name: a site, not a shortener
    "the band's page is at abc.example/gamer123",  # a user name, not a generated code
    "our class blog: hazelmere.example.sch.uk/year3",  # the school's own
    "the form is on gov.uk/apply-free-school-meals",
    "see you at the end.Then we go home",  # a missing space, not a link
])
def test_ordinary_links_and_text_pass(detector, nlp, text):
    assert _rule(detector, nlp, text) is None
