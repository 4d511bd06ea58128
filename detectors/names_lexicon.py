"""Word lists and cue patterns for the named_child detector: class-level data, no logic.

There is no gazetteer of public figures: a name needs the roster or child context to count,
and a title, an adult role word, a place or organisation word after the name veto it.
"""

from __future__ import annotations

import re
import unicodedata

# Words that, right before a name, make it an adult's (or a title, not a person).
TITLES = frozenset("""
mr mrs miss ms mx dr prof professor rev revd reverend father fr sister brother pastor imam rabbi canon
bishop vicar sir dame lord lady cllr councillor pc pcso dc ds sgt sergeant inspector officer captain capt
coach queen king prince princess saint st mayor president nurse doctor madam madame auntie aunty aunt
anti yncl wncwl bodo santes sant múinteoir muinteoir maighstir
uncle grandma grandad grandpa granny nan nanna nana gran grandmother grandfather
ponas ponui pono poną ponia poniai ponios pani pan panie pana doamna doamnei domnul dna dl ustadh ustad ustaz ustaza ustadha sheikh shaykh hoca hocam
bayan bay señor señora senhor senhora sr sra profesor profesora professora professor kyria kyrie κυρία κύριε
пані пан вчителька вчитель учитель учительница tita tito ninang ninong lola lolo hooyo aabo ayeeyo awoowe
babcia dziadek bunica bunicul yiayia giagia pappou papou babushka dedushka nani nanu dadi dada chacha chachi
chachu khala khalu mamu phupho phuppo
""".split())
ADULT_ROLES = frozenset("""
mum mom mam mummy mother dad daddy father husband wife partner hubby fiance fiancee boyfriend girlfriend
teacher headteacher head deputy author writer poet illustrator artist composer singer musician actor
actress presenter footballer player manager chef cook caretaker governor chair mp minister scientist
inventor explorer astronaut athlete olympian speaker visitor guest historian
""".split())
# Right before a name: the name is a work's, a character's or a topic's, not a child's.
TOPIC_WORDS = frozenset("about by reading read studying studied as like called named".split())

# After a name: it names a place, a building, an organisation, an event or a class.
ORG_WORDS = frozenset("""
class classes house team road street st lane close avenue ave drive way green park school academy college
university church chapel foundation trust centre center hall museum arena theatre theater fair day week
club library primary infants juniors farm castle hospital surgery ltd limited plc bank court gardens
garden square place crescent grove terrace hill bridge station airport stadium festival award awards
prize cup trophy group building ward wing unit island islands bay river lake wood woods forest nursery
fayre fete fête concert disco ball prom gala show term holidays camp service assembly market bazaar wedding
anniversary jubilee
""".split())
# Job and role nouns: a capitalised one ("Head of Year 10", "Tutor 8K") is not a name.
ROLE_NOUNS = ADULT_ROLES | frozenset("""
leader lead tutor coordinator co-ordinator director officer assistant technician librarian administrator
senco prefect prefects captain captains ambassador ambassadors monitor monitors pupil pupils student students
year years form class
""".split())
# Months and their abbreviations: a name that is one is a date beside a day number or a year.
MONTHS = frozenset("jan feb mar apr may jun june jul july aug august sep sept oct nov dec april march".split())
DATE_BEFORE = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?|\b(?:early|mid|late|end\s+of|from|until|till|"
                         r"since|by|in|this|next|last)\s+)$", re.I)
DATE_AFTER = re.compile(r"^\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:\)|years?|yrs?))|(?:19|20)\d{2}\b|half[\s-]?term|"
                        r"holidays?|exams?|mocks?)", re.I)
# Right before a name: it is the title of a show, a book or a film, not a child.
WORK_BEFORE = re.compile(r"(?:\b(?:production|performance|staging|adaptation|version|cast|auditions?|rehearsals?|"
                         r"tickets?|songs?|showing|screening|premiere|matinee|run)\s+(?:of|for|from)\s+(?:the\s+)?|"
                         r"\b(?:musical|pantomime|panto)\s*:?\s*)[\"“‘']?$", re.I)
WORK_AFTER = re.compile(r"^[!\"”’']*\s+(?:the\s+musical|jr\b|junior\b|musical\b)", re.I)

