"""Abuse in the languages of UK school communities besides English, from shipped lexicons.

Every lexicon term is tried on every item, since families switch language inside a comment ("ty debilu stop
posting"). A term is ``strong`` (an obscenity, a slur, an unambiguous insult or threat: it counts on its own)
or ``weak`` (an insult that is also an ordinary word, "kutta" is a dog): a weak term of language X counts only
when X is admitted (the item's identified language is X, the school lists X, or a word of X that addresses a
person stands near it) *and* it is aimed (such a word, or an English "you"/"ur", stands near it, or a capitalised
name stands right before it in a language the item admits: "Jonas debilas", as languages without a copula call
someone a name). ``weak-en``
terms are also common English words ("cu", "pedo"): they count only beside a cue of their own language, or in
an item identified as that language with a "you" near.

Matching is a dictionary lookup of each word, or run of up to :data:`MAX_PHRASE` words, in folded form
(:mod:`detectors.text_multilingual_fold`); a few stems ending in ``*`` match any ending. Time is linear in the text.
A word with letters hidden behind masks ("p*ta", "k*rwa") is first read as the one lexicon word of its length that
its visible letters spell, when there is exactly one (two visible letters at least).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from detectors.text_multilingual_cues import CUES, ENGLISH_CUES, WINDOW
from detectors.text_multilingual_fold import Word, exact_key, key, words

LEXICON_DIR = Path(__file__).resolve().parent / "data" / "lexicons"
COLLISIONS_FILE = "english_collisions.json"  # written by training/lexicons.py
STRENGTHS = ("strong", "weak", "weak-en")
CATEGORIES = ("insult", "obscenity", "hate", "threat")
STRONG_SCORE = 0.9  # an obscenity, slur, unambiguous insult or threat on its own
AIMED_SCORE = 0.8  # a weak term aimed at a person in a language the item admits
#: Words that negate the verb after them in the lexicons' languages (folded): Polish, Romanian, Spanish, Portuguese,
#: Lithuanian (written apart), Welsh, Urdu, Arabic.
NEGATIONS = frozenset("nie nu no nao ne dim ddim nahi nahin na mat la ma".split())
MAX_PHRASE = 6  # words in the longest lexicon phrase
MIN_STEM = 4  # letters of the shortest stem that takes any ending
MAX_CHARS = 5_000  # bounds the work per item; longer texts are read from their start
# A word with masks among its letters: "p*ta", "k*rwa", "sk*rv*n" (letters, then masks and letters)
_MASKED = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:[*#%]+[^\W\d_]*)+")
_MASK_CHARS = "*#%"
MIN_VISIBLE = 2  # visible letters a masked word needs to be read as a lexicon word
MAX_READINGS = 10_000  # masked words whose reading is kept (the lexicons are shared by every school)


@dataclass(frozen=True)
class LexiconHit:
    """One lexicon term found in a text: its offsets in the text, language, category and score."""

    start: int
    end: int
    language: str
    category: str
    score: float
    term_shown: str


@dataclass(frozen=True)
class _Entry:
    language: str
    category: str
    strength: str
    term: str


def _shown(entry: _Entry) -> str:
    """The term as an explanation may show it: threats and phrases in full, a single word masked."""
    if entry.category == "threat" or " " in entry.term:
        return entry.term
    return entry.term[:1] + "*" * max(len(entry.term) - 1, 1)


def read_lexicon_file(path: Path) -> list[tuple[str, str, str]]:
    """The (strength, category, term) lines of one lexicon file; '#' starts a comment line."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        strength, category, term = line.split(maxsplit=2)
        if strength not in STRENGTHS or category not in CATEGORIES:
            raise ValueError(f"{path.name}:{number}: unknown strength or category")
        out.append((strength, category, term.strip()))
    return out


def lexicon_language(path: Path) -> str:
    """The language of a lexicon file, from its name: ``<source>_<language>.txt``."""
    return path.stem.rsplit("_", 1)[-1]


