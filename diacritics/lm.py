"""Syllable trigram language model: interpolated Kneser-Ney, pruned by count, stored in backoff
form.

Estimation is vectorised with numpy over integer n-gram keys (`(u*V + v)*V + w`); scoring at run
time uses plain dicts of Python ints, which is what the decoder's inner loop needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from diacritics.tokens import SENTENCE_END, SENTENCE_START, UNKNOWN_TOKEN

_LOG_FLOOR = 1e-12


@dataclass(frozen=True)
class NgramArrays:
    """The model as sorted key arrays with natural-log probabilities and backoff weights."""

    vocabulary: list[str]
    unigram_logp: np.ndarray  # [V]
    unigram_backoff: np.ndarray  # [V], backoff weight of the one-word history v
    bigram_keys: np.ndarray  # v*V + w
    bigram_logp: np.ndarray
    history_keys: np.ndarray  # u*V + v of two-word histories that have trigrams
    history_backoff: np.ndarray
    trigram_keys: np.ndarray  # (u*V + v)*V + w
    trigram_logp: np.ndarray

    def save(self, path: Path) -> None:
        """Compact storage: keys as sorted deltas, log-probabilities as float16."""
        np.savez_compressed(
            path,
            vocabulary=np.array("\n".join(self.vocabulary)),
            unigram_logp=self.unigram_logp.astype(np.float32),
            unigram_backoff=self.unigram_backoff.astype(np.float16),
            bigram_keys=_deltas(self.bigram_keys),
            bigram_logp=self.bigram_logp.astype(np.float16),
            history_keys=_deltas(self.history_keys),
            history_backoff=self.history_backoff.astype(np.float16),
            trigram_keys=_deltas(self.trigram_keys),
            trigram_logp=self.trigram_logp.astype(np.float16),
        )

    @classmethod
    def load(cls, path: Path) -> NgramArrays:
        with np.load(path) as stored:
            return cls(
                vocabulary=str(stored["vocabulary"]).split("\n"),
                unigram_logp=stored["unigram_logp"],
                unigram_backoff=stored["unigram_backoff"],
                bigram_keys=np.cumsum(stored["bigram_keys"]),
                bigram_logp=stored["bigram_logp"],
                history_keys=np.cumsum(stored["history_keys"]),
                history_backoff=stored["history_backoff"],
                trigram_keys=np.cumsum(stored["trigram_keys"]),
                trigram_logp=stored["trigram_logp"],
            )


def _deltas(sorted_keys: np.ndarray) -> np.ndarray:
    """Sorted keys as first value + differences: small numbers that compress well."""
    return np.diff(sorted_keys, prepend=0).astype(np.int64)


class LanguageModel:
    """Trigram log-probabilities (natural log) over word ids."""

    def __init__(self, arrays: NgramArrays) -> None:
        self.vocabulary = arrays.vocabulary
        self.size = len(arrays.vocabulary)
        self.ids = {word: index for index, word in enumerate(arrays.vocabulary)}
        self.unknown = self.ids[UNKNOWN_TOKEN]
        self.start = self.ids[SENTENCE_START]
        self.end = self.ids[SENTENCE_END]
        self.unigram = arrays.unigram_logp.tolist()
        self._unigram_backoff = arrays.unigram_backoff.astype(np.float32).tolist()
        self._bigram = dict(
            zip(arrays.bigram_keys.tolist(), arrays.bigram_logp.astype(np.float32).tolist())
        )
        self._history_backoff = dict(
            zip(arrays.history_keys.tolist(), arrays.history_backoff.astype(np.float32).tolist())
        )
        self._trigram = dict(
            zip(arrays.trigram_keys.tolist(), arrays.trigram_logp.astype(np.float32).tolist())
        )

    def id_of(self, word: str) -> int:
        return self.ids.get(word, self.unknown)

    def logp(self, u: int, v: int, w: int) -> float:
        """log P(w | u v), backing off to bigram and unigram estimates."""
        size = self.size
        history = u * size + v
        found = self._trigram.get(history * size + w)
        if found is not None:
            return found
        backoff = self._history_backoff.get(history, 0.0)
        found = self._bigram.get(v * size + w)
        if found is not None:
            return backoff + found
        return backoff + self._unigram_backoff[v] + self.unigram[w]


def _discount(counts: np.ndarray) -> float:
    """Kneser-Ney absolute discount D = n1 / (n1 + 2 n2) from counts of counts."""
    n1 = float(np.count_nonzero(counts == 1))
    n2 = float(np.count_nonzero(counts == 2))
    return n1 / (n1 + 2 * n2) if n1 + n2 else 0.5


def _group_sums(
    groups: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For sorted `groups`: each distinct group, the sum of its values, and its number of rows."""
    unique, first, rows = np.unique(groups, return_index=True, return_counts=True)
    return unique, np.add.reduceat(values, first), rows


