"""Titles exactly as printed, on the gazette documents of the corpus (their exact text).

    python -m evaluation.titles [--show N]

A title is right when it is the printed title with only its line breaks joined: the words of whole
lines of the document, in order, punctuation and marks kept (`;` stays `;`, `Lao động - Thương binh`
keeps its dash). The gazette texts carry no title gold, so this checks the form, not the extent:
a title that stops a line early or runs into the next block of whole lines passes. Documents whose
header yields no title are counted apart.
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from evaluation.paths import DATA
from patterns.header import extract_header

GAZETTE = DATA / "corpus" / "congbao-legal.jsonl.xz"


@dataclass(frozen=True)
class TitleCheck:
    document: str
    title: str | None
    as_printed: bool


def gazette_documents() -> Iterator[tuple[str, str]]:
    with lzma.open(GAZETTE, "rt", encoding="utf-8") as lines:
        for line in lines:
            document = json.loads(line)
            yield document["id"], unicodedata.normalize("NFC", document["text"])


def as_printed(title: str, text: str) -> bool:
    """Whether `title` is whole lines of `text` with only the line breaks joined."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    joined = "\n".join(line for line in lines if line)
    pattern = r"(?:^|\n)" + r"[ \n]".join(map(re.escape, title.split())) + r"(?:\n|$)"
    return re.search(pattern, joined) is not None


def check(document: str, text: str) -> TitleCheck:
    title = extract_header(text).title
    return TitleCheck(document, title, title is not None and as_printed(title, text))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=10, help="print this many titles that are not as printed")
    args = parser.parse_args(argv)
    checks = [check(document, text) for document, text in gazette_documents()]
    titled = [c for c in checks if c.title]
    wrong = [c for c in titled if not c.as_printed]
    for c in wrong[: args.show]:
        print(f"{c.document}: {c.title}")
    print(f"titles as printed: {len(titled) - len(wrong)} of {len(titled)} "
          f"({(len(titled) - len(wrong)) / max(1, len(titled)):.1%}); "
          f"{len(checks) - len(titled)} of {len(checks)} documents gave no title")


if __name__ == "__main__":
    main()
