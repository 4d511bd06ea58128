"""Language identification on invented comments: real py3langid, no stand-in."""

from __future__ import annotations

import pytest

from detectors.language import DETECTOR_LANGUAGES, UNDETERMINED, LanguageIdentifier, coverage

IDENT = LanguageIdentifier()

KNOWN = [
    ("en", "Can someone tell me what time the school closes on Friday please"),
    ("cy", "Diolch yn fawr i'r athrawon am eu gwaith caled eleni"),
    ("pl", "Czy ktoś wie o której godzinie kończą się lekcje w piątek"),
    ("ro", "Știe cineva la ce oră se termină școala vineri"),
    ("ur", "کیا کسی کو معلوم ہے کہ جمعہ کو اسکول کب بند ہوتا ہے"),
    ("ar", "هل يعرف أحد متى تنتهي الدروس يوم الجمعة"),
    ("bn", "শুক্রবার স্কুল কখন ছুটি হয় কেউ কি জানেন"),
    ("pt", "Alguém sabe a que horas acabam as aulas na sexta-feira"),
    ("so", "Qof ma ogyahay goorma ayuu dugsigu xirmayaa Jimcaha"),
    ("es", "Alguien sabe a qué hora terminan las clases el viernes"),
    ("lt", "Gal kas žino, kada penktadienį baigiasi pamokos"),
]

UNDETERMINED_TEXTS = ["😂😂😂", "👍", "ok", "lol", "Amelia Hartley", "https://example.org/page",
                      "@someone #sportsday", "🔥🔥 nice", "Mr Hughes x", ""]


@pytest.mark.parametrize(("code", "text"), KNOWN)
def test_each_community_language_is_identified_confidently(code, text):
    guess = IDENT.identify(text)
    assert (guess.code, guess.determined) == (code, True), guess
    assert guess.confidence >= 0.7


@pytest.mark.parametrize("text", UNDETERMINED_TEXTS)
def test_short_texts_emoji_names_and_links_are_undetermined(text):
    assert IDENT.identify(text).code == UNDETERMINED


ROMAN_URDU = [
    "kya kisi ko pata hai jummay ko school kab band hota hai",
    "yaar ye trip bohat acha tha, bachay bohat khush thay",
    "bhai kal parents evening hai ya nahi?",
    "meri beti ko homework samajh nahi aaya, koi help kar sakta hai",
]
NOT_ROMAN_URDU = [
    ("en", "Ko and Ki from Year 2 had a great time at the park with their mum"),
    ("en", "I have to say the main hall looked lovely for the summer fair"),
    ("so", "Waxaan ka helay warqadda, mahadsanid macallinka"),
    ("so", "Carruurta ayaa ka soo laabtay safarka, aad baad u mahadsan tihiin"),
]


@pytest.mark.parametrize("text", ROMAN_URDU)
def test_roman_script_urdu_is_reported_as_urdu(text):
    # py3langid has no Roman-script Urdu/Punjabi: function words ("kya", "hai", "nahi") tell it
    assert IDENT.identify(text).code == "ur"


@pytest.mark.parametrize(("code", "text"), NOT_ROMAN_URDU)
def test_roman_urdu_cue_does_not_steal_english_or_somali(code, text):
    assert IDENT.identify(text).code == code


def test_every_language_with_a_lexicon_is_judged_and_its_coverage_said():
    assert {"en", "cy", "pl", "ro", "ur", "ar", "so", "pt", "es", "lt", "bn"} <= DETECTOR_LANGUAGES
    cover = coverage()
    assert cover["en"] == "lexicon+model" and cover["cy"] == "lexicon"
    assert all(cover[code] for code in DETECTOR_LANGUAGES)


def test_links_and_mentions_do_not_count_as_words():
    assert IDENT.identify("@ab @cd https://example.org/x www.example.org").code == UNDETERMINED
    assert IDENT.identify("Dziękujemy bardzo za wspaniały dzień @school https://example.org").code == "pl"
