"""Rebuild detectors/data/names/world_given_names.txt: given names of the languages UK families speak.

``python -m training.names_world`` (needs ``faker==40.63.0`` and ``wordfreq==3.1.1``, as ``make train`` installs).
The names are every first name of every locale of Faker's person provider (Arabic, Bengali, Bulgarian, Chinese,
Czech, Greek, Gujarati, Hindi, Irish, Lithuanian, Nepali, Polish, Portuguese, Romanian, Russian, Slovak, Somali-
and Swahili-speaking East Africa, Tamil, Turkish, Ukrainian, Urdu-speaking Pakistan, Yoruba, Igbo and the rest),
lower case, in the script each locale writes them (so a Cyrillic or Bengali name is found as written), minus
English words a comment uses as words (wordfreq Zipf >= 4.0: "grace", "king", "storm"), which need a roster
match or a kin word to be read as names. The detector reads a lower-case word as a possible name only when it is
on the roster or in this list; a list is what lets "my nephew kai" and "slava won the chess" be seen while "my son
luvs it" is not. Faker is MIT-licensed (joke2k and contributors); the list keeps that attribution.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

OUT = Path("detectors/data/names/world_given_names.txt")
COMMON_ZIPF = 4.0
ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def faker_first_names() -> set[str]:
    """Every first name of every locale of Faker's person provider, lower case, letters (and inner hyphens) only."""
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in ATTRS:
            value = next((base.__dict__[attr] for base in provider.__mro__ if attr in base.__dict__), None)
            if isinstance(value, dict):  # weighted: name -> share
                value = list(value)
            if isinstance(value, (list, tuple, set, frozenset)):
                names.update(str(n).lower() for n in value)
    return {n for n in names if 2 <= len(n) <= 20 and n.replace("-", "").isalpha()}


def main(argv: list[str] | None = None) -> int:
    """Write the list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    import faker
    from wordfreq import zipf_frequency

    names = sorted(n for n in faker_first_names() if zipf_frequency(n, "en") < COMMON_ZIPF)
    header = (f"# Given names of many languages (Faker {faker.VERSION} person provider, every locale, first names,\n"
              f"# lower case, English words of Zipf >= {COMMON_ZIPF} removed).\n"
              "# Made by `python -m training.names_world`; do not edit.\n"
              "# Data: Faker by joke2k and contributors, MIT licence (github.com/joke2k/faker).\n")
    args.out.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
