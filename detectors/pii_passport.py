"""A Presidio recognizer for UK passport numbers introduced as such ("passport no 123456789").

A UK passport number is nine digits (older books; newer ones may show two letters and seven
digits, which ``ContextPassportRecognizer`` reads). Nine digits alone are anything (an order, a
reference), so the number counts only straight after "passport" (or its spelling in the languages
families write in), perhaps a number word ("no", "nr", "#", a colon), with at most a few non-digit
characters between ("my passport number is ...", "passport no. for my son:", "pasport nr ..."); the
digits may be spaced out one by one. One bounded pattern, read once: linear time.
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.pii_local import SimpleLocalRecognizer

NAME = "IntroducedPassportRecognizer"
# "passport" as English, Polish, Romanian, Portuguese, Somali and Lithuanian families (mis)spell it.
_PASSPORT = r"(?:pass?port|paszport|pa[sș]aport|passaporte|baasaboor|pasas)"
_INTRODUCED = re.compile(
    rf"\b{_PASSPORT}(?:'?s|u)?\s*(?:(?:no|nos|number|num|nr|numer|numar|n[uú]mero|n[º°o])\b\.?|#|:)?"
    r"[^\d\n]{0,30}?"
    r"(?<![\d-])(?P<number>\d{3}[ -]?\d{3}[ -]?\d{3}|\d(?: \d){8}|[a-z]{2}\s?\d{7})\b(?![ -]?\d)",
    re.I)
SCORE = 0.7


class IntroducedPassportRecognizer(SimpleLocalRecognizer):
    """A nine-digit (or two-letter, seven-digit) number right after "passport number"."""

    ENTITIES = ("UK_PASSPORT",)
    NAME = NAME  # the module's recognizer name, as pii_engine registers it

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """The number after each "passport number" introduction."""
        return [RecognizerResult(
            "UK_PASSPORT", m.start("number"), m.end("number"), SCORE,
            analysis_explanation=AnalysisExplanation(NAME, SCORE, pattern_name="introduced passport number",
                                                     textual_explanation="number after 'passport number'"),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
            for m in _INTRODUCED.finditer(text)]
