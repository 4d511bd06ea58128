"""Threat, harassment, hate and insult phrases for :mod:`detectors.abuse`, over normalised text.

Each entry is a :class:`~detectors.text_rule_cues.Rule` ``(category, score, name, pattern, reason)``
that unpacks as ``(category, score, name, pattern)``; the name goes into explanations and the reason
says which general pattern of language the rule stands for (``training/reports/RULES.md`` counts its support). The kinds:
threats and calls to violence (also impersonal: "someone's getting hurt", "needs a good slap"),
harassment and doxxing ("I'll be waiting at the gates", "I'll post your address"), insinuations
of misconduct ("shouldn't be allowed near kids", "everyone knows what he did"), insults made of
ordinary words ("pathetic excuse for a teacher", "you lot are a joke", "fat cow") and hate.
"""

from __future__ import annotations

from detectors.text_rule_cues import Rule

_YOU = r"(?:you|u|ya)"
# Everyday words that share a swear word's letters, in the phrases that give them their ordinary meaning: a lexicon
# or child-safety word inside one of these is the thing named (abuse.py excuses it), not the swear.
HOMOGRAPHS = (
    r"\b(?:blue|great|coal|marsh|willow|crested|bearded|penduline|long[\s-]?tailed)\s+tits?\b"
    r"|\bcock\s+(?:pheasants?|birds?|blackbirds?|robins?|sparrows?|chaffinch(?:es)?|crabs?|lobsters?|salmon)\b"
    r"|\b(?:oil\s?seed|winter|spring)\s+rape\b|\brape\s?(?:seed|fields?|crops?|oil)\b"
    r"|\b(?:garden|dutch|draw|push|swoe|onion)\s+hoes?\b|\b(?:rakes?|spades?|forks?|trowels?)\s+(?:and|&|n)\s+hoes?\b"
    r"|\bhoes?\s+(?:and|&|n)\s+(?:rakes?|spades?|forks?|trowels?)\b|\bhoe(?:d|ing)?\s+(?:the|our|my)\s+"
    r"(?:beds?|weeds?|veg|plots?|rows?|borders?)\b"
    r"|\bhoe\s+(?:st|street|rd|road|lane|park)\b|\bplymouth\s+hoe\b"
    r"|\b(?:cael|cawson|gael|bach\s+o|tipyn\s+o|ychydig\s+o)\s+hoe\b|\bhoe\s+fach\b"
    r"|\bspotted\s+dick\b|\bslag(?:s|ged|ging)?\s+(?:(?:him|her|them|me|us|it|people|\w+)\s+){0,3}?off\b"
    r"|\b(?:collie|spaniel|labrador|lab|retriever|terrier|poodle|bichon|greyhound|whippet|lurcher|sheepdog|setter|"
    r"pointer|beagle|husky|dachshund|cocker|springer|rottweiler|staffie|staffy|boxer|pug|corgi|sheltie|dog|hound|"
    r"brood|breeding|show)\s+bitch(?:es)?\b"
    r"|\bbitch(?:es)?\b(?=[^.!?\n]{0,40}?\b(?:pups|puppies|litters?|whelp(?:ed|ing|s)?|in\s+season|in\s+show)\b)"
)

# Emoji rules are one category of their own ("emoji"): the learned models read no emoji, so their findings are
# calibrated apart from the word rules'. A reply made only of emoji (no letter or digit anywhere) with no heart,
# applause or trophy among them: the emoji are the whole message, so an insulting one is meant as the insult.
_EMOJI_ONLY = r"\A(?=\W*\Z)(?![\s\S]*[❤💙💚💛💜🧡🤍🖤💖💕💗💞😍🥰😘👏🙌🏆🥇⭐🌟🎉])"
_THEM = r"(?:you|u|ya|him|her|them|your|ur|his)"

