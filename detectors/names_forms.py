"""Roster names written in another form: another script, a diminutive suffix, a Celtic mutation, a hashtag.

Four general patterns, each compared with the school's roster only (never with general name lists):
1. A word in another script (Cyrillic, Greek, Arabic, Bengali, Devanagari, Tamil, Ge'ez, Chinese...) is
   transliterated to Latin (``anyascii``): a roster first name's spelling counts as it, its skeleton as a nickname.
2. A diminutive suffix of the languages of UK school families ("Jakubek", "Kubuś", "Andreiuț", "Gabijutė",
   "Kārlītis", "Chiquinho", "Калоянчо"): what is left (:func:`diminutive_stems`) is the stem of a roster name.
3. A Celtic initial mutation (Welsh soft, nasal, aspirate; Gaelic and Irish lenition with the vocative's slender
   ending; Irish eclipsis): "i Ddafydd", "fy Ngethin", "a Chaluim", "Mhàiri", "gCalum" (:func:`mutated_forms`).
4. A CamelCase hashtag split at capitals and digits: "#ProudOfSumaiyaX" holds the name "Sumaiya".
Only words that can be one of these are examined: non-ASCII words, words ending in a diminutive suffix that
start like a roster stem, words that are a mutated roster name (one dict lookup) and mixed-case hashtags.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections import defaultdict
from dataclasses import dataclass

from anyascii import anyascii

from detectors.base import Pupil
from detectors.names_lexicon import COMMON_WORD_NAMES
from detectors.names_roster import FIRST, FULL, NICK
from detectors.names_school import english_words, given_names, world_names
from detectors.names_spans import Candidate, Candidates
from detectors.names_uncased import OTHER_LANGUAGE, in_another_language
from detectors.names_variants import fold, variant_names

OTHER_SCRIPT = "a roster name in another script"
DIMINUTIVE = "diminutive"  # names_features reads this cue as the feature diminutive_form
MUTATED = "a roster name with a Celtic initial mutation"
IN_HASHTAG = "a name in a hashtag"

# A skeleton of fewer consonant classes than this is shared by too many words of other languages ("Сами",
# "حسن"): a skeleton match needs three, so "Калина" (k-l-n) never reads as Kaloyan (k-l-y-n).
MIN_SKELETON = 3
MIN_STEM = 3  # a diminutive's stem: "Olcia" (ol-) is too short to tell from a word
_ABJAD = ((0x0590, 0x06FF), (0x0750, 0x077F), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))  # Hebrew, Arabic: no vowels
_CONSONANT = {"b": "b", "p": "b", "d": "d", "t": "d", "g": "k", "k": "k", "q": "k", "c": "k", "v": "v", "w": "v",
              "s": "s", "z": "s", "f": "f", "l": "l", "r": "r", "m": "m", "n": "n", "x": "ks"}
_VOWEL = {"a": "A", "e": "E", "i": "I", "y": "I", "o": "O", "u": "O"}
# Digraphs first: Cyrillic and Devanagari write the English th as t, so th is a d/t here (the roster side also
# keys it as s); sh, zh and ch are one hiss; h alone is dropped (Arabic writes ة and ح as h).
_DIGRAPH = re.compile(r"th|sh|zh|ch|kh|gh|ph|dh|ck|ng$|c(?=[eiy])|h")
_DIGRAPH_AS = {"th": "t", "sh": "s", "zh": "s", "ch": "s", "kh": "k", "gh": "g", "ph": "f", "dh": "d", "ck": "k",
               "ng": "n", "c": "s", "h": ""}
# Diminutive suffixes, folded (diacritics off): Polish -uś -usia -ek -ka -eczka -unia -cia (and the vocatives
# -usiu -uniu -ciu of greetings), Czech/Slovak -ko -inka -ečka, Romanian -uț -uța -ică -ucu, Lithuanian -ukas
# -utė -ytė -elis/-ėlis, Latvian -iņš -iņa -ītis -īte, Portuguese -inho -inha -zinho -zinha, Spanish -ito -ita
# -cito -cita, Bulgarian/Russian -ko -che -cho -chka -ochka -ushka, Dutch/German -tje -chen.
_SUFFIXES = tuple(sorted(set(
    "us usia usiu ek ka eczka unia uniu cia ciu ko inka ecka ut uta ica ucu ukas ute yte elis ins ina itis ite "
    "inho inha zinho zinha ito ita cito cita che cho chka ochka ushka tje chen".split()), key=len, reverse=True))
# Case endings, folded, that the languages of UK school families put on a given name's stem ("Jakubowi", "Ugnei",
# "Tomui", "Kubie", "Zosię", "Petrovi", "Andreei"): Polish -a -y -i -e -u -owi -em -ie -o; Czech and Slovak -ovi
# -em -ou -e -u -o; Lithuanian -ui -ai -ei -os -es -o -iui -iu and the vocatives -ai -au -iau; Latvian -am -ai -im
# -as (genitive); Romanian -ei -ului; Bulgarian and Russian (transliterated) -a -u -e -om -oy -yu. A capitalised
# word that is a roster stem plus one of them is the pupil's name in a sentence of that language; so is the bare
# stem of four letters or more ("Zosi" of Zosia, "Kārlīt" of Kārlītis: Polish dative, Latvian vocative); never a
# word or a name in its own right ("Anna" is no Ann).
_CASE_ENDINGS = tuple(sorted(set(
    "a y i e u owi em iem ie o ovi ou ui ai ei os es iui iu au iau as am im ului om oy yu".split()),
    key=len, reverse=True))
_BARE_STEM = 4
_PROCLITICS = "لبوفك"
# Endings written onto a name in other scripts, as transliterated: Gujarati and Hindi case markers (-ne, -no, -ko,
# -ka), Bengali genitive and dative (-er, -ke), Tamil (-vin, -ukku, -ai), Bulgarian diminutive and article
# (-cheto, -che, -to, -ta); longest first.
_SCRIPT_SUFFIXES = tuple(sorted("cheto che to ta ne no ni nu ko ka ki ke er der vin ukku kku ai".split(),
                                key=len, reverse=True))  # Arabic one-letter proclitics: to, with, and, then, like
INFLECTED = "a roster name with a case ending"
_IRISH_IN = "ín"  # Irish -ín only with its accent: a folded -in ends English words and names ("Robin", "Gethin")
# Welsh mutations of a name's first letters, and Gaelic/Irish lenition and eclipsis.
_SOFT = {"ll": "l", "rh": "r", "c": "g", "p": "b", "t": "d", "g": "", "b": "f", "d": "dd", "m": "f"}
_NASAL = {"c": "ngh", "p": "mh", "t": "nh", "g": "ng", "b": "m", "d": "n"}
_ASPIRATE = {"c": "ch", "p": "ph", "t": "th"}
_ECLIPSIS = {"b": "mb", "c": "gc", "d": "nd", "f": "bhf", "g": "ng", "p": "bp", "t": "dt"}
# The words before a name that cause each mutation; they count when the mutated word, capitalised, is also an
# English word or another name ("i Fair" for Mair; "i fell over" is English). Without one it must be neither.
_TRIGGERS = {kind: frozenset(words.split()) for kind, words in (
    ("soft", "i o dy ei annwyl gan wrth drwy trwy"), ("nasal", "fy yn ym yng"), ("aspirate", "a â gyda tua ei"),
    ("lenition", "a mo do dha"), ("eclipsis", "ár ar bhur i"))}
_BUILT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # RosterIndex → its RosterForms
_HASHTAG = re.compile(r"(?<![\w#])#(\w{4,60})")
_TAG_PART = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|\d+")


def transliterated(word: str) -> str:
    """``word`` in Latin letters, lower case, letters only: "Калоян" → "kaloyan"."""
    return re.sub(r"[^a-z]", "", anyascii(word).lower())


def skeleton(latin: str, abjad: bool = False, vowels: bool = False) -> str:
    """The consonant classes of a Latin spelling, repeats collapsed: "sumaiya" → "smy" ("sOmAyA" with ``vowels``).

    b/p, d/t(/th), g/k/q/c, v/w, s/z/sh are one class each, and with ``vowels`` a vowel group is the class of its
    first vowel (a, e, i/y, o/u); an i after a vowel is a glide (y); y and j are consonants before a vowel (in an
    abjad, ``abjad``, always: it writes no vowels).
    """
    s = re.sub(r"gi(?=[aeou])", "y", fold(latin).lower())  # Greek γι: "Kalogian" is Kaloyan
    s = re.sub(r"(?<=[aeou])i", "y", s.replace("j", "y"))
    s = _DIGRAPH.sub(lambda m: _DIGRAPH_AS.get(m.group(), m.group()), s)
    out: list[str] = []
    for i, ch in enumerate(s):
        consonant_y = ch == "y" and (abjad or s[i + 1:i + 2] in ("a", "e", "i", "o", "u"))
        cls = "y" if consonant_y else (vowels and _VOWEL.get(ch)) or _CONSONANT.get(ch, "")
        if cls and (not out or out[-1] != cls) and not (cls.isupper() and out and out[-1].isupper()):
            out.append(cls)
    return "".join(out)


def _script_keys(word: str, latin: str) -> set[str]:
    """The skeletons of a word in another script that have ``MIN_SKELETON`` consonant classes or more.

    Consonants only for abjads (no short vowels) and Indic scripts (transliterated without the inherent a:
    "abinya"); vowels too for scripts that write them (Cyrillic, Greek, Ge'ez, pinyin): "Πέτρος" is no Beatriz.
    """
    if any(lo <= ord(ch) <= hi for ch in word for lo, hi in _ABJAD):  # ي and و: long vowels as often as not
        keys = {skeleton(latin, abjad=True), skeleton(re.sub(r"[yw]", "", latin))}
    else:
        keys = {skeleton(latin, vowels=not any(0x0900 <= ord(ch) <= 0x0DFF for ch in word))}
    return {k for k in keys if sum(c.islower() for c in k) >= MIN_SKELETON}


def diminutive_stems(word: str) -> set[str]:
    """The stems a folded word may be a diminutive of: "jakubek" → {"jakub"}, "chiquinho" → {"chic"}."""
    stems = set()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            stem = word[:-len(suffix)]
            stems.add(stem)
            if stem.endswith(("qu", "gu")):  # Portuguese and Spanish spelling: Chico → Chiquinho, Diego → Dieguito
                stems.add(stem[:-2] + ("c" if stem[-2] == "q" else "g"))
    return stems


def name_stems(name: str) -> set[str]:
    """A roster name's stems: itself, without its final vowel, without an -s/-as/-is ending ("karlis" → "karl")."""
    stems = {name, name[:-1] if name[-1:] in "aeiouy" else name}
    if len(name) >= 5 and name.endswith(("ek", "ec")):  # Polish fleeting e: Bartek → Bartka, Bartkiem; Stasiec
        stems.add(name[:-2] + name[-1])
    ending = next((e for e in ("as", "is", "us", "ys", "es", "s") if name.endswith(e)), "")
    stems.add(name[:len(name) - len(ending)])
    return {s for s in stems if len(s) >= MIN_STEM}


def slender(name: str) -> str:
    """The Gaelic vocative's slender ending: an i after the last broad vowel ("calum" → "caluim")."""
    return re.sub(r"([aou])([^aeiouy]+)$", r"\1i\2", name)


def mutated_forms(name: str) -> dict[str, str]:
    """Each mutated spelling of a folded roster name → the mutation: "dafydd" → {"ddafydd": "soft", ...}."""
    out: dict[str, str] = {}
    for kind, table in (("soft", _SOFT), ("nasal", _NASAL), ("aspirate", _ASPIRATE), ("eclipsis", _ECLIPSIS)):
        head = name[:2] if name[:2] in table else name[:1]
        if head in table:
            out.setdefault(table[head] + name[len(head):], kind)
    for form in (name, slender(name)):
        if name[:1] in "bcdfgmpt" or (name[:1] == "s" and name[1:2] in "aeioulnr"):
            out.setdefault(form[0] + "h" + form[1:], "lenition")
    out.pop(name, None)  # a mutated spelling of three letters or fewer ("gai" of Cai) is too often a word of its own
    return {k: v for k, v in out.items() if len(k) >= 4}


@dataclass
class RosterForms:
    """The roster's single-word first and preferred names and nicknames, keyed four ways for this module."""

    names: dict[str, tuple[str, tuple[Pupil, ...]]]  # folded name → (FIRST or NICK, pupils)
    skeletons: dict[str, tuple[Pupil, ...]]
    stems: dict[str, tuple[Pupil, ...]]
    stem_starts: frozenset[str]  # the first three letters of every stem: the diminutive path's cheap filter
    mutations: dict[str, tuple[str, tuple[Pupil, ...]]]  # mutated spelling → (mutation, pupils)


def roster_forms(index) -> RosterForms:
    """The keys of :class:`RosterForms` for a :class:`detectors.names_roster.RosterIndex`, built once per index."""
    if (built := _BUILT.get(index)) is not None:
        return built
    names, skeletons, stems = {}, defaultdict(set), defaultdict(set)
    mutations: dict[str, tuple[str, set]] = {}
    for form, entry in index.forms.items():
        how = FIRST if FIRST in entry else NICK if NICK in entry else None
        if how is None or not form.isalpha() or len(form) < 3:
            continue
        pupils = entry[how]
        names[form] = (how, _sorted(pupils))
        for key in {skeleton(f, vowels=v) for f in (form, form.replace("th", "s")) for v in (False, True)}:
            skeletons[key] |= pupils
        for stem in name_stems(form):
            stems[stem] |= pupils
        for spelling, kind in mutated_forms(form).items():
            mutations.setdefault(spelling, (kind, set()))[1].update(pupils)
    built = RosterForms(names, {k: _sorted(v) for k, v in skeletons.items()}, {k: _sorted(v) for k, v in stems.items()},
                        frozenset(s[:3] for s in stems), {k: (kind, _sorted(p)) for k, (kind, p) in mutations.items()})
    _BUILT[index] = built
    return built


def _sorted(pupils) -> tuple[Pupil, ...]:
    return tuple(sorted(pupils, key=lambda p: p.ref))


def _known_word(word: str, index) -> bool:
    """An English word or a name in its own right: "Robin" is no diminutive of Rob, "Nan" no mutated Dan."""
    return word in english_words() or word in world_names() or word in given_names() or word in variant_names() \
        or word in index.forms


def _written_alike(latin: str, pupil: Pupil) -> bool:
    """Whether an abjad spelling (transliterated: "krym") writes the pupil's first or preferred name ("Karim").

    Arabic script writes long vowels (ي, و, ا) and leaves short ones out, so the roster spelling must be the
    transliteration with short vowels put back, never at the end: "krym" is Karim, "ywsf" Yusuf, "mhmd" Mohammed
    (a doubled letter is written once), "ftmh" Fatima (ة, read h, ends it); "hsn" (Hasan) is no Husna.
    """
    script = re.sub(r"h$", "a", latin.replace("y", "i").replace("w", "u"))
    for name in {pupil.first_name, pupil.preferred_name}:
        roster = re.sub(r"(.)\1", r"\1", fold(name).lower().replace("y", "i").replace("w", "u"))
        k = 0
        for ch in roster:
            if k < len(script) and ch == script[k]:
                k += 1
            elif ch not in "aeiou":
                break
        else:
            if k == len(script) and roster[-1:] == script[-1:]:
                return True
    return False


def _family(pupils: tuple[Pupil, ...], word: str) -> tuple[Pupil, ...]:
    """The pupils whose surname ``word``, in another script, is: "Петров" of Kaloyan Petrov."""
    latin = transliterated(word)
    keys = _script_keys(word, latin) if len(latin) > 2 and latin != fold(word).lower() else set()
    return _sorted(p for p in pupils if (last := fold(p.last_name).lower().replace(" ", "")) == latin
                   or keys & {skeleton(last), skeleton(last, vowels=True)})


def _letters(word: str) -> bool:
    """Letters only, with the vowel signs and marks of Indic and other scripts (which ``str.isalpha`` refuses)."""
    return word.isalpha() or (not word.isascii() and word[0].isalpha() and all(
        ch.isalpha() or unicodedata.category(ch).startswith("M") for ch in word))


def read_word(word: str, previous: str, index) -> tuple[str, tuple[Pupil, ...], list[str]] | None:
    """How one word (``previous`` the word before it, lower case) names roster pupils: (how, pupils, cues) or None.

    An Arabic-script word with a one-letter proclitic ("لمريم": to Maryam, "وعائشة": and Aisha) is read without it
    when it does not name a pupil as written.
    """
    found = _read_word(word, previous, index)
    if found is None and len(word) >= 5 and word[0] in _PROCLITICS and any(0x0600 <= ord(c) <= 0x06FF for c in word):
        found = _read_word(word[1:], previous, index)
    return found


def _read_word(word: str, previous: str, index) -> tuple[str, tuple[Pupil, ...], list[str]] | None:
    forms = roster_forms(index)
    script = any(ord(ch) >= 0x0370 for ch in word)  # past Latin: Greek, Cyrillic, Arabic, Indic, Ge'ez, CJK
    latin, cues = (transliterated(word), [OTHER_SCRIPT]) if script else (fold(word).lower(), [])
    if len(latin) < 3 or not latin.isalpha():
        return None
    if script and latin in forms.names:  # "Калоян", "ካሎያን": the roster spelling itself
        return (*forms.names[latin], cues)
    if len(latin) >= 5 and (latin.endswith(_SUFFIXES) or word.lower().endswith(_IRISH_IN)) \
            and latin[:3] in forms.stem_starts and not _known_word(latin, index):
        stems = diminutive_stems(latin) | ({latin[:-2]} if word.lower().endswith(_IRISH_IN) else set())
        pupils = {p for s in stems for p in forms.stems.get(s, ())}
        if pupils:  # "Jakubek", "Kubusia", "Kārlītis", "Калоянчо"
            return NICK, _sorted(pupils), cues + [DIMINUTIVE]
    if script:
        pupils = {p for key in _script_keys(word, latin) for p in forms.skeletons.get(key, ())}
        if not pupils:  # a case ending or an article on the name: "ખુશીને" (Khushi + ne), "Йоанчето" (Yoana + cheto)
            for suffix in _SCRIPT_SUFFIXES:
                stem = latin[:-len(suffix)]
                if latin.endswith(suffix) and len(stem) >= MIN_STEM:
                    pupils = set(forms.stems.get(stem, ()))  # the stem as the roster spells it: no skeleton guess
                    if pupils:
                        return NICK, _sorted(pupils), cues + [INFLECTED]
        if word.lower() in world_names():  # a name in its own right in its own script: "Πέτρος", "حسن"
            # it is the roster's name only when written alike: "كريم" (krym) is Karim; "حسن" (hsn) is no Husna
            abjad = any(lo <= ord(ch) <= hi for ch in word for lo, hi in _ABJAD)
            pupils = {p for p in pupils if abjad and _written_alike(latin, p)}
        return (NICK, _sorted(pupils), cues) if pupils else None
    if word[:1].isupper() and latin not in forms.names and not _known_word(latin, index):
        pupils = {p for e in _CASE_ENDINGS if latin.endswith(e) and len(latin) - len(e) >= MIN_STEM
                  for p in forms.stems.get(latin[:-len(e)], ())}
        if len(latin) >= _BARE_STEM:
            pupils |= set(forms.stems.get(latin, ()))
        if pupils:  # "Jakubowi", "Ugnei", "Kubie"
            return FIRST, _sorted(pupils), [INFLECTED]
    mutated = forms.mutations.get(latin)
    if mutated is not None:
        kind, pupils = mutated
        if (previous in _TRIGGERS[kind] and word[:1].isupper()) or not _known_word(latin, index):
            return NICK, pupils, [MUTATED]
    return None


def other_forms(text: str, doc, index, cands: Candidates) -> None:
    """Add a candidate for each word that is a roster name in another form (see the module's docstring).

    A word some other finder already took is left to it; if that candidate has no pupils and covers just the
    word (spaCy's PERSON, a capitalised word in a child slot), it becomes the roster form this module found, as
    the roster match would have made it had the name been written as on the roster.
    """
    foreign: bool | None = None
    previous = ""
    for tok in doc:
        word, before, previous = tok.text, previous, tok.lower_
        if len(word) < 3 or not _letters(word):
            continue
        found = read_word(word, before, index)
        if found is None:
            continue
        how, pupils, cues = found
        if INFLECTED in cues and word[-1:].lower() == "s" and fold(word).lower()[:-1] in roster_forms(index).names:
            if foreign is None:
                foreign = _foreign_line(doc)
            if not foreign:
                continue  # "four Matildas" in an English line: a plural of the name (Latvian "Martas" is a genitive)
        start, end = tok.idx, tok.idx + len(word)
        nxt = doc[tok.i + 1] if OTHER_SCRIPT in cues and tok.i + 1 < len(doc) else None
        if nxt is not None and (family := _family(pupils, nxt.text)):  # "Калоян Петров": the full name
            how, pupils, end = FULL, family, nxt.idx + len(nxt.text)
        elif nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and not nxt.text.isascii():
            how, pupils, end, cues = "other_full", (), nxt.idx + len(nxt.text), []  # "Калоян Иванов": someone else
        if cands.covers(start, end):
            for c in cands.overlapping(start, end):
                if not c.pupils and (c.start, c.end) == (start, end):
                    c.how, c.pupils = how, pupils
                    c.cues += [cue for cue in cues if cue not in c.cues]
            continue
        if foreign is None:
            foreign = _foreign_line(doc)
        cues = cues + [OTHER_LANGUAGE] * foreign  # as names_uncased marks a name in such a line; not a name alone
        cands.append(Candidate(start, end, how, pupils, cues=cues))
    if "#" in text:
        hashtag_names(text, index, cands)


def _foreign_line(doc) -> bool:
    """A line in Polish, Welsh or Bengali: mostly not English, or two words or more in another script."""
    return in_another_language(doc) or sum(any(ord(ch) >= 0x0370 for ch in t.text) for t in doc) > 1


def hashtag_names(text: str, index, cands: Candidates) -> None:
    """Roster names inside CamelCase hashtags: "#ProudOfSumaiyaX" → "Sumaiya", "#GoSumaiyaBegum" → both words.

    The candidate is the name's part only; a name opening the tag ("#Sumaiya...") sits right after "#" and
    names_features vetoes it like any "#Name". Everyday words ("#HopeForAll") are not names. A pupil-less candidate
    opening the tag (spaCy's PERSON "ProudOfSumaiyaX", vetoed for its "#") does not keep the name from its own.
    """
    folded = fold(text)
    for tag in _HASHTAG.finditer(folded):
        body = tag.group(1)
        if body.islower() or body.isupper() or "_" in body:
            continue
        at = tag.start(1)
        parts = [(at + m.start(), at + m.end(), m.group().lower()) for m in _TAG_PART.finditer(body)]
        i = 0
        while i < len(parts):
            start, end, word = parts[i]
            pair = f"{word} {parts[i + 1][2]}" if i + 1 < len(parts) else ""
            entry, how = index.forms.get(pair), FULL
            if entry is not None and FULL in entry:
                end, i = parts[i + 1][1], i + 1
            else:
                entry = index.forms.get(word) if word not in COMMON_WORD_NAMES else None
                how = FIRST if entry and FIRST in entry else NICK
            i += 1
            if entry and how in entry and all(not c.pupils and c.start == at for c in cands.overlapping(start, end)):
                cands.append(Candidate(start, end, how, _sorted(entry[how]), cues=[IN_HASHTAG]))
