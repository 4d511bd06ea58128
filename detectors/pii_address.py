"""A Presidio recognizer for home addresses written in lower case or abbreviated.

``HomeAddressRecognizer`` reads the capitalised form ("8 Orchard Close"). Comments are often typed
in lower case ("14 elm rd ls6 2ab", "flat 3, 22 mill st", "no. 7 the crescent, bd8"). Lower-case
words are weak evidence (a count before a noun looks the same: "10 minute walk"), so a match is
certain only with a postcode (full, or its outward half) straight after it, or a flat number before
it; otherwise it scores low and only Presidio's context words ("live", "address", ...) lift it.
The span stops at the street: a full postcode after it is reported as a postcode beside a street.
The name words may not be function words or units, so "year 6 went to the park" is not a street.
Every repeat is bounded and the pattern starts at a digit or a flat word: one pass, linear time.
"""

from __future__ import annotations

import re

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
WEAK, CERTAIN = 0.3, 0.7


class LowerCaseAddressRecognizer(SimpleLocalRecognizer):
    """A house number and a street in any case, certain with a postcode after it or a flat before it."""

    ENTITIES = ("UK_HOME_ADDRESS",)
    CONTEXT = ["live", "lives", "address", "moved", "house", "home", "flat", "visit", "staying", "postcode"]
    NAME = NAME  # the module's recognizer name, as pii_engine registers it

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """Every house number and street; a postcode or flat number makes it certain."""
        results = []
        for match in _ADDRESS.finditer(text):
            if match.group("postcode"):
                score, what = CERTAIN, "street with a postcode"
            elif match.group("flat"):
                score, what = CERTAIN, "flat and street"
            else:
                score, what = WEAK, "house number and street"
            results.append(RecognizerResult(
                "UK_HOME_ADDRESS", match.start(), match.end("address"), score,
                analysis_explanation=AnalysisExplanation(NAME, score, pattern_name=what, textual_explanation=what),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