def _lookup(sorted_keys: np.ndarray, values: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """values[key] for queries that are all present in sorted_keys."""
    return values[np.searchsorted(sorted_keys, queries)]


def _backoff_weights(
    histories: np.ndarray, kept: np.ndarray, p_high: np.ndarray, p_low: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Backoff weight per history: mass left after kept n-grams over the lower order's leftover."""
    unique, high_mass, _ = _group_sums(histories[kept], p_high[kept])
    _, low_mass, _ = _group_sums(histories[kept], p_low[kept])
    left = np.clip(1.0 - high_mass, _LOG_FLOOR, None)
    low_left = np.clip(1.0 - low_mass, _LOG_FLOOR, None)
    return unique, np.log(left / low_left)


def estimate(
    sequence: np.ndarray, vocabulary: list[str], min_trigram_count: int, min_bigram_count: int
) -> NgramArrays:
    """Interpolated Kneser-Ney over a token-id sequence in which every line is `<s> ... </s>`.

    N-grams never span lines. Trigrams/bigrams seen fewer times than the minimums are pruned after
    estimation; their probability mass goes to the backoff weights.
    """
    size = len(vocabulary)
    start = vocabulary.index(SENTENCE_START)
    seq = sequence.astype(np.int64)
    continues = seq[1:] != start  # position i+1 is in the same line as position i
    bigram_keys, bigram_counts = np.unique(
        (seq[:-1] * size + seq[1:])[continues], return_counts=True
    )
    trigram_ok = continues[:-1] & continues[1:]
    trigram_keys, trigram_counts = np.unique(
        ((seq[:-2] * size + seq[1:-1]) * size + seq[2:])[trigram_ok], return_counts=True
    )

    # Unigrams: continuation counts (distinct left neighbours), add-one smoothed.
    unigram_cont = np.bincount(bigram_keys % size, minlength=size).astype(np.float64)
    unigram_p = (unigram_cont + 1.0) / (unigram_cont.sum() + size)

    # Bigrams: continuation counts from trigram types; raw counts after <s>, which has no left word.
    suffixes, suffix_cont = np.unique(trigram_keys % (size * size), return_counts=True)
    cont = np.zeros(len(bigram_keys))
    cont[np.searchsorted(bigram_keys, suffixes)] = suffix_cont
    after_start = bigram_keys // size == start
    cont[after_start] = bigram_counts[after_start]
    d2 = _discount(cont)
    v_of_bigram = bigram_keys // size
    histories1, totals1, types1 = _group_sums(v_of_bigram, cont)
    gamma1 = np.zeros(size)
    total_of_v = np.ones(size)
    gamma1[histories1] = d2 * types1 / totals1
    total_of_v[histories1] = totals1
    w_of_bigram = bigram_keys % size
    bigram_p = (
        np.maximum(cont - d2, 0.0) / total_of_v[v_of_bigram]
        + gamma1[v_of_bigram] * unigram_p[w_of_bigram]
    )

    # Trigrams: raw counts, interpolated with the bigram distribution.
    d3 = _discount(trigram_counts)
    history_of_trigram = trigram_keys // size
    histories2, totals2, types2 = _group_sums(history_of_trigram, trigram_counts.astype(np.float64))
    gamma2 = d3 * types2 / totals2
    row = np.searchsorted(histories2, history_of_trigram)
    lower_p = _lookup(bigram_keys, bigram_p, trigram_keys % (size * size))
    trigram_p = (
        np.maximum(trigram_counts - d3, 0.0) / totals2[row] + gamma2[row] * lower_p
    )

    keep3 = trigram_counts >= min_trigram_count
    history_keys, history_backoff = _backoff_weights(history_of_trigram, keep3, trigram_p, lower_p)
    # Bigrams under kept trigrams stay, so that backoff weights are normalised with what is stored.
    keep2 = (bigram_counts >= min_bigram_count) | np.isin(
        bigram_keys, trigram_keys[keep3] % (size * size)
    )
    unigram_histories, unigram_bow = _backoff_weights(
        v_of_bigram, keep2, bigram_p, unigram_p[w_of_bigram]
    )
    unigram_backoff = np.zeros(size)
    unigram_backoff[unigram_histories] = unigram_bow
    return NgramArrays(
        vocabulary=vocabulary,
        unigram_logp=np.log(unigram_p),
        unigram_backoff=unigram_backoff,
        bigram_keys=bigram_keys[keep2],
        bigram_logp=np.log(bigram_p[keep2]),
        history_keys=history_keys,
        history_backoff=history_backoff,
        trigram_keys=trigram_keys[keep3],
        trigram_logp=np.log(trigram_p[keep3]),
    )


def perplexity(model: LanguageModel, lines: list[list[int]]) -> float:
    """Per-token perplexity of id lines (without the `<s>`/`</s>` markers, which are added)."""
    total = 0.0
    count = 0
    for ids in lines:
        u, v = model.start, model.start
        for w in [*ids, model.end]:
            total += model.logp(u, v, w)
            u, v = v, w
            count += 1
    return math.exp(-total / max(count, 1))
