"""Class and house names from the configuration (school.classes, school.houses) as child context.

Every school, class, house and pupil here is invented for this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ConfigError
from core.items import Item
from detectors.base import Pupil, SchoolContext
from detectors.named_child import NamedChildDetector
from moderator.config import load_config

PENTREF = SchoolContext(
    name="Ysgol Pentref Glas",
    staff=("Mrs Tregaron",),
    classes=("Dosbarth Dyfrgwn", "Wrens", "Class 4"),
    houses=("Cadair", "Moelwyn"),
    roster=(
        Pupil("Bartłomiej", "Zawisza", "Bartłomiej", "Year 4", True),
        Pupil("Evie", "Pendry", "Evie", "Year 2", False),
        Pupil("Tomos", "Glyndwr", "Tomos", "Year 6", True),
        Pupil("Hope", "Lanyon", "Hope", "Year 3", True),
    ),
)
NO_GROUPS = SchoolContext(name="Same school, no classes configured", roster=PENTREF.roster)


@pytest.fixture(scope="module")
def pentref(nlp):
    det = NamedChildDetector(PENTREF)
    det.load(nlp)
    return det


@pytest.fixture(scope="module")
def plain(nlp):
    det = NamedChildDetector(NO_GROUPS)
    det.load(nlp)
    return det


def _found(det, nlp, text):
    return det.analyze(Item("facebook", "t", "comment", False, text), nlp(text))


@pytest.mark.parametrize("text", [
    "tomos from wrens has the red bucket",
    "Come on Moelwyn, Tomos!",
    "Evie (Cadair) ran the relay",
    "Dyfrgwn's Tomos fed the fish",
])
def test_a_roster_name_beside_a_class_or_house_is_found(pentref, plain, nlp, text):
    assert _found(pentref, nlp, text), text
    assert not _found(plain, nlp, text), f"without the configured class or house: {text}"


def test_a_class_name_and_a_childs_doings_are_both_evidence(pentref, plain, nlp):
    # the class is evidence when configured; a lost glove is evidence of a child even when it is not (the
    # learned context reader reads it)
    text = "Tomos in Wrens lost a glove"
    assert _found(pentref, nlp, text) and _found(plain, nlp, text)


@pytest.mark.parametrize("text", [
    "Wrens class trip to the beach is on Friday",
    "Moelwyn won the house cup this year",
    "Cadair and Moelwyn tied on points",
    "Dosbarth Dyfrgwn are visiting the library",
])
def test_a_class_or_house_alone_never_fires(pentref, nlp, text):
    assert _found(pentref, nlp, text) == [], text


def test_a_child_off_the_roster_beside_a_class_is_found(pentref, nlp):
    assert _found(pentref, nlp, "my daughter Nerys in Wrens loved the play")


def _config(tmp_path: Path, school_extra: str) -> Path:
    (tmp_path / "roster.csv").write_text("first_name,last_name,preferred_name,year_group,photo_consent\n"
                                         "Evie,Pendry,,Year 2,no\n", encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(f'[school]\nname = "Ysgol Pentref Glas"\nroster = "roster.csv"\n{school_extra}\n'
                    '[[accounts]]\nname = "feed"\nplatform = "file"\npath = "feed.jsonl"\n', encoding="utf-8")
    return path


def test_config_reads_classes_and_houses(tmp_path):
    config = load_config(_config(tmp_path, 'classes = ["Wrens", "Class 4"]\nhouses = ["Moelwyn"]'))
    context = config.school_context()
    assert context.classes == ("Wrens", "Class 4")
    assert context.houses == ("Moelwyn",)


@pytest.mark.parametrize(("extra", "message"), [
    ('classes = "Wrens"', 'school.classes: must be a list of names, e.g. classes = ["Owls", "Robins"], not a str'),
    ("houses = [1, 2]", "school.houses: must be a list of strings"),
    ('houses = [""]', "school.houses: each name must be 1 to 60 characters"),
])
def test_config_rejects_a_wrong_type_clearly(tmp_path, extra, message):
    with pytest.raises(ConfigError) as err:
        load_config(_config(tmp_path, extra))
    assert any(message in p for p in err.value.problems), err.value.problems