# First names that are also everyday words: on their own they need a child cue.
COMMON_WORD_NAMES = frozenset("""
will grace rose hope bill summer ivy daisy willow hazel holly poppy lily violet ruby amber autumn faith
joy sky river rowan jack mark pat sue frank art bob rob jay dawn april may june jade pearl robin sunny
star rain storm chase hunter miles angel honey olive iris heather fern sage ash reed brook winter dean
gene cliff guy harry max ray penny rich sandy rusty buddy bo bea eve early taylor carter mason cole
fox bell ward shaw heath moss lane marsh page king lil
haf eira seren sêr ser gwawr heulwen hedd tirion alaw celyn awen ceri glaw enfys mêl mel nant afon
""".split())  # the last line: Welsh words that are given names (summer, snow, star, dawn, sunshine, peace, gentle,
# melody, holly, muse, a river, rain, rainbow, honey, stream, river): everyday words in a Welsh line

# Diminutives: a pupil may be called by any of these even if the roster's preferred name differs.
NICKNAMES = {
    "thomas": ("tom", "tommy"), "william": ("will", "billy", "liam"), "oliver": ("ollie", "olly"),
    "alexander": ("alex", "xander"), "alexandra": ("alex", "lexi"), "elizabeth": ("lizzie", "libby", "beth"),
    "matilda": ("tilly", "tilda"), "amelia": ("millie", "milly"), "theodore": ("teddy", "theo"),
    "benjamin": ("ben", "benji"), "samuel": ("sam", "sammy"), "joseph": ("joe", "joey"),
    "daniel": ("dan", "danny"), "james": ("jamie", "jim"), "jessica": ("jess",), "rebecca": ("becky", "becca"),
    "charlotte": ("lottie",), "isabella": ("bella", "izzy"), "isabelle": ("bella", "izzy"),
    "edward": ("eddie", "ed", "ted"), "frederick": ("freddie", "fred"), "alfred": ("alfie",),
    "archibald": ("archie",), "finley": ("finn",), "zachary": ("zach", "zac"), "jacob": ("jake",),
    "joshua": ("josh",), "matthew": ("matt",), "michael": ("mikey", "mike"), "christopher": ("chris",),
    "nicholas": ("nick",), "robert": ("rob", "bobby"), "katherine": ("katie", "kate"),
    "catherine": ("katie", "kate", "cat"), "eleanor": ("ellie", "nell"), "florence": ("flo", "florrie"),
    "margaret": ("maggie", "meg"), "victoria": ("tori",), "abigail": ("abbie", "abby"),
    "olivia": ("liv", "livvy"), "penelope": ("penny",), "reginald": ("reggie",), "albert": ("albie", "bertie"),
    "henry": ("harry",), "harrison": ("harry",), "maximilian": ("max",), "maxwell": ("max",),
    "gabriel": ("gabe",), "nathaniel": ("nate",), "anthony": ("tony",), "stanley": ("stan",),
    "georgina": ("georgie",), "harriet": ("hattie",), "josephine": ("josie",), "madeleine": ("maddie",),
    "sebastian": ("seb",), "dominic": ("dom",), "jonathan": ("jon", "jonny"),
}

# Child cues. Strong ones sit right next to the name; weak ones are near it.
# Year groups as the UK's school communities write them: English "Year 3", "Yr.3", "Y9", "yr4"; Welsh "Blwyddyn 2"
# and its mutations ("ym Mlwyddyn 2", "Flwyddyn 2"), "Bl 4", "Bl. 4" and "Dosbarth 3"; Irish and Gaelic "Rang 4",
# "Rang a 4" (capitalised: "rang 3 times" is English), Gaelic "Bliadhna 4"; Scottish primary "P4", secondary "S2".
YEAR_WORDS = frozenset("year yr y blwyddyn mlwyddyn flwyddyn bl dosbarth rang bliadhna".split())
_YEAR = (r"(?:year|yr|y|[bmf]lwyddyn|bl|dosbarth|(?-i:R)ang(?:\s+a)?|bliadhna)\.?\s?(?:[1-9]|1[0-3])\b|p\s?[1-7]\b|"
         r"s[1-6]\b|reception|nursery|sixth\s?form|(?:lower|upper)\s+sixth|derbyn|meithrin|"
         # "2 klasa", "5 klasė", "11 klasėje", "5 клас", "clasa a 2-a": a class number in the community languages
         r"(?:[1-9]|1[0-3])\.?\s?(?:klas[aeęyė]\w*|клас\w*|класс\w*)|clasa\s+a\s+(?:[1-9]|1[0-2])(?:-a)?\b")
_AGE = (r"\(\s?(?:[1-9]|1[0-7])\s?(?:oed|yrs?|years?|y\.?o\.?|lat|lata|ani|anos|años|m[eė]t\w*|let)?\s?\)|"
        r",?\s+aged?\s+(?:[1-9]|1[0-7])\b|,\s+(?:[1-9]|1[0-7])\s*,|"
        r"\s+\(\s?age\s+(?:[1-9]|1[0-7])\s?\)")
