"""personal_data: an individual's contact or identifying details, found by Presidio.

Presidio's AnalyzerEngine runs a small UK registry (detectors.pii_engine) over the
shared spaCy Doc. This module decides what each raw result means for a school: the
school's own public contacts are allowed, generic numbers (freephone, council
switchboards, helplines) are not personal, a postcode counts only beside a street or
house, and weak patterns (dates, sort codes, passports) count only beside their
context words. Explanations name the kind of datum and at most its last characters.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right

from presidio_analyzer import RecognizerResult

from detectors.base import Detector, Finding
from detectors.pii_address import ADDRESS_HINT, street_starts
from detectors.pii_engine import LANGUAGE, build_analyzer
from detectors.pii_phone import MAX_NUMBERS, TOO_MANY, normalise_phone, uk_kind
from detectors.pii_recognizers import HOUSE_NAMES, STREET_SUFFIXES
from detectors.pii_spoken_phone import NAME as SPOKEN_PHONE
from detectors.pii_spoken_phone import might_hold_spoken_number, spoken_digits
from detectors.text_prepare import prepare

log = logging.getLogger(__name__)

# entity -> (what the explanation calls it, severity)
KINDS = {
    "PHONE_NUMBER": ("a phone number", "medium"),
    "EMAIL_ADDRESS": ("a personal e-mail address", "medium"),
    "UK_HOME_ADDRESS": ("a home address", "high"),
    "UK_POSTCODE": ("a full postcode with a street", "high"),
    "DATE_OF_BIRTH": ("a date of birth", "high"),
    "UK_UPN": ("a unique pupil number (UPN)", "high"),
    "UK_NHS": ("an NHS number", "high"),
    "UK_NINO": ("a National Insurance number", "high"),
    "UK_BANK_DETAILS": ("bank details (sort code or account number)", "high"),
    "IBAN_CODE": ("a bank account (IBAN)", "high"),
    "CREDIT_CARD": ("a payment card number", "high"),
    "UK_DRIVING_LICENCE": ("a driving licence number", "high"),
    "UK_PASSPORT": ("a passport number", "high"),
    "PL_PESEL": ("a Polish PESEL number", "high"),
}
PHONE_KINDS = {"mobile": "a UK mobile number", "landline": "a UK landline number",
               "international": "an international phone number", "foreign": "a phone number"}
# Role mailboxes are the organisation's, not a person's, when they sit on a trusted domain.
ROLE_MAILBOXES = frozenset({"office", "info", "admin", "enquiries", "enquiry", "contact", "hello", "reception",
                            "head", "headteacher", "senco", "pta", "bursar", "finance", "support", "admissions"})
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", re.I)
_STREET_WORD = re.compile(rf"\b[A-Z][a-z'-]+\s+(?:{'|'.join(STREET_SUFFIXES + HOUSE_NAMES)})\b")
# A house number and a capitalised name ("9 Bank Top", "Flat 3, Mill House") before a postcode.
_HOUSE_NUMBER = re.compile(r"(?:^|\b(?i:at|to|from|is|address|live[sd]?|moved|flat)\b|[:–-])\s*\d{1,4}[a-zA-Z]?,?\s+"
                           r"(?:[A-Z][a-z'-]+\s+){0,2}[A-Z][a-z'-]+\b")
# Every recognizer needs a digit, an "@", a bracketed "[at]", a spelt-out "dot", a named house (or, for a phone
# number in words, digit words): text without them skips Presidio.
_MAYBE_PII = re.compile(r"\d|@|\bdot\b|[\[({<]at[\])}>]|\b(?:cottage|farm|farmhouse|barn|lodge|bungalow|villa|"
                        r"forge|house|rectory|vicarage|manse|mill|grange),", re.I)
# A public place named before a street and postcode ("the Leisure Centre, Station Road, ...") makes them
# its address, not a home's.
_PUBLIC_PLACE = re.compile(r"\b(?:centre|center|hall|library|church|chapel|mosque|masjid|gurdwara|temple|synagogue|"
                           r"school|academy|college|university|surgery|hospital|clinic|station|stadium|club|pool|baths|"
                           r"museum|theatre|cinema|shop|store|supermarket|pub|hotel|offices?|council|pavilion|park)\s*,"
                           r"[^.!?\n]{0,40}$", re.I)
_NEAR = 80  # characters: how far before a postcode its street may be
# The fewest digits each entity can be written with: Presidio runs only the recognizers whose
# entity the text could hold (a comment with "10am" needs no NHS, card or IBAN check).
MIN_DIGITS = {"UK_POSTCODE": 1, "UK_HOME_ADDRESS": 0, "DATE_OF_BIRTH": 1, "UK_NINO": 6, "UK_BANK_DETAILS": 6,
              "UK_DRIVING_LICENCE": 6, "PHONE_NUMBER": 7, "GENERIC_PHONE_NUMBER": 7, "UK_PASSPORT": 7,
              "UK_NHS": 10, "IBAN_CODE": 10, "UK_UPN": 11, "PL_PESEL": 11, "CREDIT_CARD": 12}
# Either e-mail recognizer needs "@" then a dotted domain (perhaps spaced out), a spelt-out "dot" or a
# bracketed "[at]" ("@user" mentions need none of them).
_EMAIL_HINT = re.compile(r"@ ?[\w-]+(?: [\w-])* ?\.|\bdot\b|[\[({<]at[\])}>]", re.I)
# A substring every match of the entity's patterns must contain (checked with the standard ``re``,
# far cheaper than running Presidio's IGNORECASE ``regex`` patterns): without it the recognizer
# could not match, so skipping it changes no result.
MUST_CONTAIN = {
    "UK_POSTCODE": re.compile(r"\d[A-Z]{2}\b", re.I),
    "UK_HOME_ADDRESS": ADDRESS_HINT,
    "DATE_OF_BIRTH": re.compile(r"(?:19|20)\d\d|[/.-]\d\d?[/.-]\d\d"),
    "UK_NINO": re.compile(r"\d\d[ .-]?\d\d[ .-]?\d\d[ .-]?[A-D]\b", re.I),
    "UK_BANK_DETAILS": re.compile(r"\d\d[- ]\d\d[- ]\d\d|\d{8}"),
    "UK_DRIVING_LICENCE": re.compile(r"\d{6}"),
    "UK_PASSPORT": re.compile(r"\d{7}|\d{3}[ -]\d{3}[ -]\d{3}|\d(?: \d){8}"),
    "UK_NHS": re.compile(r"\d{3}[- ]?\d{3}[- ]?\d{4}"),
    "IBAN_CODE": re.compile(r"[A-Z]{2}\d\d"),
    "UK_UPN": re.compile(r"\d{11}"),
    "PL_PESEL": re.compile(r"\d{11}"),
    "CREDIT_CARD": re.compile(r"\d{4}[- ]?\d{3}"),
}


class PersonalDataDetector(Detector):
    """Personal contact and identifying details (Presidio, configured for the UK)."""

    label = "personal_data"

    def load(self, nlp) -> None:
        """Build the Presidio engine around the shared pipeline and normalise the allow list."""
        self.analyzer, self.nlp_engine = build_analyzer(nlp)
        self.allowed_phones: set[str] = set()
        self.allowed_emails: set[str] = set()
        self.allowed_postcodes: set[str] = set()
        self.allowed_text: list[str] = []
        for contact in self.school.public_contacts:
            contact = prepare(contact).text  # as the detector will read it in an item (runs cut, look-alikes folded)
            lowered = contact.strip().lower()
            self.allowed_text.append(lowered)
            if "@" in contact:
                self.allowed_emails.add(lowered)
            elif not re.search(r"[a-z]", lowered):
                self.allowed_phones.add(normalise_phone(contact))
            self.allowed_postcodes.update(_norm_postcode(m.group()) for m in _POSTCODE.finditer(contact))
        self.trusted = tuple(d.lower().lstrip(".") for d in self.school.trusted_domains)

    def analyze(self, item, doc) -> list[Finding]:
        """Run the UK registry over the shared Doc; keep what is personal and not allowed."""
        text = item.text
        spoken = might_hold_spoken_number(text)
        if not (spoken or _MAYBE_PII.search(text)):
            return []
        digits = sum(map(str.isdigit, text))
        entities = [e for e, least in MIN_DIGITS.items()
                    if digits >= least and (e not in MUST_CONTAIN or MUST_CONTAIN[e].search(text))]
        if spoken and "PHONE_NUMBER" not in entities:
            entities.append("PHONE_NUMBER")
        if _EMAIL_HINT.search(text):
            entities.append("EMAIL_ADDRESS")
        if not entities:
            return []
        results = self.analyzer.analyze(text, language=LANGUAGE, entities=entities,
                                        nlp_artifacts=self.nlp_engine.to_artifacts(doc),
                                        return_decision_process=True)
        # sorted ends, and the characters already reported: a lookup per result, not a scan of all
        # (a long text of thousands of dates or numbers was quadratic)
        address_ends = sorted(r.end for r in results if r.entity_type == "UK_HOME_ADDRESS")
        findings: list[Finding] = []
        taken = bytearray(len(text))
        for res in sorted(results, key=lambda r: (-r.score, r.start)):
            if taken.find(1, res.start, res.end) >= 0:
                continue
            finding = self._judge(res, text, address_ends)
            if finding is not None and finding.score >= self.threshold:
                findings.append(finding)
                taken[res.start:res.end] = b"\x01" * (res.end - res.start)
        log.debug("item %s: %d personal data findings", item.external_id, len(findings))
        return sorted(findings, key=lambda f: f.start)

    def _judge(self, res: RecognizerResult, text: str, address_ends: list[int]) -> Finding | None:
        value = text[res.start:res.end]
        entity, score = res.entity_type, res.score
        if entity not in KINDS:
            return None  # e.g. GENERIC_PHONE_NUMBER: an organisation's number
        what, severity = KINDS[entity]
        extra = ""
        if entity == "PHONE_NUMBER" and _pattern(res) == TOO_MANY:  # no allow list can excuse a list of numbers
            return Finding(self.label, round(score, 3), "medium", res.start, res.end,
                           f"Publishes more than {MAX_NUMBERS} phone numbers (the rest were not checked).",
                           details={"entity": entity, "recognizer": _recognizer(res)})
        if entity == "PHONE_NUMBER":
            digits = spoken_digits(value) if _recognizer(res) == SPOKEN_PHONE else normalise_phone(value)
            if digits in self.allowed_phones:
                return None
            what = PHONE_KINDS.get(_pattern(res), what)
            if _pattern(res) not in ("foreign", "international") and uk_kind(digits) == "generic":
                return None
            extra = f" ending {digits[-3:]}"
        elif entity == "EMAIL_ADDRESS":
            if self._allowed_email(value):
                return None
            extra = f" at {_email_domain(value)}"
        elif entity == "UK_POSTCODE":
            if _norm_postcode(value) in self.allowed_postcodes:
                return None
            window = text[max(0, res.start - _NEAR):res.start]
            before = bisect_right(address_ends, res.start)  # addresses ending at or before the postcode
            street = (before > 0 and res.start - address_ends[before - 1] < _NEAR) or \
                _STREET_WORD.search(window) or _HOUSE_NUMBER.search(window)
            if not street and street_starts(text[res.end:res.end + _NEAR]):
                street = True  # the postcode first: "M46 9GA, 42 brook street"
            if not street or (_PUBLIC_PLACE.search(window) and not _HOUSE_NUMBER.search(window)):
                return None  # no street, or a public place's street ("the Leisure Centre, Station Road, ...")
            score = 0.85
        elif entity == "UK_HOME_ADDRESS":
            if self._allowed_address(value):
                return None
        elif entity == "UK_UPN":
            if score >= 1.0:
                extra = " whose check letter validates"
            elif score >= self.threshold:
                extra = " (introduced as a pupil number; its check letter does not validate)"
        elif entity != "DATE_OF_BIRTH" and len(re.sub(r"\W", "", value)) > 4:
            extra = f" ending {re.sub(r'[^0-9A-Za-z]', '', value)[-3:]}"
        score = min(score, 1.0)
        return Finding(self.label, round(score, 3), severity, res.start, res.end,
                       f"Publishes {what}{extra}.",
                       details={"entity": entity, "recognizer": _recognizer(res), "pattern": _pattern(res)})

    def _allowed_email(self, value: str) -> bool:
        lowered = value.lower()
        if lowered in self.allowed_emails:
            return True
        local, _, domain = lowered.partition("@")
        on_trusted = any(domain == d or domain.endswith("." + d) for d in self.trusted)
        return on_trusted and local in ROLE_MAILBOXES

    def _allowed_address(self, value: str) -> bool:
        wanted = " ".join(value.lower().replace(",", " ").split())
        return any(wanted in " ".join(c.replace(",", " ").split()) for c in self.allowed_text)


def _norm_postcode(value: str) -> str:
    return re.sub(r"\s", "", value).upper()


def _email_domain(value: str) -> str:
    if "@" in value:
        return value.rsplit("@", 1)[1].lower()
    parts = re.split(r"\s+at\s+|\(at\)|\[at\]", value, maxsplit=1)
    return re.sub(r"\s*(?:\(dot\)|\[dot\]|\bdot\b)\s*", ".", parts[-1]).strip().lower()


def _pattern(res: RecognizerResult) -> str:
    exp = res.analysis_explanation
    return (exp.pattern_name or "") if exp else ""


def _recognizer(res: RecognizerResult) -> str:
    return res.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "") if res.recognition_metadata else ""
