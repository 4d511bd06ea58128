"""The named_child cue model: a logistic model over :data:`detectors.names_features.FEATURES`.

Its weights are plain JSON numbers in ``detectors/data/names_model.json`` (made by
``python -m training.names_model``; its card, ``names_model.card.json``, records the training files, their
sha256 and the held-out measurement). The score is the model's probability: 0.5 is the detector's threshold.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from detectors.names_features import FEATURES

MODEL_FILE = "names_model.json"
CARD_FILE = "names_model.card.json"


class CueModel:
    """Weights per feature and a bias; ``score`` is the logistic of their sum."""

    def __init__(self, weights: dict[str, float], bias: float) -> None:
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"names model has weights for unknown features: {sorted(unknown)}")
        self.weights = {f: float(weights.get(f, 0.0)) for f in FEATURES}
        self.bias = float(bias)

    def score(self, features: dict[str, float]) -> float:
        """The probability that the candidate names a child."""
        z = self.bias + sum(self.weights.get(f, 0.0) * v for f, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_json(self) -> dict:
        """The model as the JSON object the data file holds."""
        return {"model": "names_model", "features": list(FEATURES), "bias": round(self.bias, 6),
                "weights": {f: round(w, 6) for f, w in self.weights.items()}}

    @classmethod
    def from_json(cls, data: dict) -> CueModel:
        """Build from the data file's object."""
        return cls(data["weights"], data["bias"])


@lru_cache(maxsize=1)
def shipped() -> CueModel:
    """The model shipped in ``detectors/data``: read once, from the package, never from the network."""
    text = resources.files("detectors.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return CueModel.from_json(json.loads(text))
