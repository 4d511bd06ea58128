"""One account to poll, as the configuration declares it and a connector reads it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import ConfigError


@dataclass
class Account:
    """One account to poll. ``credentials`` maps a credential name to the env var holding it."""

    name: str
    platform: str
    account_id: str
    enabled: bool = True
    credentials: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def secret(self, key: str) -> str | None:
        """Read one credential from its environment variable, or the file ``<VAR>_FILE`` names."""
        var = self.credentials.get(key)
        if not var:
            return None
        value = os.environ.get(var)
        if value:
            return value.strip()
        path = os.environ.get(var + "_FILE")
        if path and Path(path).is_file():
            try:
                return Path(path).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
                raise ConfigError([f"accounts.{self.name}.credentials.{key}: the file that {var}_FILE names "
                                   f"cannot be read: {reason}"]) from None
        return None
