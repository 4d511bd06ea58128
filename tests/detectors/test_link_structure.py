"""Links judged by structure: hosts on any public suffix, generated brand look-alikes, risk features.

Every case is invented; the brands are real names phishers use against UK families, the hosts are not.
"""

from __future__ import annotations

import pytest

from detectors.link_extract import LinkFinder
from detectors.link_permutations import variants
from detectors.unsafe_link import UnsafeLinkDetector
from tests.detectors.conftest import detector_fixture
from tests.detectors.conftest import findings as _findings

detector = detector_fixture(UnsafeLinkDetector)


@pytest.fixture(scope="module")
def finder():
    return LinkFinder()


@pytest.mark.parametrize("text, host", [
    ("Check your payment at gov-uk.cost-of-living.help today", "gov-uk.cost-of-living.help"),  # 3 labels, .help
    ("Results day help: ucas-clearing.co", "ucas-clearing.co"),                                # hyphenated, .co
    ("new menu on lunch-club.cafe", "lunch-club.cafe"),                                        # a newer gTLD
    ("visit xn--80ak6aa92e.com now", "xn--80ak6aa92e.com"),                                    # punycode
    ("visit пример.рф now", "пример.рф"),                                                      # Unicode IDN
    ("see xn--e1afmkfd.xn--p1ai", "xn--e1afmkfd.xn--p1ai"),                                    # punycode suffix
])
def test_bare_hosts_on_any_public_suffix_are_found(finder, text, host):
    assert [link.host for link in finder.find(text)] == [host]


@pytest.mark.parametrize("text", [
    "Bring your PE kit, e.g. shorts and a t-shirt",
    "Thanks Mr.Smith and Mrs.Jones for a lovely day",
    "Pick-up is at 3.30pm on Friday",
    "The letter.pdf and the consent form are attached",
    "I zipped it as photos.zip and sent main.py too",
    "Did they go? yes.no idea really",
    "the kids were so happy.so proud of them",
    "What a great day.live music was the best bit",
])
def test_ordinary_text_with_dots_is_not_a_link(finder, text):
    assert finder.find(text) == [], text


@pytest.mark.parametrize("text", [
    "Your UCAS offer is waiting, confirm at ucas-confirm.example.com",           # brand + action word
    "Clearing places left: ucass.com/apply",                                      # UCAS doubled letter
    "HMRC tax rebate due, claim at hmrc-rebate.online",
    "hmrcrefund.co.uk/start to get your money back",                              # joined brand + action
    "NHS covid pass update: nhs-verify.info",
    "DVLA: your vehicle tax failed, pay at dvla-payment.net",
    "Royal Mail: parcel on hold, royalmail-redelivery.com",
    "royal-mail.org.uk/fee for your parcel",                                      # hyphen put in
    "GOV.UK cost of living payment: govuk-claim.site",
    "Dinner money overdue: parent-pay.co.uk/login",                               # hyphen put in
    "Evri missed you: evri-reschedule.top",
    "DPD parcel fee dpd-parcel.help/track",
    "TV Licensing refund: tvlicensing-refund.com",
    "Barclays alert: barclays-secure.net/login",
    "Lloyds: verify at lloyds-account-verify.com",
    "NatWest: natvvest.com/signin",                                               # vv for w
    "Santander: santandder.co.uk",                                                # doubled letter
    "Halifax security check halifax-security.uk",
    "Nationwide: nationwlde.co.uk/login",                                         # l for i
])
def test_phishing_look_alikes_of_uk_brands_are_flagged(detector, nlp, text):
    found = _findings(detector, nlp, text)
    assert found and found[0].details["rule"] in ("lookalike", "impersonation"), text


@pytest.mark.parametrize("text", [
    "Apply through https://www.ucas.com/undergraduate",
    "Tax help is on www.gov.uk/browse/tax and hmrc.gov.uk",
    "Book on https://www.nhs.uk/nhs-services/ or call 111",
    "Your GP surgery email ends in nhs.net",
    "Renew at https://www.dvla.gov.uk/vehicle-tax",
    "Track it on royalmail.com/track-your-item",
    "Pay the trip on https://www.parentpay.com",
    "Evri delivered it: evri.com/track",
    "Free school meals: https://www.derbyshire.gov.uk/free-school-meals",
    "TV licence: tvlicensing.co.uk",
])
def test_official_uk_sites_pass(detector, nlp, text):
    assert _findings(detector, nlp, text) == [], text


@pytest.mark.parametrize("text", [
    "verify-account-now.xyz/login",                      # action word, cheap suffix, hyphens, login path
    "Unlock your prize at secure-billing24.top",
    "xkqzvtrbnw.click/payment",                          # random label, cheap suffix, payment path
    "Darmowe bony dla rodzin: darmowe-bony.top/szkola",  # Polish "free vouchers", cheap suffix
    "Ganhe já: ganhe-premio.xyz",                        # Portuguese "win a prize", cheap suffix
    "free skins for kids, verify age: skins-kids.gift/claim",  # a lure for children, a claim path
])
def test_unknown_hosts_with_several_risk_features_are_flagged(detector, nlp, text):
    found = _findings(detector, nlp, text)
    assert found and found[0].details["rule"] in ("risky", "impersonation"), text


@pytest.mark.parametrize("text", [
    "Spring recipes on garden-tips.example/spring",
    "Our choir's page: choir-club.online",               # one feature only (cheap suffix)
    "Year 6 leavers hoodies from school-hoodies.co.uk",
    "Sports club sign up at https://club.example.org/join",
    "My blog: mumsnotes.blog/login-tips",                 # a login word in the path, nothing else
    "Parking for the fair: gratis-parking.co.uk",        # a lure word in another language, nothing else
])
def test_unknown_hosts_with_one_weak_feature_pass(detector, nlp, text):
    assert _findings(detector, nlp, text) == [], text


def test_look_alikes_are_generated_not_listed():
    made = variants("parentpay")
    assert {"parent-pay", "parentpya", "parentpayy", "parentpa"} <= made
    assert "раrentpay" not in made and "раrentpay"[1:] not in made  # two substitutions are not one variant
    assert "hrnrc" in variants("hmrc") and "nhs" not in variants("nhs")
    assert all(len(v) >= 3 for v in variants("ucas")) and "uca" not in variants("ucas")  # short names keep letters
