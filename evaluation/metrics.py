"""Accuracy measures: OCR error rates, restoration word accuracy, extraction precision and recall.

OCR: CER and WER are Levenshtein distances (characters; whitespace-separated words) divided by the
reference length, after NFC and collapsing every whitespace run to one space. They are summed over
pages before dividing (micro average), so long pages weigh more. Both depend on reading order (the
ground truth's is defined in `evaluation.layout`); the bag-of-words error rate does not.

Restoration: the restored words are aligned to the ground-truth words by a Levenshtein alignment
of their folded keys (ASCII transliteration, lowercase): a word whose skeleton survived lines up
with its reference even when its marks are wrong, and a word Tesseract split or merged falls into an
unequal replace block. A reference word counts as correct when it is aligned to an identical output
word (case and marks included, tone placement `hoá`/`hóa` either way); words only in unequal blocks
count as wrong. Words are maximal runs of letters and digits, so punctuation does not count.

The restoration ceiling is the share of reference words any restorer could get right at most: a
restorer rewrites the words it is given and invents none, so a reference word the OCR left no
word for is out of reach (`reachable_words`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from diacritics.syllable import normalise_tones

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ErrorCount:
    errors: int
    total: int

    @property
    def rate(self) -> float:
        return self.errors / self.total if self.total else 0.0

    def __add__(self, other: ErrorCount) -> ErrorCount:
        return ErrorCount(self.errors + other.errors, self.total + other.total)


NO_ERRORS = ErrorCount(0, 0)


def normalise(text: str) -> str:
    """NFC, every whitespace run (newlines and form feeds too) one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def character_errors(reference: str, hypothesis: str) -> ErrorCount:
    reference, hypothesis = normalise(reference), normalise(hypothesis)
    return ErrorCount(Levenshtein.distance(reference, hypothesis), len(reference))


def word_errors(reference: str, hypothesis: str) -> ErrorCount:
    reference_words, hypothesis_words = normalise(reference).split(), normalise(hypothesis).split()
    return ErrorCount(Levenshtein.distance(reference_words, hypothesis_words), len(reference_words))


def bag_of_words_errors(reference: str, hypothesis: str) -> ErrorCount:
    """Word errors regardless of order: the larger of the words missing and the words extra.

    A two-column band read row by row instead of column by column costs nothing here, while a
    misread word costs one (it is both missing and extra), as in WER.
    """
    expected, found = Counter(normalise(reference).split()), Counter(normalise(hypothesis).split())
    return ErrorCount(max(sum((expected - found).values()), sum((found - expected).values())), sum(expected.values()))


def words(text: str) -> list[str]:
    """The words of `text`, each in one tone-placement convention (`hoá` and `hóa` are both right)."""
    return [normalise_tones(word) for word in _WORD.findall(unicodedata.normalize("NFC", text))]


def _skeleton(word: str) -> str:
    """The alignment key: ASCII transliteration, lowercase (`Được` -> `duoc`, OCR's `dugc` near it)."""
    return unidecode(word).lower()


def correct_positions(reference: list[str], hypothesis: list[str]) -> set[int]:
    """Indices of reference words aligned (on folded keys) to an identical hypothesis word.

    Words the first alignment leaves unpaired are aligned once more among themselves: legacy OCR
    reads some blocks (a two-column header, the signature) in another place, and a restorer should
    be scored on how it restored those words, not on where the OCR put them.
    """
    first, reference_rest, hypothesis_rest = _aligned(reference, hypothesis)
    second, _, _ = _aligned([reference[i] for i in reference_rest], [hypothesis[j] for j in hypothesis_rest])
    return first | {reference_rest[i] for i in second}


