"""A Presidio recognizer for home addresses written in lower case or abbreviated.

``HomeAddressRecognizer`` reads the capitalised form ("8 Orchard Close"). Comments are often typed
in lower case ("14 elm rd ls6 2ab", "flat 3, 22 mill st", "no. 7 the crescent, bd8"). Lower-case
words are weak evidence (a count before a noun looks the same: "10 minute walk"), so a match is
certain only with a postcode (full, or its outward half) straight after it, or a flat number before
it; words offering a visit or naming a home just before or after it ("we're at", "drop it round to",
"collect from", "that's us") make it likely; otherwise it scores low and only Presidio's context words
("live", "address", ...) lift it. Welsh streets ("16 Heol y Parc") and named houses with a street
("Rose Cottage, Pit Lane") are read too, the latter only beside such a cue.
The span stops at the street: a full postcode after it is reported as a postcode beside a street.
The name words may not be function words or units, so "year 6 went to the park" is not a street.
Every repeat is bounded and the pattern starts at a digit or a flat word: one pass, linear time.
"""

from __future__ import annotations

import re
from itertools import islice

from presidio_analyzer import AnalysisExplanation, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.pii_local import SimpleLocalRecognizer
from detectors.pii_recognizers import STREET_SUFFIXES

NAME = "LowerCaseAddressRecognizer"
SUFFIXES = tuple(sorted({s.lower() for s in STREET_SUFFIXES} | {"tce", "sq", "cl", "cresc", "blvd", "gr", "gro"},
                        key=len, reverse=True))
# Words that cannot be part of a street's name: function words, and the units and nouns a count precedes.
NOT_NAME_WORDS = (
    "the", "a", "an", "to", "at", "in", "on", "of", "off", "for", "and", "or", "but", "with", "from", "by", "up",
    "down", "into", "onto", "near", "past", "round", "around", "is", "was", "are", "were", "be", "went", "go",
    "going", "goes", "gone", "walked", "drove", "ran", "my", "our", "your", "his", "her", "their", "its", "this",
    "that", "these", "those", "more", "less", "other", "new", "big", "small", "little", "minute", "minutes",
    "min", "mins", "mile", "miles", "hour", "hours", "hr", "hrs", "km", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "yr", "yrs", "time", "times", "star", "stars", "way", "lane", "car",
    "cars", "kids", "children", "people", "points", "goals", "houses", "doors", "laps", "storey", "bed",
    "bedroom", "bedrooms")
_NAME = rf"(?!(?:{'|'.join(NOT_NAME_WORDS)})\b)[a-z][a-z'-]{{1,20}}"
_OUTWARD = r"[a-z]{1,2}\d[a-z\d]?"
_ADDRESS = re.compile(
    r"(?P<address>(?:\b(?P<flat>flat|apartment|apt|unit)\s*\d{1,4}[a-z]?\s*,?\s*)?"
    r"(?:\bno\.?\s*|\bnumber\s+)?"
    r"\b\d{1,4}[a-z]?\b,?\s+"
    rf"(?:the\s+(?:{_NAME}\s+){{0,2}}|(?:{_NAME}\s+){{1,3}})"
    rf"(?:{'|'.join(SUFFIXES)})\b\.?)"
    rf"(?:,?\s*(?P<postcode>{_OUTWARD}(?:\s?\d[a-z]{{2}})?)\b)?",
    re.I)
# Welsh streets put the street word first ("16 Heol y Parc", "3 Ffordd yr Eglwys").
_WELSH = re.compile(r"\b\d{1,4}[a-z]?,?\s+(?:heol|ffordd|stryd|l[oô]n|rhodfa|cilgant|teras|maes)\s+"
                    r"(?:(?:y|yr|'r)\s+)?[a-zâêîôûŵŷ'-]{2,20}\b", re.I)
# A named house ("Rose Cottage", "The Old Forge") then a street ("Pit Lane"): a home without a number.
_HOUSE_WORDS = ("cottage", "cottages", "farm", "farmhouse", "barn", "lodge", "bungalow", "villa", "forge",
                "house", "rectory", "vicarage", "manse", "mill", "grange")
_NOT_A_HOME = re.compile(r"\b(?:community|trust|council|church|village|meeting|medical|health|youth|school|"
                         r"public|court|leisure|sports?)\s+\w*\s*$", re.I)
_NAMED_HOUSE = re.compile(
    rf"\b(?:the\s+)?(?:{_NAME}\s+){{0,2}}(?:{'|'.join(_HOUSE_WORDS)})\b,\s*(?:{_NAME}\s+){{1,2}}"
    rf"(?:{'|'.join(SUFFIXES)})\b", re.I)
