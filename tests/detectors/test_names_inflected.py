"""A roster name with the case ending of the family's language is the pupil: Polish "Jakubowi", Lithuanian "Ugnei",
"Tomui", Latvian "Elzas", Polish dative "Zosi". A word or a name in its own right is not ("Anna" is no Ann, "Same"
no Sam).

Every sentence here was written for this test (invented pupils of an invented school), in no evaluation or
training file.
"""

from __future__ import annotations

import pytest

from detectors.base import Pupil, SchoolContext
from detectors.names_forms import INFLECTED
from tests.detectors.names_probe import fires, loaded

SCHOOL = SchoolContext(
    name="Millbank Primary",
    staff=("Mrs Hale",),
    roster=(
        Pupil("Jakub", "Nowak", "Jakub", "Year 3", True),
        Pupil("Ugnė", "Kazlauskaitė", "Ugnė", "Year 2", True),
        Pupil("Tomas", "Petrauskas", "Tomas", "Year 4", True),
        Pupil("Elza", "Ozola", "Elza", "Year 1", True),
        Pupil("Zosia", "Wrona", "Zosia", "Year 1", True),
        Pupil("Sam", "Hill", "Sam", "Year 5", True),
        Pupil("Ann", "Lee", "Ann", "Year 6", True),
    ),
)


@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)


def _inflected(det, nlp, text):
    from core.items import Item
    item = Item("facebook", "t", "comment", False, text)
    return [(text[c.start:c.end], [p.first_name for p in c.pupils]) for c, _f, _s in det.scored(item, nlp(text))
            if INFLECTED in c.cues]


@pytest.mark.parametrize(("text", "word", "pupil"), [
    ("Dziękujemy za dyplom dla Jakubowi, brawo!", "Jakubowi", "Jakub"),
    ("Sveikiname Ugnei su gimtadieniu, mama ir tėtis", "Ugnei", "Ugnė"),
    ("Labai didžiuojamės Tomui!", "Tomui", "Tomas"),
    ("Elzas mamma jautā par ekskursiju", "Elzas", "Elza"),
])
def test_a_roster_name_with_a_case_ending_is_read_as_the_pupil(det, nlp, text, word, pupil):
    assert (word, [pupil]) in _inflected(det, nlp, text)


@pytest.mark.parametrize("text", [
    "Same again at the gates tomorrow, cones everywhere",
    "Anna from the council is coming to the coffee morning",
])
def test_a_word_or_a_name_of_its_own_is_no_inflected_roster_name(det, nlp, text):
    assert _inflected(det, nlp, text) == []


def test_an_inflected_name_in_a_line_of_praise_from_the_family_is_reported(det, nlp):
    assert fires(det, nlp, "Sveikiname Ugnei su gimtadieniu, mama ir tėtis")
