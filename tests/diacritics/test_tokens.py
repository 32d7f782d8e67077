import pytest

from diacritics.tokens import (
    Kind,
    Spelling,
    Tokenizer,
    apply_case,
    case_shape,
    is_heading,
    line_spelling,
    lm_name,
    name_parts,
    symbol_parts,
)


def kinds(line: str, symbols: str = "") -> list[tuple[str, str]]:
    return [(token.text, token.kind.value) for token in Tokenizer(symbols).tokens(line)]


def test_codes_split_into_numbers_words_and_punctuation():
    assert kinds("124/QĐ-UBND") == [
        ("124", "number"), ("/", "punct"), ("QĐ", "word"), ("-", "punct"), ("UBND", "word")
    ]


def test_confusable_symbols_stay_inside_words():
    assert kinds("K& hoach", "&") == [("K&", "word"), ("hoach", "word")]


def test_punctuation_printed_for_a_letter_stays_inside_a_word_only_between_letters():
    tokenizer = Tokenizer("", "'?")
    assert [token.text for token in tokenizer.tokens("thu'c hién? 'a'")] == [
        "thu'c", "hién", "?", "'", "a", "'"
    ]


def test_a_lone_symbol_is_punctuation():
    assert kinds("R & D", "&") == [("R", "word"), ("&", "punct"), ("D", "word")]


def test_digits_next_to_letters_belong_to_the_word():
    assert kinds("S6: 937") == [("S6", "word"), (":", "punct"), ("937", "number")]


def test_language_model_names_are_lowercase_old_style_and_classed():
    tokens = Tokenizer().tokens("Hoá 2023 ,")
    assert [lm_name(token) for token in tokens] == ["hóa", "<num>", ","]


def test_uppercase_pattern_gives_uppercase_word():
    assert apply_case("KET", "kết") == "KẾT"


def test_leading_capital_gives_title_even_with_digits_for_letters():
    assert apply_case("S6", "số") == "Số"


def test_mixed_case_code_keeps_capitals_letter_by_letter():
    assert apply_case("CTr", "ctr") == "CTr"


def test_line_mostly_in_capitals_is_a_heading():
    assert is_heading(Tokenizer().tokens("I. KET QUA THUC HIEN NHIEM VU"))
    assert not is_heading(Tokenizer().tokens("TTHC nhu: Quyet dinh so 124/QD-UBND"))


def test_abbreviations_without_a_vowel_do_not_make_a_heading():
    assert not is_heading(Tokenizer().tokens("- Luu: VT, VP."))


def test_word_kind_enum_values():
    assert {kind.value for kind in Kind} == {"word", "number", "punct"}


def test_case_shapes():
    assert [case_shape(word) for word in ("UBND", "Số", "S6", "số", "I")] == [
        "upper", "title", "title", "lower", "title"
    ]


def test_ascii_line_of_a_legacy_ocr_text_is_legacy_ocr():
    assert line_spelling("Doc lap - Tw do", Spelling.LEGACY_OCR) is Spelling.LEGACY_OCR


def test_ascii_line_of_an_unaccented_text_stays_unaccented():
    assert line_spelling("Doc lap - Tu do", Spelling.UNACCENTED) is Spelling.UNACCENTED


def test_marked_line_keeps_its_own_spelling_whatever_the_text():
    assert line_spelling("Độc lập - Tự do", Spelling.LEGACY_OCR) is Spelling.VIETNAMESE


def test_syllable_mostly_in_capitals_is_written_in_capitals():
    assert apply_case("NGHiA", "nghĩa") == "NGHĨA"


def test_words_and_numbers_of_a_document_symbol_are_symbol_parts():
    tokens = Tokenizer().tokens("số 696/2021/NQ-Hi. ngày")
    assert [tokens[i].text for i in sorted(symbol_parts(tokens))] == [
        "696", "/", "2021", "/", "NQ", "-", "Hi",
    ]


def test_words_joined_by_a_hyphen_alone_are_no_symbol():
    assert symbol_parts(Tokenizer().tokens("năm 2023-như sau; các-PCT")) == frozenset()


def test_a_subject_marker_without_number_or_code_is_no_symbol():
    assert symbol_parts(Tokenizer().tokens("V/v báo cáo")) == frozenset()


def test_a_run_of_capitalised_words_opening_with_a_family_name_is_a_name():
    tokens = Tokenizer().tokens("ông Lê Văn Thành, BÙI THÀNH SƠN")
    assert [tokens[i].text for i in sorted(name_parts(tokens))] == [
        "Lê", "Văn", "Thành", "BÙI", "THÀNH", "SƠN",
    ]


def test_a_run_of_capitalised_words_opening_otherwise_is_no_name():
    assert name_parts(Tokenizer().tokens("Hội thánh Đức Chúa Trời, Tết Nguyên đán Ất Tỵ")) == frozenset()


@pytest.mark.parametrize("text", ["Ban Tổ chức Lê tang", "Tết Nguyên đán Nhâm Dần", "VIÊN CHỨC QUỐC PHÒNG ĐANG CÔNG TÁC"])
def test_a_run_shorter_or_longer_than_a_name_opening_with_a_family_name_is_no_name(text):
    assert name_parts(Tokenizer().tokens(text)) == frozenset()


def test_a_marked_line_of_a_vietnamese_text_is_vietnamese_even_with_latin1_marks_only():
    assert line_spelling("Lê Thanh Hùng", Spelling.VIETNAMESE) is Spelling.VIETNAMESE


def test_a_heading_word_in_capitals_before_a_slash_is_no_code():
    assert symbol_parts(Tokenizer().tokens("CÔNG BÁO/Số 1523")) == frozenset()
