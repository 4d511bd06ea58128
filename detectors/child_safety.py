"""Child safety: the signals that go to the safeguarding lead at once, whatever else an item holds.

Four general patterns, read on the abuse detector's normalised text (lower case, look-alikes and
leetspeak undone), each needing two pieces of evidence so that an ordinary comment never pages the DSL:

- ``private_contact``: an invitation to move to private messages ("dm me", "add me on snap", "what's
  your number") in the same comment as a remark on a child's looks or age ("the one on the left",
  "so pretty", "how old are you", "looking very grown up");
- ``sexualised_child``: a sexualising word ("sexy", "looks hot", "jailbait") in the same comment as a
  reference to a child or pupils ("the girls", "year 9s", "your daughter"), or waiting for a child to
  come of age ("can't wait till she's 16"), which needs nothing else;
- ``disclosure``: a child telling of harm or self-harm in the first person ("my stepdad hits me",
  "I want to kill myself", "I'm scared to go home", "he said it's our secret");
- ``locating_children``: asking where this school is beside when its children come out or whether they walk
  home alone ("where is this school? what time do the girls finish").

English, with the private-contact, looks-or-age and disclosure evidence also in Polish, Romanian, Welsh,
romanised Urdu/Punjabi, Spanish, Portuguese, Lithuanian, Somali and Arabic
(:mod:`detectors.child_safety_languages`). Every pattern is a plain alternation of bounded phrases (no nested
quantifiers), searched once: linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detectors import child_safety_languages as other
from detectors.text_rule_cues import Rule

# A child or pupils referred to (for a sexualised remark).
_CHILD_PATTERN = (
    r"\b(?:(?:the|that|those|these|ur|your|his|her|their) (?:girls?|boys?|kids?|lads?|lass(?:es)?|pupils?|"
    r"students?|children|child|daughters?|sons?|niece|nephew|granddaughter|grandson|little ones?)|"
    r"(?:little|young|school) ?(?:girls?|boys?|lady|ladies)|schoolgirls?|schoolboys?|"
    r"(?:year|yr|y) ?(?:[1-9]|1[0-3]) ?(?:girls?|boys?|kids?|s)|teens?|teenagers?|under ?age|underage|minors?)\b")
# A child picked out in a photo, or a remark on a child's looks or age made to them or about them.
_PICKED_OUT_PATTERN = (
    r"\b(?:(?:the )?(?:one|girl|boy|kid|blonde|brunette|ginger|tall one|small one|little one) (?:on|in|at) the "
    r"(?:left|right|middle|front|back|end|front row|back row|second row)|"
    r"(?:you|u|ur|you['’]?re|you are|she|she['’]?s|he|he['’]?s)(?: are| r| is| look| looks| looking)?"
    r"(?: so| very| really| well)? (?:pretty|beautiful|gorgeous|stunning|cute|sexy|hot|peng|fit)|"
    r"babe|baby ?girl|sweetie|sweetheart|princess|(?:hi|hey|hello|hiya) (?:beautiful|gorgeous|pretty|cutie|stunning)|"
    r"(?:the )?(?:prettiest|cutest|most beautiful|fittest)(?: girl| boy| one)? in (?:the|ur|your|her|his) (?:whole )?"
    r"(?:school|class|year|photo|pic)|"
    r"(?:looking|looks|look) (?:very |so |well |really )?(?:grown ?up|mature)|"
    r"(?:grown ?up|mature) for (?:her|his|their|your|ur) age|"
    r"how old (?:are|r) (?:you|u|ya|she|he|they)|what age (?:are|r|is) (?:you|u|she|he)|"
    rf"{other.PICKED_OUT})\b")
_PRIVATE_PATTERN = (
    r"\b(?:(?:dm|pm|inbox|message|msg|snap|snapchat|whatsapp|kik|text|add|follow) me|"
    r"(?:slide|get) (?:in|into) (?:my|me) (?:dms?|inbox)|my (?:dms?|inbox|snap) (?:is|are) (?:open|always open)|"
    r"(?:send|drop) me (?:a |some |ur |your )?(?:dm|pm|message|pics?|photos?|pictures?|snaps?|selfies?)|"
    r"what(?:['’]?s| is) (?:your|ur|her|his) (?:snap|snapchat|number|insta|whatsapp|kik)|"
    r"(?:meet|chat) (?:me )?(?:in private|privately|alone)|"
    r"(?:can we|could we|wanna|want to|let['’]?s) (?:video ?call|facetime|snap|chat|meet up)"
    r"(?: later| tonight| sometime)?|"
    rf"{other.PRIVATE})\b")
_SEXUAL_PATTERN = (
    r"\b(?:sexy|hottie|so hot|(?:looking|looks|look) hot|thicc|jailbait|barely legal|nearly legal|"
    r"boobs|tits|booty|(?:would|wud|wd) (?:smash|bang|do))\b")
# Asking a child to keep it from their parents or anyone: with an invitation or a remark on their looks, grooming.
_SECRECY_PATTERN = (
    r"\b(?:(?:don['’]?t|dont|do not|never) (?:tell|say to|show) (?:your|ur|yer|ya) "
    r"(?:mum|mam|mom|mummy|dad|parents|family|teachers?|nan)|(?:don['’]?t|dont|do not) tell (?:any ?one|any ?body)|"
    r"keep (?:it|this|this chat) (?:between (?:us|me and you|you and me)|(?:a |our )?secret)|"
    r"(?:it['’]?s|this is|be) our (?:little )?secret|delete (?:this|the|these|our) (?:messages?|chats?|dms?|comments?|"
    r"posts?|pics?|photos?) after|(?:no ?one|nobody) (?:needs|has|have) to know|"
    r"when (?:every ?one|your (?:mum|mam|mom|dad|parents)|ur (?:mum|mam|mom|dad|parents))(?:['’]?s| is| are) "
    r"(?:asleep|in bed|out)|"
    # turning a child against their parents: "your mum doesn't understand you like I do"
    r"(?:your|ur) (?:mum|mam|mom|dad|parents|family) "
    r"(?:doesn['’]?t|dont|don['’]?t|does not|do not|will never|won['’]?t) "
    r"(?:understand|get|care about) (?:you|u) like i do|(?:no ?one|nobody) (?:understands|gets) (?:you|u) like i do|"
    rf"{other.SECRECY})\b")
# Waiting for a child to come of age needs no other evidence.
_WAITING_PATTERN = (
    r"\b(?:wait|wait till|wait til|waiting till|can['’]?t wait till|can['’]?t wait til|cant wait) "
    r"(?:she|he|they|her|him)"
    r"(?:['’]?s| is| are| turns?| gets?)? (?:older|legal|of age|16|18|sixteen|eighteen)\b")
# Asking for images of children undressing needs nothing else: "could you do some from the changing rooms".
_UNDRESSED_PATTERN = (
    r"\b(?:photos?|pics?|pictures?|videos?|footage|some|more|ones?) (?:from|in|of|inside) (?:the |their )?"
    r"(?:changing rooms?|showers?|locker rooms?)|"
    r"(?:photos?|pics?|pictures?|videos?) of (?:the |them |the (?:girls|boys|kids) )?(?:getting changed|undressing)\b")
_DISCLOSURE_PATTERN = (
    r"\b(?:i(?: want| wanna| am going|['’]?m going| am gonna|['’]?m gonna| have been wanting) to "
    r"(?:die|kill myself|end it all|end my life|hurt myself|cut myself)|i (?:cut|harm) myself|"
    r"i (?:don['’]?t|do not) want to (?:be alive|live any ?more|wake up)|(?:every ?one|they|people) (?:would|wud) be "
    r"better off without me|no ?one would (?:care|miss me|notice) if i|"
    r"(?:my|our) (?:step ?dad|step ?mum|step ?father|step ?mother|dad|mum|father|mother|uncle|aunt|brother|sister|"
    r"cousin|grandad|nan|mum['’]?s boyfriend|dad['’]?s girlfriend|coach|tutor) "
    r"(?:hits|beats|hurts|touches|slaps|punches|kicks|chokes|burns|locks) (?:me|us)|"
    r"(?:he|she|they) (?:keeps |always )?(?:hits|beats|hurts|touches|slaps|punches|kicks|chokes) me|"
    r"i(?:['’]?m| am) (?:scared|afraid|frightened|terrified) (?:to go|of going) home|"
    r"(?:it['’]?s|it is) our (?:little )?secret|(?:he|she|they) (?:said|says|told me) not to tell|"
    # an overdose, a note, a blade: suicidal intent and self-harm in the words young people use
    r"(?:gonna|going to|i['’]?ll|i will|want to|wanna|about to|tempted to|thinking of|thinking about) "
    r"(?:take|taking|swallow|swallowing|neck|necking) (?:all|every one|a load|loads|the rest|the whole box) "
    r"(?:of )?(?:my |me |the |my mum['’]?s |my mums |mum['’]?s |mums |dad['’]?s |my dad['’]?s )?"
    r"(?:tablets|pills|meds|medication|paracetamol)|"
    r"(?:writing|wrote|written|left|finished) my (?:suicide |goodbye |last )?note(?! (?:to|for|about|on)\b)|"
    r"(?:suicide|goodbye) (?:note|letter)|"
    r"(?:only thing that helps is|went back to|gone back to|relapsed with|reached for|reach for) (?:the|my) blades?|"
    r"(?:keep|been|started|still|always) cutting (?:my|me) (?:arms|wrists|legs|thighs)|"
    # being hit at home, as children say it
    r"(?:(?:^|[.!?] ?)|\bi )(?:got|get|getting) (?:the belt|belted|a (?:good |proper )?(?:hiding|leathering))|"
    r"(?:dad|mum|mam|step ?dad|step ?mum|he|she) (?:gave|gives|give) me (?:the belt|a (?:hiding|beating|leathering))|"
    rf"{other.DISCLOSURE})\b")

# A stranger asking where the school of a shared post is ("this school", not "the school disco").
_WHERE_PATTERN = (
    r"\b(?:where(?: exactly)?(?: is|['’]s| r) (?:exactly )?(?:this|that) (?:school|academy)|"
    r"(?:which|what) (?:school|academy) is (?:this|that)|"
    r"wh?at (?:road|street|town) is (?:this|that|the) school (?:on|in)|"
    r"(?:this|that) school['’]?s (?:address|postcode))\b")
# When the children come out or whether they are on their own (a parent names the class; a stranger "the kids").
_WHEN_PATTERN = (
    r"\b(?:(?:what|wat) time (?:do|does|will) (?:the )?(?:kids|girls|boys|children|little ones|pupils) "
    r"(?:finish|get out|come out|leave)|when (?:do|does|will) (?:the )?(?:kids|girls|boys|children|little ones|pupils) "
    r"(?:finish|get out|come out|leave)|(?:do|does) (?:the )?(?:kids|girls|boys|children|she|he) walk home "
    r"(?:on (?:their|her|his) own|alone|by (?:themselves|herself|himself)))\b")

#: Each piece of evidence as a rule with its general reason (read by training/rule_audit.py and the tests).
CUES: tuple[Rule, ...] = (
    Rule("sexualised_child", 0.95, "a child or pupils referred to", _CHILD_PATTERN,
         "Any way of pointing at a child or pupils (possessive + child noun, year group, teen, underage)."),
    Rule("private_contact", 0.95, "a child picked out or their looks or age remarked on", _PICKED_OUT_PATTERN,
         "Singling one child out of a photo, praising a young person's looks, pet names, or asking their age."),
    Rule("private_contact", 0.95, "an invitation to private messages", _PRIVATE_PATTERN,
         "Any request to move to a private channel: DM/add/snap me, send me pics, what's your number, meet alone."),
    Rule("private_contact", 0.95, "asking a child to keep it secret", _SECRECY_PATTERN,
         "Asking a young person to hide the contact from their parents or anyone: don't tell your mum, our secret."),
    Rule("sexualised_child", 0.95, "a sexualising word", _SEXUAL_PATTERN,
         "Words that sexualise a body or person (sexy, hot, jailbait, would smash)."),
    Rule("sexualised_child", 0.95, "waiting for a child to come of age", _WAITING_PATTERN,
         "Looking forward to a young person becoming 'legal' or of age: grooming language in any wording."),
    Rule("sexualised_child", 0.95, "asking for images of children undressing", _UNDRESSED_PATTERN,
         "Asking for photos or video from changing rooms or showers, or of children getting changed."),
    Rule("locating_children", 0.95, "asking where this school is", _WHERE_PATTERN,
         "A stranger under a shared post asking where the school is: where, which school, its road or postcode."),
    Rule("locating_children", 0.95, "asking when the children come out or walk home alone", _WHEN_PATTERN,
         "Asking when the kids or girls finish or leave, or whether they walk home on their own."),
    Rule("disclosure", 0.95, "a first-person disclosure of harm", _DISCLOSURE_PATTERN,
         "First-person statements of suicidal intent, self-harm, being hit or touched by a carer, or being told "
         "to keep a secret."),
)
_BY_NAME = {rule.name: re.compile(rule.pattern) for rule in CUES}
_CHILD = _BY_NAME["a child or pupils referred to"]
_PICKED_OUT = _BY_NAME["a child picked out or their looks or age remarked on"]
_PRIVATE = _BY_NAME["an invitation to private messages"]
_SEXUAL = _BY_NAME["a sexualising word"]
_SECRECY = _BY_NAME["asking a child to keep it secret"]
_WAITING = _BY_NAME["waiting for a child to come of age"]
_DISCLOSURE = _BY_NAME["a first-person disclosure of harm"]
_WHERE = _BY_NAME["asking where this school is"]
_UNDRESSED = _BY_NAME["asking for images of children undressing"]
_WHEN = _BY_NAME["asking when the children come out or walk home alone"]

_EXPLAIN = {
    "private_contact": "Child safety: an invitation to private messages or a request for secrecy beside a remark on "
                       "a child's looks or age, or the two together",
    "sexualised_child": "Child safety: a sexualised remark beside a reference to a child or pupils",
    "disclosure": "Child safety: what reads as a child disclosing harm or self-harm",
    "locating_children": "Child safety: asking where this school is beside when its children come out or walk home",
}
_WINDOW = 200  # characters between the two pieces of evidence of one signal


@dataclass(frozen=True)
class Signal:
    """One child-safety signal: which, and the span of the normalised text that fired it."""

    name: str
    start: int
    end: int

    @property
    def explanation(self) -> str:
        """The plain sentence the log, the digest and the DSL alert carry."""
        return _EXPLAIN[self.name] + "."


def find(text: str, by_school: bool = False) -> Signal | None:
    """The strongest child-safety signal in ``text`` (normalised, lower case), or None.

    The school's own posts can neither invite to private messages nor sexualise (they are checked for
    disclosures only, which a pupil's words quoted by the school might be).
    """
    if m := _DISCLOSURE.search(text):
        return Signal("disclosure", m.start(), m.end())
    if by_school:
        return None
    for first, second in ((_PRIVATE, _PICKED_OUT), (_PRIVATE, _SECRECY), (_SECRECY, _PICKED_OUT)):
        if (m := first.search(text)) and (other := _near(second, text, m)):
            return Signal("private_contact", min(m.start(), other.start()), max(m.end(), other.end()))
    if (m := _WAITING.search(text)) or (m := _UNDRESSED.search(text)):
        return Signal("sexualised_child", m.start(), m.end())
    if (m := _SECRECY.search(text)) and (other := _SECRECY.search(text, m.end(), min(len(text), m.end() + _WINDOW))):
        return Signal("private_contact", m.start(), other.end())  # two asks for secrecy: "like I do... delete after"
    if (m := _SEXUAL.search(text)) and (other := _near(_CHILD, text, m)):
        return Signal("sexualised_child", min(m.start(), other.start()), max(m.end(), other.end()))
    if (m := _WHERE.search(text)) and (other := _near(_WHEN, text, m)):
        return Signal("locating_children", min(m.start(), other.start()), max(m.end(), other.end()))
    return None


def _near(pattern: re.Pattern, text: str, anchor: re.Match) -> re.Match | None:
    """A match of ``pattern`` within ``_WINDOW`` characters of ``anchor`` (bounded work)."""
    lo, hi = max(0, anchor.start() - _WINDOW), min(len(text), anchor.end() + _WINDOW)
    return pattern.search(text, lo, hi)


def without_promotion(findings: list) -> list:
    """``findings`` without the promotion findings of an item that is a child-safety matter.

    Money, gifts, work or a modelling chance offered to children with private contact or secrecy ("free robux,
    dm me, don't tell your mum", "want to earn £50 dropping off parcels?") is grooming or exploitation: the
    promotion detector's words (free gifts, earn money, inbox me) are its bait, and nothing is for sale. The
    child-safety finding names the item and pages the safeguarding lead; a promotion finding beside it would
    file it as an advert in the digest. The same holds for a child's disclosure that happens to hold such words.
    """
    if not any(f.label == "abuse" and (f.details or {}).get("subtype") == "child_safety" for f in findings):
        return findings
    return [f for f in findings if f.label != "commercial"]
