"""The school's roster and staff list as one compiled lookup, built once in ``load``."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from detectors.base import Pupil
from detectors.names_lexicon import NICKNAMES, TITLES
from detectors.names_variants import fold, fold_name, name_variants

# Roster name forms, strongest first. SURNAME ("K. Nowak") is an initial and a surname.
FULL, INITIAL, FIRST, NICK, SURNAME = "full_name", "first_name_and_initial", "first_name", "nickname", \
    "initial_and_surname"
FORMS = (FULL, INITIAL, FIRST, NICK, SURNAME)


@dataclass(frozen=True)
class RosterMatch:
    """One roster name form found in a text."""

    start: int
    end: int
    form: str
    pupils: tuple[Pupil, ...]
    first_token: str  # lower-case first word as written, for the common-word check


_WORD = re.compile(r"[^\W_]+")
_WORD_SPLIT = re.compile(r"[^\w]+|_")


def _variants(name: str) -> set[str]:
    name = fold_name(name)
    out = {name}
    if "-" in name:
        out.add(name.replace("-", " "))
    return out


def _alternative(form: str) -> str:
    """The regex for one roster form: words joined by spaces or hyphens; "k nowak" also as "K. Nowak"."""
    words = [re.escape(w) for w in form.split(" ")]
    if len(words) > 1 and len(form.split(" ")[0]) == 1:
        return words[0] + r"(?:\.\s*|\s+)" + r"[\s-]+".join(words[1:])
    return r"[\s-]+".join(words)


class RosterIndex:
    """Every roster pupil's full names, first/preferred names, initials and nicknames; and staff names."""

    def __init__(self, roster: tuple[Pupil, ...], staff: tuple[str, ...]) -> None:
        forms: dict[str, dict[str, set[Pupil]]] = defaultdict(lambda: defaultdict(set))
        for p in roster:
            firsts = _variants(p.first_name) | _variants(p.preferred_name or p.first_name)
            nicks = {n for f in firsts for n in (*NICKNAMES.get(f, ()), *name_variants(f))} - firsts
            last = fold_name(p.last_name)
            for f in firsts | nicks:
                if last:
                    for lv in _variants(last):
                        forms[f"{f} {lv}"][FULL].add(p)
                    forms[f"{f} {last[0]}"][INITIAL].add(p)
            if last:
                for f in firsts:
                    for lv in _variants(last):
                        forms[f"{f[0]} {lv}"][SURNAME].add(p)
            for f in firsts:
                forms[f][FIRST].add(p)
            for n in nicks:
                forms[n][NICK].add(p)
        self.forms = {k: dict(v) for k, v in forms.items()}
        # Each roster surname (folded, lower case) -> its pupils: "kemp was class captain", "the Nowak boy"
        surnames: dict[str, set[Pupil]] = defaultdict(set)
        for p in roster:
            for lv in _variants(p.last_name) if p.last_name else ():
                surnames[lv].add(p)
        self.surnames = {k: tuple(sorted(v, key=lambda p: p.ref)) for k, v in surnames.items()}
        alternatives = sorted(self.forms, key=len, reverse=True)
        pattern = "|".join(map(_alternative, alternatives)) or r"(?!x)x"
        # A single initial must not run on into a word ("Dylan R's" yes, "Dylan Rhodes" is the full form).
        self.regex = re.compile(rf"(?<![\w@#/.])(?:{pattern})(?![\w@]|\.\w)", re.I)
        # The big alternation is tried only where a word that starts some roster form begins: Python's
        # ``re`` would otherwise try every alternative at every character of every text.
        self.first_words = frozenset(_WORD_SPLIT.split(k)[0] for k in self.forms)
        self.staff_full: set[str] = set()
        self.staff_parts: set[str] = set()
        self.staff_given: set[str] = set()  # words staff go by without a title: "Joy" of "Joy Bevan", "Bev"
        for s in staff:
            raw = re.findall(r"[\w'-]+", s.lower())
            words = [w for w in raw if w not in TITLES]
            if words:
                self.staff_full.add(" ".join(words))
                self.staff_parts.update(words)
                if len(words) > 1 or len(words) == len(raw):
                    self.staff_given.add(words[0])

    def find(self, text: str) -> list[RosterMatch]:
        """Roster name forms in the text, longest first at each position, never overlapping.

        The text is folded first (same length), so "Bartlomiej" finds a roster "Bartłomiej" and back.
        """
        text = fold(text)
        out: list[RosterMatch] = []
        words = _WORD.findall(text.lower()) if text.isascii() else map(str.lower, _WORD.findall(text))
        if self.first_words.isdisjoint(words):
            return out  # most texts hold no word that starts a roster name
        end = 0
        for word in _WORD.finditer(text):
            if word.start() < end or word.group().lower() not in self.first_words:
                continue
            m = self.regex.match(text, word.start())
            if m is None:
                continue
            end = m.end()
            key = " ".join(w for w in re.split(r"[\s.-]+", m.group().lower()) if w)
            entry = self.forms.get(key) or self.forms.get(m.group().lower())
            if entry is None:
                continue
            form = next(f for f in FORMS if f in entry)
            out.append(RosterMatch(m.start(), m.end(), form, tuple(sorted(entry[form], key=lambda p: p.ref)),
                                   re.split(r"[\s-]+", m.group().lower())[0]))
        return out

    def is_staff(self, name: str, pupil_name: bool = False) -> bool:
        """Whether a name (without title) is a staff member's full name or surname.

        A single word that is also a roster pupil's name (``pupil_name``) counts only when staff go by
        it untitled ("Joy" of "Joy Bevan"): staff known as "Mr Stanley" are never called plain
        "Stanley", so a bare "Stanley" is the pupil.
        """
        words = [w for w in re.findall(r"[\w'-]+", name.lower()) if w not in TITLES]
        if not words:
            return False
        if len(words) == 1:
            return words[0] in (self.staff_given if pupil_name else self.staff_parts)
        return " ".join(words) in self.staff_full
