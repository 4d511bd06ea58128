"""Cues of the whole item and of a name's shape, for the named_child model's features.

The cues of :mod:`detectors.names_lexicon` sit right beside a name; these are anywhere in the item ("Ada!!! my
niece is famous now", "little aarav in his nativity costume", "proud auntie"): weaker evidence, so they are
features the model weighs, never a decision on their own. Also two vetoes of a name's reading: a regnal number
("Henry VIII") and a trip or an era after it ("the Paris trip", "Ming dynasty").
"""

from __future__ import annotations

import re

from detectors.names_lexicon import DIALECT_POSSESSIVE, KIN, KIN_SCRIPTS

_RELATIVE = (r"cousin|grand-?daughter|grand-?son|grand-?kids?|god-?daughter|god-?son|niece|nephew|"
             r"step-?(?:son|daughter)")
_PARENT = r"mum|mam|mom|mama|mummy|mommy|dad|daddy|papa|nan|nana|nanna|nanny|grandma|grandad|grandpa|granny|" \
          r"ammi|ammu|abbu|abba|nani|nanu|dadi|dada|babcia|dziadek|bunica|bunicul|hooyo|ayeeyo|mamgu|bampi|" \
          r"gran|auntie|aunty|aunt|uncle|parents?|grandparents?"
# Family anywhere in the item: "my niece", "our boy", "proud auntie", "her nan is crying", "mummy is so proud".
ITEM_KIN = re.compile(
    rf"\b(?:my|our|his|her|their)\s+(?:\w+\s+){{0,2}}?(?:{KIN}|{_RELATIVE})\b(?![-\s]in[-\s]law)|"
    rf"\b(?:{DIALECT_POSSESSIVE})\s+(?:(?:wee|lil|little|baby|big|young)\s+)?(?:{KIN}|{_RELATIVE})\b|"
    rf"\bproud\s+(?:{_PARENT}|big\s+(?:sister|brother)|sis|bro)\b|"
    rf"\b(?:{_PARENT})(?:\s+(?:and|&)\s+(?:{_PARENT}))?\s+(?:is|are|was|were|be)\s+(?:so\s+|very\s+|super\s+)?proud\b|"
    # "you've made mummy and daddy proud"
    rf"\bmade\s+(?:your\s+)?(?:{_PARENT})(?:\s+(?:and|&)\s+(?:{_PARENT}))?\s+(?:so\s+|very\s+)?proud\b|"
    rf"\b(?:his|her)\s+(?:{_PARENT})\b|\bbaby\s+(?:girl|boy)\b|\blittle\s+(?:one|man|lady|angel|monkey)\b", re.I)
# The same in the community languages of UK schools: Welsh, Scottish Gaelic, Irish, Polish, Portuguese, Spanish,
# Romanian, Lithuanian, Somali, Urdu/Punjabi (romanised), Arabic (romanised), Bengali (romanised).
ITEM_KIN_OTHER = re.compile(
    r"\b(?:fy\s+(?:mab|merch|ŵyr|wyr|wyres|mhlant|nith|nai)|ein\s+\w+\s+ni|ei\s+(?:ferch|fab)|"
    r"(?:merch|mab|crwt|croten|wyres|ŵyr|wyr|plant)\s+(?:fi|ni)|mo\s+(?:mhac|nighean|ogha)|m['’]iníon|"
    r"(?:mój|moj)\s+(?:syn|synek|wnuk)|moja\s+(?:córka|corka|córeczka|wnuczka)|syn(?:ek)?\s+|córk[aię]|"
    r"(?:meu|o\s+meu)\s+(?:filho|neto)|(?:minha|a\s+minha)\s+(?:filha|neta)|mi\s+(?:hijo|hija|niet[oa])|"
    r"fiul\s+meu|fiica\s+mea|fetița\s+mea|fetita\s+mea|băiatul\s+meu|baiatul\s+meu|nepo(?:ata|tul)\s+me[ua]|"
    r"mano\s+(?:sūnus|sunus|dukra|dukrytė)|wiilkay(?:ga|g)|gabadhay(?:da|d)|ina(?:nkay|ntay)ga|"
    r"mer[aei]\s+(?:bet[aei]|bachch?[aei]|pot[aei]|navas[aei])|hamar[aei]\s+(?:bet[aei]|bachch?[aei])|"
    rf"ibni|binti|waladi|amar\s+(?:chele|meye)|con\s+(?:trai|gái)\s+(?:tôi|toi|em)|我(?:女儿|儿子))|"
    rf"{KIN_SCRIPTS}", re.I)
