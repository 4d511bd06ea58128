"""Evasions: invisible, bidirectional, fullwidth, mathematical and look-alike characters hide nothing.

Every case runs through the real engine (real spaCy, real Presidio) on the invented Oakfield school:
a clean text must give its label, the same text with one evasion applied to its evidence must give
the same label, and the finding's span, applied to the evasive text the user wrote, must be the
clean evidence with the same evasion applied (invisible characters inside it included).
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.engine import DetectorEngine

ZWSP, ZWNJ, ZWJ, WJ, SHY, BOM = "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"
LRM, RLM, RLO, LRO, PDF, RLI, PDI = "\u200e", "\u200f", "\u202e", "\u202d", "\u202c", "\u2067", "\u2069"
INVISIBLE_EDGES = ZWSP + ZWNJ + ZWJ + WJ + SHY + BOM + LRM + RLM + RLO + LRO + PDF + RLI + PDI
CYRILLIC = str.maketrans("aeopcixyAEOPCHKMTB", "аеорсіхуАЕОРСНКМТВ")


def _insert(mark: str):
    """Put ``mark`` after every second character of the evidence."""
    return lambda s: "".join(c + mark if i % 2 == 1 else c for i, c in enumerate(s)).rstrip(mark)


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def _math_bold(s: str) -> str:
    def one(c: str) -> str:
        if "a" <= c <= "z":
            return chr(0x1D41A + ord(c) - ord("a"))
        if "A" <= c <= "Z":
            return chr(0x1D400 + ord(c) - ord("A"))
        if "0" <= c <= "9":
            return chr(0x1D7CE + ord(c) - ord("0"))
        return c
    return "".join(map(one, s))


EVASIONS = {
    "zero-width space": _insert(ZWSP),
    "zero-width joiner": _insert(ZWJ),
    "zero-width non-joiner": _insert(ZWNJ),
    "soft hyphen": _insert(SHY),
    "word joiner": _insert(WJ),
    "byte order mark": _insert(BOM),
    "left-to-right mark": _insert(LRM),
    "right-to-left isolate": lambda s: s[:2] + RLI + s[2:4] + PDI + s[4:],
    "right-to-left override, reversed": lambda s: RLO + s[::-1] + PDF,
    "right-to-left override inside": lambda s: s[:2] + RLO + s[2] + PDF + s[3:],
    "fullwidth": _fullwidth,
    "mathematical bold": _math_bold,
    "Cyrillic look-alikes": lambda s: s.translate(CYRILLIC),
}

# (label, clean text, its evidence, photo attached)
CASES = [
    ("named_child", "Well done to Freya Sutton for her lovely poem!", "Freya Sutton", True),
    ("unsafe_link", "all the photos are at bit.ly/3xAmpLe now", "bit.ly/3xAmpLe", False),
    ("personal_data", "my mobile is now 07700 900 672 if you need me", "07700 900 672", False),
    ("personal_data", "drop me a line at jo.bloggs@example.com today", "jo.bloggs@example.com", False),
    ("abuse", "honestly you are a complete idiot", "idiot", False),
]

# Evasions that change nothing in some evidence (look-alikes of digits) are left out of the table.
TABLE = [
    pytest.param(label, text, evidence, photo, how, id=f"{label}-{evidence}-{how}")
    for label, text, evidence, photo in CASES
    for how, evade in EVASIONS.items()
    if evade(evidence) != evidence
]


@pytest.fixture(scope="module")
def engine(oakfield_school, nlp):
    return DetectorEngine(oakfield_school, nlp=nlp)


def _analyse(engine, text: str, photo: bool) -> list:
    item = Item("facebook", "e1", "post" if photo else "comment", photo, text, media=("photo",) if photo else ())
    result = engine.analyze([item])[0]
    assert result.skipped is None
    return result.findings


def _evidence(text: str, finding) -> str:
    return text[finding.start:finding.end]


@pytest.mark.parametrize("label, text, evidence, photo, how", TABLE)
def test_evasion_is_caught_and_its_span_points_at_what_the_user_wrote(engine, label, text, evidence, photo, how):
    clean = [f for f in _analyse(engine, text, photo) if f.label == label]
    assert clean, f"the clean text must be a {label} breach for this case to mean anything"
    clean_span = next(_evidence(text, f) for f in clean if evidence in _evidence(text, f) or
                      _evidence(text, f) in evidence)
    evaded = EVASIONS[how](evidence)
    evasive = text.replace(evidence, evaded)
    found = [f for f in _analyse(engine, evasive, photo) if f.label == label]
    assert found, f"{how} hid the {label} breach"
    spans = [_evidence(evasive, f) for f in found]
    if evidence in clean_span:  # the span covers the evidence: it must cover the evaded evidence the same way
        assert clean_span.replace(evidence, evaded).strip(INVISIBLE_EDGES) in spans
    else:  # the detector reports part of the evidence ("Freya"): the span lies on the evaded evidence
        start = evasive.index(evaded)
        assert any(f.start < start + len(evaded) and f.end > start for f in found), spans


@pytest.mark.parametrize("label, text, photo", [
    ("named_child", "Well done to Fr\u200beya Sut\u00adton and her class!", True),
    ("unsafe_link", "see h\u200bttps://bit\u200b.\u200bly/3xAmpLe", False),
    ("personal_data", "07700\u200b900\u200b672 is my number", False),
    ("abuse", "you are an \u202etoidi\u202c and a l\u200bo\u200bs\u200be\u200br", False),
    ("abuse", "ｙｏｕ ａｒｅ ａｎ ｉｄｉｏｔ", False),
    ("abuse", "you are an 𝒾𝒹𝒾𝑜𝓉", False),
])
def test_each_evasion_from_the_issue_is_caught(engine, label, text, photo):
    assert label in {f.label for f in _analyse(engine, text, photo)}


@pytest.mark.parametrize("text", [
    "Diolch yn fawr iawn i bawb, roedd y sioe yn wych! Llongyfarchiadau i Ŵyn a'r tîm",
    "Dziękujemy za wspaniały dzień sportu, zażółć gęślą jaźń",
    "Привет всем, отличный концерт",
    "Καλή χρονιά σε όλους",
    "Our coffee morning raised £250 – thank you all ☕️👍🏽",
])
def test_ordinary_text_in_other_languages_is_not_a_breach(engine, text):
    assert _analyse(engine, text, False) == []
