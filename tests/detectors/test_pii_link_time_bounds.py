"""The shapes the new personal-data and link patterns read stay linear-time and bounded (issue 10).

Same measure as ``test_time_bounds.py`` (its helpers are reused): each hostile unit repeated at a quarter
of the engine's cap and at the cap; four times the length may take at most eight times as long, and one
item at the cap at most 2 s.
"""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.engine import DetectorEngine
from tests.detectors.test_time_bounds import LARGE, SMALL, _doc, _rep, timing_problem

INPUTS = {
    "spaced e-mail": lambda n: _rep("a b c . d e f @ ", n),
    "spaced letters and dots": lambda n: _rep("a b . ", n),
    "bracketed at": lambda n: _rep("a[at]b.", n),
    "letter zeros": lambda n: _rep("9oo O7 ", n),
    "glued digit words": lambda n: _rep("07seven", n),
    "hundreds": lambda n: _rep("nine hundred ", n),
    "named houses": lambda n: _rep("Rose Cottage, ", n),
    "Welsh streets": lambda n: _rep("1 heol y ", n),
    "names and dates": lambda n: _rep("Amy Bob 1/2/2010 ", n),
    "sort codes and accounts": lambda n: _rep("12-34-56 12345678 ", n),
    "passport digits": lambda n: _rep("passport 1 2 3 ", n),
    "home cues": lambda n: _rep("we're at 4 mill rd that's us ", n),
    "NI numbers": lambda n: _rep("AB-12-34-56-C ", n),
    "domains in subdomains": lambda n: _rep("a.co.uk.", n - 4) + "com",
}


@pytest.fixture(scope="module")
def engine(oakfield_school, nlp):
    return DetectorEngine(oakfield_school, nlp=nlp)


@pytest.mark.parametrize("label", ["personal_data", "unsafe_link"])
def test_new_shapes_are_linear_and_bounded(engine, nlp, label):
    det = next(d for d in engine.detectors if d.label == label)
    problems = []
    for name, make in INPUTS.items():
        small, large = ((Item("facebook", "t1", "comment", False, make(n)), _doc(nlp, make(n))) for n in (SMALL, LARGE))
        if problem := timing_problem(det, name, small, large):
            problems.append(problem)
    assert not problems, f"{label}: " + "; ".join(problems)
