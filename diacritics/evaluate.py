"""Word accuracy of diacritic restoration: `python -m diacritics.evaluate`.

Three sets: the legacy-OCR dev set (dev-gold/restore-000), the held-out corpus lines stripped of
marks with unidecode, and the held-out lines as they are (already correct: should stay unchanged);
with `--synthetic-pages N`, also Tesseract's readings of N rendered held-out pages. pyvi's
`ViUtils.add_accents` (given the input stripped of marks) is scored beside ours, and the input as
it is for reference.

`--samples DIR` scores instead the legacy `eng` OCR text of a generated sample set
(`python -m evaluation.samplegen`) per scan tier, with the project harness's own measure
(`evaluation.metrics.restoration_score`): `--samples build/samples-dev` for tuning, `samples/`
as the held-out check.
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

from diacritics import restore_diacritics
from diacritics.corpus import heldout_lines, shared_dir
from diacritics.syllable import normalise_tones
from diacritics.tokens import nfc

Restorer = Callable[[str], str]


@dataclass(frozen=True)
class Score:
    words: int  # gold words (whitespace-separated chunks containing a letter, see `_words`)
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.words if self.words else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"words": self.words, "correct": self.correct, "accuracy": self.accuracy}


def _words(line: str) -> list[str]:
    """Whitespace chunks that contain a letter, without surrounding punctuation (quotes and
    brackets are not the restorer's business), spelled in one tone convention."""
    chunks = (_strip_punctuation(chunk) for chunk in nfc(line).split())
    return [normalise_tones(chunk) for chunk in chunks if any(c.isalpha() for c in chunk)]


def _strip_punctuation(chunk: str) -> str:
    start, end = 0, len(chunk)
    while start < end and not chunk[start].isalnum():
        start += 1
    while end > start and not chunk[end - 1].isalnum():
        end -= 1
    return chunk[start:end]


def line_score(output: str, gold: str) -> Score:
    """Gold words reproduced exactly, position by position (aligned if the counts differ)."""
    produced, expected = _words(output), _words(gold)
    if len(produced) == len(expected):
        correct = sum(a == b for a, b in zip(produced, expected))
    else:
        matcher = difflib.SequenceMatcher(None, produced, expected, autojunk=False)
        correct = sum(block.size for block in matcher.get_matching_blocks())
    return Score(len(expected), correct)


def score_lines(restorer: Restorer, pairs: list[tuple[str, str]]) -> Score:
    """Word accuracy of `restorer` over (input line, gold line) pairs."""
    words = correct = 0
    for source, gold in pairs:
        score = line_score(restorer(source), gold)
        words += score.words
        correct += score.correct
    return Score(words, correct)


def score_restoration(pairs: list[tuple[str, str]]) -> dict[str, float | int]:
    """Word accuracy of `restore_diacritics` over (input text, gold text) pairs, line by line:
    `{"words": gold words, "correct": words restored exactly, "accuracy": correct / words}`."""
    line_pairs = []
    for source, gold in pairs:
        line_pairs.extend(zip(source.splitlines(), gold.splitlines(), strict=True))
    return score_lines(ours, line_pairs).as_dict()


def ours(text: str) -> str:
    return restore_diacritics(text).text


def pyvi(text: str) -> str:
    """pyvi's restoration of the text stripped of marks (pyvi expects unaccented input); the
    input unchanged where pyvi fails (it crashes on some inputs)."""
    from pyvi import ViUtils

    try:
        return str(ViUtils.add_accents(unidecode(text)))
    except Exception:  # pyvi raises assorted errors on symbols and long tokens
        return text


def dev_pairs() -> list[tuple[str, str]]:
    dev = shared_dir() / "dev-gold"
    garbled = (dev / "restore-000.garbled.txt").read_text(encoding="utf-8").splitlines()
    gold = (dev / "restore-000.gold.txt").read_text(encoding="utf-8").splitlines()
    return list(zip(garbled, gold, strict=True))


def synthetic_ocr_pairs(pages: int) -> list[tuple[str, str]]:
    """(Tesseract's reading, clean text) of held-out paragraphs rendered as in the channel build:
    legacy-OCR test pages that are not the dev set. Each pair is a whole page."""
    from multiprocessing import Pool

    from diacritics.build_channel import (
        MIN_PARAGRAPH_WORDS,
        PARAGRAPHS_PER_PAGE,
        WORKERS,
        page_specs,
    )
    from diacritics.ocr_synth import ocr

    rng = random.Random(7)
    paragraphs = [line for line in heldout_lines() if len(line.split()) >= MIN_PARAGRAPH_WORDS]
    chosen = rng.sample(paragraphs, pages * PARAGRAPHS_PER_PAGE)
    specs = list(page_specs(chosen, rng))
    with Pool(WORKERS) as pool:
        readings = pool.map(ocr, specs)
    return [(reading, "\n".join(spec.lines)) for reading, spec in zip(readings, specs)]


def sample_tier_accuracy(directory: Path) -> dict[str, tuple[int, float, float]]:
    """Per scan tier of the samples in `directory`: (reference words, accuracy of the legacy OCR
    text as it is, accuracy after restoration), as the project harness pairs and scores them."""
    from evaluation.evaluate import load_samples
    from evaluation.metrics import NO_RESTORATION, restoration_score

    totals = {}
    for sample in load_samples(directory):
        for truth, legacy in zip(sample.pages, sample.legacy_pages(), strict=True):
            score = restoration_score(truth, legacy, ours(legacy))
            totals[sample.tier] = totals.get(sample.tier, NO_RESTORATION) + score
    return {
        tier: (score.words, score.input_accuracy, score.accuracy)
        for tier, score in totals.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--every", type=int, default=1, help="use every n-th held-out line")
    parser.add_argument(
        "--synthetic-pages", type=int, default=0,
        help="also score Tesseract readings of this many rendered held-out pages (slow)",
    )
    parser.add_argument(
        "--samples", type=Path, help="score the legacy OCR text of this generated sample set"
    )
    args = parser.parse_args()
    if args.samples:
        for tier, (words, before, after) in sample_tier_accuracy(args.samples).items():
            print(f"{tier}: {after:.2%} of {words:,} words (input as is: {before:.2%})")
        return
    heldout = heldout_lines()[:: args.every]
    sets = {
        "dev-gold restore-000 (legacy OCR)": (dev_pairs(), True),
        "held-out, unaccented (unidecode)": ([(unidecode(line), line) for line in heldout], True),
        "held-out, already correct": ([(line, line) for line in heldout], False),
    }
    if args.synthetic_pages:
        os.environ["OMP_THREAD_LIMIT"] = "1"
        synthetic = synthetic_ocr_pairs(args.synthetic_pages)
        sets["held-out, synthetic OCR (eng/vie)"] = (synthetic, True)
    for name, (pairs, with_pyvi) in sets.items():
        began = time.perf_counter()
        score = score_lines(ours, pairs)
        print(f"{name}: {score.accuracy:.2%} of {score.words:,} words "
              f"({time.perf_counter() - began:.1f} s)")
        if with_pyvi:
            baseline = score_lines(pyvi, pairs)
            print(f"    pyvi: {baseline.accuracy:.2%}")
        raw = score_lines(lambda text: text, pairs)
        print(f"    input as is: {raw.accuracy:.2%}")


if __name__ == "__main__":
    main()
