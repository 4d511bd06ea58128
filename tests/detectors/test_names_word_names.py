"""Pupils whose names are everyday words (Favour, Precious, Justice, Blessing), diminutives that are words (the
nicknames package gives "Day" for David), figures known by a place, and a roster's own initials-name ("JJ's dad").

A roster name written in lower case that is also an ordinary English word is the word unless something beside it
makes it a child ("my daughter precious", "well done favour", "my justice got an award"); the context reader alone
does not make "do me a favour" a pupil. "Helen of Troy" and "Joan of Arc" are figures, "Ruby of Oak class" a pupil.

Every sentence here was written for this test (invented pupils of an invented school), in no evaluation or
training file.
"""

from __future__ import annotations

import pytest

from detectors.base import Pupil, SchoolContext
from detectors.named_child import NamedChildDetector
from tests.detectors.conftest import school_detector_fixture
from tests.detectors.names_probe import fires, loaded

SCHOOL = SchoolContext(
    name="Kingsmead Primary",
    staff=("Mrs Adebayo", "Mr Lowther"),
    classes=("Oak", "Birch"),
    roster=(
        Pupil("Favour", "Okonjo", "Favour", "Year 4", True),
        Pupil("Precious", "Mensah", "Precious", "Year 2", True),
        Pupil("Justice", "Boateng", "Justice", "Year 5", True),
        Pupil("Blessing", "Eze", "Blessing", "Year 1", True),
        Pupil("Helen", "Marsh", "Helen", "Year 6", True),
        Pupil("Joan", "Pryce", "Joan", "Year 3", True),
        Pupil("David", "Okafor", "David", "Year 2", True),
        Pupil("Courtney", "Hale", "Courtney", "Year 4", True),
        Pupil("Jayden", "Okoro", "JJ", "Year 5", True),
    ),
)


@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)


@pytest.mark.parametrize("text", [
    "could you do me a favour and leave the side gate open at pick up",
    "every one of them is precious to us, thank you teachers",
    "there's no justice when the car park is this full at 3pm",
    "what a blessing the rain held off for the fete",
    "Loved the Year 6 display on Helen of Troy and the wooden horse",
    "the play about Joan of Arc had me in tears, well done all",
    "Come and see Year 3's Joan of Arc banners in the hall",
    "World Book Day was brilliant, the costumes were amazing",  # "Day": a diminutive of David in the package
    "Sports Day is moved to Friday because of the rain",
    "see you all at the Court for the netball final",
])
def test_an_everyday_word_or_a_figure_is_not_a_pupil(det, nlp, text):
    assert not fires(det, nlp, text)


@pytest.mark.parametrize("text", [
    "my daughter precious loved the trip to the farm",
    "well done favour, star of the week again!",
    "my justice got the reading award today, so proud",
    "Helen of Oak class read her poem in assembly",
    "Dave in year 2 scored the winning goal, well done",
])
def test_the_same_names_beside_a_child_cue_are_pupils(det, nlp, text):
    assert fires(det, nlp, text)


def test_a_roster_preferred_name_in_capitals_beside_kin_is_the_pupil_and_an_acronym_alone_is_not(det, nlp):
    assert fires(det, nlp, "JJ's dad will collect him today, thanks")
    assert not fires(det, nlp, "JJ always has the best deals on trainers")


@pytest.mark.parametrize("text", [
    "Cupcakes (12) and Brownies (6) still left on the PTA stall, come quick",
    "Raffle Prizes (3) went to the reception families, thank you all",
    "Strawberries (2) and Apples (4) in the bags for the harvest assembly",
    "Jumpers (5) and Coats (8) on the lost property table by the office",
])
def test_things_counted_in_brackets_are_not_children_and_their_ages(det, nlp, text):
    assert not fires(det, nlp, text)


@pytest.mark.parametrize("text", [
    "well done Miles (7) on his first length of the pool",
    "Rhys (8) and Ellis (6) loved the dinosaur workshop",
    "Silas (5) was so brave at the dentist",
])
def test_given_names_ending_in_s_beside_an_age_are_still_children(det, nlp, text):
    assert fires(det, nlp, text)


COSTUMES = SchoolContext(
    name="Kingsmead Primary",
    staff=("Mrs Adebayo",),
    roster=(Pupil("Matilda", "Reeve", "Matilda", "Year 3", True), Pupil("Esther", "Cohen", "Esther", "Year 2", True)),
)


costumes = school_detector_fixture(NamedChildDetector, COSTUMES)


@pytest.mark.parametrize("text", [
    "World Book Day: four Matildas, a Gruffalo and two Mr Twits in Year 3 today",
    "Purim parade this morning, so many Queen Esthers in the hall",
])
def test_a_pupils_name_made_plural_is_a_crowd_of_costumes(costumes, nlp, text):
    assert not fires(costumes, nlp, text)


def test_the_same_name_with_its_possessive_and_a_parent_is_the_pupil(costumes, nlp):
    assert fires(costumes, nlp, "matildas mum here, can she bring her costume on friday")
