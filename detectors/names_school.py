"""What the named_child detector compiles from the school once: roster, staff, classes, houses, misspellings."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA

from detectors.base import Pupil, SchoolContext
from detectors.names_lexicon import COMMON_WORD_NAMES
from detectors.names_roster import RosterIndex
from detectors.names_variants import fold, fold_name

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")  # "Kaviya's": the name without its possessive
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+(?:['’-][^\W\d_]+)?)\.?(?!\w)")
# Diminutive endings across the community languages: Slovak/Czech "Samko", Polish "Zuzia", "Kasieńka",
# English "Gracie", Romanian "Ștefi", Portuguese "Joãozinho", Spanish "Juanito", Welsh "Macs".
_DIMINUTIVE_ENDINGS = ("", "s", "y", "ie", "i", "ey", "a", "o", "ko", "ka", "ek", "ia", "ek", "cia", "sia", "us",
                       "uś", "ito", "ita", "inho", "inha", "zinho", "zinha", "ica", "uca", "ita", "ushka", "ik",
                       "ka", "ke", "ku", "ich", "ca", "ca", "ce")
_MIN_STEM = 3
_ENDINGS = frozenset(e for e in _DIMINUTIVE_ENDINGS if e)
_LONGEST_ENDING = max(map(len, _ENDINGS))
# One edit for a name of 5 to 7 letters, two from 8 ("Aleksandra" written "Alexandra"); shorter names none.
_MIN_FUZZY = 5


def edits_allowed(name: str) -> int:
    """How many edits (insert, delete, substitute, swap two letters) a misspelling of ``name`` may have."""
    return 0 if len(name) < _MIN_FUZZY else 1 if len(name) < 8 else 2


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Ordinary English words (detectors/data/names/english_words.txt): never read as a misspelt name."""
    text = resources.files("detectors.data.names").joinpath("english_words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#"))


