"""A lure offered to children is a child-safety matter, not an advert (the engine drops promotion beside it).

The texts are written for this test (none is in an evaluation set or the training files).
"""

from __future__ import annotations

import pytest

from detectors.base import SchoolContext
from detectors.engine import DetectorEngine
from tests.detectors.conftest import make_item

SCHOOL = SchoolContext(name="Larchfield Primary", staff=("Mrs Okafor",))


@pytest.fixture(scope="module")
def engine(nlp):
    return DetectorEngine(SCHOOL, nlp=nlp, labels=("abuse", "commercial"))


def _labels(engine, text):
    found = engine.analyze([make_item(text)])[0].findings
    return {f.label for f in found}, found


@pytest.mark.parametrize("text", [
    "free v-bucks for any kid in the choir photo, just dm me and don't tell ur mum 🤫",
    "which of the year 7 lads wants to earn £40 cash? drop a bag off after school, inbox me, no need to tell anyone",
    "ładna dziewczynka w środku 😍 ile ma lat? napisz na priv, mam dla niej prezent",
])
def test_a_lure_to_children_is_child_safety_and_not_filed_as_promotion(engine, text):
    labels, found = _labels(engine, text)
    assert any((f.details or {}).get("subtype") == "child_safety" for f in found), "the DSL must hear of it"
    assert "commercial" not in labels


@pytest.mark.parametrize("text", [
    "Christmas wreaths made to order, £25 each, inbox me to order yours 🎄",
    "Selling my son's outgrown school shoes, size 4, £8 ono, message me for details",
])
def test_an_ordinary_advert_is_still_promotion(engine, text):
    labels, found = _labels(engine, text)
    assert "commercial" in labels
    assert not any((f.details or {}).get("subtype") == "child_safety" for f in found)
