"""Imports run one way: the CLI, pipeline and web pages use connectors, detectors and storage; those use only
``core`` (and libraries); ``core`` uses nothing of ours. A module that reached up would tie a connector or a
detector to the daemon's configuration and make a worker import the whole pipeline to read an item."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"core", "connectors", "detectors", "storage", "moderator", "training", "tests"}
# what each package may import of ours (itself always)
ALLOWED = {
    "core": set(),
    "connectors": {"core", "storage"},
    "detectors": {"core"},
    "storage": {"core"},
}


def _imports(path: Path) -> set[str]:
    """The top-level packages of ours that ``path`` imports, anywhere in the module (type-checking blocks too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & OURS


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_lower_packages_never_import_upwards(package):
    wrong = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        extra = _imports(path) - ALLOWED[package] - {package}
        if extra:
            wrong[str(path.relative_to(ROOT))] = sorted(extra)
    assert not wrong, f"modules of {package}/ import packages above them: {wrong}"


def test_the_check_sees_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from moderator.config import Config\n")
    assert _imports(bad) == {"moderator"}
