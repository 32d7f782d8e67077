"""Learn the OCR channel from synthetic scans: `python -m training.build_channel`.

Training-split paragraphs are rendered to page images (LiberationSerif), scanned like the sample
set's tiers (clean, desk scanner, poor photocopy), read back by Tesseract `eng` (how legacy archives
were made) and `vie` (on poor scans, where it drops or swaps marks), aligned with the clean text
and counted.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

from diacritics.channel import count_pairs, save_counts
from diacritics.model import CHANNEL_PATH
from training.corpus import training_lines
from training.ocr_synth import PageSpec, ocr_pairs

PAGES = 1000
PARAGRAPHS_PER_PAGE = 10
MIN_PARAGRAPH_WORDS = 5
HEADING_SHARE = 0.1  # share of paragraphs printed in capitals, as report headings are
HEADING_WORDS = 12
WORKERS = 2


def sample_paragraphs(count: int, rng: random.Random) -> list[str]:
    """`count` training lines drawn from the whole corpus; some turned into capitalised headings."""
    long_enough = [line for line in training_lines() if len(line.split()) >= MIN_PARAGRAPH_WORDS]
    chosen = rng.sample(long_enough, count)
    return [
        " ".join(line.split()[:HEADING_WORDS]).upper() if rng.random() < HEADING_SHARE else line
        for line in chosen
    ]


# Per cycle of pages: (Tesseract model, scan tier). `eng` is what legacy archives were read with,
# from scans of every quality; `vie` is what the pipeline reads with now, and misreads mostly on
# poor scans.
_PAGE_VARIANTS = (
    ("eng", "clean"), ("eng", "office"), ("eng", "hard"), ("vie", "hard"), ("vie", "office"),
)


def page_specs(paragraphs: list[str], rng: random.Random) -> Iterator[PageSpec]:
    """Pages of PARAGRAPHS_PER_PAGE paragraphs cycling through _PAGE_VARIANTS."""
    for index in range(0, len(paragraphs), PARAGRAPHS_PER_PAGE):
        language, tier = _PAGE_VARIANTS[(index // PARAGRAPHS_PER_PAGE) % len(_PAGE_VARIANTS)]
        yield PageSpec(
            lines=tuple(paragraphs[index : index + PARAGRAPHS_PER_PAGE]),
            seed=rng.randrange(1 << 30),
            font_points=rng.choice((12, 13, 13, 14)),
            bold=rng.random() < 0.15,
            tier=tier,
            language=language,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument("--output", type=Path, default=CHANNEL_PATH)
    args = parser.parse_args()
    began = time.perf_counter()
    rng = random.Random(20231)
    paragraphs = sample_paragraphs(args.pages * PARAGRAPHS_PER_PAGE, rng)
    pairs: dict[str, list[tuple[str, str]]] = {}
    with Pool(WORKERS) as pool:
        for model, page in pool.imap_unordered(ocr_pairs, page_specs(paragraphs, rng), chunksize=4):
            pairs.setdefault(model, []).extend((pair.clean, pair.observed) for pair in page)
    save_counts(args.output, {model: count_pairs(found) for model, found in pairs.items()})
    for model, model_pairs in sorted(pairs.items()):
        changed = sum(clean != observed for clean, observed in model_pairs)
        print(f"{model}: {len(model_pairs):,} word pairs ({changed:,} garbled)")
    print(
        f"{len(paragraphs):,} paragraphs -> {args.output} "
        f"({args.output.stat().st_size / 1e3:.0f} kB, {time.perf_counter() - began:.0f} s)"
    )


if __name__ == "__main__":
    main()
