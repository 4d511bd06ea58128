"""The ``[school]`` table and the roster CSV it names (also an evaluation set's school.toml)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ConfigError
from detectors.base import Pupil, SchoolContext
from moderator.config_checks import Checker, has_control, language_codes

ROSTER_COLUMNS = ("first_name", "last_name", "preferred_name", "year_group", "photo_consent")


@dataclass
class School:
    """The school section."""

    name: str
    staff: list[str] = field(default_factory=list)
    public_contacts: list[str] = field(default_factory=list)
    trusted_domains: list[str] = field(default_factory=list)
    roster_path: Path | None = None
    roster: list[Pupil] = field(default_factory=list)
    # the languages the school's community writes (ISO 639-1); a school in Wales adds "cy"
    languages: list[str] = field(default_factory=lambda: ["en"])
    # the school's class and house names ("Owls", "Snowdon"): beside a first name they are child context
    classes: list[str] = field(default_factory=list)
    houses: list[str] = field(default_factory=list)

    def context(self) -> SchoolContext:
        """The read-only view of the school the detectors use."""
        return SchoolContext(name=self.name, staff=tuple(self.staff), public_contacts=tuple(self.public_contacts),
                             trusted_domains=tuple(self.trusted_domains), roster=tuple(self.roster),
                             languages=tuple(self.languages), classes=tuple(self.classes),
                             houses=tuple(self.houses))


def parse_school(t: dict, c: Checker, base: Path, prefix: str = "school") -> School:
    """Parse a school table (the daemon's ``[school]`` or an evaluation set's school.toml)."""
    c.unknown(t, {"name", "staff", "public_contacts", "trusted_domains", "roster",
                  "scored_labels", "source", "languages", "classes", "houses"}, prefix)
    name = c.get(t, "name", prefix, str, "", required=True)
    raw = t.get("name")
    if isinstance(raw, str) and not has_control(raw) and not 0 < len(raw.strip()) <= 200:
        c.err(f"{prefix}.name" if prefix else "name", "must be the school's name, 1 to 200 characters")
    school = School(
        name=name,
        staff=c.str_list(t, "staff", prefix),
        public_contacts=c.str_list(t, "public_contacts", prefix),
        trusted_domains=[d.lower().strip(".") for d in c.str_list(t, "trusted_domains", prefix)],
        languages=language_codes(t, c, prefix),
        classes=c.group_names(t, "classes", prefix),
        houses=c.group_names(t, "houses", prefix),
    )
    roster = c.get(t, "roster", prefix, str)
    if roster:
        school.roster_path = (base / roster).resolve()
        try:
            school.roster = load_roster(school.roster_path)
        except ConfigError as exc:
            for problem in exc.problems:
                c.err(f"{prefix}.roster" if prefix else "roster", problem)
    return school


def load_roster(path: Path) -> list[Pupil]:
    """Read the MIS roster CSV; ConfigError names every bad row."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
            header = rows[0].keys() if rows else []
    except FileNotFoundError:
        raise ConfigError([f"roster file {path} not found"]) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError([f"roster file {path} is not a readable UTF-8 CSV: {exc}"]) from None
    except OSError as exc:  # a directory, no permission
        raise ConfigError([f"roster file {path} cannot be read: {exc.strerror or exc}"]) from None
    missing = [col for col in ROSTER_COLUMNS if rows and col not in header]
    if missing:
        raise ConfigError([f"roster file {path} lacks column(s) {', '.join(missing)}; expected "
                           f"{','.join(ROSTER_COLUMNS)}"])
    pupils, problems = [], []
    for n, row in enumerate(rows, start=2):
        first, last = (row.get("first_name") or "").strip(), (row.get("last_name") or "").strip()
        consent = (row.get("photo_consent") or "").strip().lower()
        if not first or not last:
            problems.append(f"roster file {path} line {n}: first_name and last_name are required")
            continue
        if consent not in ("yes", "no", "y", "n", "true", "false", ""):
            problems.append(f"roster file {path} line {n}: photo_consent must be yes or no, got {consent!r}")
            continue
        pupils.append(Pupil(first, last, (row.get("preferred_name") or "").strip() or first,
                            (row.get("year_group") or "").strip(), consent in ("yes", "y", "true")))
    if problems:
        raise ConfigError(problems)
    return pupils
