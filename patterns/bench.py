"""Throughput of extract_document on already-OCR'd text: the three seeds, repeated.

    .venv/bin/python -m patterns.bench [--rounds N]
"""

from __future__ import annotations

import argparse
import time

from patterns.document import extract_document
from patterns.evaluate import seed_documents, shared_dir
from patterns.model import PageText


def documents_per_second(texts: list[str], rounds: int) -> float:
    pages = [[PageText(1, text)] for text in texts]
    extract_document(pages[0])  # vocabularies and caches load once, outside the timing
    started = time.perf_counter()
    for _ in range(rounds):
        for document in pages:
            extract_document(document)
    return rounds * len(pages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    texts = list(seed_documents(shared_dir()).values())
    rate = documents_per_second(texts, args.rounds)
    print(f"{rate:.1f} docs/s ({args.rounds} rounds x {len(texts)} seeds)")


if __name__ == "__main__":
    main()
