"""Adult and gambling sites known by the words of their names, however the words are joined.

Every address here is invented for this test (none is in an evaluation set or the training files).
"""

from __future__ import annotations

import pytest

from detectors.base import SchoolContext
from detectors.link_words import domain_words
from detectors.unsafe_link import UnsafeLinkDetector
from tests.detectors.conftest import first_rule, school_detector_fixture

SCHOOL = SchoolContext(name="Hazelmere Primary", trusted_domains=("hazelmere.example.sch.uk",))


detector = school_detector_fixture(UnsafeLinkDetector, SCHOOL)
_rule = first_rule


@pytest.mark.parametrize(("text", "rule"), [
    ("new customers get a tenner free at luckybetzone.com", "gambling"),
    ("footy acca tips every saturday at acca-freebets.net", "gambling"),
    ("20 free spins on the megaspinsroom.co.uk slots", "gambling"),
    ("bored? naughtylocaldates.com 😉", "adult"),
    ("meetsinglestonight.net is where I met my ex lol", "adult"),
    ("private shows at northwestcams.com", "adult"),
])
def test_a_site_named_for_gambling_or_sex_is_unsafe_however_its_words_are_joined(detector, nlp, text, rule):
    assert _rule(detector, nlp, text) == rule


@pytest.mark.parametrize("text", [
    "Explorer badges for Essex scouts this week: essexscouts.org.uk/badges",
    "the adult learning courses at adultlearningnorthfield.org.uk start in January",
    "phonics songs at alphabetsongs.co.uk are great for reception",
    "Middlesex county cricket junior trials middlesexcricket.com",
    "speed awareness course booking: speedawarenessonline.co.uk",
    "our sexual health clinic moved, details at sexualhealthnorthfield.nhs.uk",
    "spinning classes at the leisure centre, spinningstudio.co.uk",
])
def test_a_name_that_only_holds_those_letters_inside_other_words_passes(detector, nlp, text):
    assert _rule(detector, nlp, text) is None


def test_words_are_split_at_dots_and_hyphens_first_and_punycode_has_none():
    assert domain_words("hot-localdates.club") == ("hot", "local", "dates", "club")
    assert domain_words("xn--80ak6aa92e") == ()


@pytest.mark.parametrize("text", [
    "the children's hospital's fracture clinic: www.northfieldchildrens.nhs.uk/fracture-clinic",
    "community dental service at sexualhealthnorthfield.nhs.uk/dental",
    "report it to the police online: www.northfield.police.uk/report",
])
def test_a_site_under_a_public_body_suffix_is_that_body_s_own(detector, nlp, text):
    assert _rule(detector, nlp, text) is None
