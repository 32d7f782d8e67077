from patterns.codes import (
    Symbol,
    agency_code,
    canonical_code,
    number_symbol,
    parse_party_symbol,
    parse_state_symbol,
    repaired_symbol,
)


def test_d_for_dj_is_read_as_qd():
    assert parse_state_symbol("QD-UBND", None) == Symbol(None, "QĐ", "QĐ-UBND")


def test_zero_p_is_read_as_qd():
    assert parse_state_symbol("0P-UBND", None) == Symbol(None, "QĐ", "QĐ-UBND")


def test_lowercase_b_is_read_as_dj():
    assert parse_state_symbol("Qb-TTg", None) == Symbol(None, "QĐ", "QĐ-TTg")


def test_council_code_regains_its_dj():
    assert parse_state_symbol("NQ-HDND", 2022) == Symbol(2022, "NQ", "NQ-HĐND")


def test_letter_without_type_code_is_a_cong_van():
    assert parse_state_symbol("UBND-TTHC", None) == Symbol(None, None, "UBND-TTHC")


def test_printed_hd_stays_huong_dan():
    assert canonical_code("HD", type_first=True) == "HD"


def test_unknown_code_is_not_forced_onto_a_known_one():
    assert canonical_code("NV", type_first=True) is None


def test_party_symbol():
    assert parse_party_symbol("CTr", "BCP") == Symbol(None, "CTr", "CTr/BCĐ")


def test_number_symbol_forms():
    assert [
        number_symbol("37", Symbol(2020, "QĐ", "QĐ-UBND")),
        number_symbol("124", Symbol(None, "QĐ", "QĐ-UBND")),
        number_symbol("02", Symbol(None, "CTr", "CTr/BCĐ")),
    ] == ["37/2020/QĐ-UBND", "124/QĐ-UBND", "02-CTr/BCĐ"]


def test_council_code_whose_d_ocr_split_in_two():
    assert canonical_code("HPDND", type_first=False) == "HĐND"


def test_agency_code_of_a_header_name():
    names = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI")
    assert [agency_code(name) for name in names] == ["STTTT", "UBND"]


def test_known_codes_of_a_symbol_are_not_repaired():
    assert repaired_symbol(Symbol(None, None, "UBND-TTHC"), None, "VP") == Symbol(None, None, "UBND-TTHC")


def test_a_marked_letter_that_two_codes_could_be_is_not_guessed():
    assert canonical_code("VÀ", type_first=False) is None


def test_three_letters_are_not_cut_to_a_known_two_letter_code():
    assert canonical_code("NVX", type_first=False) is None


def test_unknown_code_in_capitals_is_not_cut_to_a_known_one():
    assert canonical_code("BCVT", type_first=False) is None


def test_marked_letter_does_not_add_to_other_misreads():
    assert canonical_code("BÊ", type_first=True) is None
