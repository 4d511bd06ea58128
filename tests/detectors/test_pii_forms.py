"""personal_data in more of the forms families write (issue 10): other countries' national phone formats,
digits disguised with letters, e-mails disguised around the "@", dates of birth in other languages or after
a name, a sort code with its account, an NI number named after it, passports in other spellings, homes
offered for a visit, Welsh streets, named houses, and a postcode written before its street.

Every case was written for this file (invented numbers in drama or test ranges, made-up names and
streets); :func:`test_no_case_is_copied_from_an_evaluation_set` keeps it so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.personal_data import PersonalDataDetector
from detectors.pii_spoken_phone import spoken_digits

ROOT = Path(__file__).resolve().parent.parent.parent
SCHOOL = SchoolContext(
    name="Tanyard Lane Primary",
    public_contacts=("01632 960 410", "office@tanyard.example.sch.uk", "Tanyard Lane, Eastwick, EW4 7QT"),
    trusted_domains=("tanyard.example.sch.uk",),
)


@pytest.fixture(scope="module")
def detector(nlp):
    det = PersonalDataDetector(SCHOOL)
    det.load(nlp)
    return det


def _entities(det, nlp, text):
    return [f.details["entity"] for f in det.analyze(Item("facebook", "t1", "comment", False, text), nlp(text))]


POSITIVE = [
    # other countries' numbers in their own national format, beside a phone word in English or theirs
    ("my sister's mobile in Cork is 086 234 5678 if the bus is late", "PHONE_NUMBER"),      # Irish 08x, 10 digits
    ("auntie's line back home is 0806 234 5678, ring her if you can't get me", "PHONE_NUMBER"),  # Nigerian 080x
    ("uncle's number is 0703 555 0188", "PHONE_NUMBER"),                                     # Nigerian 070x
    ("abbu ka number 0321 7654321 hai, call kar lena", "PHONE_NUMBER"),                      # Pakistani 4 + 7
    ("mój numer telefonu 601 234 567, proszę dzwonić po 17", "PHONE_NUMBER"),                # Polish, Polish words
    ("o meu telemóvel é 936 123 456", "PHONE_NUMBER"),                                       # Portuguese
    ("ring me on (+353) 86 234 5678 from Monday", "PHONE_NUMBER"),                         # bracketed prefix
    # digits disguised with letters, glued words, "hundred", a dropped leading zero
    ("ring me on O77OO 9OO 318 after tea", "PHONE_NUMBER"),
    ("whatsapp 07700 9oo 615 about the costumes", "PHONE_NUMBER"),
    ("my digits 07seven00 900 274, message me", "PHONE_NUMBER"),
    ("lift share? message 07700 nine hundred 583 tonight", "PHONE_NUMBER"),
    ("no zero at the front: seven seven oh oh nine oh oh two six one", "PHONE_NUMBER"),
    # e-mails disguised around the "@"
    ("write to me, danielle.k[at]yahoo.co.uk", "EMAIL_ADDRESS"),
    ("my addy is p e t e r . s m i t h @ gmail . com lol", "EMAIL_ADDRESS"),
    ("send it to kwame (at) outlook.com please", "EMAIL_ADDRESS"),
    ("reach me on rhiannon.p @ btinternet . com", "EMAIL_ADDRESS"),
    # dates of birth: other formats, other languages, after a name
    ("her birthday is 2016-11-04 so she's the youngest", "DATE_OF_BIRTH"),
    ("Idris b. 14 feb 2017, first time on the class photo", "DATE_OF_BIRTH"),
    ("Zofia, data urodzenia 11.09.2016, czy jest na liście?", "DATE_OF_BIRTH"),
    ("Andrei s-a născut pe 3 martie 2015", "DATE_OF_BIRTH"),
    ("a data de nascimento dele é 7 de maio de 2016", "DATE_OF_BIRTH"),
    ("Hamza ki tarikh paidaish 02-10-2015 hai", "DATE_OF_BIRTH"),
    ("Ganwyd Elis ar 9 Hydref 2018", "DATE_OF_BIRTH"),
    ("Poppy Wainwright 21/03/2018 - can someone check the nurse list?", "DATE_OF_BIRTH"),
    # bank details: a sort code with its account needs no bank word
    ("send the trip money to 09-01-28 31926819 please", "UK_BANK_DETAILS"),
    ("s/c 40 11 62 a/c 71522904 for the raffle", "UK_BANK_DETAILS"),
    # an NI number named after it
    ("JP-40-21-63-B, that's my NI number isn't it?", "UK_NINO"),
    # passports: other spellings, digits spaced one by one
    ("paszport nr 713524869 for the trip", "UK_PASSPORT"),
    ("passport 2 6 4 8 1 9 3 5 7 sorry for the delay", "UK_PASSPORT"),
    # homes offered for a visit, Welsh streets, named houses, a postcode before its street
    ("we're at 9 larch rd if you want to pick the bike up", "UK_HOME_ADDRESS"),
    ("tombola prizes can be collected from 6 quarry view", "UK_HOME_ADDRESS"),
    ("Dewch draw i 24 Ffordd yr Orsaf am y parti", "UK_HOME_ADDRESS"),
    ("We're at Ivy Cottage, Sandpit Lane - come round any time", "UK_HOME_ADDRESS"),
    ("EW9 3XB, 17 tannery street - that's us, the green door", "UK_POSTCODE"),
]


@pytest.mark.parametrize("text, entity", POSITIVE)
def test_personal_data_in_these_forms_is_found(detector, nlp, text, entity):
    assert entity in _entities(detector, nlp, text), text


NEGATIVE = [
    "the council's housing line is 0300 123 7788",                          # a UK service's 03 number
    "Childline is free on 0800 1111 any time",                              # short freephone
    "the passport office helpline is 0300 222 0000",                        # digits that are no passport
    "size 8 bottle green blazer, pick up from the corner shop",            # a size, not a house number
    "The village hall was founded on 5th September 1968, happy birthday!",  # a building's founding date
    "Mrs Okafor 03/05/2019 was her first day with us",                      # a title: staff, not a pupil
    "Sports Day 14/07/2023 photos are on the blog",                         # an event title, not a name
    "the swimming gala is at Eastwick Leisure Centre, Mill Road, EW4 2PL",  # a public place's address
    "meet @ 3 . 30 by the gate",                                            # an "@" that is no address
    "follow us @ tanyard . official for the photos",                        # a handle, not an address
    "Follow @crumbs.and.co.uk for the cake orders",                          # a handle with dots
    "email office@tanyard.example.sch.uk about clubs",                      # the school's own mailbox
    "my NI number, is this the right format?? QQ 12 34 56 A",               # a specimen prefix stays out
    "room 4 mill view is where the art club meets",                          # a label, not a house number
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_ordinary_and_public_details_are_not(detector, nlp, text):
    assert _entities(detector, nlp, text) == [], text


@pytest.mark.parametrize("spelt, digits", [
    ("O77OO 9OO 318", "07700900318"),
    ("07seven00", "07700"),
    ("nine hundred five", "9005"),
    ("seven-seven-double-oh", "7700"),
])
def test_disguised_digits_are_read(spelt, digits):
    assert spoken_digits(spelt) == digits


def test_no_case_is_copied_from_an_evaluation_set():
    sets = [*ROOT.glob("eval/dev/*/items.jsonl"), *(ROOT.parent / "shared" / "eval").glob("*/*/items.jsonl")]
    seen = {" ".join(json.loads(line)["text"].lower().split()) for path in sets
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    mine = [t for t, _ in POSITIVE] + NEGATIVE
    assert not [t for t in mine if " ".join(t.lower().split()) in seen]
