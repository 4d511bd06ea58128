"""Models that have never seen one community: what the shipped models are like on a school nobody wrote for.

For each synthetic comment file (one invented community each), the abuse and commercial models are fitted exactly
as ``training.train`` fits the shipped ones (the public rows of training/SOURCES.md plus every synthetic line,
weighted SYNTHETIC_WEIGHT) but without that file. ``training/calibrate.py`` scores each community with its own
held-out models, so the learned layer's minimums and the calibration of its findings are fitted on how the models
read text from a community they were not trained on; ``training/crosscheck.py`` reports the same models.
"""

from __future__ import annotations

import logging
from pathlib import Path

from detectors.learned import MODEL_NAMES, LearnedModel
from training.datasets import rows_for, synthetic_files, synthetic_rows
from training.sources import declared_sources, verify
from training.train import train_model

logger = logging.getLogger(__name__)


def community_models(data_dir: Path, names=MODEL_NAMES) -> dict[str, dict[str, LearnedModel]]:
    """Per synthetic file stem and model name, the model fitted without that file."""
    sources = declared_sources()
    verify(data_dir, sources)
    out: dict[str, dict[str, LearnedModel]] = {}
    for name in names:
        public = rows_for(name, data_dir, sources)
        for held in synthetic_files():
            fitted = train_model(name, public + synthetic_rows(name, without=held.stem))
            out.setdefault(held.stem, {})[name] = LearnedModel(
                name, fitted["weights"], fitted["bias"], fitted["platt_a"], fitted["platt_b"])
            logger.info("%s fitted without %s", name, held.stem)
    return out
