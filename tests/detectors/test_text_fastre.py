"""text_fastre: gated patterns find a match exactly when re.search does."""

from __future__ import annotations

import re

import pytest

from detectors.text_fastre import compile_fast, required_literals

PATTERNS = [
    r"\bfor\s+sale\b|\b(?:ono|o\.n\.o)\b",
    r"(?:£|\$|€)\s?\d+\s?(?:each|per)\b|\d+\s?(?:quid|pounds)\b",
    r"\b(?:you|u|so)\s+(?:a\s+)?ga+y+\b",
    r"\bsu[bcs]{1,3}c?ri+b+e*\b|\bsub\s+(?:to|4)\b",
    r"(?:^|[.!?]\s*)selling\s+\w",
    r"(?i)\bfree\b",                                   # case-insensitive: no gate
]
TEXTS = ["bike for sale", "ono", "£5 each", "5 quid each", "ur so gaaay", "subscribeee", "sub 4 sub",
         "Yes. selling a bike", "FREE stuff", "nothing here", "transfor sale", "gay pride", ""]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_gated_search_agrees_with_re(pattern, text):
    assert (compile_fast(pattern).search(text) is not None) is (re.search(pattern, text) is not None)


@pytest.mark.parametrize("pattern, gate", [
    (r"\bfor\s+sale\b", {"sale"}),
    (r"(?:kill|hang)\s+yourself", {"yourself"}),
    (r"ga+y+", {"ga", "ay"}),
    (r"(?i)free", None),
    (r"\w+", None),
])
def test_required_literals(pattern, gate):
    found = required_literals(pattern)
    assert (found is None) if gate is None else (found is not None and found <= gate | {"ga", "ay"}
                                                  and found & gate)
