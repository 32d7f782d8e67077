"""Speed of diacritic restoration: `python -m evaluation.bench_restore`.

Prints the model load time and words per second on unaccented held-out text (one process, one
core, cold candidate cache), with pyvi's `ViUtils.add_accents` on the same lines beside it.
"""

from __future__ import annotations

import argparse
import time

from unidecode import unidecode

from evaluation.restoration import Restorer, ours, pyvi
from training.corpus import heldout_lines


def _words_per_second(restorer: Restorer, lines: list[str], words: int) -> float:
    began = time.perf_counter()
    for line in lines:
        restorer(line)
    return words / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=50_000, help="benchmark input size")
    args = parser.parse_args()
    lines, words = [], 0
    for line in heldout_lines():
        if words >= args.words:
            break
        lines.append(unidecode(line))
        words += len(line.split())

    from diacritics.model import load_decoder

    began = time.perf_counter()
    load_decoder()
    print(f"model load: {time.perf_counter() - began:.2f} s")
    text = "\n".join(lines)
    ours_speed = _words_per_second(ours, [text], words)
    print(f"sohoa diacritics: {ours_speed:,.0f} words/s on {words:,} words")
    pyvi_speed = _words_per_second(pyvi, lines, words)
    print(f"pyvi add_accents: {pyvi_speed:,.0f} words/s on the same lines")


if __name__ == "__main__":
    main()
