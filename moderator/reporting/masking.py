"""Masking personal data in what the reporter e-mails: excerpts and explanations.

Phone numbers and e-mail addresses are partly hidden (by pattern and by the
spans of personal_data findings); pupils' names are reduced to initials (every
roster name, and the spans of named_child findings). The output never holds a
full phone number, a full e-mail address or a pupil's full name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from detectors.base import Pupil
from detectors.text_prepare import shown

EMAIL_RE = re.compile(r"(?<![\w.+-])([\w.+-])[\w.+-]*@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})")
# a UK or international phone number: 10 or more digits, optionally grouped by spaces, dots or dashes
PHONE_RE = re.compile(r"(?<![\w])(?:\+|00)?\(?\d(?:[\s().-]{0,2}\d){9,14}(?!\w)")
# a unique pupil number: a check letter then 12 digits (masked whatever the detectors found)
UPN_RE = re.compile(r"(?<!\w)[A-Z]\d{12}(?!\w)")
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
MASK = "*"


@dataclass(frozen=True)
class Span:
    """A character range of the original text to mask, and how: ``initials`` or ``partial``."""

    start: int
    end: int
    how: str


def initials(text: str) -> str:
    """Each word reduced to its initial and a dot, adjacent initials joined: "Oscar Fielding" → "O.F."."""
    out = WORD_RE.sub(lambda m: m.group(0)[0].upper() + ".", text)
    return re.sub(r"(?<=[A-Z]\.)\s+(?=[A-Z]\.)", "", out)


def partial(text: str) -> str:
    """Hide most letters and digits, keeping the first one and the last two (all of them if short)."""
    positions = [i for i, ch in enumerate(text) if ch.isalnum()]
    keep = set() if len(positions) <= 5 else {positions[0], *positions[-2:]}
    return "".join(ch if not ch.isalnum() or i in keep else MASK for i, ch in enumerate(text))


def _mask_phone(m: re.Match) -> str:
    s = m.group(0)
    digits = [i for i, ch in enumerate(s) if ch.isdigit()]
    keep = {*digits[:2], *digits[-2:]}
    return "".join(MASK if ch.isdigit() and i not in keep else ch for i, ch in enumerate(s))


def _mask_email(m: re.Match) -> str:
    return f"{m.group(1)}{MASK * 3}@{m.group(2)}"


def _alternation(names: set[str], flags: int) -> re.Pattern | None:
    """One pattern matching any of the names as whole words, longest first."""
    if not names:
        return None
    alts = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alts + r")(?![\w])", flags)


class Masker:
    """Masks texts for one school: built once from the roster, applied to every excerpt."""

    def __init__(self, roster: Iterable[Pupil]) -> None:
        full: set[str] = set()
        single: set[str] = set()
        for p in roster:
            for first in {p.first_name, p.preferred_name}:
                if first and p.last_name:
                    full.add(f"{first} {p.last_name}")
            single.update(n for n in (p.first_name, p.preferred_name, p.last_name) if n)
        # full names in any case ("oscar fielding"); single names only as written in the roster or in
        # capitals, so that a lowercase word that is also a name ("will", "grace") stays readable
        words = {w for n in single for w in n.split() if len(w) > 1}
        self._full = _alternation(full, re.IGNORECASE)
        self._single = _alternation(single | words | {n.upper() for n in single | words}, 0)

    def mask(self, text: str, spans: Sequence[Span] = ()) -> str:
        """The text with finding spans masked first, then e-mails, phone numbers and roster names.

        Invisible, bidirectional and control characters are removed after the spans (whose offsets are
        into the original text) and before the patterns, so "07700\u200b900123" is masked as a phone
        number and no override can reorder what the reader sees.
        """
        text = shown(self._mask_spans(text, spans))
        text = EMAIL_RE.sub(_mask_email, text)
        text = UPN_RE.sub(lambda m: partial(m.group(0)), text)
        text = PHONE_RE.sub(_mask_phone, text)
        for names in (self._full, self._single):
            if names is not None:
                text = names.sub(lambda m: initials(m.group(0)), text)
        return text

    def excerpt(self, text: str, spans: Sequence[Span] = (), focus: int = 0, width: int = 320) -> str:
        """A masked excerpt of about ``width`` characters around offset ``focus`` of the original text."""
        masked = self.mask(text, spans)
        if len(masked) <= width:
            return masked
        # masking shortens names a little: the focus is approximate, which is all an excerpt needs
        start = max(0, min(focus - width // 3, len(masked) - width))
        end = start + width
        if start > 0:
            cut = masked.find(" ", start)
            start = cut + 1 if 0 <= cut < start + 40 else start
        if end < len(masked):
            cut = masked.rfind(" ", start, end)
            end = cut if cut > start + width // 2 else end
        return ("…" if start > 0 else "") + masked[start:end].strip() + ("…" if end < len(masked) else "")

    @staticmethod
    def _mask_spans(text: str, spans: Sequence[Span]) -> str:
        merged: list[Span] = []
        for s in sorted((s for s in spans if 0 <= s.start < s.end), key=lambda s: s.start):
            end = min(s.end, len(text))
            if merged and s.start < merged[-1].end:
                last = merged[-1]
                how = "partial" if "partial" in (last.how, s.how) else last.how
                merged[-1] = Span(last.start, max(last.end, end), how)
            else:
                merged.append(Span(s.start, end, s.how))
        for s in reversed(merged):
            piece = text[s.start:s.end]
            text = text[:s.start] + (initials(piece) if s.how == "initials" else partial(piece)) + text[s.end:]
        return text
