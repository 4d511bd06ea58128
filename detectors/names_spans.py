"""Candidate name spans, and where a word sits in its sentence: what the candidate finders share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from detectors.base import Pupil

_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[^\w\s,;'’-]\s*)$")
# The next name of a list: "nia n harmony", "mali a celt", "gosia i ola" (the joining words of PAIR_JOIN in
# detectors/names_uncased.py)
CHAIN = re.compile(r"(?:\s*(?:,|&|\+)\s*(?:and\s+)?|\s*(?:and|n|an['’]?)\s*(?:and\s+)?|"
                   r"\s+(?:a|ac|agus|i|și|si|e|y|ir|ve|iyo|aur|ane|te)\s+)([^\W\d_][^\W\d_]+(?:-[^\W\d_]+)?)\b")

# What follows a name that is the subject: the end, a comma, a year group, or a verb of the third person
SUBJECT_NEXT = re.compile(r"\s*(?:$|[,.!?)(]|\s(?:is|was|has|had|got|gets|will|can|did|does|just|and|n|&|in|at|"
                          r"from|who|isnt|wasnt|cant|wont|didnt|doesnt|aint|year|yr|y\d|[a-z]{2,}s)\b)", re.I)
# What follows a sentence's first word when it is a child's name: what SUBJECT_NEXT allows, a verb in the past
# ("won", "scored", "started"), the possessive with a parent ("'s mum") or a greeting ("you were amazing").
OPENING_NEXT = re.compile(SUBJECT_NEXT.pattern[:-1] + r"|\s(?:[a-z]{3,}ed|won|got|lost|made|came|went|ran|sang|"
                           r"read|wrote|drew|took|gave|left|forgot|brought|smashed|loves?|looks?|singing|playing|"
                           r"(?:you|u)\s+(?:were|was|are|r|did|done|legend|star|smashed|nailed|killed|rocked)|"
                           r"you['’]re|youre)\b|['’]s\s+(?:mum|mam|mom|dad|nan|nana|gran|grandma|grandad)\b"
                           r"|\s+(?:ko|ka|ki)\s+(?:mummy|mum|ammi|ami|abbu|papa|dad)\b"
                           r"|['’]s\s+(?:been|got|gonna|going|so|dead|well|just|finally|always|never|off|doing)\b)",
                           re.I)

@dataclass
class Candidate:
    """A span that may name a child, with how it was found."""

    start: int
    end: int
    how: str
    pupils: tuple[Pupil, ...] = ()
    cues: list[str] = field(default_factory=list)


class Candidates(list):
    """The candidates found so far, indexed by the characters they cover.

    Whether a span overlaps a candidate is asked once per name-like word: scanning every candidate
    each time made a text of thousands of names quadratic (50,000 characters of one name took 3.7 s).
    """

    def __init__(self) -> None:
        super().__init__()
        self._at: dict[int, list[Candidate]] = {}

    def append(self, cand: Candidate) -> None:  # noqa: D102
        super().append(cand)
        for pos in range(cand.start, cand.end):
            self._at.setdefault(pos, []).append(cand)

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        """The candidates sharing a character with ``text[start:end]``."""
        found: dict[int, Candidate] = {}
        for pos in range(start, end):
            for c in self._at.get(pos, ()):
                found[id(c)] = c
        return list(found.values())

    def covers(self, start: int, end: int) -> bool:
        """Whether any candidate shares a character with ``text[start:end]``."""
        return any(pos in self._at for pos in range(start, end))


def starts_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence: ``_SENTENCE_START`` over the text before it.

    Only the end of that text can match (the pattern ends in ``$`` after optional whitespace): it is
    searched from the last character that is not whitespace, not over the whole text before every name.
    """
    pos = start
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return bool(_SENTENCE_START.search(text, max(pos - 1, 0), start))
