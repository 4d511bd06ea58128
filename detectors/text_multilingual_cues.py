"""Words that aim a weak term at a person, per language: second-person pronouns and verbs, "your mother", and the
words that aim it at a whole group ("todos", "wszyscy", "visi", "sab": a hateful generalisation needs no slur).

The plural article before an insult aims it at a group too ("son unos ladrones", "são uns ladrões"), and in Welsh
the school's people named ("mae'r pennaeth yn hollol dwp": the head is stupid), since a weak word aimed at staff
needs no second person.

Written as keys (:func:`detectors.text_multilingual_fold.key`: lower case, no diacritics, repeated letters once), so
"jesteś" is ``jestes`` and "ești" is ``esti``. A cue of language X near a weak term of X both aims it and shows
the text is (partly) in X. English second-person words aim a weak term only when the item's language or the
school's languages already admit X: "ur a proper kutta" counts for a school that lists Urdu.
"""

from __future__ import annotations

from detectors.text_multilingual_fold import key

_CUES_WRITTEN: dict[str, str] = {
    "cy": "ti chi rwyt wyt ych dych dach chdi di dy dyn ei holl pennaeth prifathro prifathrawes athro athrawes "
          "athrawon staff llywodraethwyr",
    "pl": "ty jesteś jestes twoja twój twoje twoi cię cie ciebie tobie tobą wy jesteście wasz wasza wszyscy wszystkie",
    "ro": "tu ești eşti esti te tine ție ţie ta tău tau voi sunteți sunteţi toți toti toate",
    "ur": "tu tum tera teri tere tujhe tujh tjhe tumhe tumhara tumhari aap apka apki apke tjh sab saare sare سب سارے ਸਾਰੇ",
    "ar": "انت انتي انتى يا انتم enta inta enti inti inte ya",
    "so": "adiga adigu waxaad tahay aad hooyadaa hooyo idinka waa",
    "pt": "você voce vc vcs tu te ti teu tua seu sua vocês voces és todos todas "
          "uns umas",
    "es": "tú tu eres te ti usted vos sos tus vosotros sois ustedes todos todas unos unas",
    "lt": "tu esi tave tavo tau jūs jus esate visi visos",
    "bn": "তুই তুমি তোর তোমার আপনি তোকে tui tumi tor tomar apni toke সব সবাই",
    "tr": "sen sana seni senin sende senden siz sizi sizin",
    "fa": "تو تورو ترو شما شمارو shoma toro",
}
#: Per language, the keys of the words that aim a weak term of that language at a person.
CUES: dict[str, frozenset[str]] = {lang: frozenset(key(w) for w in text.split()) for lang, text in _CUES_WRITTEN.items()}
#: English (and text-speak) second-person words: they aim, but never admit a language on their own.
ENGLISH_CUES: frozenset[str] = frozenset("you u ur youre ya yer ye your yours yall".split())
#: How many words either side of a weak term a cue may stand.
WINDOW = 3
