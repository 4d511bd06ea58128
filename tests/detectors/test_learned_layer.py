"""The learned models' own findings: when they may speak, and with which minimum."""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import Finding
from detectors.learned_layer import LearnedLayer, about_school_people


def _item(text, by_school=False):
    return Item("facebook", "c1", "comment", by_school, text)


@pytest.fixture(scope="module")
def anything():
    """A layer whose minimum every score passes: what it leaves out is left out whatever the model says."""
    return LearnedLayer(("abuse", "commercial"), {"abuse": 0.0, "commercial": 0.0})


def test_a_text_of_four_words_or_emoji_is_judged_and_a_shorter_one_is_not(anything):
    assert {f.label for f in anything.findings(_item("x"), "the new receptionist started today", [])} == \
        {"abuse", "commercial"}
    assert anything.findings(_item("x"), "Receptionist", []) == []
    assert anything.findings(_item("x"), "Office Assistant vacancy", []) == []
    assert anything.findings(_item("x"), "Mr Dunmore 🐍🤡🖕", [])


def test_the_schools_posts_and_labels_the_rules_found_are_left_alone(anything):
    text = "join us for the summer fair on saturday"
    assert anything.findings(_item(text, by_school=True), text, []) == []
    ruled = Finding("abuse", 0.9, "high", 0, 4, "x")
    assert {f.label for f in anything.findings(_item(text), text, [ruled])} == {"commercial"}


def test_the_promotion_model_reads_the_words_around_a_contact_detail_not_the_detail():
    layer = LearnedLayer(("commercial",), {"commercial": 0.5})
    for text in ("lashes and brows done at home £25 a set message 07700 900418 to book",
                 "gel nails and pedicures from my front room, whatsapp 07700 900551 for a slot"):
        start = text.index("07700")
        phone = Finding("personal_data", 0.99, "high", start, start + 12, "x")
        assert [f.label for f in layer.findings(_item(text), text, [phone])] == ["commercial"], text
    text = "my number is 07700 900233 if anyone can give our Kai a lift to the match"
    start = text.index("07700")
    phone = Finding("personal_data", 0.99, "high", start, start + 12, "x")
    assert layer.findings(_item(text), text, [phone]) == [], "a parent's number is not read as an advert"
    short = "ring 07700 900233 now"
    phone = Finding("personal_data", 0.99, "high", 5, 17, "x")
    assert layer.findings(_item(short), short, [phone]) == [], "what is left without the number is too short"


def test_excused_spans_are_blanked_before_the_model_reads_them():
    layer = LearnedLayer(("abuse",), {"abuse": 0.0})
    text = "Receptionist cum Office Assistant"
    assert layer.findings(_item(text), text, [], excused=[(13, 16)]) == [], "three words are left: too short"


@pytest.mark.parametrize("text, about", [
    ("funny how Mrs Okoro always leaves last", True),
    ("the head should watch herself", True),
    ("tell the receptionist she was lucky today", True),
    ("someone has been very busy in the staff room", True),
    ("funny how some people never learn", False),
    ("see you all at the fair", False),
    ("heads up, the coach is running late", False),       # words that name a role only in other sentences
    ("ta very much for the lift", False),
    ("the TA in Year 2 wants sacking", False),            # an abbreviation alone is too ambiguous to count
    ("the teaching assistant in Year 2 wants sacking", True),
])
def test_text_about_the_schools_people_is_recognised(text, about):
    assert about_school_people(text) is about


def test_a_staff_member_of_the_configuration_counts_by_surname():
    assert about_school_people("bet Haddow goes home alone tonight", ("Ms Ruth Haddow",))
    assert not about_school_people("bet she goes home alone tonight", ("Ms Ruth Haddow",))


def test_the_minimum_for_text_about_the_schools_people_is_its_own():
    strict = LearnedLayer(("abuse",), {"abuse": 1.01}, {"abuse": 0.0})
    about = "funny how Mrs Okoro always walks to her car alone"
    other = "funny how some people always walk to their cars alone"
    assert strict.findings(_item(about), about, []) and not strict.findings(_item(other), other, [])