_TEAM = r"u\s?-?\d{1,2}s?\b|under[\s-]\d{1,2}s?\b"
_FORM = r"(?:form\s+)?(?:[7-9]|1[0-3])\s?[a-z]{1,3}\b(?=[\s.,!?)]|$)"
KIN = (r"son|daughter|boy|girl|lad|twins?|kids?|children|child|grandson|granddaughter|grandchild(?:ren)?|"
       # godchildren, foster children and great-grandchildren are children someone speaks for too
       r"god(?:son|daughter|child(?:ren)?|kids?)|foster\s+(?:son|daughter|child|kids?)|"
       r"great[\s-]grand(?:son|daughter|child(?:ren)?|kids?)|"
       # the same words as they are often typed: "granson", "grandaughter", "neice", "nefew", "grandkid"
       r"granson|grandaughter|granddaughta|grandkids?|grankids?|neice|nefew|neffew|"
       r"little\s+one|baby|niece|nephew|stepson|stepdaughter|youngest|eldest|oldest|middle\s+one|sons|daughters|"
       r"boys|girls|little\s+(?:boy|girl|man|lady)|(?:little|lil|baby|younger|kid|twin|big)\s+(?:brother|sister|bro|sis)")
# Welsh "fy merch" (my daughter), "fy mab" (my son), "ein plant" (our children), "fy ŵyr" (my grandson); and "my
# son / daughter / grandchild / niece / nephew" in the languages UK families write in Latin letters: Polish, Slovak
# and Czech, Romanian, Lithuanian, Portuguese and Spanish, romanised Urdu/Punjabi, Bengali and Nepali, Tagalog,
# Somali, Scottish Gaelic and Irish, and Jamaican Patois ("moja córka", "fiul meu", "meri beti", "anak ko",
# "wiilkayga", "mo mhac", "mi yute"). Each is the ordinary phrase of its language, not a phrase of one comment.
# Welsh children, grandchildren, nieces and nephews, as the words follow "fy" or "ein" (mutated where they mutate).
_CY_CHILD_NOUNS = r"merch|ferch|mab|fab|mhlant|plant|wyres|wyresau|ŵyr|wyr|wyrion|nith|nai"
_KIN_CY = (rf"\b(?:fy|ein|ei)\s+(?:{_CY_CHILD_NOUNS}|"
           r"mrawd\s+bach|frawd\s+bach|chwaer\s+fach|chwaer\s+fawr|mrawd\s+mawr|frawd\s+mawr)"
           # an adjective may follow the noun: "fy mab hyna" (my eldest son), "fy merch fenga" (my youngest daughter)
           r"(?:\s+(?:hyna|hynaf|henaf|ieuenga|ieuengaf|fenga|ienga|bach|fach))?|"
           # spoken Welsh puts the possessive after the noun: "merch fi" (my daughter), "plant ni" (our children)
           r"\b(?:merch|mab|crwt|croten|wyres|wyresau|ŵyr|wyr|wyrion|nith|nai|plant|brawd\s+bach|chwaer\s+fach)"
           r"\s+(?:fi|ni)|"
           r"\b(?:mój|moj|moja|nasz|nasza|môj|můj|muj|moje|naše|nase|náš)\s+(?:syn|synek|synuś|córka|corka|córeczka|"
           r"coreczka|wnuk|wnuczka|wnuczek|bratanek|bratanica|siostrzeniec|siostrzenica|dcéra|dcera|dcérka|dcerka|"
           r"vnuk|vnučka|vnucka|synovec|neter)|"
           r"\b(?:fiul|fiica|fata|fetița|fetita|băiatul|baiatul|nepotul|nepoata|nepoțelul|nepotelul)\s+"
           r"(?:meu|mea|nostru|noastră|noastra)|"
           r"\b(?:mano|mūsų|musu)\s+(?:sūnus|sunus|sūnelis|sunelis|dukra|dukrytė|dukryte|anūkas|anukas|anūkė|anuke)|"
           r"\b(?:meu|minha|nosso|nossa|mi|mis)\s+(?:filho|filha|filhote|neto|neta|sobrinho|sobrinha|hijo|hija|"
           r"nieto|nieta|sobrino|sobrina)|"
           r"\b(?:mera|meri|mere|hamara|hamari|sada|sadi|sadda|saddi|amar|amader|mero|meri|hamro)\s+"
           r"(?:beta|beti|bacha|bachi|bachcha|bachchi|pota|poti|nawasa|nawasi|bhatija|bhatiji|bhanja|bhanji|"
           r"chele|meye|nati|natni|chhora|chhori|choro|chori|natini)|"
           r"\b(?:mara|maro|mari|amara|amaro|amari)\s+(?:dikra|dikri|dikro|dikaro|dikari)|"
           r"\b(?:walaashay|walaalkay|walaashey|walaalkey)(?:\s+yar)?|"
           r"\b(?:anak|pamangkin|bunso|panganay)(?:\s+(?:ko|namin|natin))?|\bapo\s+(?:ko|namin|natin)|"
           r"\b(?:wiilkayga|gabadhayda|inankayga|gabadhaydii|wiilkaygii)|"
           r"\bmo\s+(?:mhac|nighean|iníon|inion|ogha|bhràthair\s+beag|dheirfiúr\s+beag)|"
           r"\b(?:mi|me)\s+(?:yute|yout|youth|pickney|pikni|granpickney|gran\s?pickney)")
