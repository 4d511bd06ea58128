"""The one text preparation every detector reads: what it removes, folds and keeps, and its offset map."""

from __future__ import annotations

import gc
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.engine import clean_text
from detectors.text_prepare import MAX_DIGIT_RUN, MAX_MARKS, MAX_RUN, prepare, shown


@pytest.mark.parametrize("original, prepared", [
    ("Ja\u200bck", "Jack"),                      # zero-width space
    ("Ja\u200cck", "Jack"),                      # zero-width non-joiner
    ("Ja\u200dck", "Jack"),                      # zero-width joiner
    ("Ja\u2060ck", "Jack"),                      # word joiner
    ("Ja\u00adck", "Jack"),                      # soft hyphen
    ("\ufeffJack", "Jack"),                      # byte order mark
    ("Ja\u2062ck", "Jack"),                      # invisible times
    ("Jack\U000e0041\U000e007f", "Jack"),        # tag characters
    ("Ja\ufe0fck", "Jack"),                      # variation selector
    ("Ja\u3164ck", "Jack"),                      # Hangul filler
    ("Ja\x07ck", "Jack"),                        # a control character
    ("\u202aJa\u202bck\u202c", "Jack"),          # LRE, RLE, PDF
    ("\u2066Ja\u2067c\u2068k\u2069", "Jack"),    # LRI, RLI, FSI, PDI
    ("Ja\u200ec\u200fk\u061c", "Jack"),          # LRM, RLM, ALM
    ("\u202dJack\u202c", "Jack"),                # LRO
    ("you \u202etoidi\u202c!", "you idiot!"),    # RLO: what the reader sees
    ("see \u202eEpmAx3/yl.tib", "see bit.ly/3xAmpE"),
    ("ｆｕｃｋ ｏｆｆ", "fuck off"),                # fullwidth
    ("𝐢𝐝𝐢𝐨𝐭 𝒾𝒹𝒾𝑜𝓉 𝟎𝟕𝟕𝟎𝟎", "idiot idiot 07700"),  # mathematical letters and digits
    ("ⓘⓓⓘⓞⓣ", "idiot"),                          # circled
    ("07700\u00a0900\u2009672", "07700 900 672"),  # no-break and thin spaces
    ("ﬁne…", "fine..."),                         # ligature, ellipsis
    ("Іdіоt", "Idiot"),                          # Cyrillic look-alikes inside a Latin word
    ("bіt.ly", "bit.ly"),
    ("Frеya", "Freya"),
    ("Ρaypal", "Paypal"),                        # Greek capital rho
    ("go fսck yourself", "go fuck yourself"),    # Armenian "ս" inside a Latin word
    ("Ꭺrsehole", "Arsehole"),                    # Cherokee capital A
    ("ꓓumb", "Dumb"),                            # Lisu letter for a capital D
    ("fuuuuuuuck!!!!!!!", "fuuuck!!!"),          # runs of one character cut to 3
    ("m" + "*" * 100 + "q", "m***q"),
    ("*#" * 100, "*#" * 10),                     # a run of symbols cut to 20 (spaCy's tokenizer is quadratic on them)
    ("so angry 😡🤬" * 30, ("so angry 😡🤬" * 30)),  # short symbol runs between words are kept
    ("x" + "-=" * 40 + "y", "x" + "-=" * 10 + "y"),
    ("=-\u200b" + "=-" * 9 + "_x", "=-" * 10 + "_x"),  # an underscore ends a run of symbols, as in a regex's \w
    ("a\x00b", "a b"),                           # NUL
    ("a\ud800b", "a\ufffdb"),                    # lone surrogate
    ("cafe\u0301", "café"),                      # NFC
    ("٠٧٧٠٠ ٩٠٠١٢٣", "07700 900123"),            # Arabic-Indic digits, as Sorani and Arabic families type them
    ("۰۷۷۰۰", "07700"),                          # Persian digits
    ("০৭৭০০ ৯০০১২৩", "07700 900123"),            # Bengali digits
])
def test_what_preparation_does(original, prepared):
    assert prepare(original).text == prepared


@pytest.mark.parametrize("text", [
    "Well done Year 6! See you at 3pm on 12/07/2025.",
    "Diolch yn fawr, Ŵyn, Siân a Dafydd: llongyfarchiadau!",    # Welsh
    "zażółć gęślą jaźń, Łukasz",                              # Polish
    "Привет всем",                                            # a wholly Cyrillic sentence
    "Καλή χρονιά",                                            # a wholly Greek one
    "Շնորհակալություն ուսուցչին",                             # a wholly Armenian one
    "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ",                                             # Cherokee
    "call 07777 777777 or 0800 000 0000",                     # runs of digits in phone numbers
    "account 00000000, sort code 11-11-11",
    "www.example.com, Mississippi, Brrr",
    "½ price, 20 m², £5 – ok “quoted” don’t",
    "emoji 👍🏽 and 🇬🇧 and 👨\u200d👩\u200d👧 stay",
])
def test_ordinary_text_keeps_its_letters_digits_and_diacritics(text):
    out = prepare(text).text
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf" and c != "\ufe0f")
    if text.startswith("½"):
        assert out == "½ price, 20 m2, £5 – ok “quoted” don’t"
    else:
        assert out == unicodedata.normalize("NFC", visible)


