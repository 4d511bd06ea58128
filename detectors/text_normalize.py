"""Undo the spellings people use to slip words past filters, keeping offsets into the original.

``normalize(text)`` returns a :class:`Normalized` whose ``text`` is lower-case ASCII-ish
text in which

- zero-width and other invisible format characters, and combining marks, are gone;
- NFKC has folded fullwidth letters and mathematical alphanumerics (𝐟𝐮𝐜𝐤, ｆｕｃｋ);
- Cyrillic and Greek look-alikes are mapped to the Latin letters they imitate (Іdіоt);
- digits and symbols *inside* words are read as letters (th1ef, 1d10t, a$$, sh!t);
- letters spelt out one at a time are joined (w.a.n.k.e.r, f u c k, s-t-u-p-i-d).

Masking characters (f*ck) and repeated letters (fuuuck) are left for the lexicon
patterns to absorb (see :func:`word_pattern`); ``squeezed`` additionally collapses
runs of three or more identical letters for statistical models.
``orig_span`` maps a span of the normalised text back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Cyrillic, Greek and other letters that look like Latin ones (after lower-casing).
CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ɡ": "g", "ɑ": "a", "ʏ": "y", "ı": "i", "ȷ": "j", "ƅ": "b", "ь": "b", "п": "n",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ω": "w", "ϲ": "c", "ϳ": "j", "ѡ": "w", "ɩ": "i", "ℓ": "l",
}

# Digits and symbols read as letters when they sit between letters.
LEET = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "l", "+": "t", "€": "e",
}

MASKS = "*#%_"  # characters that stand for hidden letters: f*ck, sh#t

_INVISIBLE_CATEGORIES = ("Cf", "Mn", "Me")
# One letter, a separator, repeated: "f u c k", "w.a.n.k.e.r", "s-t-u-p-i-d".
_SPACED = re.compile(r"(?<![a-z0-9])[a-z](?:( {1,3}|[.\-_,])[a-z])(?:\1[a-z]){1,}(?![a-z0-9])")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_LEET_CLASS = re.escape("".join(LEET))
# a digit, symbol or mask beside a letter: only then can a word be leetspeak
_LEET_NEAR = re.compile(rf"[^\W\d_][{_LEET_CLASS}{re.escape(MASKS)}]|[{_LEET_CLASS}{re.escape(MASKS)}][^\W\d_]")
# a run of letters, leet characters and masks that starts with a letter or a leet character
_RUN = re.compile(rf"(?:[^\W\d_]|[{_LEET_CLASS}])(?:[^\W\d_]|[{_LEET_CLASS}{re.escape(MASKS)}])*")
# the same runs, found only when they hold a digit, symbol or mask (a run may start after masks: "**f1")
_MIXED_RUN = re.compile(rf"(?<![^\W\d_])(?<![{_LEET_CLASS}{re.escape(MASKS)}])[^\W\d_]*"
                        rf"[{_LEET_CLASS}{re.escape(MASKS)}](?:[^\W\d_]|[{_LEET_CLASS}{re.escape(MASKS)}])*")


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, for each of its characters, the offset of its source in the original."""

    original: str
    text: str
    offsets: tuple[int, ...]
    joined: tuple[tuple[int, int], ...] = ()  # spans of ``text`` joined from spelt-out letters

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced ``text[start:end]``."""
        if not self.offsets or start >= end:
            return (0, 0)
        end = min(end, len(self.offsets))
        return (self.offsets[start], self.offsets[end - 1] + 1)

    @property
    def squeezed(self) -> str:
        """The text with runs of three or more identical letters collapsed to one."""
        return _REPEATS.sub(r"\1", self.text)


@lru_cache(maxsize=8192)  # texts repeat the same few emoji and accented letters
def fold_char(ch: str) -> str:
    """One character as plain lower-case text: NFKC, case-folded, look-alikes mapped; '' if invisible."""
    if ch.isascii():
        return ch.lower()
    if unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", ch).lower():
        if unicodedata.category(c) in _INVISIBLE_CATEGORIES:
            continue
        base = unicodedata.normalize("NFD", c)[0] if not c.isascii() else c
        out.append(CONFUSABLES.get(c) or CONFUSABLES.get(base) or (base if base.isascii() else c))
    return "".join(out)


def fold(text: str) -> str:
    """``text`` with every character folded by :func:`fold_char` (no offsets, no leetspeak)."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