ITEM_PRAISE_OTHER = re.compile(
    r"\b(?:da\s+iawn|llongyf\w*|pob\s+lwc|balch|ar\s+fheabhas|ayekoo|go\s+hiontach|gl[eè]\s+mhath|meal\s+a\s+naidheachd|maith\s+thú|"
    r"comhghairdeas|brawo|gratulacje|super|parabéns|parabens|felicidades|felicitări|felicitari|bravo|"
    r"sveikinam|hambalyo|mabruk|mubarak|shabash|masha['’]?allah|bahut\s+khoob)\b", re.I)
# A topic, a story or a work, anywhere in the item: names in it may be characters or historical figures.
ITEM_TOPIC = re.compile(
    r"\b(?:legend|myth|story|stories|tale|novel|book|author|topic|history|historical|learning\s+about|"
    r"drama|play\s+about|film|movie|song|hymn|saint|st|king|queen|emperor|dynasty|boxer|footballer|singer|"
    r"greatest|character|season|episode)\b", re.I)
# A child's age: "happy 16th", "7th birthday", "turns 9", "aged 6", "(6)": strong within a few words of a name.
CHILD_AGE = re.compile(r"\bhappy\s+(?:[1-9]|1[0-7])(?:st|nd|rd|th)\b|\b(?:[1-9]|1[0-7])(?:st|nd|rd|th)\s+birthday|"
                       r"\bturn(?:s|ed|ing)\s+(?:[1-9]|1[0-7])\b(?![:.]\d)|\baged?\s+(?:[1-9]|1[0-7])\b|"
                       # "Ruby is 7 today", "6 years old", "9 yrs old": a child's age
                       r"\b(?:is|was|turned)\s+(?:[1-9]|1[0-7])\s+(?:today|tomorrow|now)\b|"
                       r"\b(?:[1-9]|1[0-7])\s*(?:years?|yrs?)\s*old\b", re.I)
# Right after a name, an age: "my cousin Idris is 14 and plays...", "Amira, 9, read the lesson" (not a time, a score
# or a count: "Jordan 2-1", "Ellis is 10 minutes late").
AGE_RIGHT_AFTER = re.compile(r"(?:['’]s|\s+is|,)\s+(?:[1-9]|1[0-7])\b(?!\s*(?:[:.%]|pm|am|\d|-|minutes|mins|hours|"
                             r"points|goals|years?\s+(?:ago|since)))")
# Right before a name, someone's possessive: "Dickens' Oliver", "Dahl's Matilda": a character of a work. Not a
# contraction of "is" or "has" ("That's Haris's jumper", "Here's Maya", "Who's Leo sitting with"): no possessive.
CREATOR_BEFORE = re.compile(r"(?<![\w'’])(?!(?:That|It|He|She|What|There|Here|Who|Where|When|How|Let|Everyone|"
                            r"Everybody|Someone|Somebody|Nobody|Mum|Dad)['’]s\s)[A-Z][a-z]+(?:['’]s|s['’])\s+$")
