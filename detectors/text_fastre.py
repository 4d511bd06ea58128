r"""Regular expressions that skip texts they cannot match, and keep the fast literal scan.

Two costs dominate searching a few dozen cue patterns over short comments:

- Python's ``re`` skips ahead to the first possible character of a match only when the
  pattern starts with literal characters. A leading word boundary (``\bfor\s+sale``) hides
  them, so the engine tries the whole pattern at every position: about eight times slower.
  :func:`compile_fast` splits a pattern into its top-level alternatives, compiles those that
  start with ``\b`` without it and checks the boundary on each candidate match instead.
- Most patterns cannot match most texts at all. Each part is given a *gate* computed from
  the parsed pattern (:func:`required_literals`): a few strings at least one of which every
  match must contain. When none of them is in the text the part is not searched.

``FastPattern.search(text)`` finds a match exactly when ``re.search(pattern, text)`` does.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

MAX_GATE = 24  # more alternative strings than this make a gate slower than the search it saves


def top_level_alternatives(pattern: str) -> list[str]:
    """The pattern's alternatives at nesting depth 0 (escapes and character classes respected)."""
    parts: list[str] = []
    cur: list[str] = []
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]" or (cur and cur[-1] in ("[", "[^"))
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                cur.append("[^")
                i += 2
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective of several gates that all hold: rarest shortest string, then fewest strings."""
    options = [o for o in options if o and len(o) <= MAX_GATE]
    if not options:
        return None
    return max(options, key=lambda o: (min(_rarity(s) for s in o), -len(o)))


def _rarity(s: str) -> int:
    """How seldom a string is likely to occur in text: its length, a symbol or digit counting as three letters."""
    return sum(1 if "a" <= c <= "z" or c == " " else 3 for c in s)


def _required(items) -> frozenset[str] | None:
    """Strings at least one of which every match of the parsed sequence ``items`` contains, or None."""
    return _best(_options(items))


def _options(items) -> list[frozenset[str]]:
    """Every gate found for the parsed sequence ``items``: each holds for every match."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in list(items) + [(None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if op is _c.MAX_REPEAT and av[0] >= 1 and len(av[2]) == 1 and av[2][0][0] is _c.LITERAL:
            ch = chr(av[2][0][1])  # "a+" in "ga+y": the run goes on through one "a" and starts again at the last
            options.append(frozenset({"".join(run) + ch}))
            run = [ch]
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if op is _c.IN:
            chars = [chr(v) for o, v in av if o is _c.LITERAL]
            if len(chars) == len(av) and not any(o is _c.NEGATE for o, _ in av):
                options.append(frozenset(chars))
        elif op is _c.SUBPATTERN:
            sub = _required(av[-1])
            if sub is not None:
                options.append(sub)
        elif op is _c.BRANCH:
            subs = [_required(b) for b in av[1]]
            if all(s is not None for s in subs):
                options.append(frozenset().union(*subs))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            sub = _required(av[2])
            if sub is not None:
                options.append(sub)
    return options


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings at least one of which is in every text ``pattern`` matches, or None when unknown.

    Case-insensitive and verbose patterns get no gate (their literals are not the text's).
    """
    if flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        parsed = _sre.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparseable pattern simply gets no gate
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):  # inline (?i) or (?x)
        return None
    return _required(parsed)


def _gate_of(alternatives: list[str], flags: int) -> tuple[str, ...] | None:
    """Strings one of which every text matching one of ``alternatives`` holds, or None."""
    gates = [required_literals(a, flags) for a in alternatives]
    if not gates or any(g is None for g in gates):
        return None
    union = frozenset().union(*gates)
    # a string containing another is redundant: the shorter one is present whenever the longer is
    return tuple(sorted(s for s in union if not any(o != s and o in s for o in union)))


def _gate_test(gate: tuple[str, ...] | None):
    """A function telling whether a text holds one of ``gate``'s strings (None: always true).

    It is generated as one ``or`` chain of ``in`` tests (the strings are written with ``repr``): about
    twice as fast as ``any()`` over a generator, which matters when dozens of gates are tried per text.
    """
    if gate is None:
        return lambda text: True
    return eval("lambda text: " + " or ".join(f"{s!r} in text" for s in gate))  # noqa: S307 - repr'd literals


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class FastPattern:
    r"""A compiled pattern searched as :func:`re.search` would, faster when it starts with ``\b``."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        alternatives = top_level_alternatives(pattern)
        led = [a[2:] for a in alternatives if a.startswith(r"\b") and not a.startswith(r"\b|")]
        rest = [a for a in alternatives if not (a.startswith(r"\b") and not a.startswith(r"\b|"))]
        self._led = re.compile("|".join(led), flags) if led else None
        self._rest = re.compile("|".join(rest), flags) if rest else None
        self._led_gate = _gate_of(led, flags) if led else None
        self._rest_gate = _gate_of(rest, flags) if rest else None
        self._led_open = _gate_test(self._led_gate)
        self._rest_open = _gate_test(self._rest_gate)

    def search(self, text: str) -> re.Match | None:
        """A match of the pattern in ``text`` (not always the leftmost one), or None."""
        if self._rest is not None and self._rest_open(text):
            m = self._rest.search(text)
            if m is not None:
                return m
        led = self._led
        if led is not None and self._led_open(text):
            m = led.search(text)
            while m is not None:
                start = m.start()
                if start < len(text) and (start == 0 or _is_word(text[start - 1]) != _is_word(text[start])):
                    return m
                m = led.search(text, start + 1)  # inside a word: look again from the next character
        return None


def compile_fast(pattern: str, flags: int = 0) -> FastPattern:
    """:class:`FastPattern` of ``pattern``."""
    return FastPattern(pattern, flags)
