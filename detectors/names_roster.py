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


def _word_char(ch: str) -> bool:
    """A word character as Python's regular expressions read one: a letter or digit of any script, or "_"."""
    return ch.isalnum() or ch == "_"


def _after_separators(text: str, pos: int) -> int:
    """The position after the spaces, hyphens, full stops and apostrophes at ``pos``."""
    while pos < len(text) and (text[pos].isspace() or text[pos] in "-.'’"):
        pos += 1
    return pos


def _match_form(text: str, pos: int, words: tuple[str, ...]) -> int:
    """Where the roster form ``words`` (lower case) ends when it is written at ``pos`` of ``text``, or -1.

    The words are joined by spaces or hyphens ("mary-jane",
    "mary jane", "Mary - Jane"); a form whose first word is one letter also takes a full stop after it ("K. Nowak",
    "K.Nowak", "k nowak"). The form ends where no letter, digit, ``@`` or ``.`` and a letter follows: "Dylan R's"
    is a form, "Dylan Rhodes" and "K.R.S" are not.
    """
    n = len(text)
    for k, word in enumerate(words):
        if k:
            start = pos
            if k == 1 and len(words[0]) == 1 and pos < n and text[pos] == ".":
                pos += 1
                while pos < n and text[pos].isspace():
                    pos += 1
            else:
                while pos < n and (text[pos].isspace() or (text[pos] == "-" and not (k == 1 and len(words[0]) == 1))):
                    pos += 1
                if pos == start:
                    return -1
        if text[pos:pos + len(word)].lower() != word:
            return -1
        pos += len(word)
    if pos < n and (_word_char(text[pos]) or text[pos] == "@" or (
            text[pos] == "." and pos + 1 < n and _word_char(text[pos + 1]))):
        return -1
    return pos


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
        # Each word that starts a roster form -> the word after it -> the forms, longest first (None: the forms of
        # one word). At each word of a text only the forms its next word allows are tried, the longest written
        # there wins: a text repeating a first name that 300 pupils share tries a few forms each time, not 600.
        self.starts: dict[str, dict[str | None, list[tuple[int, tuple[str, ...]]]]] = defaultdict(
            lambda: defaultdict(list))
        for order, form in enumerate(sorted(self.forms, key=len, reverse=True)):
            chunks = _WORD_SPLIT.split(form)
            self.starts[chunks[0]][chunks[1] if len(chunks) > 1 else None].append((order, tuple(form.split(" "))))
        self.starts = {w: dict(by_next) for w, by_next in self.starts.items()}
        self.first_words = frozenset(self.starts)
        self._ordered: dict[int, tuple[Pupil, ...]] = {}  # id of a set of self.forms -> its pupils by reference
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
            first = word.group().lower()
            if word.start() < end or first not in self.first_words:
                continue
            at = word.start()
            if at and (_word_char(text[at - 1]) or text[at - 1] in "@#/."):
                continue  # inside a handle, a hashtag, an address or a word: "@amelia", "#amelia", "x.amelia"
            by_next = self.starts[first]
            following = _WORD.match(text, _after_separators(text, word.end()))
            forms = by_next.get(None, [])
            if following and (longer := by_next.get(following.group().lower())):
                forms = sorted(forms + longer)
            stop = next((e for e in (_match_form(text, at, f) for _, f in forms) if e >= 0), -1)
            if stop < 0:
                continue
            end, written = stop, text[at:stop]
            key = " ".join(w for w in re.split(r"[\s.-]+", written.lower()) if w)
            entry = self.forms.get(key) or self.forms.get(written.lower())
            if entry is None:
                continue
            form = next(f for f in FORMS if f in entry)
            out.append(RosterMatch(at, stop, form, self._by_ref(entry[form]),
                                   re.split(r"[\s-]+", written.lower())[0]))
        return out

    def _by_ref(self, pupils: set[Pupil]) -> tuple[Pupil, ...]:
        """A set of :attr:`forms` in the order of the pupils' references, sorted once (a name may recur often)."""
        ordered = self._ordered.get(id(pupils))
        if ordered is None:
            ordered = self._ordered[id(pupils)] = tuple(sorted(pupils, key=lambda p: p.ref))
        return ordered

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
