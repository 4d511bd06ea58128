"""Selling and ordering in the community languages of UK schools: the words a trader's advert opens with.

The English cues of :mod:`detectors.commercial` read a text folded to ASCII look-alikes, which turns Cyrillic
into Latin letters and drops Bengali marks; these read the item's own letters, lower-cased, with Latin accents
folded one for one (:func:`detectors.text_normalize.latin_folded`), so offsets stay the item's.

Each word is the ordinary way its language says "I sell / for sale", "orders / write to me to order", or "we offer
services / we are hiring / to let", not a phrase of any one comment (a bare "call me" or "write to me" is how anyone
asks to be contacted, so it is none of them): Polish, Portuguese and Spanish, Romanian, Lithuanian and Latvian,
Bulgarian, Russian and Ukrainian, Somali, Turkish, Albanian, Arabic, Urdu (both scripts), Hindi, Bengali, Tamil.
Words that are as often something else ("cena" is a price in Polish and a dinner in Spanish, "shes" is "I sell" in
Albanian and "she's" typed fast) are left out.
"""

from __future__ import annotations

import re
from functools import cache

from detectors.text_normalize import latin_folded
from detectors.text_rule_cues import Rule

COMMUNITY_CUES: tuple[Rule, ...] = (
    Rule("selling", 0.75, "selling, in a community language",
         r"\b(?:sprzedam|sprzedaje|na\s+sprzedaz|do\s+sprzedania|vendo|vende-se|se\s+vende|vendemos|a\s+venda|"
         r"en\s+venta|vand|vindem|se\s+vinde|de\s+vanzare|parduodu|parduodame|parduodama|pardodu|"
         r"iibinayaa|iibineynaa|iibinaya|satilik|satiyorum|shitet|ne\s+shitje|"
         r"bech\s+(?:raha|rahi|rahe|rahay|rhi|rha)|farokht)\b|"
         r"(?:продавам|продава\s+се|продаю|продам|продается|продаётся|продається|للبيع|أبيع|ابيع|"
         r"برائے\s+فروخت|بیچ\s+رہ|बिक्री|बेच\s+रह|বিক্রি|விற்பனை)",
         "Announcing in a community language that one sells something or that it is for sale."),
    Rule("selling", 0.6, "orders, in a community language",
         r"\b(?:encomendas|pedidos|comenzi|zamowienia|uzsakymai|siparis|dalbo\s+(?:hadda|maanta)|"
         r"order\s+(?:ke\s+liye|karein|karen|karo|den)|chama\s+no\s+(?:direct|privado|pv|inbox)|"
         r"(?:piszcie|napisz|pisz)\s+(?:na\s+)?priv|rasykite|"
         r"whatsapp\s+(?:karein|karen|karo))\b|"
         r"(?:поръчки|заказы|замовлення|пишіть|অর্ডার|ইনবক্স\s+করুন|ஆர்டர்)",
         "Taking orders or asking readers to write privately to order, in a community language."),
    Rule("service", 0.6, "services, hiring and renting, in a community language",
         r"\b(?:oferuj(?:e|emy)\s+uslugi|zatrudni(?:e|my)|do\s+wynajecia|skupuje|"
         r"ofer(?:im)?\s+servicii|angaj(?:am|ez)|de\s+inchiriat|dau\s+in\s+chirie|cumpar(?:am)?\s+(?:fier|masini|aur|auto)|"
         r"oferecemos\s+servicos|ofereco\s+servicos|estamos\s+a\s+contratar|aluga-se|para\s+alugar|"
         r"ofrecemos\s+servicios|se\s+alquila|siulome\s+paslaugas|ieskome\s+darbuotoju|isnuomoju|nuomojamas|kiralik)\b|"
         r"(?:предлагаме\s+услуги|търсим\s+работници|давам\s+под\s+наем|предлагаем\s+услуги|сдаётся|сдается|"
         r"требуются\s+(?:работники|рабочие))",
         "Offering a trade's services, hiring workers, letting a room or car, or buying scrap and cars for cash, in "
         "a community language (what an English advert says with 'we offer', 'now hiring', 'to let')."),
)


def community_hits(text: str) -> list[tuple[float, str, str, int, int]]:
    """(weight, kind, name, start, end) for each community-language cue found in ``text`` (offsets of ``text``)."""
    folded = latin_folded(text)
    low = folded.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): read the folded text as it is
        low = folded
    return [(rule.score, rule.category, rule.name, m.start(), m.end())
            for rule, pattern in _compiled() for m in [pattern.search(low)] if m]


@cache
def _compiled() -> tuple:
    """The cue patterns, compiled once per process (as :func:`detectors.commercial._compiled_cues`)."""
    return tuple((rule, re.compile(rule.pattern)) for rule in COMMUNITY_CUES)
