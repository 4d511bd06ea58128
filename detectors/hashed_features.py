"""Hashed n-gram features, exactly as scikit-learn's ``HashingVectorizer`` makes them, without importing it.

The learned models (:mod:`detectors.learned`, :mod:`detectors.names_context_model`) read hashed character and word
n-grams. Importing scikit-learn to make them cost every process about 66 MB of memory (its import pulls in most of
SciPy and joblib), a seventh of the daemon's budget, for a few lines of arithmetic. This module makes the same
features: the same n-grams (characters within words padded by a space, word uni- and bigrams by the same token
pattern, or a given analyser), each hashed with MurmurHash3 (32-bit, seed 0, of its UTF-8 bytes; the ``mmh3``
package, which scikit-learn's own ``murmurhash3_32`` matches), bucket ``abs(hash) % n_features``, counts summed
and each row scaled to unit length. The weights shipped with the package read them unchanged; a test compares the
two on many texts. scikit-learn stays a training dependency (``training/``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import mmh3
import numpy as np
import scipy.sparse as sp

_WHITE_SPACES = re.compile(r"\s\s+")


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams of ``low``..``high`` letters within each word padded with a space on both sides.

    A word shorter than an n-gram gives itself once ("a" gives " a " for every n from 3).
    """
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:
                grams.append(padded)
                break
            grams.extend(padded[i:i + n] for i in range(size - n + 1))
    return grams


def word_ngrams(tokens: list[str], low: int, high: int) -> list[str]:
    """The tokens' n-grams of ``low``..``high`` words, joined by one space."""
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return grams


class HashedNgrams:
    """One family of hashed features: ``analyzer`` is "char_wb", "word" or a function from a text to its terms."""

    def __init__(self, analyzer: str | Callable[[str], list[str]], n_features: int,
                 ngram_range: tuple[int, int] = (1, 1), lowercase: bool = True,
                 token_pattern: str = r"(?u)\b\w\w+\b") -> None:
        if not callable(analyzer) and analyzer not in ("char_wb", "word"):
            raise ValueError(f"unknown analyzer {analyzer!r}")
        self.analyzer, self.n_features, self.ngram_range = analyzer, n_features, ngram_range
        self.lowercase, self._tokens = lowercase, re.compile(token_pattern)

    def terms(self, text: str) -> list[str]:
        """The n-grams of one text (a given analyser reads the text as written, as scikit-learn's does)."""
        if callable(self.analyzer):
            return self.analyzer(text)
        if self.lowercase:
            text = text.lower()
        low, high = self.ngram_range
        if self.analyzer == "char_wb":
            return char_wb_ngrams(text, low, high)
        return word_ngrams(self._tokens.findall(text), low, high)

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """A row of float32 features per text, each row of unit length (all zero for a text with no term)."""
        hashes: list[int] = []
        indptr = [0]
        hash32 = mmh3.hash
        for text in texts:
            hashes.extend(hash32(term, 0, True) for term in self.terms(text))
            indptr.append(len(hashes))
        indices = np.abs(np.asarray(hashes, dtype=np.int64)) % self.n_features
        counts = np.ones(len(indices), dtype=np.float32)
        matrix = sp.csr_matrix((counts, indices.astype(np.int32), np.asarray(indptr, dtype=np.int32)),
                               shape=(len(indptr) - 1, self.n_features), dtype=np.float32)
        matrix.sum_duplicates()
        lengths = np.diff(matrix.indptr)
        squares = np.add.reduceat(matrix.data.astype(np.float64) ** 2, matrix.indptr[:-1][lengths > 0]) \
            if matrix.nnz else np.zeros(0)
        norms = np.ones(len(lengths))
        norms[lengths > 0] = np.sqrt(squares)
        matrix.data = (matrix.data / np.repeat(norms, lengths)).astype(np.float32)
        return matrix
