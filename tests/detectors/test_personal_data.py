"""personal_data: contact and identifying details (real spaCy model, real Presidio)."""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.personal_data import PersonalDataDetector
from detectors.pii_recognizers import upn_check_letter

SCHOOL = SchoolContext(
    name="Brackenfield Academy",
    public_contacts=("01632 960 100", "07700 900100", "office@brackenfield.example.sch.uk",
                     "Brackenfield Academy, Mill Lane, DE99 1ZZ"),
    trusted_domains=("brackenfield.example.sch.uk",),
)


@pytest.fixture(scope="module")
def detector(nlp):
    det = PersonalDataDetector(SCHOOL)
    det.load(nlp)
    return det


def _findings(det, nlp, text):
    return det.analyze(Item("facebook", "t1", "comment", False, text), nlp(text))


def _upn(body: str) -> str:
    return upn_check_letter(body) + body


@pytest.mark.parametrize("text", [
    "my mobile is now 07700 900 672",
    "Call Dawn on (0)7700-900-123",
    "ring me on 07700900145",
    "My number's +44 7700 900561",
    "drop me a line at jo.bloggs@example.com",
    "email jo dot bloggs at example dot com",
    "Her NHS number is 401 023 2137",
    "My NI number is AB 12 34 56 C",
    f"UPN {_upn('801200005001')} for the form",
    "We've just moved to 8 Orchard Close, Borrowash, DE72 3HW",
    "my sons date of birth is 02/09/2016",
    "sort code 12-34-56 account 12345678",
    "My US number is (415) 555-0132",
    "please return it to 4 Sycamore Cottages, Upper Lydbrook, GL17 9ZZ",   # house number, no street word
    "we're at Hollybush Barn, Clearwell, GL16 8ZZ",                       # a named house and a postcode
    "my NI number, is this the right format?? JG 12 34 56 A",             # introduced a sentence earlier
    "jo.bloggs [at] example [dot] com",                                   # bracketed written e-mail
])
def test_personal_details_are_found(detector, nlp, text):
    assert _findings(detector, nlp, text), text


@pytest.mark.parametrize("text", [
    "Call the school office on 01632 960 100",                                # the school's own number
    "The trip mobile is 07700 900100",                                        # listed public contact
    "Questions? office@brackenfield.example.sch.uk",
    "Contact Children's Services via the council switchboard on 01632 960 990",
    "Childline is free on 0800 1111, or call 999 in an emergency",
    "Brackenfield Academy, Mill Lane, DE99 1ZZ",                              # the school's address
    "Don't park on Mill Lane please",                                         # a street, no house
    f"{'B801200005002'} is on the poster",                                     # wrong check letter
    "Sports day is on 12/07/2025 from 10am",                                  # a date, not a birth date
    "We raised £1,250 for 3 charities",
    "this is not an email: hello-world here",
    "NI number: NT 99 88 77 A",                                               # prefix never issued
    "my NI number, is this the right format?? QQ 12 34 56 A",                 # a specimen prefix (Q first)
    "Tickets £5, 2 Adults, SK4 9AA",                                          # a count, not a house number
    "Collection from the GL16 8ZZ area only",                                 # a postcode alone
])
def test_generic_and_allowed_details_are_not(detector, nlp, text):
    assert _findings(detector, nlp, text) == [], text


def test_upn_check_letter_follows_the_dfe_rule():
    assert upn_check_letter("801200005001") == "B"
    assert upn_check_letter("80120000A001") is None  # the middle must be digits


def test_explanation_shows_only_the_last_digits(detector, nlp):
    [finding] = _findings(detector, nlp, "text me on 07700 900672 about the party")
    assert "ending 672" in finding.explanation and "900672" not in finding.explanation
    assert finding.severity in ("medium", "high") and finding.rule


def test_mistyped_pupil_number_counts_only_when_introduced(detector, nlp):
    wrong = "A801200005001"  # valid shape, wrong check letter
    assert _findings(detector, nlp, f"my son's pupil number {wrong} isn't accepted")
    assert _findings(detector, nlp, f"reference {wrong}") == []


def test_presidio_reuses_the_shared_doc(detector, nlp):
    with pytest.raises(RuntimeError):
        detector.nlp_engine.process_text("07700 900672", "en")


