"""Named pupils as families write them: endearments, a child's absence asked about, kin after the name in the
community languages, belongings and records, school discipline, class numbers written the other way round.

Every sentence here was written for this test (invented pupils of an invented school), in no evaluation or
training file; beside the positives stand negatives that must not fire (titles, public figures, everyday words).
"""

from __future__ import annotations

import pytest

from detectors.base import Pupil, SchoolContext
from detectors.names_lexicon import ABSENCE_AFTER, AFTER_KIN, ITEM_CHILD_WORDS, YEAR_NEAR
from detectors.text_normalize import latin_folded
from tests.detectors.names_probe import fires, loaded

SCHOOL = SchoolContext(
    name="Harbour Lane Primary",
    staff=("Mrs Ellery", "Mr Adeyemi"),
    roster=(
        Pupil("Tymon", "Bąk", "Tymon", "Year 2", True),
        Pupil("Zosia", "Wrona", "Zosia", "Year 2", True),
        Pupil("Ilinca", "Dobre", "Ilinca", "Year 6", True),
        Pupil("Matei", "Ionescu", "Matei", "Year 6", True),
        Pupil("Hope", "Treharne", "Hope", "Year 6", True),
        Pupil("Rimsha", "Qadri", "Rimsha", "Year 3", True),
        Pupil("Cadfan", "Rowlands", "Cadfan", "Year 3", True),
        Pupil("Sagal", "Jama", "Sagal", "Year 1", True),
        Pupil("Elizabeth", "Crewe", "Lizzie", "Year 5", True),
        Pupil("Nerys", "Pugh", "Nerys", "Year 4", True),
    ),
)


@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)


@pytest.mark.parametrize(("text", "found"), [
    # an endearment is not a title
    ("Happy birthday to our princess Zosia, seven already 🎈", True),
    ("my little prince Cadfan starts swimming lessons today", True),
    ("Princess Elizabeth became queen in 1952, the class learned", False),
    # a child's absence asked about, the name an everyday word
    ("is hope off today?? she was sick in the night", True),
    ("I hope the bins get emptied today", False),
    # a pupil spoken to in text-speak
    ("rimsha ur actually the best dancer in yr3 😂", True),
    ("gareth ur actually the worst ref in the league", False),
    # kin after the name, with or without a comma, in English and Romanian
    ("Cadfan my boy!! so proud of that goal", True),
    ("Ilinca, fata mea, a luat premiul la desen", True),
    ("Matei al meu a câștigat la șah azi 😍", True),
    # a diminutive owned by the writer ("my little Tymon")
    ("Mój Tymonek ma dziś urodziny 🎂", True),
    # a child seen growing
    ("omg is that nerys at the front?? shes grown so much", True),
    # belongings and records of a roster pupil
    ("Sagal's reading record is still in my bag from Friday", True),
    # a class number as Polish writes it
    ("Zosia (2 klasa) dostała dyplom za czytanie", True),
    # parents made proud
    ("Sagal you've made mummy and daddy so proud 🙏🏾", True),
])
def test_family_cues_name_a_pupil(det, nlp, text, found):
    assert fires(det, nlp, text) is found, text


@pytest.mark.parametrize(("text", "found"), [
    ("minha filha Luíza (year 2) perdeu o casaco azul", True),        # an accented name off the roster, with kin
    ("синът ми Никола (5 клас) иска да играе футбол", True),            # Bulgarian "my son", class 5
    ("Aaru beta well done on the spelling test!!", True),              # "beta": a child
    ("shoutout D. Okafor 9W for carrying the quiz team", False),       # initial and surname off the roster: no pupil
    ("We visited São Paulo and Brasília on holiday", False),
    ("Dear Mrs Łukasiewicz, thank you for the letter", False),
])
def test_a_child_off_the_roster_with_family_context(det, nlp, text, found):
    assert fires(det, nlp, text) is found, text


@pytest.mark.parametrize(("text", "found"), [
    ("he is in Y4", True), ("she starts Y7 in September", True), ("got a detention again", True),
    ("he was excluded for a day", True), ("Y2K was overhyped", False), ("the detentive story", False),
])
def test_school_words_that_speak_of_a_child(text, found):
    assert bool(ITEM_CHILD_WORDS.search(text)) is found, text


@pytest.mark.parametrize(("text", "found"), [
    ("2 klasa", True), ("11 klasėje", True), ("5 клас", True), ("clasa a 2-a", True), ("9W", True), ("10RB", True),
    ("10am", False), ("at 9w", False), ("5 classes of yoga", False),
])
def test_class_numbers_and_forms(text, found):
    assert bool(YEAR_NEAR.search(text)) is found, text


@pytest.mark.parametrize(("after", "found"), [
    (" off today??", True), (" is off sick", True), (" off school with a cold", True), (" off the bus", False),
])
def test_absence_after_a_name(after, found):
    assert bool(ABSENCE_AFTER.match(after)) is found, after


@pytest.mark.parametrize(("after", "found"), [
    (" my boy!!", True), (", fata mea", True), (" al meu", True), (" ben got a merit", True),
    (" Ben and Tom", False), (" my goodness", False),
])
def test_kin_after_a_name(after, found):
    assert bool(AFTER_KIN.match(after)) is found, after


def test_accents_are_folded_one_letter_for_one():
    text = "Luíza, Łucja i Şule"
    assert latin_folded(text) == "Luiza, Lucja i Sule" and len(latin_folded(text)) == len(text)
