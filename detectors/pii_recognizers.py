"""Presidio pattern recognizers for the UK school setting that Presidio does not ship.

Each follows Presidio's convention: class-level ``PATTERNS`` with a deliberately weak
score, ``CONTEXT`` words that raise it, and ``validate_result`` that confirms (a check
letter) or drops (an impossible value) a match.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import EmailRecognizer, PlPeselRecognizer, UkPassportRecognizer

CASE_SENSITIVE = re.DOTALL | re.MULTILINE
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # A=0 ... Z=22, without I, O and S


def upn_check_letter(body: str) -> str | None:
    """The DfE check letter for the 12 characters after it (weights 2..13, modulo 23)."""
    if len(body) != 12 or not body[:11].isdigit():
        return None
    last = body[11].upper()
    if last.isdigit():
        values = [int(c) for c in body]
    elif last in UPN_LETTERS:  # a temporary UPN ends in a letter, valued like the check letters
        values = [int(c) for c in body[:11]] + [UPN_LETTERS.index(last)]
    else:
        return None
    return UPN_LETTERS[sum(v * w for v, w in zip(values, range(2, 14), strict=True)) % 23]


class UpnRecognizer(PatternRecognizer):
    """Unique pupil numbers: a check letter then 12 characters. The check letter confirms one.

    A number whose check letter does not validate is kept only when the words before it
    say it is a pupil number (a parent mistyping their child's UPN still publishes it);
    the detector reads ``pattern_name`` to tell the two apart.
    """

    PATTERNS = [Pattern("UPN", r"\b[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]\b", 0.3)]
    CONTEXT = ["upn", "pupil", "student", "unique"]

    def __init__(self) -> None:
        super().__init__("UK_UPN", name="UpnRecognizer", patterns=self.PATTERNS, context=self.CONTEXT)

    def validate_result(self, pattern_text: str) -> bool | None:
        """True when the check letter is right; None (undecided, context decides) otherwise."""
        return True if upn_check_letter(pattern_text[1:]) == pattern_text[0].upper() else None


_EMAIL_CHARS = r"!#$%&'*+\-/=?^_`{|}~\w"


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail pattern with bounded repeats, validated without tldextract (it would fetch the suffix list).

    Presidio's pattern lets the local part run on without limit (``[...]{0,}``) before a class it overlaps,
    so every word start of ``a.a.a.…`` scanned to the end of the text: quadratic. A local part has at most
    64 characters and a domain far fewer than 20 labels, so bounding both changes no real address.
    """

    PATTERNS = [Pattern(
        "Email (Medium)",
        rf"\b((([{_EMAIL_CHARS}])|([{_EMAIL_CHARS}][{_EMAIL_CHARS}\.]{{0,62}}[{_EMAIL_CHARS}]))"
        r"[@]\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*){1,20})\b",
        0.5)]

    def __init__(self) -> None:
        super().__init__(patterns=self.PATTERNS)

    _TLD = re.compile(r"\.(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})$", re.I)

    def validate_result(self, pattern_text: str) -> bool:
        """The domain must end in an alphabetic or punycode top-level label."""
        return bool(self._TLD.search(pattern_text))


class WrittenEmailRecognizer(PatternRecognizer):
    """E-mail addresses written out to dodge filters: ``jo dot smith at example dot com``."""

    _DOT = r"\s*(?:\.|\(dot\)|\[dot\]|\bdot\b)\s*"
    _AT = r"\s*(?:@|\(at\)|\[at\]|\bat\b)\s*"
    _LAST_DOT = r"(?:\s+dot\s+|\s*\(dot\)\s*|\s*\[dot\]\s*)"
    _TLDS = r"(?:com|net|org|uk|co|io|me|info|ie|edu|gov|biz)"
    # Repeats are bounded (64 characters a part, 10 parts a side, as real addresses are): unbounded, every
    # word start of "a.a.a.…" tried every split of the rest of the text before failing (cubic time).
    PATTERNS = [Pattern(
        "Written e-mail",
        rf"\b[\w+-]{{1,64}}(?:{_DOT}[\w+-]{{1,64}}){{0,10}}{_AT}[\w-]{{1,64}}(?:{_DOT}[\w-]{{1,64}}){{0,10}}"
        rf"{_LAST_DOT}{_TLDS}\b",
        0.6)]
    CONTEXT = ["email", "e-mail", "mail", "contact", "message"]

    def __init__(self) -> None:
        super().__init__("EMAIL_ADDRESS", name="WrittenEmailRecognizer", patterns=self.PATTERNS,
                         context=self.CONTEXT)


class ContextPassportRecognizer(UkPassportRecognizer):
    """Presidio's UK passport pattern, reported only when a passport word is near."""

    PATTERNS = [Pattern("UK Passport (weak)", r"\b[A-Z]{2}\d{7}\b", 0.2)]

    def __init__(self) -> None:
        super().__init__(patterns=self.PATTERNS)


class BankDetailsRecognizer(PatternRecognizer):
    """A UK sort code or 8-digit account number, reported only beside bank words."""

    PATTERNS = [
        Pattern("sort code", r"\b\d{2}[- ]\d{2}[- ]\d{2}\b", 0.2),
        Pattern("account number", r"\b\d{8}\b", 0.2),
        # a sort code then an eight-digit account: the pair is bank details whatever the words around it
        Pattern("sort code and account",
                r"\b\d{2}([- ])\d{2}\1\d{2}\b[\s,;:/]{1,3}(?:(?:a/c|acc|acct|account)\.?(?:\s*(?:no|number)\.?)?"
                r"[\s:]{0,2})?\d{8}\b", 0.6),
    ]
    CONTEXT = ["sort", "account", "acc", "acct", "bank", "iban", "a/c", "s/c", "transfer", "bacs", "payee"]

    def __init__(self) -> None:
        super().__init__("UK_BANK_DETAILS", name="BankDetailsRecognizer", patterns=self.PATTERNS,
                         context=self.CONTEXT)


STREET_SUFFIXES = ("Road", "Rd", "Street", "St", "Close", "Lane", "Ln", "Avenue", "Ave", "Drive", "Dr", "Way",
                   "Crescent", "Cres", "Grove", "Court", "Ct", "Gardens", "Gdns", "Place", "Pl", "Terrace",
                   "View", "Rise", "Walk", "Mews", "Square", "Park", "Hill", "Row", "Green", "Croft", "Meadow",
                   "Meadows", "Fields", "Wharf", "Parade", "Chase", "Vale", "Grange", "Drove", "Boulevard",
                   "Cottages", "Buildings", "Mount", "Heights", "Gate", "Yard", "Fold", "Brow", "Mead", "Paddock",
                   "Orchard", "Bank", "Villas")
# Words that end the name of a house (no number): a home address when a full postcode follows.
HOUSE_NAMES = ("Cottage", "Cottages", "Farmhouse", "Barn", "Lodge", "Bungalow", "Villa", "Villas", "Cabin")


class HomeAddressRecognizer(PatternRecognizer):
    """A house number and a street (``8 Orchard Close``, ``Flat 2, 14 Mill Road``)."""

    PATTERNS = [Pattern(
        "house number and street",
        r"\b(?:(?:flat|apartment|apt)\s+\d+[a-z]?,?\s+)?\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][a-z'-]+\s+){1,3}"
        rf"(?:{'|'.join(STREET_SUFFIXES)})\b\.?",
        0.45)]
    CONTEXT = ["live", "address", "moved", "house", "home", "flat", "round", "visit", "drop"]

    def __init__(self) -> None:
        super().__init__("UK_HOME_ADDRESS", name="HomeAddressRecognizer", patterns=self.PATTERNS,
                         context=self.CONTEXT, global_regex_flags=CASE_SENSITIVE)


# HMRC's letter rules: the first letter is never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V;
# and BG, GB, KN, NK, NT, TN and ZZ are never allocated. A number breaking them is no NI number.
NINO_FIRST = "A-CEGHJ-PR-TW-Z"
NINO_SECOND = "A-CEGHJ-NPR-TW-Z"
NINO_NEVER = ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")


class LooseNinoRecognizer(PatternRecognizer):
    """A National Insurance number typed with dots or hyphens, counted only after "NI number" words.

    Presidio's UkNinoRecognizer reads the number with optional spaces. People also write it
    ``AB-12-34-56-C`` or ``ab.12.34.56.c`` after saying what it is. HMRC's prefix rules apply here
    too: a specimen or impossible prefix (``QQ``, ``NT``, a first letter D) is never an NI number.
    """

    PATTERNS = [Pattern("NINO (loose, introduced)",
                        rf"\b(?!{'|'.join(NINO_NEVER)})[{NINO_FIRST}][{NINO_SECOND}][ .-]?\d{{2}}[ .-]?\d{{2}}"
                        r"[ .-]?\d{2}[ .-]?[A-D]\b", 0.6)]
    # The introduction may end its own sentence first: "my NI number, is this right?? AB ...".
    _INTRO = re.compile(r"(?:\bN\.?I\.?\b|national insurance|\bnino\b)[^\n]{0,60}$", re.I)

    def __init__(self) -> None:
        super().__init__("UK_NINO", name="LooseNinoRecognizer", patterns=self.PATTERNS)

    # ... or follow it: "AB-12-34-56-C, that's my national insurance number".
    _OUTRO = re.compile(r"^[^\n\d]{0,40}?(?:\bN\.?I\.?\b|national insurance|\bnino\b)", re.I)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if self._INTRO.search(text[max(0, r.start - 90):r.start])
                or self._OUTRO.search(text[r.end:r.end + 60])]


class ContextPeselRecognizer(PlPeselRecognizer):
    """A Polish PESEL number (birth date and a check digit in 11 digits), named as one.

    Polish families are among the largest of UK schools. Presidio's recognizer takes any 11 digits whose check digit
    holds (one in ten numbers of that shape) at full score; here the checksum only rules numbers out, and the word
    PESEL near it ("nr PESEL 12345678903") is what makes it personal data: an order or tracking number is not.
    """

    PATTERNS = [Pattern("PESEL (bounded)", r"(?<!\d)[0-9]{2}(?:[02468][1-9]|[13579][012])"
                                          r"(?:0[1-9]|[12][0-9]|3[01])[0-9]{5}(?!\d)", 0.4)]

    def __init__(self) -> None:  # noqa: D107
        super().__init__(patterns=self.PATTERNS, context=["pesel"], supported_language="en",
                         supported_entity="PL_PESEL", name="ContextPeselRecognizer")

    def validate_result(self, pattern_text: str) -> bool | None:
        """False when the check digit fails; otherwise None, so only the context raises the score."""
        return None if super().validate_result(pattern_text) else False
