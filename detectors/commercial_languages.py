"""Selling and ordering in the community languages of UK schools: the words a trader's advert opens with.

The English cues of :mod:`detectors.commercial` read a text folded to ASCII look-alikes, which turns Cyrillic
into Latin letters and drops Bengali marks; these read the item's own letters, lower-cased, with Latin accents
folded one for one (:func:`detectors.text_normalize.latin_folded`), so offsets stay the item's.

Each word is the ordinary way its language says "I sell / for sale", "orders / write to me to order", or "we offer
services / we are hiring / to let", not a phrase of any one comment (a bare "call me" or "write to me" is how anyone
asks to be contacted, so it counts only beside a price, an order or home-made goods): Polish, Portuguese and Spanish,
Romanian, Lithuanian and Latvian, Bulgarian, Russian and Ukrainian, Somali, Turkish, Albanian, Arabic, Urdu (both
scripts), Hindi, Bengali, Tamil, Welsh. Words that are as often something else ("cena" is a price in Polish and a
dinner in Spanish, "shes" is "I sell" in Albanian and "she's" typed fast) are left out.
:mod:`detectors.commercial_languages_more` adds trades, transfers, loans, giveaways, recruitment, appeals and
lessons. A scam warning in these languages drops every community cue (the English warnings are discounted in
:mod:`detectors.commercial`), and a reader asking for a trader or a lesson drops the cues a trader would answer with.
"""

from __future__ import annotations

from functools import cache

from detectors.commercial_languages_more import MORE_CUES, any_of, arabic, near
from detectors.text_fastre import compile_fast
from detectors.text_normalize import latin_folded
from detectors.text_rule_cues import Rule

# Asking privately (to "me" or "us", never "write to her"), beside what an advert asks it for: a price, an order,
# home-made goods, delivery. Each language with its own words ("cena" is a Polish price and a Spanish dinner).
_BY_MESSAGE = (
    (r"\b(?:piszcie|napisz|pisz|napiszcie)\s+(?:na\s+)?(?:priv|pw|prywatnie|do\s+mnie)\b|"
     r"\bzapraszam\s+(?:na\s+priv|do\s+kontaktu)|\bkontakt\s+(?:na\s+)?(?:priv|pw)\b",
     r"\b(?:cen[aeyi]|cennik\w*|wycen\w*|zamow\w*|domowej\s+roboty)\b|(?<!zadanie\s)(?<!zwierze\s)\bdomow(?:e|y|a)\b"),
    (r"\bscrie(?:ti)?-(?:mi|ne)\b|\b(?:in|pe)\s+privat\b|\bcontactati-(?:ma|ne)\b|\bsunati(?:-ma)?\b",
     r"\b(?:pret(?:ul|uri|urile)?|tarif\w*|comand\w*|facut[ea]?\s+in\s+casa|livrare)\b"),
    (r"\b(?:chama|chamem|chame)\s+no\s+(?:direct|privado|pv|inbox)\b|\bmensagem\s+privada\b|\bmandem?\s+mensagem\b",
     r"\b(?:preco\w*|orcamento\w*|encomend\w*|caseir[oa]s?)\b"),
    (r"\bescrib(?:eme|anme|idme|enos)\b|\bpor\s+(?:privado|md|interno)\b|\bmandame\s+(?:un\s+)?mensaje\b",
     r"\b(?:precio\w*|presupuesto\w*|encarg\w*|pedido\w*|caser[oa]s?)\b"),
    (r"\b(?:parasykite|rasykite|rasyk)(?:\s+man)?\b|\bsusisiekite\b", r"\b(?:kain\w*|uzsakym\w*|namini\w*)\b"),
    (r"\b(?:ozelden|dm(?:den)?)\s+(?:yazin|ulasin|yaz)\b|\bozel\s+mesaj\b",
     r"\b(?:fiyat\w*|ucret\w*|siparis\w*|ev\s+yapimi)\b"),
    (r"\b(?:la|igala|nagala|ila)\s+soo\s+xiriir\b|\bfariin\s+(?:ii|noo)\s+soo\s+dir\b", r"\b(?:qiim\w*|dalab\w*)\b"),
    (r"\b(?:rabta|rabita|inbox|message|whatsapp|call)\s+(?:kar(?:ein|en|o|ain)|kren|krein|korun|koren)\b",
     r"\b(?:rate|rates|price|qeemat|keemat|kimat|order|home\s*made|delivery|daam|dam)\b"),
    (r"\bcysylltwch\s+a\s+(?:fi|ni)\b|\banfonwch\s+neges\b|\bnegeseuwch\b|\bneges\s+(?:i|fi|breifat|i'?r\s+dudalen)\b|"
     r"\bprisiau\s+ar\s+neges\b",
     r"\b(?:pris|prisiau|bris|brisiau|archeb\w*|cartref|brynu|fwcio|bwcio)\b|£"),
    (r"пишете\s+ми|пиши\s+ми|на\s+лично|обадете\s+се",
     r"цен[аи]|цените|поръчк|домашн\w+\s+(?:торти|сладки|баници|козунаци|храна)"),
    (r"пишіть", r"цін[аиу]|замовлен|домашн"),
    (arabic(r"راسلوني|راسلني|راسلونا|تواصلوا\s+معي|تواصل\s+معي|على\s+الخاص|واتساب"),
     arabic(r"السعر|الاسعار|اسعار|سعر|للطلب|الطلبات|توصيل|(?:صنع|اكل|حلويات)\s+(?:بيت|منزل)")),
    (r"رابطہ\s+کریں|ان\s*باکس\s+کریں|واٹس\s*ایپ\s+کریں", r"قیمت|ریٹ|آرڈر|گھر\s+کا\s+بنا"),
    (r"ইনবক্স\s+করুন|যোগাযোগ\s+করুন", r"দাম|অর্ডার|ডেলিভারি"),
)
PRICE_BY_MESSAGE = any_of(*(near(contact, offer) for contact, offer in _BY_MESSAGE))

