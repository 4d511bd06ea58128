"""unsafe_link: shorteners, raw IPs, look-alikes, program downloads, adult and gambling sites;
trusted and ordinary sites pass. Nothing is looked up on the network."""

from __future__ import annotations

import socket

import pytest

from core.items import Item
from detectors.unsafe_link import UnsafeLinkDetector
from tests.detectors.conftest import detector_fixture
from tests.detectors.conftest import findings as _findings

detector = detector_fixture(UnsafeLinkDetector)


@pytest.mark.parametrize("unsafe, rule", [
    ("join the class chat here tinyurl.com/example-chat", "shortener"),          # bare shortener
    ("photos at https://bit.ly/3xAmpLe", "shortener"),
    ("log in at http://203.0.113.7/parentpay", "ip"),                             # raw IP
    ("the school photos are up: oakfie1d.example.sch.uk/photos", "lookalike"),   # 1 for l in the school's domain
    ("pay for the trip at oakfield-school-payments.com", "lookalike"),           # school name embedded
    ("dinner money now at parentpay.co/login", "lookalike"),                      # trusted name, other suffix
    ("top up at www.parentpay.com.account-verify.example.net", "lookalike"),     # trusted domain as a prefix
    ("update your details at https://раrentpay.com", "lookalike"),                # Cyrillic р and а
    ("free reading app: http://example.com/ReadingApp_Setup.exe", "program"),     # program download
    ("get it here example.org/files/game.apk", "program"),
    ("50 free spins at luckyspins-example.bet", "gambling"),                     # gambling suffix
    ("pics at example-porn-site.com", "adult"),
    ("http://gov.uk@example.com/refund", "userinfo"),                             # a host hidden behind a user name
])
def test_unsafe_links_are_flagged(detector, nlp, unsafe, rule):
    findings = _findings(detector, nlp, unsafe)
    assert findings, unsafe
    assert findings[0].details["rule"] == rule
    assert unsafe[findings[0].start:findings[0].end] in unsafe


@pytest.mark.parametrize("text", [
    "Dinner money is paid through ParentPay (https://www.parentpay.com)",        # trusted
    "Closures are listed at https://www.derbyshire.gov.uk/schoolclosures",        # trusted suffix, subdomain
    "More at https://www.nspcc.org.uk/keeping-children-safe/",
    "Please fill in the survey https://forms.office.com/r/Example123",            # reputable
    "Our trip photos are on https://oakfield.example.sch.uk/gallery",             # the school itself
    "Lovely recipe at example.org/recipes/flapjack",                              # ordinary site
    "See www.example.com for the timetable",
    "Email office@oakfield.example.sch.uk with any questions",                    # an e-mail, not a link
    "What a great day.Live music from Year 6 tonight!",                           # missing space, not a link
    "Version 2.1 of the newsletter is out",
])
def test_trusted_and_ordinary_links_pass(detector, nlp, text):
    assert _findings(detector, nlp, text) == [], text


def test_t_co_is_judged_by_its_destination_and_as_a_shortener_when_that_is_unknown(detector, nlp):
    text = "Match report https://t.co/AbC123"
    safe = Item("x", "t1", "comment", False, text, extra={"links": {"https://t.co/AbC123": "https://www.bbc.co.uk/sport"}})
    assert detector.analyze(safe, nlp(text)) == []
    lure = Item("x", "t2", "comment", False, text,
                extra={"links": {"https://t.co/AbC123": "https://hmrc-refund-claim.example/login"}})
    [finding] = detector.analyze(lure, nlp(text))
    assert finding.details["host"] == "hmrc-refund-claim.example"
    [unknown] = _findings(detector, nlp, text, platform="x")
    assert unknown.details["rule"] == "shortener"


def test_explanation_names_the_rule_and_host(detector, nlp):
    [finding] = _findings(detector, nlp, "see tinyurl.com/example")
    assert "shortener" in finding.explanation and "tinyurl.com" in finding.explanation


def test_no_network_is_touched(nlp, oakfield_school, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    det = UnsafeLinkDetector(oakfield_school)
    det.load(nlp)
    text = "see bit.ly/x and example.co.uk/page"
    assert _findings(det, nlp, text)


@pytest.mark.parametrize("unsafe, rule", [
    ("forms here: https://apply-now.example/form.msi", "program"),                 # a TLD the suffix list lacks
    ("parents please update https://www.gov.uk.refund-check.example/start", "lookalike"),  # trusted name first
    ("report at https://bbc.co.uk-news.example/story", "lookalike"),               # trusted name, then a hyphen
    ("log in: http://parentpay-secure-login.example/pay", "lookalike"),            # brand with phishing words
    ("nsfw 🔞 what she posted 👉 clipz.example/v/1", "adult"),                     # adult marker beside the link
    ("100 free spins at lucky-casino.example/now", "gambling"),
])
def test_links_on_unlisted_suffixes_and_disguised_hosts_are_flagged(detector, nlp, unsafe, rule):
    findings = _findings(detector, nlp, unsafe)
    assert findings and findings[0].details["rule"] == rule, unsafe


@pytest.mark.parametrize("text", [
    "The reading list is at https://library.example/year6",                        # unlisted suffix, nothing wrong
    "Our new page is at https://www.gov.uk/free-school-meals",                     # the trusted domain itself
    "18+ only at the quiz night, details on https://www.bbc.co.uk/news",            # adult marker, trusted link
])
def test_ordinary_links_on_unlisted_suffixes_pass(detector, nlp, text):
    assert _findings(detector, nlp, text) == [], text


@pytest.mark.parametrize("unsafe, rule", [
    ("Term dates: https://oakfield.example-sch.uk/dates", "lookalike"),           # a dot written as a hyphen
    ("Claim the grant: https://gov-uk.grant-claims.example/apply", "lookalike"),  # gov.uk as gov-uk
    ("win big 🎰 lucky-bingo.example/join", "gambling"),                          # gambling by name
])
def test_hyphen_for_dot_lookalikes_and_bingo_sites(detector, nlp, unsafe, rule):
    found = _findings(detector, nlp, unsafe)
    assert found and found[0].details["rule"] == rule, unsafe


@pytest.mark.parametrize("text", [
    "Guidance is on https://www.gov.uk/school-uniform",
    "Our spinning class timetable: https://spin-studio.example/times",
])
def test_trusted_and_ordinary_hyphenated_hosts_pass(detector, nlp, text):
    assert _findings(detector, nlp, text) == [], text
