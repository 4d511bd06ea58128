"""named_child: pupils and other children named in posts and comments (real spaCy model)."""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import Pupil, SchoolContext
from detectors.named_child import NamedChildDetector
from detectors.names_text import TokenAt, may_hold_kin

# An invented secondary school, to check nothing depends on the primary dev roster.
SECONDARY = SchoolContext(
    name="Brackenfield Academy",
    staff=("Mr Okonjo", "Mrs Hale", "Ms Ferreira"),
    roster=(
        Pupil("Zephyrine", "Quillfeather", "Zeph", "Year 9", False),
        Pupil("Barnaby", "Thistlewood", "Barnaby", "Year 11", True),
        Pupil("Hope", "Marchbank", "Hope", "Year 7", True),
    ),
)


def _item(text: str, media: tuple[str, ...] = (), by_school: bool = False) -> Item:
    return Item("facebook", "t1", "post" if by_school else "comment", by_school, text, media=media)


@pytest.fixture(scope="module")
def oakfield(nlp, oakfield_school):
    det = NamedChildDetector(oakfield_school)
    det.load(nlp)
    return det


@pytest.fixture(scope="module")
def secondary(nlp):
    det = NamedChildDetector(SECONDARY)
    det.load(nlp)
    return det


def _findings(det, nlp, text, media=()):
    return det.analyze(_item(text, media), nlp(text))


@pytest.mark.parametrize("text", [
    "Well done to Freya Sutton for her lovely poem!",                    # roster full name
    "teddy marsh was a brilliant shepherd",                              # lower case, preferred name
    "So proud of Ollie, he loved the farm",                              # roster preferred name
    "Could whoever took Tilly's coat hand it back?",                     # possessive
    "My daughter Zara loved the trip",                                   # not on the roster: kinship
    "Sam (Year 4) says thank you for football club",                     # not on the roster: year group
    "Congrats to my twins Ned and Ava on their swimming badges",         # both twins
    "Marcus Pennywhistle's mum here, can someone message me?",           # "'s mum" makes him a child
    "well done jacob h from year 6 on that goal",                        # first name and initial
])
def test_children_are_found(oakfield, nlp, text):
    assert _findings(oakfield, nlp, text), text


@pytest.mark.parametrize("text", [
    "Will there be an after-school club on the last day of term?",       # common word, sentence start
    "Got Mrs Rose a present, hope she likes it",                         # staff title
    "Hazel Class have been learning about Grace Darling",                # class name, historical figure
    "Year 5 have been reading Roald Dahl's The BFG",                     # author
    "Reverend Grace Mensah led our assembly today",                      # title
    "Thank you Ms Campbell for organising the panto, my son loved it",   # staff, child unnamed
    "PC Hope and PCSO Bill visited Acorns today",                        # police titles
    "Everyone is welcome at the Summer Fair on Saturday",                # event name
    "Please ring her mum Stacey if you find it",                         # an adult named as a parent
    "Our Year 6 class learnt about Florence Nightingale and Queen Victoria",
    "Willow Class have been reading Jack and the Beanstalk",             # fairy tale
    "Mr Hughes is the best teacher my kids have ever had",               # no child named
])
def test_adults_places_and_characters_are_not(oakfield, nlp, text):
    assert _findings(oakfield, nlp, text) == [], text


def test_pupil_without_photo_consent_beside_a_photo_is_critical(oakfield, nlp):
    [finding] = _findings(oakfield, nlp, "Huge well done to Kacper in Reception!", media=("photo",))
    assert finding.severity == "critical"
    assert finding.details["with_photo"] is True
    assert finding.details["photo_consent"] is False
    assert finding.details["pupil_ref"] == "KN-Reception"


def test_explanation_never_quotes_the_name(oakfield, nlp):
    [finding] = _findings(oakfield, nlp, "Congratulations to Freya Sutton, star of the week")
    assert "Freya" not in finding.explanation and "Sutton" not in finding.explanation
    assert finding.details["pupil_ref"] in finding.explanation
    assert finding.rule  # the policy rule is filled in


