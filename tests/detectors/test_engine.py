"""The engine: one shared NLP pass, only NER loaded, bounded memory, bad items skipped."""

from __future__ import annotations

import socket
import time
import uuid

import pytest

from core.items import Item
from detectors.base import LABELS, Detector, Finding, SchoolContext
from detectors.engine import (
    MAX_FINDINGS_PER_LABEL,
    MAX_TEXT_CHARS,
    MAX_TOKENS,
    DetectorEngine,
    ModelNotInstalled,
    cap_findings,
    load_nlp,
)


def _item(text: str, ext: str = "1", **kw) -> Item:
    return Item(platform="file", external_id=ext, kind="comment", by_school=False, text=text, **kw)


@pytest.fixture(scope="module")
def engine(oakfield_school, nlp):
    return DetectorEngine(oakfield_school, nlp=nlp)


def test_only_the_components_detectors_read_are_running(nlp):
    assert nlp.pipe_names == ["ner"]


def test_all_five_detectors_are_wired(engine):
    assert [d.label for d in engine.detectors] == list(LABELS)


def test_one_spacy_pass_per_item_shared_by_all_detectors(engine, monkeypatch):
    calls = []
    real_pipe = engine.nlp.pipe

    def counting_pipe(texts, **kw):
        texts = list(texts)
        calls.append(len(texts))
        return real_pipe(texts, **kw)

    monkeypatch.setattr(engine.nlp, "pipe", counting_pipe)
    monkeypatch.setattr(engine.nlp, "__call__", lambda *a, **k: pytest.fail("a detector ran spaCy again"))
    engine.analyze([_item("hello", "a"), _item("you idiot", "b"), _item("call 07700 900123", "c")])
    assert calls == [3]


def test_vocabulary_does_not_grow_with_new_words(engine):
    """A daemon reading new words for months must not keep every one of them in memory."""
    engine.analyze([_item("warm up text")])
    before = len(engine.nlp.vocab.strings)
    for n in range(3):
        words = " ".join(uuid.uuid4().hex for _ in range(50))
        engine.analyze([_item(f"Comment {words}", str(n))])
    assert len(engine.nlp.vocab.strings) == before


def test_huge_and_odd_text_is_skipped_or_analysed_never_crashing(engine):
    items = [_item("x" * (MAX_TEXT_CHARS + 1), "huge"), _item("zero\u200bwidth \ud800 nul\x00 🙂", "odd"),
             _item("", "empty"), _item("f\u200bu\u200bc\u200bk you", "zw")]
    res = {r.item.external_id: r for r in engine.analyze(items)}
    assert "too long" in res["huge"].skipped
    assert res["odd"].skipped is None and res["empty"].findings == []
    assert any(f.label == "abuse" for f in res["zw"].findings)


def test_a_text_of_more_words_than_spacy_may_read_is_skipped_before_spacy_runs(engine, monkeypatch):
    dense = "a\n" * (MAX_TOKENS // 2 + 10)  # fewer characters than the cap, but every character a token
    prose = "The choir sang at the harvest festival and everyone stayed for tea. " * 400  # long, few words
    assert len(dense) < MAX_TEXT_CHARS and len(prose) > len(dense)
    seen = []
    real_pipe = engine.nlp.pipe
    # what spaCy was given, read while the engine's memory zone still holds its strings
    monkeypatch.setattr(engine.nlp, "pipe", lambda texts, **kw: real_pipe(
        [seen.append((isinstance(t, str), t if isinstance(t, str) else t.text)) or t for t in texts], **kw))
    res = {r.item.external_id: r for r in engine.analyze([_item(dense, "dense"), _item(prose, "prose")])}
    assert res["dense"].skipped.startswith("text too long to analyse") and "words" in res["dense"].skipped
    assert res["prose"].skipped is None
    assert len(seen) == 1 and seen[0][1].startswith("The choir"), "spaCy never read the dense text"
    assert not seen[0][0], "the long text's tokens, counted already, are not made a second time"


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotInstalled, match="not installed"):
        load_nlp("en_core_web_nonexistent")


