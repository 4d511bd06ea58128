"""abuse: words that land on no one, and veiled threats in the community languages.

Mild swearing about the weather, the traffic or one's own slip, an insult the writer aims at themself, a
condemnation of what someone wrote, a reported quote and a village whose name holds a swear word's letters are not
abuse; the same words aimed at a person, the school or its staff still are. "I know where you live" and "you'll
regret it" are threats in Polish, Romanian, Lithuanian, Portuguese, Spanish, Urdu and Welsh too, but not after a
negation. Every sentence was written for this test (invented people), in no evaluation or training file.
"""

from __future__ import annotations

import pytest

from detectors.abuse import AbuseDetector
from detectors.multilingual import MultilingualAbuse
from tests.detectors.conftest import detector_fixture, findings

detector = detector_fixture(AbuseDetector)


def _abusive(detector, nlp, text: str) -> bool:
    return any(f.label == "abuse" for f in findings(detector, nlp, text))


@pytest.mark.parametrize("text", [
    "absolutely pissing down at the bus stop, the little ones are soaked",
    "bollocks, left the PE bags on the kitchen table again",
    "shite weather for the cross country but they all finished",
    "holy crap the year 6 band were loud, in a good way",
    "I'm such a muppet, put the wrong date in my diary for parents evening",
    "whoever keeps posting those comments about the new head, that's disgusting, grow up",
    "The comments some people leave under these posts are vile. Be kind.",
    "My daughter was called a 'fat cow' on the bus home. I've reported it to the office, please can someone help",
    "we drove through Shitlington, West Yorkshire on the way to the residential",
])
def test_words_that_land_on_no_one_are_not_abuse(detector, nlp, text):
    assert not _abusive(detector, nlp, text)


@pytest.mark.parametrize("text", [
    "this school is shite and so is the uniform policy",
    "you're crap at your job, Mr Okonedo",
    "why do we have to put up with this crap from the office every term",
    "she's a vile woman and everyone at the gate knows it",
    "that receptionist is a crappy excuse for a human",
    "oi shitlington, your kid nicked my son's ball",
])
def test_the_same_words_aimed_at_someone_still_are(detector, nlp, text):
    assert _abusive(detector, nlp, text)


@pytest.fixture(scope="module")
def lexicons():
    return MultilingualAbuse.load()


@pytest.mark.parametrize(("text", "language"), [
    ("Wiem gdzie mieszkasz, więc lepiej uważaj na parkingu", "pl"),
    ("Pan Nowak jeszcze pożałujesz tej decyzji", "pl"),
    ("Știu unde lucrezi, doamnă. O să îți pară rău.", "ro"),
    ("žinau kur gyveni mokytoja", "lt"),
    ("Sei onde moras, professor. Vais-te arrepender.", "pt"),
    ("Sé dónde trabajas y te vas a arrepentir", "es"),
    ("Sir tujhe dekh lunga chutti ke baad", "ur"),
    ("Dw i'n gwybod lle ti'n byw, athro", "cy"),
])
def test_veiled_threats_in_the_community_languages(lexicons, text, language):
    assert {h.category for h in lexicons.find(text, language, (language, "en"))} == {"threat"}


@pytest.mark.parametrize(("text", "language"), [
    ("nie wiem gdzie mieszkasz, podeślesz adres na urodziny?", "pl"),
    ("Nu știu unde lucrezi acum, mai ești la fabrică?", "ro"),
    ("não sei onde moras, manda a morada para a festa", "pt"),
    ("Nie pożałujesz, pyszne ciasta na kiermaszu!", "pl"),
])
def test_not_knowing_is_no_threat(lexicons, text, language):
    assert lexicons.find(text, language, (language, "en")) == []


def test_the_school_quoting_what_a_child_might_say_pages_no_one(detector, nlp):
    post = ("Our midday supervisors practised what to do if a child says 'my stepdad hits me': listen, stay calm, "
            "write it down and tell the DSL straight away.")
    assert not [f for f in findings(detector, nlp, post, by_school=True) if f.label == "abuse"]


def test_a_child_disclosing_on_a_public_comment_still_pages_the_dsl(detector, nlp):
    comment = "my stepdad hits me when mum is at work and i dont know who to tell"
    (f,) = [f for f in findings(detector, nlp, comment) if f.label == "abuse"]
    assert f.details["subtype"] == "child_safety"


@pytest.mark.parametrize(("text", "language"), [
    ("visi jie vagys, nieko daugiau", "lt"),
    ("Wszyscy oni to złodzieje i tyle", "pl"),
    ("toți sunt hoți, nu le lăsați copiii", "ro"),
    ("eres un ladrón, devuelve el dinero de la excursión", "es"),
])
def test_thieves_and_drunks_aimed_at_a_person_or_a_whole_group(lexicons, text, language):
    assert [h.category for h in lexicons.find(text, language, (language, "en"))] == ["insult"]


@pytest.mark.parametrize(("text", "language"), [
    ("el ladrón de la película era muy gracioso", "es"),
    ("Ktoś ukradł rower spod szkoły, złodziej uciekł w stronę parku", "pl"),
])
def test_a_thief_in_a_story_or_a_report_is_no_insult(lexicons, text, language):
    assert lexicons.find(text, language, (language, "en")) == []


@pytest.mark.parametrize(("text", "praise"), [
    ("the lollipop lady is out there in every storm, someone give that woman a medal", True),
    ("Bought Mr Okonedo's leaving present today, hope he likes it 🎁", True),
    ("love how the office never answers a single email 🙄", False),
    ("thanks for nothing, the head still hasn't replied", False),
    ("Mrs Okonedo is clueless, brilliant leadership yeah right", False),
])
def test_praise_with_nothing_against_anyone(text, praise):
    from detectors.learned_layer import praise_only

    assert praise_only(text) is praise


def test_praise_of_the_schools_people_is_not_abuse_for_the_model_alone(nlp):
    from detectors.base import SchoolContext
    from detectors.engine import DetectorEngine
    from tests.detectors.conftest import make_item

    engine = DetectorEngine(SchoolContext(name="Sallowfield Primary", staff=("Mr Okonedo",)), nlp=nlp,
                            labels=("abuse",))
    for text in ("love how mr okonedo waits at the gate every morning in the rain, give that man a raise",
                 "Got Mr Okonedo's end of term present sorted, hope he likes it 🎁"):
        assert not engine.analyze([make_item(text)])[0].findings


def test_the_child_safety_model_reads_only_the_languages_it_was_trained_on_and_the_schools(nlp):
    from detectors.base import SchoolContext

    det = AbuseDetector(SchoolContext(name="Sallowfield Primary", languages=("en", "pl")))
    det.load(nlp)
    for language, reads in (("en", True), ("pl", True), ("und", True), ("ro", True), ("hr", False), ("sv", False)):
        doc = nlp("placeholder text")
        doc.user_data["language"] = language
        assert det._model_reads(doc) is reads
