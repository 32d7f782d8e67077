"""Choosing the most likely clean line: beam search over the candidate lattice, scored by the
trigram language model plus the channel, then the original casing put back."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass

from diacritics.candidates import Candidate, CandidateGenerator
from diacritics.lm import LanguageModel
from diacritics.syllable import normalise_tones
from diacritics.tokens import (
    Kind,
    Spelling,
    Token,
    Tokenizer,
    is_heading,
    line_spelling,
    lm_name,
    name_parts,
    symbol_parts,
)

# Channel costs are weighed against language-model log-probabilities with this factor.
CHANNEL_WEIGHT = 1.0
# Hypotheses (distinct last-two-word states) kept per position, and how far (in log-probability)
# below the best one a hypothesis may fall before it is dropped.
BEAM_WIDTH = 10
BEAM_MARGIN = 12.0
# Numbers of up to this many digits may be words an English OCR model misread (`6` for `ở`, `16`
# for `tổ`), by the line's spelling: a line without marks may be such OCR, but there a two-digit
# number is much likelier a number; typed Vietnamese means its digits.
_MISREAD_NUMBER_DIGITS = {Spelling.LEGACY_OCR: 2, Spelling.UNACCENTED: 1, Spelling.VIETNAMESE: 0}

# The chosen candidate indexes of a hypothesis, as a linked list from its last position back.
Trail = tuple["Trail", int] | None
# Beam state: (previous word id, current word id) -> (score, trail).
States = dict[tuple[int, int], tuple[float, Trail]]


@dataclass(frozen=True, slots=True)
class WordDecision:
    token: Token
    restored: str  # the word as it should be written, case as in the input
    confidence: float  # local posterior of the chosen word given its neighbours on the best path


@dataclass(frozen=True)
class Decoder:
    """Restores one text at a time; holds the models, no per-text state."""

    lm: LanguageModel
    generator: CandidateGenerator
    tokenizer: Tokenizer

    def decode_lines(self, lines: list[str], text: Spelling) -> list[list[WordDecision]]:
        """For each line (no line breaks inside) of a text spelled as `text`, the decision for
        every word: its word tokens, and any lone digit that turned out to be a misread word.

        The lines between two blank ones are decoded as one word sequence: a paragraph wrapped
        over several lines keeps its context across the breaks (`Nghị` / `quyết`)."""
        tokens = [self.tokenizer.tokens(line) for line in lines]
        decisions: list[list[WordDecision]] = [[] for _ in lines]
        for paragraph in _paragraphs(tokens):
            lattices = [self._lattice(lines[i], tokens[i], text) for i in paragraph]
            lattice = [slot for line_lattice in lattices for slot in line_lattice]
            path = self._best_path(lattice)
            words = [slot[index].word for slot, index in zip(lattice, path, strict=True)]
            start = 0
            for i, line_lattice in zip(paragraph, lattices, strict=True):
                decisions[i] = self._decisions(tokens[i], lattice, path, words, start)
                start += len(line_lattice)
        return decisions

    def _lattice(
        self, line: str, tokens: list[Token], text: Spelling
    ) -> list[tuple[Candidate, ...]]:
        spelling = line_spelling(line, text)
        prose = not is_heading(tokens)
        in_symbol = symbol_parts(tokens)
        in_name = name_parts(tokens)
        return [
            self._slot(token, spelling, prose, index in in_symbol, index in in_name)
            for index, token in enumerate(tokens)
        ]

    def _decisions(
        self, tokens: list[Token], lattice: list[tuple[Candidate, ...]], path: list[int],
        words: list[int], start: int,
    ) -> list[WordDecision]:
        """The decisions for one line's tokens, which sit at `start` in the paragraph's lattice."""
        decisions = []
        for offset, token in enumerate(tokens):
            i = start + offset
            chosen = lattice[i][path[i]]
            if token.kind is Kind.WORD or chosen.text != token.text:
                confidence = self._confidence(lattice[i], path[i], words, i)
                restored = restore_case(token.text, chosen.text)
                decisions.append(WordDecision(token, restored, confidence))
        return decisions

    def _slot(
        self, token: Token, spelling: Spelling, prose: bool, in_symbol: bool, in_name: bool
    ) -> tuple[Candidate, ...]:
        """The token's candidates; a number that is part of a symbol (`01/2023/TT`) or a symbol's
        letters (`symbol_parts`) are never read as words; a word of a personal name
        (`name_parts`) keeps its marks but for the likeliest alternatives."""
        if token.kind is Kind.WORD:
            observed = normalise_tones(token.text)
            single = self.generator.candidates(observed, spelling, prose, in_symbol, in_name)
            if spelling is Spelling.LEGACY_OCR and not in_symbol:
                return single + self.generator.merged_candidates(observed, prose)
            return single
        as_is = Candidate(self.lm.id_of(lm_name(token)), token.text, 0.0)
        if (
            token.kind is Kind.NUMBER
            and len(token.text) <= _MISREAD_NUMBER_DIGITS[spelling]
            and not in_symbol
        ):
            misread = self.generator.candidates(token.text, Spelling.LEGACY_OCR, prose, False)
            return (as_is, *(candidate for candidate in misread if candidate.text != token.text))
        return (as_is,)

    def _best_path(self, lattice: list[tuple[Candidate, ...]]) -> list[int]:
        """Candidate index per position on the best-scoring path (beam search, trigram states)."""
        logp = self.lm.logp
        states: States = {(self.lm.start, self.lm.start): (0.0, None)}
        for slot in lattice:
            extended: States = {}
            for (u, v), (score, trail) in states.items():
                for index, candidate in enumerate(slot):
                    w = candidate.word
                    if candidate.before:
                        gain, previous = _words_logp(logp, u, v, candidate)
                    else:
                        gain, previous = logp(u, v, w), v
                    total = score + gain - CHANNEL_WEIGHT * candidate.cost
                    known = extended.get((previous, w))
                    if known is None or total > known[0]:
                        extended[(previous, w)] = (total, (trail, index))
            states = _prune(extended)
        end = self.lm.end
        _, trail = max(
            (score + logp(u, v, end), trail) for (u, v), (score, trail) in states.items()
        )
        path: list[int] = []
        while trail is not None:
            trail, index = trail
            path.append(index)
        return path[::-1]

    def _confidence(
        self, slot: tuple[Candidate, ...], chosen: int, words: list[int], i: int
    ) -> float:
        """Posterior of the chosen candidate at position i, the other `words` of the path fixed."""
        if len(slot) == 1:
            return 1.0
        start, end = self.lm.start, self.lm.end
        left2 = words[i - 2] if i >= 2 else start
        left1 = words[i - 1] if i >= 1 else start
        right1 = words[i + 1] if i + 1 < len(words) else end
        right2 = words[i + 2] if i + 2 < len(words) else None
        logp = self.lm.logp
        scores = []
        for candidate in slot:
            w = candidate.word
            score, previous = _words_logp(logp, left2, left1, candidate)
            score += logp(previous, w, right1) - CHANNEL_WEIGHT * candidate.cost
            if right2 is not None:
                score += logp(w, right1, right2)
            scores.append(score)
        best = max(scores)
        mass = sum(math.exp(score - best) for score in scores)
        return math.exp(scores[chosen] - best) / mass


def _words_logp(
    logp: Callable[[int, int, int], float], u: int, v: int, candidate: Candidate
) -> tuple[float, int]:
    """Log-probability of the candidate's words (several if the OCR ran them together) after
    the words u, v; and the word before its last one, for the next trigram."""
    score = 0.0
    for w in candidate.before:
        score += logp(u, v, w)
        u, v = v, w
    return score + logp(u, v, candidate.word), v


def _paragraphs(tokens: list[list[Token]]) -> list[list[int]]:
    """Indexes of the lines of each paragraph: runs of lines that have tokens."""
    paragraphs: list[list[int]] = []
    current: list[int] = []
    for index, line_tokens in enumerate(tokens):
        if line_tokens:
            current.append(index)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _prune(states: States) -> States:
    """The best BEAM_WIDTH states within BEAM_MARGIN of the best one."""
    if len(states) == 1:
        return states
    floor = max(score for score, _ in states.values()) - BEAM_MARGIN
    kept = [item for item in states.items() if item[1][0] >= floor]
    if len(kept) > BEAM_WIDTH:
        kept = heapq.nlargest(BEAM_WIDTH, kept, key=lambda item: item[1][0])
    return dict(kept)


def restore_case(original: str, restored: str) -> str:
    """`restored`, unless `original` already is that word up to case and tone placement: then
    `original` stays exactly as written (`UBND`, `CTr`, `hoá`)."""
    if normalise_tones(original.lower()) == normalise_tones(restored.lower()):
        return original
    return restored
