"""A Presidio recognizer for phone numbers, read the way a UK school's followers write them.

python-phonenumbers finds candidates with the GB region at the lenient ("possible")
level, because Ofcom's drama ranges (07700 900xxx, 0115 496 0xxx) and many real
numbers typed with odd punctuation fail its strict validity test. Each candidate is
then judged by its shape: a UK mobile or landline, an international number, or a
foreign local number (valid in a common region, and written like a phone number or
beside a phone word). Freephone, non-geographic and emergency numbers are generic.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import AnalysisExplanation, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.pii_local import PHONE_CONTEXT, SimpleLocalRecognizer

# Regions tried for a number in local format that is not a UK number.
FOREIGN_REGIONS = ("US", "IE", "FR", "DE", "IL", "IN", "BR", "AU", "ES", "IT", "PL", "RO", "LT", "PT", "PK", "BD",
                   "SO", "NG", "GH", "ZA", "KE", "BG", "CZ", "SK", "HU", "LV", "UA", "TR", "AF", "IQ")

# UK prefixes that belong to organisations, not people: freephone, non-geographic, premium.
GENERIC_PREFIXES = ("0800", "0808", "0300", "0330", "0333", "0343", "0344", "0345", "0370", "084", "087", "09")
# Freephone numbers may be short ("0800 1111"); the other generic ranges always have 11 digits, so a
# 10-digit "087 123 4567" is an Irish mobile and an "0803 123 4567" a Nigerian one, not a UK service.
FREEPHONE_PREFIXES = ("0800", "0808")

_NANP_SHAPE = re.compile(r"^\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$|^\(\d{3}\)\s?\d{3}\d{4}$")
# Phone words in English and the languages UK school families often write in (Polish, Romanian, Portuguese,
# Urdu and Punjabi in Latin script, Somali, Lithuanian).
_PHONE_WORDS = re.compile(r"\b(?:phone|number|mobile|cell|tel|call|ring|text|whats?app|contact|numer\w*|num[aă]r\w*|"
                          r"n[uú]mero|telefon\w*|telem[oó]vel|kom[oó]rk\w*|dzwo[nń]\w*|zadzwo[nń]\w*|sun[aă]\w*|"
                          r"lig(?:a|ue|ar)|contacto|kontakt\w*|nambar|lambar\w*|wac|skambin\w*)\b", re.I)
_ORG_WORDS = re.compile(r"\b(?:council|switchboard|helpline|hotline|childline|samaritans|nspcc|police|surgery|"
                        r"hospital|services?|department|reception|enquir(?:y|ies)|office|charity|freephone)\b", re.I)
# A mobile is a person's phone even in a trader's advert ("fast service, call Tesfit 07700 ..."): only a public body's
# or a charity's name before it makes it a line anyone may call.
_ORG_WORDS_MOBILE = re.compile(r"\b(?:council|switchboard|helpline|hotline|childline|samaritans|nspcc|police|"
                               r"charity|freephone)\b", re.I)
# A local-format foreign number is the weakest guess: an identifier's name just before it says what it is instead.
_ID_INTRO = re.compile(r"\b(?:passport|licen[cs]e|nhs|upn|pupil|national insurance|n\.?i|account|acc|order|"
                       r"ref(?:erence)?|invoice|membership)\b[^\d\n]{0,30}$", re.I)
_MIN_DIGITS = 7
# A Pakistani mobile in its home grouping (4 + 7 digits); UK 03 numbers are grouped 4 + 3 + 4.
_PK_MOBILE = re.compile(r"^03\d\d[\s-]?\d{7}$")


def normalise_phone(raw: str) -> str:
    """Digits only, with a UK international prefix (+44 / 0044 / (0)) turned into the trunk 0."""
    text = raw.replace("(0)", "")
    digits = re.sub(r"\D", "", text)
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and raw.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    return digits


def uk_kind(national: str) -> str | None:
    """The kind of a UK national number (digits starting 0), or None when it is not one."""
    if national.startswith(FREEPHONE_PREFIXES + ("0500",)) and 7 <= len(national) <= 11:
        return "generic"
    if national.startswith(GENERIC_PREFIXES) and len(national) == 11:
        return "generic"
    if not national.startswith("0") or len(national) not in (10, 11):
        return None
    if national.startswith("07") and len(national) == 11 and not national.startswith(("070", "076")):
        return "mobile"
    if national[1] in "12" or national.startswith(("03", "05", "07")):
        return "landline"
    return None


# At most this many numbers are parsed in one text. A comment listing more is itself a breach (a dump of
# numbers), flagged as such: parsing the rest would cost seconds and could not change that.
MAX_NUMBERS = 100
TOO_MANY = "too_many"


class UkPhoneRecognizer(SimpleLocalRecognizer):
    """Recognize UK (and, failing that, foreign) phone numbers with python-phonenumbers."""

    ENTITIES = ("PHONE_NUMBER", "GENERIC_PHONE_NUMBER")
    CONTEXT = PHONE_CONTEXT
    SCORES = {"mobile": 0.75, "landline": 0.6, "international": 0.7, "foreign": 0.6, "generic": 0.6, "list": 0.7}

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """Find phone numbers; GENERIC_PHONE_NUMBER marks ones that belong to organisations."""
        if sum(map(str.isdigit, text)) < _MIN_DIGITS:
            return []
        results = []
        for n, match in enumerate(phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)):
            if n == MAX_NUMBERS:  # the rest is not parsed (about half a millisecond each): the list itself is flagged
                results.append(self._result("PHONE_NUMBER", match.start, len(text), self.SCORES["list"], TOO_MANY,
                                            f"more than {MAX_NUMBERS} phone numbers"))
                break
            before = text[max(0, match.start - 60):match.start]
            kind = self._kind(match.raw_string, before, text[match.end:match.end + 30])
            if kind is None:
                continue
            if (kind == "landline" and _ORG_WORDS.search(before)) or (
                    kind == "mobile" and _ORG_WORDS_MOBILE.search(before)):
                kind = "generic"
            entity = "GENERIC_PHONE_NUMBER" if kind == "generic" else "PHONE_NUMBER"
            results.append(self._result(entity, match.start, match.end, self.SCORES[kind], kind,
                                        f"{kind} phone number"))
        return results

    def _result(self, entity: str, start: int, end: int, score: float, kind: str, what: str) -> RecognizerResult:
        return RecognizerResult(
            entity, start, end, score,
            analysis_explanation=AnalysisExplanation(self.name, score, pattern_name=kind, textual_explanation=what),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})

    @staticmethod
    def _kind(raw: str, before: str, after: str = "") -> str | None:
        stripped = raw.strip()
        if stripped.lstrip("(").startswith(("+", "00")):  # "(+353) 87 ..." too
            try:
                number = phonenumbers.parse(stripped.replace("(0)", ""), "GB")
            except phonenumbers.NumberParseException:
                return None
            if number.country_code == 44:
                return uk_kind("0" + str(number.national_number))
            # Another country's number must be valid there (its length and its ranges), not merely possible.
            return "international" if phonenumbers.is_valid_number(number) else None
        if _PK_MOBILE.match(stripped) and _foreign_local(stripped, before, after):
            return "foreign"  # "0300 1234567": a Pakistani mobile as written there, not UK "0300 123 4567"
        kind = uk_kind(normalise_phone(raw))
        if kind is not None:
            return kind
        return "foreign" if _foreign_local(stripped, before, after) else None


def _foreign_local(raw: str, before: str, after: str = "") -> bool:
    """A local-format number valid in a common foreign region, written as a phone or beside a phone word.

    The phone word may come before the number or just after it ("0806 234 5678, ring her").
    """
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 12:
        return False
    if _NANP_SHAPE.match(raw):
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(raw, "US")):
                return True
        except phonenumbers.NumberParseException:
            pass  # 3-3-4 is also how Irish and Nigerian mobiles are written: the other regions may take it
    if not ((_PHONE_WORDS.search(before) or _PHONE_WORDS.search(after)) and re.search(r"[\s().-]", raw)) \
            or _ID_INTRO.search(before):
        return False
    for region in FOREIGN_REGIONS:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(raw, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False
