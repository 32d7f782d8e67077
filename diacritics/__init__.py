"""Restoring Vietnamese diacritics in legacy OCR text and in text typed without marks.

`restore_diacritics` is the whole public interface; the models load lazily on first call.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Words whose chosen form has a lower confidence than this are counted as low-confidence.
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class TokenChange:
    start: int  # offset of the original token in the input text
    end: int
    original: str
    restored: str
    confidence: float  # 0..1, posterior-ish confidence of the chosen form


@dataclass(frozen=True)
class Restoration:
    text: str  # NFC, same line structure as the input
    changes: tuple[TokenChange, ...]  # only tokens whose text changed
    word_count: int  # word tokens seen
    low_confidence_words: int  # word tokens whose confidence < LOW_CONFIDENCE

    @property
    def restored_words(self) -> int:
        return len(self.changes)


def _lines_with_offsets(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, line content, line ending) for each line, so that endings are kept as they are."""
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        yield offset, content, raw[len(content):]
        offset += len(raw)


def restore_diacritics(text: str) -> Restoration:
    """Restore the diacritics of `text`, line by line, keeping everything but word spellings."""
    from diacritics.model import load_decoder

    text = unicodedata.normalize("NFC", text)
    decoder = load_decoder() if text else None
    pieces: list[str] = []
    changes: list[TokenChange] = []
    word_count = 0
    low_confidence = 0
    for offset, line, ending in _lines_with_offsets(text):
        cursor = 0
        for decision in decoder.decode_line(line):
            word_count += 1
            low_confidence += decision.confidence < LOW_CONFIDENCE
            token = decision.token
            if decision.restored != token.text:
                pieces.append(line[cursor:token.start])
                pieces.append(decision.restored)
                cursor = token.end
                changes.append(TokenChange(offset + token.start, offset + token.end,
                                           token.text, decision.restored, decision.confidence))
        pieces.append(line[cursor:])
        pieces.append(ending)
    return Restoration("".join(pieces), tuple(changes), word_count, low_confidence)


__all__ = ["LOW_CONFIDENCE", "Restoration", "TokenChange", "restore_diacritics"]
