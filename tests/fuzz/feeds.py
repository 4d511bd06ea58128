"""Generated JSONL feed lines: valid items, the hostile shapes of issue 8, and random mutations.

Every line knows what the product must make of it: ``must = "item"`` (a valid item: it must be stored),
``"item_or_skip"`` (stored, or recorded as a skip with its reason) or ``"none"`` (no parseable id: the
harness cannot account for it and does not count it). All names, addresses and numbers are invented.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from datetime import datetime

# Invented pupils (the generated roster) and invented texts.
PUPILS = [("Tamsin", "Oakridge"), ("Bryn", "Vellacott"), ("Odessa", "Quillfeather"), ("Casimir", "Pendlebrook"),
          ("Wrenna", "Stalbridge"), ("Idris", "Marlowfield"), ("Saffi", "Thornycombe"), ("Jory", "Ashenhurst")]
TEXTS = [
    "Lovely assembly this morning, well done everyone!",
    "What time does the library open on Saturday?",
    "{first} {last} was brilliant in the play, so proud of her",
    "Call me on 07700 900{d3} for cheap tutoring, first lesson free",
    "Earn £500 a week from home!! DM me to join my team",
    "the new car park is a useless f*cking mess",
    "Great photos from sports day, thank you to the staff",
    "Email fixtures.parent{d3}@example.net if you found a blue coat",
    "Visit bit.ly/free-gift-{d3} to claim your voucher",
    "Is {first} in Year 4 this year? Saw her at the fete",
]
INVISIBLE = ["\u200d", "\u00ad", "\u200b", "\u2060", "\ufeff"]
LINE_BREAKS = ["\u2028", "\u2029", "\u0085"]
# The named hostile shapes and what the product must make of them.
SHAPES = ("created_number", "created_overflow", "created_underflow", "parent_list", "permalink_list", "nul_id",
          "surrogate_id", "long_id", "deep_json", "raw_line_break", "non_utf8", "nul_text", "surrogate_text",
          "invisible", "int_id", "text_number", "media_string", "kind_unknown", "author_dict", "huge_text",
          "over_cap_text", "control_id")
MUST = {"raw_line_break": "item", "nul_text": "item", "surrogate_text": "item", "invisible": "item",
        "int_id": "item", "huge_text": "item", "over_cap_text": "item"}


@dataclass
class Line:
    """One feed line (without its newline) and what must become of it."""

    raw: bytes
    kind: str
    expect_id: str | None
    must: str


def text(rng: random.Random) -> str:
    """An invented comment."""
    first, last = rng.choice(PUPILS)
    return rng.choice(TEXTS).format(first=first, last=last, d3=f"{rng.randrange(1000):03d}")


def valid_row(rng: random.Random, ext: str, parent: str | None = None) -> dict:
    """A well-formed item event."""
    row = {"id": ext, "kind": "comment" if parent else "post", "author": "public" if parent else "school",
           "text": text(rng), "created_time": f"2026-11-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:05:00Z"}
    if parent:
        row["parent"] = parent
    else:
        row["media"] = rng.choice([[], ["photo"]])
        row["permalink"] = f"https://example.com/posts/{ext}"
    return row


def encode(row: dict, ascii_only: bool = True) -> bytes:
    """One JSON line as bytes (``ascii_only=False`` leaves U+2028 and friends raw)."""
    return json.dumps(row, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def valid(rng: random.Random, ext: str, parent: str | None = None, kind: str = "valid") -> Line:
    """A valid line: it must be stored."""
    return Line(encode(valid_row(rng, ext, parent)), kind, ext, "item")


def shape(rng: random.Random, name: str, ext: str, parent: str) -> Line:
    """A line of one named hostile shape."""
    row = valid_row(rng, ext, parent)
    expect = ext
    if name == "created_number":
        row["created_time"] = rng.choice([1732000000, 1.5e18, -1])
    elif name == "created_overflow":
        row["created_time"] = "9999-12-31T23:59:59-23:59"
    elif name == "created_underflow":
        row["created_time"] = "0001-01-01T00:00:00+05:00"
    elif name in ("parent_list", "permalink_list"):
        row[name.split("_")[0]] = [parent, "x"]
    elif name == "nul_id":
        row["id"] = expect = ext + "\x00x"
    elif name == "surrogate_id":
        row["id"] = expect = ext + "\ud800"
    elif name == "control_id":
        row["id"] = expect = ext + "\x1b[31m\r\n"
    elif name == "long_id":
        row["id"] = expect = ext + "-" + "9" * rng.randint(200, 400)
    elif name == "deep_json":
        depth = rng.choice([1000, 1200, 5000])
        body = encode(row)[:-1] + b', "extra": ' + b"[" * depth + b"]" * depth + b"}"
        return Line(body, name, ext, "item_or_skip")
    elif name == "raw_line_break":
        row["text"] = row["text"].replace(" ", rng.choice(LINE_BREAKS), 1)
        return Line(encode(row, ascii_only=False), name, ext, "item")
    elif name == "non_utf8":
        raw = encode(row)
        cut = raw.index(b'"text": "') + 10
        return Line(raw[:cut] + rng.choice([b"\xff", b"\xe9", b"\xc3\x28", b"\xed\xa0\x80"]) + raw[cut:], name,
                    ext, "item_or_skip")
    elif name == "nul_text":
        row["text"] = row["text"].replace(" ", "\x00", 2)
    elif name == "surrogate_text":
        row["text"] += " \udc80"
    elif name == "invisible":
        row["text"] = rng.choice(INVISIBLE).join(row["text"])
        if rng.random() < 0.3:
            row["text"] = "\u202e" + row["text"]
    elif name == "int_id":
        row["id"] = rng.randrange(10**12, 10**13)
        expect = str(row["id"])
    elif name == "text_number":
        row["text"] = rng.choice([42, None, ["a"], {"t": 1}])
    elif name == "media_string":
        row["media"] = "photo"
    elif name == "kind_unknown":
        row["kind"] = rng.choice(["reel", "", 7])
    elif name == "author_dict":
        row["author_id"] = {"id": 1}
    elif name == "huge_text":
        row["text"] = " ".join(text(rng) for _ in range(700))[:rng.randint(30_000, 49_000)]
    elif name == "over_cap_text":
        row["text"] = " ".join(text(rng) for _ in range(1100))[:rng.randint(50_500, 60_000)]
    return Line(encode(row), name, expect, MUST.get(name, "item_or_skip"))


def random_value(rng: random.Random):
    """A value of a random JSON type, sometimes odd."""
    return rng.choice([
        None, True, 0, -1, 2**63, 1e308, "", " ", "x" * rng.randint(1, 3000), "\u202e\u200b\ufeff",
        "\ud83d", "🙂" * 50, [], [None], {"a": []}, "2026-13-45T99:99:99Z", "NaN", "https://" + "a." * 300,
    ])


def mutation(rng: random.Random, ext: str, parent: str) -> Line:
    """A valid line changed at random; what must become of it is worked out from the result."""
    row = valid_row(rng, ext, parent)
    op = rng.choice(["retype", "retype", "drop", "extra", "truncate", "garble"])
    if op == "retype":
        row[rng.choice(list(row) + ["media", "author_id", "permalink"])] = random_value(rng)
    elif op == "drop":
        row.pop(rng.choice(list(row)))
    elif op == "extra":
        row[rng.choice(["zz", "", "id\x00", "text "])] = random_value(rng)
    raw = encode(row)
    if op == "truncate":
        raw = raw[:rng.randint(1, len(raw) - 1)]
    elif op == "garble":
        pos = rng.randint(0, len(raw) - 1)
        raw = raw[:pos] + bytes(rng.choice([0x22, 0x5C, 0x7B, 0x7D, 0x00, 0x0D, 0x80, 0xFE])
                                for _ in range(rng.randint(1, 3))) + raw[pos:]
    ident = parsed_id(raw)
    must = "none" if ident is None else ("item" if ident == ext and is_valid(raw) else "item_or_skip")
    return Line(raw, f"mutation:{op}", ident, must)


def parsed_id(raw: bytes) -> str | None:
    """The line's id when it is a JSON object with a string or integer id, else None."""
    if b"\r" in raw:  # a CR is harmless in JSON, but keeps the reference simple
        raw = raw.replace(b"\r", b" ")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))
    try:
        row = json.loads(raw.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return None
    finally:
        sys.setrecursionlimit(limit)
    ident = row.get("id") if isinstance(row, dict) else None
    if isinstance(ident, bool) or not isinstance(ident, str | int) or ident == "":
        return None
    return str(ident)


def is_valid(raw: bytes) -> bool:
    """True when a mutated line is still a plainly valid item (it must then be stored)."""
    try:
        row = json.loads(raw.decode("utf-8"))
    except ValueError:
        return False
    return (isinstance(row, dict) and set(row) <= {"id", "kind", "author", "text", "created_time", "parent",
                                                     "media", "permalink"}
            and all(isinstance(row.get(k), str) for k in ("id", "kind", "author", "text", "created_time", "parent"))
            and row["kind"] in ("post", "comment") and row["text"].isprintable() and _a_2026_time(row["created_time"])
            and len(row["id"]) < 100 and row["text"].strip() != ""
            and isinstance(row.get("media", []), list) and set(row.get("media", [])) <= {"photo", "video"}
            and isinstance(row.get("permalink", ""), str) and row.get("author") in ("public", "school")
            # an id-like field (id, parent) or a permalink holding control characters or longer than storage
            # allows is a recorded skip, not a plainly valid item
            and all(_plain(row.get(k, "")) for k in ("id", "parent", "permalink")))


def _a_2026_time(value: str) -> bool:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).year == 2026
    except ValueError:
        return False


def _plain(value: str) -> bool:
    return len(value) <= 200 and (value == "" or value.isprintable() and value.isascii())


def feed(rng: random.Random, prefix: str, n_lines: int, hostile: float = 0.15, mutate: float = 0.15,
         benign_only: bool = False) -> list[Line]:
    """An account's feed: a post, comments on it, hostile shapes and mutations mixed in.

    ``benign_only`` limits the shapes to valid items in odd clothes (raw line breaks, invisible
    characters...): such a feed must be stored whole, so its later batches are measured too.
    """
    post = f"{prefix}-p0"
    lines = [valid(rng, post)]
    names = [s for s in SHAPES if s not in ("huge_text", "over_cap_text") and (not benign_only or s in MUST)]
    for n in range(1, n_lines):
        ext = f"{prefix}-c{n}"
        r = rng.random()
        if r < hostile:
            lines.append(shape(rng, rng.choice(names), ext, post))
        elif r < hostile + mutate:
            lines.append(mutation(rng, ext, post))
        else:
            lines.append(valid(rng, ext, post))
    return lines