COMMUNITY_CUES: tuple[Rule, ...] = (
    Rule("selling", 0.75, "selling, in a community language",
         r"\b(?:sprzedam|sprzedaje|na\s+sprzedaz|do\s+sprzedania|vendo|vende-se|se\s+vende|vendemos|a\s+venda|"
         r"en\s+venta|vand|vindem|se\s+vinde|de\s+vanzare|parduodu|parduodame|parduodama|pardodu|"
         r"iibinayaa|iibineynaa|iibinaya|satilik|satiyorum|shitet|ne\s+shitje|"
         r"bech\s+(?:raha|rahi|rahe|rahay|rhi|rha)|farokht|ar\s+werth|raffli\s+fy)\b|"
         # Welsh: "selling" with its subject or object, a price per unit ("£10 y tocyn"), a shop just opened
         r"\b(?:dw\s+i'?n|rwy'?n|ni'?n|yn)\s+gwerthu\s+(?![^.!?]{0,50}\b(?:i'?r|at\s+yr|at\s+gronfa'?r)\s+ysgol\b)|"
         r"£\s?\d[\d.,]*\s+(?:y|yr)\s+(?:tocyn|pot|dwsin|llun|un|awr|bocs|noson|wythnos|sesiwn|pen|kilo|bag)\b|"
         r"\b(?:siop|caffi|bragdy|salon|garej|becws|busnes)\b[^.!?]{0,40}\b(?:newydd\s+(?:ar\s+)?agor|wedi\s+ailagor)\b|"
         r"\bprisiau\s+(?:ar|drwy|trwy)\s+neges\b|"
         r"\b(?:newydd\s+agor|wedi\s+ailagor)\b[^.!?]{0,30}\b(?:siop|caffi|bragdy|salon|garej|becws)\b|"
         r"(?:продавам|продава\s+се|продаю|продам|продается|продаётся|продається|للبيع|أبيع|ابيع|"
         r"برائے\s+فروخت|بیچ\s+رہ|बिक्री|बेच\s+रह|বিক্রি|விற்பனை)",
         "Announcing in a community language that one sells something or that it is for sale."),
    Rule("selling", 0.6, "orders, in a community language",
         r"\b(?:encomendas|pedidos|comenzi|zamowienia|uzsakymai|siparis|dalbo\s+(?:hadda|maanta)|"
         r"order\s+(?:ke\s+liye|karein|karen|karo|den))\b|(?:поръчки|заказы|замовлення|অর্ডার|ஆர்டர்)|"
         + PRICE_BY_MESSAGE,
         "Taking orders, or asking readers to write privately beside a price, an order or home-made goods, in a "
         "community language."),
    Rule("service", 0.6, "services, hiring and renting, in a community language",
         r"\b(?:oferuj(?:e|emy)\s+uslugi|zatrudni(?:e|my)|do\s+wynajecia|skupuje|ofer(?:im)?\s+servicii|angaj(?:am|ez)|"
         r"de\s+inchiriat|dau\s+in\s+chirie|cumpar(?:am)?\s+(?:fier|masini|aur|auto)|oferecemos\s+servicos|"
         r"ofereco\s+servicos|(?:estamos|esta)\s+a\s+contratar|contrata-se|precisa-se\s+de|aluga-se|para\s+alugar|ofrecemos\s+servicios|se\s+alquila|"
         r"siulome\s+paslaugas|ieskome\s+darbuotoju|isnuomoju|nuomojamas|kiralik|hurio|ar\s+osod|"
         # Welsh: places or slots left, lessons for children or beginners, a trade of one's own, staff wanted
         r"(?:llefydd|lleoedd|lle|slot|slotiau)\s+ar\s+ol|gwersi\s+\w+(?:\s+a\s+\w+)?\s+(?:i|ar\s+gyfer)\s+"
         r"(?:blant|ddechreuwyr|oedolion)|dw\s+i\s+ar\s+gael|(?:fi'?n|dw\s+i'?n|rwy'?n)\s+(?:blymwr|drydanwr|saer|"
         r"adeiladwr|ffotograffydd|trin\s+gwallt)|chwilio\s+am\s+(?:staff|yrwyr|weithwyr|weithwraig)|"
         r"gwasanaeth\s+(?:cyfieithu|glanhau|garddio)|ffoniwch\s+i\s+fwcio|"
         # Welsh: a cottage, caravan, flat or room to let ("mae'r bwthyn ar gael hanner tymor")
         r"(?:bwthyn|garafan|carafan|fflat|ystafell)\b[^.!?]{0,25}\bar\s+gael)\b|(?:предлагаме\s+услуги|"
         r"търсим\s+работници|давам\s+под\s+наем|предлагаем\s+услуги|сдаётся|сдается|требуются\s+(?:работники|"
         r"рабочие))",
         "Offering a trade's services, hiring workers, letting a room or car, or buying scrap and cars for cash, in "
         "a community language (what an English advert says with 'we offer', 'now hiring', 'to let')."),
    *MORE_CUES,
)
# A reader asking for a trader or a lesson: the trade, order, transport and lesson cues are theirs to answer.
ASKED_FOR = frozenset({"a trader's own work, in a community language", "orders, in a community language",
                       "parcels and money sent home, in a community language", "paid lessons, in a community language"})
