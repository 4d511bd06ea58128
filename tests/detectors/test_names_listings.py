"""Named pupils in results lists, beside someone else's surname, in school life, in declined and proclitic forms.

A place in a results list ("1st Kofi A.") is an ordinal, not "St" for Saint; a roster pupil whose first name is a
kin title in another language ("Lola", "Nana") is named by it; a roster first name before a surname not the
pupil's, in any alphabet, is someone else; a class in brackets, a themed day, one of the post's photos or an age
right after a name are child context; a Polish diminutive keeps its pupil when declined ("Bartkiem") and an Arabic
name its pupil behind a one-letter proclitic ("لمريم"). Every sentence was written for this test (invented pupils of
an invented school), in no evaluation or training file.
"""

from __future__ import annotations

import pytest

from detectors.base import Pupil, SchoolContext
from detectors.names_candidates import find_candidates
from detectors.names_text import TokenAt
from tests.detectors.names_probe import fires, loaded

SCHOOL = SchoolContext(
    name="Copperfield Road Academy",
    staff=("Mrs Dunmore", "Mr Achterberg"),
    roster=(
        Pupil("Kofi", "Asante", "Kofi", "Year 8", True),
        Pupil("Wiktoria", "Lis", "Wiktoria", "Year 8", True),
        Pupil("Lola", "Fairweather", "Lola", "Year 5", True),
        Pupil("Nana", "Boateng", "Nana", "Year 4", True),
        Pupil("Rory", "Dunne", "Rory", "Year 9", True),
        Pupil("Rūta", "Jonaitytė", "Rūta", "Year 3", True),
        Pupil("Jonas", "Petrauskas", "Jonas", "Year 6", True),
        Pupil("Ruby", "Hale", "Ruby", "Year 7", True),
        Pupil("Mari", "Evans", "Mari", "Year 2", True),
        Pupil("Archie", "Moss", "Archie", "Year 3", True),
        Pupil("Wiremu", "Tane", "Wiremu", "Year 5", True),
        Pupil("Bartłomiej", "Zając", "Bartek", "Year 4", True),
        Pupil("Maryam", "Haddad", "Maryam", "Year 6", True),
        Pupil("Henry", "Okafor", "Henry", "Year 2", True),
        Pupil("Yoana", "Petrova", "Yoana", "Year 3", True),
        Pupil("Eira", "Puw", "Eira", "Year 1", True),
        Pupil("Heulwen", "Rees", "Heulwen", "Year 5", True),
    ),
)


@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)


@pytest.mark.parametrize(("text", "found"), [
    ("Cross-country Y8 boys: 1st Kofi A., 2nd a very muddy runner 🏃", True),
    ("Spelling bee final, year 8: 3rd place went to Wiktoria L. after a tense tie-break", True),
    ("Lola Fairweather pushed my daughter off the climbing frame again today", True),
    ("Nana Boateng read her poem to the whole of Year 4 this morning 👏", True),
    # the same words as titles and saints stay adults' and places'
    ("Lola Carmen is making pancit for the whole street on Sunday", False),
    ("the 1st St Albans Scouts meet at the hall on Tuesdays", False),
    ("Nana Mouskouri was on the radio in the car this morning", False),
])
def test_ordinals_and_title_names(det, nlp, text, found):
    assert fires(det, nlp, text) is found


@pytest.mark.parametrize(("text", "found"), [
    # a roster first name with someone else's surname, in any alphabet or with capitals inside, is someone else
    ("Rory McAllister hit a hole in one on the telly last night ⛳", False),
    ("Rūta Šimkutė laimėjo auksą olimpiadoje! 🏅", False),
    ("Rory Dunne in year 9 ran the fastest 800m on sports day", True),
    # a Lithuanian title, an anniversary, the community languages' little words
    ("Dėkojame ponui Jonui už pagalbą per mugę", False),
    ("Ruby wedding party for my parents at the cricket club on Saturday 💍", False),
    ("Meri beti Year 2 mein hai, bohat khush hai", False),
    # school life around a roster first name, an age right after a name, someone's own child
    ("Archie's talked about nothing but the Tudor day in Mrs Dunmore's class", True),
    ("wiremu in the back of the 2nd pic pulling faces again 😂", True),
    ("my nephew Tobiah is 8 and wants to join the chess club", True),
    ("Mr Achterberg's little girl Femke was cheering at the gala", True),
    ("Archie is 10 minutes late every single morning at the crossing", False),
])
def test_someone_elses_surname_and_school_life(det, nlp, text, found):
    assert fires(det, nlp, text) is found


@pytest.mark.parametrize(("text", "found"), [
    ("Reading raffle winners: K. Asante (3B) and W. Lis (5H) 📚", True),
    ("new 4K telly and a 5G phone for Christmas, K. Asante must be doing well", False),
])
def test_initial_and_surname_with_a_primary_class_in_brackets(det, nlp, text, found):
    assert fires(det, nlp, text) is found


@pytest.mark.parametrize(("text", "found"), [
    ("ألف مبروك لمريم على الجائزة في المدرسة 🌟", True),                          # "to Maryam": a proclitic
    ("مبروك للمدرسة على النتائج الرائعة", False),                                 # "to the school"
])
def test_arabic_proclitics(det, nlp, text, found):
    assert fires(det, nlp, text) is found


@pytest.mark.parametrize("text", [
    "Pani Dunmore, bardzo dziękuję za pomoc z Bartkiem na basenie 🙏",   # Bartek's instrumental, fleeting e
    "Dla Bartka to była pierwsza wycieczka szkolna",                      # ... and his genitive
])
def test_a_polish_diminutive_declined_is_read_as_the_pupil(det, nlp, text):
    doc = nlp(text)
    refs = {p.ref for c in find_candidates(det.names, text, doc, TokenAt(doc)) for p in c.pupils}
    assert "BZ-Year4" in refs


@pytest.mark.parametrize(("text", "found"), [
    ("Thierry Henry documentary got my lad obsessed with Arsenal ⚽", False),   # a given name before: a surname
    ("Mae'r plant wrth eu boddau gyda'r sioe, diolch i bawb", False),           # Welsh "is/are" opening a line
    ("Henry in year 2 scored twice at football club, buzzing", True),
])
def test_a_roster_name_after_a_given_name_is_a_surname(det, nlp, text, found):
    assert fires(det, nlp, text) is found


def test_a_cyrillic_name_with_its_diminutive_and_article_is_read_as_the_pupil(det, nlp):
    text = "Честито на Йоанчето за медала от състезанието! 🏅"  # "Congratulations to (the) little Yoana"
    doc = nlp(text)
    refs = {p.ref for c in find_candidates(det.names, text, doc, TokenAt(doc)) for p in c.pupils}
    assert "YP-Year3" in refs


@pytest.mark.parametrize(("text", "found"), [
    ("Eira trwchus ar y ffordd fynydd heno, gyrrwch yn ofalus ❄️", False),      # snow
    ("Heulwen o'r diwedd ar ôl wythnos o law ☀️", False),                       # sunshine
    ("Noson agored Bl 6 nos Iau, croeso i bawb", False),                         # an open evening
    ("Llongyfarchiadau mawr i Eira ym Mlwyddyn 1 am ennill y gystadleuaeth lun 🎨", True),
    ("da iawn heulwen, seren y dosbarth wythnos yma ⭐", True),
])
def test_welsh_words_that_are_names(det, nlp, text, found):
    assert fires(det, nlp, text) is found
