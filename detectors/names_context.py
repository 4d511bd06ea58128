"""Context that makes a name-like word a place, a club or an organisation rather than a child.

Read by the named_child detector after it has the candidate's strong cues: a year group or "my son"
beside a name outweighs all of these ("our Jordan in Year 5" is a child).
"""

from __future__ import annotations

import re

# spaCy's entity types for places. The small model tags many children's names ORG or GPE on their own
# ("Sunny", "Nova"), so an entity vetoes a name only when a preposition of place precedes it or the
# entity runs on past the name ("Chelsea FC", "Ruby Tuesday's").
PLACE_ENTS = frozenset(("GPE", "LOC", "FAC", "NORP"))
NON_PERSON_ENTS = PLACE_ENTS | frozenset(("ORG", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"))
_AT_PLACE = re.compile(r"\b(?:to|in|from|at|near|around|across|via|visit(?:ing|ed)?)\s+(?:the\s+)?$", re.I)
# Before a name: travel or living somewhere ("our trip to Jordan", "moved back from Georgia").
PLACE_BEFORE = re.compile(r"\b(?:trip|holidays?|flights?|visit(?:ed|ing)?|travel(?:led|ling)?|going|went|gone|"
                          r"moved?|moving|fly(?:ing)?|flew|back|born|lives?|lived|living|stay(?:ed|ing)?|"
                          r"based|relatives|family|arrived|return(?:ed|ing)?|tour|weather)\s+"
                          r"(?:to|in|from|at|of|round|around)\s+(?:the\s+)?$", re.I)
# After a name: it acts as a plural (a team: "Chelsea were robbed", "Jordan have qualified") or is a
# club's or a company's name ("Chelsea FC", "Georgia Ltd").
TEAM_AFTER = re.compile(r"^(?:\s+(?:were|are|have|'ve|’ve)\b(?!\s+(?:you|been\s+(?:off|poorly|ill)))|"
                        r"\s+(?:fc|afc|united|utd|city|rovers|wanderers|ladies|women|men|nil|\d+\s*-\s*\d+)\b)",
                        re.I)
# After a name: a possessive place ("Robin Hood's Bay", "St Helen's Wood"): a place named after someone.
PLACE_POSSESSIVE = re.compile(r"^['’]s\s+(?:Bay|Wood|Hill|Head|Point|Cross|Well|Park|Green|Island|Cave|Bridge|"
                              r"Church|Chapel|Hospital|College|Way|Road|Lane|Street|Square)\b")
# After a name: a player's own goal or try ("Noah's goal", "Ava's winning try"). A child cue only when
# spaCy does not read the name as an organisation ("Chelsea's goal" is the club's; the small model
# tags many children's names as places, so those still count).
_SPORT_POSSESSIVE = re.compile(r"^['’]s\s+(?:first\s+|late\s+|winning\s+|brilliant\s+|great\s+)?"
                               r"(?:goals?|try|tries|saves?|wickets?|hat[\s-]?tricks?)\b", re.I)
_LIST_NEXT = re.compile(r"\s*(?:,|&|\+|and\b|n\b)")  # "n" for "and" in text-speak
# Before a name: joined to another subject, so a plural verb after it is not a team's ("Ruby and Sam were").
_JOINED_BEFORE = re.compile(r"(?:\band|\bn|&|\+|,)\s*$", re.I)


def players_own_score(token, after: str) -> bool:
    """Whether the text after a name credits the person with a goal, a try or a save, as a player."""
    return bool(_SPORT_POSSESSIVE.match(after)) and (token is None or token.ent_type_ != "ORG")


def reads_as_place_or_club(token, before: str, after: str, name_end: int) -> bool:
    """Whether the name starting at ``token`` reads as a place, a team or an organisation.

    ``token`` is spaCy's token at the start of the name (or None); ``before`` and ``after`` are the text
    around the name, which ends at character ``name_end``.
    """
    if token is not None and token.ent_type_ in NON_PERSON_ENTS:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        own = 2 if token.doc.text[name_end:name_end + 2] in ("'s", "’s") else 0  # "bella's": still the name
        runs_on = ent is not None and ent.end_char > name_end + own and ent.label_ in NON_PERSON_ENTS \
            and not _LIST_NEXT.match(token.doc.text, name_end)  # "Chelsea and Jordan": names in a list
        if runs_on or (token.ent_type_ in PLACE_ENTS and _AT_PLACE.search(before)):
            return True
    if PLACE_BEFORE.search(before):
        return True
    return bool(TEAM_AFTER.match(after)) and not _JOINED_BEFORE.search(before)
