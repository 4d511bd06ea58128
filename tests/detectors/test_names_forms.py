"""Roster names written in another form: another script, a diminutive suffix, a Celtic mutation, a hashtag.

Every name and sentence here was invented for this file (an invented school's roster), in no evaluation set.
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import Pupil, SchoolContext
from detectors.names_candidates import find_candidates
from detectors.names_forms import (
    DIMINUTIVE,
    IN_HASHTAG,
    MIN_SKELETON,
    MUTATED,
    OTHER_SCRIPT,
    diminutive_stems,
    mutated_forms,
    name_stems,
    read_word,
    skeleton,
    slender,
    transliterated,
)
from detectors.names_roster import FIRST, FULL, NICK, RosterIndex
from detectors.names_text import TokenAt
from tests.detectors.names_probe import fires, loaded

_NAMES = [("Kaloyan", "Petrov"), ("Andrei", "Munteanu"), ("Kārlis", "Ozols"), ("Gabija", "Kazlauskaitė"),
          ("Beatriz", "Sousa"), ("Francisco", "Lopes"), ("Jakub", "Nowicki"), ("Calum", "MacLeod"),
          ("Seumas", "Mackay"), ("Fiachra", "Ó Dónaill"), ("Gethin", "Parry"), ("Dafydd", "Rees"),
          ("Sumaiya", "Begum"), ("Abinaya", "Raj"), ("Màiri", "Campbell"), ("Mair", "Hughes"), ("Bella", "Stott")]
# Year groups 1..17 keep every pupil's ref (initials and year) apart.
SCHOOL = SchoolContext(
    name="Invented Bryn Street Primary",
    staff=("Mrs Ellery",),
    roster=tuple(Pupil(first, last, first, str(year), True) for year, (first, last) in enumerate(_NAMES, 1)),
)
INDEX = RosterIndex(SCHOOL.roster, SCHOOL.staff)


def firsts(pupils) -> list[str]:
    return sorted(p.first_name for p in pupils)


# -- the functions, one by one ------------------------------------------------------------------------------

def test_other_scripts_are_transliterated_to_latin_letters():
    assert transliterated("Калоян") == "kaloyan"
    assert transliterated("ካሎያን") == "kaloyan"


@pytest.mark.parametrize(("roster_name", "written", "abjad"), [
    ("sumaiya", "smyh", True),          # Arabic: no short vowels, the final ة as h
    ("abinaya", "apinya", False),       # Tamil: one letter for b and p
    ("kaloyan", "kalogian", False),     # Greek γι for y
    ("kaloyan", "kaluoyang", False),    # Chinese syllables
    ("gethin", "getin", False),         # Cyrillic т for th
    ("dafydd", "dafid", False),         # Welsh y and dd
    ("jakub", "yakub", False),          # Cyrillic Я
    ("francisco", "fransisko", False),  # Cyrillic с and к for c
    ("andrei", "andrey", False),        # Cyrillic й
])
def test_a_name_and_its_transliteration_share_a_skeleton(roster_name, written, abjad):
    assert skeleton(roster_name) == skeleton(written, abjad)
    assert len(skeleton(roster_name)) >= MIN_SKELETON


def test_a_near_miss_keeps_its_own_skeleton():
    assert skeleton("kalina") != skeleton("kaloyan")  # Калина, a word and a name of its own, is not Kaloyan


def test_a_script_that_writes_its_vowels_must_match_them():
    assert skeleton("petros") == skeleton("beatriz")  # the same consonants...
    assert skeleton("petros", vowels=True) != skeleton("beatriz", vowels=True)  # ...but Πετρος is no Beatriz
    assert read_word("Πετρος", "", INDEX) is None


@pytest.mark.parametrize(("word", "stem"), [
    ("jakubek", "jakub"), ("kubusia", "kub"), ("andreiut", "andrei"), ("gabijute", "gabij"),
    ("karlitis", "karl"), ("chiquinho", "chic"), ("dieguito", "dieg"), ("kaloyancho", "kaloyan"),
])
def test_a_diminutive_suffix_leaves_the_stem(word, stem):
    assert stem in diminutive_stems(word)


def test_a_stem_is_never_shorter_than_three_letters():
    assert diminutive_stems("olcia") == set()
    assert name_stems("karlis") == {"karlis", "karl"}
    assert name_stems("gabija") == {"gabija", "gabij"}


def test_the_gaelic_vocative_ending_is_slender():
    assert slender("calum") == "caluim"
    assert slender("seumas") == "seumais"
    assert slender("mairi") == "mairi"


@pytest.mark.parametrize(("name", "spelling", "kind"), [
    ("dafydd", "ddafydd", "soft"), ("dafydd", "nafydd", "nasal"), ("gethin", "ethin", "soft"),
    ("gethin", "ngethin", "nasal"), ("calum", "chaluim", "lenition"), ("calum", "gcalum", "eclipsis"),
    ("fiachra", "fhiachra", "lenition"), ("fiachra", "bhfiachra", "eclipsis"), ("seumas", "sheumais", "lenition"),
    ("mairi", "mhairi", "lenition"), ("rhodri", "rodri", "soft"), ("llinos", "linos", "soft"),
    ("pedr", "phedr", "aspirate"),
])
def test_a_name_mutates_as_welsh_gaelic_and_irish_do(name, spelling, kind):
    assert mutated_forms(name)[spelling] == kind


def test_a_short_mutated_spelling_is_left_alone():
    assert "dom" not in mutated_forms("tom")  # three letters: too often a word of its own


@pytest.mark.parametrize(("word", "previous", "how", "pupil", "cue"), [
    ("Калоян", "", FIRST, "Kaloyan", OTHER_SCRIPT),            # the roster spelling in Cyrillic
    ("ካሎያን", "", FIRST, "Kaloyan", OTHER_SCRIPT),             # in Ge'ez
    ("সুমাইয়া", "", FIRST, "Sumaiya", OTHER_SCRIPT),           # in Bengali
    ("سمية", "", NICK, "Sumaiya", OTHER_SCRIPT),                # in Arabic: a skeleton match
    ("அபிநயா", "", NICK, "Abinaya", OTHER_SCRIPT),              # in Tamil
    ("Γκέθιν", "", NICK, "Gethin", OTHER_SCRIPT),              # in Greek
    ("Калоянчо", "", NICK, "Kaloyan", DIMINUTIVE),             # Bulgarian diminutive, in Cyrillic
    ("Jakubek", "", NICK, "Jakub", DIMINUTIVE),                # Polish -ek
    ("Kubuś", "", NICK, "Jakub", DIMINUTIVE),                  # Polish -uś of Kuba
    ("Andreiuț", "", NICK, "Andrei", DIMINUTIVE),              # Romanian -uț
    ("Gabijutė", "", NICK, "Gabija", DIMINUTIVE),              # Lithuanian -utė, the name's -a dropped
    ("Kārlītis", "", NICK, "Kārlis", DIMINUTIVE),              # Latvian -ītis, the name's -is dropped
    ("Chiquinho", "", NICK, "Francisco", DIMINUTIVE),          # Portuguese -inho of Chico, c → qu
    ("Beatrizinha", "", NICK, "Beatriz", DIMINUTIVE),          # Portuguese -inha
    ("Ddafydd", "i", NICK, "Dafydd", MUTATED),                 # Welsh soft mutation
    ("Ngethin", "fy", NICK, "Gethin", MUTATED),                # Welsh nasal mutation
    ("Ethin", "", NICK, "Gethin", MUTATED),                    # soft mutation, the g dropped: no word of its own
    ("Chaluim", "a", NICK, "Calum", MUTATED),                  # Gaelic vocative: lenition and slender ending
    ("Sheumais", "a", NICK, "Seumas", MUTATED),
    ("Fhiachra", "a", NICK, "Fiachra", MUTATED),
    ("bhFiachra", "ár", NICK, "Fiachra", MUTATED),             # Irish eclipsis
    ("Fair", "i", NICK, "Mair", MUTATED),                      # an English word, but after a soft-mutation trigger
])
def test_a_word_names_a_roster_pupil_in_another_form(word, previous, how, pupil, cue):
    found = read_word(word, previous, INDEX)
    assert found is not None, word
    assert found[0] == how and firsts(found[1]) == [pupil] and cue in found[2]


@pytest.mark.parametrize(("word", "previous"), [
    ("Πέτρος", ""), ("Αλεξάνδρα", ""),  # names of their own in their own scripts
    ("Калина", ""), ("Ладно", ""), ("школа", ""), ("مدرسة", ""), ("حسن", ""),   # other-script words, no roster name
    ("বিদ্যালয়", ""), ("பள்ளி", ""), ("学校", ""), ("Σχολείο", ""),
    ("francesinha", ""), ("francesita", ""), ("calcinha", ""), ("kārtiņa", ""),   # endings, a start like a name
    ("gabinetinho", ""), ("kotek", ""), ("piesek", ""), ("bolinhos", ""),
    ("gath", "y"), ("ddoe", ""), ("Nghymru", "yng"), ("fachgen", ""), ("ddiolch", ""),  # Welsh words
    ("chaidh", ""), ("mhath", ""),                                                   # Gaelic words
    ("Fair", "the"),  # an English word with no trigger before it: not a soft-mutated Mair
    ("fella", "a"),   # an English word after the English article: not a soft-mutated Bella
    ("fair", "i"),    # "i fair well": English text-speak, the word not capitalised like a name
    ("Robin", ""), ("Marcus", ""),  # names of their own, whatever their endings
])
def test_an_ordinary_word_names_no_roster_pupil(word, previous):
    assert read_word(word, previous, INDEX) is None


# -- candidates on a real spaCy doc --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def det(nlp):
    return loaded(SCHOOL, nlp)


def candidates(det, nlp, text: str) -> dict[str, list[str]]:
    """Each candidate's text → the first names of its roster pupils."""
    doc = nlp(text)
    return {text[c.start:c.end]: firsts(c.pupils) for c in find_candidates(det.names, text, doc, TokenAt(doc))}


