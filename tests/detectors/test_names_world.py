"""Named pupils the English cues alone miss: given names of other languages, lower-case subjects, pairs, the
family name ("the Pazdro boy"), initials beside a form, kin words of other languages, and lines in other languages.

Every sentence here was written for this test (invented pupils of an invented school), in no evaluation set.
"""

from __future__ import annotations

import pytest

from detectors.base import Pupil, SchoolContext
from detectors.names_candidates import in_another_language
from detectors.names_school import world_names
from tests.detectors.names_probe import fires, loaded, spans

SCHOOL = SchoolContext(
    name="Harrowgate Lane Primary",
    staff=("Mrs Oduya", "Mr Pazdro", "Miss Kettle"),
    roster=(
        Pupil("Tobias", "Renwick", "Tobias", "5", True),
        Pupil("Wren", "Halloran", "Wren", "5", True),
        Pupil("Hafsa", "Qureshi", "Hafsa", "3", False),
        Pupil("Wiktoria", "Zielonka", "Wiktoria", "2", True),
        Pupil("Tudor", "Bratu", "Tudor", "4", True),
        Pupil("Jonah", "Wexley", "Jonah", "9", True),
        Pupil("Leon", "Mcanespie", "Leon", "6", True),
    ),
    classes=("Kestrels",),
)


@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)




def test_the_world_list_holds_given_names_of_many_languages_and_no_everyday_english_word():
    names = world_names()
    assert {"kai", "vanya", "andrei", "jamal", "tomasz"} <= names
    assert not {"grace", "hope", "king", "may", "will", "the", "and"} & names


@pytest.mark.parametrize(("text", "name"), [
    ("moja córka wiktoria ma jutro występ", "wiktoria"),          # Polish "my daughter"
    ("fiul meu tudor a luat diploma azi", "tudor"),                # Romanian "my son"
    ("meri beti hafsa ko bohat maza aya trip pe", "hafsa"),        # romanised Urdu "my daughter"
    ("mi yute kemar reach di final tomorrow", "kemar"),            # Patois, off the roster
    ("my granson dawid starts in kestrels next week", "dawid"),    # misspelt kin word
])
def test_a_name_after_a_kin_word_of_another_language_is_a_candidate(det, nlp, text, name):
    assert name in spans(det, nlp, text), text


@pytest.mark.parametrize(("text", "names"), [
    ("tobias and wren did the bible reading so well", {"tobias", "wren"}),   # a lower-case pair opening a sentence
    ("hafsa's nani here, thank you for the lovely assembly", {"hafsa"}),     # grandparent's voice
    ("the Mcanespie boy in year 6 handed in my purse", {"Mcanespie"}),       # family name with "boy"
    ("J.W. in 9K keeps pushing my son on the bus", {"J.W."}),                # initials beside a form
    ("Оля молодець, дуже гарно заспівала", {"Оля"}),                         # a Ukrainian line, Cyrillic name
    ("hafsaaa you were a star on that stage", {"hafsaaa"}),                  # stretched letters
    ("wrens nan here, she has a dentist appointment at 2", {"wren"}),        # possessive without apostrophe: the name
    ("#teamtobias all the way at sports day", {"tobias"}),                   # a team hashtag
])
def test_children_named_without_english_cues_are_candidates(det, nlp, text, names):
    assert names <= set(spans(det, nlp, text)), text


@pytest.mark.parametrize("text", [
    "tobias and wren did the bible reading so well",
    "hafsa's nani here, thank you for the lovely assembly",
    "the Mcanespie boy in year 6 handed in my purse",
    "moja córka wiktoria ma jutro występ w szkole, dziękujemy",
])
def test_named_without_english_cues_is_found(det, nlp, text):
    assert fires(det, nlp, text), text


@pytest.mark.parametrize("text", [
    "hope you all have a lovely half term",              # "hope" opening a sentence: a verb
    "bill for the trip came through today",
    "my son will be late tomorrow, dentist",
    "the Spice Girls were on the radio all morning",     # a band, capital Girls
    "Jonah and the whale was the story today",            # a story, not the Year 9 pupil
    "Mr Pazdro was brilliant at the concert",            # staff
])
def test_everyday_words_staff_and_stories_are_not_named_pupils(det, nlp, text):
    assert not fires(det, nlp, text), text


@pytest.mark.parametrize(("text", "other"), [
    ("dziękujemy za wspaniały dzień, dzieci były zachwycone", True),
    ("thank you for a wonderful day, the children loved it", False),
    ("ok", False),
])
def test_a_line_in_another_language_is_told_from_an_english_one(nlp, text, other):
    assert in_another_language(nlp(text)) is other, text
