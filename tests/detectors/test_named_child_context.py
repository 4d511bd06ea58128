"""named_child on an invented multicultural roster: name variants, and context rather than lists.

Every sentence here is written for this file; every name is invented or a common given name.
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import Pupil, SchoolContext
from detectors.named_child import NamedChildDetector
from detectors.names_variants import fold, name_variants

BRYNTEG = SchoolContext(
    name="Ysgol Brynteg Uchaf",
    staff=("Mr Okafor", "Mrs Lewin"),
    roster=(
        Pupil("Dafydd", "Pryce-Mostyn", "Dafydd", "Year 2", True),
        Pupil("Bartłomiej", "Zielonka", "Bartłomiej", "Year 5", False),
        Pupil("Katarzyna", "Nowicka", "Katarzyna", "Year 9", True),
        Pupil("Siobhán", "Garrity", "Siobhán", "Year 4", True),
        Pupil("Gwenllian", "Rhydderch", "Gwenllian", "Year 3", True),
        Pupil("Callum", "Strathie", "Callum", "Year 6", True),
        Pupil("Mohammed", "Abdikarim", "Mohammed", "Year 1", True),
        Pupil("Chelsea", "Ambrose", "Chelsea", "Year 6", True),
        Pupil("Jordan", "Efemena", "Jordan", "Year 3", True),
        Pupil("Megan", "Tollervey", "Megan", "Year 8", True),
        Pupil("Ruby", "Achterberg", "Ruby", "Year 1", True),
        Pupil("Ioana", "Vărzaru", "Ioana", "Year 4", True),
    ),
)


@pytest.fixture(scope="module")
def brynteg(nlp):
    det = NamedChildDetector(BRYNTEG)
    det.load(nlp)
    return det


def _found(det, nlp, text: str, media: tuple[str, ...] = ()) -> list:
    return det.analyze(Item("facebook", "t1", "comment", False, text, media=media), nlp(text))


def test_variants_come_from_the_package_and_the_table():
    assert {"dai", "deio"} <= name_variants("Dafydd")                    # Welsh, in-repo table
    assert {"bartek"} <= name_variants("Bartłomiej")                      # Polish, folded
    assert {"kasia"} <= name_variants("katarzyna")
    assert {"shaun", "shawn"} <= name_variants("Seán")                    # Irish spelling variants
    assert {"cal"} <= name_variants("Callum")
    assert {"will", "billy"} <= name_variants("William")                  # English, nicknames package
    assert name_variants("Zxqvtrel") == frozenset()


def test_folding_keeps_offsets():
    for text in ("Bartłomiej Zielonka", "Siân a Siôn", "Zoë, Ioana Vărzaru", "plain ascii"):
        assert len(fold(text)) == len(text)
    assert fold("Małgorzata Ślęzak") == "Malgorzata Slezak"


@pytest.mark.parametrize("text", [
    # diminutives and spellings of several cultures, in lower case too, each with some context
    "bless little deio in the owls class, he was so proud",                # Welsh diminutive, lower case
    "Da iawn Dai, seren yr wythnos!",                                      # Welsh praise, diminutive
    "well done bartek on your swimming certificate",                       # Polish diminutive
    "Bartlomiej (Year 5) has been picked for the choir",                   # diacritics folded
    "shoutout to kasia for the debate, star of the week",                  # Polish diminutive, praise
    "Congratulations Siobhan, what a lovely poem",                         # folded Irish spelling
    "So proud of Cal, he did so well at the cross country",                # Scottish diminutive
    "Gwen's painting is on the classroom wall",                            # Welsh diminutive, child's work
    "mo was an absolute star at sports day",                               # Arabic diminutive
    # initial plus surname beside a year group
    "K. Nowicka (Y9) wins the poetry prize",
    "Y9 results: well done to K Nowicka",
    "Dafydd Pryce Mostyn scored twice",                                    # hyphen written as a space
])
def test_roster_variants_with_context_are_found(brynteg, nlp, text):
    assert _found(brynteg, nlp, text), text


@pytest.mark.parametrize("text", [
    "K. Nowicka wrote to the council about the bins",                      # initial + surname, no year
    "Will I need a coat for the trip?",                                    # a word after the name, not an initial
])
def test_initial_forms_need_a_year_or_a_real_initial(brynteg, nlp, text):
    assert _found(brynteg, nlp, text) == [], text


@pytest.mark.parametrize("text", [
    "Ruby",                                                                # a roster first name alone
    "ruby is a lovely colour for a front door",
    "Megan Fox is gorg in that film",                                      # a celebrity sharing a first name
    "katy perry is awesome live",                                          # a celebrity, lower case
    "Happy birthday Bob Newhart, a comedy legend",                         # praise alone, not on the roster
    "Chelsea were robbed on Saturday",                                     # a club that is a pupil's name
    "Chelsea have signed another striker",
    "our trip to Jordan was the holiday of a lifetime",                    # a country
    "We flew back from Jordan last night",
    "Mr Ruby will run the after-school club",                              # a title
    "Top scorer Marcus Featherstonehaugh again this season",               # a stranger's full name credited
    "How much is the Robin Hood's Bay coach trip?",                        # a place named after someone
])
def test_names_without_child_context_do_not_fire(brynteg, nlp, text):
    assert _found(brynteg, nlp, text) == [], text


@pytest.mark.parametrize("text", [
    "Chelsea (Year 6) was brilliant in the play",                          # the same names as pupils
    "Chelsea and Jordan were in the Year 3 assembly",
    "our Jordan's first day tomorrow, fingers crossed",
    "little Ruby is my granddaughter and she loved it",                    # kin after the name
    "Ruby, my youngest, has lost her book bag",
    "Megan's blue coat went home with someone else",                       # a child's belonging
])
def test_the_same_names_as_pupils_fire_with_context(brynteg, nlp, text):
    assert _found(brynteg, nlp, text), text


@pytest.mark.parametrize("text", [
    "my son Alfie in Year 3 loved the trip",                               # not on the roster: kin and year
    "our Lily's first day at big school!",                                 # not on the roster: first day
    "Harvey, my eldest, is in Blwyddyn 4 now",                             # Welsh year group
    "fy merch Elin yn Blwyddyn 2",                                         # Welsh kin
    "fy mab Osian loved the urdd",
    "Well done Isla (P4) on your reading",                                 # Scottish primary year
    "Finlay in S2 has joined the pipe band",                               # Scottish secondary year
    "Amelie's first week in Reception went so well",
])
def test_children_not_on_the_roster_with_strong_context(brynteg, nlp, text):
    assert _found(brynteg, nlp, text), text


@pytest.mark.parametrize("text", [
    "Alfie Templeton-Briggs is presenting the late show",                  # not on the roster, no context
    "Lily Allen is touring again",
    "Thank you Isla for the cakes",                                        # praise alone for an adult
    "Fy nhad sy'n coginio heno",                                           # Welsh "my father": not kin of a child
])
def test_strangers_need_strong_context(brynteg, nlp, text):
    assert _found(brynteg, nlp, text) == [], text


def test_a_photo_is_context_for_a_roster_name_only(brynteg, nlp):
    assert _found(brynteg, nlp, "Ioana's turn on the climbing wall", media=("photo",))
    assert _found(brynteg, nlp, "Ioana's turn on the climbing wall") == []
    assert _found(brynteg, nlp, "Fingers crossed for sunshine tomorrow", media=("photo",)) == []


def test_an_absence_or_get_well_message_names_the_pupil(brynteg, nlp):
    assert _found(brynteg, nlp, "Megan feels better today, thank you all")
    assert _found(brynteg, nlp, "Hope Jordan gets well soon")
    assert _found(brynteg, nlp, "Megan feels strongly about the car park") == []


def test_finding_keeps_pupil_reference_and_consent(brynteg, nlp):
    [f] = _found(brynteg, nlp, "Huge well done bartek, Year 5 football captain!", media=("photo",))
    assert f.details["pupil_ref"] == BRYNTEG.roster[1].ref
    assert f.details["photo_consent"] is False
    assert f.severity == "critical"
    assert "Bartłomiej" not in f.explanation and "bartek" not in f.explanation.lower()
    [k] = _found(brynteg, nlp, "K. Nowicka (Y9) wins the poetry prize")
    assert k.details["match"] == "initial_and_surname"
    assert k.details["pupil_ref"] == BRYNTEG.roster[2].ref


@pytest.mark.parametrize("text, found", [
    # Welsh and Scottish year groups beside a name
    ("Nia (Derbyn) loved the snow", True),
    ("Cai, Meithrin, painted a dragon", True),
    ("Ava, P6, read at the service", True),
    ("Rory in S4 is captain of the shinty team", True),
    ("Grace took the P4 bus home from town", False),                       # a bus, not a class
    # kin after a name
    ("Noa is our grandson and he can't wait", True),
    ("Priya, our eldest, starts in September", True),
    ("Ruby is my favourite colour for a kitchen", False),                  # not kin
    # a child's belonging with a colour or "new" before it
    ("Callum's navy trainers have gone missing from the changing room", True),
    ("Has anyone seen Jordan's red coat?", True),
    ("Primark's new coat range is cheap", False),                          # a shop, not on the roster
    # British "our" before a pupil's name
    ("our Ruby in her new blazer", True),
    ("Here's our Callum on the beach", True),
    ("our trip to the beach was lovely", False),
    ("our Chelsea season tickets came today", False),                      # a noun after the name
    ("Monday's first day back is for staff training", False),             # a weekday
    # Welsh praise
    ("Llongyfarchiadau Gwen!", True),
    ("bless little deio", True),
    ("Bless you all for the cakes", False),
    # praise after a pupil's name
    ("Jordan was amazing in goal today", True),
    ("Megan was a real superstar at the gala", True),
    ("Megan is fond of the car park", False),
    # a player's own goal or try: a pupil, not a club sharing the name
    ("Jordan's winning try made my day", True),
    ("Ioana's goal in the second half was unreal", True),
    ("Chelsea's goal in the 90th minute was offside", False),
    # an event or a child's work near the name
    ("Megan loved the zoo trip", True),
    ("Siobhan at the spelling bee, so nervous", True),
    ("Megan hates the traffic on the ring road", False),
    # a child's place in the school anywhere in the item
    ("Megan starts nursery on Monday, any tips?", True),
    ("Dafydd loved being in the Year 2 play", True),
    # a place named after someone, and "a"/"I" after a name
    ("Meet at Jordan's Cross car park at nine", False),
    ("I love ruby a lot as a colour", False),
])
def test_more_cues_and_near_misses(brynteg, nlp, text, found):
    assert bool(_found(brynteg, nlp, text)) is found, text