# After a name, an epithet ("Alexander the Great", "Aoife the wicked stepmother"): a character or a figure.
EPITHET_AFTER = re.compile(r"\s+the\s+[A-Za-z]")
# After a name, a verb of which the name is the subject ("Ionut was buzzing", "Sham brought in"): a person doing
# something, a weak cue either way (footballers score too).
SUBJECT_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:was|is|has|had|got|gets|loved|loves|brought|came|comes|went|did|does|made|makes|won|wins|"
    r"scored|played|plays|sang|sings|wore|looked|looks|learned|learnt|drew|wrote|enjoyed|enjoys|can|could|"
    r"will|would|started|starts|joined|needs|wants|said|says|told|keeps|kept|tried|reading|singing|playing|"
    r"dancing|painting|performing|showing|enjoying|learning|practising|making|building|wearing|holding)\b", re.I)
# After a name in Welsh or Scots, "little": "Efa fach", "Siôn bach", "wee Archie" is LITTLE_BEFORE.
# ... and a child called "son" or "daughter" after the name in Urdu, Hindi and Punjabi ("Zain beta", "Harleen puttar").
LITTLE_AFTER = re.compile(r"^\s+(?:fach|bach|beta|beti|puttar)\b", re.I)
# A school event or a child's moment anywhere in the item: context for a roster first name.
ITEM_EVENT = re.compile(
    r"\b(?:first\s+(?:day|week|term|nativity|dance|time|ever|match|game|race|show|concert|performance|swim|trip|"
    r"sports\s+day|school|sleepover|tooth)|nativity|sports\s+day|star\s+of\s+the\s+(?:week|day|match)|player\s+of\s+"
    r"the\s+(?:match|week)|on\s+stage|assembly|certificate|merit|medal|costume|blazer|"
    r"(?:school|class|football|team)\s+photo|show\s+and\s+tell|school\s+(?:play|trip|disco|show)|"
    r"tooth\s+fell\s+out|wobbly\s+tooth|homework|reading\s+book|spellings|times\s+tables|grown\s+up|"
    r"(?:this|that|the|her|his|in\s+the)\s+(?:pic|pics|photo|photos|picture)|sleepover|"
    r"(?:sports|book|culture|celebration|activity|world\s+book|non-uniform)\s+day|class\s+party|"
    # school life: a themed day or week, a class's teacher, a visit, the choir, the bus pass, a team's age group,
    # a place in one of the post's photos ("Viking day in Mr Ellis's class", "the 3rd pic", "#U15s")
    r"(?:science|maths|art|music|history|viking|roman|victorian|tudor|egyptian|charity|enterprise|\w+)\s+week|"
    r"(?:viking|roman|victorian|tudor|egyptian|pirate|superhero|space|pyjama|science)\s+day|"
    r"(?:mr|mrs|miss|ms)\s+\w+['’]s\s+class|(?:farm|museum|zoo|castle|theatre|beach|forest)\s+(?:visit|trip)|"
    r"residential|choir|carol\s+service|bus\s+pass|after\s+school\s+club|"
    r"the\s+(?:\d(?:st|nd|rd|th)|first|second|third|fourth|last)\s+(?:pic|photo|picture)|u1\d+s?|under\s+1\d+s?|"
    # the same in community languages: Welsh, Gaelic, Irish, Polish, Romanian, Portuguese, Somali
    r"diwrnod\s+chwaraeon|eisteddfod|san\s+dealbh|yn\s+y\s+llun|wycieczk\w*|przedstawieni\w*|"
    r"serbare|excursie|diplom[aăe]|visita\s+de\s+estudo|dugsiga|safarka)\b", re.I)
# Weaker: an activity anywhere (a show, a match, a party): a feature only.
ITEM_ACTIVITY = re.compile(
    r"\b(?:first\s+[a-z]+|party|outfit|dance|show|match|tournament|trip|disco|football|netball|rugby|swimming|"
    r"photo|performance|award|trophy|concert|prom|uniform|diwrnod|mwynhau|llun|lluniau|dealbh|sgoil|scoil|"
    r"zdjęci\w*|festa|passeio|fotografia)\b", re.I)
