"""The training files declared in training/SOURCES.md, and their checksum check (a mismatch refuses training)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

SOURCES_MD = Path(__file__).with_name("SOURCES.md")


class ChecksumMismatch(RuntimeError):
    """A declared training file is missing or differs from its recorded sha256."""


@dataclass(frozen=True)
class SourceFile:
    """One data file: the set it belongs to, its path under the data folder, licence, roles and checksum."""

    dataset: str
    path: str
    licence: str
    roles: dict[str, str]
    sha256: str


def declared_sources(markdown: Path = SOURCES_MD) -> list[SourceFile]:
    """Parse the table of SOURCES.md (rows of six cells whose last cell is a sha256)."""
    sources = []
    for line in markdown.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 6 or len(cells[5]) != 64 or not all(c in "0123456789abcdef" for c in cells[5]):
            continue
        dataset, path, licence, abuse_role, commercial_role, digest = cells
        sources.append(SourceFile(dataset, path, licence, {"abuse": abuse_role, "commercial": commercial_role}, digest))
    return sources


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(data_dir: Path, sources: list[SourceFile]) -> None:
    """Raise ChecksumMismatch unless every declared file exists under data_dir with its recorded sha256."""
    problems = []
    for source in sources:
        path = data_dir / source.path
        if not path.is_file():
            problems.append(f"{source.path}: missing")
        elif sha256_file(path) != source.sha256:
            problems.append(f"{source.path}: sha256 differs from training/SOURCES.md")
    if problems:
        raise ChecksumMismatch("; ".join(problems))
