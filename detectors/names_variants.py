"""Diminutives and spelling variants of pupils' names, and the diacritic folding the roster matcher uses.

Two sources: the ``nicknames`` package (English given names and their diminutives, offline) and the
in-repo table ``detectors/data/names/variants.txt`` (Welsh, Scottish, Irish, Polish, Romanian,
Lithuanian, Arabic, Urdu/Punjabi, Somali, Bengali and Portuguese names, plus British forms the package
lacks). Everything is compared folded: lower case, diacritics removed, one character for one character,
so offsets in a folded text are offsets in the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

# Letters NFKD does not decompose into a base letter plus a mark.
_SPECIAL = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "s", "æ": "a",
            "Æ": "A", "œ": "o", "Œ": "O", "ħ": "h", "ŧ": "t"}
# Diminutives shorter than this from the package are dropped ("al", "ed" are words more than names).
_MIN_NICK = 3
# Forms the package lists as diminutives that are everyday English words long before they are anyone's name
# ("Day" for David: "Sports Day"; "Than" for Nathaniel; "Court" for Courtney), surnames and places. Found by
# listing the package's forms with a wordfreq Zipf frequency of 4.5 or more (about 30 per million words) and
# keeping those no family calls a child; the names among them (Tom, Ben, Will...) stay, with their own care.
_NOT_DIMINUTIVES = frozenset("one than see day life little left court win west experience field green fall kill "
                             "washington california link gay smith app wood van governor duty honor chat relief "
                             "pink ford jackson wilson".split())


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base and not unicodedata.combining(base) else ch


def fold(text: str) -> str:
    """``text`` with diacritics removed, same length: "Bartłomiej" → "Bartlomiej", "Siân" → "Sian"."""
    return text if text.isascii() else "".join(map(_fold_char, text))


def fold_name(name: str) -> str:
    """A name as the matcher compares it: folded, lower case, single spaces."""
    return " ".join(fold(name).lower().split())


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    """Each name of the in-repo table → every name of the groups it belongs to."""
    groups: dict[str, set[str]] = {}
    text = resources.files("detectors.data.names").joinpath("variants.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        group = {fold_name(w.replace("_", " ")) for w in line.split()}
        for name in group:
            groups.setdefault(name, set()).update(group)
    return {k: frozenset(v) for k, v in groups.items()}


def variant_names() -> dict[str, frozenset[str]]:
    """Every name of the in-repo table (folded, lower case), with its group."""
    return _table()


@lru_cache(maxsize=1)
def _nicknamer():
    try:
        from nicknames import NickNamer
    except ImportError:  # the package is a declared dependency; without it the table still works
        return None
    return NickNamer()


@lru_cache(maxsize=8192)
def name_variants(name: str) -> frozenset[str]:
    """Other forms a pupil called ``name`` may be written as (folded, lower case; ``name`` excluded)."""
    key = fold_name(name)
    out = set(_table().get(key, ()))
    namer = _nicknamer()
    if namer is not None and " " not in key:
        out |= {n for n in namer.nicknames_of(key)
                if len(n) >= _MIN_NICK and n.isalpha() and n not in _NOT_DIMINUTIVES}
    out.discard(key)
    return frozenset(out)
