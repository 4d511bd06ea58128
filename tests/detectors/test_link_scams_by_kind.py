"""Kinds of unsafe link that families are sent, each written here in words of our own (in no evaluation set).

A government payment named instead of a department, a brand beside a service word or written with letter pairs,
a trusted name beside a word holding a lure, "dot" in another language, commas for dots, a spaced-out shortener,
a program named beside a file-host link, paid dating, lotteries and betting in the community languages; and the
honest links that look like them (a local firm carrying the school's place name, a club, a word list).
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.engine import DetectorEngine


@pytest.fixture(scope="module")
def engine(nlp):
    school = SchoolContext(name="Brynmawr Fields Primary School",
                           trusted_domains=("brynmawrfields.example.sch.uk", "bbc.co.uk", "gov.uk"))
    return DetectorEngine(school, nlp=nlp, labels=("unsafe_link",))


def _rules(engine, text):
    return [f.details["rule"] for f in engine.analyze_text(Item("facebook", "c1", "comment", False, text)).findings]


@pytest.mark.parametrize("text", [
    "the £150 cost of living top up is paid out at cost-of-living-support.online, took 2 mins",
    "winter help for families: costofliving-grant.info/apply",
    "free school meals summer vouchers, register at freeschoolmeals-uk.net",
    "taliad costau byw i bob teulu: llyw-cymru-cymorth.site",
    "council tax rebate ends friday counciltaxrebate-check.co",
])
def test_a_government_payment_named_on_a_domain_of_its_own_is_unsafe(engine, text):
    assert _rules(engine, text) in (["impersonation"], ["lookalike"], ["risky"])


@pytest.mark.parametrize("text", [
    "missed parcel, rebook at royalmail-uk.net",
    "your tax code needs checking hmrc-online.co",
    "royalrnail-parcels.com says i owe £1.99??",        # "rn" for "m"
    "uniform grant form at g0v-uk.com/forms",            # a digit for a letter in a three-letter name
])
def test_a_brand_beside_a_service_word_or_in_letter_pairs_is_an_impersonation(engine, text):
    assert _rules(engine, text) in (["impersonation"], ["lookalike"])


def test_a_trusted_name_beside_a_word_that_holds_a_lure_is_a_lookalike(engine):
    assert _rules(engine, "omg look what the head said bbc-newsflash.co/school") == ["lookalike"]


@pytest.mark.parametrize("text", [
    "nu intrati pe plata-colete (punct) top, e teapa",        # Romanian "punct"
    "uwaga na dpd-doplata kropka com, to oszustwo",            # Polish "kropka"
    "scam again www,evri-rebook,net dont click",               # commas for dots after www
    "free robux: t i n y u r l . c o m / rbx99",               # every letter spaced out
])
def test_a_link_written_so_it_does_not_read_as_one_is_still_judged(engine, text):
    assert len(_rules(engine, text)) == 1


@pytest.mark.parametrize("text", [
    "dla dzieci: www.boxfiles.example/dl/7h2k then open Prezent_Swiateczny.exe",
    "sports day pics here https://drive.google.com/uc?export=download&id=9ZqX (SportsDay2027.scr)",
])
def test_a_program_named_beside_a_file_host_link_is_a_program_download(engine, text):
    assert _rules(engine, text) == ["program"]


@pytest.mark.parametrize("text, rule", [
    ("generous sugar daddy wants to spoil a mum, sugardaddies-near-me.com", "adult"),
    ("weekly syndicate, join at megalotto-club.win", "gambling"),
    ("bonus la prima depunere: pariurisport-ro.com", "gambling"),
    ("kasyno online bez weryfikacji kasynobonus.pl", "gambling"),
    ("teen patti khel ke paise jeeto teenpattigold-cash.in", "gambling"),
])
def test_paid_dating_lotteries_and_betting_in_the_community_languages(engine, text, rule):
    assert _rules(engine, text) == [rule]


@pytest.mark.parametrize("text", [
    "thanks to the butchers for the bbq meat! www.pryce-butchers-brynmawr.co.uk",   # a firm with the place's name
    "brynmawr rugby club juniors training sat www.brynmawrrfc.example.org.uk",
    "we need eggs, flour, milk, www, and sugar for the bake off",                  # a list with "www" in it
    "i . e . bring a coat / hat and wellies",                                      # spaced letters, no host
    "to jest mój punkt widzenia, nie kropka w kropkę",                             # the words for dot in prose
    "the setup.exe for the library laptops is on the staff drive, not a link",     # a program and no link
    "our cake stall raised £212, sugar overload 😂 www.brynmawrfields.example.sch.uk/news",
])
def test_honest_text_that_looks_like_those_passes(engine, text):
    assert _rules(engine, text) == []
