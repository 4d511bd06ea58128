"""A link written with look-alike letters of another alphabet is unsafe, although the detectors read it folded."""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.engine import DetectorEngine


@pytest.fixture(scope="module")
def engine(nlp):
    school = SchoolContext(name="Fernlea Primary", trusted_domains=("fernlea.example.sch.uk", "bbc.co.uk", "gov.uk"))
    return DetectorEngine(school, nlp=nlp, labels=("unsafe_link",))


def _links(engine, text):
    return [(f.details["rule"], text[f.start:f.end]) for f in
            engine.analyze_text(Item("facebook", "c1", "comment", False, text)).findings]


@pytest.mark.parametrize("text, shown", [
    ("term dates are on https://www.fernlеa.example.sch.uk/dates", "https://www.fernlеa.example.sch.uk/dates"),  # е
    ("read this www.bbс.co.uk/news/education-1", "www.bbс.co.uk/news/education-1"),                          # с
    ("claim the grant at www.gоv.uk/school-grant", "www.gоv.uk/school-grant"),                                # о
])
def test_a_trusted_domain_spelt_with_cyrillic_letters_is_a_lookalike(engine, text, shown):
    assert _links(engine, text) == [("lookalike", shown)], "the span is the link as the reader sees it"


@pytest.mark.parametrize("text", [
    "term dates are on https://www.fernlea.example.sch.uk/dates",
    "Дякую вчителям! https://www.bbc.co.uk/ukrainian",       # Cyrillic text beside an honest link
])
def test_honest_links_beside_other_alphabets_pass(engine, text):
    assert _links(engine, text) == []


@pytest.mark.parametrize("text, brand", [
    ("your refund is waiting, sign in at paypa1-refunds.net", "paypal"),           # 1 for l
    ("free voucher for every family amaz0n-rewards.shop/claim", "amazon"),        # 0 for o
    ("ur free robux here robIox-gifts.com", "roblox"),                            # capital I for l
    ("watch free for a month at netf1ix-member.com", "netflix"),
])
def test_a_brand_name_written_with_digits_or_a_capital_i_is_an_impersonation(engine, text, brand):
    found = engine.analyze_text(Item("facebook", "c1", "comment", False, text)).findings
    assert [f.details["rule"] for f in found] == ["impersonation"]
    assert repr(brand) in found[0].explanation


@pytest.mark.parametrize("text", [
    "4x4 hire for the school trip, see www.4x4-hire.co.uk",
    "our class blog is at year5-2024.blogspot.com",
    "the PTA page: INSTAGRAM.COM/fernleapta",
])
def test_digits_in_an_ordinary_host_and_a_brand_in_capitals_are_not_disguises(engine, text):
    assert [f.details["rule"] for f in engine.analyze_text(Item("facebook", "c1", "comment", False, text)).findings
            if f.details.get("rule") == "impersonation"] == []
