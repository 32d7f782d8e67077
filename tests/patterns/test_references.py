from patterns import Reference, extract_references


def test_full_citation_with_date_and_issuer():
    text = "theo Quyết định số 124/QĐ-UBND ngày 30/01/2023 của Chủ tịch UBND tỉnh."
    assert extract_references(text, page=3) == (
        Reference(
            ref_type="Quyết định", number="124", year=2023, symbol="QĐ-UBND", number_symbol="124/QĐ-UBND",
            ref_date="2023-01-30", issuer="Chủ tịch UBND tỉnh", page=3,
            context="theo Quyết định số 124/QĐ-UBND ngày 30/01/2023 của Chủ tịch UBND tỉnh.",
        ),
    )


def test_garbled_type_code_and_so():
    (reference,) = extract_references("(Quyét dinh s6 69/0P-UBND ngay 18/01/2023)")
    assert (reference.ref_type, reference.number_symbol, reference.ref_date) == ("Quyết định", "69/QĐ-UBND", "2023-01-18")


def test_number_with_year():
    (reference,) = extract_references("thay thế Quyet dinh s0 37/2020/Qb-UBND ngay 19/12/2020 cua UBND tinh")
    assert (reference.number_symbol, reference.year, reference.issuer) == ("37/2020/QĐ-UBND", 2020, "UBND tinh")


def test_cong_van_has_no_type_code():
    (reference,) = extract_references("(Công văn số 495/UBND-TTHC ngày 14/02/2023)")
    assert (reference.ref_type, reference.symbol) == ("Công văn", "UBND-TTHC")


def test_party_document():
    (reference,) = extract_references("Chirong trinh s6 02-CTr/BCP ngay 21/12/2022 cua Ban Chi dao")
    assert (reference.ref_type, reference.number_symbol, reference.issuer) == ("Chương trình", "02-CTr/BCĐ", "Ban Chi dao")


def test_symbol_split_across_lines():
    (reference,) = extract_references("K& hoach s6 11/KH-\nUBND ngay 30/01/2023 vé ra soat")
    assert reference.number_symbol == "11/KH-UBND"


def test_thousands_split_by_ocr():
    (reference,) = extract_references("(Cong van s6 1 898/UBND-TTHC ngay")
    assert reference.number_symbol == "1898/UBND-TTHC"


def test_law_symbol_with_legislature_number():
    (reference,) = extract_references("Luật số 80/2015/QH13 ngày 22/6/2015")
    assert (reference.ref_type, reference.number_symbol) == ("Luật", "80/2015/QH13")


def test_several_citations_after_one_type_word():
    text = "Chỉ thị số: 27/CT-TTg ngày 27/10/2023, 16/CT-TTg ngày 20/5/2024 của Thủ tướng Chính phủ."
    assert [(r.ref_type, r.number_symbol, r.ref_date) for r in extract_references(text)] == [
        ("Chỉ thị", "27/CT-TTg", "2023-10-27"),
        ("Chỉ thị", "16/CT-TTg", "2024-05-20"),
    ]


def test_dates_ratios_and_percentages_are_not_citations():
    assert extract_references("ngày 18/5/2023 đạt 66,1%/tổng số, thứ 01/63 tỉnh, V/v, b/c") == ()


def test_citation_after_a_speck_point():
    (reference,) = extract_references("Căn cứ Nghị quyết số .2529/2019/NQ-HĐND ngày 06/10/2019")
    assert (reference.number_symbol, reference.ref_date) == ("2529/2019/NQ-HĐND", "2019-10-06")


def test_year_whose_slash_ocr_lost():
    (reference,) = extract_references("Nghị quyết số 12/2025NQ-HĐND ngày 10/4/2025 của HĐND tỉnh")
    assert (reference.number_symbol, reference.year) == ("12/2025/NQ-HĐND", 2025)


def test_space_ocr_put_after_a_hyphen_before_a_known_code():
    (reference,) = extract_references("thực hiện Nghị định số 107/2021/NĐ- CP ngày 06/8/2021")
    assert reference.number_symbol == "107/2021/NĐ-CP"


def test_hyphen_and_space_before_a_word_end_no_symbol():
    assert extract_references("theo mẫu số 12/QĐ- về việc") == ()


def test_speck_before_the_number():
    (reference,) = extract_references("_2529/2019/NQ-HĐND ngày 06/10/2019 của HĐND tỉnh")
    assert reference.number_symbol == "2529/2019/NQ-HĐND"


def test_slash_read_as_apostrophe_or_fraction_slash():
    text = "Chỉ thị số 1487'CT-TTg ngày 02/3/2023; Thông tư số 01⁄2023/TT-VPCP ngày 05/4/2023"
    assert [r.number_symbol for r in extract_references(text)] == ["1487/CT-TTg", "01/2023/TT-VPCP"]


def test_number_glued_to_its_type_code():
    (reference,) = extract_references("theo Tờ trình số 545TTr-SKHĐT ngày 17/3/2021")
    assert (reference.ref_type, reference.number_symbol) == ("Tờ trình", "545/TTr-SKHĐT")


def test_stray_glyph_inside_a_code():
    (reference,) = extract_references("Quyết định số 06/QĐ-TTEg ngày 06/01/2022")
    assert reference.number_symbol == "06/QĐ-TTg"


def test_marked_letter_in_a_code_is_a_misread():
    (reference,) = extract_references("Công văn số 1281/UBNỦ-VX ngày 13/02/2023")
    assert reference.number_symbol == "1281/UBND-VX"


def test_point_read_for_the_slash_before_a_year():
    (reference,) = extract_references("Quyết định số 2317.2022/QĐ-UBND ngày 17/02/2022")
    assert reference.number_symbol == "2317/2022/QĐ-UBND"


def test_d_read_as_p_in_a_code():
    (reference,) = extract_references("Quyết định số 1840/2021/QĐ-UBNP ngày 08/8/2021")
    assert reference.number_symbol == "1840/2021/QĐ-UBND"


def test_so_misread_as_digits_is_no_thousands_group():
    text = "Nghị quyết 36 131/NQ-CP ngày 06/10/2022; Tờ trình $6 653/TTr-STP ngày 14/8/2023"
    assert [r.number_symbol for r in extract_references(text)] == ["131/NQ-CP", "653/TTr-STP"]


def test_digits_after_a_printed_so_keep_their_thousands_group():
    (reference,) = extract_references("Công văn số 36 131/UBND-TTHC ngày 06/10/2022")
    assert reference.number_symbol == "36131/UBND-TTHC"


def test_speck_after_the_slash_and_t_read_as_i():
    text = "Kế hoạch số 1471/)KH-UBND ngày 23/6/2025; Chỉ thị số 30/CT-ITg ngày 02/3/2023"
    assert [r.number_symbol for r in extract_references(text)] == ["1471/KH-UBND", "30/CT-TTg"]
