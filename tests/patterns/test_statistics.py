from patterns import Statistic, extract_statistics


def test_count_with_label_and_context():
    assert extract_statistics("- Tiếp nhận 55.653 hồ sơ, đã giải quyết 52.192 hồ sơ;", page=2) == (
        Statistic(2, "Tiếp nhận", 55653.0, "hồ sơ", None, "Tiếp nhận 55.653 hồ sơ, đã giải quyết 52.192 hồ sơ;", "text",
                  measure="received", subject="hồ sơ", line=1),
        Statistic(2, "đã giải quyết", 52192.0, "hồ sơ", None, "Tiếp nhận 55.653 hồ sơ, đã giải quyết 52.192 hồ sơ;",
                  "text", measure="resolved", subject="hồ sơ", line=1),
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


def _read(text: str) -> list[tuple]:
    """(value, unit, measure, subject, scope, part_of, approximate) of each statistic."""
    return [
        (s.value, s.unit, s.measure, s.subject, s.scope, s.part_of, s.approximate)
        for s in extract_statistics(text)
    ]


def test_measure_comes_from_the_words_after_the_unit_when_none_precede_it():
    text = "Danh mục năm nay có 12 TTHC mới ban hành, 40 TTHC sửa đổi, bổ sung, 7 TTHC bãi bỏ."
    assert [(s.value, s.measure, s.label) for s in extract_statistics(text)] == [
        (12.0, "procedures_new", "mới ban hành"),
        (40.0, "procedures_amended", "sửa đổi"),
        (7.0, "procedures_abolished", "bãi bỏ"),
    ]


def test_measure_of_a_garbled_verb_is_not_taken_from_the_clause_before():
    # `đã giải quyết` as the legacy OCR prints it: the label no longer comes from `Tiếp nhận`.
    statistics = extract_statistics("Tiếp nhận 8.120 hồ sơ, di giai quyet 7.904 hồ sơ")
    assert [(s.value, s.measure, s.label) for s in statistics] == [
        (8120.0, "received", "Tiếp nhận"),
        (7904.0, "resolved", "giai quyet"),
    ]


def test_share_keeps_the_measure_and_subject_it_is_a_share_of():
    assert _read("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,5%.") == [
        (97.5, "%", "resolved_on_time", "hồ sơ", "", None, False),
    ]


def test_words_before_the_number_make_it_approximate():
    assert _read("đã tiếp nhận khoảng 4.300 phản ánh, kiến nghị; giải quyết hơn 4.000 hồ sơ") == [
        (4300.0, "phản ánh", "received", "PAKN", "", None, True),
        (4000.0, "hồ sơ", "resolved", "hồ sơ", "", None, True),
    ]


def test_trong_do_breakdown_points_at_its_total():
    text = "Tiếp nhận 2.400 hồ sơ, trong đó trực tuyến 1.500 hồ sơ, trực tiếp 900 hồ sơ. Đã giải quyết 2.310 hồ sơ."
    assert _read(text) == [
        (2400.0, "hồ sơ", "received", "hồ sơ", "", None, False),
        (1500.0, "hồ sơ", "online", "hồ sơ", "", 0, False),
        (900.0, "hồ sơ", "in_person", "hồ sơ", "", 0, False),
        (2310.0, "hồ sơ", "resolved", "hồ sơ", "", None, False),
    ]


def test_breakdown_opened_after_the_full_stop_of_its_total():
    text = "Trong quý, tiếp nhận 610 phản ánh. Trong đó, đã xử lý 580 phản ánh; đang xử lý 30 phản ánh."
    assert [(s.value, s.measure, s.part_of) for s in extract_statistics(text)] == [
        (610.0, "received", None), (580.0, "resolved", 0), (30.0, "pending", 0),
    ]


def test_a_later_item_of_a_series_without_words_of_its_own_continues_its_measure():
    text = "Tỷ lệ hồ sơ trực tuyến: cấp tỉnh đạt 88,2%; cấp huyện đạt 63,4%; cấp xã đạt 71%."
    assert [(s.measure, s.subject, s.scope) for s in extract_statistics(text)] == [
        ("online", "hồ sơ", "tỉnh"), ("online", "hồ sơ", "huyện"), ("online", "hồ sơ", "xã"),
    ]


def test_levels_are_scopes_and_one_level_is_no_part_of_another():
    text = "Tỷ lệ hồ sơ trực tuyến: cấp tỉnh đạt 88,2%, riêng lĩnh vực đất đai đạt 41,3%; cấp huyện đạt 63,4%;"
    assert _read(text) == [
        (88.2, "%", "online", "hồ sơ", "tỉnh", None, False),
        (41.3, "%", "online", "hồ sơ", "tỉnh", 0, False),
        (63.4, "%", "online", "hồ sơ", "huyện", None, False),
    ]


def test_line_of_the_page_each_statistic_is_on():
    text = "I. KẾT QUẢ\nTrong kỳ tiếp nhận 310 hồ sơ,\nđã giải quyết 295 hồ sơ."
    assert [(s.value, s.line) for s in extract_statistics(text)] == [(310.0, 2), (295.0, 3)]


def test_hotline_number_is_no_count():
    assert _pairs("Người dân gọi đường dây nóng 1080 hộ gia đình được hỗ trợ") == []
    assert _pairs("qua số điện thoại: 2211 người dân phản ánh") == []


def test_year_where_a_count_would_be_is_no_count():
    assert _pairs("kết quả 2024 hồ sơ điện tử") == []


def test_words_the_english_model_prints_as_digits_are_no_counts():
    # `Tỷ lệ` and `đây là` as the `eng` model prints them, restored or not.
    assert _pairs("Ty 18 hồ sơ trực tuyến") == []
    assert _pairs("Từ 18 hồ sơ trực tuyến") == []
    assert _pairs("Trên day 18 báo cáo kết quả") == []
    assert _pairs("đã xin 161 người dân vì trả kết quả trễ") == []


def test_number_split_in_two_by_ocr_is_no_count():
    assert _pairs("đúng hạn đạt 9 7 hồ sơ") == []


def test_label_keeps_no_junk_characters():
    (statistic,) = extract_statistics("‘ « €6 3.100 hồ sơ được nộp qua bưu chính")
    assert statistic.label == "nộp qua bưu chính"


def test_number_glued_to_its_unit():
    assert _pairs("đã tiếp nhận 2.318hd so trong quý") == [(2318.0, "hồ sơ")]


def test_unit_per_period_is_kept_and_money_per_period_is_in_dong():
    (statistic,) = extract_statistics("tiết kiệm chi phí khoảng 85.400.000 đồng/năm")
    assert (statistic.value, statistic.unit, statistic.value_vnd, statistic.measure) == (
        85_400_000.0, "đồng/năm", 85_400_000.0, "money_saved",
    )
    assert _pairs("bình quân 950 hồ sơ/tháng") == [(950.0, "hồ sơ/tháng")]


def test_survey_forms_as_the_legacy_ocr_prints_them():
    assert _pairs("đã phát 640 phiéu khảo sát") == [(640.0, "phiếu")]


def test_a_sentence_about_one_part_of_the_unit_has_that_part_as_scope():
    text = "- Đối với hồ sơ đất đai của hộ gia đình, cá nhân: tiếp nhận 3.050 hồ sơ."
    (statistic,) = extract_statistics(text)
    assert (statistic.measure, statistic.scope) == ("received", "hồ sơ đất đai của hộ gia đình")


def test_count_after_a_share_with_voi_is_the_share_base():
    text = "Tỷ lệ hồ sơ nộp trực tuyến đạt 58,4%, với hơn 9.200 hồ sơ được tiếp nhận."
    assert [(s.value, s.unit, s.measure) for s in extract_statistics(text)] == [
        (58.4, "%", "online"), (9200.0, "hồ sơ", "online"),
    ]


def test_count_after_a_share_with_words_of_its_own_keeps_them():
    text = "giải quyết đúng hạn đạt 97%, với tổng số hồ sơ tiếp nhận khoảng 4.000 hồ sơ."
    assert [(s.value, s.measure) for s in extract_statistics(text)] == [
        (97.0, "resolved_on_time"), (4000.0, "received"),
    ]


def test_a_number_followed_by_doi_voi_covers_that_part_only():
    text = "hồ sơ giải quyết đúng hạn đạt 98% đối với các sở, ngành và 91% đối với cấp huyện."
    assert [(s.value, s.measure, s.scope) for s in extract_statistics(text)] == [
        (98.0, "resolved_on_time", "các sở"), (91.0, "resolved_on_time", "huyện"),
    ]


def test_resolved_on_the_spot_is_not_all_resolved():
    (statistic,) = extract_statistics("trả kết quả giải quyết ngay tại chỗ với tổng số 1.020 hồ sơ.")
    assert statistic.measure == "resolved_on_the_spot"


def test_other_things_counted_take_no_subject_from_their_sentence():
    (statistic,) = extract_statistics("Kết quả giải quyết hồ sơ của 14 cơ quan, đơn vị:")
    assert (statistic.unit, statistic.subject) == ("cơ quan", "")


def test_a_count_of_other_things_takes_a_measure_only_from_the_words_right_before_it():
    text = (
        "3. Kết quả giải quyết hồ sơ\nTrung tâm đã gửi 2.150 tin nhắn báo kết quả giải quyết, mở 4 lớp tập huấn "
        "và tiếp nhận 96 cuộc gọi."
    )
    assert [(s.value, s.unit, s.measure, s.subject) for s in extract_statistics(text)] == [
        (2150.0, "tin nhắn", "", ""), (4.0, "lớp", "", ""), (96.0, "cuộc gọi", "received", ""),
    ]


def test_a_share_brought_in_by_chiem_measures_the_count_before_it_and_names_its_base():
    text = "Đã tiếp nhận 3.210 hồ sơ qua bưu chính, chiếm tỷ lệ 12,4% tổng số hồ sơ tiếp nhận."
    assert [(s.value, s.unit, s.measure, s.base_measure, s.base_value) for s in extract_statistics(text)] == [
        (3210.0, "hồ sơ", "postal", "", None), (12.4, "%", "postal", "received", None),
    ]


def test_a_share_takes_the_total_printed_after_it_as_its_base():
    text = "Tỷ lệ giải quyết đúng hạn đạt 96,5% trên tổng số 4.800 hồ sơ đã giải quyết."
    assert [(s.value, s.unit, s.measure, s.base_measure, s.base_value) for s in extract_statistics(text)] == [
        (96.5, "%", "resolved_on_time", "resolved", 4800.0), (4800.0, "hồ sơ", "resolved", "", None),
    ]


def test_a_share_without_a_total_named_has_no_base():
    assert [(s.base_measure, s.base_value) for s in extract_statistics("Tỷ lệ số hóa đạt 71,3%.")] == [("", None)]


def test_channels_in_an_aside_that_lists_alternatives_do_not_make_the_measure():
    text = "Tổng số phản ánh đã tiếp nhận (trực tiếp hoặc qua Cổng thông tin) là 418 PAKN."
    assert [(s.value, s.measure, s.subject) for s in extract_statistics(text)] == [(418.0, "received", "PAKN")]


def test_a_count_over_several_channels_is_no_one_channels():
    text = "Tiếp nhận 75 phản ánh, trong đó có 31 phản ánh gửi qua đường dây nóng và trực tiếp tại Trung tâm."
    assert [(s.value, s.measure, s.part_of) for s in extract_statistics(text)] == [
        (75.0, "received", None), (31.0, "received", 0),
    ]


def test_a_count_of_other_things_after_a_possessive_takes_no_measure_from_the_verb_before():
    (statistic,) = extract_statistics("Số liệu tiếp nhận, giải quyết hồ sơ của 17 cơ quan, đơn vị như sau:")
    assert (statistic.value, statistic.unit, statistic.measure) == (17.0, "cơ quan", "")


def test_a_share_compared_with_a_deadline_or_a_cut_is_no_measure_share():
    text = "Rút ngắn thời gian giải quyết ít nhất 30% so với quy định; miễn giảm 40% lệ phí khi nộp trực tuyến."
    assert [(s.value, s.unit, s.measure) for s in extract_statistics(text)] == [(30.0, "%", ""), (40.0, "%", "")]


def test_dat_after_a_part_makes_the_share_of_that_part_with_its_total_as_base():
    text = "Đã tiếp nhận 6.400 hồ sơ, trong đó hồ sơ nộp trực tuyến 4.000 hồ sơ, đạt 62,5%."
    assert [(s.value, s.measure, s.part_of, s.base_measure, s.base_value) for s in extract_statistics(text)] == [
        (6400.0, "received", None, "", None), (4000.0, "online", 0, "", None), (62.5, "online", None, "received", 6400.0),
    ]


def test_a_share_whose_counts_do_not_divide_to_it_gets_no_base_from_them():
    text = "Đã tiếp nhận 6.400 hồ sơ, đã giải quyết 5.000 hồ sơ, đạt 91,2%."
    assert [(s.measure, s.base_measure, s.base_value) for s in extract_statistics(text)][-1] == ("resolved", "", None)


def test_a_capitalised_document_type_counted_in_a_sentence_is_a_count():
    (statistic,) = extract_statistics("Chủ tịch UBND tỉnh đã ban hành 14 Quyết định công bố danh mục TTHC.")
    assert (statistic.value, statistic.unit, statistic.label) == (14.0, "quyết định", "ban hành")


def test_a_goal_a_report_sets_is_planned_not_a_result():
    text = "Năm 2024 giải quyết đúng hạn 97,6% hồ sơ. Năm 2025 phấn đấu đạt 99% hồ sơ giải quyết đúng hạn."
    assert [(s.value, s.scope) for s in extract_statistics(text)] == [(97.6, ""), (99.0, "kế hoạch")]


def test_measure_words_ocr_glued_still_measure():
    (statistic,) = extract_statistics("đã xửlý 212 phản ánh, kiến nghị")
    assert statistic.measure == "resolved"
