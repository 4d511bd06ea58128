"""Look-alike names of a domain label, generated rather than listed by hand.

``variants("parentpay")`` returns the names a phisher registers to imitate it: one letter
left out, doubled or swapped with its neighbour, a hyphen put in, a letter added at the end,
and one character replaced by a look-alike from the Unicode confusables table
(``confusable_homoglyphs``: Cyrillic "а" for "a", "1" for "l", "rn" for "m"). Short names
(UCAS, HMRC, NHS) get only the changes that keep them recognisable (look-alikes, doubling,
swaps, hyphens), because dropping a letter from a three- or four-letter name makes
ordinary words.
"""

from __future__ import annotations

import string
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

_LETTERS = string.ascii_lowercase
_ASCII_LOOKALIKES = {"o": ("0",), "l": ("1", "i"), "i": ("1", "l"), "m": ("rn",), "w": ("vv",), "d": ("cl",),
                     "s": ("5",), "e": ("3",), "a": ("4",), "g": ("9", "q"), "b": ("6",), "z": ("2",)}
_SCRIPTS = ("LATIN SMALL", "CYRILLIC SMALL", "GREEK SMALL")


@lru_cache(maxsize=64)
def homoglyphs(char: str) -> tuple[str, ...]:
    """Characters (or pairs) that can stand for ``char`` in a host name."""
    found = list(_ASCII_LOOKALIKES.get(char, ()))
    for entry in confusables.confusables_data.get(char, []):
        c = entry["c"].strip("\u200e")
        if c == char:
            continue
        if c.isascii() and c.isalnum() and (c.islower() or c.isdigit()) and len(c) <= 2:
            found.append(c)
        elif len(c) == 1 and unicodedata.name(c, "").startswith(_SCRIPTS):
            found.append(c)
    return tuple(dict.fromkeys(found))


def variants(label: str) -> set[str]:
    """Look-alike spellings of one domain label (the label itself excluded)."""
    out: set[str] = set()
    n = len(label)
    if n < 3:
        return out
    for i, ch in enumerate(label):
        out.add(label[:i] + ch + label[i:])  # a doubled letter
        for h in homoglyphs(ch):
            out.add(label[:i] + h + label[i + 1:])
        if i + 1 < n and n >= 4:
            out.add(label[:i] + label[i + 1] + label[i] + label[i + 2:])  # neighbours swapped
        if 0 < i and n >= 4:
            out.add(label[:i] + "-" + label[i:])  # a hyphen put in
        if n >= 6:
            out.add(label[:i] + label[i + 1:])  # a letter left out (long names only)
    if n >= 5:
        out.update(label + c for c in _LETTERS)
    out.discard(label)
    return {v for v in out if not v.startswith("-") and not v.endswith("-")}
