"""What the named_child tests ask of a detector: its candidate spans and whether it fires on a comment."""

from __future__ import annotations

from core.items import Item
from detectors.named_child import NamedChildDetector
from detectors.names_candidates import find_candidates
from detectors.names_text import TokenAt


def loaded(school, nlp) -> NamedChildDetector:
    """A named_child detector for ``school``, loaded."""
    det = NamedChildDetector(school)
    det.load(nlp)
    return det


def spans(det, nlp, text: str) -> list[str]:
    """The texts of every candidate name the detector finds in ``text``."""
    doc = nlp(text)
    return [text[c.start:c.end] for c in find_candidates(det.names, text, doc, TokenAt(doc))]


def fires(det, nlp, text: str) -> bool:
    """Whether the detector reports a named child in a public comment ``text``."""
    return bool(det.analyze(Item("facebook", "t", "comment", False, text), nlp(text)))
