"""Child-safety signals in the other languages UK families write, and the idioms and ordinary posts that are not."""

from __future__ import annotations

import pytest

from core.items import Item
from detectors.base import SchoolContext
from detectors.engine import DetectorEngine


@pytest.fixture(scope="module")
def engine(nlp):
    return DetectorEngine(SchoolContext(name="Ysgol Glan Tywi"), nlp=nlp, labels=("abuse",))


def _signal(engine, text):
    found = engine.analyze_text(Item("instagram", "c1", "comment", False, text)).findings
    return next((f.details.get("signal") for f in found if f.details.get("subtype") == "child_safety"), None)


@pytest.mark.parametrize("text, signal", [
    ("taka śliczna jesteś, napisz do mnie", "private_contact"),
    ("esti foarte draguta, scrie-mi pe privat", "private_contact"),
    ("ti'n ddel iawn, anfon neges ata i", "private_contact"),
    ("tum bohat sohni ho, inbox karo", "private_contact"),
    ("eres muy linda, mándame un dm", "private_contact"),
    ("você é muito linda, me chama no privado", "private_contact"),
    ("tu labai graži, parašyk man", "private_contact"),
    ("ur so pretty, pisz na priv", "private_contact"),
    ("chcę się zabić, nie wytrzymam już w tej szkole", "disclosure"),
    ("ojczym mnie bije kiedy mamy nie ma", "disclosure"),
    ("mi-e frică să merg acasă după școală", "disclosure"),
    ("dwi isio marw, plis helpwch fi", "disclosure"),
    ("ghar jane se darr lagta hai", "disclosure"),
    ("tengo miedo de volver a casa", "disclosure"),
    ("o meu padrasto me bate", "disclosure"),
    ("noriu mirti, niekas manęs nesupranta", "disclosure"),
    ("gabadh qurux badan, fariin gaar ah ii soo dir", "private_contact"),
    ("immisa jir baad tahay? lambarkaaga ii soo dir", "private_contact"),
    ("aabbahay wuu i garaacaa habeen walba", "disclosure"),
    ("يا حلوة، راسليني على الخاص", "private_contact"),
    ("كم عمرك؟ اعطيني رقمك", "private_contact"),
    ("أبي يضربني كل يوم ولا أحد يعرف", "disclosure"),
    ("dwi ofn mynd adra heno", "disclosure"),
])
def test_a_signal_in_another_language_is_found_and_named(engine, text, signal):
    assert _signal(engine, text) == signal


@pytest.mark.parametrize("text", [
    "chce umrzec ze smiechu, najlepszy apel w historii",
    "quiero morirme de risa con el baile de los niños",
    "quero morrer de rir com a peça de teatro",
    "Pisz na priv jeśli chcesz kupić bilety na festyn",
    "que linda a apresentação das crianças!",
    "Diolch i bawb, roedd y plant yn ddel iawn yn eu gwisgoedd",
    "scrie-mi pe privat daca vrei detalii despre excursie",
    "gabadhayda yar waa qurux badan, aad baan ugu faanayaa",
    "fariin ii soo dir haddii aad rabto keega, 5 gini",
    "الله يحفظها، يا قمر ما شاء الله",
    "راسلني إذا تبي كيك للحفلة",
    "كم عمر المدرسة؟ مبنى جميل",
])
def test_idioms_and_ordinary_posts_are_not_child_safety(engine, text):
    assert _signal(engine, text) is None
