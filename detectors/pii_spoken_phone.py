"""A Presidio recognizer for UK phone numbers spelt out in words ("oh seven seven double oh nine ...").

People write a number in words to slip it past filters. The text is read once, token by token: a
run of digit words ("oh", "zero", "nought", "one" ... "nine"), digit groups and repeats ("double",
"triple", "treble"), joined only by spaces, hyphens, commas or dots, is turned into digits. The run
counts only when it holds at least ``MIN_WORDS`` spelt tokens (plain digit strings are
UkPhoneRecognizer's) and its digits are a UK mobile or landline number (``uk_kind``): counting,
scores and prices written in words are not numbers of that shape.
"""

from __future__ import annotations

import re
from itertools import islice

from presidio_analyzer import AnalysisExplanation, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.pii_local import PHONE_CONTEXT, SimpleLocalRecognizer
from detectors.pii_phone import uk_kind

NAME = "SpokenPhoneRecognizer"
DIGIT_WORDS = {"oh": "0", "o": "0", "zero": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3",
               "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
REPEATS = {"double": 2, "triple": 3, "treble": 3}
MIN_WORDS = 3  # spelt tokens a run needs: fewer is a plain number, read by UkPhoneRecognizer
_ZEROS = re.compile(r"o{2,4}")  # letters "o" typed for zeros ("9oo"), read as zeros only beside digits
_JOINERS = frozenset("-,.")  # punctuation that may sit inside a spelt number
_TOKEN = re.compile(r"[a-z]+|\d+|\S")
# Cheap gate for the detector: a spelt number has at least this many digit or repeat words.
_HINT_WORDS = 5
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted(DIGIT_WORDS.keys() | REPEATS.keys(), key=len, reverse=True))
                          + r")\b", re.I)
_SCORES = {"mobile": 0.75, "landline": 0.6}
_DISGUISED = re.compile(r"\d[oO]{2}|\b[oO]\d|\d(?:" + "|".join(k for k in DIGIT_WORDS if len(k) > 2) + r")\d|"
                        r"\b(?:one|two|three|four|five|six|seven|eight|nine)\s+hundred\b", re.I)


def might_hold_spoken_number(text: str) -> bool:
    """True when the text may spell a phone number in words or disguise its digits with letters.

    Enough digit words (counting stops early), or letters standing for digits ("9oo", "O77",
    "07seven00", "nine hundred").
    """
    return _DISGUISED.search(text) is not None or \
        sum(1 for _ in islice(_NUMBER_WORD.finditer(text), _HINT_WORDS)) >= _HINT_WORDS


def spoken_runs(text: str):
    """Yield ``(start, end, digits, spelt_words)`` for each run of digit words and digit groups, in one pass.

    A letter "o" typed for a zero inside a digit group ("9oo", "O77OO"), a digit word glued to digits
    ("07seven00") and "hundred" after a digit ("nine hundred") are deliberate disguises: a run holding one
    counts as if it had :data:`MIN_WORDS` spelt words.
    """
    start = end = -1
    digits: list[str] = []
    words = 0
    repeat = 1
    disguised = False
    last_digit = False  # whether the run's last token was typed in digits
    for tok in _TOKEN.finditer(text.lower()):
        value = tok.group()
        glued = start >= 0 and tok.start() == end
        zeros = _ZEROS.fullmatch(value) is not None and (glued or _digit_follows(text, tok))
        if value.isdigit() or value in DIGIT_WORDS or zeros:
            if start < 0:
                start = tok.start()
            digit = value if value.isdigit() else DIGIT_WORDS.get(value) or "0" * len(value)
            digits.append(digit[0] * repeat + digit[1:])
            words += not value.isdigit()
            disguised |= zeros or (glued and value.isdigit() != last_digit) or \
                (not value.isdigit() and _digit_follows(text, tok))
            last_digit = value.isdigit()
            end, repeat = tok.end(), 1
        elif value == "hundred" and digits and repeat == 1:  # "nine hundred" for 900
            digits.append("00")
            words += 1
            disguised = True
            end = tok.end()
        elif value in REPEATS and repeat == 1:
            if start < 0:
                start = tok.start()
            repeat = REPEATS[value]
            words += 1
        elif value in _JOINERS and start >= 0:
            continue
        else:
            if start >= 0 and end > start:
                yield start, end, "".join(digits), (max(words, MIN_WORDS) if disguised else words)
            start, end, digits, words, repeat, disguised = -1, -1, [], 0, 1, False
            if value in REPEATS:  # "double double": the second one may begin a run
                start, repeat, words = tok.start(), REPEATS[value], 1
    if start >= 0 and end > start:
        yield start, end, "".join(digits), (max(words, MIN_WORDS) if disguised else words)


def _digit_follows(text: str, tok: re.Match) -> bool:
    """Whether a digit is typed straight after the token ("O77OO": the "o" before "77")."""
    return tok.end() < len(text) and text[tok.end()].isdigit()


def spoken_digits(value: str) -> str:
    """The digits a spelt-out number stands for ("oh seven double oh" -> "0700")."""
    return "".join(run[2] for run in spoken_runs(value))


class SpokenPhoneRecognizer(SimpleLocalRecognizer):
    """UK mobile and landline numbers written (wholly or partly) in words."""

    ENTITIES = ("PHONE_NUMBER",)
    CONTEXT = PHONE_CONTEXT
    NAME = NAME  # the module's recognizer name, as pii_engine registers it

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """Each spelt run whose digits are a UK mobile or landline number."""
        results = []
        for start, end, digits, words in spoken_runs(text):
            if words < MIN_WORDS:
                continue
            if digits.startswith("44") and text[max(0, start - 6):start].lower().rstrip().endswith(("+", "plus")):
                digits = "0" + digits[2:]
            if len(digits) == 10 and digits.startswith("7"):
                digits = "0" + digits  # a mobile spelt without its leading 0 ("seven seven oh oh ...")
            kind = uk_kind(digits)
            if kind not in _SCORES:
                continue
            score = _SCORES[kind]
            results.append(RecognizerResult(
                "PHONE_NUMBER", start, end, score,
                analysis_explanation=AnalysisExplanation(NAME, score, pattern_name=kind,
                                                         textual_explanation=f"{kind} number in words"),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
