"""commercial: selling, services, recruitment, schemes, self-promotion and campaigns; the school's
own events and fundraising pass (real spaCy model)."""

from __future__ import annotations

import pytest

from detectors.commercial import CommercialDetector
from tests.detectors.conftest import detector_fixture
from tests.detectors.conftest import findings as _findings

detector = detector_fixture(CommercialDetector)


@pytest.mark.parametrize("promo, ordinary", [
    ("Selling 2 tickets for the panto, £15 each ono",                               # selling
     "Does anyone know if there are tickets left for the panto?"),
    ("Handmade teacher gifts on my Etsy shop, 15% off with code THANKYOU etsy.com/shop/ExampleGifts",
     "Got the teacher's present from a shop in town, hope she likes it"),
    ("I do face painting for birthdays and parties, inbox me for prices",           # services for hire
     "The face painting at the fair was brilliant, thank you!"),
    ("Qualified maths tutor available for KS2 and 11+, DBS checked",                # tutoring
     "Is there a maths club for Year 5 this term?"),
    ("Be your own boss! Join my team and work from home around school runs",        # MLM
     "Does the school need any volunteers to help at home time?"),
    ("Bitcoin is going to the moon, join my Telegram group for signals",            # crypto
     "The moon topic in Year 2 has been amazing"),
    ("Check out my YouTube channel for kids' craft ideas youtube.com/@ExampleCrafts",  # self-promotion
     "Lovely crafts in Year 1 today"),
    ("Please sign my petition to reopen the leisure centre pool",                   # petition
     "Will swimming lessons still go ahead this term?"),
    ("Please donate to my gofundme for my marathon, gofundme.com/f/example-run",   # crowdfunding
     "Good luck to everyone running the school fun run!"),
    ("Get 1000 real followers for your page, cheap!! example.com/boost",             # follower selling
     "Follow the school's page for updates on closures"),
    ("Private tuition for GCSE maths, £30/hr, message me for details",               # secondary-age tutoring
     "Are there any GCSE maths revision sessions after school?"),
])
def test_promotion_is_found_and_ordinary_comments_are_not(detector, nlp, promo, ordinary):
    assert _findings(detector, nlp, promo), promo
    assert _findings(detector, nlp, ordinary) == [], ordinary


@pytest.mark.parametrize("text", [
    "🍰 PTA Cake Sale this Friday! All cakes 50p to £1, every penny goes to the new playground.",
    "Christmas Jumper Day on Friday: please send in a £1 donation for Save the Children.",
    "Huge thanks to Example Books for their generous donation to our new library!",
    "Tickets for the Summer Fair raffle are £1 each from the office, all proceeds go to the PTA.",
])
def test_the_schools_own_events_and_fundraising_are_not_commercial(detector, nlp, text):
    assert _findings(detector, nlp, text, by_school=True) == [], text


def test_the_pta_cake_sale_is_not_commercial_even_shared_by_a_parent(detector, nlp):
    text = "PTA cake sale on Friday after school, every penny goes to the school library!"
    assert _findings(detector, nlp, text) == []


def test_explanation_names_the_cue(detector, nlp):
    [finding] = _findings(detector, nlp, "Selling my son's old bike, £40 ono, inbox me")
    assert finding.explanation.startswith("Commercial (selling)")
    assert "selling" in finding.explanation
    assert finding.rule
    assert 0 <= finding.start < finding.end


def test_a_link_alone_is_not_promotion_but_a_shop_or_fundraising_page_is(detector, nlp):
    # where an ordinary link leads is the unsafe_link detector's judgement, not a sign of promotion
    assert _findings(detector, nlp, "https://example.com/some-page") == []
    assert _findings(detector, nlp, "Is the menu on example.org/menu the new one for this term?") == []
    assert _findings(detector, nlp, "https://www.etsy.com/shop/ExampleCrafts")
    assert _findings(detector, nlp, "gofundme.com/f/example-appeal")


@pytest.mark.parametrize("promo, ordinary", [
    ("Selling uniform bundle, 2 jumpers and a PE kit, £20 the lot",                  # sentence-initial selling
     "Is the uniform shop selling PE kits this week?"),
    ("Nails £15 this week only at my home salon, message for slots",                  # home trade, slots
     "The nail varnish rule for school photos is a bit strict"),
    ("Follow my small business @ExampleBakes for custom birthday cakes",              # small-business promotion
     "Follow the school's page for updates on the trip"),
    ("I've got an amazing opportunity working from home around the kids, drop me a message",  # MLM
     "What an amazing opportunity for the choir to sing at the cathedral"),
    ("Running the 10k for my fundraising page, anything helps https://www.justgiving.com/page/example",
     "Good luck to all the staff running the 10k for the school"),
    ("hot singles near you 😘 t.co/Example1",                                          # dating spam
     "Singing group meets near the hall on Tuesdays"),
])
def test_trades_mlm_fundraising_pages_and_dating_spam(detector, nlp, promo, ordinary):
    assert _findings(detector, nlp, promo), promo
    assert _findings(detector, nlp, ordinary) == [], ordinary


@pytest.mark.parametrize("text", [
    "Prom tickets are £30 each, pay before Friday 🎉",                               # the school's own event
    "You can watch it again on the school's YouTube: https://www.youtube.com/@ExampleSchool",
    "Download the school app from the app store",
    "All the term dates here: https://example.org/term-dates",                        # a captioned link
])
def test_school_events_and_captioned_links_are_not_commercial(detector, nlp, text):
    assert _findings(detector, nlp, text) == [], text


@pytest.mark.parametrize("promo, ordinary", [
    ("Gutters cleared before winter, booking up fast, mention this page for £15 off",  # money off a trade
     "The bus was £15 last year, is it the same?"),
    ("Want to earn from your phone? I paid off my credit card in 4 months, comment 'INFO'",  # MLM
     "My phone broke, can someone message me the info about the trip?"),
    ("Lonely? meet single mums tonight 💋 https://meet-now.example",                    # dating spam
     "Meet the new staff at the coffee morning tonight"),
    ("Mums win big this week https://lucky-bingo.example/join",                         # gambling site link
     "The PTA bingo night was a big win, thank you all"),
])
def test_money_off_earnings_claims_dating_and_gambling(detector, nlp, promo, ordinary):
    assert _findings(detector, nlp, promo), promo
    assert _findings(detector, nlp, ordinary) == [], ordinary


@pytest.mark.parametrize("text", [
    "Photos from the sports day 👉 bit.ly/Example1",                               # captioned shortener
    "Free colouring sheets http://203.0.113.7/sheets.zip",                        # captioned raw IP
    "Term dates: https://oakfield.example-sch.uk/term",                           # captioned look-alike
])
def test_captioned_lures_are_unsafe_links_not_promotion(detector, nlp, text):
    assert _findings(detector, nlp, text) == [], text


def test_a_pay_per_click_link_is_promotion_whatever_its_caption(detector, nlp):
    assert _findings(detector, nlp, "adf.ly/Ab12Z")
    assert _findings(detector, nlp, "the answers to the homework are here ouo.io/Xy3")