KIN_SUFFIXED = r"(?:ወደይ|ጓለይ|ልጄ|ልጃችን|ወንድሜ|ኣሕዋተይ|کوڕم|کچم|کوڕەکەم|کچەکەم)"
# "my son / daughter / grandchild" in the scripts of UK community languages (NFC, as text_prepare leaves a text):
# Bengali, Hindi, Punjabi (Gurmukhi), Urdu, Arabic, Dari; and romanised Punjabi ("mera putt", "dohti": a daughter's
# child), Pashto ("zama lur"), Sorani Kurdish ("kurrakam"), Yoruba ("omo mi"), Polish grandchildren ("wnuczek").
KIN_SCRIPTS = unicodedata.normalize("NFC", (
    r"(?:আমার|আমাদের)\s+(?:মেয়ে|ছেলে|নাতি|নাতনি|ভাগ্নে|ভাগ্নি)|(?:मेरी|मेरा|हमारी|हमारा)\s+(?:बेटी|बेटा|पोती|पोता)|"
    r"(?:ਮੇਰੀ|ਮੇਰਾ|ਸਾਡੀ|ਸਾਡਾ)\s+(?:ਧੀ|ਪੁੱਤ|ਪੁੱਤਰ|ਪੋਤੀ|ਪੋਤਾ|ਦੋਹਤੀ|ਦੋਹਤਾ)|(?:میرا|میری|ہمارا|ہماری)\s+(?:بیٹا|بیٹی|پوتا|پوتی)|"
    r"(?:ابني|ابنتي|بنتي|حفيدي|حفيدتي|پسرم|دخترم)|"
    r"\b(?:mera|meri|sada|sadi)\s+(?:putt|puttar|dhee|dhi)|\b(?:dohti|dohta)|\bzama\s+(?:lur|zoy|zooy)|"
    r"\b(?:kurrakam|kurakam|kchakam)|\bomo\s+mi|\b(?:wnuczek|wnuczka|wnusia)|"
    r"(?:синът|сина|дъщеря|внукът|внучката)\s+ми|(?:моят|моя)\s+(?:син|дъщеря)|"
    r"(?:мой|мій)\s+(?:сын|син|внук)|(?:моя)\s+(?:дочь|донька|доня|внучка)|"
    # Kurmanji "keça min" (my daughter), "kurê min" (my son); and the possessive-suffixed nouns that stand either
    # side of a name: Tigrinya "ወደይ" (my son), "ጓለይ" (my daughter), Amharic "ልጄ" (my child), Sorani "کوڕم" (my
    # son), "کچم" (my daughter)
    r"\b(?:keça|keçka|kurê|lawê|qîza)\s+min\b|" + KIN_SUFFIXED))
# Whose child: "my (eldest) son", and in dialect and text-speak "me lad", "ma wee grandson", "oor bairn", "wor kid"
# (a dialect possessive takes at most one little word before the kin word: "tell me the boy" is not kin; an in-law
# is an adult: "my grandson-in-law").
DIALECT_POSSESSIVE = r"me|ma|mah|mi|oor|wor"
KIN_OWNER = (rf"\b(?:my|our|his|her|their|your)\s+(?:\w+\s+){{0,2}}?(?:{KIN})(?![-\s]in[-\s]law)|"
             # someone's child: "Mr Ellis's wee boy", "the Nowaks' youngest", "Kasia's little sister"
             rf"\w(?:['’]s|s['’])\s+(?:(?:wee|lil|little|baby|big|young|eldest|youngest|new)\s+)?(?:{KIN})(?![-\s]in[-\s]law)|"
             rf"\b(?:{DIALECT_POSSESSIVE})\s+(?:(?:wee|lil|little|baby|big|young)\s+)?(?:{KIN})(?![-\s]in[-\s]law)")