def test_analysis_never_touches_the_network(engine, monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    res = engine.analyze([_item("mail me at jo@example.com or see http://bit.ly/x and tinyurl.com/y")])
    assert {f.label for f in res[0].findings} >= {"personal_data", "unsafe_link"}


class _FakeClock:
    """A clock that only moves when told: time budgets tested without sleeping or racing the machine."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _SlowOn(Detector):
    """Fault injection: a detector that takes ``seconds`` on items whose text holds ``marker``."""

    label = "abuse"

    def __init__(self, marker: str, seconds: float, clock: _FakeClock | None = None) -> None:
        super().__init__(SchoolContext(name="Slow"))
        self.marker, self.seconds, self.clock = marker, seconds, clock
        self.seen: list[str] = []

    def analyze(self, item, doc):
        self.seen.append(item.external_id)
        if self.marker in item.text:
            if self.clock is None:
                time.sleep(self.seconds)
            else:
                self.clock.now += self.seconds
        return []


@pytest.fixture
def budgeted(engine, monkeypatch):
    """The shared engine with a fake clock and a 5 s budget (restored after the test)."""
    clock = _FakeClock()
    monkeypatch.setattr(engine, "clock", clock)
    monkeypatch.setattr(engine, "time_budget_s", 5.0)
    return engine, clock


def test_an_item_over_its_time_budget_is_skipped_and_the_batch_goes_on(budgeted, monkeypatch):
    engine, clock = budgeted
    slow = _SlowOn("slowpoke", 6.0, clock)
    after = _SlowOn("never", 0.0)
    monkeypatch.setattr(engine, "detectors", [slow, *engine.detectors, after])
    items = [_item("you idiot", "a"), _item("slowpoke says you idiot", "b"), _item("ring me on 07700 900672", "c")]
    res = {r.item.external_id: r for r in engine.analyze(items)}
    assert res["b"].skipped.startswith("analysis took too long")
    assert res["b"].skipped.split(":")[0] == "analysis took too long"  # one count per reason in the run summary
    assert after.seen == ["a", "c"]  # no detector ran on b once its budget was spent
    assert res["a"].skipped is None and {f.label for f in res["a"].findings} == {"abuse"}
    assert res["c"].skipped is None and {f.label for f in res["c"].findings} == {"personal_data"}


def test_the_budget_counts_each_items_share_of_the_spacy_pass(budgeted, monkeypatch):
    engine, clock = budgeted
    real_pipe = engine.nlp.pipe

    def slow_pipe(texts, **kw):  # the pass over this batch takes 20 s, nearly all of it on the long text
        docs = list(real_pipe(list(texts), **kw))
        clock.now += 20.0
        return docs

    monkeypatch.setattr(engine.nlp, "pipe", slow_pipe)
    long_text = "a lovely day out at the farm with the whole class " * 40
    res = engine.analyze([_item(long_text, "long"), _item("you idiot", "short")])
    assert res[0].skipped.startswith("analysis took too long")
    assert res[1].skipped is None and [f.label for f in res[1].findings] == ["abuse"]


def test_a_really_slow_detector_is_cut_off_after_its_item(engine, monkeypatch):
    """The same with the real clock: a detector sleeping past a 1 s budget on one item."""
    monkeypatch.setattr(engine, "time_budget_s", 1.0)
    monkeypatch.setattr(engine, "detectors", [_SlowOn("slowpoke", 1.5), *engine.detectors])
    started = time.perf_counter()
    res = engine.analyze([_item("slowpoke", "slow"), _item("you idiot", "next")])
    assert time.perf_counter() - started < 60
    assert res[0].skipped.startswith("analysis took too long")
    assert res[1].skipped is None and [f.label for f in res[1].findings] == ["abuse"]


def _links_comment(n: int, size: int) -> str:
    links = " ".join(f"bit.ly/k{k:04d}q" for k in range(n))
    return (links + " " + "so many links here " * size)[:size]


@pytest.mark.parametrize("label, text", [
    ("unsafe_link", _links_comment(2_000, 37_000)),
    ("personal_data", " and ".join(f"07700 900{k:03d}" for k in range(600))),
])
def test_one_comment_with_thousands_of_breaches_gives_a_handful_of_findings(engine, label, text):
    assert len(text) <= MAX_TEXT_CHARS
    item = _item(text)
    [res] = engine.analyze([item])
    det = next(d for d in engine.detectors if d.label == label)
    everything = det.analyze(item, engine.nlp(text))
    assert len(everything) > 100  # personal_data parses 100 numbers, then flags the rest as one list
    mine = [f for f in res.findings if f.label == label]
    assert len(mine) == MAX_FINDINGS_PER_LABEL
    assert [f.details.get("more_of_label", 0) for f in mine] == [0] * 4 + [len(everything) - 5]
    assert f"and {len(everything) - 5} more" in mine[-1].explanation
    assert all(text[f.start:f.end] for f in mine)


def test_the_cap_keeps_the_strongest_in_their_order():
    def f(score: float, start: int, label: str = "unsafe_link") -> Finding:
        return Finding(label, score, "medium", start, start + 1, f"Finding at {start}.")

    found = [f(0.6, 0), f(0.9, 1), f(0.7, 2), f(0.95, 3), f(0.65, 4), f(0.8, 5), f(0.9, 6, "abuse"), f(0.75, 7)]
    kept = cap_findings(found, limit=3)
    assert [(x.label, x.start) for x in kept] == [("unsafe_link", 1), ("unsafe_link", 3), ("unsafe_link", 5),
                                                  ("abuse", 6)]
    assert kept[2].details["more_of_label"] == 4
    assert kept[2].explanation == "Finding at 5 (and 4 more like it in this item)."
    assert "more_of_label" not in kept[3].details and cap_findings(found[:3], limit=3) == found[:3]


def test_spans_point_at_the_original_text_not_the_prepared_one(engine):
    text = "\u200b\u200b\u200bwell\u00ad done!!!!!!!!!! you \u202etoidi\u202c, see bit\u200b.ly/3xAmpLe"
    [res] = engine.analyze([_item(text)])
    evidence = {f.label: text[f.start:f.end] for f in res.findings}
    assert evidence == {"abuse": "toidi", "unsafe_link": "bit\u200b.ly/3xAmpLe"}
