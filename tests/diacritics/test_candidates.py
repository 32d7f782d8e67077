from diacritics.model import load_decoder
from diacritics.syllable import is_syllable
from diacritics.tokens import Spelling


def symbol_part_candidates(observed: str) -> list[str]:
    generator = load_decoder().generator
    return [c.text for c in generator.candidates(observed, Spelling.LEGACY_OCR, True, True)]


def test_a_misread_part_of_a_symbol_has_no_word_among_its_candidates():
    # `696/2021/NQ-Hi.`: legacy OCR's reading of `NQ-HĐND`; `hơi` is a word, not a code.
    others = [text for text in symbol_part_candidates("Hi") if text != "Hi"]
    assert others and not any(is_syllable(text.lower()) for text in others)


def test_a_known_code_misread_in_a_symbol_is_found_among_the_codes():
    # `s6 69/0P-UBND`: legacy OCR's reading of `số 69/QĐ-UBND`.
    assert "QĐ" in symbol_part_candidates("0P")