def reachable_words(reference: list[str], damaged: list[str]) -> int:
    """How many reference words a restorer of `damaged` could get right at most, aligned as
    `correct_positions` aligns: every word of a stretch where the damaged text has a word for each
    reference word; elsewhere no more than the damaged words could be cut into, at most one word
    per two characters (`kinhdoanh` -> `kinh doanh`). Reference words OCR dropped are out of reach."""
    reachable = 0
    reference_rest: list[str] = []
    damaged_rest: list[str] = []
    for (damaged_start, damaged_end), (reference_start, reference_end) in _stretches(reference, damaged):
        if reference_end - reference_start == damaged_end - damaged_start:
            reachable += reference_end - reference_start
        else:
            reference_rest.extend(reference[reference_start:reference_end])
            damaged_rest.extend(damaged[damaged_start:damaged_end])
    for (damaged_start, damaged_end), (reference_start, reference_end) in _stretches(reference_rest, damaged_rest):
        pieces = sum(max(1, len(word) // 2) for word in damaged_rest[damaged_start:damaged_end])
        reachable += min(reference_end - reference_start, pieces)
    return reachable


def _stretches(reference: list[str], hypothesis: list[str]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The alignment of `_aligned` as ((hypothesis start, end), (reference start, end)) stretches:
    each equal block, and each run of unequal blocks taken together (a word OCR merged from two
    comes out as one replaced word and one inserted)."""
    stretches: list[tuple[tuple[int, int], tuple[int, int]]] = []
    open_run = False
    for block in Levenshtein.opcodes([_skeleton(w) for w in hypothesis], [_skeleton(w) for w in reference]):
        if block.tag != "equal" and open_run:
            (src_start, _), (dest_start, _) = stretches[-1]
            stretches[-1] = ((src_start, block.src_end), (dest_start, block.dest_end))
        else:
            stretches.append(((block.src_start, block.src_end), (block.dest_start, block.dest_end)))
        open_run = block.tag != "equal"
    return stretches


def _aligned(reference: list[str], hypothesis: list[str]) -> tuple[set[int], list[int], list[int]]:
    """(reference indices matched exactly, reference indices unpaired, hypothesis indices unpaired)."""
    blocks = Levenshtein.opcodes([_skeleton(w) for w in hypothesis], [_skeleton(w) for w in reference])
    correct: set[int] = set()
    reference_rest: list[int] = []
    hypothesis_rest: list[int] = []
    for block in blocks:
        if block.tag != "equal":
            reference_rest.extend(range(block.dest_start, block.dest_end))
            hypothesis_rest.extend(range(block.src_start, block.src_end))
            continue
        correct.update(
            reference_index
            for hypothesis_index, reference_index in zip(range(block.src_start, block.src_end),
                                                         range(block.dest_start, block.dest_end))
            if hypothesis[hypothesis_index] == reference[reference_index]
        )
    return correct, reference_rest, hypothesis_rest


@dataclass(frozen=True)
class RestorationScore:
    """Counts over reference words; add scores of several texts with `+`."""

    words: int
    correct_after: int  # restored output word right
    correct_before: int  # input word already right
    kept: int  # already right and still right
    reachable: int  # right at most, whatever the restorer (`reachable_words`)

    @property
    def accuracy(self) -> float:
        return self.correct_after / self.words if self.words else 0.0

    @property
    def input_accuracy(self) -> float:
        return self.correct_before / self.words if self.words else 0.0

    @property
    def ceiling(self) -> float:
        """The accuracy no restorer of this input could exceed."""
        return self.reachable / self.words if self.words else 0.0

    @property
    def kept_share(self) -> float:
        """Share of already-correct words the restorer left correct."""
        return self.kept / self.correct_before if self.correct_before else 1.0

    def __add__(self, other: RestorationScore) -> RestorationScore:
        return RestorationScore(self.words + other.words, self.correct_after + other.correct_after,
                                self.correct_before + other.correct_before, self.kept + other.kept,
                                self.reachable + other.reachable)


NO_RESTORATION = RestorationScore(0, 0, 0, 0, 0)


def restoration_score(reference: str, damaged: str, restored: str) -> RestorationScore:
    truth, given = words(reference), words(damaged)
    before = correct_positions(truth, given)
    after = correct_positions(truth, words(restored))
    return RestorationScore(len(truth), len(after), len(before), len(before & after), reachable_words(truth, given))


def restorer_score(restore: Callable[[str], str], pairs: Iterable[tuple[str, str]]) -> RestorationScore:
    """`restore` run on the damaged text of each (reference, damaged) pair, scored and summed."""
    total = NO_RESTORATION
    for reference, damaged in pairs:
        total += restoration_score(reference, damaged, restore(damaged))
    return total


@dataclass(frozen=True)
class FieldScore:
    """Matches of one extracted field over many documents; add with `+`.

    The harness keeps its own arithmetic rather than borrowing `evaluation.scoring` (the seeds' scorer).
    """

    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.true_positives + other.true_positives, self.predicted + other.predicted,
                          self.expected + other.expected)


NO_FIELD = FieldScore(0, 0, 0)


def value_score(expected: str | None, predicted: str | None) -> FieldScore:
    """One single-valued field of one document: a wrong answer is a false positive and a miss."""
    hit = expected is not None and predicted == expected
    return FieldScore(int(hit), int(predicted is not None), int(expected is not None))


def multiset_score(expected: Counter, predicted: Counter) -> FieldScore:
    """Repeated items count as often as they occur: a document citing 124/QĐ-UBND twice must yield it twice."""
    return FieldScore(sum((expected & predicted).values()), sum(predicted.values()), sum(expected.values()))


@dataclass(frozen=True)
class FigureScore:
    """A document's own figures (one value per key) against the gold's; add with `+`.

    right: key found with the gold's value; wrong: key found with another value; missing: gold key
    not found; invented: key found that the gold has no figure for."""

    right: int
    wrong: int
    missing: int
    invented: int

    @property
    def expected(self) -> int:
        return self.right + self.wrong + self.missing

    def __add__(self, other: FigureScore) -> FigureScore:
        return FigureScore(self.right + other.right, self.wrong + other.wrong, self.missing + other.missing,
                           self.invented + other.invented)


NO_FIGURES = FigureScore(0, 0, 0, 0)


def figure_score(expected: dict, predicted: dict) -> FigureScore:
    found = expected.keys() & predicted.keys()
    right = sum(1 for key in found if predicted[key] == expected[key])
    return FigureScore(right, len(found) - right, len(expected.keys() - found), len(predicted.keys() - found))
