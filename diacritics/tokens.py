"""Splitting text into word, number and punctuation tokens, and naming them for the language
model."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from diacritics.syllable import VIETNAMESE_ONLY_LETTERS, is_syllable, normalise_tones, skeleton
from domain.vocab import SURNAMES

NUMBER_TOKEN = "<num>"
UNKNOWN_TOKEN = "<unk>"
SENTENCE_START = "<s>"
SENTENCE_END = "</s>"


class Spelling(Enum):
    """What a line's letters say about how it was produced."""

    UNACCENTED = "unaccented"  # ASCII only: marks stripped wholesale (or all lost)
    LEGACY_OCR = "legacy-ocr"  # Latin-1 marks only: read by an English OCR model
    VIETNAMESE = "vietnamese"  # Vietnamese letters: typed, or read by a Vietnamese OCR model


def line_spelling(line: str, text: Spelling = Spelling.UNACCENTED) -> Spelling:
    """The spelling of one line of a text whose spelling as a whole is `text`. An ASCII line of a
    legacy OCR text is legacy OCR too: the English model loses every mark of some lines. A marked
    line of a Vietnamese text is Vietnamese even if its marks are all Latin-1 ones (`Lê Thanh
    Hùng`): an English model never prints `ơ` or `đ`, so the text was not read by one."""
    if line.isascii():
        return Spelling.LEGACY_OCR if text is Spelling.LEGACY_OCR else Spelling.UNACCENTED
    if text is Spelling.VIETNAMESE or any(char in VIETNAMESE_ONLY_LETTERS for char in line):
        return Spelling.VIETNAMESE
    return Spelling.LEGACY_OCR


class Kind(Enum):
    WORD = "word"  # contains a letter; may hold digits or symbols OCR put in place of letters
    NUMBER = "number"
    PUNCT = "punct"  # one non-space character that is neither


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # offset in the line
    end: int
    text: str
    kind: Kind


class Tokenizer:
    """Splits lines into tokens. `word_symbols` are non-alphanumeric characters that OCR puts in
    place of letters (`&` for `ế`, `¢` for `ệ`) and that therefore stay inside a word;
    `inner_symbols` are punctuation that OCR also prints for letters (`'` in `thu'c`), kept inside
    a word only between two letters."""

    def __init__(self, word_symbols: str = "", inner_symbols: str = "") -> None:
        parts = [r"[^\W_]"]
        if word_symbols:
            parts.append(f"[{re.escape(word_symbols)}]")
        if inner_symbols:
            parts.append(rf"(?<=[^\W\d_])[{re.escape(inner_symbols)}](?=[^\W\d_])")
        self._pattern = re.compile(rf"(?:{'|'.join(parts)})+|\S")

    def tokens(self, line: str) -> list[Token]:
        return [_classify(match.start(), match.group()) for match in self._pattern.finditer(line)]


def _classify(start: int, text: str) -> Token:
    if any(char.isalpha() for char in text):
        kind = Kind.WORD
    elif text.isdigit():
        kind = Kind.NUMBER
    else:
        kind = Kind.PUNCT
    return Token(start, start + len(text), text, kind)


# What joins the parts of a document symbol (`124/QĐ-UBND`, `01/2023/TT-VPCP`).
_SYMBOL_JOINS = frozenset("/-")


def symbol_parts(tokens: list[Token]) -> frozenset[int]:
    """Indexes of the tokens that are parts of a document symbol: tokens chained by `/` or `-`
    with no space between them, the chain holding a `/` and a code (`_is_code`). Such a
    word is a code even when OCR misread it (`NQ-Hi` for `NQ-HĐND`, `TTr-s` for `TTr-STP`): it
    may get a known code's marks back, never become a word; such a number stays a number. A
    hyphen alone joins no symbol: legacy OCR drops spaces around dashes (`2023-như`, `bố-79`)."""
    parts: set[int] = set()
    for chain in _joined_chains(tokens):
        texts = [tokens[i].text for i in chain]
        if "/" in texts and any(_is_code(tokens[i]) for i in chain):
            parts.update(chain)
    return frozenset(parts)


_SURNAMES = frozenset(normalise_tones(surname.lower()) for surname in SURNAMES)
NAME_WORDS = range(3, 5)  # a family name, a middle name or two, a given name