def test_child_not_on_roster_has_no_pupil_ref(oakfield, nlp):
    [finding] = _findings(oakfield, nlp, "My son Jasper scored twice on Saturday")
    assert finding.details["pupil_ref"] is None and finding.details["photo_consent"] is None


@pytest.mark.parametrize("text, found", [
    ("Zeph in 9R was brilliant in the debate", True),                     # nickname-free preferred name, form
    ("Congratulations to Barnaby Thistlewood on his GCSE results", True),
    ("Toby Ashcombe (U14s) scored the winner", True),                     # not on roster, team
    ("Good luck to Priya Lanchester in Year 10 at the county finals", True),
    ("Hope you all have a lovely half term", False),                      # common-word roster name
    ("Thanks to Mr Okonjo for running the trip", False),
    ("Okonjo should be sacked", False),                                   # staff surname alone
])
def test_a_secondary_school_roster_and_phase(secondary, nlp, text, found):
    assert bool(_findings(secondary, nlp, text)) is found, text


# An invented school whose roster shares names with a staff member, a month, a musical and everyday words.
OVERLAPS = SchoolContext(
    name="Heronsgate School",
    staff=("Mr Okonjo", "Ms Juniper Hale", "Juniper Hale"),
    roster=(
        Pupil("Juniper", "Ashdown", "Juniper", "Year 8", True),
        Pupil("Augustus", "Pellow", "August", "Year 11", True),
        Pupil("Oliver", "Stroud", "Oliver", "Year 7", True),
        Pupil("Hope", "Kirwan", "Hope", "Year 7", True),
        Pupil("Peregrine", "Lusk", "Perry", "Year 9", True),
        Pupil("Summer", "Vance", "Summer", "Year 10", True),
        Pupil("Tamsin", "Orrell", "Tamsin", "Year 12", True),
    ),
)


@pytest.fixture(scope="module")
def overlaps(nlp):
    det = NamedChildDetector(OVERLAPS)
    det.load(nlp)
    return det


@pytest.mark.parametrize("text, found", [
    # a staff first name is an adult's, unless a form or year beside it makes it a pupil's
    ("Thank you Juniper for organising the trip", False),
    ("Juniper in 8K keeps getting picked on at lunch", True),
    # a month that is also a preferred name
    ("Mock exams start on Mon 1 August", False),
    ("Reports go home on 14 August, results in August 2026", False),
    ("Well done August for the top mark in Year 11", True),
    # a musical or book title that contains a roster first name
    ("Rehearsals for our production of Oliver! start next week", False),
    ("Tickets for Oliver the musical are £5", False),
    ("Year 7 are reading Charles Dickens' Oliver this term", False),
    ("Oliver was brilliant in the debate", True),
    # an everyday word before a roster name: judge the name, not "Hope Perry" as someone else
    ("Hope Perry feels better soon, he was gutted to miss the match", True),
    # events and roles are not names
    ("Summer Fayre was brilliant, thank you all", False),
    ("Mr Okonjo is covering Head of Year 10 this week", False),
    ("Selling Year 7 blazer, good condition", False),
    ("Lost Year 9 coat in the sports hall", False),
    # siblings and a minor's birthday
    ("my little brother Caspian (6) wants to come here too", True),
    ("happy 16th to my best friend tamsin!!", True),
    ("happy 40th to my best friend Caspian", False),
])
def test_overlapping_names_and_secondary_cues(overlaps, nlp, text, found):
    assert bool(_findings(overlaps, nlp, text)) is found, text


@pytest.mark.parametrize("text", [
    "Happy birthday to Marlowe in 4B",                                    # a primary class code
    "Well done Tomasz in 3C for the poster",
])
def test_primary_class_codes_are_child_cues(oakfield, nlp, text):
    assert _findings(oakfield, nlp, text), text


