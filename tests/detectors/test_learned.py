"""The shipped learned scorers: integrity against their cards, offline loading, and behaviour on invented comments.

Every sentence here was written for this test (in no data set). Thresholds are coarse on purpose: the models are
retrained from data, so the tests assert orderings and wide margins, not exact numbers.
"""

from __future__ import annotations

import json
import shutil
import socket

import pytest

from detectors.child_safety_model import MODEL_NAME as CHILD_SAFETY_MODEL
from detectors.learned import MODEL_NAMES, LearnedModel, ModelIntegrityError, models_dir, sha256_of

ABUSIVE = [
    "that teacher is a useless fat cow and everyone hates her",
    "the head is a lying pig and a total idiot",
    "your son is a thick little retard",
    "shut up you stupid bitch nobody cares",
    "go back to your own country you filthy immigrants",
    "ten nauczyciel to skończony idiota i debil",  # Polish
    "ty jesteś głupia krowa, spierdalaj",  # Polish
    "profesoara asta e o proasta si o vaca",  # Romanian
    "esti un prost si un idiot, taci din gura",  # Romanian
    "ye teacher bilkul pagal aur bewakoof hai, harami",  # Roman Urdu
    "tu bohat ghatiya insaan hai, kutta kamina",  # Roman Urdu
]
ORDINARY = [
    "Well done to Year 6 on a brilliant sports day!",
    "What time does the school trip coach leave on Friday?",
    "I am disappointed the parents evening was cancelled at short notice, could you let us know the new date?",
    "The car park was chaos again this morning, please could staff direct traffic",
    "you should dye your hair pink for charity day",
    "Customer Service cum Accounts assistant needed at the school office",
    "Shuffling with LMFAO at the school disco was hilarious",
    "Lovely photos of the nativity play, thank you",
    "Congratulations to the netball team on reaching the county final",
    "Dziękuję za piękny koncert dzieci",  # Polish: thank you for the children's lovely concert
    "Multumesc pentru informatii, copiii s-au distrat",  # Romanian: thanks for the information, the children had fun
    "bohat acha program tha, shukriya teachers",  # Roman Urdu: it was a very good programme, thank you teachers
    "is it a half day on friday bc of the inset? cos nobody told us",  # text-speak "because"
    "the deputy said the coach leaves at 8 so be early",  # a role alone is not a target of abuse
    "sir said they can wear pink on friday for charity",
]
PROMOTION = [
    "Earn £500 a day from home! DM me for details",
    "Check out my channel and subscribe for free giveaways",
    "Make money online with my simple trading plan, message me now",
    "Follow my page for cheap followers and likes",
]


@pytest.fixture(scope="module")
def abuse() -> LearnedModel:
    return LearnedModel.load("abuse")


@pytest.fixture(scope="module")
def commercial() -> LearnedModel:
    return LearnedModel.load("commercial")


@pytest.mark.parametrize("name", [*MODEL_NAMES, CHILD_SAFETY_MODEL])
def test_each_shipped_file_matches_the_hash_and_size_on_its_card(name: str) -> None:
    card = json.loads((models_dir() / f"{name}.json").read_text(encoding="utf-8"))
    model_file = models_dir() / card["model_file"]["name"]
    assert sha256_of(model_file) == card["model_file"]["sha256"]
    assert model_file.stat().st_size == card["model_file"]["bytes"] < 5_000_000
    assert card["data_files"] and all(len(entry["sha256"]) == 64 for entry in card["data_files"])
    assert len(card["reliability_table"]) == 10


@pytest.mark.parametrize("name", [*MODEL_NAMES, CHILD_SAFETY_MODEL])
def test_models_load_and_score_with_the_network_blocked(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert 0.0 <= LearnedModel.load(name).score("Thank you for the lovely assembly") <= 1.0


def test_a_model_file_that_differs_from_its_card_is_refused(tmp_path) -> None:
    for suffix in (".npz", ".json"):
        shutil.copy(models_dir() / f"abuse{suffix}", tmp_path / f"abuse{suffix}")
    data = bytearray((tmp_path / "abuse.npz").read_bytes())
    data[-100] ^= 0xFF
    (tmp_path / "abuse.npz").write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError):
        LearnedModel.load("abuse", folder=tmp_path)


