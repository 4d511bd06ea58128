"""What the words around a candidate name say about whether a child is meant: a learned, language-blind reader.

The named_child cue features (:mod:`detectors.names_features`) read kin words, year groups, praise and the like
from hand-kept patterns, mostly English. A grandmother's Tigrinya "ዮናስ ወደይ" ("Yonas my son"), a Slovak "som mama
Nikolky z 2. triedy" or "tyrese is an actual wasteman ... cant even catch a baton" carry the context in words no
pattern lists. This model reads the window of text around the candidate, with the candidate itself replaced by
one placeholder word (so it learns the context, never the name), as hashed character n-grams of the text
transliterated to Latin letters (``anyascii``: a script and its romanisation share features), hashed word
unigrams and bigrams as written, and the three words either side of the name by their position, and gives the
probability that the name there is a child's. It is fitted by
``python -m training.names_model`` on the invented schools of ``training/synthetic_names`` and ordinary public
comments, and is one feature (``context``) of the cue model, never a decision alone.

The weights are plain numbers in ``detectors/data/names_context.npz`` (float16, never pickled); the card
``names_context.card.json`` records the training run and the file's sha256, checked on load.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from anyascii import anyascii

from detectors.hashed_features import HashedNgrams

MODEL_FILE = "names_context.npz"
CARD_FILE = "names_context.card.json"
#: Bumped whenever ``windows`` or ``featurise`` change; weights fitted on other features refuse to load.
FEATURES_VERSION = 2
#: Characters read either side of the candidate: a sentence or so ("... thats my little cousin" after a name).
WINDOW = 80
#: The one word the candidate becomes: no name's letters reach the model.
SLOT = " xnamex "
CHAR_FEATURES = 2**17
WORD_FEATURES = 2**16
NEAR_FEATURES = 2**16
N_FEATURES = CHAR_FEATURES + WORD_FEATURES + NEAR_FEATURES
#: Words either side of the slot read by their position ("b1=son", "b2=my", "a1=is"): "my son ___" and "___ my son"
#: say more than the same words anywhere in the window.
NEAR = 3
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")


class ContextModelError(RuntimeError):
    """The shipped context weights do not match their card (corrupted, replaced or of other features)."""


def window(text: str, start: int, end: int) -> str:
    """The text around ``text[start:end]`` with the span itself replaced by the placeholder word."""
    before, after = text[max(0, start - WINDOW):start], text[end:end + WINDOW]
    return _SPACES.sub(" ", f"{before}{SLOT}{after}").strip()


@cache
def _vectorisers() -> tuple[HashedNgrams, HashedNgrams, HashedNgrams]:
    chars = HashedNgrams("char_wb", CHAR_FEATURES, ngram_range=(2, 4))
    words = HashedNgrams("word", WORD_FEATURES, ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b")
    near = HashedNgrams(str.split, NEAR_FEATURES)
    return chars, words, near


def near_words(window_text: str) -> str:
    """The words beside the slot by position, as written and transliterated: "b1=son b1=son b2=my a1=is ..."."""
    before, _, after = window_text.partition(SLOT.strip())
    left, right = _WORDS.findall(before.lower())[-NEAR:][::-1], _WORDS.findall(after.lower())[:NEAR]
    out = []
    for side, words in (("b", left), ("a", right)):
        for k, word in enumerate(words, start=1):
            out += [f"{side}{k}={word}", f"{side}{k}={anyascii(word)}", f"{side}={anyascii(word)}"]
    return " ".join(out) or "none"


def featurise(windows: list[str]) -> sp.csr_matrix:
    """The hashed features of some windows (training and scoring use this same function)."""
    chars, words, near = _vectorisers()
    return sp.hstack([chars.transform([anyascii(w) for w in windows]), words.transform(windows),
                      near.transform([near_words(w) for w in windows])], format="csr")


class ContextModel:
    """A linear model over :func:`featurise`; ``probability`` is the chance the name in the window is a child's."""

    def __init__(self, weights: np.ndarray, bias: float) -> None:
        if weights.shape != (N_FEATURES,):
            raise ContextModelError(f"context weights have shape {weights.shape}, expected ({N_FEATURES},)")
        self.weights = weights.astype(np.float32)
        self.bias = float(bias)

    def logits(self, windows: list[str]) -> np.ndarray:
        """The model's log-odds for each window."""
        return featurise(windows) @ self.weights + self.bias

    def probability(self, text: str, start: int, end: int) -> float:
        """The probability that ``text[start:end]`` names a child, from its surroundings alone."""
        z = float(self.logits([window(text, start, end)])[0])
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def save(self, folder: Path, card: dict) -> None:
        """Write the weights (float16) and the card with their sha256."""
        path = folder / MODEL_FILE
        with path.open("wb") as f:
            np.savez_compressed(f, weights=self.weights.astype(np.float16), bias=np.array([self.bias]),
                                features_version=np.array([FEATURES_VERSION]))
        card = {"model_file": {"name": MODEL_FILE, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()},
                "features_version": FEATURES_VERSION, **card}
        (folder / CARD_FILE).write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ContextModel:
        """Read the weights, checking their sha256 and feature version against the card."""
        path, card_path = folder / MODEL_FILE, folder / CARD_FILE
        card = json.loads(card_path.read_text(encoding="utf-8"))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != card["model_file"]["sha256"]:
            raise ContextModelError(f"{path.name}: sha256 {digest[:12]} does not match its card")
        with np.load(path, allow_pickle=False) as data:
            if int(data["features_version"][0]) != FEATURES_VERSION:
                raise ContextModelError(f"{path.name}: fitted on features version "
                                        f"{int(data['features_version'][0])}, this code reads {FEATURES_VERSION}")
            return cls(data["weights"].astype(np.float32), float(data["bias"][0]))


@lru_cache(maxsize=1)
def shipped() -> ContextModel:
    """The weights shipped in ``detectors/data``: read once, from the package, never from the network."""
    return ContextModel.load(Path(str(resources.files("detectors.data"))))


#: The lowest log-odds the feature passes on. The reader learns from a few thousand invented comments, and a
#: context they rarely wrote can read as strongly adult ("so proud of ___ today": "of ___" is mostly "the Isle
#: of Skye" there); floored, it can lift a name the rules miss but not sink one they found.
FLOOR = -2.0


def feature(probability: float) -> float:
    """The cue model's ``context`` feature: the log-odds, clipped to [FLOOR, 4] and scaled by 1/4."""
    p = min(max(probability, 1e-6), 1 - 1e-6)
    return max(FLOOR, min(4.0, math.log(p / (1 - p)))) / 4.0