SEEKING = any_of(
    r"\bszukam\b(?!\s+(?:pracy|klient))|\bpolec(?:i|icie|cie)\b|\bczy\s+ktos\b|\bktos\s+(?:zna|poleci|wie)\b|"
    r"\bcaut\b(?!\s+(?:de\s+)?(?:lucru|munca|clien))|\b(?:stie|cunoaste)\s+cineva\b|\brecomandati\b|"
    r"\bprocuro\b(?!\s+trabalho)|\balguem\s+(?:conhece|sabe|recomenda|indica)\b|\bbusco\b(?!\s+trabajo)|"
    r"\balguien\s+(?:conoce|sabe|recomienda)\b|\bieskau\b(?!\s+darbo)|\bgal\s+kas\s+(?:zino|gali)\b|"
    r"(?<!is\s)\bariyorum\b|\bbilen\s+var\s+mi\b|\btavsiye\s+eder\s+misiniz\b|\bnereden?\b|\bwaxaan\s+(?:raadinayaa|"
    r"doonayaa)\b|\bma\s+(?:jiraa|yaqaan|taqaan)\b|\bkoi\s+(?:bata|bataye|jaanta|janta|dasso)\b|\bchahiye\b|"
    r"\bchwilio\s+am\b|\b(?:ydy|oes)\s+rhywun\b|\bkhujchi\b|\bkeu\s+jan(?:e|en)\b|\blagbe\b|"
    r"\b(?:i'?m|i\s+am|we'?re)\s+looking\s+for\b|\banyone\s+(?:know|recommend)\b",
    r"търся\b(?!\s+работа)|някой\s+знае|تلاش|کوئی\s+بتا|খুঁজছি|কেউ\s+জানেন|"
    + arabic(r"(?:ابحث|نبحث)\s+عن|هل\s+(?:يعرف|تعرف|يوجد)|حد\s+يعرف|من\s+يعرف|انصحوني"))