# A parent known by the child's name, as Nigerian, Ghanaian, Caribbean, Arabic and Slavic families sign themselves
# ("Mama Tolu here", "Umm Yusuf", "som mama Nikolky": I'm Nikolka's mum) and as anyone writes "mum of Alfie".
TEKNONYM = r"\b(?:mama|mamma|umm|omm)\s+|\b(?:mum|mom|mam|mother|dad|father|parent)\s+(?:of|to)\s+"
KIN_BEFORE = re.compile(rf"(?:{KIN_OWNER}|{_KIN_CY}|{KIN_SCRIPTS}|{TEKNONYM})\s*,?\s*$",
                        re.I)
ROLE_BEFORE = re.compile(rf"\b(?:head\s+(?:boy|girl)|prefects?|pupils?|students?|learners?|classmates?|"
                         rf"school\s?mates?|(?:{_YEAR})(?:'s|’s)?|{_TEAM})\s*,?\s*$", re.I)
KIN_PHRASE = re.compile(rf"(?:{KIN_OWNER}|{_KIN_CY}|{KIN_SCRIPTS})\s*,?\s*"
                        rf"(?=[A-Za-z])", re.I)
# "in" before a year group in the community languages: Welsh "yn", "ym", "yng"; Irish "i", "sa"; Polish "w", "z";
# Romanian "în", "din"; Lithuanian "iš" ("Nel ym Mlwyddyn 2", "Kuba w P4").
_IN_OTHER = r"yn|ym|yng|i|sa|w|z|în|din|iš"
# (The pattern is case-blind; a class or form named after "in" is capitalised or a number, so that "in the form of",
# "in the white house" and "in class today" are no form or class.)
AFTER_STRONG = re.compile(
    rf"^(?:'s|’s|s')?\s*(?:,\s*(?:{_YEAR}|{_TEAM}|{_FORM})\s*(?=[,.;!?)]|$)|\(\s*(?:{_YEAR}|{_TEAM}|{_FORM})[^)]*\)|(?:{_AGE})|,?\s+(?:in|from|of|{_IN_OTHER})\s+(?:the\s+)?"
    rf"(?:{_YEAR}|{_TEAM}|form\s+(?-i:[A-Z0-9])\w*|(?-i:[A-Z])[a-z]+\s+(?:class|house)|class\s+(?-i:[A-Z0-9])\w*|(?:[7-9]|1[0-3])[A-Z]{{1,2}}\b|[1-6](?![DGK]\b)[A-Z]{{1,2}}\b)|"
    rf"\s+(?:{_YEAR})\b)", re.I)
# "Lost Year 7 blazer": a bare year group after a sentence's first word is weak evidence for that word.
BARE_YEAR_AFTER = re.compile(rf"^\s+(?:{_YEAR})", re.I)
# After a name: someone's kin ("Ruby is my granddaughter", "Deio, my youngest"), family or first day at school.
AFTER_KIN = re.compile(rf"^(?:\s*,?\s+(?:is|was|(?:she|he)['’]s)\s+(?:my|our|his|her|their|{DIALECT_POSSESSIVE})\s+"
                       rf"(?:\w+\s+)?(?:{KIN})\b|"
                       rf"\s*,?\s+(?:my|our)\s+(?:\w+\s+)?(?:{KIN})\b|"
                       # the same in the community languages ("Daria, fata mea", "Kuba, mój syn"), and Romanian's
                       # possessive after the name ("Andrei al meu": my Andrei)
                       rf"\s*,\s+(?:{_KIN_CY}|{KIN_SCRIPTS})|\s+{KIN_SUFFIXED}|"
                       # Welsh names the kin right after the name without a comma: "Lleucu fy nith", "Osian ein mab"
                       rf"\s+(?:fy|ein)\s+(?:{_CY_CHILD_NOUNS})\b|"
                       rf"(?-i:\s+(?:beta|beti|puttar|ben|akka|thambi|thangachi|didi))\b|\s+(?:al\s+meu|a\s+mea|al\s+nostru|a\s+noastr[ăa])\b|"
                       r"(?:'s|’s)\s+first\s+(?:day|week|term)\b|"
                       # a parent, grandparent or carer, as families call them across the UK ("skye's gran here",
                       # "dylan's bampi", "hamza's ammi", "ffi's mam")
                       r"(?:'s|’s|['’](?=\s)|s(?=\s))\s+(?:mum|mom|mam|mammy|mammie|mummy|mommy|ma|mama|dad|daddy|da|papa|nan|nana|nanna|"
                       r"nanny|nannie|gran|granny|gramma|grandma|grandad|grandda|granda|grandpa|grampa|bampi|mamgu|"
                       r"tadcu|nain|taid|ammi|ammu|amma|abbu|abba|abu|baba|auntie|aunty|uncle|step-?mum|step-?dad|"
                       r"foster\s+(?:mum|dad|carer)|parents?|nani|nanu|dadi|dada|chachu|chacha|chachi|khala|mamu|"
                       r"phupho|babcia|dziadek|bunica|bunicul|yiayia|giagia|pappou|papou|babushka|babusya|dedushka|"
                       r"lola|lolo|tita|tito|ayeeyo|awoowe|hooyo|aabo|carers?)|"
                       # the same without the apostrophe, as text-speak and Patois write it ("a mi Tyrell granny",
                       # "jayden mum said")
                       r"\s+(?:mum|mam|mummy|mammy|dad|daddy|nan|nana|nanna|nanny|gran|granny|grandma|grandad|"
                       r"ammi|abbu|babcia|bunica)(?!\s+(?:and|&|n)\s))\b", re.I)