# Words that offer a visit or say whose home it is, just before or after an address: "we're at", "I live at",
# "drop it round to", "collect from", "that's us", "bring the kids round"; in Welsh, Polish, Urdu and Somali too.
_HOME_CUE = re.compile(
    r"\b(?:we(?:'re|’re| are)\s+(?:at|in|on)|(?:i|we)\s+live|live[sd]?\s+(?:at|on|in)|"
    r"(?:my|our|her|his|their|new)\s+(?:address|house|home|place)|address|moved\s+(?:to|into)|round\s+to|"
    r"pop\s+round|come\s+(?:round|over|to)|drop\s+(?:\w+\s+){0,2}(?:off|round|to)|collect\w*|"
    r"pick\s+(?:\w+\s+){0,2}up|that'?’?s\s+(?:us|ours|our\s+house)|porch|doorstep|front\s+door|sleepover|"
    r"party\s+at|bring\s+(?:\w+\s+){0,2}round|dewch\s+draw|byw\s+yn|cyfeiriad|mieszka\w*|adres\w*|"
    r"hamara\s+ghar|ghar|cinwaan\w*|ciwaan\w*)\b", re.I)
# What any address this module reads must contain: the detector skips the recognizer without it.
ADDRESS_HINT = re.compile(rf"\d[a-z]?,?\s+(?:[a-z'.-]{{1,21}}\s+){{0,3}}(?:{'|'.join(SUFFIXES)})\b|"
                          rf"\d[a-z]?,?\s+(?:heol|ffordd|stryd|l[oô]n|rhodfa|cilgant|teras|maes)\s|"
                          rf"\b(?:{'|'.join(_HOUSE_WORDS)}),", re.I)
# Words after which a number is a size, an age or a label, never a house number.
_MEASURE_BEFORE = re.compile(r"\b(?:size|sz|age|aged|ages|years?|yrs?|room|bus|page|table|platform|gate|level|"
                             r"grade|class|team|under|over|u)\s*$", re.I)
_CUE_BEFORE, _CUE_AFTER = 50, 60  # characters searched for a cue on each side
WEAK, CERTAIN = 0.3, 0.7
MAX_RESULTS = 100  # addresses of each shape read from one text: a longer list is a dump whatever the rest holds
CUED = 0.6


class LowerCaseAddressRecognizer(SimpleLocalRecognizer):
    """A house number and a street in any case, certain with a postcode after it or a flat before it."""

    ENTITIES = ("UK_HOME_ADDRESS",)
    CONTEXT = ["live", "lives", "address", "moved", "house", "home", "flat", "visit", "staying", "postcode"]
    NAME = NAME  # the module's recognizer name, as pii_engine registers it

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """Every house number and street; a postcode or flat number makes it certain."""
        results = []
        for match in islice(_ADDRESS.finditer(text), MAX_RESULTS):
            if _MEASURE_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
                continue  # "size 10 emerald green", "room 4 mill view": a measure or a label, not a house number
            if match.group("postcode"):
                score, what = CERTAIN, "street with a postcode"
            elif match.group("flat"):
                score, what = CERTAIN, "flat and street"
            elif _cued(text, match.start(), match.end("address")):
                score, what = CUED, "house number and street offered as a home"
            else:
                score, what = WEAK, "house number and street"
            results.append(self._result(match.start(), match.end("address"), score, what))
        for match in islice(_WELSH.finditer(text), MAX_RESULTS):
            score = CUED if _cued(text, match.start(), match.end()) else WEAK
            results.append(self._result(match.start(), match.end(), score, "house number and Welsh street"))
        for match in islice(_NAMED_HOUSE.finditer(text), MAX_RESULTS):
            if _cued(text, match.start(), match.end()) and not _NOT_A_HOME.search(match.group()):
                results.append(self._result(match.start(), match.end(), CUED, "named house and street"))
        return results

    def _result(self, start: int, end: int, score: float, what: str) -> RecognizerResult:
        return RecognizerResult(
            "UK_HOME_ADDRESS", start, end, score,
            analysis_explanation=AnalysisExplanation(NAME, score, pattern_name=what, textual_explanation=what),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})


def _cued(text: str, start: int, end: int) -> bool:
    """Whether a visit or home cue sits just before or just after the address."""
    return _HOME_CUE.search(text[max(0, start - _CUE_BEFORE):start]) is not None or \
        _HOME_CUE.search(text[end:end + _CUE_AFTER]) is not None


def street_starts(text: str) -> bool:
    """Whether ``text`` begins (after punctuation) with a house number and a street ("M46 9GA, 42 brook st")."""
    return _ADDRESS.match(text.lstrip(" ,;:-–")) is not None
