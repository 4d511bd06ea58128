"""Misspelt and shortened roster names: found with context, never alone, never an ordinary English word.

Every name and sentence here is invented for this file.
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import Pupil, SchoolContext
from detectors.named_child import NamedChildDetector

ROSTER = SchoolContext(
    name="Invented Community Primary",
    roster=(
        Pupil("Jayden", "Okonkwo-Marsh", "Jayden", "Year 4", True),
        Pupil("Aleksandra", "Wierzbicka", "Aleksandra", "Year 5", False),
        Pupil("Harry", "Penhallow", "Harry", "Year 2", True),
        Pupil("Maisie", "Trelawny", "Maisie", "Year 1", True),
        Pupil("Zuzanna", "Kwiatkowska", "Zuzanna", "Year 3", True),
        Pupil("Carlie", "Ostrowski", "Carlie", "Year 6", True),
    ),
)


@pytest.fixture(scope="module")
def school(nlp):
    det = NamedChildDetector(ROSTER)
    det.load(nlp)
    return det


def _found(det, nlp, text):
    return det.analyze(Item("facebook", "t", "comment", False, text), nlp(text))


@pytest.mark.parametrize(("text", "pupil"), [
    ("well done Jaden, what a brilliant goal", "Jayden"),                      # one letter missing
    ("so proud of Aleksandar today", "Aleksandra"),                            # two letters swapped
    ("Maisy was so brave at the dentist, bless her", "Maisie"),                # one letter changed
    ("our Zuzia loved the school trip", "Zuzanna"),                            # Polish diminutive
    ("Alexsandra Wierzbicka got a certificate in assembly", "Aleksandra"),   # misspelt, with the surname
])
def test_a_misspelt_or_shortened_roster_name_with_context_is_the_pupil(school, nlp, text, pupil):
    found = _found(school, nlp, text)
    assert found, text
    ref = next(p.ref for p in ROSTER.roster if p.first_name == pupil)
    assert found[0].details["pupil_ref"] == ref


@pytest.mark.parametrize("text", [
    "Jaden Smith has a new album out",        # a misspelling alone, no child cue (and someone else's full name)
    "Maisy the mouse books are on offer",     # no child cue
    "Aleksandar was the name of my grandad",  # no child cue beside it
])
def test_a_misspelling_alone_never_fires(school, nlp, text):
    assert _found(school, nlp, text) == [], text


@pytest.mark.parametrize("text", [
    "well done everyone, hurry and sign up for the trip",  # "hurry" is one edit from Harry, but a word
    "so proud of the team, they marry skill and effort",   # "marry" too
    "Charlie was so proud of his cousin's bakery",         # "Charlie" is a name of its own, not a misspelt Carlie
])
def test_an_ordinary_word_or_another_name_is_not_a_misspelling(school, nlp, text):
    assert _found(school, nlp, text) == [], text


def test_the_finding_says_it_was_a_misspelling(school, nlp):
    [f] = _found(school, nlp, "well done Jaden, what a brilliant goal")
    assert f.details["match"] == "misspelt_first_name"
    assert "misspelt" in f.explanation
    assert "Jaden" not in f.explanation and "Jayden" not in f.explanation
