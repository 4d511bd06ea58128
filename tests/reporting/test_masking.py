from __future__ import annotations

import pytest

from detectors.base import Pupil
from moderator.reporting.masking import Masker, Span

ROSTER = [Pupil("Oscar", "Fielding", "Oscar", "Reception", False),
          Pupil("Thomas", "Walsh", "Tommy", "Year 1", False)]


@pytest.mark.parametrize("text, absent, present", [
    ("Call 07700 900123 today", ["07700 900123", "900123"], ["07", "23"]),
    ("ring +44 7700 900123", ["7700 900123"], ["+44"]),
    ("mail jane.doe@example.com please", ["jane.doe@example.com", "jane.doe"], ["j***@example.com"]),
    ("Well done Oscar Fielding!", ["Oscar", "Fielding"], ["O.F."]),
    ("well done oscar fielding", ["oscar fielding"], ["O.F."]),
    ("Tommy Walsh and OSCAR scored", ["Tommy", "Walsh", "OSCAR"], ["T.W.", "O. scored"]),
    ("UPN A123456789012 on the form", ["A123456789012"], ["A", "12 on"]),
])
def test_masking_table(text, absent, present):
    out = Masker(ROSTER).mask(text)
    for a in absent:
        assert a not in out
    for p in present:
        assert p in out


def test_lowercase_common_word_is_left_alone():
    assert Masker([Pupil("Will", "Stone", "Will", "Year 2", True)]).mask("we will win") == "we will win"


def test_spans_of_findings_are_masked_even_for_names_off_the_roster():
    text = "Congratulations to Zed Quimby, born 12/03/2017!"
    spans = [Span(text.index("Zed"), text.index(","), "initials"),
             Span(text.index("12/"), text.index("!"), "partial")]
    out = Masker([]).mask(text, spans)
    assert "Zed Quimby" not in out and "Z.Q." in out
    assert "12/03/2017" not in out


def test_excerpt_is_short_and_masked():
    text = ("Lorem ipsum dolor sit amet. " * 30) + "Oscar Fielding's mum is on 07700 900123. " + "More. " * 40
    out = Masker(ROSTER).excerpt(text, focus=text.index("Oscar"), width=200)
    assert len(out) <= 204
    assert "O.F." in out and "07700 900123" not in out


def test_invisible_and_bidirectional_characters_never_reach_the_reader_nor_hide_a_number():
    masker = Masker([])
    out = masker.mask("ring 07700\u200b900\u2060123 or \u202eevil\u202c\x1b[31m now")
    assert "\u200b" not in out and "\u202e" not in out and "\x1b" not in out
    assert "900" not in out and "07*" in out, "the phone number is masked although invisible characters split it"