# After a name: a child's belongings, class, friends or party ("tilly's blue coat", "Ruby's teacher"): a child cue for
# a roster pupil; anyone may own a class or a friend ("Trump's friend", "Young's class").
AFTER_BELONGING = re.compile(r"^(?:'s|’s|['’](?=\s)|s(?=\s))\s+"
                             r"(?:(?:green|blue|red|black|navy|grey|pink|purple|yellow|white)\s+)?"
                             r"(?:teacher|class|classmates?|friends?|coat|raincoat|lunchbox|book\s?bag|pe\s+kit|"
                             r"water\s+bottle|jumper|cardigan|shoes|trainers|face|birthday|party|bag|school\s+bag|pe\s+bag|reading\s+(?:book|record)|"
                             r"homework|inhaler|medication|medicine|epipen|upn|nhs\s+number|school\s+place|"
                             r"application|report|parents['’]?\s+evening)\b", re.I)
# Right before a name: praise or a greeting, as written in full, abbreviated or in slang ("well dun", "congratz",
# "hbd", "big up") and in the community languages: Welsh "da iawn", "llongyfs"/"llongyfarchiadau", "pob lwc";
# Gaelic "meal a naidheachd", "glè mhath"; Irish "comhghairdeas", "maith thú", "ar fheabhas"; Polish "brawo",
# "gratulacje"; Romanian "felicitări"; Portuguese "parabéns"; Lithuanian "sveikinam"; Somali "hambalyo"; Urdu and
# Punjabi "mubarak", "shabash"; Twi "ayekoo"; then "to" in English, Welsh ("i"), Irish ("do") or Polish ("dla").
PRAISE_BEFORE = re.compile(r"(?:we+l+\s+d[ou]+n+e*|c[ou]ngrat\w*|grat[sz]|proud\s+of(?:\s+(?:you|u))?|"
                           r"happy\s+b(?:irth)?day|hbd|star\s+of\s+the\s+week|good\s+luck|look\s+at|here'?s\s+our|"
                           r"go\s+on|bravo|brawo|amazing|shout\s*-?out\s+to|big\s+up|bless|da\s+iawn|llongyf\w*|"
                           r"pob\s+lwc|meal\s+an?[\s-]+naidheachd|gl[eè]\s+mhath|comhghairdeas|maith\s+th[uú]|"
                           r"ar\s+fheabhas|gratulacje|felicit[aă]ri|parab[eé]ns|sveikinam|hambalyo|mubarak|shabash|"
                           r"ayekoo)(?:\s+(?:mawr|fawr|mór|mhòr|mari|wielkie))?\s*(?:!+\s*)?(?:(?:to|i|do|dla)\s+)?"
                           r"(?:our\s+)?(?:little\s+)?(?:princess\s+|prince\s+)?,?\s*$",
                           re.I)
# After a name: the person did something. Evidence only for a roster pupil's own name.
AFTER_VERB = re.compile(r"^(?:'s|’s)?\s+(?:has\s+been\s+|can\s+now\s+|"
                        r"(?:scored|won|played|starred|drew|wrote|learn(?:ed|t)|cried|"
                        r"did\s+(?:so\s+|really\s+|very\s+)?(?:well|brilliantly|amazingly)|smashed\s+it|"
                        r"(?:is|was)\s+(?:such\s+)?(?:an?\s+)?(?:absolute\s+|real\s+|little\s+)?(?:star|superstar|"
                        r"legend|credit\s+to)|(?:is|was)\s+(?:so\s+|really\s+|absolutely\s+)?(?:brilliant|amazing|"
                        r"fantastic|superb|wonderful|fab|incredible))\b)", re.I)
