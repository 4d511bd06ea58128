"""Links whose structure disguises where they go (issue 10): a whole domain worn as a subdomain, digits for
the letters of a trusted suffix, a trusted name beside other words, a brand joined to a service word or
written with an "s", lures of free things or debts, and names sold to look like a national suffix.

Every host is invented for this file; the brands are real names phishers use against UK families.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.unsafe_link import UnsafeLinkDetector

ROOT = Path(__file__).resolve().parent.parent.parent
SCHOOL = SchoolContext(
    name="Tanyard Lane Primary",
    trusted_domains=("tanyard.example.sch.uk", "gov.uk", "bbc.co.uk", "nhs.uk", "nspcc.org.uk"),
)


@pytest.fixture(scope="module")
def detector(nlp):
    det = UnsafeLinkDetector(SCHOOL)
    det.load(nlp)
    return det


def _rules(det, nlp, text):
    return [f.details["rule"] for f in det.analyze(Item("facebook", "t1", "comment", False, text), nlp(text))]


UNSAFE = [
    ("story here: bbc-sport.co.uk.scores-live.info/derby", "lookalike"),        # a domain worn as a subdomain
    ("book your jab at www.nhs.uk.clinic-bookings.net/jab", "lookalike"),
    ("pay the fine at parking.gov.uk.penalty-notice.top", "lookalike"),
    ("claim your grant on g0v.uk/energy-support", "lookalike"),                # a digit for a letter of gov.uk
    ("read this nspcc-alerts.com/leeds", "lookalike"),                         # a trusted name beside other words
    ("the video is on bbc-exclusive.net/clip", "lookalike"),
    ("prescription ready, confirm at nhsonline-confirm.net", "impersonation"),  # brand + service word + action
    ("free hamper from aldis-hampers-giveaway.com", "impersonation"),          # a brand written with an "s"
    ("evri parcel: pay the fee at evri-redelivery-fee.info", "impersonation"),
    ("uniform vouchers for every family: uniform-grant-vouchers.com/apply", "risky"),  # lures and an apply path
    ("lunch account in debt, settle at meals-debt.uk.com", "risky"),           # a pseudo-national suffix
    ("your Classroom password expires today, sign in at classroom-google.signin-edu.net", "impersonation"),
    ("new parents' group chat, invite link: whatsapp-invite.chat-groups.info", "impersonation"),
    ("Ofsted wants your views, register at ofsted-register.example.net", "impersonation"),
]


@pytest.mark.parametrize("text, rule", UNSAFE)
def test_disguised_links_are_flagged(detector, nlp, text, rule):
    assert rule in _rules(detector, nlp, text), text


SAFE = [
    "the match report: www.bbc.co.uk/sport/football/12345",       # trusted, with its own subdomain
    "uk.news.yahoo.com/article carried it too",                   # a site's own subdomains
    "see en.m.wikipedia.org/wiki/Tanning",
    "mail.google.com works again",
    "recipes on applecrumble-free.com are lovely",                # a brand-like word that is not the brand
    "free-kids-books.org has lots to borrow",                     # one lure word alone is not enough
    "the council's page www.eastwick.gov.uk/apply",               # a trusted suffix's own site
    "https://www.tesco.com/groceries for the class picnic",       # the brand's own site
    "the charity shop is on freshstart-furniture.co.uk",
    "the retro computing club is at bbc-micro-club.org.uk",       # a trusted name beside no lure word
    "We were judged Good by Ofsted. Read the report on our website", # a full stop and a new sentence
    "Thank you Google. Docs made the rota easy",
    "register for the fun run at funrun-register.org.uk",           # an action word with no brand
]


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_links_pass(detector, nlp, text):
    assert _rules(detector, nlp, text) == [], text


def test_no_case_is_copied_from_an_evaluation_set():
    sets = [*ROOT.glob("eval/dev/*/items.jsonl"), *(ROOT.parent / "shared" / "eval").glob("*/*/items.jsonl")]
    seen = " ".join(json.loads(line)["text"].lower() for path in sets
                    for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    hosts = [t.split()[-1] for t, _ in UNSAFE]
    assert not [h for h in hosts if h.lower() in seen]
