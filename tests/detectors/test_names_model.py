"""The named_child cue model: the shipped weights match their card, load offline, and are rebuilt by the script."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import pytest

from detectors import names_model
from detectors.names_features import FEATURES
from detectors.names_model import CARD_FILE, MODEL_FILE, CueModel


def _data(name: str) -> bytes:
    return resources.files("detectors.data").joinpath(name).read_bytes()


def test_shipped_weights_match_their_card():
    card = json.loads(_data(CARD_FILE))
    assert card["model_file"]["sha256"] == hashlib.sha256(_data(MODEL_FILE)).hexdigest()
    assert card["trained"] is True
    assert {e["path"] for e in card["data_files"]} >= {"training/synthetic_names/multilingual.jsonl"}


def test_training_files_match_the_card():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    card = json.loads(_data(CARD_FILE))
    for entry in card["data_files"]:
        assert hashlib.sha256((root / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]
    # the public comments and posts read as negatives: each a file that SOURCES.md declares
    sources = (root / "training" / "SOURCES.md").read_text(encoding="utf-8")
    for public in card["public_negatives"]["files"]:
        assert public["sha256"] in sources and public["path"] in sources
    held = card["held_out_schools"]["overall"]
    assert 0 < held["f1"] <= 1 and held["items"] == card["counts"]["items"]


def test_weights_are_plain_numbers_for_known_features():
    data = json.loads(_data(MODEL_FILE))
    assert set(data["weights"]) == set(FEATURES)
    assert all(isinstance(w, (int, float)) for w in data["weights"].values())
    assert isinstance(data["bias"], (int, float))


def test_loads_without_the_network(offline):
    names_model.shipped.cache_clear()
    model = names_model.shipped()
    assert 0.0 < model.score({}) < 0.5  # no cue at all stays under the threshold


def test_scores_are_probabilities_and_cues_raise_them():
    model = names_model.shipped()
    bare = {"how=first_name": 1.0, "on_roster": 1.0}
    with_kin = {**bare, "strong": 1.0, "kin": 1.0}
    assert 0.0 <= model.score(bare) < model.score(with_kin) <= 1.0
    assert model.score(with_kin) >= 0.5


def test_a_weight_for_an_unknown_feature_is_refused():
    with pytest.raises(ValueError, match="unknown features"):
        CueModel({"how=telepathy": 1.0}, 0.0)


def test_the_script_fits_and_writes_a_model_and_card(tmp_path):
    from training import names_model as trainer

    pupils = [{"first": f, "last": "Quillfeather", "preferred": "", "year": "Year 3", "photo_consent": "yes"}
              for f in ("Odalys", "Ferdie", "Wrenna", "Tobiah")]
    lines = []
    for s in ("s1", "s2"):
        lines.append({"type": "school", "school": s, "name": f"Invented {s}", "staff": ["Mrs Brackwater"],
                      "classes": ["Kestrels"], "houses": [], "pupils": pupils})
        for first in ("Odalys", "Ferdie", "Wrenna", "Tobiah"):
            lines.append({"type": "item", "school": s, "text": f"my daughter {first} in Kestrels loved it",
                          "author": "public", "photo": False, "named_child": True, "names": [first]})
            lines.append({"type": "item", "school": s, "text": f"Mrs Brackwater read {first} and the Moon",
                          "author": "public", "photo": False, "named_child": False, "names": []})
    data = tmp_path / "data"
    data.mkdir()
    (data / "invented.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert trainer.main(["--data", str(data), "--out", str(out)]) == 0
    card = json.loads((out / CARD_FILE).read_text(encoding="utf-8"))
    assert card["model_file"]["sha256"] == hashlib.sha256((out / MODEL_FILE).read_bytes()).hexdigest()
    assert card["data_files"][0]["sha256"] == hashlib.sha256((data / "invented.jsonl").read_bytes()).hexdigest()
    assert card["held_out_schools"]["folds"] == 2
    from detectors.names_context_model import ContextModel

    reader = ContextModel.load(out)  # the context reader is written beside the weights, its card checked on load
    assert 0.0 <= reader.probability("my daughter Odalys in Kestrels", 12, 18) <= 1.0
    model = CueModel.from_json(json.loads((out / MODEL_FILE).read_text(encoding="utf-8")))
    assert model.score({"how=first_name": 1.0, "on_roster": 1.0, "strong": 1.0, "kin": 1.0}) >= 0.5
