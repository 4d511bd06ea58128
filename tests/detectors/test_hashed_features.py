"""The learned models' hashed features are scikit-learn's, made without importing scikit-learn.

The shipped weights were fitted on ``HashingVectorizer`` features; :mod:`detectors.hashed_features` must give the
same matrix, bucket for bucket and value for value, or every learned score would drift silently. scikit-learn is
still installed (``training/`` fits with it), so the test compares the two directly. The texts are invented here:
ordinary comments, other scripts, emoji, odd spacing, invisible characters and a very long word.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from sklearn.feature_extraction.text import HashingVectorizer

from detectors.hashed_features import HashedNgrams, char_wb_ngrams, word_ngrams

TEXTS = [
    "Well done to everyone in the Year 4 choir, what a lovely afternoon",
    "omg that kid in the middle lol 😂😂 get him on bgt",
    "Zażółć gęślą jaźń — dziękujemy pani Nowak!",
    "بارك الله فيكم على الرحلة",
    "Браво, Калоян! 🎉",
    "ei\u200bdiot with a zero-width space, and a soft\u00adhyphen",
    "  leading and   trailing\tspaces\n\nand lines  ",
    "a", "", " ", "x" * 2000, "ab cd ef gh " * 50,
    "BUY NOW!!! 50% OFF at shop.example.com/deals?id=7",
    "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
]

FAMILIES = [
    ({"analyzer": "char_wb", "ngram_range": (2, 5), "n_features": 2**18}, {}),
    ({"analyzer": "char_wb", "ngram_range": (2, 4), "n_features": 2**17}, {}),
    ({"analyzer": "word", "ngram_range": (1, 2), "n_features": 2**20}, {"token_pattern": r"(?u)\b\w+\b"}),
    ({"analyzer": "word", "ngram_range": (1, 1), "n_features": 2**10}, {}),
    ({"analyzer": str.split, "ngram_range": (1, 1), "n_features": 2**16}, {"lowercase": False}),
]


@pytest.mark.parametrize(("family", "extra"), FAMILIES)
def test_the_features_equal_scikit_learns_hashing_vectorizer(family, extra):
    theirs = HashingVectorizer(alternate_sign=False, norm="l2", dtype=np.float32, **family, **extra)
    ours = HashedNgrams(family["analyzer"], family["n_features"], ngram_range=family["ngram_range"], **extra)
    a, b = theirs.transform(TEXTS), ours.transform(TEXTS)
    a.sort_indices()
    b.sort_indices()
    assert b.shape == a.shape and b.dtype == np.float32
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def test_a_short_word_gives_itself_once_and_word_pairs_join_with_a_space():
    assert char_wb_ngrams("a", 2, 5) == [" a", "a ", " a "]
    assert word_ngrams(["my", "son", "alfie"], 1, 2) == ["my", "son", "alfie", "my son", "son alfie"]


def test_a_text_with_no_term_is_a_row_of_zeros_not_an_error():
    rows = HashedNgrams("word", 2**8).transform(["!!!", "hello there"])
    assert rows[0].nnz == 0 and rows[1].nnz == 2
    assert np.isclose(np.linalg.norm(rows[1].toarray()), 1.0)


def test_scoring_with_the_learned_models_does_not_import_scikit_learn():
    code = ("import sys; from detectors.learned import shipped_model; "
            "from detectors.names_context_model import shipped; "
            "shipped_model('abuse').score('you are a joke'); shipped().probability('my son Alfie won', 7, 12);"
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
