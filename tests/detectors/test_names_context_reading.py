"""A roster pupil named where the child context is in words no hand-kept pattern lists, read by the learned
context reader; and a roster first name with nothing of a child around it, which must stay unflagged.

Written for this test before the reader was measured on it (invented pupils of an invented school; in no
evaluation or training file).
"""

from __future__ import annotations

import pytest

from detectors.base import Pupil, SchoolContext
from tests.detectors.names_probe import fires, loaded

SCHOOL = SchoolContext(
    name="Millrace Community Primary",
    staff=("Mrs Okonedo", "Mr Baptiste"),
    roster=(
        Pupil("Tymon", "Bąk", "Tymon", "Year 2", True),
        Pupil("Cadfan", "Rowlands", "Cadfan", "Year 3", True),
        Pupil("Sagal", "Jama", "Sagal", "Year 1", True),
        Pupil("Matei", "Ionescu", "Matei", "Year 6", True),
        Pupil("Daniel", "Whitlock", "Danny", "Year 5", True),
        Pupil("Chloe", "Marsh", "Chloe", "Year 4", True),
        Pupil("Aarav", "Mistry", "Aarav", "Year 3", True),
        Pupil("Yonatan", "Haile", "Yonatan", "Year 2", True),
    ),
)


@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)


@pytest.mark.parametrize("text", [
    "Tymon kocham cię synku, jestem z ciebie dumna ❤️",            # Polish: "I love you, sonny; I'm proud of you"
    "cadfan was buzzing after the museum trip, wouldnt stop talking about the dinosaurs 😂",
    # Somali: a mother's pride. A known miss until the refit of 2026-12-01 (the reader takes "hooyo", mother and a
    # parent's endearment for a child, beside a name for an adult); found since, near the line: a later refit may
    # lose it again
    "Sagal hooyo waad mahadsantahay, aad baan kuugu faanaa 🥰",
    "Matei puiul mamei, bravo pentru diplomă! 💪",                  # Romanian: "mummy's chick"
    "Aarav beta aaj sports day mein first aaya 🏅",                # romanised Hindi: "son came first"
    "danny got star of the week!!! buzzing for him 🌟",
])
def test_a_roster_pupil_in_child_context_no_pattern_lists(det, nlp, text):
    assert fires(det, nlp, text), text


@pytest.mark.parametrize("text", [
    "Morning Chloe and everyone, grim weather for it",
    "Daniel from the garage said the part comes Tuesday",
    "Matei from accounts is leaving on Friday, card in the staffroom",
    "cadfan's well is a listed site near the church",
    "Thanks Sagal, the council forms are in the post",
])
def test_a_roster_first_name_with_nothing_of_a_child_is_not_flagged(det, nlp, text):
    assert not fires(det, nlp, text), text
