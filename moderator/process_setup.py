"""Process-wide set-up for every ``moderator`` command: logging levels and private files.

Our own loggers follow ``-v`` (WARNING, then INFO, then DEBUG). Third-party libraries are
capped below DEBUG whatever the verbosity, because their debug output is where item text
leaks: Presidio prints the words and e-mail addresses it weighed, urllib3 prints request URLs
(with their query tokens), SQLAlchemy prints statement parameters. Set
``MODERATOR_DEBUG_THIRD_PARTY=1`` to lift the caps while debugging a library, knowingly.

The umask makes every file the process creates (database, journals, outbox, state and lock
files, the demo's folder) readable by its owner only.
"""

from __future__ import annotations

import logging
import os

DEBUG_THIRD_PARTY_ENV = "MODERATOR_DEBUG_THIRD_PARTY"
OUR_PACKAGES = ("moderator", "connectors", "detectors", "storage", "__main__")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
UMASK = 0o077

# The most each library may say, whatever -v asks for. INFO where its INFO lines are only about
# the process (jobs added, upgrades run); WARNING where even INFO may carry content or URLs.
THIRD_PARTY_CAPS = {
    "apscheduler": logging.INFO,
    "alembic": logging.INFO,
    "presidio-analyzer": logging.WARNING,
    "presidio_analyzer": logging.WARNING,
    "presidio": logging.WARNING,
    "decision_process": logging.WARNING,  # Presidio's decision trace: the analysed words themselves
    "spacy": logging.WARNING,
    "urllib3": logging.WARNING,
    "requests": logging.WARNING,
    "requests_oauthlib": logging.WARNING,
    "oauthlib": logging.WARNING,
    "sqlalchemy": logging.WARNING,
    "tweepy": logging.WARNING,
    "facebook": logging.WARNING,
    "tldextract": logging.WARNING,
    "filelock": logging.WARNING,
    "asyncio": logging.WARNING,
    "mail.log": logging.WARNING,  # aiosmtpd, in tests
}
OTHER_CAP = logging.WARNING  # any library not listed above


def level_for(verbosity: int) -> int:
    """The level of our own loggers for ``-v`` given ``verbosity`` times (0: warnings only)."""
    return max(logging.DEBUG, logging.WARNING - 10 * max(0, verbosity))


def _ours(name: str) -> bool:
    return name == "root" or any(name == p or name.startswith(p + ".") for p in OUR_PACKAGES)


def _cap_for(name: str) -> int:
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        cap = THIRD_PARTY_CAPS.get(".".join(parts[:i]))
        if cap is not None:
            return cap
    return OTHER_CAP


class ThirdPartyCap(logging.Filter):
    """Drops records of libraries below their cap (for libraries not listed as well)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep our records and third-party records at or above the library's cap."""
        return _ours(record.name) or record.levelno >= _cap_for(record.name)


def third_party_unlocked() -> bool:
    """True when the environment asks for third-party debug output."""
    return os.environ.get(DEBUG_THIRD_PARTY_ENV, "").strip().lower() in ("1", "true", "yes")


def configure_process(verbosity: int) -> None:
    """Set logging for ``-v`` x ``verbosity``, cap third-party loggers, and make new files owner-only."""
    os.umask(UMASK)
    level = level_for(verbosity)
    root = logging.getLogger()
    root.setLevel(level)
    unlocked = third_party_unlocked()
    for name, cap in THIRD_PARTY_CAPS.items():
        logging.getLogger(name).setLevel(logging.NOTSET if unlocked else max(level, cap))
    handler = next((h for h in root.handlers if getattr(h, "_moderator", False)), None)
    if handler is None and not root.handlers:  # like basicConfig: leave a host's handlers (pytest's) alone
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._moderator = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    if handler is not None:
        for f in [f for f in handler.filters if isinstance(f, ThirdPartyCap)]:
            handler.removeFilter(f)
        if not unlocked:
            handler.addFilter(ThirdPartyCap())
