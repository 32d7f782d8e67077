from patterns import Statistic, extract_statistics


def test_count_with_label_and_context():
    assert extract_statistics("- Tiếp nhận 55.653 hồ sơ, đã giải quyết 52.192 hồ sơ;", page=2) == (
        Statistic(2, "Tiếp nhận", 55653.0, "hồ sơ", None, "Tiếp nhận 55.653 hồ sơ, đã giải quyết 52.192 hồ sơ;", "text"),
        Statistic(2, "đã giải quyết", 52192.0, "hồ sơ", None, "Tiếp nhận 55.653 hồ sơ, đã giải quyết 52.192 hồ sơ;", "text"),
    )


def test_percentage_with_decimal_comma():
    (statistic,) = extract_statistics("hồ sơ giải quyết trước hạn và đúng hạn đạt 99,8%.")
    assert (statistic.value, statistic.unit, statistic.label) == (99.8, "%", "trước hạn và đúng hạn")


def test_money_in_billions_also_in_dong():
    (statistic,) = extract_statistics("thanh toán trực tuyến hơn 23,6 tỷ đồng")
    assert (statistic.value, statistic.unit, statistic.value_vnd) == (23.6, "tỷ đồng", 23_600_000_000.0)


def test_magnitude_word_scales_the_count():
    (statistic,) = extract_statistics("tiếp nhận khoảng 58 nghìn hồ sơ")
    assert (statistic.value, statistic.unit) == (58000.0, "hồ sơ")


def test_garbled_unit_is_matched_fuzzily():
    (statistic,) = extract_statistics("dang giai quyét 3.461 hd so;")
    assert (statistic.value, statistic.unit) == (3461.0, "hồ sơ")


def test_unit_split_over_a_line_break():
    (statistic,) = extract_statistics("tiếp nhận 152 phản\nánh kiến nghị")
    assert (statistic.value, statistic.unit) == (152.0, "phản ánh")


def test_acronym_unit():
    assert [(s.value, s.unit) for s in extract_statistics("có 29 TTHC mới ban hành, 84 TTHC sửa đổi")] == [
        (29.0, "TTHC"),
        (84.0, "TTHC"),
    ]


def test_label_after_the_number_when_nothing_precedes_it():
    (statistic,) = extract_statistics("- Có 9.590 hồ sơ được nộp qua đường bưu chính.")
    assert statistic.label == "nộp qua đường bưu chính"


def test_dates_document_numbers_and_ordinals_are_not_statistics():
    text = "1. Ngày 30/01/2023, Quyết định số 124/QĐ-UBND; năm 2023 hồ sơ; Điều 2 Quyết định; 2.1. Hồ sơ"
    assert extract_statistics(text) == ()


def test_number_glued_to_letters_is_ocr_noise():
    assert extract_statistics("hài 1ong cao") == ()


def _pairs(text: str) -> list[tuple[float, str]]:
    return [(statistic.value, statistic.unit) for statistic in extract_statistics(text)]


def test_page_number_on_its_own_line_is_no_count():
    assert _pairs("2\nđộng đối với người lao động nước ngoài") == []


def test_capitalised_word_after_a_row_value_opens_the_next_row():
    assert _pairs("Đất đai 6.298 5.932 94,2\nHộ tịch 4.394 3.763 85,6") == []


def test_row_numbers_of_a_table_printed_as_text_are_no_counts():
    table = (
        "1 Hồ sơ đã giải quyết Hồ sơ 55.945 Lũy kế\n2 TTHC được công bố Thủ tục 30 Lũy kế\n"
        "3 Hồ sơ tiếp nhận Hồ sơ 1.200"
    )
    assert _pairs(table) == []


def test_count_opening_a_wrapped_line_is_kept():
    assert _pairs("Tham mưu công bố 47\nTTHC mới ban hành") == [(47.0, "TTHC")]


def test_unit_with_a_comma_inside():
    assert _pairs("đã đăng tải 375 tin, bài tuyên truyền") == [(375.0, "tin, bài")]


def test_short_unit_must_be_spelled_exactly():
    assert _pairs("tỷ lệ 98,9 đăng ký kinh doanh") == []


def test_unit_glued_by_ocr_to_the_next_word():
    assert [(s.value, s.unit) for s in extract_statistics("Tham mưu công bố 34 TTHC.mới ban hành")] == [(34.0, "TTHC")]


def test_letters_ocr_printed_for_digits_of_a_percentage():
    # Hard-tier scans read by the pipeline: `8` printed as `B`.
    assert _pairs("đạt tỷ lệ\n75,B%. Trường hợp") == [(75.8, "%")]
    assert _pairs("trực tuyến toàn trình đạt tối thiểu 7B% tổng số hồ sơ") == [(78.0, "%")]


def test_colon_read_for_a_thousands_point():
    assert [(s.value, s.unit) for s in extract_statistics("đã giải quyết 17:850 hồ sơ, họp lúc 14:30")] == [
        (17850.0, "hồ sơ"),
    ]


def test_so_misread_as_digits_is_no_count():
    text = "tỷ lệ đạt 68% tổng $6 hồ sơ; tổng 56 hồ sơ tiếp nhận"
    assert [(s.value, s.unit) for s in extract_statistics(text)] == [(68.0, "%")]


def test_comma_before_three_digits_groups_thousands_of_whole_things():
    text = "đã giải quyết 69,609 hồ sơ, giải ngân 2,125 tỷ đồng"
    assert [(s.value, s.unit) for s in extract_statistics(text)] == [(69609.0, "hồ sơ"), (2.125, "tỷ đồng")]