@pytest.mark.parametrize(("text", "word", "pupil"), [
    ("Браво, Калоян! Well done in Year 1", "Калоян", "Kaloyan"),
    ("Поздравления за Калоянчо, my grandson", "Калоянчо", "Kaloyan"),
    ("আমাদের সুমাইয়া did so well today", "সুমাইয়া", "Sumaiya"),
    ("அபிநயா my granddaughter won the prize", "அபிநயா", "Abinaya"),
    ("سمية my daughter loved the trip", "سمية", "Sumaiya"),
    ("Kubusiu, gratulacje! Year 7 star", "Kubusiu", "Jakub"),
    ("Parabéns Chiquinho, my grandson", "Chiquinho", "Francisco"),
    ("Andreiuț won the race in Year 2", "Andreiuț", "Andrei"),
    ("Kārlītis my son loves his class", "Kārlītis", "Kārlis"),
    ("Gabijutė won the race in Year 4", "Gabijutė", "Gabija"),
    ("Pen-blwydd hapus i Ethin, my grandson", "Ethin", "Gethin"),
    ("Da iawn fy Ngethin, Year 11", "Ngethin", "Gethin"),
    ("Llongyfarchiadau i Fair, Blwyddyn 16", "Fair", "Mair"),
    ("Well done a Chaluim, my grandson", "Chaluim", "Calum"),
    ("Well done a Sheumais, my grandson", "Sheumais", "Seumas"),
    ("So proud! #ProudOfSumaiyaX Year 13", "Sumaiya", "Sumaiya"),
    ("Go on #TeamGoSumaiyaBegum", "SumaiyaBegum", "Sumaiya"),
])
def test_a_roster_name_in_another_form_is_a_candidate_with_its_pupil(det, nlp, text, word, pupil):
    assert candidates(det, nlp, text).get(word) == [pupil], text