class MultilingualAbuse:
    """Finds abusive terms of the shipped non-English lexicons in a text."""

    def __init__(self, terms: Iterable[tuple[str, str, str, str]], english_collisions: Iterable[str] = ()) -> None:
        """Index ``(language, strength, category, term)`` tuples; use :meth:`load` for the shipped lexicons.

        ``english_collisions`` are English words that only fold or squeeze into a term ("fodder" into
        "foder", "land" into "landd"): written so, they are never read as that term.
        """
        self._collisions = frozenset(w.lower() for w in english_collisions)
        self._exact: dict[str, list[_Entry]] = {}
        self._folded: dict[str, list[_Entry]] = {}
        self._stems: dict[str, list[_Entry]] = {}
        self.languages: set[str] = set()
        self.counts: dict[tuple[str, str], int] = {}
        for language, strength, category, term in terms:
            entry = _Entry(language, category, strength, term.rstrip("*"))
            self.languages.add(language)
            self.counts[language, strength] = self.counts.get((language, strength), 0) + 1
            if term.endswith("*"):
                stem = key(entry.term)
                if len(stem) < MIN_STEM or " " in stem:
                    raise ValueError(f"stem too short or not one word: {term!r}")
                self._stems.setdefault(stem, []).append(entry)
                continue
            self._exact.setdefault(exact_key(entry.term), []).append(entry)
            self._folded.setdefault(key(entry.term), []).append(entry)
        self._heads = {s[:MIN_STEM] for s in self._stems}
        self._readings: dict[str, str | None] = {}  # masked word -> its one reading (or None), read once
        self._by_length: dict[int, list[str]] = {}  # one-word terms by length: the candidates of a masked word
        for term in sorted({k for k in self._folded if " " not in k}):
            self._by_length.setdefault(len(term), []).append(term)
        self._firsts = {k.split(" ", 1)[0] for k in self._folded} | {k.split(" ", 1)[0] for k in self._exact}

    @classmethod
    def load(cls, directory: Path = LEXICON_DIR) -> MultilingualAbuse:
        """The shipped lexicons (every ``*.txt`` of ``detectors/data/lexicons``), read once per directory."""
        return _load(directory)

    def find(self, text: str, language: str, school_languages: Iterable[str]) -> list[LexiconHit]:
        """The abusive terms found in ``text``: strong ones anywhere, weak ones when admitted and aimed.

        ``language`` is the item's identified language ("und" when unknown); ``school_languages`` the
        languages the school says its community writes in.
        """
        text = self._unmasked(text[:MAX_CHARS])
        ws = words(text)
        firsts, heads = self._firsts, self._heads
        candidates = [i for i, w in enumerate(ws) if w.key in firsts or w.exact in firsts or w.key[:MIN_STEM] in heads]
        if not candidates:
            return []
        school = frozenset(school_languages)
        hits: list[LexiconHit] = []
        covered = -1
        for i in candidates:
            if i <= covered:
                continue
            found = self._match_at(ws, i)
            if found is None:
                continue
            end, entries = found
            named = i > 0 and text[ws[i - 1].start].isupper() and ws[i].start - ws[i - 1].end <= 2
            hit = self._judge(ws, i, end, entries, language, school, named)
            if hit is not None:
                hits.append(hit)
                covered = end - 1
        return hits

    def _unmasked(self, text: str) -> str:
        """``text`` with each masked word that spells exactly one lexicon word of its length written as that word."""
        if not any(ch in text for ch in _MASK_CHARS):
            return text
        parts, last = [], 0
        for m in _MASKED.finditer(text):
            reading = self._reading(m.group().lower())
            if reading is not None:
                parts += [text[last:m.start()], reading]
                last = m.end()
        return "".join(parts) + text[last:] if parts else text

    def _reading(self, word: str) -> str | None:
        """The one lexicon word of ``word``'s length its visible letters spell, or None (each word read once)."""
        if word in self._readings:
            return self._readings[word]
        found = []
        if sum(ch not in _MASK_CHARS for ch in word) >= MIN_VISIBLE:
            shape = re.compile("".join("." if ch in _MASK_CHARS else re.escape(ch) for ch in word))
            found = [t for t in self._by_length.get(len(word), ()) if shape.fullmatch(t)]
        reading = found[0] if len(found) == 1 else None
        if len(self._readings) < MAX_READINGS:
            self._readings[word] = reading
        return reading

    def _match_at(self, ws: list[Word], i: int) -> tuple[int, list[_Entry]] | None:
        """The longest term starting at word ``i``: the index after its last word and its entries."""
        alone = ws[i].raw not in self._collisions
        for n in range(min(MAX_PHRASE, len(ws) - i), 0 if alone else 1, -1):
            part = ws[i:i + n]
            exact = self._exact.get(" ".join(w.exact for w in part))
            if exact is None:
                exact = self._folded.get(" ".join(w.key for w in part))
            if exact is not None:
                return i + n, exact
        stem_key = ws[i].key if alone else ""
        for size in range(len(stem_key), MIN_STEM - 1, -1):
            if (entries := self._stems.get(stem_key[:size])) is not None:
                return i + 1, entries
        return None

    def _judge(self, ws: list[Word], i: int, end: int, entries: list[_Entry], language: str,
               school: frozenset[str], named: bool = False) -> LexiconHit | None:
        """The hit the best of ``entries`` makes at words ``i``..``end``, or None when none counts.

        ``named``: a capitalised word stands right before the term ("Jonas debilas").
        """
        start, stop = ws[i].start, ws[end - 1].end
        if i > 0 and ws[i - 1].key in NEGATIONS and all(e.category == "threat" for e in entries):
            return None  # "nie wiem gdzie mieszkasz", "não sei onde moras": not knowing is no threat
        for entry in entries:
            if entry.strength == "strong":
                return LexiconHit(start, stop, entry.language, entry.category, STRONG_SCORE, _shown(entry))
        near = ws[max(0, i - WINDOW):i] + ws[end:end + WINDOW]
        english = any(w.key in ENGLISH_CUES for w in near)
        for entry in entries:
            cues = CUES.get(entry.language, frozenset())
            native = any(w.key in cues or w.exact in cues for w in near)
            if entry.strength == "weak-en":
                counts = native or (language == entry.language and english)
            else:
                counts = native or ((english or named) and (language == entry.language or entry.language in school))
            if counts:
                return LexiconHit(start, stop, entry.language, entry.category, AIMED_SCORE, _shown(entry))
        return None


@cache
def _load(directory: Path) -> MultilingualAbuse:
    terms = []
    for path in sorted(directory.glob("*.txt")):
        language = lexicon_language(path)
        terms.extend((language, s, c, t) for s, c, t in read_lexicon_file(path))
    collisions = directory / COLLISIONS_FILE
    return MultilingualAbuse(terms, json.loads(collisions.read_text()) if collisions.exists() else ())
