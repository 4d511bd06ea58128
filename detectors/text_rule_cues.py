"""A cue rule with its provenance: the general pattern of language it stands for.

Every phrase or cue regex in :mod:`detectors.text_abuse_phrases`, :mod:`detectors.commercial` and
:mod:`detectors.child_safety` is a :class:`Rule`. A rule must stand for a general way of saying
something, never for the wording of one example; ``reason`` says which, in one line, and
``training/rule_audit.py`` counts the labelled items each rule matches in each source.
Paraphrases written for each rule (``tests/detectors/paraphrases/``) keep it honest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One cue: ``(category, score, name, pattern)`` plus the general ``reason`` it exists.

    Unpacks as the 4-tuple ``(category, score, name, pattern)`` that the detectors read, so
    ``for c, s, n, p in RULES`` keeps working.
    """

    category: str
    score: float
    name: str
    pattern: str
    reason: str

    def __iter__(self) -> Iterator:
        """The tuple view ``(category, score, name, pattern)``."""
        return iter((self.category, self.score, self.name, self.pattern))


def cue_parts(pattern: str) -> list[str]:
    """The separate cues a rule's pattern is made of: its top-level alternatives.

    A pattern wrapped whole as ``\\b(?:a|b|c)\\b`` is opened up into ``\\b(?:a)\\b``, ``\\b(?:b)\\b``, ...,
    so that each wording a rule accepts can be counted (``training/rule_audit.py``).
    """
    from detectors.text_fastre import top_level_alternatives

    parts = top_level_alternatives(pattern)
    if len(parts) == 1 and pattern.startswith(r"\b(?:") and pattern.endswith(r")\b"):
        inner = pattern[5:-3]
        if len(top_level_alternatives(f"({inner})")) == 1 and _balanced(inner):
            return [rf"\b(?:{part})\b" for part in top_level_alternatives(inner)]
    return parts


def _balanced(pattern: str) -> bool:
    """Whether no group of ``pattern`` closes one opened before it (so it is one whole group body)."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1  # a "]" or "^" right after "[" is part of the class
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0
