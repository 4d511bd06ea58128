"""Folding and word splitting shared by the multilingual abuse lexicons and their build step.

Lexicon terms and item words are compared in one canonical form, the *key*: lower case, Latin diacritics
taken off ("głupi" and "glupi", "pulă" and "pula" meet), Arabic letter variants merged and short vowels
dropped, and every run of one repeated letter written once ("kurwaaa", "kurwa" and "kurrwa" meet). A second,
*exact* key keeps the diacritics, so a lexicon can tell a word written with them from its bare form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters NFD does not decompose, and Arabic letter variants written interchangeably online.
_TRANSLATE = str.maketrans({
    "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "ı": "i", "æ": "ae", "œ": "oe", "ŀ": "l",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": "",
    "’": "'", "‘": "'",
})
# A word: letters, digits (Arabizi writes letters as digits: "7mar") and the marks of Arabic and Bengali.
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0980-\u09ff])+")
_RUNS = re.compile(r"(.)\1+")
_LATIN_MAX = 0x024F  # combining marks are dropped only after Latin letters (Bengali vowel signs are kept)
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670]")


@dataclass(frozen=True)
class Word:
    """One word of a text: its offsets in the text and its two lookup keys."""

    start: int
    end: int
    key: str  # folded and squeezed
    exact: str  # lower case and squeezed, diacritics kept
    raw: str  # lower case as written


def fold(word: str) -> str:
    """``word`` in lower case without Latin diacritics or Arabic short vowels, Arabic variants merged."""
    low = word.lower().translate(_TRANSLATE)
    if low.isascii():
        return low
    low = _ARABIC_MARKS.sub("", low)
    out = []
    for ch in unicodedata.normalize("NFD", low):
        if unicodedata.combining(ch) and out and ord(out[-1]) <= _LATIN_MAX:
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def squeeze(word: str) -> str:
    """``word`` with every run of one repeated character written once."""
    return _RUNS.sub(r"\1", word)


def key(phrase: str) -> str:
    """The lookup key of a word or a phrase (words joined by one space)."""
    return " ".join(squeeze(fold(w.group())) for w in _WORD.finditer(phrase))


def exact_key(phrase: str) -> str:
    """The lookup key of a word or phrase with its diacritics kept."""
    return " ".join(squeeze(w.group().lower()) for w in _WORD.finditer(phrase))


def words(text: str) -> list[Word]:
    """The words of ``text`` with their offsets and keys."""
    out = []
    for m in _WORD.finditer(text):
        low = m.group().lower()
        exact = squeeze(low)
        folded = exact if low.isascii() else squeeze(fold(low))
        out.append(Word(m.start(), m.end(), folded, exact, low))
    return out
