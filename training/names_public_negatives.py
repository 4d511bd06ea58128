"""Ordinary public comments as negatives for the named_child cue model.

News-site comments of the Toxic Spans training file (Civil Comments, CC0 1.0), and, for the way people write on
social media, posts of the HateXplain rationale file (tweets and Gab posts, lower-case, MIT) and of the Janitr X
sample (tweets, MIT), all in the training-data folder and declared in training/SOURCES.md, with a school's roster
of common UK first names beside them. (News comments alone taught the model nothing of tweets: a capitalised roster
name in "Good evening Charlie and friends" read as a pupil.)

None of these comments is about a pupil of the invented school, so every candidate found in them is a negative:
they teach the model what a first name looks like in ordinary public text ("Jordan was robbed", "Grace is
overrated"), which the invented school comments alone cannot. The comments are split into eight pseudo-schools
so the leave-schools-out folds each hold some. The file and its sha256 are recorded in the model's card.
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from training.sources import sha256_file

COMMENTS = Path("en-toxic-spans/tsd_train.csv")
#: Social-media posts beside the news comments, and the share of ``count`` each source gives.
POSTS = ((Path("en-hatexplain-eraser/hatexplain_eraser_labelled.jsonl"), 0.25),
         (Path("spam-x-janitr/sample.jsonl"), 0.25))
PSEUDO_SCHOOLS = 8


def _texts(path: Path) -> list[str]:
    """The texts of a CSV (column ``text``) or JSON-lines (key ``text``) file, in file order."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return [r["text"] for r in csv.DictReader(f)]
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _every_kth(rows: list[str], count: int, rest: bool) -> list[str]:
    """``count`` rows spread evenly through the file (or, with ``rest``, every other row)."""
    step = max(1, len(rows) // max(1, count))
    chosen = set(range(0, len(rows), step)[:count])
    return [t.strip() for i, t in enumerate(rows) if (i in chosen) != rest]


def public_negatives_file(data: Path, count: int, out_dir: Path, rest: bool = False) -> tuple[Path, dict]:
    """Write ``count`` comments (every k-th, in file order) as a names-format JSONL; return it and its record.

    With ``rest``, the other comments of the file instead (never in the fit: for measuring the public fire rate).
    """
    from training.names_public_rate import invented_school

    news = round(count * (1 - sum(share for _, share in POSTS)))
    tweets, records = [], []
    for path, n in ((COMMENTS, news), *((p, round(count * share)) for p, share in POSTS)):
        texts = _every_kth(_texts(data / path), n, rest)
        tweets += [t for t in texts if t]
        records.append({"path": path.as_posix(), "sha256": sha256_file(data / path), "items": len(texts)})
    school = invented_school()
    pupils = [{"first": p.first_name, "last": p.last_name, "preferred": p.preferred_name, "year": p.year_group,
               "photo_consent": "yes" if p.photo_consent else "no"} for p in school.roster]
    path = out_dir / ("public-comments-rest.jsonl" if rest else "public-comments.jsonl")
    with path.open("w", encoding="utf-8") as f:
        for k in range(PSEUDO_SCHOOLS):
            f.write(json.dumps({"type": "school", "school": f"p{k}", "name": school.name, "staff": [],
                                "pupils": pupils}) + "\n")
        for i, tweet in enumerate(tweets):
            f.write(json.dumps({"type": "item", "school": f"p{i % PSEUDO_SCHOOLS}", "text": tweet,
                                "author": "public", "photo": False, "named_child": False, "names": []}) + "\n")
    return path, {"files": records, "items": len(tweets),
                  "use": "negatives: ordinary public text beside an invented roster"}


def temp_dir() -> tempfile.TemporaryDirectory:
    """A scratch folder for the generated file (removed when training ends)."""
    return tempfile.TemporaryDirectory(prefix="names-public-")