@lru_cache(maxsize=32)  # the detectors of one item share one normalisation
def normalize(text: str) -> Normalized:
    """Fold look-alikes, read leetspeak and join spelt-out letters; see the module docstring."""
    if text.isascii():  # the common case: one character each, offsets are positions
        chars = list(text.lower())
        offsets: list[int] | range = range(len(text))
    else:
        chars, offsets = [], []
        for i, ch in enumerate(text):
            for c in fold_char(ch):
                chars.append(c)
                offsets.append(i)
    folded = "".join(chars)
    if _LEET_NEAR.search(folded) is not None:
        _read_leet(chars, folded)
        folded = "".join(chars)
    if _SPACED.search(folded) is None:
        return Normalized(text, folded, tuple(offsets))
    out_chars: list[str] = []
    out_offsets: list[int] = []
    joined: list[tuple[int, int]] = []
    pos = 0
    for m in _SPACED.finditer(folded):
        out_chars.extend(chars[pos:m.start()])
        out_offsets.extend(offsets[pos:m.start()])
        run_start = len(out_chars)
        for j in range(m.start(), m.end()):
            if chars[j].isalpha():
                out_chars.append(chars[j])
                out_offsets.append(offsets[j])
        joined.append((run_start, len(out_chars)))
        pos = m.end()
    out_chars.extend(chars[pos:])
    out_offsets.extend(offsets[pos:])
    return Normalized(text, "".join(out_chars), tuple(out_offsets), tuple(joined))


def _read_leet(chars: list[str], folded: str) -> None:
    """Replace digits and symbols that sit inside a word of letters, in place (``folded`` is ``chars`` joined)."""
    for run in _MIXED_RUN.finditer(folded):  # runs of letters alone never change
        i, j = run.span()
        while i < j and chars[i] in MASKS:  # leading masks are not part of the run
            i += 1
        if i == j:
            continue
        word = chars[i:j]
        letters = sum(c.isalpha() for c in word)
        # a word needs letters to be leetspeak ("th1ef"); a number or a price ("£20", "2:05") is not,
        # nor is a number with a unit ("10am", "y6"): digits only at one end stay digits
        if letters and letters < len(word) and not word[0] == "@":
            shape = "".join("d" if c.isdigit() else "a" for c in word).strip("d")
            digits_inside = "d" in shape
            for k in range(i, j):
                c = chars[k]
                if c.isdigit() and not digits_inside:
                    continue
                # trailing "!!!" is punctuation, not "iii"
                if c in LEET and not (c == "!" and (k == j - 1 or not chars[k + 1].isalpha())):
                    chars[k] = LEET[c]


def word_pattern(word: str) -> str:
    """A regex for ``word`` that tolerates repeated letters and masked inner letters (f*ck, fuuuck).

    Each inner letter is one character class (``[u*#%_]+``), never a quantified group of alternatives:
    neighbouring classes share the masks, so a backtracking engine is still polynomial on a long run
    of masks; the abuse detector runs these patterns on RE2, which is linear.
    """
    masks = re.escape(MASKS)
    parts = [re.escape(word[0]) + "+"]
    for ch in word[1:-1]:
        parts.append(f"[{re.escape(ch)}{masks}]+" if ch.isalpha() else re.escape(ch))
    if len(word) > 1:
        parts.append(re.escape(word[-1]) + "+")
    return "".join(parts)


# The endings a masked swear word keeps when everything after its first letter is hidden ("f***ing", "s**ty").
MASKED_ENDINGS = "(?:ing|in|ed|er|ers|y)"


def masked_ending_pattern(word: str) -> str:
    """A regex for ``word`` written as its first letter, one mask or letter for each of its other letters, an ending.

    "f***ing" is "fuck" hidden letter for letter; "k***ing" is not "knobhead" (seven letters hidden behind three).
    Used only on words that hold a mask.
    """
    masks = re.escape(MASKS)
    inner = re.escape("".join(sorted(set(word[1:]))))
    return f"{re.escape(word[0])}[{inner}{masks}]{{{len(word) - 1}}}{MASKED_ENDINGS}"


# Latin letters without a canonical decomposition, for :func:`latin_folded`
_UNDECOMPOSED = str.maketrans("ŁłØøĐđĦħıŦŧ", "LlOoDdHhiTt")


def latin_folded(text: str) -> str:
    """``text`` with each accented Latin letter as its base letter, one character for one (offsets unchanged).

    Unlike :func:`fold` it leaves other scripts as they are: "Luíza" is "Luiza", "Продавам" stays Cyrillic.
    """
    if text.isascii():
        return text
    out = []
    for ch in text:
        if not ch.isascii() and ch.isalpha():
            base = unicodedata.normalize("NFD", ch)[0]
            ch = base if base.isascii() else ch.translate(_UNDECOMPOSED)
        out.append(ch)
    return "".join(out)