@lru_cache(maxsize=1)
def world_names() -> frozenset[str]:
    """Given names of many languages, lower case, as each writes them.

    From detectors/data/names/world_given_names.txt, made by ``training/names_world.py`` from Faker's locales: a
    lower-case word in a child's place is read as a name when it is one of these ("my nephew kai", "vanya in
    reception"); everyday English words are not in it.
    """
    text = resources.files("detectors.data.names").joinpath("world_given_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_GROUP_WORDS = frozenset("class dosbarth form house ty tŷ room group team set year".split())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names known in their own right (the nicknames package, the variants table): "Alice" is not "Ali"+"ce"."""
    from detectors.names_variants import _table

    try:
        from nicknames import name_triplets
    except ImportError:  # a declared dependency; without it the table still works
        return frozenset(_table())
    triplets = name_triplets()
    return frozenset({t.name1 for t in triplets} | {t.name2 for t in triplets} | set(_table()))


class GroupNames:
    """The school's class and house names (``school.classes``, ``school.houses``), matched as whole words."""

    def __init__(self, classes: tuple[str, ...], houses: tuple[str, ...]) -> None:
        full = {fold_name(n) for n in (*classes, *houses) if n.strip()}
        # "Dosbarth Derwen", "Class Robins", "Tŷ Snowdon": written as "Derwen", "Robins", "Snowdon" too
        short = {n.split(" ", 1)[1] for n in full if " " in n and n.split(" ", 1)[0] in _GROUP_WORDS
                 and not n.split(" ", 1)[1].isdigit()}
        names = sorted(full | short, key=len, reverse=True)
        self.names = frozenset(names)
        alternatives = "|".join(r"[\s-]+".join(map(re.escape, n.split())) for n in names)
        self.regex = re.compile(rf"(?<![\w@#])(?:{alternatives})s?(?!\w)", re.I) if names else None

    def is_group(self, span: str) -> bool:
        """Whether ``span`` is itself a class or house name ("Snowdon won the cup" names no child)."""
        key = fold_name(span)
        return key in self.names or key.rstrip("s") in self.names

    def near(self, text: str, start: int, end: int, window: int = 25) -> bool:
        """Whether a class or house name is within ``window`` characters of ``text[start:end]``, not in it."""
        if self.regex is None:
            return False
        lo = max(0, start - window)
        folded = fold(text[lo:end + window])
        return any(m.end() + lo <= start or m.start() + lo >= end for m in self.regex.finditer(folded))


class Misspellings:
    """Near misses of roster first and preferred names: "Jaden" for "Jayden", "Alexandra" for "Aleksandra".

    Only names of five letters or more, only a word starting with the same letter, never an ordinary English
    word ("Hurry" is not "Harry") nor a form the roster matcher already knows.
    """

    def __init__(self, roster: tuple[Pupil, ...], known_forms) -> None:
        names: dict[str, set[Pupil]] = {}
        for p in roster:
            for n in {fold_name(p.first_name), fold_name(p.preferred_name or p.first_name)}:
                if edits_allowed(n) and " " not in n:
                    names.setdefault(n, set()).add(p)
        self.names = {n: tuple(sorted(ps, key=lambda p: p.ref)) for n, ps in names.items()}
        # Stems: every prefix of 3 letters or more of a first name of 5 letters or more, and the name itself.
        self.stems: dict[str, set[Pupil]] = {}
        for n, ps in self.names.items():
            for k in range(_MIN_STEM, len(n) + 1):
                self.stems.setdefault(n[:k], set()).update(ps)
        self.choices = list(self.names)
        self.by_letter: dict[str, list[str]] = {}  # a misspelling keeps the first letter: compare only those
        for n in self.choices:
            self.by_letter.setdefault(n[0], []).append(n)
        self.known = frozenset(known_forms)
        self.lengths = frozenset(len(n) + d for n in self.names for d in (-2, -1, 0, 1, 2))  # lengths worth comparing

    def find(self, text: str) -> list[tuple[int, int, tuple[Pupil, ...], str]]:
        """(start, end, pupils, kind) of each misspelt or diminutive roster name in ``text``.

        ``kind`` is "misspelling" or "diminutive" (a stem of the name and a diminutive ending: "Samko" for
        "Samuel", "Zuzia" for "Zuzanna", "Moha" for "Mohamed").
        """
        if not self.choices and not self.stems:
            return []
        out, words = [], english_words()
        for m in _WORD.finditer(fold(text)):
            w = m.group().lower()
            if len(w) < _MIN_STEM + 1 or w in self.known or w in words or w in COMMON_WORD_NAMES \
                    or (w.endswith("s") and w[:-1] in self.names):
                continue  # "three Matildas and two Queen Esthers": a whole name made plural is a costume
                # (a possessive without its apostrophe, "matildas mum", is read by names_uncased)
            small = () if w in given_names() else self._diminutive(w)
            if small:
                out.append((m.start(), m.end(), small, "diminutive"))
                continue
            if len(w) < _MIN_FUZZY - 1 or len(w) not in self.lengths \
                    or w in given_names():
                continue  # "Lois" is a name of its own, not a misspelt "Louis"
            best = None
            same_letter = self.by_letter.get(w[0], ())
            for name, dist, _ in process.extract(w, same_letter, scorer=OSA.distance, score_cutoff=2, limit=5):
                if dist <= edits_allowed(name) and (best is None or dist < best[1]):
                    best = (name, dist)
            if best is not None:
                pupils = self.names[best[0]]
                out.append((m.start(), self._surname_end(text, m.end(), pupils), pupils, "misspelling"))
        return out

    def _diminutive(self, word: str) -> tuple[Pupil, ...]:
        """The pupils whose first name ``word`` shortens, with or without a diminutive ending."""
        found: set[Pupil] = set()
        for k in range(0, min(_LONGEST_ENDING, len(word) - _MIN_STEM) + 1):
            if k == 0 or word[-k:] in _ENDINGS:
                found.update(self.stems.get(word[:len(word) - k], ()))
        return tuple(sorted(found, key=lambda p: p.ref))

    @staticmethod
    def _surname_end(text: str, end: int, pupils: tuple[Pupil, ...]) -> int:
        """Where the name ends: after the pupil's surname or its initial when one follows ("Autum S")."""
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            return end
        word = fold_name(nxt.group(1))
        for p in pupils:
            last = fold_name(p.last_name)
            if last and (word == last or (len(word) == 1 and word == last[0] and nxt.group(1).isupper())
                         or (len(last) >= _MIN_FUZZY and OSA.distance(word, last) <= 1)):
                return nxt.end()
        return end


class SchoolNames:
    """The roster index, the class and house names and the misspelling finder of one school."""

    def __init__(self, school: SchoolContext) -> None:
        self.index = RosterIndex(school.roster, school.staff)
        self.groups = GroupNames(school.classes, school.houses)
        self.fuzzy = Misspellings(school.roster, self.index.forms)

    def misspellings(self, text: str) -> list[tuple[int, int, tuple[Pupil, ...], str]]:
        """Misspelt and diminutive roster first names in ``text``."""
        return self.fuzzy.find(text)
