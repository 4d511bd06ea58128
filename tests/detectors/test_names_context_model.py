"""The named_child context reader: shipped weights match their card, read the context and never the name.

The sentences here are written for these tests (no evaluation set holds them); every name is invented.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from detectors import names_context_model as ncm
from detectors.names_context_model import CARD_FILE, MODEL_FILE, ContextModel, ContextModelError, window

ROOT = Path(__file__).resolve().parents[2]


def _data_dir() -> Path:
    return Path(str(resources.files("detectors.data")))


def test_shipped_weights_match_their_card_and_training_files():
    card = json.loads((_data_dir() / CARD_FILE).read_text(encoding="utf-8"))
    assert card["model_file"]["sha256"] == hashlib.sha256((_data_dir() / MODEL_FILE).read_bytes()).hexdigest()
    assert card["trained"] is True and card["features_version"] == ncm.FEATURES_VERSION
    for entry in card["data_files"]:
        assert hashlib.sha256((ROOT / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]
    sources = (ROOT / "training" / "SOURCES.md").read_text(encoding="utf-8")
    for public in card["public_negatives"]["files"]:
        assert public["sha256"] in sources and public["path"] in sources
    assert 0 < card["held_out_log_loss"] < 0.69  # better than a coin on candidates of schools it was not fitted on
    assert (_data_dir() / MODEL_FILE).stat().st_size < 1_000_000


def test_loads_without_the_network(offline):
    ncm.shipped.cache_clear()
    assert 0.0 <= ncm.shipped().probability("so proud of Wrenna today", 12, 18) <= 1.0


def test_a_changed_weights_file_is_refused(tmp_path):
    for name in (MODEL_FILE, CARD_FILE):
        shutil.copy(_data_dir() / name, tmp_path / name)
    data = bytearray((tmp_path / MODEL_FILE).read_bytes())
    data[-40] ^= 0xFF
    (tmp_path / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ContextModelError, match="sha256"):
        ContextModel.load(tmp_path)


def test_the_name_itself_never_reaches_the_reader():
    model = ncm.shipped()
    a, b = "well done Odalys for the reading award x", "well done Zbigniewa for the reading award x"
    assert "Odalys" not in window(a, 10, 16)
    assert window(a, 10, 16) == window(b, 10, 19)
    assert model.probability(a, 10, 16) == model.probability(b, 10, 19)


# The same invented name beside a child's context and beside an adult's, in the languages of UK school families.
PAIRS = [
    ("my little girl {} got her swimming badge today", "{} Hargreaves MP opened the new bypass today"),
    ("{} my son you smashed it at sports day", "{} Ventura scored twice for the club last night"),
    ("so proud of our {} in Year 2 💕", "{} Mercer, chair of the council finance committee, resigned"),
    ("mój synek {} dostał dyplom za czytanie", "prezes {} Kowalczyk otworzył nowy sklep"),
    ("meri beti {} ne aaj school mein prize jeeta", "{} Khan ka naya gaana sun liya?"),
    ("ወደይ {} ብዙሕ ጎበዝ እዩ", "{} Haile the singer is touring"),
]


@pytest.mark.parametrize("child, adult", PAIRS)
def test_child_context_reads_higher_than_adult_context(child, adult):
    model = ncm.shipped()
    name = "Tobiah"
    c, a = child.format(name), adult.format(name)
    pc = model.probability(c, c.index(name), c.index(name) + len(name))
    pa = model.probability(a, a.index(name), a.index(name) + len(name))
    assert pc > pa