def test_a_full_name_in_another_script_is_the_pupil_full_name(det, nlp):
    text = "Браво на Калоян Петров от 1 клас"
    doc = nlp(text)
    found = [(text[c.start:c.end], c.how) for c in find_candidates(det.names, text, doc, TokenAt(doc)) if c.pupils]
    assert found == [("Калоян Петров", FULL)]


def test_another_family_name_in_another_script_is_not_the_roster_pupil(det, nlp):
    assert not [w for w, pupils in candidates(det, nlp, "Калоян Иванов от съседното село").items() if pupils]


def test_a_hashtag_candidate_is_the_name_and_says_so(det, nlp):
    text = "What a day #WellDoneAbinaya2026"
    doc = nlp(text)
    cand = next(c for c in find_candidates(det.names, text, doc, TokenAt(doc)) if c.pupils)
    assert text[cand.start:cand.end] == "Abinaya" and IN_HASHTAG in cand.cues and cand.how == FIRST


def test_a_full_name_in_a_hashtag_is_the_full_name(det, nlp):
    text = "#CongratsSumaiyaBegum"
    doc = nlp(text)
    hows = {c.how for c in find_candidates(det.names, text, doc, TokenAt(doc)) if c.pupils}
    assert hows == {FULL}


@pytest.mark.parametrize("text", [
    "Comemos uma francesinha e bolinhos no Porto depois da escola",
    "Mae'r gath yn y gegin a'r ci yn yr ardd, diolch yn fawr",
    "Bydd y fachgen yn mynd i Nghymru ddoe",
    "Kotek i piesek bawią się w ogrodzie szkoły",
    "Школа закрыта завтра, спасибо учителям",
    "المدرسة مغلقة غدا شكرا للمعلمين",
    "বিদ্যালয় আগামীকাল বন্ধ থাকবে",
    "Chaidh a h-uile rud gu math an-diugh",
    "#HopeForAll #SchoolTrip2026 #WellDoneEveryone",
])
def test_ordinary_words_of_other_languages_give_no_roster_candidate(det, nlp, text):
    assert not [w for w, pupils in candidates(det, nlp, text).items() if pupils], text


