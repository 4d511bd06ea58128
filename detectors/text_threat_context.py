"""When the words of abuse are not abuse: quoted to report it, a warning about a hazard, or a joke.

Each reading stands for a general pattern that parents write on a school's page:
- a **quoted report**: the words are inside quotation marks (double, or British single quotes) and the item says
  someone said, sent, wrote or posted them, or that it was reported, in the sentence, the one before or the
  one after ("my son was sent 'kys' on snapchat, school and police involved") - the label guide says abuse quoted in
  order to report it is not abuse;
- a **hazard warning**: "someone is going to get hurt" beside traffic, parking, a road or a broken gate is a
  safety concern, not a threat;
- a **joke**: a first-person threat with a laughing marker in its sentence ("if he loses another jumper I'm
  going to kill him 😂") is usually banter; it is not dropped but weakened, so that a person reads it before
  anything is hidden or the DSL is paged.
"""

from __future__ import annotations

import re

_QUOTE_CHARS = "\"“”«»„"
_REPORTING = re.compile(
    r"\b(?:said|saying|says|shout(?:ed|ing)?|yell(?:ed|ing)?|scream(?:ed|ing)?|sent|sending|wrote|written|writing|"
    r"posted|messaged|messaging|texted|called|calling|heard|report(?:ed|ing)?|police|screenshots?|graffiti|"
    r"comment(?:ed|ing|s)?|replied|tagged|"
    r"sprayed|scrawled)\b")
_HAZARD = re.compile(
    r"\b(?:danger(?:ous)?|traffic|parking|car\s*park|roads?|crossings?|speeding|icy|slippery|potholes?|"
    r"accidents?|junction|pavements?|disaster\s+waiting\s+to\s+happen)\b")
_LAUGHING = re.compile(r"[\U0001F602\U0001F923\U0001F606\U0001F639\U0001F605\U0001F62D]|\b(?:lol|lmao|ha(?:ha)+|"
                       r"he(?:he)+|jk|only\s+joking|joking)\b")
_SENTENCE_END = re.compile(r"[.!?\n]")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w!?.])['’](?=[\s.,;:!?)\]]|$)")
#: the score a first-person threat keeps when its sentence laughs: held for a person, never hidden on its own
JOKING_SCORE = 0.55


def quoted_report(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits inside quotation marks, reported in its sentence or the ones either side.

    "my son was sent "kys" on snapchat", "someone sprayed 'we know where you live' on the shelter", "a man called
    the girls 'slags'. Reported to the police." British single quotes count when they open after a space or bracket
    and close before one (an apostrophe inside a word, "don't", opens nothing).
    """
    before = sum(text.count(q, 0, start) for q in _QUOTE_CHARS)
    double = before % 2 == 1 and any(q in text[end:] for q in _QUOTE_CHARS)
    if not (double or _in_single_quotes(text, start, end)):
        return False
    begin, stop = _around(text, start, end)
    after = _SENTENCE_END.search(text, stop)
    return bool(_REPORTING.search(text, begin, after.end() if after else len(text)))


def _in_single_quotes(text: str, start: int, end: int) -> bool:
    """Whether the span sits between an opening and a closing single quote within its sentence."""
    floor = max(0, start - 200)
    line_start = max((m.end() for m in _SENTENCE_END.finditer(text, floor, start)), default=floor)
    opens = len(_SINGLE_OPEN.findall(text, line_start, start + 1))
    opened = opens > len(_SINGLE_CLOSE.findall(text, line_start, start))
    closing = _SINGLE_CLOSE.search(text, end, min(len(text), end + 200))
    return opened and closing is not None and not _SENTENCE_END.search(text, end, closing.start())


def hazard_warning(text: str, start: int, end: int) -> bool:
    """Whether the sentence holding ``text[start:end]`` or the one before names a hazard (traffic, a road)."""
    return bool(_HAZARD.search(text, *_around(text, start, end)))


def _around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]`` and of the one before it."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)]
    begin = ends[-2] if len(ends) >= 2 else max(0, start - 400)
    stop = _SENTENCE_END.search(text, end)
    return begin, stop.end() if stop else len(text)


def laughing(text: str, start: int, end: int) -> bool:
    """Whether the sentence holding ``text[start:end]``, or what closes it, laughs (an emoji, "lol", "haha")."""
    return bool(_LAUGHING.search(_sentence(text, start, end)))


def _sentence(text: str, start: int, end: int) -> str:
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    # the laugh or the emoji often follows the full stop: "... kill him. 😂"
    return text[begin:stop.end() + 4 if stop else len(text)]
