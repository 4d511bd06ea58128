"""Presidio's AnalyzerEngine wired to the project's one shared spaCy pass.

Presidio normally loads its own spaCy model and runs it on every text. Here the
engine wraps the pipeline the detector engine already loaded, and turns the Doc the
detectors were handed into Presidio's ``NlpArtifacts``: no second model, no second pass.
Only the recognizers personal data needs are registered (no spaCy PERSON recognizer).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache, cached_property

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IbanRecognizer,
    NhsRecognizer,
    UkDrivingLicenceRecognizer,
    UkNinoRecognizer,
    UkPostcodeRecognizer,
)

from detectors.pii_address import LowerCaseAddressRecognizer
from detectors.pii_birth import DateOfBirthRecognizer
from detectors.pii_email_disguised import DisguisedEmailRecognizer
from detectors.pii_passport import IntroducedPassportRecognizer
from detectors.pii_phone import UkPhoneRecognizer
from detectors.pii_recognizers import (
    BankDetailsRecognizer,
    ContextPassportRecognizer,
    ContextPeselRecognizer,
    HomeAddressRecognizer,
    LooseNinoRecognizer,
    OfflineEmailRecognizer,
    UpnRecognizer,
    WrittenEmailRecognizer,
)
from detectors.pii_spoken_phone import SpokenPhoneRecognizer

LANGUAGE = "en"


class SharedSpacyNlpEngine(SpacyNlpEngine):
    """A SpacyNlpEngine around an already-loaded pipeline; it converts Docs, never parses."""

    def __init__(self, nlp) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": nlp.meta.get("name", "shared")}])
        self.nlp = {LANGUAGE: nlp}

    def load(self) -> None:
        """Nothing to load: the pipeline was handed in."""

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        """Refuse to run spaCy a second time: callers must pass artifacts from the shared Doc."""
        raise RuntimeError("SharedSpacyNlpEngine does not parse; use to_artifacts(doc)")

    def to_artifacts(self, doc) -> NlpArtifacts:
        """The shared Doc as Presidio's NlpArtifacts (lower-cased text stands in for lemmas)."""
        return self._doc_to_nlp_artifact(doc, LANGUAGE)

    def _doc_to_nlp_artifact(self, doc, language: str) -> NlpArtifacts:
        return LazyNlpArtifacts(doc, self, language)


class LazyNlpArtifacts(NlpArtifacts):
    """Presidio's NlpArtifacts over a Doc, built only when something reads them.

    Only context enhancement reads token offsets, lemmas and keywords, and only when a recognizer
    matched: most texts match nothing, so building them for every text (a Token object per word,
    three times over) was most of this detector's cost. The values are those Presidio would build.
    """

    def __init__(self, doc, nlp_engine: SharedSpacyNlpEngine, language: str) -> None:  # noqa: D107
        # No entities: the personal data recognizers are patterns and checksums only.
        self.entities: list = []
        self.tokens = doc
        self.nlp_engine = nlp_engine
        self.language = language
        self.scores: list[float] = []

    @cached_property
    def tokens_indices(self) -> TokenStarts:  # noqa: D102
        return TokenStarts(self.tokens)

    @cached_property
    def lemmas(self) -> list[str]:  # noqa: D102
        # The lemmatizer is switched off for speed, so lemma_ is empty: use the lower-cased form.
        return [t.lemma_ or t.lower_ for t in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # noqa: D102
        return self.set_keywords(self.nlp_engine, self.lemmas, self.language)


class TokenStarts(list):
    """The Doc's token start offsets, which also knows each token's end (read from arrays, not Token objects)."""

    def __init__(self, doc) -> None:
        from spacy.attrs import IDX, LENGTH

        if len(doc):
            starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
        else:
            starts, lengths = [], []
        super().__init__(starts)
        self.ends = [s + n for s, n in zip(starts, lengths, strict=True)]


class BisectContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer, finding a match's token by bisection.

    Presidio walks the Doc's tokens from the start for every match (creating a Token object for each):
    with thousands of matches in a long text that was quadratic (16,000 characters of repeated addresses
    took 45 s). Token ends increase along the Doc, so the first token ending after the match's start is
    found by bisection; the token chosen is the one Presidio's loop chooses.
    """

    @staticmethod
    def _find_index_of_match_token(word: str, start: int, tokens, tokens_indices) -> int:
        ends = getattr(tokens_indices, "ends", None)
        if ends is None:
            return LemmaContextAwareEnhancer._find_index_of_match_token(word, start, tokens, tokens_indices)
        i = bisect_right(ends, start)  # spaCy tokens are never empty: the first token ending after start
        if i < len(ends):
            return i
        raise ValueError(f"Did not find word '{word}' in the list of tokens although it is expected to be found")


def build_recognizers() -> list:
    """The recognizers a UK school's personal data needs, and nothing else."""
    return [
        UkPhoneRecognizer(),
        SpokenPhoneRecognizer(),
        OfflineEmailRecognizer(),
        WrittenEmailRecognizer(),
        DisguisedEmailRecognizer(),
        NhsRecognizer(),
        UkNinoRecognizer(),
        LooseNinoRecognizer(),
        UkPostcodeRecognizer(),
        HomeAddressRecognizer(),
        LowerCaseAddressRecognizer(),
        DateOfBirthRecognizer(),
        UpnRecognizer(),
        BankDetailsRecognizer(),
        IbanRecognizer(),
        CreditCardRecognizer(),
        UkDrivingLicenceRecognizer(),
        ContextPassportRecognizer(),
        IntroducedPassportRecognizer(),
        ContextPeselRecognizer(),
    ]


@cache
def build_analyzer(nlp) -> tuple[AnalyzerEngine, SharedSpacyNlpEngine]:
    """An AnalyzerEngine over the shared pipeline with only our recognizers registered, one per pipeline.

    Nothing in it depends on the school (allow lists are applied by the detector), so every school's
    detector in the process shares it.
    """
    nlp_engine = SharedSpacyNlpEngine(nlp)
    registry = RecognizerRegistry(recognizers=build_recognizers(), supported_languages=[LANGUAGE])
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE],
                              context_aware_enhancer=BisectContextEnhancer())
    return analyzer, nlp_engine
