"""Shared helpers of the detector tests: a detector loaded once per module, one call per text, no network."""

from __future__ import annotations

import socket

import pytest

from core.items import Item


def make_item(text: str, by_school: bool = False, platform: str = "facebook") -> Item:
    """A comment by the public (or, with ``by_school``, a post by the school) carrying ``text``."""
    return Item(platform, "t1", "post" if by_school else "comment", by_school, text)


def findings(det, nlp, text: str, by_school: bool = False, platform: str = "facebook") -> list:
    """What ``det`` finds in ``text`` (one spaCy pass, as the engine does)."""
    return det.analyze(make_item(text, by_school, platform), nlp(text))


def first_rule(det, nlp, text: str) -> str | None:
    """The rule of the first finding ``det`` makes in ``text`` (an unsafe link's "shortener", "adult"...), or None."""
    found = findings(det, nlp, text)
    return found[0].details["rule"] if found else None


def school_detector_fixture(cls, school):
    """A module-scoped fixture: ``cls`` for ``school``, loaded on the shared pipeline."""

    @pytest.fixture(scope="module")
    def detector(nlp):
        det = cls(school)
        det.load(nlp)
        return det

    return detector


def detector_fixture(cls):
    """A module-scoped fixture: ``cls`` for the Oakfield school, loaded on the shared pipeline."""

    @pytest.fixture(scope="module")
    def detector(nlp, oakfield_school):
        det = cls(oakfield_school)
        det.load(nlp)
        return det

    return detector


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a socket fails the test: shipped models must load without the network."""

    def no_network(*args, **kwargs):
        raise AssertionError("tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)


def label_engine_fixture(school, label: str):
    """A module-scoped fixture: the whole engine (rules, learned models, calibration) for ``school``, one label."""

    @pytest.fixture(scope="module")
    def engine(nlp):
        from detectors.engine import DetectorEngine

        return DetectorEngine(school, nlp=nlp, labels=(label,))

    return engine


def engine_finds(engine, text: str, label: str) -> bool:
    """Whether the whole engine reports ``label`` for a public comment carrying ``text``."""
    return any(f.label == label for f in engine.analyze([make_item(text)])[0].findings)
