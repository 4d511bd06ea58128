"""Rebuild detectors/data/names/english_words.txt: ordinary English words a misspelt name must not be.

``python -m training.names_wordlist`` (needs ``wordfreq==3.1.1``, as ``make train`` installs). The words are
wordfreq's English words with a Zipf frequency of at least 3.0 (about once per million words), letters only,
4 to 12 letters, minus every given name or diminutive the matcher knows (the ``nicknames`` package and
detectors/data/names/variants.txt), so "Hurry" is never read as "Harry" while "Jaden" may be "Jayden".
wordfreq's data is CC BY-SA 4.0 (Robyn Speer and contributors); the list keeps that attribution.
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path("detectors/data/names/english_words.txt")
MIN_ZIPF = 3.0
HEADER = ("# Ordinary English words (wordfreq 3.1.1, Zipf >= 3.0, 4-12 letters, given names removed): a word here\n"
          "# is never read as a misspelt pupil's name. Made by `python -m training.names_wordlist`; do not edit.\n"
          "# Data: wordfreq by Robyn Speer and contributors, CC BY-SA 4.0 (creativecommons.org/licenses/by-sa/4.0/);\n"
          "# changed: filtered by frequency, length and the name lists above.\n")


def known_names() -> set[str]:
    """Every given name and diminutive in the nicknames package and the in-repo variants table."""
    from nicknames import name_triplets

    from detectors.names_variants import _table

    names = {t.name1 for t in name_triplets()} | {t.name2 for t in name_triplets()}
    return names | set(_table())


def main(argv: list[str] | None = None) -> int:
    """Write the list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from wordfreq import iter_wordlist, zipf_frequency

    names = known_names()
    words = []
    for word in iter_wordlist("en"):
        if zipf_frequency(word, "en") < MIN_ZIPF:
            break
        if word.isascii() and word.isalpha() and 4 <= len(word) <= 12 and word not in names:
            words.append(word)
    args.out.write_text(HEADER + "\n".join(sorted(set(words))) + "\n", encoding="utf-8")
    print(f"{len(set(words))} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
