"""commercial in the community languages, continued: a trader's own work, parcels and money sent home, loans,
guaranteed returns, share-to-win giveaways, recruitment, votes and appeals, channels and paid lessons; a private
message counts only beside a price or an order (real spaCy model, through the engine).

Every text was written for this test (in no evaluation set or training file): what a parent or trader would type,
some without diacritics, beside the hard negatives of each language: a scam warning quoting the bait, a lost item
with "message me privately", a parent asking for a cleaner, a customer praising a cake-maker, the PTA raffle, an
election in the news, a child who subscribed to a channel. The new rules' paraphrases are in
``tests/detectors/paraphrases/commercial.json`` with every other rule's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from detectors.base import SchoolContext
from detectors.commercial_languages import COMMUNITY_CUES
from detectors.commercial_languages_more import MORE_CUES
from detectors.engine import DetectorEngine
from detectors.text_normalize import latin_folded
from tests.detectors.conftest import make_item

SCHOOL = SchoolContext(name="Brookmead Primary", staff=("Mr Adeyemi",),
                       languages=("en", "pl", "ro", "pt", "es", "lt", "bg", "tr", "ar", "so", "ur", "pa", "cy", "bn"))

_PARAPHRASES = json.loads((Path(__file__).parent / "paraphrases" / "commercial.json").read_text(encoding="utf-8"))
# The rules of commercial_languages_more.py: their paraphrases and near-misses live with every rule's, in
# tests/detectors/paraphrases/commercial.json (test_rule_provenance.py checks none is copied from an evaluation set).
PARAPHRASES: dict[str, dict[str, list[str]]] = {rule.name: _PARAPHRASES[rule.name] for rule in MORE_CUES}
# The orders rule of commercial_languages.py: a private message counts beside a price, an order or home-made goods.
ORDERS = _PARAPHRASES["orders, in a community language"]
# Per language: a scam warning quoting the bait, a lost item, a parent asking for a cleaner, a customer praising a
# cake-maker, the PTA raffle, an election in the news, a child who subscribed (and a few more things parents say).
HARD_NEGATIVES = {
    "pl": ["Uwaga, oszustwo! Nie dajcie się nabrać na posty 'napisz TAK i udostępnij'",
           "Zgubiłam niebieski szalik przy bramie szkoły, piszcie na priv",
           "Szukam pani do sprzątania raz w tygodniu, jaka cena? Piszcie na priv",
           "Pani Ewa robi przepiękne torty na zamówienie, polecam z całego serca",
           "Loteria PTA w piątek, bilety po £1, nagrody od rodziców",
           "Wybory do rady miasta odbędą się w maju, frekwencja była niska",
           "Zasubskrybowałem kanał o Minecrafcie, jest super",
           "Oddam za darmo mundurek w rozmiarze 128"],
    "ro": ["Atenție, e țeapă! Nu vă lăsați păcăliți de postările cu 'scrie GATA și distribuie'",
           "Am găsit o geacă albastră lângă poartă, scrieți-mi în privat",
           "Caut o doamnă pentru curățenie, cât e prețul? Scrieți-mi",
           "Doamna Maria face niște torturi superbe la comandă, o recomand",
           "Tombola PTA vineri, biletele costă £1 la secretariat",
           "Alegerile locale au loc în mai, prezența a fost mică",
           "M-am abonat la un canal despre dinozauri"],
    "pt": ["Cuidado, é golpe! Não caiam nos posts de 'comenta QUERO e partilha'",
           "Perdi um casaco azul no recreio, chamem no privado",
           "Procuro uma senhora para limpezas, qual o preço? Mandem mensagem",
           "A Dona Rosa faz uns bolos maravilhosos por encomenda, recomendo",
           "Rifa da PTA na sexta, bilhetes a £1 na secretaria",
           "As eleições autárquicas são em outubro, a abstenção foi alta",
           "Inscrevi-me num canal de ciência muito fixe"],
    "es": ["¡Ojo, es una estafa! No caigan en los posts de 'comenta y comparte'",
           "Encontré una mochila roja en el patio, escríbeme por privado",
           "Busco señora para limpiezas, ¿qué precio? Escribidme",
           "La señora Carmen hace unas tartas buenísimas, la recomiendo",
           "Rifa de la PTA el viernes, boletos a £1",
           "Las elecciones municipales son en mayo, hubo poca participación",
           "Me suscribí a un canal de dinosaurios"],
    "lt": ["Atsargiai, sukčiai! Nepasiduokite įrašams 'pažymėk du draugus ir pasidalink'",
           "Radau mėlyną kepurę prie mokyklos, rašykite man",
           "Ieškau valytojos kartą per savaitę, kokia kaina? Rašykite",
           "Ponia Rasa kepa nuostabius tortus, rekomenduoju",
           "PTA loterija penktadienį, bilietai po £1",
           "Savivaldybės rinkimai vyks gegužę",
           "Užsiprenumeravau kanalą apie kosmosą"],
    "bg": ["Внимание, измама! Не се хващайте на постове 'напишете ДА и споделете'",
           "Намерих синьо яке до портата, пишете ми на лично",
           "Търся жена за почистване, каква е цената? Пишете ми",
           "Госпожа Иванова прави страхотни торти по поръчка, препоръчвам я",
           "Томбола на PTA в петък, билети по £1",
           "Местните избори ще бъдат през октомври",
           "Абонирах се за канал за динозаври"],
    "tr": ["Dikkat, dolandırıcılık! 'Yorum yap ve paylaş' gönderilerine kanmayın",
           "Okul kapısında mavi bir mont buldum, özelden yazın",
           "Haftada bir temizlik için birini arıyorum, ücret ne kadar? Özelden yazın",
           "Ayşe Hanım harika pasta yapıyor, tavsiye ederim",
           "PTA çekilişi cuma günü, biletler £1",
           "Yerel seçimler mart ayında yapılacak",
           "Uzay hakkında bir kanala abone oldum",
           "Nereden uygun fiyata okul ayakkabısı bulabilirim?",
           "Okul üniformasının fiyatları çok pahalı"],
    "ar": ["احذروا، هذا احتيال! لا تنخدعوا بمنشورات 'اكتب تم وشارك المنشور'",
           "وجدت حقيبة زرقاء عند البوابة، راسلوني على الخاص",
           "أبحث عن عاملة تنظيف مرة في الأسبوع، كم السعر؟ راسلوني",
           "أم محمد تصنع كيك رائع حسب الطلب، أنصح بها",
           "سحب PTA يوم الجمعة، التذاكر بجنيه واحد",
           "الانتخابات البلدية ستجرى في مايو",
           "اشتركت في قناة عن الديناصورات"],
    "so": ["Digniin: waa khiyaano! Ha ku dhicina qoraallada 'qor HAA oo la wadaag'",
           "Jaakad buluug ah ayaan ka helay iskuulka agtiisa, ila soo xiriir",
           "Waxaan raadinayaa qof nadaafad ii sameeya, qiimaha? La soo xiriir",
           "Xaliimo waxay sameysaa keeg aad u macaan, waan ku talinayaa",
           "Bakhtiyaanasiibka PTA jimcaha, tigidhadu waa £1",
           "Doorashada golaha degaanka waxay dhici doontaa bisha May",
           "Waxaan iska diiwaangeliyay kanaal ku saabsan dinosaurs"],
    "ur": ["Hoshiyar! Ye fraud hai, 'comment mein DONE likhein aur share karein' wali posts se bachein",
           "Mera bag school gate pe reh gaya, kisi ko mile to message karein",
           "Safai ke liye koi maasi chahiye, rate kya hai? Inbox karein",
           "Aapa Shazia bohat achay cake banati hain, zaroor try karein",
           "PTA raffle Friday ko, ticket £1 ka",
           "Baldiyati intikhabaat agle mahine hain",
           "میں نے ڈائنوسار والا چینل سبسکرائب کر لیا",
           "میرا بیگ اسکول کے گیٹ پر رہ گیا، ملے تو رابطہ کریں"],
    "pa": ["Mera lunch box gate te reh gaya, labhe taan message karo",
           "Vote zaroor paao, eh tuhada haq hai",
           "Bhabhi ji bahut sohne cake bande ne, main recommend kardi haan"],
    "cy": ["Byddwch yn ofalus, sgam yw hwn! Peidiwch â chredu'r negeseuon 'rho sylw a rhanna'",
           "Wedi colli cot las wrth y giât, cysylltwch â fi",
           "Chwilio am rywun i lanhau'r tŷ, beth yw'r pris? Cysylltwch â fi",
           "Mae Siân yn gwneud cacennau bendigedig, argymell yn fawr",
           "Raffl y PTA ddydd Gwener, tocynnau £1",
           "Bydd etholiadau'r cyngor ym mis Mai",
           "Dw i wedi tanysgrifio i sianel am ddeinosoriaid"],
    "bn": ["Sabdhan, eta protarona! 'Comment e DONE likhun ar share korun' post e biswas korben na",
           "School gate e ekta lal bag peyechi, inbox korun",
           "Basar kajer jonno ekjon lok lagbe, dam koto? Inbox korun"],
}
# Romanised Urdu and Bengali say "subscribe" in English; commercial.py's English "subscribe" cue (not this module's)
# reads it in a child's "I subscribed to a channel".
ENGLISH_SUBSCRIBE = ["Maine ek science channel subscribe kar liya", "Ami ekta dinosaur channel subscribe korechi"]


@pytest.fixture(scope="module")
def engine(nlp):
    return DetectorEngine(SCHOOL, nlp=nlp, labels=("commercial",))


def _commercial(engine, text: str) -> list:
    return [f for f in engine.analyze([make_item(text)])[0].findings if f.label == "commercial"]


def _reads(pattern: str, text: str) -> bool:
    return re.search(pattern, latin_folded(text).lower()) is not None


_RULES = {rule.name: rule for rule in COMMUNITY_CUES}
_CASES = [(name, text) for name, case in PARAPHRASES.items() for text in case["match"]]
_MISSES = [(name, text) for name, case in PARAPHRASES.items() for text in case["near_miss"]]


def test_every_new_rule_has_paraphrases_and_near_misses():
    assert set(PARAPHRASES) == {rule.name for rule in MORE_CUES}
    assert all(rule in COMMUNITY_CUES for rule in MORE_CUES)
    for case in PARAPHRASES.values():
        assert len(case["match"]) >= 2 and case["near_miss"]


@pytest.mark.parametrize("name, text", _CASES)
def test_each_rule_reads_its_paraphrases_and_the_engine_finds_them(engine, name, text):
    assert _reads(_RULES[name].pattern, text), (name, text)
    assert _commercial(engine, text), text


@pytest.mark.parametrize("name, text", _MISSES)
def test_each_rule_passes_its_near_misses(engine, name, text):
    assert not _reads(_RULES[name].pattern, text), (name, text)
    assert _commercial(engine, text) == [], text


@pytest.mark.parametrize("text", ORDERS["match"])
def test_a_private_message_beside_a_price_or_an_order_is_an_order(engine, text):
    assert _reads(_RULES["orders, in a community language"].pattern, text), text
    assert _commercial(engine, text), text


@pytest.mark.parametrize("text", ORDERS["near_miss"])
def test_a_bare_write_to_me_is_not_an_order(engine, text):
    assert not _reads(_RULES["orders, in a community language"].pattern, text), text
    assert _commercial(engine, text) == [], text


@pytest.mark.parametrize("text", [t for texts in HARD_NEGATIVES.values() for t in texts])
def test_warnings_lost_items_requests_praise_the_pta_news_and_children_are_not_commercial(engine, text):
    assert _commercial(engine, text) == [], text


@pytest.mark.parametrize("text", ENGLISH_SUBSCRIBE)
@pytest.mark.xfail(strict=True, reason="commercial.py's English 'subscribe' cue reads romanised Urdu and Bengali")
def test_a_child_who_subscribed_in_romanised_urdu_or_bengali(engine, text):
    assert _commercial(engine, text) == [], text


@pytest.mark.parametrize("text", [
    "To nie oszustwo! Gwarantowany zysk 10% co tydzień",          # "not a scam" is what the scheme says
    "Não é golpe, lucro garantido todos os dias",
    "Dolandırıcılık değil, garantili kazanç",
])
def test_a_scheme_that_says_it_is_no_scam_is_still_found(engine, text):
    assert _commercial(engine, text), text


def test_a_trader_answering_a_request_is_vetoed_only_in_the_asking_post(engine):
    assert _commercial(engine, "Szukam kogoś, kto wykonuje manicure hybrydowy w Corby") == []
    assert _commercial(engine, "Wykonuję manicure hybrydowy w Corby, zapraszam")
    assert _commercial(engine, "Szukamy pracowników na magazyn, wypłata co tydzień")  # "we seek" is hiring
