"""Build the syllable language model from the training corpus and our gazetteer text
(`training.gazetteer`): `python -m training.build_lm`."""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from diacritics.lm import LanguageModel, NgramArrays, estimate, perplexity
from diacritics.model import CODES_PATH, LM_PATH
from diacritics.tokens import (
    NUMBER_TOKEN,
    SENTENCE_END,
    SENTENCE_START,
    UNKNOWN_TOKEN,
    Kind,
    Token,
    Tokenizer,
    is_code_shaped,
    is_heading,
    lm_name,
)
from training.corpus import heldout_lines, training_lines
from training.gazetteer import gazetteer_lines

MIN_WORD_COUNT = 3
MIN_TRIGRAM_COUNT = 2
MIN_BIGRAM_COUNT = 1
CODE_SHARE = 0.9
# The gazetteer's lines are counted this many times: enough to survive count pruning and to make
# a place name likelier than a common word one letter away, few beside the corpus's millions.
GAZETTEER_REPEATS = 5
_SPECIAL = (SENTENCE_START, SENTENCE_END, UNKNOWN_TOKEN, NUMBER_TOKEN)


@dataclass
class CodeTally:
    """How often each word outside headings is written as a code (`QĐ`, `UBND`), and in all."""

    as_code: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)

    def observe(self, tokens: list[Token], names: list[str]) -> None:
        if is_heading(tokens):
            return
        for token, name in zip(tokens, names):
            if token.kind is Kind.WORD:
                self.total[name] += 1
                if is_code_shaped(token.text):
                    self.as_code[name] += 1

    def codes(self) -> list[str]:
        """Words seen often enough, nearly always written as codes."""
        return sorted(
            name for name, n in self.as_code.items()
            if n >= MIN_WORD_COUNT and n >= CODE_SHARE * self.total[name]
        )


def lm_lines(lines: Iterable[str], tally: CodeTally | None = None) -> Iterable[list[str]]:
    """Each line as the language model's token names (counting codes into `tally` if given)."""
    tokenizer = Tokenizer()
    known: dict[str, str] = {}
    for line in lines:
        tokens = tokenizer.tokens(line)
        row = []
        for token in tokens:
            name = known.get(token.text)
            if name is None:
                name = known[token.text] = lm_name(token)
            row.append(name)
        if tally is not None:
            tally.observe(tokens, row)
        yield row


def encode_corpus(lines: Iterable[list[str]], min_count: int) -> tuple[np.ndarray, list[str]]:
    """One id sequence `<s> w... </s> <s> ...` and the vocabulary (words seen min_count times)."""
    provisional: dict[str, int] = {name: index for index, name in enumerate(_SPECIAL)}
    start, end = provisional[SENTENCE_START], provisional[SENTENCE_END]
    chunks = []
    for row in lines:
        ids = [start]
        ids.extend(provisional.setdefault(name, len(provisional)) for name in row)
        ids.append(end)
        chunks.append(np.array(ids, dtype=np.int32))
    sequence = np.concatenate(chunks)
    counts = np.bincount(sequence, minlength=len(provisional))
    names = list(provisional)
    keep = [i for i, name in enumerate(names) if i < len(_SPECIAL) or counts[i] >= min_count]
    vocabulary = [names[i] for i in keep]
    remap = np.full(len(names), _SPECIAL.index(UNKNOWN_TOKEN), dtype=np.int32)
    remap[keep] = np.arange(len(keep), dtype=np.int32)
    return remap[sequence], vocabulary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=LM_PATH)
    args = parser.parse_args()
    began = time.perf_counter()
    tally = CodeTally()
    text = itertools.chain(training_lines(), gazetteer_lines() * GAZETTEER_REPEATS)
    sequence, vocabulary = encode_corpus(lm_lines(text, tally), MIN_WORD_COUNT)
    codes = sorted(set(tally.codes()) & set(vocabulary))
    CODES_PATH.write_text("\n".join(codes) + "\n", encoding="utf-8")
    print(f"{len(codes):,} known codes -> {CODES_PATH}")
    elapsed = time.perf_counter() - began
    print(f"{len(sequence):,} tokens, vocabulary {len(vocabulary):,} ({elapsed:.0f} s)")
    arrays = estimate(sequence, vocabulary, MIN_TRIGRAM_COUNT, MIN_BIGRAM_COUNT)
    arrays.save(args.output)
    print(
        f"{len(arrays.bigram_keys):,} bigrams, {len(arrays.trigram_keys):,} trigrams -> "
        f"{args.output} ({args.output.stat().st_size / 1e6:.1f} MB, "
        f"{time.perf_counter() - began:.0f} s)"
    )
    model = LanguageModel(NgramArrays.load(args.output))
    heldout = [[model.id_of(name) for name in row] for row in lm_lines(heldout_lines())]
    print(f"held-out perplexity {perplexity(model, heldout):.1f}")


if __name__ == "__main__":
    main()