# The cheap pre-checks skip a recognizer only when none of its patterns could match: every kind of
# datum, written the ways people write it, still reaches its recognizer (invented values).
@pytest.mark.parametrize("text, entity", [
    ("we moved to 14 Larkspur Close, DE99 4QT", "UK_POSTCODE"),
    ("we moved to 14 Larkspur Close", "UK_HOME_ADDRESS"),
    ("her date of birth is 03/11/2016", "DATE_OF_BIRTH"),
    ("born 3rd November 2016", "DATE_OF_BIRTH"),
    ("my NI number is JG 12 34 56 C", "UK_NINO"),
    ("sort code 20-00-00 account 12345678", "UK_BANK_DETAILS"),
    ("his NHS number is 401 023 2137", "UK_NHS"),
    ("e-mail jo.bloggs@example.co.uk", "EMAIL_ADDRESS"),
    ("email jo dot bloggs at example dot com", "EMAIL_ADDRESS"),
])
def test_prechecks_let_every_kind_through(detector, nlp, text, entity):
    assert entity in {f.details["entity"] for f in _findings(detector, nlp, text)}, text


def test_artifacts_are_built_only_when_read(detector, nlp):
    artifacts = detector.nlp_engine.to_artifacts(nlp("Call me on 07700 900672 please"))
    assert "lemmas" not in vars(artifacts)  # nothing built yet
    assert artifacts.tokens_indices[1] == 5 and artifacts.keywords == ["07700", "900672"]  # as Presidio builds them


def test_the_schools_own_contact_is_allowed_as_the_engine_reads_it(nlp):
    """The engine cuts runs of one letter before the detectors read an item; the allow list must match that."""
    from detectors.engine import DetectorEngine

    school = SchoolContext(name="Baaaa Farm Primary", public_contacts=("office@baaaa-farm.example.sch.uk",))
    engine = DetectorEngine(school, nlp=nlp, labels=("personal_data",))
    mine = engine.analyze_text(Item("facebook", "t1", "comment", False, "Email office@baaaa-farm.example.sch.uk"))
    theirs = engine.analyze_text(Item("facebook", "t2", "comment", False, "Email jo.bloggs@baaaa-farm.example.com"))
    assert mine.findings == []
    assert [f.label for f in theirs.findings] == ["personal_data"]


def test_a_comment_listing_more_numbers_than_are_parsed_is_flagged_as_a_list(nlp):
    """Parsing stops after MAX_NUMBERS numbers (bounded time); what it did not read cannot hide behind the school's."""
    from detectors.engine import DetectorEngine
    from detectors.pii_phone import MAX_NUMBERS

    engine = DetectorEngine(SCHOOL, nlp=nlp, labels=("personal_data",))
    own = " ".join(["ring us on 01632 960 100"] * (MAX_NUMBERS + 5)) + " or my mobile 07700 900 461"
    found = engine.analyze_text(Item("facebook", "t1", "comment", False, own)).findings
    assert [f.explanation for f in found] == [f"Publishes more than {MAX_NUMBERS} phone numbers (the rest were not "
                                              "checked)."]
    few = " ".join(["ring us on 01632 960 100"] * 5) + " or my mobile 07700 900 461"
    assert [f.explanation for f in engine.analyze_text(Item("facebook", "t2", "comment", False, few)).findings] == [
        "Publishes a UK mobile number ending 461."]


def _pesel(body: str) -> str:
    weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return body + str((10 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 10) % 10)


@pytest.mark.parametrize("text", [
    "prosze o pomoc z formularzem, PESEL syna {p}",
    "her PESEL is {p} if the office needs it for the Polish school form",
])
def test_a_polish_pesel_number_named_as_one_is_personal_data(detector, nlp, text):
    found = _findings(detector, nlp, text.format(p=_pesel("1426030456")))
    assert found and "PESEL" in found[0].explanation


def test_eleven_digits_without_the_word_or_with_a_wrong_check_digit_are_not_a_pesel(detector, nlp):
    good = _pesel("1426030456")
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert not _findings(detector, nlp, f"our order {good} from the uniform shop still hasn't come")
    assert not _findings(detector, nlp, f"PESEL {wrong}")


def test_a_mobile_in_a_traders_advert_is_a_persons_phone_and_a_councils_landline_is_not(detector, nlp):
    assert _findings(detector, nlp, "Ironing service, collect and deliver, quick turnaround, text Gosia 07700 900418")
    assert _findings(detector, nlp, "Mobile car valeting services, ring Dean on 07700 900522")
    assert not _findings(detector, nlp, "Call the council's housing services team on 01632 960 555")