@pytest.mark.parametrize("text", ABUSIVE)
def test_clearly_abusive_comments_score_high(abuse: LearnedModel, text: str) -> None:
    assert abuse.score(text) > 0.5


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_school_comments_score_low_for_abuse(abuse: LearnedModel, text: str) -> None:
    # under the learned layer's lowest minimum (the model judges only what it finds more likely than not), so
    # the model alone never makes a finding of these
    assert abuse.score(text) < 0.5


def test_every_abusive_comment_outranks_every_ordinary_one(abuse: LearnedModel) -> None:
    assert min(abuse.score_many(ABUSIVE)) > max(abuse.score_many(ORDINARY))


@pytest.mark.parametrize("text", PROMOTION)
def test_promotion_scores_high_and_above_every_ordinary_comment(commercial: LearnedModel, text: str) -> None:
    assert commercial.score(text) > 0.5
    assert commercial.score(text) > max(commercial.score_many(ORDINARY + ABUSIVE))


@pytest.mark.parametrize("text", ORDINARY + ABUSIVE)
def test_ordinary_comments_and_insults_are_not_promotion(commercial: LearnedModel, text: str) -> None:
    assert commercial.score(text) < 0.2


def test_score_many_agrees_with_score(abuse: LearnedModel) -> None:
    texts = ABUSIVE[:3] + ORDINARY[:3] + [""]
    assert abuse.score_many(texts) == pytest.approx([abuse.score(text) for text in texts], abs=1e-5)
    assert abuse.score_many([]) == []


# A gap of the first models (no threat data among the permissive public sets), closed on 2026-11-30 once the
# invented school comments held enough veiled threats in ordinary words.
def test_threats_in_ordinary_words_since_the_school_comments_held_enough(abuse: LearnedModel) -> None:
    assert abuse.score("I know where you live and you will regret it") > 0.5


def test_plain_discount_advertising_is_promotion_since_the_school_comments_joined_the_training(
        commercial: LearnedModel) -> None:
    assert commercial.score("Get 50% off all tutoring packages this week, link in bio") > 0.5


@pytest.mark.parametrize("written, romanised", [
    ("Zażółć gęślą jaźń", "Zazolc gesla jazn"),            # Polish with and without its letters
    ("привіт усім, дякую", "privit usim, dyakuyu"),          # Ukrainian in Cyrillic and as typed in Latin
    ("Bore da i bawb, diolch yn fawr", "Bore da i bawb, diolch yn fawr"),
])
def test_character_features_read_a_script_and_its_romanisation_alike(written: str, romanised: str) -> None:
    from detectors.learned import CHAR_FEATURES, featurise

    both = featurise([written, romanised])
    chars, words = both[:, :CHAR_FEATURES].toarray(), both[:, CHAR_FEATURES:].toarray()
    assert float(chars[0] @ chars[1]) == pytest.approx(1.0, abs=1e-5), "characters are taken transliterated"
    if written != romanised:
        assert float(words[0] @ words[1]) < 0.5, "words keep their own spelling"


def test_an_emoji_is_read_by_its_name() -> None:
    from detectors.learned import CHAR_FEATURES, featurise

    both = featurise(["🖕", "middle finger"])[:, :CHAR_FEATURES].toarray()
    assert float(both[0] @ both[1]) > 0.5


@pytest.mark.parametrize("text, read", [
    ("thank you Mrs Patel and Mr. Jones", "thank you staffrole and staffrole"),
    ("the deputy head and the deputy", "the staffrole and the staffrole"),
    ("sir said ok, Miss Kelly too", "staffrole said ok, staffrole too"),
    ("I miss the kids so much", "I miss the kids so much"),     # "miss" as a verb stays
    ("late bc of the bus, coz it broke", "late because of the bus, because it broke"),
    ("she'd go if they're free", "she would go if they are free"),
])
def test_who_is_named_and_text_speak_are_read_as_neutral_words(text: str, read: str) -> None:
    from detectors.learned import neutralise

    assert neutralise(text) == read
