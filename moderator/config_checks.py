"""The checks the configuration loader applies to each value: typed reads that collect problems, not raise."""

from __future__ import annotations

import math
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

# an e-mail address as the mail headers need it: no spaces, commas, angle brackets or quotes
EMAIL_ADDRESS = re.compile(r"[^\s@<>,;:\"()\[\]\\]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*")
ENV_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Checker:
    """Reads typed values out of nested tables, collecting problems instead of raising."""

    def __init__(self, path: Path, prefix: str = "") -> None:
        self.path = path
        self.prefix = prefix  # a school's keys are named under it: "schools.oakfield"
        self.problems: list[str] = []

    def within(self, prefix: str, path: Path | None = None) -> Checker:
        """A checker naming its keys under ``prefix`` (a school's), recording into this one's problems."""
        child = Checker(path or self.path, prefix)
        child.problems = self.problems
        return child

    def err(self, key: str, msg: str) -> None:
        """Record one problem as ``file: key: problem`` (the key under this checker's prefix, if any)."""
        key = f"{self.prefix}.{key}" if self.prefix and key else (key or self.prefix)
        self.problems.append(f"{self.path}: {printable(key)}: {printable(msg)}")

    def get(self, table: dict, key: str, prefix: str, kind, default=None, required=False):
        """``table[key]`` when it is of ``kind`` (finite, one line), else ``default`` and a recorded problem."""
        full = f"{prefix}.{key}" if prefix else key
        if key not in table:
            if required:
                self.err(full, "missing (required)")
            return default
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if bool in kinds and isinstance(value, bool):
            return value
        if isinstance(value, bool) or not isinstance(value, kinds):
            names = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            self.err(full, f"must be {names}, got {type(value).__name__} {_short(value)}")
            return default
        if isinstance(value, str) and has_control(value):
            self.err(full, "must not contain control characters (such as a line break or NUL)")
            return default
        if isinstance(value, float) and not math.isfinite(value):
            self.err(full, f"must be a finite number, got {value}")
            return default
        return value

    def number(self, table: dict, key: str, prefix: str, kind, default, lo, hi, unit: str = ""):
        """A number from ``lo`` to ``hi`` (``lo`` excluded when it is 0 and ``kind`` allows floats)."""
        value = self.get(table, key, prefix, kind, default)
        strict = lo == 0 and float in (kind if isinstance(kind, tuple) else (kind,))
        if (value <= lo if strict else value < lo) or value > hi:
            span = f"more than {lo} and at most {hi}" if strict else f"from {lo} to {hi}"
            self.err(f"{prefix}.{key}", f"must be {span}{unit}, got {value}")
            return default
        return value

    def str_list(self, table: dict, key: str, prefix: str) -> list[str]:
        """A list of one-line strings; the bad entries are dropped and reported."""
        value = self.get(table, key, prefix, list, [])
        full = f"{prefix}.{key}" if prefix else key
        if any(not isinstance(v, str) for v in value):
            self.err(full, "must be a list of strings")
            return [v for v in value if isinstance(v, str) and not has_control(v)]
        if any(has_control(v) for v in value):
            self.err(full, "must not contain control characters (such as a line break or NUL)")
            return [v for v in value if not has_control(v)]
        return value

    def group_names(self, table: dict, key: str, prefix: str) -> list[str]:
        """``classes`` or ``houses``: a list of names of 1 to 60 characters, e.g. ["Owls", "Class 3"]."""
        full = f"{prefix}.{key}" if prefix else key
        value = table.get(key, [])
        if not isinstance(value, list):
            self.err(full, f'must be a list of names, e.g. {key} = ["Owls", "Robins"], not a {type(value).__name__}')
            return []
        names = self.str_list(table, key, prefix)
        if any(not 0 < len(n.strip()) <= 60 for n in names):
            self.err(full, "each name must be 1 to 60 characters")
        return [n.strip() for n in names if 0 < len(n.strip()) <= 60]

    def unknown(self, table: dict, allowed: set[str], prefix: str) -> None:
        """Report every key of ``table`` that is not ``allowed``."""
        for key in table:
            if key not in allowed:
                self.err(f"{prefix}.{key}" if prefix else key, "unknown key")


_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
               list: "a list", dict: "a table"}


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character or a line or paragraph separator."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def printable(text: str) -> str:
    """``text`` on one line: each unprintable character shown as its Python escape, so nothing splits it."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def writable_file_problem(path: Path, directory: bool = False) -> str | None:
    """Why the file (or ``directory``) at ``path`` cannot be opened or created for writing; None if it can."""
    try:
        if path.exists():
            if directory != path.is_dir():
                return "is a folder, not a file" if not directory else "is a file, not a folder"
            return None if os.access(path, os.R_OK | os.W_OK) else "is not writable by this user"
        parent = path.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir():
            return f"cannot be created: {parent} is a file, not a folder"
        if not os.access(parent, os.W_OK | os.X_OK):
            return f"cannot be created: no permission to write in {parent}"
    except (OSError, ValueError) as exc:
        return f"cannot be used: {getattr(exc, 'strerror', None) or exc}"
    return None


def language_codes(table: dict, c: Checker, prefix: str) -> list[str]:
    """``languages``: ISO 639 codes, lower-cased; default ["en"].

    Two letters (ISO 639-1: "en", "cy", "pl") where the language has them, three (ISO 639-3) for those that do not:
    Scots "sco", Romani "rom", Cantonese "yue", Sylheti "syl", Pahari-Pothwari "phr".
    """
    full = f"{prefix}.languages" if prefix else "languages"
    if "languages" not in table:
        return ["en"]
    codes, before = [], len(c.problems)
    for code in c.str_list(table, "languages", prefix):
        low = code.strip().lower()
        if len(low) not in (2, 3) or not low.isascii() or not low.isalpha():
            c.err(full, f"{_short(code)} is not an ISO 639 language code (two letters, such as en, cy or pl, or "
                        "three where there are none, such as sco for Scots)")
            continue
        if low not in codes:
            codes.append(low)
    if not codes and len(c.problems) == before:
        c.err(full, 'must list at least one language, such as ["en"] (a school in Wales adds "cy")')
    return codes or ["en"]
