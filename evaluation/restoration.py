"""Word accuracy of diacritic restoration: `python -m evaluation.restoration`.

Three sets: the legacy-OCR dev set (dev-gold/restore-000), the held-out corpus lines stripped of
marks with unidecode, and the held-out lines as they are (already correct: should stay unchanged);
with `--synthetic-pages N`, also Tesseract's readings of N rendered held-out pages. pyvi's
`ViUtils.add_accents` (given the input stripped of marks) is scored beside ours, and the input as
it is for reference. Every figure is the project harness's measure
(`evaluation.metrics.restoration_score`: words are runs of letters and digits, aligned on their
folded keys; a word counts when it is identical up to tone placement).

`--samples DIR` scores instead the legacy `eng` OCR text of a generated sample set
(`python -m evaluation.samplegen`) per scan tier: `--samples build/samples-dev` for tuning,
`samples/` as the held-out check.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from unidecode import unidecode

from diacritics import restore_diacritics
from evaluation.metrics import RestorationScore, restorer_score
from evaluation.paths import DATA
from training.corpus import heldout_lines

Restorer = Callable[[str], str]


def ours(text: str) -> str:
    return restore_diacritics(text).text


def pyvi(text: str) -> str:
    """pyvi's restoration of the text stripped of marks (pyvi expects unaccented input), line by
    line; where pyvi fails on a line (it crashes on some inputs) the line stays stripped."""
    from pyvi import ViUtils

    def restore_line(line: str) -> str:
        plain = unidecode(line)
        try:
            return str(ViUtils.add_accents(plain))
        except Exception:  # pyvi raises assorted errors on symbols and long tokens; it then restored nothing
            return plain

    return "\n".join(restore_line(line) for line in text.split("\n"))


def dev_pairs() -> list[tuple[str, str]]:
    """(gold, garbled) of the legacy-OCR dev document, whole, as the project harness scores it."""
    dev = DATA / "dev-gold"
    gold = (dev / "restore-000.gold.txt").read_text(encoding="utf-8")
    return [(gold, (dev / "restore-000.garbled.txt").read_text(encoding="utf-8"))]


def synthetic_ocr_pairs(pages: int) -> list[tuple[str, str]]:
    """(clean text, Tesseract's reading) of held-out paragraphs rendered as in the channel build:
    legacy-OCR test pages that are not the dev set. Each pair is a whole page."""
    from multiprocessing import Pool

    from training.build_channel import (
        MIN_PARAGRAPH_WORDS,
        PARAGRAPHS_PER_PAGE,
        WORKERS,
        page_specs,
    )
    from training.ocr_synth import ocr

    rng = random.Random(7)
    paragraphs = [line for line in heldout_lines() if len(line.split()) >= MIN_PARAGRAPH_WORDS]
    chosen = rng.sample(paragraphs, pages * PARAGRAPHS_PER_PAGE)
    specs = list(page_specs(chosen, rng))
    with Pool(WORKERS) as pool:
        readings = pool.map(ocr, specs)
    return [("\n".join(spec.lines), reading) for reading, spec in zip(readings, specs)]


def sample_tier_scores(directory: Path) -> dict[str, RestorationScore]:
    """Per scan tier of the samples in `directory`: our restoration of their legacy OCR pages,
    paired and scored as the project harness does."""
    from evaluation.evaluate import load_samples

    samples = load_samples(directory)
    return {
        tier: restorer_score(ours, [
            pair for sample in samples if sample.tier == tier
            for pair in zip(sample.pages, sample.legacy_pages(), strict=True)
        ])
        for tier in sorted({sample.tier for sample in samples})
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
        for tier, score in sample_tier_scores(args.samples).items():
            print(f"{tier}: {score.accuracy:.2%} of {score.words:,} words "
                  f"(input as is: {score.input_accuracy:.2%}; ceiling: {score.ceiling:.2%})")
        return
    heldout = heldout_lines()[:: args.every]
    sets = {
        "dev-gold restore-000 (legacy OCR)": (dev_pairs(), True),
        "held-out, unaccented (unidecode)": ([(line, unidecode(line)) for line in heldout], True),
        "held-out, already correct": ([(line, line) for line in heldout], False),
    }
    if args.synthetic_pages:
        synthetic = synthetic_ocr_pairs(args.synthetic_pages)
        sets["held-out, synthetic OCR (eng/vie)"] = (synthetic, True)
    for name, (pairs, with_pyvi) in sets.items():
        began = time.perf_counter()
        score = restorer_score(ours, pairs)
        print(f"{name}: {score.accuracy:.2%} of {score.words:,} words "
              f"({time.perf_counter() - began:.1f} s)")
        if with_pyvi:
            print(f"    pyvi: {restorer_score(pyvi, pairs).accuracy:.2%}")
        print(f"    input as is: {score.input_accuracy:.2%}; ceiling: {score.ceiling:.2%}")


if __name__ == "__main__":
    main()
