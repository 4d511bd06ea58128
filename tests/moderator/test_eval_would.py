"""``moderator eval`` on a set without labels: the share of ordinary items that would be hidden, held or alerted."""

from __future__ import annotations

import json

from click.testing import CliRunner

from moderator import evaluation
from moderator.cli import cli

ITEMS = [
    "Lovely photos from the harvest festival, thank you all",
    "you are a stupid f*cking idiot and everyone knows it",  # obscene abuse: hidden (a plain insult is held)
    "Buongiorno, la gita al museo è venerdì prossimo? Grazie mille",
    "the one on the left is looking very grown up, dm me",
    "What time does the coffee morning start on Friday?",
]


def _unlabelled_set(tmp_path):
    (tmp_path / "school.toml").write_text('name = "Harbour Lane Primary"\n', encoding="utf-8")
    (tmp_path / "items.jsonl").write_text(
        "".join(json.dumps({"id": f"u{n}", "kind": "comment", "author": "public", "text": t}) + "\n"
                for n, t in enumerate(ITEMS)), encoding="utf-8")
    return tmp_path


def test_the_shares_of_items_hidden_held_and_alerted_are_measured(tmp_path, nlp):
    es = evaluation.load_set(_unlabelled_set(tmp_path))
    would = evaluation.evaluate(es, "unused", nlp=nlp)["would"]
    assert would["all"] == would["clean"], "without labels every item counts as ordinary"
    # the insult and the predatory remark are hidden; only the predatory remark (child safety) pages the DSL;
    # the Italian question is held as not understood
    assert would["clean"] == {"items": 5, "hide": 0.4, "hold": 0.2, "alert": 0.2}


def test_eval_prints_them(tmp_path):
    out = CliRunner().invoke(cli, ["eval", str(_unlabelled_set(tmp_path))]).output
    assert "items labelled clean (5): the default policy would hide 40.0%, hold 20.0%, alert the DSL about 20.0%" in out
