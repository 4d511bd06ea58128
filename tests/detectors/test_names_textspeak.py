"""Named pupils as families write in lower-case text-speak and dialect: the kin word, the age, the pair.

Every sentence here was written for this test (invented pupils of an invented school), in no evaluation set.
"""

from __future__ import annotations

import pytest

from detectors.base import Pupil, SchoolContext
from detectors.names_item_cues import CHILD_AGE
from tests.detectors.names_probe import fires, loaded, spans

SCHOOL = SchoolContext(
    name="Gorsebank Primary",
    staff=("Mrs Pennock", "Mr Ashdown"),
    roster=(
        Pupil("Brogan", "Tennant", "Brogan", "4", True),
        Pupil("Skye", "Aldous", "Skye", "2", False),
        Pupil("Ellis", "Corrin", "Ellis", "6", True),
        Pupil("Maddison", "Fewster", "Maddie", "3", True),
    ),
    classes=("Puffins",),
)


@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)



@pytest.mark.parametrize(("text", "name"), [
    ("me lad brogan is buzzin for the trip", "brogan"),               # dialect possessive before kin
    ("ma wee granddaughter tiegan starts nursery monday", "tiegan"),  # dialect, adjective, off the roster
    ("oor bairn skye lost her cardi", "skye"),
    ("my nephew zoltan joins reception after easter", "zoltan"),      # lower case, no English word
])
def test_a_lower_case_name_after_a_kin_word_is_a_candidate(det, nlp, text, name):
    assert name in spans(det, nlp, text), text


@pytest.mark.parametrize("text", [
    "my son luvs it at this school",        # a misspelt verb, not a name
    "me lad startd on monday",
    "my daughter football kit is missing",  # an English word
    "tell me the boy was sent home",        # "me" after a verb is not kin
])
def test_words_after_a_kin_word_that_are_not_names_are_not_candidates(det, nlp, text):
    assert not [s for s in spans(det, nlp, text) if s.islower()], text


@pytest.mark.parametrize(("text", "is_age"), [
    ("harvey is 8 today!!", True),
    ("she's 6 years old now", True),
    ("ruby 9 yrs old and still cant tie her laces", True),
    ("the building is 40 years old", False),
    ("doors open at 7 today", False),
])
def test_a_childs_age_in_text_speak_is_read(text, is_age):
    assert bool(CHILD_AGE.search(text)) is is_age, text


@pytest.mark.parametrize("text", [
    "me lad brogan got star of the week 🌟",
    "my nephew zoltan joins reception after easter",
    "big shout out to maddie in puffins for her reading",
])
def test_named_in_text_speak_with_a_child_cue(det, nlp, text):
    assert fires(det, nlp, text), text


@pytest.mark.parametrize("text", [
    "skye was stunning over the hills last night",     # the sky, not the pupil
    "ellis island ferry trip was amazing",
    "my son luvs it at this school",
])
def test_everyday_text_speak_is_not_a_named_pupil(det, nlp, text):
    assert not fires(det, nlp, text), text
