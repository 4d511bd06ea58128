"""text_normalize: the spellings people use to dodge filters are undone, offsets kept."""

from __future__ import annotations

import re

import pytest

from detectors.text_normalize import normalize, word_pattern


@pytest.mark.parametrize("written, read", [
    ("Іdіоt", "idiot"),                   # Cyrillic І, і, о
    ("ＳＴＵＰＩＤ", "stupid"),            # fullwidth
    ("𝐟𝐮𝐜𝐤", "fuck"),                    # mathematical bold
    ("th\u200bief", "thief"),             # zero-width space
    ("sh\u00adit", "shit"),               # soft hyphen
    ("1d10t", "idiot"),                   # leetspeak
    ("a$$", "ass"),                       # symbols for letters
    ("w.a.n.k.e.r", "wanker"),            # spelt out with dots
    ("f u c k", "fuck"),                  # spelt out with spaces
    ("s-t-u-p-i-d", "stupid"),            # spelt out with hyphens
])
def test_disguised_words_read_plainly(written, read):
    assert normalize(written).text == read


@pytest.mark.parametrize("text", [
    "£20 each, 10am on Friday",            # prices and times keep their digits
    "Year 6 and Y4 did brilliantly!!",     # "!!" is punctuation, year groups stay
    "e.g. the U.K. team",                  # abbreviations stay
])
def test_ordinary_text_keeps_its_numbers_and_words(text):
    assert normalize(text).text == text.lower()


def test_offsets_map_back_to_the_original():
    text = "you absolute w.a.n.k.e.r!"
    norm = normalize(text)
    start = norm.text.index("wanker")
    assert norm.orig_span(start, start + 6) == (13, 24)


@pytest.mark.parametrize("word, written, found", [
    ("fuck", "f*ck", True), ("fuck", "f**k", True), ("fuck", "fuuuck", True),
    ("shit", "sh#t", True), ("fuck", "folk", False), ("shit", "shirt", False),
])
def test_word_patterns_absorb_masks_and_repeats(word, written, found):
    assert bool(re.fullmatch(word_pattern(word), written)) is found


@pytest.mark.parametrize("pattern, text, found", [
    (r"\bfor\s+sale\b", "bike for sale", True),
    (r"\bfor\s+sale\b", "transfor sale", False),                   # the boundary is still checked
    (r"\b(?:i|we)\s+do\b|£\d+", "hi do you", False),
    (r"\b(?:i|we)\s+do\b|£\d+", "costs £5", True),                   # alternatives without \b as written
    (r"\bsub\s+to\b", "pub sub to my channel", True),              # a rejected match, then a real one
    (r"(?:^|[.!?]\s*)selling\b", "Yes. selling", True),
])
def test_fast_patterns_match_as_re_does(pattern, text, found):
    import re

    from detectors.text_fastre import compile_fast

    assert (compile_fast(pattern).search(text) is not None) is found
    assert (re.search(pattern, text) is not None) is found
