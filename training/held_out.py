"""Models that have never seen one community: what the shipped models are like on a school nobody wrote for.

For each synthetic comment file (one invented community each), the abuse and commercial models are fitted exactly
as ``training.train`` fits the shipped ones (the public rows of training/SOURCES.md plus every synthetic line,
weighted SYNTHETIC_WEIGHT[model]) but without that file. ``training/calibrate.py`` scores each community with its own
held-out models, so the learned layer's minimums and the calibration of its findings are fitted on how the models
read text from a community they were not trained on; ``training/crosscheck.py`` reports the same models.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np

from detectors.learned import FEATURES_VERSION, MODEL_NAMES, LearnedModel
from training.datasets import rows_for, synthetic_files, synthetic_rows
from training.sources import declared_sources, verify
from training.train import train_model

logger = logging.getLogger(__name__)


def community_models(data_dir: Path, names=MODEL_NAMES, cache: Path | None = None) -> dict[str, dict]:
    """Per synthetic file stem and model name, the model fitted without that file.

    With ``cache``, each model is kept there under a key of everything it was fitted from (the declared files'
    checksums, every synthetic file, the features and training code), and reused while that key holds.
    """
    sources = declared_sources()
    verify(data_dir, sources)
    key = _key(sources)
    out: dict[str, dict[str, LearnedModel]] = {}
    for name in names:
        public = None
        for held in synthetic_files():
            path = cache / f"{held.stem}.{name}.{key}.npz" if cache else None
            if path and path.exists():
                with np.load(path) as saved:
                    model = LearnedModel(name, saved["weights"], *(float(saved[k]) for k in ("bias", "a", "b")))
            else:
                public = public if public is not None else rows_for(name, data_dir, sources)
                fitted = train_model(name, public + synthetic_rows(name, without=held.stem))
                model = LearnedModel(name, fitted["weights"], fitted["bias"], fitted["platt_a"], fitted["platt_b"])
                if path:
                    cache.mkdir(parents=True, exist_ok=True)
                    np.savez(path, weights=fitted["weights"], bias=fitted["bias"], a=fitted["platt_a"],
                             b=fitted["platt_b"])
            out.setdefault(held.stem, {})[name] = model
            logger.info("%s without %s ready", name, held.stem)
    return out


def _key(sources) -> str:
    digest = hashlib.sha256(str(FEATURES_VERSION).encode())
    for source in sources:
        digest.update(source.sha256.encode())
    here = Path(__file__).parent
    for path in [*synthetic_files(), here / "train.py", here / "datasets.py", here.parent / "detectors/learned.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
