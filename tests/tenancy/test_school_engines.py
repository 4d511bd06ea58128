"""A trust's school engines are built on first use from the first school's, and only the recent ones are kept."""

from __future__ import annotations

from core.items import Item
from detectors.engine import DetectorEngine
from moderator.app import SchoolEngines
from moderator.config import load_config
from tests.tenancy.trust_files import write_trust


def _pupils(engine: DetectorEngine, text: str) -> list:
    item = Item("facebook", "p1", "post", True, text)
    return [f.details.get("pupil_ref") for f in engine.analyze([item])[0].findings if f.label == "named_child"]


def test_a_school_engine_is_built_when_needed_shares_the_first_and_is_rebuilt_after_eviction(tmp_path, nlp):
    config = load_config(write_trust(tmp_path))
    first = DetectorEngine(config.schools[0].school_context(), nlp=nlp)
    engines = SchoolEngines(config.schools, first, keep=1)
    assert engines["oakfield"] is first and engines._built == {}  # nothing built before it is needed
    brook = engines["brook"]
    assert brook.nlp is first.nlp and brook.languages is first.languages
    assert engines["brook"] is brook  # kept
    assert engines.get("nowhere") is None and set(engines) == {"oakfield", "brook"}
    praise = "Congratulations to Tobias Wrenfield in Year 2 on his swimming badge"
    none_kept = SchoolEngines(config.schools, first, keep=0)
    again = none_kept["brook"]
    assert none_kept["brook"] is not again and none_kept._built == {}  # evicted at once, rebuilt when asked
    assert _pupils(none_kept["brook"], praise) == ["TW-2"] and _pupils(first, praise) == [None]