# Rules over normalised text; names go into explanations.
PHRASES: tuple[Rule, ...] = (
    Rule("threat", 0.95, "kill yourself", r"\b(?:kill|hang|off)\s+(?:yo)?ur\s*self\b|\bkys\b",
         'Telling someone to kill themselves, in full or as the usual abbreviations.'),
    Rule("threat", 0.9, "I'll find you",
     r"\b(?:i'?ll|i\s+will|we'?ll|we\s+will|gonna|going\s+to)\s+"
     rf"(?:(?:find|get|come\s+for|deal\s+with|sort)\s+{_YOU}\b"
     r"(?=\s*(?:[.!,;]|$|and\b|when\b|soon\b|later\b|outside\b|after\b|one\s+day\b))"
     rf"|(?:hurt|kill|batter|smash|stab|shoot|beat|punch|knock|slap|smack|end|murder|strangle)\s+{_THEM}\b)",
         'A first-person promise to find, come for or physically hurt someone.'),
    Rule("threat", 0.9, "slit your throat",
     r"\b(?:slit|cut)\s+(?:your|ur|his|her|their|this\s+\w+|that\s+\w+)\s+throats?\b",
         'Naming a throat-cutting attack on someone: graphic violent threat.'),
    Rule("threat", 0.9, "watch your back", r"\bwatch\s+(?:your|ur|yer)\s+back\b",
         'The idiom warning someone that harm is coming to them.'),
    Rule("threat", 0.9, "I know where you live",
     r"\b(?:i|we|i\s+already|we\s+all|i\s+now)\s+know\s+(?:where|what\s+time|which\s+(?:house|car|street|road|way))\s+"
     r"(?:you|u|he|she|they|(?:mr|mrs|miss|ms|dr|sir)\s+\w+|(?:your|ur|his|her|their)\s+(?:\w+\s+)?\w+)\s+"
     r"(?:lives?|parks?|sleeps?|works?|walks?|stays?|drives?|leaves?|finish(?:es)?|goes|go|hangs?\s+out|drops?)\b",
         'Veiled threat: telling someone you know where they (or their car, house, route) can be found.'),
    Rule("threat", 0.85, "you're dead",
     r"\b(?:you'?re|you\s+are|ur|he'?s|she'?s)\s+(?:so\s+)?(?:dead|a\s+dead\s+(?:man|woman|boy|girl|lad|kid|meat))\b(?!\s+(?:right|on|good))",
         'Declaring a person dead or doomed as a threat.'),
    Rule("threat", 0.8, "veiled warning",
     r"\b(?:be\s+careful|careful|watch)\s+who\s+(?:you|u)\s+(?:upset|cross|mess\s+with|wind\s+up|fall\s+out\s+with)\b"
     r"|\b(?:would\s+be|be|it'?d\s+be)\s+a\s+(?:shame|pity)\s+if\s+(?:something|anything)\s+(?:happened|were\s+to\s+happen)\b"
     r"|\benjoy\s+(?:it|your|ur|yer)\b[^.!?\n]{0,40}?\bwhile\s+(?:you|u)\s+(?:can|still\s+can)\b"
     r"|\b(?:some\s+of\s+us|people\s+round\s+here|we)\s+have\s+long\s+memories\b",
         "The idioms of a veiled threat: be careful who you upset, a shame if something happened, enjoy it while you "
         "can, long memories."),
    Rule("threat", 0.8, "see what happens to you",
     r"\bsee\s+what\s+happens\s+to\s+(?:you|u|ur|your|him|her|them|his|their|that\s+\w+)\b"
     r"|\b(?:you'?ll|you\s+will|u\s+will|he'?ll|she'?ll|they'?ll)\s+pay\s+for\s+(?:this|that|what\s+(?:you|he|she|they))\b",
         "Veiled threat of unspecified consequences aimed at a person ('see what happens to you', 'you'll pay for this')."),
    Rule("threat", 0.85, "wish of death",
     r"\b(?:hope|wish)\s+(?:you|u|ur|your|he|she|they|his|her|their)\b[^.!?\n]{0,30}?"
     r"\b(?:die|dies|rot|burn|gets?\s+killed)\b"
     r"|\b(?:should|needs?\s+to|deserves?\s+to|ought\s+to)\s+(?:all\s+|just\s+)?(?:die|be\s+(?:shot|hanged|hung|killed|stabbed))\b"
     r"(?!\s+(?:your|ur|yer|her|his|their|my|our|the|it|them)\b)"
     r"|\bgo\s+(?:and\s+)?die\b(?!\s+(?:your|ur|yer|her|his|their|my|our|the|it|them)\b)|\bdie\W+die\b",
         'Wishing or demanding that someone die or be killed ("die" with an object, "die your hair", is the '
         'common misspelling of "dye").'),
    Rule("excused", 0.0, "dye spelt die",
     r"\b(?:die|dies|died|dying)\s+(?=(?:your|ur|yer|her|his|their|my|our|the|it|them|its)\s+(?:\w+\s+){0,2}?"
     r"(?:hair|fringe|roots|beard|tips|ends|colou?r|back|blonde|brown|black|red|pink|purple|blue|green|ginger|"
     r"grey|silver|orange)\b)",
         '"Die" with an object that is hair or a colour is the common misspelling of "dye" ("die your hair pink", '
         '"go die it back to brown"): excused, so the learned model does not read a death wish into it.'),
    Rule("excused", 0.0, "an everyday word spelt like a swear word", HOMOGRAPHS,
         "Birds, crops, garden tools and places whose names contain a swear word's letters (blue tits, cock "
         "pheasants, oilseed rape, a Dutch hoe, Hoe Street, the Welsh 'hoe' for a rest), the school-dinner pudding "
         "(spotted dick), 'slagging off' (criticising) and a female dog (a breed before 'bitch', or pups, a litter "
         "or a show after it): the word means the thing."),
    Rule("threat", 0.8, "call to violence",
     r"\b(?:someone|somebody|some1)\s+(?:needs?\s+to|should|ought\s+to|will|is\s+gonna)\s+"
     r"(?:sort|deal\s+with|teach|smack|slap|hit|punch|batter|kick|beat|shut)\s+(?:him|her|them|you|that)\b"
     r"|\bburn\s+(?:the|this|your|ur|their|his|her)\s+\w+\s+down\b",
         'Inciting others to hurt someone, or to burn down a place.'),
    Rule("hate", 0.9, "go back to your own country",
     r"\b(?:go|get|fly|swim|send\s+(?:them|him|her|em))\s+back\s+to\s+(?:your|ur|her|his|their)\s+(?:own\s+)?country\b"
     r"|\b(?:go|get|send\s+(?:them|him|her|em))\s+back\s+(?:to\s+)?where\s+(?:you|u|she|he|they)\s+(?:came|come)\s+from\b"
     r"|\b(?:you|u|they|he|she)\s+(?:don'?t|doesn'?t|do\s+not|does\s+not)\s+belong\s+in\s+(?:this|our)\s+country\b",
         'The xenophobic trope of telling someone to go back where they came from, in its common wordings.'),
    Rule("hate", 0.7, "'gay' used as an insult",
     r"\b(?:you|u|ur|youre|hes|shes|is|are|so|such\s+a|huge|big)\s+(?:a\s+|so\s+|well\s+)?ga+y+\b"
     r"(?!\s+(?:pride|rights?|marriage|community|people|couples?|men|women|and\s+lesbian|club|history))",
         "'gay' used predicatively about a person as a put-down, not about gay people or rights."),
    Rule("threat", 0.85, "getting jumped",
     r"\b(?:you'?re|you\s+are|ur|he'?s|she'?s|you'?ll|you\s+will)\s+(?:gonna\s+|going\s+to\s+)?"
     r"(?:get|getting|be)\s+(?:jumped|battered|"
     r"stabbed|smacked|merked)\b|\bsnitches\s+get\s+stitches\b",
         "Telling someone they will be attacked; 'snitches get stitches' intimidation."),
    Rule("insult", 0.7, "piece of filth",
     r"\b(?:pile|piece|bag|sack)\s+of\s+(?:human\s+)?(?:excrement|garbage|rubbish|filth|dirt)\b"
     r"|\b(?:you'?re|you\s+are|ur)\s+(?:the\s+worst|a\s+disgrace|worthless|disgusting|vile|pathetic)\b",
         "Calling a person refuse or worthless ('piece of garbage', 'you're a disgrace')."),
    Rule("obscenity", 0.85, "sexual remark about a person",
     r"\b(?:bend|bent)\s+(?:her|him|you|u|them|ya)\s+over\b"
     r"|\b(?:i['’]?d|id|i\s+would|would|wud)\s+(?:smash|bang|shag|ride)\s+(?:her|him|you|u|them|ya)\b",
         "Saying what one would do to someone sexually ('I'd bend her over', 'would bang him'): sexual harassment of "
         "an adult (of a child it is a child-safety matter, found first)."),
    Rule("obscenity", 0.8, "f off", r"\b(?:f|eff|sod|bugger|naff)\s+off\b",
         'Telling someone to go away in an obscene or rude fixed phrase.'),
    Rule("insult", 0.75, "screw you",
     r"\bscrew\s+(?:you|u|yourself|them)\b|\bgo\s+to\s+hell\b|\bup\s+(?:your|ur|yer)\s+a(?:rse|ss)\b",
         'Hostile dismissals: screw you, go to hell, up yours.'),
    Rule("insult", 0.8, "accused of harming children",
     r"\b(?:is|are|you'?re|you\s+are|ur|he'?s|she'?s|they'?re)\s+(?:an?\s+)?(?:\w+\s+)?(?:baby|child|kid)[\s-]*"
     r"(?:killers?|murderers?|abusers?|molesters?|rapists?|killing|murdering|abusing|molesting|raping)\b",
         'Calling someone a child killer or abuser: defamatory accusation.'),
    Rule("insult", 0.7, "no brain",
     r"\b(?:have\s+(?:you|u)|(?:you|u)\s+(?:have|got)|you'?ve\s+got)\s+no\s+(?:brains?|brain\s+cells?)\b",
         "Insulting someone's intelligence as having no brain."),
    Rule("insult", 0.7, "waste of space",
     r"\bwaste\s+of\s+(?:space|oxygen|skin|air)\b|\bpiece\s+of\s+(?:crap|rubbish|garbage|work)\b",
         'Calling a person a waste of space or a piece of rubbish.'),
    Rule("insult", 0.6, "shut up", r"\bshut\s+(?:up|it|your\s+mouth|ur\s+mouth)\b",
         'Rudely ordering someone to be quiet.'),
    Rule("threat", 0.85, "someone's getting hurt",
     r"\b(?:someone|somebody|some1|people)(?:'s|'ll|\s+is|\s+will|\s+are)?\s+(?:gonna\s+|going\s+to\s+)?"
     r"(?:get|getting|be)\s+(?:hurt|battered|stabbed|smacked|jumped|a\s+beating|a\s+slap)\b",
         'Impersonal threat that someone will be hurt or attacked.'),
    Rule("threat", 0.8, "needs a beating",
     r"\b(?:needs?|deserves?|wants?|asking\s+for)\s+(?:a\s+)?(?:good\s+|proper\s+|real\s+)?"
     r"(?:slap|slapping|kicking|hiding|smack|smacking|punch|beating|thump|battering|belt)\b",
         'Saying a person needs or deserves physical punishment.'),
    Rule("threat", 0.85, "waiting for you",
     r"\b(?:i'?ll|i\s+will|we'?ll|we\s+will|i'?m|we'?re)\s+(?:be\s+)?waiting\s+(?:"
     r"for\s+(?:you|u|him|her|them)\s+(?:at|outside|by)\s+(?:the\s+)?(?:school\s+)?(?:gates?|school)\b"
     r"|(?:at|outside|by)\s+(?:the\s+)?(?:school\s+)?(?:gates?|school)\s+for\s+(?:you|u|him|her|them)\b"
     r"|(?:at|outside|by)\s+(?:your|ur|his|her|their)\s+(?:house|home|car|door|work|office|flat))"
     r"|\bwait\s+(?:till|until|til)\s+i\s+(?:see|catch|get\s+(?:hold\s+of|my\s+hands\s+on))\s+(?:you|u|him|her|them)\b"
     r"|\bknow\s+(?:where|which\s+school)\s+(?:your|ur|his|her|their)\s+(?:kids?|children|son|daughter|family)\s+"
     r"(?:go|goes|live|lives|is|are)\b",
         'Announcing one will lie in wait for a person at a place they must be (school gates, home, work), or knows where their children are.'),
    Rule("threat", 0.85, "exposing someone's details",
     r"\b(?:i'?ll|i\s+will|we'?ll|we\s+will|gonna|going\s+to|about\s+to)\s+(?:post|share|publish|put\s+out|leak)\s+"
     r"(?:(?:your|ur|his|her|their)\s+(?:home\s+)?(?:address|number|details|photos?|pics?|face)\b)"
     r"|\b(?:i'?ll|i\s+will|we'?ll|gonna|going\s+to)\s+expose\s+(?:you|u|him|her|them)\b",
         "Threatening to publish a person's address, number or photos, or to 'expose' them (doxxing)."),
    Rule("threat", 0.8, "inviting others to confront someone",
     r"\bif\s+(?:any\s?one|any\s?body|u|you|ye|yous|people)\s+(?:wants?|fancies|fancy|feels?\s+like)\s+(?:to\s+)?"
     r"(?:(?:go(?:ing)?|pop(?:ping)?|call(?:ing)?)\s+round(?!\s+(?:to|for|with)\s+(?:the|a|an|our|my|your|his|her)\b)|knock(?:ing)?\s+on|hav(?:e|ing)\s+a\s+(?:word|chat)|"
     r"ask(?:ing)?\s+(?:him|her|them)|ring(?:ing)?\s+(?:him|her|them)|giv(?:e|ing)\s+(?:him|her|them)\s+a\s+(?:ring|call|bell))"
     r"|\b(?:give|gie)\s+(?:him|her|them)\s+a\s+(?:ring|call|bell)\s+and\s+tell\s+(?:him|her|them)\b"
     r"|\b(?:ring|call|phone|text|spam|message)\s+(?:him|her|them)\s+(?:at\s+(?:1[0-2]|[1-4])\s*(?:pm|am)|"
     r"in\s+the\s+middle\s+of\s+the\s+night|all\s+night|for\s+being)\b"
     r"|\bdo\s+what\s+(?:ye|you|u|yous)\s+(?:want|like|will)\s+with\s+(?:it|that|this|the\s+address|the\s+number)\b"
     r"|\bcome\s+(?:and\s+)?find\s+(?:him|her|them)\b",
         "Handing a person to the crowd: inviting readers to go round, ring at night, 'have a word' or do what they "
         "like with someone's address or number (harassment and doxxing, with or without the details)."),
    Rule("insult", 0.8, "insinuation of misconduct",
     r"\b(?:shouldn'?t|should\s+not|should\s+never|mustn'?t|must\s+not)\s+be\s+(?:allowed|let|trusted)\s+"
     r"(?:anywhere\s+)?(?:near|around|with|alone\s+with|to\s+work\s+with|to\s+teach)\s+(?:(?:our|the|young)\s+)?"
     r"(?:kids|children|pupils|little\s+ones|young\s+people|kiddies)\b"
     r"|\b(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+not\s+safe\s+(?:around|near|with)\s+(?:kids|children|pupils)\b"
     r"|\b(?:everyone|everybody|we\s+all|the\s+whole\s+(?:village|town|school|estate))\s+knows?\s+"
     r"(?:about\s+)?what\s+(?:you|u|he|she|they)\s+(?:did|done|got\s+up\s+to|get\s+up\s+to|are(?!\s+\w)|really\s+are|"
     r"'?ve\s+done|has\s+done|have\s+done)\b"
     r"|\bask\s+(?:him|her|them|anyone|around)\s+(?:what|about\s+what)\s+(?:he|she|they)\s+(?:did|got\s+up\s+to|done)\b",
         'Insinuating that a person is unsafe with children or hides a misdeed everyone knows of.'),
    Rule("insult", 0.75, "excuse for a person",
     r"\b(?:pathetic|poor|sorry|useless|joke\s+of\s+an?)\s+excuse\s+(?:for|of)\s+an?\s+(?:\w+\s+)?"
     r"(?:teacher|head|headteacher|human|person|parent|mother|mum|father|dad|man|woman|school|adult)\b"
     r"|\b(?:you\s+lot|you\s+people|you|u|she|he|they)(?:'re|'s|\s+are|\s+is)\s+(?:an?\s+|such\s+an?\s+|"
     r"an?\s+(?:absolute|complete|total|utter)\s+)(?:joke|disgrace|embarrassment|laughing\s*stock)\b"
     r"|\b(?:no\s*one|nobody)\s+(?:likes|wants|cares\s+about)\s+(?:you|u|her|him)\b",
         'Calling a person a pathetic excuse for their role, a joke or a disgrace, or unloved.'),
    Rule("insult", 0.75, "animal or body insult",
     r"\b(?:fat|ugly|stupid|lazy|vile|nasty|smelly|miserable|horrible|useless|daft|silly|thick|dirty|filthy|"
     r"interfering|nosy|jumped[\s-]up)\s+(?:old\s+|little\s+)?(?:cow|cows|pig|pigs|bitch|slug|whale|hag|witch|troll|"
     r"rat|rats|snake|toad|oaf|lump|sow|slob|mare|trout|bat|git|tart)\b",
         "An ugly or dismissive adjective plus an animal or slur noun aimed at a person ('fat cow')."),
    Rule("emoji", 0.85, "middle-finger emoji", r"🖕",
         "The middle-finger emoji is the obscene gesture itself, written in any text or alone."),
    Rule("emoji", 0.8, "insulting emoji as the whole reply",
         _EMOJI_ONLY + r"\W*?[🤡💩🐷🐖🐽🐀🐁🐍🗑🤮🐄🐮🐳🐋]",
         "A reply of emoji alone that calls its target a clown, pig, rat, snake, rubbish or something sickening."),
    Rule("emoji", 0.8, "monkey emoji as the whole reply", _EMOJI_ONLY + r"\W*?[🐒🐵🦍🦧]",
         "Monkeys or gorillas as a reply on their own: the racist taunt aimed at Black people (not the three "
         "wise monkeys, which people use for 'oops')."),
    Rule("emoji", 0.8, "sexual emoji as the whole reply", _EMOJI_ONLY + r"\W*?[🍆🍑👅]",
         "Aubergine, peach or tongue as a reply on their own: a sexual comment, on a school's page about its "
         "pupils or staff."),
    Rule("emoji", 0.75, "weapon emoji as the whole reply",
         _EMOJI_ONLY + r"(?=[\s\S]*[🔪🔫🗡💣])(?:[\s\S]*?[🔪🔫🗡💣👀💀⚰🩸]){2}",
         "A reply of emoji alone with a knife, gun or bomb beside watching eyes, a skull or another weapon: a "
         "wordless threat."),
)
