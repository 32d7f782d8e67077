"""The OCR channel: how likely Tesseract turns a clean word into what it printed.

Learned from synthetic OCR pairs (see `build_channel`): per clean letter, the distribution of the
piece (0-2 characters) OCR printed for it; per clean word, the whole-word readings seen often enough
to trust. Costs are negative natural logs.
"""

from __future__ import annotations

import json
import lzma
import math
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from diacritics.syllable import skeleton
from diacritics.tokens import case_shape

# Cost of an edit the synthetic data never showed (about one in e^9 letters; tuned on a generated
# dev sample set).
UNSEEN_EDIT_COST = 9.0
# Whole-word readings need this many sightings before they override the letter model.
MIN_WORD_READINGS = 3
# A non-alphanumeric character is a letter confusion (kept inside words) after this many sightings.
MIN_SYMBOL_READINGS = 3
# Weight, in pseudo-counts, of the letter family's confusions in a letter's own.
FAMILY_PSEUDO_COUNTS = 5.0
_VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
# Punctuation that OCR also prints for letters (`thu'c`, `mi?c`) may stand for a letter only
# between two letters; these marks never do, as they join the parts of codes and numbers.
_SEPARATORS = frozenset(".,;:!?()[]{}/-\"'")
_STRUCTURAL = frozenset("-/.,;")


@dataclass(frozen=True)
class ChannelCounts:
    """Counts from aligned (clean, observed) pairs. Letters keep their case, because capitals are
    misread differently (`Đ` -> `P`); whole words are counted lowercased."""

    pieces: dict[str, dict[str, int]]  # clean letter -> observed piece -> count
    readings: dict[str, dict[str, int]]  # lowercase clean word -> observed word -> count (frequent)
    word_totals: dict[str, int]  # lowercase clean word -> pairs seen



def save_counts(path: Path, by_model: dict[str, ChannelCounts]) -> None:
    """The counts of each OCR model (`eng`, `vie`) in one compressed JSON file."""
    with lzma.open(path, "wt", encoding="utf-8") as stream:
        json.dump(
            {model: asdict(counts) for model, counts in by_model.items()},
            stream,
            ensure_ascii=False,
            sort_keys=True,
        )


def load_counts(path: Path) -> dict[str, ChannelCounts]:
    with lzma.open(path, "rt", encoding="utf-8") as stream:
        stored = json.load(stream)
    return {model: ChannelCounts(**counts) for model, counts in stored.items()}


def piece_alignment(clean: str, observed: str) -> list[tuple[str, str]]:
    """Each clean letter with the observed piece printed for it (Levenshtein alignment).

    Inserted observed characters join the misread letter next to them: the following letter if it
    was replaced (`của`/`ctia`: `ủ` -> `ti`), else the preceding one (`chức`/`chirc`: `ứ` -> `ir`).
    """
    pieces = [[letter, ""] for letter in clean]
    if not pieces:
        return []
    opcodes = list(Levenshtein.opcodes(clean, observed))
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag in ("equal", "replace"):
            for offset in range(i2 - i1):
                pieces[i1 + offset][1] += observed[j1 + offset]
        elif tag == "insert":
            following = opcodes[index + 1] if index + 1 < len(opcodes) else None
            if (following is not None and following.tag == "replace") or i1 == 0:
                pieces[i1][1] = observed[j1:j2] + pieces[i1][1]
            else:
                pieces[i1 - 1][1] += observed[j1:j2]
    return [(letter, piece) for letter, piece in pieces]


def count_pairs(pairs: list[tuple[str, str]]) -> ChannelCounts:
    """Tally letter pieces and whole-word readings from (clean, observed) pairs."""
    pieces: dict[str, Counter[str]] = {}
    readings: dict[str, Counter[str]] = {}
    for clean, observed in pairs:
        for letter, piece in piece_alignment(clean, observed):
            pieces.setdefault(letter, Counter())[piece] += 1
        readings.setdefault(clean.lower(), Counter())[observed.lower()] += 1
    return ChannelCounts(
        pieces={letter: dict(counter) for letter, counter in pieces.items()},
        readings={
            clean: {seen: n for seen, n in counter.items() if n >= MIN_WORD_READINGS}
            for clean, counter in readings.items()
            if counter.most_common(1)[0][1] >= MIN_WORD_READINGS
        },
        word_totals={clean: sum(counter.values()) for clean, counter in readings.items()},
    )


