"""Presidio's AnalyzerEngine wired to the project's one shared spaCy pass.

Presidio normally loads its own spaCy model and runs it on every text. Here the
engine wraps the pipeline the detector engine already loaded, and turns the Doc the
detectors were handed into Presidio's ``NlpArtifacts``: no second model, no second pass.
Only the recognizers personal data needs are registered (no spaCy PERSON recognizer).
"""

from __future__ import annotations

from functools import cached_property

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IbanRecognizer,
    NhsRecognizer,
    UkDrivingLicenceRecognizer,
    UkNinoRecognizer,
    UkPostcodeRecognizer,
)

from detectors.pii_phone import UkPhoneRecognizer
from detectors.pii_recognizers import (
    BankDetailsRecognizer,
    ContextPassportRecognizer,
    DateOfBirthRecognizer,
    HomeAddressRecognizer,
    LooseNinoRecognizer,
    OfflineEmailRecognizer,
    UpnRecognizer,
    WrittenEmailRecognizer,
)

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
    def tokens_indices(self) -> list[int]:  # noqa: D102
        return [t.idx for t in self.tokens]

    @cached_property
    def lemmas(self) -> list[str]:  # noqa: D102
        # The lemmatizer is switched off for speed, so lemma_ is empty: use the lower-cased form.
        return [t.lemma_ or t.lower_ for t in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # noqa: D102
        return self.set_keywords(self.nlp_engine, self.lemmas, self.language)


def build_recognizers() -> list:
    """The recognizers a UK school's personal data needs, and nothing else."""
    return [
        UkPhoneRecognizer(),
        OfflineEmailRecognizer(),
        WrittenEmailRecognizer(),
        NhsRecognizer(),
        UkNinoRecognizer(),
        LooseNinoRecognizer(),
        UkPostcodeRecognizer(),
        HomeAddressRecognizer(),
        DateOfBirthRecognizer(),
        UpnRecognizer(),
        BankDetailsRecognizer(),
        IbanRecognizer(),
        CreditCardRecognizer(),
        UkDrivingLicenceRecognizer(),
        ContextPassportRecognizer(),
    ]


def build_analyzer(nlp) -> tuple[AnalyzerEngine, SharedSpacyNlpEngine]:
    """An AnalyzerEngine over the shared pipeline with only our recognizers registered."""
    nlp_engine = SharedSpacyNlpEngine(nlp)
    registry = RecognizerRegistry(recognizers=build_recognizers(), supported_languages=[LANGUAGE])
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])
    return analyzer, nlp_engine
