"""A parent warning others about spam is not promotion; the spam itself still is.

Written for this test (none of these is in an evaluation set or the training files).
"""

from __future__ import annotations

import pytest

from detectors.commercial import CommercialDetector
from tests.detectors.conftest import detector_fixture, findings

detector = detector_fixture(CommercialDetector)


@pytest.mark.parametrize("text", [
    "Heads up everyone, the 'bitcoin trading mentor' replying to posts on here is a scam, don't message him",
    "those forex investment comments are all scams, please just block and report them",
    "PSA: the account offering free gift cards for liking the page is fake, do not click anything",
    "got a DM from someone selling 'guaranteed returns' crypto after I commented. Reported and blocked.",
])
def test_a_warning_about_spam_is_not_promotion(detector, nlp, text):
    assert findings(detector, nlp, text) == []


@pytest.mark.parametrize("text", [
    "I turned £200 into £3,000 in a week with this bitcoin trading mentor, message him now, it's not a scam!",
    "Invest with my forex coach, guaranteed returns every week, 100% legit no scam, DM me",
])
def test_spam_that_says_it_is_no_scam_is_still_promotion(detector, nlp, text):
    assert findings(detector, nlp, text), text
