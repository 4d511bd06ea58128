"""The shape of a name-like word for the named_child detector: is it a name, an initial, a title or a date."""

from __future__ import annotations

import re
from functools import lru_cache

from detectors.names_lexicon import COMMON_WORD_NAMES, DATE_AFTER, DATE_BEFORE, MONTHS, WORK_AFTER, WORK_BEFORE
from detectors.names_school import english_words, given_names, world_names

# Function words and -ing/-ed verb forms ("Selling Year 7 blazer", "Lost in Year 9") are not names;
# adjectives and base verbs may be ("Sunny", "Chase"), so those stay.
# A capitalised -ing form opening a phrase ("Selling Year 7 uniform") is a verb, not a name. Lexical,
# because the engine runs no tagger (it changed no score and cost a third of the spaCy pass).
_VERB_FORM = re.compile(r"[a-z]{3,}ing")


def initial_reads_as_one(name: str, after: str) -> bool:
    """Whether the last letter of "Jacob H" or "rose h" is written as an initial.

    Not when it is the pronoun "I" or the article "a" running on into a lower-case word ("will i get",
    "ruby a lot"), nor a lower-case letter after a capitalised name ("Grace x").
    """
    letter = name.rstrip(".")[-1]
    if letter.lower() in "ia" and re.match(r"\s+[a-z]", after):
        return False
    return letter.isupper() or not name[:1].isupper()


def is_work_or_date(words: list[str], before: str, after: str) -> bool:
    """A title of a show or book ("production of Oliver!"), or a month in a date ("Mon 1 Dec")."""
    if WORK_BEFORE.search(before) or WORK_AFTER.match(after):
        return True
    return len(words) == 1 and words[0] in MONTHS and bool(DATE_BEFORE.search(before) or DATE_AFTER.match(after))


def name_like(token, labelled: bool = False, kin: bool = False) -> bool:
    """A word that can be a name: capitalised and not a function word or verb form.

    A function word ("Will") still counts when a parenthesised label follows: "Will (Year 4)".
    """
    if token is None:
        return False
    function_word = token.is_stop or token.like_num or bool(_VERB_FORM.fullmatch(token.lower_))
    if not token.text[:1].isupper() or (not kin and not labelled and function_word):
        return False  # "Selling Year 7 uniform": a capitalised -ing form is not a name
    if plural_noun(token.lower_):
        return False  # "Apples (3) and Pears (2)", "Cupcakes (12)": things counted, not a child and its age
    return not token.is_stop or (not kin and labelled)


@lru_cache(maxsize=4096)
def plural_noun(word: str) -> bool:
    """An English plural ("apples", "brownies", "boxes") that no name list knows: never a given name.

    Given names ending in -s ("Miles", "Rhys", "Ellis") are kept by the name lists (or the everyday-word names);
    a plural is recognised only when its singular is an English word too, so "James" and "Marcus" are not.
    """
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")) or word not in english_words():
        return False
    if word in given_names() or word in world_names() or word in COMMON_WORD_NAMES:
        return False
    singulars = [word[:-1]] + ([word[:-2]] if word.endswith("es") else []) + (
        [word[:-3] + "y"] if word.endswith("ies") else [])
    return any(s in english_words() for s in singulars)
