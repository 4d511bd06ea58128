"""Which language an item is written in, offline, or "und" (undetermined) when the text cannot tell.

The model is py3langid's (a naive Bayes over byte n-grams, 140 languages, shipped inside the package,
about 0.1 ms per comment). Short texts, emoji, names, links and mentions carry no reliable language:
an item with fewer than :data:`MIN_WORDS` words of letters, or whose best guess is below
:data:`MIN_CONFIDENCE`, is "und". Undetermined is not "not understood": only a confident guess of a
language the detectors cannot judge makes the policy hold an item.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from detectors.multilingual import LEXICON_DIR, lexicon_language

log = logging.getLogger(__name__)

UNDETERMINED = "und"
_ABUSE_MODEL_CARD = Path(__file__).resolve().parent / "data" / "models" / "abuse.json"
#: Languages with a shipped abuse lexicon besides English (``detectors/data/lexicons/<source>_<lang>.txt``).
LEXICON_LANGUAGES: frozenset[str] = frozenset(lexicon_language(p) for p in LEXICON_DIR.glob("*.txt"))
#: The languages the detectors can judge: English, and every language with a shipped abuse lexicon.
DETECTOR_LANGUAGES: frozenset[str] = frozenset({"en"}) | LEXICON_LANGUAGES
# Romanised Urdu/Punjabi function words no English or Somali sentence uses ("kya", "nahi", "hai").
_ROMAN_URDU = frozenset("""hai hain nahi nahin nai kya kyun kyon tum mera meri mere yaar acha achha accha bhai aur
bhi tha thi raha rahi rahe bohat bahut bohot kuch yeh woh hota hoti kaise kese tera teri tere sirf abhi phir pata
kab jab hum humein apna apni karo karna kiya gaya gayi wala wali tumhara tumhari aap apka apki ko se ki ke""".split())
ROMAN_URDU_MIN_DISTINCT = 3  # distinct such words an item needs
ROMAN_URDU_MIN_SHARE = 0.25  # and the share of its words they make
_LATIN_WORD = re.compile(r"[a-z]+")
MIN_WORDS = 3  # words of two letters or more, links, mentions and hashtags left out
MIN_CONFIDENCE = 0.7  # py3langid's length-calibrated probability of its best guess
MAX_CHARS = 2_000  # the language of a long text is plain from its start; bounds the work per item
# py3langid labels folded to the ISO 639-1 code a school writes in its configuration. Nigerian Pidgin is
# English-lexified and the model reads informal English as it ("oh go and shite fuckwit"): it counts as English.
_FOLDED = {"ary": "ar", "arz": "ar", "pcm": "en", "zxx": UNDETERMINED}


@dataclass(frozen=True)
class LanguageGuess:
    """An item's language (ISO 639-1, or "und") and the identifier's confidence in it."""

    code: str = UNDETERMINED
    confidence: float = 0.0

    @property
    def determined(self) -> bool:
        """Whether the language is known well enough to act on."""
        return self.code != UNDETERMINED


def words_with_letters(text: str) -> list[str]:
    """The text's words, without links, mentions, hashtags, e-mail addresses and tokens without letters."""
    out = []
    for token in text[:MAX_CHARS].split():
        low = token.lower()
        if "://" in low or low.startswith("www.") or "@" in token or token.startswith("#"):
            continue
        if sum(ch.isalpha() for ch in token) >= 2:
            out.append(token)
    return out


class LanguageIdentifier:
    """Identifies the language of one text; the model is loaded once, on first use."""

    def __init__(self, min_confidence: float = MIN_CONFIDENCE, min_words: int = MIN_WORDS) -> None:
        self.min_confidence = min_confidence
        self.min_words = min_words
        self._model = None

    def load(self) -> None:
        """Load py3langid's bundled model (about 1 s, about 30 MB); never downloads anything."""
        if self._model is None:
            from py3langid.langid import MODEL_FILE
            from py3langid.langid import LanguageIdentifier as _Model

            self._model = _Model.from_model_file(MODEL_FILE, norm_probs=True)

    def identify(self, text: str) -> LanguageGuess:
        """The language of ``text``, or "und" when it is too short or the guess is not confident."""
        words = words_with_letters(text)
        if len(words) < self.min_words:
            return LanguageGuess()
        if (share := roman_urdu_share(words)) is not None:
            return LanguageGuess("ur", round(min(1.0, 0.5 + share), 3))
        self.load()
        code, confidence = self._model.classify(" ".join(words))
        code = _FOLDED.get(code, code)
        if code == UNDETERMINED or confidence < self.min_confidence:
            return LanguageGuess(UNDETERMINED, round(float(confidence), 3))
        return LanguageGuess(code, round(float(confidence), 3))


def roman_urdu_share(words: list[str]) -> float | None:
    """The share of ``words`` that are romanised Urdu/Punjabi function words, or None when too few are."""
    found = [w for w in words
             if (m := _LATIN_WORD.fullmatch(w.lower().strip(".,!?'\"()"))) and m.group() in _ROMAN_URDU]
    share = len(found) / len(words)
    if len({w.lower().strip(".,!?'\"()") for w in found}) < ROMAN_URDU_MIN_DISTINCT or share < ROMAN_URDU_MIN_SHARE:
        return None
    return share


def _model_languages() -> frozenset[str]:
    """The languages the shipped abuse model was trained on (its card's counts), as ISO 639-1 codes."""
    try:
        card = json.loads(_ABUSE_MODEL_CARD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(code.split("-")[0] for code in card.get("counts_per_language", {}))


def coverage() -> dict[str, str]:
    """Per language, what judges its abuse: "lexicon", "model" or "lexicon+model"."""
    lexicons = LEXICON_LANGUAGES | {"en"}  # English: detectors/data/abuse_lexicon.txt
    models = _model_languages()
    return {code: "+".join(k for k, has in (("lexicon", code in lexicons), ("model", code in models)) if has)
            for code in sorted(lexicons | models)}
