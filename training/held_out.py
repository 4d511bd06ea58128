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
import multiprocessing
import os
from pathlib import Path

import numpy as np

from detectors.learned import FEATURES_VERSION, MODEL_NAMES, LearnedModel
from training.datasets import rows_for, synthetic_files, synthetic_rows
from training.sources import declared_sources, verify
from training.train import train_model

logger = logging.getLogger(__name__)
#: Held-out models fitted at once: one per core (this machine has two), never more than four.
WORKERS = max(1, min(4, os.cpu_count() or 1))


def community_models(data_dir: Path, names=MODEL_NAMES, cache: Path | None = None,
                     workers: int = WORKERS) -> dict[str, dict]:
    """Per synthetic file stem and model name, the model fitted without that file.

    With ``cache``, each model is kept there under a key of everything it was fitted from (the declared files'
    checksums, every synthetic file, the features and training code), and reused while that key holds. The models
    still to fit are fitted ``workers`` at a time in forked processes (each fit is single-threaded and
    deterministic, so the models are the same as fitted one by one).
    """
    sources = declared_sources()
    verify(data_dir, sources)
    key = _key(sources)
    out: dict[str, dict[str, LearnedModel]] = {}
    for name in names:
        todo = []
        for held in synthetic_files():
            path = _cache_path(cache, held.stem, name, key)
            if path and path.exists():
                with np.load(path) as saved:
                    out.setdefault(held.stem, {})[name] = LearnedModel(
                        name, saved["weights"], *(float(saved[k]) for k in ("bias", "a", "b")))
            else:
                todo.append(held.stem)
        if todo:
            _PUBLIC[name] = rows_for(name, data_dir, sources)
            context = multiprocessing.get_context("fork")
            with context.Pool(max(1, min(workers, len(todo)))) as pool:
                fitted = pool.starmap(_fit_without, [(name, stem) for stem in todo])
            _PUBLIC.pop(name)
            for stem, (weights, bias, a, b) in zip(todo, fitted, strict=True):
                if path := _cache_path(cache, stem, name, key):
                    cache.mkdir(parents=True, exist_ok=True)
                    np.savez(path, weights=weights, bias=bias, a=a, b=b)
                out.setdefault(stem, {})[name] = LearnedModel(name, weights, bias, a, b)
        logger.info("%s: %d held-out models ready (%d fitted now)", name, len(out), len(todo))
    return {held.stem: out[held.stem] for held in synthetic_files() if held.stem in out}


def _cache_path(cache: Path | None, stem: str, name: str, key: str) -> Path | None:
    """Where the model ``name`` fitted without community ``stem`` is kept under ``key`` (None: no cache)."""
    return cache / f"{stem}.{name}.{key}.npz" if cache else None


_PUBLIC: dict[str, list] = {}  # the public rows of the model being fitted, inherited by the forked workers


def _fit_without(name: str, stem: str) -> tuple[np.ndarray, float, float, float]:
    """The model ``name`` fitted on the public rows and every synthetic file but ``stem`` (in a worker)."""
    fitted = train_model(name, _PUBLIC[name] + synthetic_rows(name, without=stem))
    return fitted["weights"], fitted["bias"], fitted["platt_a"], fitted["platt_b"]


def _key(sources) -> str:
    digest = hashlib.sha256(str(FEATURES_VERSION).encode())
    for source in sources:
        digest.update(source.sha256.encode())
    here = Path(__file__).parent
    for path in [*synthetic_files(), here / "train.py", here / "datasets.py", here.parent / "detectors/learned.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