# Right before a pupil's name, British kin usage: "our Summer", "our little Alfie"; OUR_AFTER must follow
# the name, so that "our Chelsea season tickets" (a noun after the name) is not kin.
# "our", and as it is said in the north of England and Scotland: "oor wee", "wor", "ar" ("ar kid")
OUR_BEFORE = re.compile(r"\b(?:our|oor|wor|ar)\s+(?:little\s+|wee\s+|lil\s+|lovely\s+)?(?:princess\s+|prince\s+)?$",
                        re.I)
# "my" or "our" right before a child's name as the community languages say it of their own children: Welsh "fy
# Ngethin", "ein Cadi"; Irish and Gaelic "mo Shíle", "ár"; Polish "mój Kuba", "nasza Zosia"; Czech and Slovak "náš";
# Portuguese "o meu Tiago", "a nossa Inês"; Spanish "mi"; Lithuanian "mano", "mūsų"; Romanian "al nostru" follows
# the name. For roster names.
OWN_BEFORE = re.compile(r"\b(?:fy|ein|mo|ár|mój|moj|moja|nasz|nasza|náš|naša|nas|meu|minha|nosso|nossa|mi|mano|mūsų|"
                        r"musu)\s+"
                        r"(?:(?:mały|mała|mic|micuța|pequeno|pequena|bach|fach|beag|bheag)\s+)?$", re.I)
# Spoken Welsh puts "our" and "my" after a name as after a noun: "Osian ni" (our Osian), "Tomos fi" (my Tomos):
# a roster name's own family speaking ("ma mali ni wedi bod...", "Mae Heulwen ni yn gwerthu...").
OWN_AFTER_CY = re.compile(r"^\s+(?:ni|fi)\b(?!['’])", re.I)
OUR_AFTER = re.compile(r"^(?:['’]s\b|\s*[^\w\s]|\s*$|\s+(?:in|on|at|as|is|was|has|had|with|and|who|ready|"
                       r"getting|enjoying|loving|playing|having|doing|dressed|after|before|today|this|last|"
                       r"can|could|did|does|loves?|loved|won|got|says?|said|starts?|starting|started|came|comes|"
                       r"went|goes|turns?|turned)\b)", re.I)
# Days of the week: a capitalised one is never a name ("Monday's first day back").
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Possessives, copulas and little words of the community languages that open a sentence in capitals as a name does
# ("Mae fy merch ym Mlwyddyn 2", "Mano dukra antroje klasėje", "Meri beti Year 2 mein hai"): never a child's name.
FUNCTION_WORDS = frozenset("""
mae fy ein eich ym yn yng mano musu mūsų tavo jo jos meri mera mere hamari hamara hamare tumhari apni apna
moja mój moj moje nasz nasza nasze meu minha meus minhas nosso nossa mi mis nuestro nuestra fiul fiica
noson taith parti diwrnod dydd dosbarth helo thema dyddiadau
""".split())  # and Welsh nouns that open a school's posts (evening, trip, party, day, class, hello, theme, dates)
# "tilly's drawing": a thing children make or are given at school.
AFTER_WEAK = re.compile(r"^(?:'s|’s)\s+(?:(?:first\s+)?(?:drawing|painting|picture|artwork|homework|spellings|"
                        r"reading\s+book|project|poem|story|model|certificate|badge|medal|costume|wobbly\s+tooth|race|solo|"
                        r"speech|performance)s?)\b|"
                        # a school event or award near the name: "Amira got star of the week"
                        r"^.{0,40}?\b(?:sports\s+day|star\s+of\s+the\s+week|certificate|first\s+day|cross[\s-]country|"
                        r"spelling\s+bee|(?:school|class|farm|zoo|museum|residential)\s+trip|school\s+(?:play|disco)|swimming\s+gala|"
                        r"merit|golden\s+(?:book|time)|headteacher['’]?s?\s+award|class\s+assembly|swimming\s+badge)",
                        re.I)
# "Sunny has had a temperature, won't be in today": a parent reporting an absence. Strong for a roster
# pupil's name (who else would the school be told is off?), weak for any other name.
ABSENCE_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:[\w'’]+\s+){0,6}?(?:won['’]?t\s+be\s+in|will\s+not\s+be\s+in|"
                           r"(?:(?:is|was|been|be)\s+)?off\s+(?:school|sick|ill|poorly|today)|poorly|unwell|feels?\s+better|get(?:s|ting)?\s+well|"
                           r"(?:has|had|got|running)\s+a\s+(?:high\s+|bit\s+of\s+a\s+)?(?:temperature|fever)|(?:tummy|sickness|stomach)\s+bug|chicken\s?pox|absent)\b",
                           re.I)
