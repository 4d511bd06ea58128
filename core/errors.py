"""The error every configuration problem raises, wherever it is found (the config file, a secret, a roster)."""

from __future__ import annotations


class ConfigError(Exception):
    """One or more problems in the configuration; ``problems`` lists each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
