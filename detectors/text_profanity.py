"""alt-profanity-check's linear model, scored one text at a time without scikit-learn.

``profanity_check.predict_prob`` is a TF-IDF vectoriser feeding five calibrated
linear SVMs. Called on one text at a time it costs about 10 ms (scikit-learn's
per-call validation) and importing scikit-learn adds about 75 MB to the daemon.
The same arithmetic in plain Python costs a few microseconds, so the model's
terms, IDF weights, coefficients and sigmoid calibrations are exported once from
the installed package into ``data/profanity_model.txt``::

    python -m detectors.text_profanity export

and :class:`ProfanityModel` reproduces ``predict_prob`` from that file (a test
checks the two agree). When the file is missing the model is read from the
installed package instead (slower start, more memory, same scores).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "profanity_model.txt"

# TfidfVectorizer's default token pattern, applied after lower-casing.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


class ProfanityModel:
    """Probability that a text is profane or offensive, as alt-profanity-check computes it."""

    def __init__(self, terms: dict[str, tuple[float, tuple[float, ...]]],
                 intercepts: tuple[float, ...], calibration: tuple[tuple[float, float], ...]) -> None:
        self.terms = terms
        self.intercepts = intercepts
        self.calibration = calibration

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> ProfanityModel:
        """Read the exported model, or the installed package's when the file is absent."""
        if path.exists():
            return cls._read(path)
        return cls._from_package()

    def prob(self, text: str) -> float:
        """The calibrated probability (0..1) that ``text`` is profane."""
        terms = self.terms
        counts: dict[str, int] = {}
        for t in _TOKEN.findall(text.lower()):
            if t in terms:
                counts[t] = counts.get(t, 0) + 1
        if not counts:
            return self._calibrated([0.0] * len(self.intercepts))
        norm2 = 0.0
        k = len(self.intercepts)
        dots = [0.0] * k
        for term, n in counts.items():
            idf, weights = self.terms[term]
            x = n * idf
            norm2 += x * x
            for j in range(k):
                dots[j] += x * weights[j]
        norm = math.sqrt(norm2)
        return self._calibrated([d / norm for d in dots])

    def probs(self, texts: Iterable[str]) -> list[float]:
        """:meth:`prob` of each text."""
        return [self.prob(t) for t in texts]

    def _calibrated(self, dots: list[float]) -> float:
        total = 0.0
        for d, b, (ca, cb) in zip(dots, self.intercepts, self.calibration, strict=True):
            z = ca * (d + b) + cb
            total += 1.0 / (1.0 + math.exp(z)) if z > -700 else 1.0
        return total / len(dots)

    @classmethod
    def _read(cls, path: Path) -> ProfanityModel:
        terms: dict[str, tuple[float, tuple[float, ...]]] = {}
        intercepts: tuple[float, ...] = ()
        calibration: tuple[tuple[float, float], ...] = ()
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if line.startswith("#intercepts\t"):
                    intercepts = tuple(float(v) for v in line.split("\t")[1:])
                elif line.startswith("#calibration\t"):
                    pairs = [p.split(",") for p in line.split("\t")[1:]]
                    calibration = tuple((float(a), float(b)) for a, b in pairs)
                elif line and not line.startswith("#"):
                    term, idf, weights = line.split("\t")
                    terms[term] = (float(idf), tuple(float(w) for w in weights.split(",")))
        if not intercepts or len(intercepts) != len(calibration):
            raise ValueError(f"{path}: not an exported profanity model")
        return cls(terms, intercepts, calibration)

    @classmethod
    def _from_package(cls) -> ProfanityModel:
        from profanity_check import profanity_check as pc

        vec, model = pc.vectorizer, pc.model
        clfs = model.calibrated_classifiers_
        if any(c.method != "sigmoid" for c in clfs):
            raise ValueError("only sigmoid-calibrated profanity models are supported")
        idf = vec.idf_
        coefs = [c.estimator.coef_.ravel() for c in clfs]
        terms = {t: (float(idf[i]), tuple(float(c[i]) for c in coefs)) for t, i in vec.vocabulary_.items()}
        intercepts = tuple(float(c.estimator.intercept_[0]) for c in clfs)
        calibration = tuple((float(c.calibrators[0].a_), float(c.calibrators[0].b_)) for c in clfs)
        return cls(terms, intercepts, calibration)

    def export(self, path: Path = DATA_FILE) -> None:
        """Write the model in the file format :meth:`load` reads."""
        from importlib.metadata import version

        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            fh.write(f"# exported from alt-profanity-check {version('alt-profanity-check')} (MIT licence) "
                     f"by `python -m detectors.text_profanity export`: term, idf, one weight per fold\n")
            fh.write("#intercepts\t" + "\t".join(repr(b) for b in self.intercepts) + "\n")
            fh.write("#calibration\t" + "\t".join(f"{a!r},{b!r}" for a, b in self.calibration) + "\n")
            for term in sorted(self.terms):
                idf, weights = self.terms[term]
                fh.write(f"{term}\t{idf!r}\t{','.join(repr(w) for w in weights)}\n")


def main(argv: list[str]) -> int:
    """``python -m detectors.text_profanity export [PATH]``."""
    if not argv or argv[0] != "export":
        print("usage: python -m detectors.text_profanity export [PATH]", file=sys.stderr)
        return 2
    path = Path(argv[1]) if len(argv) > 1 else DATA_FILE
    ProfanityModel._from_package().export(path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
