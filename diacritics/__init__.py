"""Restoring Vietnamese diacritics in legacy OCR text and in text typed without marks.

`restore_diacritics` is the whole public interface; the models load lazily on first call.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

# Words whose chosen form has a lower confidence than this are counted as low-confidence.
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class TokenChange:
    start: int  # offset of the original token in the input text (after NFC normalisation)
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
    """Restore the diacritics of `text`, keeping its lines and everything but word spellings."""
    from diacritics.model import load_decoder
    from diacritics.tokens import line_spelling

    text = unicodedata.normalize("NFC", text)
    if not text:
        return Restoration("", (), 0, 0)
    decoder = load_decoder()
    spelling = line_spelling(text)
    restored: list[str] = []
    changes: list[TokenChange] = []
    word_count = low_confidence = 0
    lines = list(_lines_with_offsets(text))
    by_line = decoder.decode_lines([line for _, line, _ in lines], spelling)
    for (offset, line, ending), decisions in zip(lines, by_line, strict=True):
        word_count += len(decisions)
        low_confidence += sum(decision.confidence < LOW_CONFIDENCE for decision in decisions)
        line_changes = [
            TokenChange(decision.token.start, decision.token.end, decision.token.text,
                        decision.restored, decision.confidence)
            for decision in decisions
            if decision.restored != decision.token.text
        ]
        restored.append(_rewrite(line, line_changes) + ending)
        changes.extend(_shifted(change, offset) for change in line_changes)
    return Restoration("".join(restored), tuple(changes), word_count, low_confidence)


def _rewrite(line: str, changes: list[TokenChange]) -> str:
    """The line with each change's span (line offsets, in order) replaced by its restored form."""
    parts = []
    cursor = 0
    for change in changes:
        parts.append(line[cursor:change.start])
        parts.append(change.restored)
        cursor = change.end
    parts.append(line[cursor:])
    return "".join(parts)


def _shifted(change: TokenChange, offset: int) -> TokenChange:
    return replace(change, start=change.start + offset, end=change.end + offset)


__all__ = ["LOW_CONFIDENCE", "Restoration", "TokenChange", "restore_diacritics"]