def test_a_class_code_raises_the_score_of_a_name_that_is_also_a_word(oakfield, nlp):
    # "Rowan" is a tree as well as a name: whether it alone passes is the learned model's call, but the class
    # code must count for the child
    def score(text):
        return max((s for _c, _f, s in oakfield.scored(_item(text), nlp(text))), default=0.0)

    assert score("Rowan in 3C drew the poster") > score("Rowan drew the poster") + 0.1


def test_named_pupil_with_consent_no_is_high_without_photo(secondary, nlp):
    [finding] = _findings(secondary, nlp, "Zephyrine Quillfeather won the spelling bee")
    assert finding.severity == "high" and finding.details["photo_consent"] is False


# An invented primary whose caretaker is known by title and surname, a TA by first name, and whose
# pupils include a surname-as-first-name, an everyday word-name and a nickname.
VILLAGE = SchoolContext(
    name="Cresswold Primary",
    staff=("Mr Ellison", "Mrs Quint", "Joy Quint"),
    roster=(
        Pupil("Ellison", "Brampton", "Ellison", "Year 3", True),
        Pupil("Joy", "Fairbairn", "Joy", "Year 1", True),
        Pupil("Sunny", "Okafor", "Sunny", "Year 2", True),
        Pupil("Matilda", "Brisk", "Tilly", "Year 1", True),
    ),
)


@pytest.fixture(scope="module")
def village(nlp):
    det = NamedChildDetector(VILLAGE)
    det.load(nlp)
    return det


@pytest.mark.parametrize("text, found", [
    # staff known only as "Mr X": a bare "X" that is a pupil's first name is the pupil
    ("Well done Ellison on your 10 metre badge!! so proud, love Nanny & Grandad xx", True),
    ("Thank you Mr Ellison for fixing the gate", False),
    # staff who go by a first name untitled keep it: "Joy" thanked is the TA
    ("Thank you Joy for the lovely lunches", False),
    # an absence report names the child
    ("Sunny has had a temperature all night so won't be in today, sorry Mrs Quint", True),
    ("Sunny spells with a high temperature of 24 degrees for sports day", False),
    ("Mark has been off sick, sorry", False),                            # not on the roster: weak only
    # a lower-case name with something a child made or was given
    ("tilly's painting of the river is on our fridge", True),
    # a match report credits players, on the roster or not, in a list
    ("Great win for the U11 girls! Goals from Amira, Jess and Kayla", True),
    ("Goals from Amira (2) and Kayla x2 today", True),
    ("Player of the match: Tobias", True),
    ("Great to see goals from Liverpool and Arsenal last night", False),   # teams
    ("Scorers: Mr Hughes and Mrs Patel in the staff match", False),       # titled adults
    ("Top scorer Emma Raducanu", False),                                  # public figure
    # a bare praised first name that is not on the roster: praise alone could be for an adult
    ("Congrats Amira!", False),
    ("Thanks to Sarah, Jo and Kim for running the cake stall", False),
])
def test_village_primary_cues(village, nlp, text, found):
    assert bool(_findings(village, nlp, text)) is found, text


def test_every_credited_player_is_reported(village, nlp):
    text = "Goals from Amira, Jess and Kayla"
    assert [text[f.start:f.end] for f in _findings(village, nlp, text)] == ["Amira", "Jess", "Kayla"]


@pytest.mark.parametrize("text", [
    "Mary-Jane's  (Year 4) mum, Ellis and Ö'Neill", "", "  leading spaces", "Will (Y2) and İlayda",
])
def test_token_lookup_matches_the_docs_tokens(nlp, text):
    doc = nlp(text)
    at = TokenAt(doc)
    by_start = {t.idx: t.i for t in doc}
    for pos in range(len(text) + 1):
        tok = at.get(pos)
        assert (tok.i if tok is not None else None) == by_start.get(pos)


@pytest.mark.parametrize("text, may", [
    ("Ask my son", True), ("MY DAUGHTER", True), ("our little one", True), ("Lovely day", False),
    ("café trip for my boy", True),                                       # non-ASCII: the pattern decides
])
def test_kin_precheck(text, may):
    assert may_hold_kin(text) is may
