"""The training pipeline's own guarantees: declared sources, checksum refusal, stable splits, calibration tables."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from training.metrics import best_threshold, binary_scores, expected_calibration_error, reliability_table
from training.sources import ChecksumMismatch, declared_sources, verify
from training.train import main, split_of

FORBIDDEN = ("youtube", "davidson", "jigsaw", "sms", "wnut", "hurtlex", "hateval", "olid", "osact", "gab", "ban-pl")


def test_sources_declare_both_models_and_none_of_the_held_back_or_restricted_sets() -> None:
    sources = declared_sources()
    assert {role for s in sources for role in s.roles.values()} >= {"abuse", "commercial", "negatives"}
    for source in sources:
        assert not any(word in source.path.lower() for word in FORBIDDEN), source.path
        assert not source.path.startswith(("/", "..")) and source.path.split("/")[0] != "eval"


def _fake_data(tmp_path: Path, corrupt: str | None) -> tuple[Path, list]:
    sources = declared_sources()[:2]
    for source in sources:
        path = tmp_path / source.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"invented")
    digest = hashlib.sha256(b"invented").hexdigest()
    fixed = [s.__class__(s.dataset, s.path, s.licence, s.roles, digest) for s in sources]
    if corrupt:
        (tmp_path / fixed[0].path).write_bytes(corrupt.encode())
    return tmp_path, fixed


def test_verify_accepts_matching_files_and_refuses_a_changed_or_missing_one(tmp_path: Path) -> None:
    folder, sources = _fake_data(tmp_path, None)
    verify(folder, sources)
    (folder / sources[0].path).write_bytes(b"changed")
    with pytest.raises(ChecksumMismatch, match="sha256"):
        verify(folder, sources)
    (folder / sources[1].path).unlink()
    with pytest.raises(ChecksumMismatch, match="missing"):
        verify(folder, sources)


def test_training_refuses_a_data_folder_that_does_not_match(tmp_path: Path) -> None:
    with pytest.raises(ChecksumMismatch):
        main(["--data", str(tmp_path), "--out", str(tmp_path / "out")])
    assert not (tmp_path / "out").exists()


def test_split_is_stable_and_ignores_case_and_spacing() -> None:
    assert split_of("Hello  there") == split_of("hello there")
    shares = [split_of(f"invented comment number {i}") for i in range(5000)]
    assert 0.07 < shares.count("test") / 5000 < 0.13
    assert 0.07 < shares.count("calibration") / 5000 < 0.13


def test_reliability_table_reports_predicted_and_observed_per_bin() -> None:
    labels = [False] * 9 + [True] + [True] * 9 + [False]
    probabilities = [0.05] * 10 + [0.95] * 10
    table = reliability_table(labels, probabilities)
    assert table[0] == {"bin": "0.0-0.1", "items": 10, "mean_predicted": 0.05, "observed_positive": 0.1}
    assert table[9]["observed_positive"] == 0.9 and sum(row["items"] for row in table) == 20
    assert expected_calibration_error(table) == pytest.approx(0.05)


def test_scores_at_a_threshold_and_the_best_threshold() -> None:
    labels = [True, True, False, False]
    probabilities = [0.9, 0.4, 0.3, 0.1]
    assert binary_scores(labels, probabilities)["recall"] == 0.5
    assert best_threshold(labels, probabilities)["f1"] == 1.0
