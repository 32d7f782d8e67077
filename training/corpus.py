"""Reading the training corpus (`data/corpus`) and its deterministic held-out part."""

from __future__ import annotations

import json
import lzma
from collections.abc import Iterator

from evaluation.paths import DATA

# Every HELDOUT_EVERY-th paragraph (admin prose) or document (legal corpora) is never trained on.
HELDOUT_EVERY = 50
_JSON_CORPORA = ("congbao-legal.jsonl.xz", "vlc-laws.jsonl.xz")
_ADMIN_PROSE = "admin-prose.txt.xz"
_CLEAN_SEED_GLOB = "002_*.txt"


def _documents(heldout: bool) -> Iterator[str]:
    """Corpus texts (admin paragraphs, legal documents) on one side of the held-out split."""
    corpus = DATA / "corpus"
    with lzma.open(corpus / _ADMIN_PROSE, "rt", encoding="utf-8") as paragraphs:
        for index, paragraph in enumerate(paragraphs):
            if (index % HELDOUT_EVERY == 0) == heldout:
                yield paragraph
    for name in _JSON_CORPORA:
        with lzma.open(corpus / name, "rt", encoding="utf-8") as records:
            for index, record in enumerate(records):
                if (index % HELDOUT_EVERY == 0) == heldout:
                    yield json.loads(record)["text"]


def _lines(texts: Iterator[str]) -> Iterator[str]:
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if line:
                yield line


def training_lines() -> Iterator[str]:
    """Non-empty lines of the training split plus the clean seed report (seeds/002)."""
    yield from _lines(_documents(heldout=False))
    for seed in sorted((DATA / "seeds").glob(_CLEAN_SEED_GLOB)):
        yield from _lines(iter([seed.read_text(encoding="utf-8")]))


def heldout_lines() -> list[str]:
    """Non-empty lines of the held-out split, which no model of this package is trained on."""
    return list(_lines(_documents(heldout=True)))
