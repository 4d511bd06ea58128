"""One preparation of an item's text for every detector and the spaCy pass, with offsets back to the original.

:func:`prepare` returns a :class:`PreparedText` whose ``text`` is the item's text with

- text under a right-to-left override (U+202E, up to its PDF or the end of the line) put in the order a
  reader sees it: "you \u202etoidi" is shown as "you idiot", so that is what the detectors read;
- lone surrogates replaced by U+FFFD and NULs by spaces (so every library can read it);
- invisible characters removed: format characters (Unicode category Cf: zero-width space, joiners,
  soft hyphen, word joiner, BOM, invisible operators, tag characters, and every bidirectional control
  LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, LRM/RLM/ALM), the other default-ignorable code points
  (variation selectors, Hangul fillers, the combining grapheme joiner) and control characters
  other than white space;
- NFC composition for ordinary letters (Welsh ŵ, Polish ł and ą keep their marks), and NFKC only where
  it yields plain ASCII: fullwidth ｆｕｃｋ, mathematical 𝐟𝐮𝐜𝐤, circled, super/subscript and ligature
  forms, no-break and other wide spaces;
- decimal digits of every script read as ASCII digits ("٠٧٧٠٠ ٩٠٠٤٥٦", "০৭৭০০": a phone number is a phone
  number in Sorani or Bengali too), one character for one;
- look-alike letters of other scripts (Cyrillic, Greek, Armenian, Cherokee, Lisu, Coptic...) folded to the Latin
  letter they imitate, only inside an otherwise Latin word ("Іdіоt" becomes "Idiot", Armenian "fսck" "fuck"; a
  word with any letter of another script that imitates none, a wholly Cyrillic or Armenian word, is left alone), from
  Unicode's confusables data as shipped offline by the ``confusable_homoglyphs`` package;
- more than :data:`MAX_MARKS` combining marks on one letter dropped (stacked "Zalgo" marks, which
  also make NFC quadratic), and runs of one character longer than :data:`MAX_RUN` cut to that length
  (:data:`MAX_DIGIT_RUN` for digits, so phone, account and pupil numbers are never touched): "fuuuuuck",
  "!!!!!!!", a mask of 8,000 ``*`` all become short, bounded work for every later stage.

``to_original`` maps a span of the prepared text back to the span of the original text that produced
it, so a finding's offsets can be reported against the text the user wrote (invisible characters
inside the evidence included).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MAX_RUN = 3
MAX_DIGIT_RUN = 12
MAX_MARKS = 8
# Longest run of symbols, punctuation or emoji with no letter, digit or space in it: spaCy's tokenizer
# splits such a run one character at a time and takes quadratic time over it (8,000 "*#" took 5 s).
MAX_SYMBOL_RUN = 20

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) that are not already category Cf.
_IGNORABLE_RANGES = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0xE0000, 0xE0FFF),
)
# Plain printable ASCII (and tab, new line, carriage return) without a run longer than MAX_RUN needs no work.
_NEEDS_WORK = re.compile(rf"[^\t\n\r\x20-\x7e]|(.)\1{{{MAX_RUN}}}|[^\w\s]{{{MAX_SYMBOL_RUN + 1}}}", re.DOTALL)

_RLO, _PDF = "\u202e", "\u202c"
_LINE_ENDS = frozenset("\n\r\u2028\u2029\x85")
_DROP = ""  # what a character becomes when it is removed
_MARK = "\x00mark"  # sentinel: a combining mark, attached to the letter before it


@dataclass(frozen=True)
class PreparedText:
    """The prepared text and, per character, the span of the original text it came from.

    ``starts``/``ends`` are ``None`` when the text did not change (offsets are then positions);
    ``reordered`` is true when a right-to-left override was undone (offsets are then not monotonic).
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None
    reordered: bool = False

    @property
    def changed(self) -> bool:
        """Whether preparation changed anything."""
        return self.starts is not None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced ``text[start:end]``.

        ``(0, 0)`` (a finding about the whole item) stays ``(0, 0)``; an empty span maps to an empty one.
        """
        if self.starts is None or self.ends is None or (start == 0 and end == 0):
            return start, end
        size = len(self.text)
        start, end = max(0, min(start, size)), max(0, min(end, size))
        if start >= end:
            pos = self.starts[start] if start < size else len(self.original)
            return pos, pos
        if self.reordered:
            return min(self.starts[start:end]), max(self.ends[start:end])
        return self.starts[start], self.ends[end - 1]


def prepare(text: str) -> PreparedText:
    """Prepare ``text`` for analysis; see the module docstring. Linear in the length of ``text``."""
    if _NEEDS_WORK.search(text) is None:
        return PreparedText(text, text)
    chars, starts, ends, reordered = _clean_chars(text)
    _fold_lookalikes(chars)
    chars, starts, ends = _collapse_runs(chars, starts, ends)
    prepared = "".join(chars)
    if prepared == text:  # only letters and emoji beyond ASCII: nothing to map
        return PreparedText(text, text)
    return PreparedText(text, prepared, tuple(starts), tuple(ends), reordered)


def is_utf8(text: str) -> bool:
    """False when ``text`` holds lone surrogates (bytes that were not UTF-8, as Python keeps them)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def cap_marks(text: str) -> str:
    """``text`` with at most :data:`MAX_MARKS` combining marks after each character (the rest dropped)."""
    out: list[str] = []
    marks = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            marks += 1
            if marks > MAX_MARKS:
                continue
        else:
            marks = 0
        out.append(ch)
    return "".join(out)


