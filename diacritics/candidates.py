"""Candidate generation: for an observed token, the vocabulary words that could have produced it.

Vocabulary words are indexed by skeleton (`được` -> `duoc`). An observed token is turned into the
few skeletons its characters most likely stand for (`s6` -> `so`, `Igi` -> `loi`, `stv` -> `su`, by
the channel's readings of printed characters), matched fuzzily against the index with rapidfuzz,
and every word found is priced by the channel.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from diacritics.channel import Channel, ChannelCounts
from diacritics.lm import LanguageModel
from diacritics.syllable import is_syllable, skeleton
from diacritics.tokens import Spelling, apply_case, case_shape, is_code_shaped

# Fuzzy skeleton search radius: short tokens get less room, or everything would match.
_MAX_DISTANCE_SHORT = 1
_MAX_DISTANCE = 2
_SHORT = 3
_SKELETON_MATCHES = 20  # per query variant
# Skeleton readings of the observed word tried, and what makes a printed piece's reading count.
QUERY_VARIANTS = 6
MIN_READING_COUNT = 3
MIN_READING_SHARE = 0.02
# Keep at most this many candidates per token, ranked by channel cost plus unigram cost, and only
# those ranked within RANK_MARGIN of the best.
MAX_CANDIDATES = 16
RANK_MARGIN = 10.0
_CACHE_LIMIT = 200_000
# The language model prices all out-of-vocabulary words as one `<unk>`; a particular unknown word
# is one of some hundred thousand such types (about e^-12 of that mass).
UNKNOWN_SPELLING_COST = 12.0
# Unknown codes (`STP`, `VNPT`) are an open class in reports: much less surprising than words.
UNKNOWN_CODE_COST = 4.0
# Outside headings a word in capitals is rare (about e^-4); OCR printing a capital for a marked
# small letter (`BO` for `Bộ`) is commoner.
CAPITALS_IN_PROSE_COST = 5.0
# A known code (`TW`, `UBND`) is nearly always written in capitals; in small letters (`Tw`) it is
# likelier a misread word (`Tự`).
CODE_IN_SMALL_LETTERS_COST = 4.0
# A known capitalised word typed or read by a Vietnamese OCR model (mostly a name) is meant as
# written: another marking of it (`Thành` for `Thanh`) needs the language model's strong evidence.
REMARKING_COST = 3.0
# An English OCR model reading small print loses spaces between words (`kinhdoanh`,
# `THANHPHOHAIPHONG`). A token of at least MIN_MERGED_LETTERS letters that no syllable spells may
# be read as several words, each lost space costing LOST_SPACE_COST; a piece has MIN_PIECE_LETTERS
# to MAX_PIECE_LETTERS characters (`nghiêng`, plus one the OCR may have added). The likeliest
# MERGED_READINGS spellings are offered, from MERGED_PIECE_CANDIDATES per piece.
MIN_MERGED_LETTERS = 6
MIN_PIECE_LETTERS = 2
MAX_PIECE_LETTERS = 8
LOST_SPACE_COST = 2.0
MERGED_READINGS = 8
MERGED_PIECE_CANDIDATES = 4


K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Candidate:
    word: int  # language-model id (`<unk>` for an out-of-vocabulary token kept as it is)
    text: str  # spelling to write in place of the observed word (its case applied)
    cost: float  # channel cost -log P(observed | text), plus spelling cost if text is unknown
    # Language-model ids of the words before `word` when the observed token was several words
    # run together (`text` is then those words, spaced).
    before: tuple[int, ...] = ()


@dataclass(frozen=True)
class SkeletonReadings:
    """What printed characters and character pairs stand for, as skeleton letters: `6` -> `o`,
    `I` -> `l` or `i`, `tv` -> `u`, with costs -log P(skeleton letter | printed piece)."""

    readings: dict[str, tuple[tuple[str, float], ...]]

    @classmethod
    def from_counts(cls, counts: ChannelCounts) -> SkeletonReadings:
        votes: dict[str, Counter[str]] = {}
        for letter, pieces in counts.pieces.items():
            if letter.isalpha():
                for piece, n in pieces.items():
                    if piece:
                        votes.setdefault(piece, Counter())[skeleton(letter)] += n
        readings = {}
        for piece, counter in votes.items():
            total = sum(counter.values())
            readings[piece] = tuple(
                (letter, -math.log(n / total))
                for letter, n in counter.most_common()
                if n >= MIN_READING_COUNT and n >= MIN_READING_SHARE * total
            )
        return cls(readings)

    def queries(self, observed: str) -> list[str]:
        """The QUERY_VARIANTS likeliest skeletons the observed word stands for."""
        best: list[list[tuple[float, str]]] = [[] for _ in range(len(observed))] + [[(0.0, "")]]
        for start in range(len(observed) - 1, -1, -1):
            options = []
            for size in (1, 2):
                piece = observed[start : start + size]
                if len(piece) < size:
                    continue
                fallback = ((skeleton(piece), 0.0),) if size == 1 else ()
                for letters, cost in self.readings.get(piece) or fallback:
                    options.extend(
                        (cost + rest_cost, letters + rest) for rest_cost, rest in best[start + size]
                    )
            best[start] = heapq.nsmallest(QUERY_VARIANTS, set(options))
        return [query for _, query in best[0]]


@dataclass(frozen=True)
class SkeletonIndex:
    """Words by skeleton (`được` under `duoc`), and the skeletons in a list to search fuzzily."""

    by_skeleton: dict[str, tuple[str, ...]]
    skeletons: tuple[str, ...]

    @classmethod
    def of(cls, words: Iterable[str]) -> SkeletonIndex:
        grouped: dict[str, list[str]] = {}
        for word in words:
            grouped.setdefault(skeleton(word), []).append(word)
        by_skeleton = {key: tuple(group) for key, group in grouped.items()}
        return cls(by_skeleton, tuple(by_skeleton))

    def exact(self, observed: str) -> set[str]:
        """The words of the observed word's own skeleton."""
        return set(self.by_skeleton.get(skeleton(observed), ()))

    def fuzzy(self, queries: list[str]) -> set[str]:
        """The words whose skeletons are near one of the queried skeletons."""
        words: set[str] = set()
        for query in queries:
            radius = _MAX_DISTANCE_SHORT if len(query) <= _SHORT else _MAX_DISTANCE
            matches = process.extract(
                query, self.skeletons, scorer=Levenshtein.distance,
                score_cutoff=radius, limit=_SKELETON_MATCHES,
            )
            words.update(word for key, _, _ in matches for word in self.by_skeleton[key])
        return words


