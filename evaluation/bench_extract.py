"""Throughput of extract_document on already-OCR'd text.

    .venv/bin/python -m evaluation.bench_extract [--rounds N] [--samples DIR]

By default the three seeds, repeated; with `--samples` the page texts of every generated sample's
ground truth (`*.gt.json`), each document once per round. Wall-clock and CPU rates are both given:
on a machine shared with OCR jobs the wall-clock rate mostly measures the other jobs.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

from domain.records import PageText
from evaluation.seeds import seed_documents
from patterns.document import extract_document

Document = list[PageText]


@dataclass(frozen=True)
class Rate:
    wall: float  # documents per second of elapsed time
    cpu: float  # documents per second of this process's CPU time


def documents_per_second(documents: list[Document], rounds: int) -> Rate:
    extract_document(documents[0])  # vocabularies and caches load once, outside the timing
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for document in documents:
            extract_document(document)
    count = rounds * len(documents)
    return Rate(count / (time.perf_counter() - wall), count / (time.process_time() - cpu))


def seed_pages() -> list[Document]:
    return [[PageText(1, text)] for text in seed_documents().values()]


def sample_pages(directory: Path) -> list[Document]:
    documents = []
    for path in sorted(directory.glob("*.gt.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        documents.append([PageText(page["page"], page["text"]) for page in truth["pages"]])
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--samples", type=Path, help="a directory of generated samples instead of the seeds")
    args = parser.parse_args()
    documents = sample_pages(args.samples) if args.samples else seed_pages()
    rate = documents_per_second(documents, args.rounds)
    print(f"{rate.wall:.1f} docs/s wall, {rate.cpu:.1f} docs/s CPU ({args.rounds} rounds x {len(documents)} documents)")


if __name__ == "__main__":
    main()