# -- the detector, where the item has child context it already reads ---------------------------------------

@pytest.mark.parametrize(("text", "pupil"), [
    ("Поздравления за Калоянчо, my grandson", "Kaloyan"),
    ("Браво, Калоян! Well done in Year 1", "Kaloyan"),
    ("Калоян Петров my grandson", "Kaloyan"),
    ("سمية my daughter loved the trip", "Sumaiya"),
    ("Parabéns Chiquinho, my grandson", "Francisco"),
    ("Andreiuț won the race in Year 2", "Andrei"),
    ("Gabijutė won the race in Year 4", "Gabija"),
    ("Well done a Chaluim, my grandson", "Calum"),
    ("Pen-blwydd hapus i Ethin, my grandson", "Gethin"),
    ("So proud! #ProudOfSumaiyaX Year 13", "Sumaiya"),
])
def test_the_detector_reports_the_roster_pupil_named_in_another_form(det, nlp, text, pupil):
    findings = det.analyze(Item("facebook", "t", "comment", False, text), nlp(text))
    refs = {f.details["pupil_ref"] for f in findings}
    assert next(p.ref for p in SCHOOL.roster if p.first_name == pupil) in refs, text


@pytest.mark.parametrize("text", [
    "We had a francesinha after the match in Year 4",
    "Школа закрыта завтра, my grandson says thanks",
    "Калоян",  # a roster first name alone, in any script, needs a child cue beside it
])
def test_the_detector_stays_quiet_on_ordinary_words_with_context(det, nlp, text):
    assert not fires(det, nlp, text), text
