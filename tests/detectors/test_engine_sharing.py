"""A trust's schools share every school-independent part of the detectors, and still judge by their own data.

Two schools loaded through the real trust configuration; their engines are built as the daemon builds them
(:meth:`moderator.app.App.build`: the first school's engine lends its pipeline to the others).
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.engine import DetectorEngine
from moderator.config import load_config
from tests.tenancy.trust_files import write_trust


@pytest.fixture(scope="module")
def engines(tmp_path_factory, nlp):
    tmp = tmp_path_factory.mktemp("trust")
    path = write_trust(tmp)
    # each school trusts its own payment site
    path.write_text(path.read_text().replace('staff = ["Mrs Patel"]',
                                             'staff = ["Mrs Patel"]\ntrusted_domains = ["oakpay.co.uk"]'))
    brook = tmp / "schools.d" / "brook.toml"
    brook.write_text(brook.read_text().replace('staff = ["Mr Okafor"]',
                                               'staff = ["Mr Okafor"]\ntrusted_domains = ["brookpay.co.uk"]'))
    config = load_config(path)
    views = {v.slug: v for v in config.schools}
    first = DetectorEngine(views["oakfield"].school_context(), nlp=nlp)
    second = DetectorEngine.from_config(views["brook"], shared=first)
    return first, second


def _detector(engine: DetectorEngine, label: str):
    return next(d for d in engine.detectors if d.label == label)


def test_school_independent_parts_are_built_once(engines):
    oak, brook = engines
    assert oak.nlp is brook.nlp and oak.languages is brook.languages
    oak_pd, brook_pd = _detector(oak, "personal_data"), _detector(brook, "personal_data")
    assert oak_pd.analyzer is brook_pd.analyzer  # Presidio and its recognizers
    oak_ab, brook_ab = _detector(oak, "abuse"), _detector(brook, "abuse")
    assert oak_ab._lexicon is brook_ab._lexicon and oak_ab._model is brook_ab._model
    assert oak_ab._multilingual is brook_ab._multilingual and oak_ab._learned is brook_ab._learned
    oak_ul, brook_ul = _detector(oak, "unsafe_link"), _detector(brook, "unsafe_link")
    assert oak_ul._finder._extract is brook_ul._finder._extract  # the public suffix list
    assert oak_ul._risk is brook_ul._risk and oak_ul._known is brook_ul._known
    assert _detector(oak, "commercial")._cues is _detector(brook, "commercial")._cues


def _labels(engine: DetectorEngine, text: str, by_school: bool = False) -> set[str]:
    item = Item("facebook", "c1", "post" if by_school else "comment", by_school, text)
    return {f.label for f in engine.analyze([item])[0].findings}


def _pupils(engine: DetectorEngine, text: str) -> list:
    item = Item("facebook", "p1", "post", True, text)
    return [f.details.get("pupil_ref") for f in engine.analyze([item])[0].findings if f.label == "named_child"]


def test_each_school_judges_by_its_own_roster(engines):
    oak, brook = engines
    text = "Well done to Jacob Ellerby in Year 3 for his certificate today"
    assert _pupils(oak, text) == ["JE-3"]  # Jacob Ellerby is on Oakfield's roster (no photo consent)
    assert _pupils(brook, text) == [None]  # a child's name, but not one of Brook Lane's pupils
    text = "Congratulations to Tobias Wrenfield in Year 2 on his swimming badge"
    assert _pupils(brook, text) == ["TW-2"] and _pupils(oak, text) == [None]


def test_each_school_judges_links_by_its_own_trusted_domains(engines):
    oak, brook = engines
    lookalike = "Pay for the trip at https://oakpey.co.uk/trips before Friday"
    assert "unsafe_link" in _labels(oak, lookalike)  # imitates the site Oakfield trusts
    assert "unsafe_link" not in _labels(brook, lookalike)
    own = "Pay for the trip at https://brookpay.co.uk/trips before Friday"
    assert "unsafe_link" not in _labels(brook, own)
    shared_brand = "Your account is locked, verify at https://paypa1.com/login now"
    assert "unsafe_link" in _labels(oak, shared_brand) and "unsafe_link" in _labels(brook, shared_brand)


def test_each_school_judges_abuse_by_its_own_staff(engines):
    oak, brook = engines
    assert "abuse" in _labels(brook, "Mr Okafor is a useless idiot")
    staff = _detector(brook, "abuse")._staff
    assert staff == ["mr okafor"] and _detector(oak, "abuse")._staff == ["mrs patel"]
