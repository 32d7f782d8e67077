"""Vietnamese syllable structure: onset + vowel nucleus + coda, plus one tone.

Tone placement follows the old (traditional) convention, the one most of the corpus uses:
`hóa`, `thủy`, `ủy`, `khỏe` — in an open rhyme of two plain vowels the tone sits on the first.
`normalise_tones` rewrites new-style spellings (`hoá`, `thuỷ`) to it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Tone index: 0 level, 1 huyền (grave), 2 sắc (acute), 3 hỏi (hook), 4 ngã (tilde), 5 nặng (dot).
TONE_NAMES = ("ngang", "huyền", "sắc", "hỏi", "ngã", "nặng")
_TONED_VOWELS = {
    "a": "aàáảãạ",
    "ă": "ăằắẳẵặ",
    "â": "âầấẩẫậ",
    "e": "eèéẻẽẹ",
    "ê": "êềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọ",
    "ô": "ôồốổỗộ",
    "ơ": "ơờớởỡợ",
    "u": "uùúủũụ",
    "ư": "ưừứửữự",
    "y": "yỳýỷỹỵ",
}
# toned letter -> (letter without tone, tone index)
_TONE_OF = {
    toned: (plain, tone)
    for plain, forms in _TONED_VOWELS.items()
    for tone, toned in enumerate(forms)
}
# vowel letter with its quality mark -> plain Latin letter (the skeleton letter)
_BASE_LETTER = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}
_MARKED_VOWELS = frozenset("ăâêôơư")

ONSETS = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()
)
CODAS = frozenset("c ch m n ng nh p t".split())
_STOP_CODAS = frozenset("c ch p t".split())
# Nuclei that end in an off-glide and therefore take no coda; and nuclei that need one.
_OPEN_NUCLEI = frozenset(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu "
    "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu".split()
)
_CLOSED_NUCLEI = frozenset("ă â iê yê uô ươ uâ oă uyê".split())
NUCLEI = _OPEN_NUCLEI | _CLOSED_NUCLEI | frozenset(
    "a e ê i o ô ơ u ư y oa oe uê uơ uy".split()
)


@dataclass(frozen=True)
class Syllable:
    """A lowercase syllable split into its parts; `nucleus` carries quality marks but no tone."""

    onset: str
    nucleus: str
    coda: str
    tone: int

    @property
    def text(self) -> str:
        """The syllable spelled with the tone on the conventional vowel (old style)."""
        position = tone_position(self.nucleus, self.coda)
        letters = list(self.nucleus)
        letters[position] = _TONED_VOWELS[letters[position]][self.tone]
        return self.onset + "".join(letters) + self.coda


def tone_position(nucleus: str, coda: str) -> int:
    """Index in `nucleus` of the vowel that carries the tone (old-style placement)."""
    if len(nucleus) == 1:
        return 0
    if "ươ" in nucleus:
        return nucleus.index("ơ")
    marked = [i for i, letter in enumerate(nucleus) if letter in _MARKED_VOWELS]
    if marked:
        return marked[-1]
    if coda:
        return len(nucleus) - 1
    return len(nucleus) - 2


def split_tone(word: str) -> tuple[str, int]:
    """Remove the tone marks from a lowercase word; returns the word and its (last) tone."""
    letters = []
    tone = 0
    for letter in word:
        plain, letter_tone = _TONE_OF.get(letter, (letter, 0))
        if letter_tone:
            tone = letter_tone
        letters.append(plain)
    return "".join(letters), tone


def _split_onset(toneless: str) -> tuple[str, str]:
    """Longest onset that leaves a vowel; `gi`/`qu` count as onsets only before another vowel."""
    for size in (3, 2, 1):
        onset = toneless[:size]
        rest = toneless[size:]
        if onset in ONSETS and rest and rest[0] in _TONED_VOWELS:
            return onset, rest
    return "", toneless


@lru_cache(maxsize=65536)
def decompose(word: str) -> Syllable | None:
    """Parse a lowercase NFC word as one Vietnamese syllable, or None if it is not one."""
    if sum(_TONE_OF.get(letter, ("", 0))[1] > 0 for letter in word) > 1:
        return None
    toneless, tone = split_tone(word)
    onset, rhyme = _split_onset(toneless)
    vowel_end = 0
    while vowel_end < len(rhyme) and rhyme[vowel_end] in _TONED_VOWELS:
        vowel_end += 1
    nucleus, coda = rhyme[:vowel_end], rhyme[vowel_end:]
    if nucleus not in NUCLEI or (coda and coda not in CODAS):
        return None
    if (nucleus in _OPEN_NUCLEI and coda) or (nucleus in _CLOSED_NUCLEI and not coda):
        return None
    if coda in _STOP_CODAS and tone not in (2, 5):
        return None
    return Syllable(onset, nucleus, coda, tone)


def is_syllable(word: str) -> bool:
    """True if the word (any case) is a well-formed Vietnamese syllable."""
    return decompose(unicodedata.normalize("NFC", word).lower()) is not None


def normalise_tones(word: str) -> str:
    """Move the tone mark of a syllable to the old-style position, keeping the letter case.

    Words that are not syllables come back unchanged (NFC).
    """
    word = unicodedata.normalize("NFC", word)
    syllable = decompose(word.lower())
    if syllable is None:
        return word
    respelled = syllable.text
    if respelled == word.lower():
        return word
    return "".join(
        new.upper() if old.isupper() else new for old, new in zip(word, respelled, strict=True)
    )


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The word in plain lowercase Latin letters: tones and marks removed, `đ` read as `d`.

    Only an index key for looking up candidates; never output as text.
    """
    toneless, _ = split_tone(word.lower())
    return "".join(_BASE_LETTER.get(letter, letter) for letter in toneless)


# Vietnamese letters Latin-1 lacks (`ư ơ ă đ ạ ả ấ ...`): an English OCR model never prints them.
VIETNAMESE_ONLY_LETTERS = frozenset(
    letter
    for forms in _TONED_VOWELS.values()
    for toned in forms
    for letter in (toned, toned.upper())
    if ord(letter) > 0xFF
) | {"đ", "Đ"}


def has_vietnamese_marks(word: str) -> bool:
    """True if the word contains a tone mark, a quality mark or `đ`."""
    return skeleton(word) != word.lower()