# Praise of a child anywhere in the item: context for a roster first name.
ITEM_PRAISE = re.compile(
    r"\b(?:proud|so\s+brave|superstar|little\s+star|we+l+\s+d[ou]+n+e*|c[ou]ngrat\w*|bless\s+(?:him|her)|so\s+cute|cutest|"
    r"smashed\s+it|did\s+(?:so\s+)?well|so\s+(?:excited|happy|chuffed|grown)|had\s+(?:so\s+much\s+|such\s+|great\s+)?fun|"
    r"come\s+on\s+so\s+much|learn(?:ed|t)\s+so\s+much|great\s+progress|the\s+stars\s+of|worked\s+so\s+hard|"
    # a child seen growing: "hes grown so much", "she's grown"
    r"grown\s+so\s+(?:much|big|tall)|(?:has|hes|he['’]s|shes|she['’]s)\s+grown|"
    r"cho\s+toilichte|wrth\s+ei\s+(?:fodd|bodd)|wspaniale)\b", re.I)
# Weaker praise, common in any comment ("amazing", "legend", "loved it"): a feature only.
ITEM_GOOD = re.compile(
    r"\b(?:amazing|brilliant|fantastic|beautiful(?:ly)?|lovely|gorgeous|legend|champ(?:ion)?|buzzing|loved\s+(?:it|the|"
    r"every)|so\s+(?:much|well)|stars?|great\s+(?:team|job|work)|progress|improved|bardzo)\b", re.I)
LITTLE_BEFORE = re.compile(r"\b(?:little|lil|wee|baby|tiny)\s*$", re.I)
# "Henry VIII", "George III": a monarch or a pope, not a pupil; "S IV": a product, not a name.
ROMAN = re.compile(r"\b(?:II|III|IV|VI|VII|VIII|IX|XI|XII)\b")
REGNAL_AFTER = re.compile(r"^\s+(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)\b")
# "the Paris trip", "Ming dynasty", "the Jordan exchange": a place or an era.
PLACE_TOPIC_AFTER = re.compile(r"^\s+(?:trips?|holidays?|dynasty|empire|era|period|tour|exchange|visit)\b", re.I)
# "Helen of Troy", "Joan of Arc", "Catherine of Aragon": a figure known by a place (the word after "of" is checked
# against the school's classes and houses by the caller: "Ruby of Oak class" is a pupil).
FIGURE_OF_AFTER = re.compile(r"^\s+of\s+(?!(?i:year|yr|form|class|room|group|team|blwyddyn|dosbarth)\b)"
                             r"([A-Z][a-z]{2,})\b")


def item_cues(text: str) -> dict[str, bool]:
    """The item-wide cues of a text: kin (any language), an event, praise (any language), a topic."""
    return {"item_kin": bool(ITEM_KIN.search(text) or ITEM_KIN_OTHER.search(text)),
            "item_event": bool(ITEM_EVENT.search(text)),
            "item_praise": bool(ITEM_PRAISE.search(text) or ITEM_PRAISE_OTHER.search(text)),
            "item_activity": bool(ITEM_ACTIVITY.search(text)), "item_good": bool(ITEM_GOOD.search(text)),
            "item_topic": bool(ITEM_TOPIC.search(text))}


def shape(name: str, text: str, start: int, end: int) -> dict[str, bool]:
    """How the name is written: in capitals, possessive, shouted."""
    after = text[end:end + 3]
    letters = [c for c in name if c.isalpha()]
    return {
        "subject": bool(SUBJECT_AFTER.match(text, end)), "epithet": bool(EPITHET_AFTER.match(text, end)),
        "all_caps": len(letters) >= 2 and all(c.isupper() for c in letters),
        "possessive": after[:2] in ("'s", "’s"),
        "exclaimed": after[:1] == "!",
    }