@dataclass(frozen=True)
class _Pricing:
    """How an observed word's candidates are priced."""

    channel: Channel  # the OCR model's channel that likely produced the line
    unaccented: bool  # marks stripped (wholesale, or from a code): the skeleton's words are free
    code: bool  # the word is a code: an unknown one is kept at UNKNOWN_CODE_COST
    case_suspect: bool  # capitals may be misread small letters: a title spelling competes
    initial_suspect: bool  # a capital initial may be a misread small letter (`Idi` for `lợi`)
    written: str | None  # a known capitalised word of a Vietnamese line: others pay REMARKING_COST


class CandidateGenerator:
    """Vocabulary words indexed by skeleton, and a cache of each observed word's candidates."""

    def __init__(
        self,
        lm: LanguageModel,
        channels: dict[Spelling, Channel],
        readings: SkeletonReadings,
        codes: frozenset[str],
    ) -> None:
        self._lm = lm
        self._codes = codes
        self._channels = channels  # the channel of the OCR model behind each line spelling
        self._readings = readings
        words = [word for word in lm.vocabulary if word.isalpha()]
        self._words = SkeletonIndex.of(words)
        # Codes are searched among codes only, or the many words near a short code crowd them out.
        self._known_codes = SkeletonIndex.of(word for word in words if word in codes)
        # Skeletons of syllables: `TICH` is no syllable as written, but `tịch` once marked.
        self._syllable_skeletons = frozenset(
            key for key, group in self._words.by_skeleton.items() if any(map(is_syllable, group))
        )
        self._cache: dict[tuple[str, Spelling, bool, bool, bool], tuple[Candidate, ...]] = {}
        self._merged_cache: dict[tuple[str, bool], tuple[Candidate, ...]] = {}

    def candidates(
        self, observed: str, spelling: Spelling, prose: bool, in_symbol: bool, in_name: bool = False
    ) -> tuple[Candidate, ...]:
        """Candidates for an observed word (as written, NFC, old-style tones), most likely first.

        `spelling` of the line: in unaccented text the words with exactly the observed skeleton
        cost nothing and, if there are any, are the only candidates; in Vietnamese text a known
        word competes only with words of its skeleton (mis-marked, not misread: `H` in a code
        stays `H`); legacy OCR words are searched for fuzzily.

        `prose`: the line is not a heading, so capitals carry meaning: a word in capitals that
        cannot be a syllable (`QD`, `STP`) is a code: the known codes of its skeleton replace it
        (for free, as in unaccented text), other known codes compete with keeping it as it is;
        one that can (`BO`, `TICH`) may, in legacy OCR, be a misread small word.

        `in_symbol`: the word is part of a document symbol (`tokens.symbol_parts`), so a code
        whatever its letters (`Hi` in `NQ-Hi`): only known codes compete with keeping it.

        `in_name`: the word is part of a personal name (`tokens.name_parts`). A known capitalised
        word of a Vietnamese line pays REMARKING_COST for any other marking, so that only strong
        context changes it; outside names every such marking is offered to the context
        (`Đức Chứa Trời` -> `Chúa`), in names only those as likely as any candidate out of
        context (the language model knows a few people's names: `Lê Văn Thanh`, not
        `Lê Văn Thành`). A name's syllable the language model does not know is kept as written.
        """
        return _cached(
            self._cache, (observed, spelling, prose, in_symbol, in_name),
            lambda: self._generate(observed, spelling, prose, in_symbol, in_name),
        )

    def merged_candidates(self, observed: str, prose: bool) -> tuple[Candidate, ...]:
        """Readings of a legacy OCR token as several words the OCR ran together (`kinhdoanh` ->
        `kinh doanh`), for the language model to weigh against reading it as one word; none for
        a known word or one a syllable spells. The token is cut where the channel reads every
        piece most cheaply as a known syllable (so codes such as `VPUBND` are never cut), and
        the likeliest few spellings of those pieces are offered."""
        return _cached(self._merged_cache, (observed, prose), lambda: self._merged(observed, prose))

    def _merged(self, observed: str, prose: bool) -> tuple[Candidate, ...]:
        if (
            sum(char.isalpha() for char in observed) < MIN_MERGED_LETTERS
            or self._lm.id_of(observed.lower()) != self._lm.unknown
            or skeleton(observed) in self._syllable_skeletons
            or (is_code_shaped(observed) and self._is_code(observed))
        ):
            return ()
        # The capitals of a token in capitals say nothing of its pieces (`BANNHAN`, a heading).
        piece_prose = prose and case_shape(observed) != "upper"
        pieces = self._cheapest_cut(observed, piece_prose)
        if not pieces:
            return ()
        unigram = self._lm.unigram
        # (rank, cost, word ids, spellings), ranked like single candidates: channel cost plus
        # unigram cost.
        readings: list[tuple[float, float, tuple[int, ...], tuple[str, ...]]] = [(0.0, 0.0, (), ())]
        for piece in pieces:
            syllables = self._syllable_readings(piece, piece_prose)[:MERGED_PIECE_CANDIDATES]
            readings = heapq.nsmallest(MERGED_READINGS, (
                (rank + candidate.cost - unigram[candidate.word], cost + candidate.cost,
                 words + (candidate.word,), texts + (candidate.text,))
                for rank, cost, words, texts in readings
                for candidate in syllables
            ))
        lost_spaces = LOST_SPACE_COST * (len(pieces) - 1)
        return tuple(
            Candidate(words[-1], " ".join(texts), cost + lost_spaces, words[:-1])
            for _, cost, words, texts in readings
        )

    def _cheapest_cut(self, observed: str, prose: bool) -> tuple[str, ...]:
        """`observed` cut into two or more pieces of MIN_PIECE_LETTERS to MAX_PIECE_LETTERS
        characters, each read as a known syllable, at the least total channel cost, lost spaces
        included; () if no cut reads so."""
        # best[i]: (cost, start of the last piece) of the cheapest cut of observed[:i].
        best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * len(observed)
        for end in range(MIN_PIECE_LETTERS, len(observed) + 1):
            for start in range(max(0, end - MAX_PIECE_LETTERS), end - MIN_PIECE_LETTERS + 1):
                if best[start][0] < math.inf:
                    cost = best[start][0] + self._syllable_cost(observed[start:end], prose)
                    if start:
                        cost += LOST_SPACE_COST
                    if cost < best[end][0]:
                        best[end] = (cost, start)
        if best[-1][0] == math.inf:
            return ()
        pieces: list[str] = []
        end = len(observed)
        while end:
            start = best[end][1]
            pieces.append(observed[start:end])
            end = start
        return tuple(pieces[::-1]) if len(pieces) > 1 else ()

    def _syllable_cost(self, piece: str, prose: bool) -> float:
        """The least channel cost of reading `piece` as a known syllable (infinite if none)."""
        return min((candidate.cost for candidate in self._syllable_readings(piece, prose)), default=math.inf)

    def _syllable_readings(self, piece: str, prose: bool) -> list[Candidate]:
        """The legacy OCR candidates of a piece of a token that are known syllables, likeliest
        first; none for a piece without a letter."""
        if not any(char.isalpha() for char in piece):
            return []
        return [
            candidate
            for candidate in self.candidates(piece, Spelling.LEGACY_OCR, prose, False)
            if candidate.word != self._lm.unknown and is_syllable(candidate.text.lower())
        ]

    def _generate(
        self, observed: str, spelling: Spelling, prose: bool, in_symbol: bool, in_name: bool
    ) -> tuple[Candidate, ...]:
        lower = observed.lower()
        if (in_name and spelling is Spelling.VIETNAMESE and case_shape(observed) == "title"
                and is_syllable(lower) and self._lm.id_of(lower) == self._lm.unknown):
            # A person's marks are their own: a syllable too rare for the language model's
            # vocabulary would lose to any known word of its skeleton (UNKNOWN_SPELLING_COST),
            # however it was printed (the commoner `Chính` took the signer `Lê Trung Chinh`'s
            # name). Names in capitals are kept out: a heading's words may run like one
            # (`VIÊN CHỨC QUÓC PHÒNG`, `QUÓC` misread for `QUỐC`).
            return (Candidate(self._lm.unknown, observed, 0.0),)
        capitalised = prose and is_code_shaped(observed)
        code = capitalised and self._is_code(observed)
        # A misread part of a symbol (`Hi`, `0P`) is no code as written, but stands for one.
        codes_only = code or in_symbol
        # Only an English OCR model's capitals are suspect; typed text means what it capitalises.
        legacy = spelling is Spelling.LEGACY_OCR
        case_suspect = capitalised and not codes_only and legacy
        initial_suspect = legacy and case_shape(observed) == "title"
        # Codes lose their marks to keyboards as much as to OCR (`QD` for `QĐ`).
        unaccented = spelling is Spelling.UNACCENTED or codes_only
        known = self._lm.id_of(lower) != self._lm.unknown
        marked_known = spelling is Spelling.VIETNAMESE and known
        # Only capitalised words keep their marks so firmly: names, which the language model knows
        # least; in lowercase words the Vietnamese model's mark errors (`quá` for `quả`) are common.
        written = lower if marked_known and case_shape(observed) != "lower" else None
        same_skeleton = unaccented or marked_known
        words = self._search(observed, same_skeleton, codes_only)
        # A code spelled like a known one without its marks is that code (`SKHDT` for `SKHĐT`),
        # not a second, unknown code: only codes unlike any known one, or with marks a known one
        # lacks (OCR prints no Đ that is not there: `CĐS`, not `CDS`), may be kept as they are.
        if not codes_only or not lower.isascii() or skeleton(lower) not in map(skeleton, words):
            words.add(lower)
        unigram = self._lm.unigram

        def rank(candidate: Candidate) -> float:
            return candidate.cost - unigram[candidate.word]

        pricing = _Pricing(
            self._channels[spelling], unaccented, code, case_suspect, initial_suspect, written
        )
        ranked = sorted((self._price(observed, word, pricing) for word in words), key=rank)
        worst = rank(ranked[0]) + RANK_MARGIN
        # Outside names, the other markings of a known capitalised word already pay
        # REMARKING_COST: the context decides them, so it must see them (`Chúa` for `Chứa` fell
        # 2.4 past the margin). Other words stay pruned (a symbol's `TU` is no misread `TW`).
        remarking = skeleton(observed) if written is not None and not in_name else None
        return tuple(
            candidate for candidate in ranked[:MAX_CANDIDATES]
            if rank(candidate) <= worst or skeleton(candidate.text) == remarking
        )

    def _is_code(self, observed: str) -> bool:
        """Letters only, no syllable even with marks added, nor syllables run together (`QD`,
        `STP`; not `TICH`, not `NG6i`, a word with a misread letter, and not `SONOIVU`)."""
        return (
            observed.isalpha()
            and skeleton(observed) not in self._syllable_skeletons
            and not self._spells_syllables(skeleton(observed))
        )

    def _spells_syllables(self, letters: str) -> bool:
        """Whether `letters` are two or more syllable skeletons run together (`sonoivu`)."""
        if len(letters) < MIN_MERGED_LETTERS:
            return False  # most codes are short: decided without the search
        ends = {0}
        for end in range(2, len(letters) + 1):
            if any(letters[start:end] in self._syllable_skeletons for start in ends if start <= end - 2):
                ends.add(end)
        return len(letters) in ends

    def _search(self, observed: str, same_skeleton: bool, code: bool) -> set[str]:
        """Vocabulary words (only codes, for a code) the observed word may stand for: those of its
        own skeleton if it can only be mis-marked and there are any, else a fuzzy search."""
        index = self._known_codes if code else self._words
        words = index.exact(observed) if same_skeleton else set()
        return words or index.fuzzy(self._readings.queries(observed))

    def _price(self, observed: str, word: str, pricing: _Pricing) -> Candidate:
        spelling = apply_case(observed, word)
        if pricing.unaccented and skeleton(word) == observed.lower():
            cost = 0.0
        else:
            cost = pricing.channel.cost(observed, spelling)
        if pricing.case_suspect:
            cost += CAPITALS_IN_PROSE_COST
            title = word[:1].upper() + word[1:]
            title_cost = pricing.channel.cost(observed, title)
            if title_cost < cost:
                spelling, cost = title, title_cost
        if pricing.initial_suspect:
            small_cost = pricing.channel.cost(observed, word)
            if small_cost < cost:
                spelling, cost = word, small_cost
        if word in self._codes and not is_code_shaped(spelling):
            cost += CODE_IN_SMALL_LETTERS_COST
            if pricing.initial_suspect:
                # Or legacy OCR printed the code's capitals as small letters (`Il` for the
                # numeral `II`): the code is written in capitals either way.
                capitals = word.upper()
                spelling, cost = capitals, min(cost, pricing.channel.cost(observed, capitals))
        if pricing.written not in (None, word):
            cost += REMARKING_COST
        word_id = self._lm.id_of(word)
        if word_id == self._lm.unknown:
            cost += UNKNOWN_CODE_COST if pricing.code else UNKNOWN_SPELLING_COST
        return Candidate(word_id, spelling, cost)


def _cached(cache: dict[K, V], key: K, compute: Callable[[], V]) -> V:
    """`cache[key]`, computed on first use; a full cache is emptied, so memory stays bounded on
    archives of any size."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        found = cache[key] = compute()
    return found