def test_plain_text_is_not_copied_or_mapped():
    prepared = prepare("hello there, see you at 3pm")
    assert not prepared.changed and prepared.to_original(6, 11) == (6, 11)


@pytest.mark.parametrize("original, word, evidence", [
    ("call Ja\u200dck Smith now", "Jack Smith", "Ja\u200dck Smith"),
    ("at bit\u200b.ly/x ok", "bit.ly/x", "bit\u200b.ly/x"),
    ("is 07700\u200b900\u00ad672.", "07700900672", "07700\u200b900\u00ad672"),
    ("fuuuuuuuuuuck off", "fuuuck", "fuuuuuuuuuuck"),
    ("you are an \u202etoidi\u202c now", "idiot", "toidi"),
    ("cafe\u0301 time", "café", "cafe\u0301"),
    ("\ufeff\u200bJack", "Jack", "Jack"),
    ("Jack\u200b\u200b", "Jack", "Jack"),
    ("Іdіоt!", "Idiot", "Іdіоt"),
    ("ｆｕｃｋ ｏｆｆ", "off", "ｏｆｆ"),
])
def test_a_span_of_the_prepared_text_maps_back_onto_what_the_user_wrote(original, word, evidence):
    prepared = prepare(original)
    start = prepared.text.index(word)
    s, e = prepared.to_original(start, start + len(word))
    assert original[s:e] == evidence


def test_whole_item_and_empty_spans():
    prepared = prepare("\u200bJa\u200dck")
    assert prepared.to_original(0, 0) == (0, 0)
    assert prepared.to_original(4, 4) == (6, 6)
    assert prepared.to_original(2, 99) == (4, 6)


def test_stacked_marks_are_capped():
    zalgo = "a" + "\u0301\u0300\u0302\u0323" * 500 + "b"
    out = prepare(zalgo).text
    assert out[-1] == "b" and len(out) <= MAX_MARKS + 2
    assert len(clean_text(zalgo)) <= MAX_MARKS + 2


@given(st.text(max_size=300))
@settings(max_examples=2000, deadline=None)
def test_any_text_prepares_to_safe_text_with_valid_offsets(text):
    prepared = prepare(text)
    out = prepared.text
    out.encode("utf-8")  # no lone surrogates
    assert "\x00" not in out
    assert not any(unicodedata.category(c) == "Cf" for c in out)
    run, prev = 0, None
    for c in out:
        run = run + 1 if c == prev else 1
        prev = c
        assert run <= (MAX_DIGIT_RUN if c.isdigit() else MAX_RUN)
    for start in range(0, len(out) + 1, 7):
        for end in (start, start + 1, start + 5, len(out)):
            if end < start or end > len(out):
                continue
            s, e = prepared.to_original(start, end)
            assert 0 <= s <= e <= len(text)
            if end > start:
                assert s < e
    assert prepare(out).text == out  # preparing twice changes nothing more


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cf", "Cc", "Cs", "Mn", "Mc", "Me")),
               max_size=200),
       st.lists(st.sampled_from(["\u200b", "\u200d", "\u00ad", "\u2060", "\ufeff", "\u200e", "\u2066"]),
                max_size=20), st.randoms(use_true_random=False))
@settings(max_examples=500, deadline=None)
def test_inserting_invisible_characters_changes_nothing_the_detectors_read(text, marks, rnd):
    chars = list(text)
    for mark in marks:
        chars.insert(rnd.randint(0, len(chars)), mark)
    assert prepare("".join(chars)).text == prepare(text).text


def _best_times(runs: int, *jobs) -> list[float]:
    """The fastest of ``runs`` timings of each job, taken in turn, garbage collection off.

    The machine is shared: taking the jobs in turn exposes them to the same load, and the best run of each
    is the least disturbed.
    """
    best = [float("inf")] * len(jobs)
    gc.disable()
    try:
        for _ in range(runs):
            for k, job in enumerate(jobs):
                t = time.perf_counter()
                job()
                best[k] = min(best[k], time.perf_counter() - t)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("unit", ["*", "*#", "😀🎉", "a\u0301", "\u200b", "x\u200b", "🙂", "Іdіоt ", "\u202eab",
                                  "é\u200b ", "7"])
def test_preparation_time_grows_linearly(unit):
    """One text 16 times as long takes about as long as 16 short ones (a quadratic step: 16 times longer)."""
    small, large = (unit * (3_125 // len(unit))), (unit * (50_000 // len(unit)))
    t_small16, t_large = _best_times(5, lambda: [prepare(small) for _ in range(16)], lambda: prepare(large))
    assert t_large < 0.5  # far below the per-item budget even at the length cap
    assert t_large / t_small16 < 4


@pytest.mark.parametrize("raw, want", [
    ("plain text", "plain text"),
    ("you \u202etoidi\u202c now", "you toidi now"),
    ("Ol\u200divia\u00ad", "Olivia"),
    ("bell\x07 and esc\x1b[31m", "bell and esc[31m"),
    ("Dafydd ŵyr Łucja", "Dafydd ŵyr Łucja"),
    ("fuuuuuck ８", "fuuuuuck ８"),
])
def test_shown_text_drops_only_what_cannot_be_seen(raw, want):
    assert shown(raw) == want
