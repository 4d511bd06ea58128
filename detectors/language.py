"""Which language an item is written in, offline, or "und" (undetermined) when the text cannot tell.

The model is py3langid's (a naive Bayes over byte n-grams, 140 languages, shipped inside the package,
about 0.1 ms per comment). Short texts, emoji, names, links and mentions carry no reliable language:
an item with fewer than :data:`MIN_WORDS` words of letters, or whose best guess is below
:data:`MIN_CONFIDENCE`, is "und". Undetermined is not "not understood": only a confident guess of a
language the detectors cannot judge makes the policy hold an item.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

UNDETERMINED = "und"
# The languages the detectors can judge today; the multilingual abuse work extends this.
DETECTOR_LANGUAGES: frozenset[str] = frozenset({"en"})
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
        self.load()
        code, confidence = self._model.classify(" ".join(words))
        code = _FOLDED.get(code, code)
        if code == UNDETERMINED or confidence < self.min_confidence:
            return LanguageGuess(UNDETERMINED, round(float(confidence), 3))
        return LanguageGuess(code, round(float(confidence), 3))
