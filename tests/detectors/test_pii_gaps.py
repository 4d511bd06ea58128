"""personal_data in the shapes people really type: lower-case addresses, numbers in words or odd separators,
passport numbers, other countries' phone numbers, and identifiers whose checksum or prefix is impossible.

Every value is invented (Ofcom's drama ranges, made-up streets and postcodes).
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.personal_data import PersonalDataDetector
from detectors.pii_spoken_phone import spoken_digits

SCHOOL = SchoolContext(
    name="Fernhollow Primary",
    public_contacts=("01632 960 200", "office@fernhollow.example.sch.uk"),
    trusted_domains=("fernhollow.example.sch.uk",),
)


@pytest.fixture(scope="module")
def detector(nlp):
    det = PersonalDataDetector(SCHOOL)
    det.load(nlp)
    return det


def _entities(det, nlp, text):
    return [f.details["entity"] for f in det.analyze(Item("facebook", "t1", "comment", False, text), nlp(text))]


@pytest.mark.parametrize("text", [
    "drop it round to 14 elm rd ls6 2ab",                      # lower case, abbreviated, full postcode
    "parcel went to 31 willow gr, hx3 9zt by mistake",
    "its flat 3, 22 mill st if anyone finds her coat",         # a flat number before the street
    "apt 12b, 7 station rd near the shop",
    "no. 7 the crescent, bd8 - the blue door",                 # "the" street and an outward code
    "number 19 the paddock, wf4 if you find it",
    "we live at 14 elm rd so happy to help",                   # a context word lifts a bare street
    "our new address is 5 tanner ln btw",
])
def test_lower_case_addresses_are_found(detector, nlp, text):
    assert "UK_HOME_ADDRESS" in _entities(detector, nlp, text), text


@pytest.mark.parametrize("text", [
    "year 6 went to the park after lunch",
    "room 12 is the music room now",
    "we drove route 66 last summer",
    "3 stars for the school dinners lol",
    "it's a 10 minute walk to the park",
    "we scored 2 goals on the green",
    "14 elm rd",                                               # a street alone, no postcode, flat or context
    "the 2 way street by the gates is busy",
])
def test_counts_and_bare_streets_are_not_addresses(detector, nlp, text):
    assert "UK_HOME_ADDRESS" not in _entities(detector, nlp, text), text


@pytest.mark.parametrize("text", [
    "oh seven seven double oh nine double oh four five six",
    "text me zero seven seven zero zero nine zero zero, six five four",
    "ring oh one six three two nine six oh nine eight seven",   # a landline
    "call 07700 nine double oh three two one",                  # digits and words mixed
    "plus four four seven seven double oh nine double oh seven eight nine",
])
def test_phone_numbers_in_words_are_found(detector, nlp, text):
    assert _entities(detector, nlp, text) == ["PHONE_NUMBER"], text


@pytest.mark.parametrize("text", [
    "one two three four five six seven, here we come",        # counting
    "we won three nil then lost two one",                      # scores
    "see you at seven oh five tomorrow",                       # a time
    "oh one six three two nine six oh two double oh",          # the school's own number, spelt out
])
def test_words_that_are_not_a_personal_number(detector, nlp, text):
    assert "PHONE_NUMBER" not in _entities(detector, nlp, text), text


def test_spoken_digits_expand_repeats():
    assert spoken_digits("oh seven double oh, triple nine") == "0700999"


@pytest.mark.parametrize("text", [
    "my mobile 07700.900.456",
    "call 0 7 7 0 0 9 0 0 6 5 4",
    "whatsapp 07700-900-789",
    "number is 07700/900/321",
    "ring 077 00 90 01 47",
])
def test_odd_separators_still_make_a_phone_number(detector, nlp, text):
    assert "PHONE_NUMBER" in _entities(detector, nlp, text), text


@pytest.mark.parametrize("text", [
    "parents evening 12.07.2025 from 15.30-18.45",              # a date and times
    "tickets £12.50-£15.00, under 5s free",                     # prices
    "final score 21-14, 18-21, 21-19",                          # scores
    "results 3-1 2-2 0-1 4-0 1-1 today",
])
def test_dates_times_prices_and_scores_are_not_phones(detector, nlp, text):
    assert "PHONE_NUMBER" not in _entities(detector, nlp, text), text


@pytest.mark.parametrize("text", [
    "passport no 204518376 for the trip form",
    "my passport number is 318 604 275, is that needed?",
    "her passport #: 560 712 843",
    "passport no. for my son: 771203958",
])
def test_passport_numbers_introduced_as_such_are_found(detector, nlp, text):
    assert "UK_PASSPORT" in _entities(detector, nlp, text), text


@pytest.mark.parametrize("text", [
    "order 204518376 has not arrived",                          # nine digits, no passport word
    "passport photos cost £12, my ref was 318604275",           # "passport" but not its number
    "passport number 2045183761 doesn't fit the box",           # ten digits
])
def test_nine_digits_without_a_passport_number_are_not(detector, nlp, text):
    assert "UK_PASSPORT" not in _entities(detector, nlp, text), text


@pytest.mark.parametrize("text", [
    "my polish mobile +48 601 234 567",
    "bunica: +40 744 123 456",
    "text me +370 655 12345",
    "whatsapp +92 321 7654321",
    "my number +880 1811 234567",
    "ring +252 63 4123456",
    "my PT number +351 936 123 456",
    "my spanish one +34 655 12 34 56",
    "call +353 87 765 4321",
    "new number +44 77 00 90 01 23",
    "mob +4477 009 00147",
])
def test_other_countries_phone_numbers_are_found(detector, nlp, text):
    assert "PHONE_NUMBER" in _entities(detector, nlp, text), text


@pytest.mark.parametrize("text", [
    "ring +92 42 1234567 soon",                                  # not a valid Pakistani number
    "the code is +48 123",
])
def test_invalid_international_numbers_are_not(detector, nlp, text):
    assert "PHONE_NUMBER" not in _entities(detector, nlp, text), text


@pytest.mark.parametrize("prefix", ["BG", "GB", "NK", "KN", "TN", "NT", "ZZ",               # never allocated
                                    "DA", "FA", "IA", "QA", "UA", "VA",                     # impossible first letter
                                    "AD", "AF", "AI", "AO", "AQ", "AU", "AV"])              # impossible second
def test_impossible_ni_prefixes_are_not_ni_numbers(detector, nlp, prefix):
    assert _entities(detector, nlp, f"my NI number is {prefix} 12 34 56 C") == []
    assert _entities(detector, nlp, f"national insurance: {prefix.lower()}-12-34-56-c") == []


@pytest.mark.parametrize("text", ["my NI number is JG 12 34 56 C", "national insurance: jg-12-34-56-c",
                                  "NI no. AB.12.34.56.D"])
def test_possible_ni_numbers_are_found(detector, nlp, text):
    assert "UK_NINO" in _entities(detector, nlp, text), text


def test_an_nhs_number_failing_modulus_11_is_never_an_nhs_number(detector, nlp):
    assert "UK_NHS" in _entities(detector, nlp, "her NHS number is 401 023 2137")      # check digit 7 is right
    assert "UK_NHS" not in _entities(detector, nlp, "her NHS number is 401 023 2138")  # one digit off


def test_a_upn_failing_its_check_letter_is_never_called_valid(detector, nlp):
    text = "pupil number A801200005001 for the form"  # the right check letter is B
    found = detector.analyze(Item("facebook", "t1", "comment", False, text), nlp(text))
    assert found and all("does not validate" in f.explanation for f in found)


@pytest.mark.parametrize("text", [
    "her licence number is 318 604 275",        # an identifier's name, not a phone word, introduces it
    "order number 318 604 275 still not here",
])
def test_an_identifier_named_before_digits_is_not_a_foreign_phone(detector, nlp, text):
    assert "PHONE_NUMBER" not in _entities(detector, nlp, text), text


def test_a_foreign_local_number_beside_a_phone_word_still_is(detector, nlp):
    assert "PHONE_NUMBER" in _entities(detector, nlp, "my french number is 06 12 34 56 78")


# The new recognizers read each text once: four times the text takes about four times as long.
HOSTILE = {
    "spelt digits": "oh seven double ",
    "digit words that never make a number": "one two three four five ",
    "lower-case streets": "14 elm rd ",
    "flats": "flat 3, 22 mill ",
    "passport intros": "passport no ",
    "passport intros and digits": "passport no 12345678 ",
}


@pytest.mark.parametrize("unit", HOSTILE.values(), ids=HOSTILE.keys())
def test_new_recognizers_take_linear_time(unit):
    import time

    from detectors.pii_address import LowerCaseAddressRecognizer
    from detectors.pii_passport import IntroducedPassportRecognizer
    from detectors.pii_spoken_phone import SpokenPhoneRecognizer

    recognizers = (SpokenPhoneRecognizer(), LowerCaseAddressRecognizer(), IntroducedPassportRecognizer())

    def cost(n: int) -> float:
        text = (unit * (n // len(unit) + 1))[:n]
        best = float("inf")
        for _ in range(2):
            start = time.process_time()
            for rec in recognizers:
                rec.analyze(text, list(rec.supported_entities))
            best = min(best, time.process_time() - start)
        return best

    small, large = cost(12_500), cost(50_000)
    assert large < 2.0
    assert large < max(small, 0.01) * 8