# "Goals from Amira, Jess and Kayla": the players credited in a match report; the names follow.
SPORT_CREDIT = re.compile(r"\b(?:(?:goals?|tries|try|assists?|hat[\s-]?tricks?|wickets?|saves?)\s+(?:from|by)|"
                          r"scored\s+by|(?:goal\s?)?scorers?(?:\s+(?:were|was))?\s*[:-]?|"
                          r"(?:player|man|woman|star)\s+of\s+the\s+match(?:\s+(?:was|went\s+to))?\s*[:-]?|"
                          r"potm\s*[:-]?)\s*(?=[A-Z])", re.I)
ITEM_CHILD_WORDS = re.compile(r"\b(?:kids?|kiddies|kiddos?|children|child|bairns?|weans?|boys|girls|lads|"
                              r"little\s+ones|pupils?|classmates?|playground|play(?:ing)?\s+with|detentions?|"
                              r"(?:got|been|was|is)\s+(?:excluded|suspended|put\s+in\s+isolation)|"
                              r"bull(?:y|ied|ying)|little\s+(?:boy|girl)|(?:his|her)\s+class|school\s?mates?|"
                              # "he's in nursery", "starts Year 7": a child's place in the school
                              r"(?:in|from|into|starts?|starting)\s+(?:the\s+)?(?:year\s?\d{1,2}|yr\s?\d{1,2}|y\d{1,2}|reception|nursery)|"
                              # a birthday or an age under 18: "happy 16th", "turns 12", "10th birthday"
                              r"happy\s+(?:[1-9]|1[0-7])(?:st|nd|rd|th)|(?:[1-9]|1[0-7])(?:st|nd|rd|th)\s+birthday|"
                              r"turn(?:s|ed|ing)\s+(?:[1-9]|1[0-7])(?!\d|:|\.\d|\s*(?:am|pm))|"
                              r"(?:[1-9]|1[0-7])\s*(?:years?|yrs?)\s*old|(?:is|was)\s+(?:[1-9]|1[0-7])\s+today|"
                              # signed off by grandparents or parents: "so proud, love Nanny & Grandad"
                              r"love,?\s+(?:from\s+)?(?:nanny|nanna|nana|nan|grandma|grandad|grandpa|granny|gran|"
                              r"mummy|daddy|mum\s*(?:&|and)\s*dad))\b",
                              re.I)
# Any year group near a name, as _YEAR writes them ("P5", "Bl 4", "S2", "the P4s", "Mlwyddyn 2"), or a form ("9W").
# ... and a primary class written in brackets after a name, "A. Iqbal (6M)": "5G" or "4K" alone are no class.
YEAR_NEAR = re.compile(rf"\b(?:{_YEAR}|p[1-7]s\b|(?-i:(?:[7-9]|1[0-3])[A-Z]{{1,2}})\b)|(?-i:\((?:[1-9]|1[0-3])[A-Z]{{1,2}}\))",
                       re.I)
YEAR_IN_TEXT = re.compile(r"\b(?:year|yr|y)\s?([1-9]|1[0-3])\b|\b(reception|nursery)\b", re.I)
# Right after a name: the name is spoken to, in the second person ("Gruff you were class", "ifan u smashed it",
# "Zainab, you're a star", "alys ti'n seren", "Kuba jesteś super", "Ana tu és", "Ionuț ești"). A statement about
# "you", not a question ("Will you come?", "May you..."): a verb in the past, "are", or praise follows.
ADDRESSED_AFTER = re.compile(
    r"^!*\s*,?\s+(?:(?:you|u|ya|yu)\s+(?:were|was|did|done|smashed|nailed|killed|rocked|absolute|little|"
    r"legend|star|superstar|beauty|babe|hero|looked|sang|played|deserve[ds]?)\b|"
    r"(?:(?:you|u)\s+(?:are|r)|(?:you|u)['’]?re|youre|ur)\s+(?:(?:actually|literally|honestly|really|proper|defo)\s+)?"
    r"(?:a|an|so|such|the)\s|ur\s+(?:amazing|brilliant|killing|"
    r"smashing|dance|singing)\b|ti['’]n\b|ti\s+(?:yn|di|wedi)\b|jeste[sś]\b|tu\s+(?:és|es|eres)\b|e[sș]ti\b)",
    re.I)