# A warning about a scam names its words and promotes nothing ("don't fall for the 'share and type DONE' posts").
WARNING = any_of(
    r"(?<!nie\s)(?<!bez\s)\boszust\w*|\bnie\s+dajcie\s+sie\s+nabrac|(?<!nu\s)(?<!nu\s[ei]\s)\bteap\w*|\btepe\b|"
    r"\binselatori\w*|\bescroc\w*|\bnu\s+va\s+lasati\s+pacaliti|(?<!nao\se\s)(?<!nao\s)\b(?:golpe|burla)s?\b|"
    r"\bnao\s+caiam\b|(?<!no\ses\s)\bestafa\w*|\bno\s+caigan\b|\bsukci\w*|\bapgavyst\w*|\bdolandirici\w*\b(?!\s+degil)|"
    r"\bsahte\b(?!\s+degil)|\bkanmayin\b|\bkhiyaan\w*\b(?!\s+ma\s+aha)|\bha\s+ku\s+dhicina\b|"
    r"\bdhok[h]?[ae]\b(?!\s+nahi)|\bfraud\b(?!\s+nahi)|(?<!not\sa\s)(?<!no\s)\bscam\w*|\bsgam\w*|\btwyll\w*|"
    r"\bprotarona\b",
    r"измам|мошени|не\s+се\s+хващайте|دھوک|فراڈ|প্রতারণা|" + arabic(r"(?<!ليس\s)(?<!مش\s)(?:احتيال|نصاب)|لا\s+تنخدعوا"))


def community_hits(text: str) -> list[tuple[float, str, str, int, int]]:
    """(weight, kind, name, start, end) for each community-language cue found in ``text`` (offsets of ``text``).

    None in a scam warning; none of the trade, order, transport and lesson cues where a reader asks for one.
    """
    folded = latin_folded(text)
    low = folded.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): read the folded text as it is
        low = folded
    cues, warning, seeking = _compiled()
    if warning.search(low):
        return []
    asked = seeking.search(low) is not None
    return [(rule.score, rule.category, rule.name, m.start(), m.end())
            for rule, pattern in cues if not (asked and rule.name in ASKED_FOR) for m in [pattern.search(low)] if m]


@cache
def _compiled() -> tuple:
    """The cues and the two vetoes, compiled once per process and gated (as in :mod:`detectors.commercial`)."""
    cues = tuple((rule, compile_fast(rule.pattern)) for rule in COMMUNITY_CUES)
    return cues, compile_fast(WARNING), compile_fast(SEEKING)
