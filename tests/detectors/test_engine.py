"""The engine: one shared NLP pass, only NER loaded, bounded memory, bad items skipped."""

from __future__ import annotations

import socket
import uuid

import pytest

from detectors.base import LABELS
from detectors.engine import MAX_TEXT_CHARS, DetectorEngine, ModelNotInstalled, load_nlp
from moderator.items import Item


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
