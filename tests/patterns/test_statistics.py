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