def name_parts(tokens: list[Token]) -> frozenset[int]:
    """Indexes of the words of personal names: runs of NAME_WORDS capitalised words (no
    punctuation or number between them) that open with a family name (`Lê Thị Kim Yên`,
    `BÙI THÀNH SƠN`). Capitalised runs that open otherwise are titles, feasts, calendar years
    (`Đức Chúa Trời`, `Ất Tỵ`), whose marks the context may decide; a name's marks are the
    person's own. Shorter or longer runs that open with a family name are words that are also
    one (`Lễ tang` read `Lê tang`, `Nhâm Dần`, `VIÊN CHỨC QUỐC PHÒNG`)."""
    parts: set[int] = set()
    run: list[int] = []
    for index, token in enumerate([*tokens, None]):
        if token is not None and token.kind is Kind.WORD and case_shape(token.text) != "lower":
            run.append(index)
            continue
        if len(run) in NAME_WORDS and normalise_tones(tokens[run[0]].text.lower()) in _SURNAMES:
            parts.update(run)
        run = []
    return frozenset(parts)


def _is_code(token: Token) -> bool:
    """Two or more capitals and no syllable as written: `QĐ`, `TTr`, not `BÁO` (`CÔNG BÁO/Số`)."""
    word = token.text
    return token.kind is Kind.WORD and is_code_shaped(word) and not is_syllable(word.lower())


def _joined_chains(tokens: list[Token]) -> list[list[int]]:
    """Indexes of the runs of tokens that touch one another through a `/` or `-`."""
    chains: list[list[int]] = []
    for index, token in enumerate(tokens):
        previous = tokens[chains[-1][-1]] if chains else None
        if (
            previous is not None
            and previous.end == token.start
            and (previous.text in _SYMBOL_JOINS or token.text in _SYMBOL_JOINS)
        ):
            chains[-1].append(index)
        else:
            chains.append([index])
    return chains


def lm_name(token: Token) -> str:
    """The token as the language model spells it: lowercase with old-style tones, or a class."""
    if token.kind is Kind.NUMBER:
        return NUMBER_TOKEN
    if token.kind is Kind.PUNCT:
        return token.text
    return normalise_tones(token.text.lower())


def is_code_shaped(word: str) -> bool:
    """Written like an abbreviation or document code: two or more capitals (`UBND`, `QĐ`, `CTr`)."""
    return sum(char.isupper() for char in word) >= 2


def is_heading(tokens: list[Token]) -> bool:
    """Most words in capitals: a heading, where capitals say nothing about abbreviations. Words
    without a vowel (`VT`, `STP`) are abbreviations, not syllables, and leave the vote to the
    others (`Lưu: VT, VP.` is no heading)."""
    words = [token.text for token in tokens if token.kind is Kind.WORD and _has_vowel(token.text)]
    capitalised = sum(word.isupper() for word in words)
    return bool(words) and capitalised * 2 > len(words)


def _has_vowel(word: str) -> bool:
    return any(letter in "aeiouy" for letter in skeleton(word))


def case_shape(word: str) -> str:
    """`upper` (several letters, all capitals), `title` (first letter a capital) or `lower`."""
    letters = [char for char in word if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return "upper"
    return "title" if letters and letters[0].isupper() else "lower"


def apply_case(pattern: str, word: str) -> str:
    """Write the lowercase `word` in the casing of `pattern`: uppercase (`KET` -> `KẾT`), title
    (`S6` -> `Số`), or, for a mixed-case code of the same length, capital by capital (`CTr`).
    A syllable written mostly in capitals is a word in capitals with letters OCR misread as
    small ones (`NGHiA` -> `NGHĨA`)."""
    shape = case_shape(pattern)
    if shape == "upper" or (_mostly_capitals(pattern) and is_syllable(word)):
        return word.upper()
    if is_code_shaped(pattern) and len(pattern) == len(word):
        return "".join(new.upper() if old.isupper() else new for old, new in zip(pattern, word))
    if shape == "title":
        return word[:1].upper() + word[1:]
    return word


def _mostly_capitals(word: str) -> bool:
    """Two or more capitals, and more capitals than small letters (`NGHiA`, not `S6` or `Ks`)."""
    letters = [char for char in word if char.isalpha()]
    return is_code_shaped(word) and sum(char.isupper() for char in letters) * 2 > len(letters)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