def _clean_chars(text: str) -> tuple[list[str], list[int], list[int], bool]:
    """Drop invisible characters, compose marks (at most MAX_MARKS), apply safe NFKC, undo RTL overrides."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    marks = 0  # combining marks attached to the last piece
    composed: list[int] = []  # pieces that received marks and need NFC
    overrides: list[tuple[int, int]] = []  # [start, end) of pieces shown right to left
    override_from: int | None = None
    for i, ch in enumerate(text):
        if ch == _RLO and override_from is None:
            override_from = len(pieces)
        elif override_from is not None and (ch == _PDF or ch in _LINE_ENDS):
            overrides.append((override_from, len(pieces)))
            override_from = None
        rule = _char_rule(ch)
        if rule is _MARK:
            if pieces and not pieces[-1].isspace():
                if marks < MAX_MARKS:
                    if marks == 0:
                        composed.append(len(pieces) - 1)
                    pieces[-1] += ch
                    marks += 1
                ends[-1] = i + 1
                continue
            rule = ch
        if rule == _DROP:  # an invisible character belongs to no prepared one; spans around it cover it
            continue
        pieces.append(rule)
        starts.append(i)
        ends.append(i + 1)
        marks = 0
    if override_from is not None:
        overrides.append((override_from, len(pieces)))
    for k in composed:
        pieces[k] = unicodedata.normalize("NFC", pieces[k])
    for a, b in overrides:
        pieces[a:b], starts[a:b], ends[a:b] = pieces[a:b][::-1], starts[a:b][::-1], ends[a:b][::-1]
    chars: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    for piece, s, e in zip(pieces, starts, ends, strict=True):
        for c in piece:
            chars.append(c)
            out_starts.append(s)
            out_ends.append(e)
    return chars, out_starts, out_ends, any(b - a > 1 for a, b in overrides)


@lru_cache(maxsize=65536)
def _char_rule(ch: str) -> str:
    """What one character becomes: itself, a replacement, ``_DROP`` or ``_MARK``."""
    if " " <= ch <= "~" or ch in "\t\n\r":
        return ch
    if ch == "\x00":
        return " "
    cat = unicodedata.category(ch)
    if cat == "Cs":
        return "\ufffd"
    if cat == "Cf" or _is_ignorable(ord(ch)) or (cat == "Cc" and not ch.isspace()):
        return _DROP
    if cat in ("Mn", "Mc", "Me"):
        return _MARK
    if cat == "Nd":  # a decimal digit of another script (Arabic-Indic, Persian, Bengali, Devanagari...)
        return str(unicodedata.decimal(ch))
    nfc = unicodedata.normalize("NFC", ch)
    compat = unicodedata.normalize("NFKC", nfc)
    if compat != nfc and compat.isascii() and (compat.isprintable() or compat.isspace()):
        return compat
    return nfc


def _is_ignorable(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _IGNORABLE_RANGES)


def _fold_lookalikes(chars: list[str]) -> None:
    """Fold other scripts' look-alikes of Latin letters inside otherwise Latin words, in place."""
    table = lookalike_table()
    if table.keys().isdisjoint(chars):
        return
    n = len(chars)
    i = 0
    while i < n:
        if not chars[i].isalpha():
            i += 1
            continue
        j = i
        has_lookalike = has_latin = False
        foreign = False  # a letter of another script that looks like no Latin letter
        while j < n and chars[j].isalpha():
            c = chars[j]
            if c.isascii() or _is_latin(c):
                has_latin = True
            elif c in table:
                has_lookalike = True
            else:
                foreign = True
            j += 1
        if has_lookalike and has_latin and not foreign:
            for k in range(i, j):
                chars[k] = table.get(chars[k], chars[k])
        i = j


@lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


@lru_cache(maxsize=1)
def lookalike_table() -> dict[str, str]:
    """Letters of scripts other than Latin that look like one ASCII letter, from Unicode's confusables data.

    Every script, not a list of them: a disguise borrows whatever letter looks right (Cyrillic "і", Armenian "ս",
    Cherokee "Ꭺ"), and the letters are folded only where the rest of the word is Latin.

    Unicode maps to a case-blind "skeleton" (capital I to small l); the case of the source letter is kept.
    """
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for ch, homoglyphs in data.items():
        if len(ch) != 1 or ch.isascii() or _is_latin(ch) or not ch.isalpha():
            continue
        latin = [h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalpha()]
        if not latin:
            continue
        target = latin[0]
        if ch.isupper():
            target = "I" if target == "l" else target.upper()
        table[ch] = target
    return table


def _collapse_runs(chars: list[str], starts: list[int], ends: list[int]) -> tuple[list[str], list[int], list[int]]:
    """Cut runs of one character to MAX_RUN (MAX_DIGIT_RUN for digits) and runs of symbols to MAX_SYMBOL_RUN.

    The last character kept covers the rest in the original text.
    """
    out_chars: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    run = symbols = 0
    prev = None
    for c, s, e in zip(chars, starts, ends, strict=True):
        run = run + 1 if c == prev else 1
        prev = c
        symbols = 0 if c.isalnum() or c.isspace() or c == "_" else symbols + 1  # as the regex \w and \s
        if run > (MAX_DIGIT_RUN if c.isdigit() else MAX_RUN) or symbols > MAX_SYMBOL_RUN:
            out_ends[-1] = e
            continue
        out_chars.append(c)
        out_starts.append(s)
        out_ends.append(e)
    return out_chars, out_starts, out_ends


def shown(text: str) -> str:
    """``text`` safe to show in a terminal or an e-mail: invisible, bidirectional and control characters removed.

    Stored text and offsets stay as the user wrote them; this is only for displaying evidence, so that a
    right-to-left override or an escape sequence in a comment cannot reorder or restyle what a reviewer reads.
    Unlike :func:`prepare` it keeps every visible character as it is (no folding, no collapsing).
    """
    if not _NEEDS_WORK.search(text):
        return text
    out = []
    for ch in text:
        rule = _char_rule(ch)
        if rule == _DROP:
            continue
        out.append(rule if ch == "\x00" or unicodedata.category(ch) == "Cs" else ch)
    return "".join(out)
