"""A Presidio recognizer for dates of birth: a full date (with a year) beside a birth word or a person's name.

A date alone is an event (a trip, a deadline), so the pattern scores low and is lifted by birth words
in English and in the languages UK school families write in ("born", "dob", "b.", Polish "data urodzenia",
Romanian "născut", Portuguese "nascimento", Urdu "paidaish", Somali "dhalashada", Welsh "ganwyd"),
or by a capitalised first name and surname written straight before it ("Grace Okafor 12/06/2019": a
register line) when the year has passed and neither word names an event, a group or a place ("Sports
Day 14/07/2023") and no title makes it a member of staff ("Mrs Okafor").
Months are read in English, Welsh, Polish, Romanian and Portuguese; ISO dates (2017-09-30) too.
A date that an organisation's founding words come before ("opened its doors on", "founded in",
"established") is a building's or a club's birthday, not a person's.
"""

from __future__ import annotations

import re
from datetime import date

from presidio_analyzer import Pattern, PatternRecognizer

_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|\.)?"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
          # Welsh
          r"ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr|"
          # Polish (the genitive a date uses)
          r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[sś]nia|pa[zź]dziernika|listopada|"
          r"grudnia|"
          # Romanian
          r"ianuarie|februarie|martie|aprilie|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie|"
          # Portuguese
          r"janeiro|fevereiro|mar[cç]o|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)")
_YEAR = r"(?:19|20)\d{2}"
# A capitalised first name and surname (O'Neill, McDonald, Nowak-Kowalska) ending right before the date.
_NAME_BEFORE = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+(?:\s+(?:O'|O’|Mc|Mac)?[A-Z][a-zà-ÿ'’-]+){1,2}\s*[,:(–—-]?\s*$")
_TITLES = re.compile(r"\b(?:mr|mrs|miss|ms|mx|dr|sir|rev|prof)\.?\s+\S+\s*[,:(–—-]?\s*$", re.I)
_FOUNDED = re.compile(r"\b(?:opened|opening|founded|established|est\.|built|since|anniversary|launched)\b"
                      r"[^.!?\n]{0,30}$", re.I)
# Title-cased words of events, groups and places, which a date also follows ("Sports Day 14/07/2023").
_NOT_NAMES = frozenset("""day days fair evening night morning afternoon week weekend trip club show concert assembly
party term match festival service meeting disco sale sports christmas easter summer autumn spring winter open
parents school class year house team academy primary nursery college trust lane road street park centre hall
church library event events deadline date dates photos photo update news letter newsletter""".split())
NAMED_SCORE = 0.6
MAX_RESULTS = 100  # dates read from one text: a longer list is a dump whatever the rest holds


class DateOfBirthRecognizer(PatternRecognizer):
    """A full date (with a year) is a date of birth beside a birth word or right after a person's name."""

    PATTERNS = [
        Pattern("numeric date", rf"\b{_DAY}[/.-](?:0?[1-9]|1[0-2])[/.-](?:{_YEAR}|\d{{2}})\b", 0.2),
        Pattern("ISO date", rf"\b{_YEAR}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])\b", 0.2),
        Pattern("written date", rf"\b{_DAY}\s+(?:(?:of|de)\s+)?{_MONTH}\.?,?\s+(?:de\s+)?{_YEAR}\b", 0.2),
        Pattern("written date (US order)", rf"\b{_MONTH}\.?\s+{_DAY},?\s+{_YEAR}\b", 0.2),
    ]
    CONTEXT = ["birth", "dob", "d.o.b", "born", "birthday", "birthdate", "b.",
               "urodzenia", "urodzin", "urodził", "urodziła", "urodzony", "urodzona",
               "născut", "nascut", "născută", "nascuta", "nașterii", "nasterii",
               "nascimento", "nasceu", "nascido", "nascida",
               "paidaish", "paidaishi", "paida", "dhalashada", "dhashay", "ganwyd", "geni", "gimė", "gimimo"]

    def __init__(self) -> None:
        super().__init__("DATE_OF_BIRTH", name="DateOfBirthRecognizer", patterns=self.PATTERNS,
                         context=self.CONTEXT)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        kept = []
        for r in super().analyze(text, entities, nlp_artifacts, regex_flags)[:MAX_RESULTS]:
            before = text[max(0, r.start - 60):r.start]
            if _FOUNDED.search(before):
                continue  # a school's or a club's founding date
            name = _NAME_BEFORE.search(before)
            if r.score < NAMED_SCORE and name and not _TITLES.search(before) and _past_year(text[r.start:r.end]) \
                    and not _NOT_NAMES.intersection(name.group().lower().replace(",", " ").split()):
                r.score = NAMED_SCORE
            kept.append(r)
        return kept


def _past_year(value: str) -> bool:
    """Whether the date's four-digit year is before this one (a birth, not a coming event)."""
    years = re.findall(_YEAR, value)
    return bool(years) and int(years[-1]) < date.today().year
