"""Cheap, exact pre-checks and lookups for the named_child detector: same answers, less work per item."""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import IDX

# Every KIN_PHRASE match holds one of these (lower-cased ASCII text can be checked with ``in``).
_KIN_STEMS = ("son", "daughter", "boy", "girl", "lad", "twin", "kid", "child", "little", "baby", "niece",
              "nephew", "youngest", "eldest", "oldest", "middle", "bro", "sis", "merch", "mab", "lant", "wyr",
              "ferch", "fab", "crwt", "crot", "nith", "nai", "rawd", "putt", "dhee", "dhi", "dohti", "dohta", "zama",
              "kurrakam", "kurakam", "kchakam", "omo",
              "mrawd", "chwaer", "syn", "córka", "corka", "córecz", "coreczk", "wnu", "brata", "siostrz", "dc",
              "vnu", "neter", "fiul", "fiica", "fata", "feti", "ăiat", "aiat", "nepo", "sūn", "sun", "dukr", "anūk",
              "anuk", "filh", "neto", "neta", "sobrin", "hij", "niet", "beta", "beti", "bach", "pota", "poti",
              "nawas", "bhati", "bhanj", "chele", "meye", "nati", "chhor", "choro", "chori", "anak", "pamangkin",
              "apo", "bunso", "panganay", "wiil", "gabadh", "inank", "mhac", "nighean", "iníon", "inion", "ogha",
              "yute", "yout", "pickney", "pikni", "neice", "nefew", "neffew", "gran")


def may_hold_kin(text: str) -> bool:
    """False only when no KIN_PHRASE match can be in the text (exact for ASCII text; True otherwise)."""
    if not text.isascii():
        return True  # re.IGNORECASE folds some non-ASCII letters onto ASCII ones: let the pattern decide
    lowered = text.lower()
    return any(stem in lowered for stem in _KIN_STEMS)


class TokenAt:
    """The token that starts at a character offset, without building a Token for every word of the Doc."""

    __slots__ = ("doc", "starts")

    def __init__(self, doc) -> None:
        self.doc = doc
        self.starts: list[int] | None = None

    def get(self, idx: int):
        """The token starting at ``idx``, or None."""
        if self.starts is None:
            self.starts = self.doc.to_array(IDX).tolist() if len(self.doc) else []
        i = bisect_left(self.starts, idx)
        return self.doc[i] if i < len(self.starts) and self.starts[i] == idx else None