class Channel:
    """Channel costs -log P(observed | clean) for words written in the same case."""

    def __init__(self, counts: ChannelCounts) -> None:
        self._piece_cost = _smoothed_piece_costs(counts.pieces)
        self._reading_cost = {
            clean: {seen: -math.log(n / counts.word_totals[clean]) for seen, n in readings.items()}
            for clean, readings in counts.readings.items()
        }
        symbols = _confusable_symbols(counts)
        # Printed for letters, never separators: inside words anywhere (`K&`, `vi¢c`).
        self.word_symbols = "".join(sorted(symbols - _SEPARATORS))
        # Printed for letters, but also punctuation: inside words only between letters.
        self.inner_symbols = "".join(sorted(symbols & _SEPARATORS - _STRUCTURAL))

    def piece_cost(self, letter: str, piece: str) -> float:
        """Cost of OCR printing `piece` (0-2 characters) for the clean `letter`."""
        known = self._piece_cost.get(letter, {}).get(piece)
        return _unseen_cost(letter, piece) if known is None else known

    def cost(self, observed: str, clean: str) -> float:
        """-log P(observed | clean): the whole-word reading if often seen (word readings are
        counted lowercased, so only between words of the same case shape), else the letter
        model."""
        letters = self.letter_cost(observed, clean)
        if case_shape(observed) != case_shape(clean):
            return letters
        reading = self._reading_cost.get(clean.lower(), {}).get(observed.lower())
        return letters if reading is None else min(reading, letters)

    def letter_cost(self, observed: str, clean: str) -> float:
        """Cheapest way to print `observed` letter by letter from `clean`, each letter printing a
        piece of 0-2 characters (dynamic programming over prefixes)."""
        width = len(observed) + 1
        previous = [UNSEEN_EDIT_COST * j for j in range(width)]
        for letter in clean:
            known = self._piece_cost.get(letter, {}).get
            dropped = known("")
            if dropped is None:
                dropped = _unseen_cost(letter, "")
            current = [previous[0] + dropped] + [math.inf] * (width - 1)
            for j in range(1, width):
                one = known(observed[j - 1])
                if one is None:
                    one = _unseen_cost(letter, observed[j - 1])
                # this letter dropped, printed as one character, or a stray character printed
                best = min(
                    previous[j] + dropped, previous[j - 1] + one, current[j - 1] + UNSEEN_EDIT_COST
                )
                two = known(observed[j - 2 : j]) if j >= 2 else None
                if two is not None and previous[j - 2] + two < best:
                    best = previous[j - 2] + two
                current[j] = best
            previous = current
        return previous[-1]


def _unseen_cost(letter: str, piece: str) -> float:
    """Cost of a printing the synthetic data never showed: free for a letter read as itself (a
    letter it never showed at all), an unseen edit per character otherwise. Unseen two-character
    pieces are left to the dynamic programme (a one-character piece plus a stray character)."""
    if piece == letter:
        return 0.0
    return UNSEEN_EDIT_COST * max(len(piece), 1)


def _smoothed_piece_costs(pieces: dict[str, dict[str, int]]) -> dict[str, dict[str, float]]:
    """-log P(piece | letter), each letter's counts smoothed towards its family's (all letters with
    the same skeleton letter in either case: `e é ê ế Ệ ...`), so that a confusion seen for `ề`
    also prices `ế`; never above the cost of an edit never seen (a confusion seen once in a large
    family is no less likely than one never seen: `&` for `ề`)."""
    families: dict[str, Counter[str]] = {}
    for letter, seen in pieces.items():
        families.setdefault(skeleton(letter), Counter()).update(seen)
    alphabet = _VIETNAMESE_LETTERS + _VIETNAMESE_LETTERS.upper()
    letters = set(pieces) | {letter for letter in alphabet if skeleton(letter) in families}
    costs = {}
    for letter in letters:
        own = pieces.get(letter, {})
        family = families[skeleton(letter)]
        family_total = sum(family.values())
        own_total = sum(own.values())
        costs[letter] = {
            piece: min(
                -math.log(
                    (own.get(piece, 0) + FAMILY_PSEUDO_COUNTS * n / family_total)
                    / (own_total + FAMILY_PSEUDO_COUNTS)
                ),
                UNSEEN_EDIT_COST * max(len(piece), 1),
            )
            for piece, n in family.items()
        }
    return costs


def _confusable_symbols(counts: ChannelCounts) -> set[str]:
    """Non-alphanumeric characters OCR printed for letters often enough to belong inside words."""
    seen: Counter[str] = Counter()
    for letter, pieces in counts.pieces.items():
        if letter.isalpha():
            for piece, n in pieces.items():
                seen.update({char: n for char in piece if not (char.isalnum() or char.isspace())})
    return {char for char, n in seen.items() if n >= MIN_SYMBOL_READINGS}
