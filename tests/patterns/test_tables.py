from patterns import Statistic, WordBox, extract_tables, extract_text_tables
from patterns.tables import table_statistics, without_table_lines

HEIGHT = 20


def _row(top: int, cells: list[tuple[int, str]]) -> list[WordBox]:
    """Word boxes of one printed row: each cell starts at its x and its words are 12 px per letter."""
    words = []
    for left, text in cells:
        for word in text.split():
            words.append(WordBox(word, left, top, 12 * len(word), HEIGHT, 95.0, 1, 1, 1))
            left += 12 * len(word) + 6
    return words


def _grid_page() -> tuple[WordBox, ...]:
    return tuple(
        _row(100, [(50, "Kết quả giải quyết hồ sơ như sau:")])
        + _row(140, [(50, "STT"), (120, "Chỉ tiêu thống kê"), (460, "Đơn vị tính"), (640, "Số liệu"), (780, "Ghi chú")])
        + _row(172, [(55, "1"), (120, "Hồ sơ tiếp nhận"), (470, "Hồ sơ"), (650, "55.653")])
        + _row(203, [(55, "2"), (120, "Tỷ lệ đúng hạn"), (480, "%"), (650, "99,8")])
        + _row(240, [(50, "Văn phòng báo cáo như trên.")])
    )


def test_word_boxes_become_statistics_with_row_labels_and_units():
    (table,) = extract_tables(_grid_page(), page=4)
    assert table.statistics == (
        Statistic(4, "Hồ sơ tiếp nhận", 55653.0, "hồ sơ", None, "1 | Hồ sơ tiếp nhận | Hồ sơ | 55.653", "table", 0, 3,
                  measure="received", subject="hồ sơ"),
        Statistic(4, "Tỷ lệ đúng hạn", 99.8, "%", None, "2 | Tỷ lệ đúng hạn | % | 99,8", "table", 1, 3,
                  measure="resolved_on_time"),
    )


def test_word_boxes_header_is_read_by_columns():
    (table,) = extract_tables(_grid_page(), page=1)
    assert table.header == ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")


def _box(text: str, left: int, top: int, width: int, height: int = 40) -> WordBox:
    return WordBox(text, left, top, width, height, 95.0, 9, 1, 1)


def _field_table() -> list[WordBox]:
    """A `Lĩnh vực` grid as Tesseract boxed it on a 300 DPI scan: its titles are a word-height apart."""
    return [
        _box("Kết", 506, 2642, 82), _box("quả", 605, 2645, 81), _box("như", 859, 2644, 90), _box("sau:", 964, 2656, 87),
        _box("Lĩnh", 742, 2763, 109), _box("vực", 866, 2770, 82), _box("Tiếp", 1363, 2762, 102, 51),
        _box("nhận", 1482, 2763, 115), _box("Đã", 1647, 2763, 64), _box("giải", 1727, 2763, 82),
        _box("quyết", 1826, 2762, 127), _box("Tỷ", 2002, 2764, 62), _box("lệ", 2079, 2763, 37), _box("(%)", 2133, 2764, 86),
        _box("Đất", 767, 2875, 77), _box("đai", 860, 2878, 63),
        _box("6.298", 1421, 2879, 118), _box("5.932", 1741, 2879, 116), _box("94,2", 2066, 2879, 90),
        _box("Y", 800, 2992, 28), _box("tế", 853, 2988, 39),
        _box("1.162", 1424, 2993, 114), _box("1.117", 1743, 2994, 116), _box("96,1", 2066, 2993, 90),
    ]


def test_titles_closer_than_columns_are_split_by_the_columns_below():
    (table,) = extract_tables(_field_table(), page=1)
    assert table.header == ("Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Tỷ lệ (%)")
    assert [(s.label, s.value, s.unit, s.table_row, s.table_col) for s in table.statistics] == [
        ("Đất đai (Tiếp nhận)", 6298.0, "hồ sơ", 0, 1),
        ("Đất đai (Đã giải quyết)", 5932.0, "hồ sơ", 0, 2),
        ("Đất đai (Tỷ lệ (%))", 94.2, "%", 0, 3),
        ("Y tế (Tiếp nhận)", 1162.0, "hồ sơ", 1, 1),
        ("Y tế (Đã giải quyết)", 1117.0, "hồ sơ", 1, 2),
        ("Y tế (Tỷ lệ (%))", 96.1, "%", 1, 3),
    ]


def _continued_row() -> list[WordBox]:
    """Top of a page: the last row of a table begun on the previous page, then prose."""
    return [
        _box("2", 1336, 160, 26),  # the page number
        _box("Y", 800, 274, 28, 35), _box("tế", 853, 269, 39, 41), _box("|", 1336, 240, 4, 106),
        _box("19.646", 1410, 273, 143, 37), _box("|", 1621, 240, 3, 106), _box("19.586", 1729, 273, 143, 37),
        _box("99,7", 2066, 273, 91, 44), _box("|", 2244, 240, 3, 106),
        _box("3.", 506, 413, 39), _box("Công", 566, 411, 129, 53), _box("tác", 711, 411, 72, 42),
    ]


def test_last_row_of_a_table_continued_from_the_previous_page_stands_alone():
    (table,) = extract_tables(_continued_row(), page=2)
    assert [(s.label, s.value, s.context) for s in table.statistics] == [
        ("Y tế", 19646.0, "Y tế | 19.646 | 19.586 | 99,7"),
        ("Y tế", 19586.0, "Y tế | 19.646 | 19.586 | 99,7"),
        ("Y tế", 99.7, "Y tế | 19.646 | 19.586 | 99,7"),
    ]


def test_a_continued_table_takes_the_column_titles_of_the_previous_pages_table():
    (first_page,) = extract_tables(_field_table(), page=1)
    (table,) = extract_tables(_continued_row(), page=2, continued=first_page)
    assert [(s.label, s.value, s.unit) for s in table.statistics] == [
        ("Y tế (Tiếp nhận)", 19646.0, "hồ sơ"),
        ("Y tế (Đã giải quyết)", 19586.0, "hồ sơ"),
        ("Y tế (Tỷ lệ (%))", 99.7, "%"),
    ]


def test_grid_rules_read_as_words_and_specks_on_numbers_are_ignored():
    words = _field_table()[4:14] + [
        _box("có", 366, 2830, 187, 14),  # a horizontal rule
        _box("Đất", 767, 2875, 77), _box("đai", 860, 2878, 63),
        _box("6.298.", 1421, 2879, 130), _box("5.932", 1741, 2879, 116), _box(".94,2", 2056, 2879, 100),
        _box("Y", 800, 2992, 28), _box("tế", 853, 2988, 39),
        _box("1.162", 1424, 2993, 114), _box("1.117", 1743, 2994, 116), _box("96,1", 2066, 2993, 90),
    ]
    (table,) = extract_tables(words, page=1)
    assert [s.value for s in table.statistics] == [6298.0, 5932.0, 94.2, 1162.0, 1117.0, 96.1]


def test_numbers_in_a_justified_prose_line_are_not_a_table():
    line = "Tổ chức 16 lớp tập huấn cho 1.250 lượt cán bộ"
    words = [_box(word, 376 + 130 * i, 1660, 90) for i, word in enumerate(line.split())]
    assert extract_tables(words, page=1) == []


def test_text_table_with_several_numeric_columns_takes_units_from_headers():
    text = "Đơn vị | Tiếp nhận (hồ sơ) | Đã giải quyết (hồ sơ) | Tỷ lệ\nSở Tư pháp | 1.200 | 1.150 | 95,8\n"
    (table,) = extract_text_tables(text, page=2)
    assert [(s.label, s.value, s.unit, s.table_row, s.table_col) for s in table.statistics] == [
        ("Sở Tư pháp (Tiếp nhận (hồ sơ))", 1200.0, "hồ sơ", 0, 1),
        ("Sở Tư pháp (Đã giải quyết (hồ sơ))", 1150.0, "hồ sơ", 0, 2),
        ("Sở Tư pháp (Tỷ lệ)", 95.8, "%", 0, 3),
    ]


def test_columns_aligned_with_spaces():
    text = "Chỉ tiêu        Đơn vị tính    Số liệu\nGiao dịch        giao dịch     8.323\nThanh toán       tỷ đồng       11,4\n"
    (table,) = extract_text_tables(text, page=1)
    assert [(s.label, s.value, s.unit, s.value_vnd) for s in table.statistics] == [
        ("Giao dịch", 8323.0, "giao dịch", None),
        ("Thanh toán", 11.4, "tỷ đồng", 11_400_000_000.0),
    ]


def test_prose_is_not_a_table():
    assert extract_text_tables("Tiếp nhận 55.653 hồ sơ, đã giải quyết 52.192 hồ sơ.\nHết.", page=1) == []


def test_table_lines_are_taken_out_of_the_prose():
    text = "Mở đầu.\nĐơn vị | Tiếp nhận | Tỷ lệ\nSở Tư pháp | 1.200 | 95,8\nKết thúc."
    assert without_table_lines(text, extract_text_tables(text, page=1)) == "Mở đầu.\n\n\nKết thúc."


def test_unit_column_with_an_illegible_title_is_found_by_its_cells():
    grid = (
        ("STT", "Chỉ tiêu", "|[Đơnvitnh", "Sốlệu,"),
        ("1", ".TTHC được công bố", "ˆ Thủ tục", "161"),
        ("2", "Hồ sơ đã giải quyết", "Hồsơ", "40.850"),
    )
    assert [(s.label, s.value, s.unit) for s in table_statistics(grid, page=1).statistics] == [
        ("TTHC được công bố", 161.0, "thủ tục"),
        ("Hồ sơ đã giải quyết", 40850.0, "hồ sơ"),
    ]


def test_number_and_note_a_cell_padding_apart_are_two_cells():
    words = tuple(
        _row(140, [(50, "STT"), (120, "Chỉ tiêu"), (460, "Đơn vị tính"), (640, "Số liệu"), (780, "Ghi chú")])
        + _row(172, [(55, "1"), (120, "Hồ sơ đã giải quyết"), (470, "Hồ sơ"), (650, "34.725"), (742, "Trực tuyến")])
        + _row(203, [(55, "2"), (120, "Hồ sơ tiếp nhận"), (470, "Hồ sơ"), (650, "58.459"), (742, "Trực tuyến")])
    )
    (table,) = extract_tables(words, page=1)
    assert [(s.value, s.unit) for s in table.statistics] == [(34725.0, "hồ sơ"), (58459.0, "hồ sơ")]


def test_table_line_with_specks_the_grid_dropped_is_taken_out_of_the_prose():
    grid = (("STT", "Chỉ tiêu", "Số liệu"), ("3", "TTHC được công bố", "110"), ("4", "Hồ sơ", "12"))
    text = "3 TTHC được công bố . 110\n4 Hồ sơ 12"
    assert without_table_lines(text, [table_statistics(grid, page=1)]) == "\n"


def test_share_whose_decimal_comma_ocr_lost():
    grid = (("Lĩnh vực", "Tiếp nhận", "Tỷ lệ (%)"), ("Hộ tịch", "15.856", "868"), ("Y tế", "5.127", "100"))
    assert [s.value for s in table_statistics(grid, page=1).statistics] == [15856.0, 86.8, 5127.0, 100.0]


def test_specks_around_ordinals_and_numbers():
    grid = (("1T.", "Chỉ tiêu", "Đơn vị tính", "Số liệu"), (".1", "Giao dịch", "Giaodịch", "27.020"), ("2", "Hồ sơ", "Hồsơ", "62.700:"))
    assert [(s.value, s.unit) for s in table_statistics(grid, page=1).statistics] == [
        (27020.0, "giao dịch"), (62700.0, "hồ sơ"),
    ]


def test_rows_printed_with_single_spaces_under_their_titles():
    text = "Kết quả cụ thể như sau:\nLĩnh vực Tiếp nhận Đã giải quyết Tỷ lệ (%)\nĐất đai 6.298 5.932 94,2\nY tế 1.162 1.117 96,1\n"
    (table,) = extract_text_tables(text, page=1)
    assert (table.header, [(s.label, s.value, s.unit) for s in table.statistics[:3]]) == (
        ("Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Tỷ lệ (%)"),
        [("Đất đai (Tiếp nhận)", 6298.0, "hồ sơ"), ("Đất đai (Đã giải quyết)", 5932.0, "hồ sơ"),
         ("Đất đai (Tỷ lệ (%))", 94.2, "%")],
    )


def test_numbered_rows_printed_with_single_spaces_split_label_and_unit():
    text = "STT Chỉ tiêu Đơn vị tính Số liệu Ghi chú\n1 Giao dịch thanh toán trực tuyến Giao dịch 27.020\n2 Hồ sơ tiếp nhận Hồ sơ 12.568 Trực tuyến\n"
    (table,) = extract_text_tables(text, page=1)
    assert [(s.label, s.value, s.unit) for s in table.statistics] == [
        ("Giao dịch thanh toán trực tuyến", 27020.0, "giao dịch"), ("Hồ sơ tiếp nhận", 12568.0, "hồ sơ"),
    ]


def test_numbered_prose_lines_are_no_table():
    text = "6 tháng đầu năm 2024 như sau:\n1 Trong kỳ báo cáo, toàn tỉnh tiếp nhận 20.531 hồ sơ, đã giải quyết\n"
    assert extract_text_tables(text, page=1) == []


def test_single_spaced_table_cut_by_a_page_break():
    first = extract_text_tables("Lĩnh vực Tiếp nhận Tỷ lệ (%)\nĐất đai 6.298 94,2", page=1)
    (rest,) = extract_text_tables("2\nY tế 1.162 96,1\nHết.", page=2, continued=first[-1])
    assert [(s.label, s.value) for s in rest.statistics] == [("Y tế (Tiếp nhận)", 1162.0), ("Y tế (Tỷ lệ (%))", 96.1)]


def test_single_spaced_rows_with_blank_lines_between_them():
    text = "Lĩnh vực | Tiếp nhận Đã giải quyết Tỷ lệ (%)\n\nXây dựng 3.188 2.897 90,9\n\nGiáo dục 2.268 1.961 86,5\n"
    (table,) = extract_text_tables(text, page=1)
    assert [s.value for s in table.statistics] == [3188.0, 2897.0, 90.9, 2268.0, 1961.0, 86.5]


def test_numbered_row_with_a_bar_before_its_note():
    text = "STT Chỉ tiêu Đơn vị tính | Số liệu | Ghi chú\n1 Tỷ lệ giải quyết đúng hạn % 96,6 | Trực tuyến\n2 Hồ sơ tiếp nhận Hồ sơ 55.587 | Lũy kế\n"
    (table,) = extract_text_tables(text, page=1)
    assert [(s.label, s.value, s.unit) for s in table.statistics] == [
        ("Tỷ lệ giải quyết đúng hạn", 96.6, "%"), ("Hồ sơ tiếp nhận", 55587.0, "hồ sơ"),
    ]


def test_specks_left_of_a_table_are_no_column():
    words = _field_table() + [_box("mm", 450, 2880, 40, 30), _box("ị", 449, 2990, 6, 40)]
    (table,) = extract_tables(words, page=1)
    assert [(s.value, s.table_col) for s in table.statistics[:3]] == [(6298.0, 1), (5932.0, 2), (94.2, 3)]


def test_a_short_label_opening_a_row_of_numbers_is_no_speck():
    (table,) = extract_tables(_continued_row()[1:], page=2)
    assert [(s.label, s.table_col) for s in table.statistics] == [("Y tế", 1), ("Y tế", 2), ("Y tế", 3)]


_SHARE_TITLES = ("Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Tỷ lệ (%)")


def test_an_illegible_share_is_the_ratio_of_its_counts():
    grid = (_SHARE_TITLES, ("Giao thông vận tải", "10.730", "10.194", "SÙ)"))
    assert [s.value for s in table_statistics(grid, page=1).statistics] == [10730.0, 10194.0, 95.0]


def test_a_share_far_from_its_counts_ratio_is_misread():
    grid = (_SHARE_TITLES, ("Xây dựng", "1.373", "1.326", "9,6"))
    assert [s.value for s in table_statistics(grid, page=1).statistics] == [1373.0, 1326.0, 96.6]


def test_a_share_near_its_counts_ratio_stands_as_printed():
    grid = (_SHARE_TITLES, ("Giáo dục", "11.235", "10.547", "94,0"))
    assert [s.value for s in table_statistics(grid, page=1).statistics] == [11235.0, 10547.0, 94.0]


def test_a_dash_speck_before_a_share():
    grid = (("Lĩnh vực", "Tiếp nhận", "Tỷ lệ (%)"), ("Giáo dục", "4.177", "-96,3"))
    assert [s.value for s in table_statistics(grid, page=1).statistics] == [4177.0, 96.3]


def test_a_share_row_whose_unit_cell_ocr_lost_is_a_percentage():
    grid = (("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"), ("1", "Tỷ lệ giải quyết đúng hạn", "", "962"), ("2", "Hồ sơ", "Hồ sơ", "14.919"))
    assert [(s.value, s.unit) for s in table_statistics(grid, page=1).statistics] == [(96.2, "%"), (14919.0, "hồ sơ")]


def test_a_share_of_another_count_is_not_checked_against_the_resolved_ratio():
    grid = (("Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Tỷ lệ đúng hạn (%)"), ("Y tế", "1.373", "1.326", "80,5"))
    assert [s.value for s in table_statistics(grid, page=1).statistics] == [1373.0, 1326.0, 80.5]



def _boxes(top: int, *words: str) -> list[WordBox]:
    """A row's word boxes, each written `text left dy width height`, the word `dy` below the row's `top`."""
    boxes = []
    for word in words:
        text, left, shift, width, height = word.split()
        boxes.append(_box(text, int(left), top + int(shift), int(width), int(height)))
    return boxes


def _table_beside_margin_specks() -> list[WordBox]:
    """A warped hard-tier scan as Tesseract boxed it: specks of the margin left of the table read as
    `fF~` above the titles and `ãm»—w` beside a row, under a prose line."""
    return (
        _boxes(2418, "Kết 529 0 83 47", "quả 628 3 83 54", "cụ 727 15 55 40", "thế 796 1 73 46", "như 884 4 90 43",
               "sau: 988 14 90 33")
        + _boxes(2504, "fF~ 380 0 91 29")
        + _boxes(2499, "Đã 1665 0 58 98", "giải 1746 0 91 98", "quyết 1861 4 114 89", "Tiếp 1380 20 105 90",
                 "nhận. 1515 20 128 90", "Lĩnh 766 41 109 41", "vực 890 48 83 44", "Tỷ 2025 42 62 50",
                 "lệ 2103 41 45 50")
        + _boxes(2610, "9673 1442 0 123 101", "8407, 1762 14 157 103", "Xây 762 44 90 52", "dựng 868 46 109 51",
                 "869 2090 45 92 47")
        + _boxes(2727, "mm 381 0 117 16", "thông 789 0 122 93", "9L5 2071 4 127 85", "4.569 1761 7 122 87",
                 "4.995 1442 14 123 80", "vận 927 41 73 46", "tải 1018 42 50 40", "Giao 669 43 103 40")
        + _boxes(2841, "Hộtich 792 0 171 105", "ãm»—w 378 1 206 103", "'684 1741 3 145 81", "7.541 1444 21 121 85",
                 "90,8 2089 42 94 47")
        + _boxes(2954, "Giáo 772 0 105 109", "—— 376 4 103 10", "duc 895 5 127 84", "18.325 1433 22 147 86",
                 "16.319 1752 43 146 60", "89,1 2088 43 88 45")
    )


def test_specks_above_the_titles_do_not_make_the_prose_line_a_title():
    (table,) = extract_tables(_table_beside_margin_specks(), page=1)
    assert table.header == ("Lĩnh vực", "Tiếp nhận.", "Đã giải quyết", "Tỷ lệ")


def test_an_untitled_column_left_of_the_titled_labels_is_margin_specks():
    (table,) = extract_tables(_table_beside_margin_specks(), page=1)
    last_row = [(s.value, s.table_col) for s in table.statistics if s.table_row == 3]
    assert last_row == [(18325.0, 1), (16319.0, 2), (89.1, 3)]


def _table_with_two_numbers_run_together() -> list[WordBox]:
    """A hard-tier scan where OCR read `10.869` and `9.532` of the last row as one word across both columns."""
    return (
        _boxes(2791, "quyết 1899 0 144 136", "Đã 1720 8 64 81", "giải 1797 42 90 63", "Tiếp 1436 46 105 55",
               "nhận 1555 47 118 65", "lệ 2154 48 37 50", "Lĩnh 816 49 109 40", "Tỷ 2075 49 62 51", "(%) 2207 50 87 49",
               "Vực 943 56 79 41")
        + _boxes(2922, "6.268 1813 0 120 72", "89,8 2140 16 96 74", "Hộ 840 32 65 48", "6.977- 1493 32 147 41",
                 "tịch 923 33 75 45")
        + _boxes(3054, "2.572 1494 0 121 72", "_Đất 818 9 99 58", "đai 935 15 61 39", "2.416 1814 15 120 39",
                 "93.9 2140 15 92 40")
        + _boxes(3168, "1869.9532 1486 0 445 74", "Ytế 875 13 90 41", "877 2139 16 94 46")
    )


def test_numbers_ocr_ran_together_across_two_columns_do_not_merge_them():
    (table,) = extract_tables(_table_with_two_numbers_run_together(), page=1)
    assert table.header == ("Lĩnh Vực", "Tiếp nhận", "Đã giải quyết", "Tỷ lệ (%)")


def test_a_dash_speck_after_a_number():
    (table,) = extract_tables(_table_with_two_numbers_run_together(), page=1)
    first_row = [(s.value, s.table_col) for s in table.statistics if s.table_row == 0]
    assert first_row == [(6977.0, 1), (6268.0, 2), (89.8, 3)]


def test_a_long_label_keeps_the_words_of_a_short_one_spaced_apart_in_one_column():
    words = tuple(
        _row(140, [(120, "Lĩnh vực"), (400, "Tiếp nhận"), (560, "Đã giải quyết")])
        + _row(172, [(120, "Giao thông vận tải"), (410, "4.995"), (580, "4.569")])
        + _row(203, [(120, "Đất"), (190, "đai"), (410, "6.298"), (580, "5.932")])
    )
    (table,) = extract_tables(words, page=1)
    assert [(s.label, s.table_col) for s in table.statistics if s.table_row == 1] == [
        ("Đất đai (Tiếp nhận)", 1), ("Đất đai (Đã giải quyết)", 2),
    ]


def test_sector_rows_are_scopes_and_parts_of_the_total_row():
    text = (
        "Lĩnh vực | Tiếp nhận (hồ sơ) | Giải quyết đúng hạn (hồ sơ)\n"
        "Tư pháp | 820 | 801\nXây dựng | 310 | 287\nTổng cộng | 1.130 | 1.088\n"
    )
    (table,) = extract_text_tables(text, page=1)
    assert [(s.value, s.unit, s.measure, s.subject, s.scope, s.part_of) for s in table.statistics] == [
        (820.0, "hồ sơ", "received", "hồ sơ", "Tư pháp", 4),
        (801.0, "hồ sơ", "resolved_on_time", "hồ sơ", "Tư pháp", 5),
        (310.0, "hồ sơ", "received", "hồ sơ", "Xây dựng", 4),
        (287.0, "hồ sơ", "resolved_on_time", "hồ sơ", "Xây dựng", 5),
        (1130.0, "hồ sơ", "received", "hồ sơ", "", None),
        (1088.0, "hồ sơ", "resolved_on_time", "hồ sơ", "", None),
    ]


def test_a_cell_without_a_unit_takes_the_subject_its_row_names():
    text = "Chỉ tiêu | Kỳ này | Lũy kế\nSố hồ sơ trực tuyến | 2.140 | 9.800\nSố PAKN đã xử lý | 35 | 120\n"
    (table,) = extract_text_tables(text, page=1)
    assert [(s.value, s.unit, s.measure, s.subject) for s in table.statistics] == [
        (2140.0, "hồ sơ", "online", "hồ sơ"), (9800.0, "hồ sơ", "online", "hồ sơ"),
        (35.0, "PAKN", "resolved", "PAKN"), (120.0, "PAKN", "resolved", "PAKN"),
    ]


def test_indicator_rows_numbered_by_section_with_a_garbled_unit_column():
    # Restored legacy OCR: the unit column printed before the value, its `Hồ sơ` read as `Hob số`.
    text = (
        "3.2. Kết quả giải quyết TTHC\n"
        "3.2.1. | Tổng số hồ sơ đã tiếp nhận Hồ sơ 6.420 5.980\n"
        "3.2.2. | Số hồ sơ giải quyết đúng hạn Hob số 6.105 5.700\n"
        "3.2.3. | Số hồ sơ quá hạn hd so 37 52\n"
    )
    (table,) = extract_text_tables(text, page=1)
    assert [(s.value, s.unit, s.measure, s.subject, s.table_row, s.table_col) for s in table.statistics] == [
        (6420.0, "hồ sơ", "received", "hồ sơ", 0, 3), (5980.0, "hồ sơ", "received", "hồ sơ", 0, 4),
        (6105.0, "hồ sơ", "resolved_on_time", "hồ sơ", 1, 3), (5700.0, "hồ sơ", "resolved_on_time", "hồ sơ", 1, 4),
        (37.0, "hồ sơ", "overdue", "hồ sơ", 2, 3), (52.0, "hồ sơ", "overdue", "hồ sơ", 2, 4),
    ]


def test_a_section_numbered_sentence_without_a_unit_column_is_no_row():
    assert extract_text_tables("2.1. Trong năm tiếp nhận 420\n2.2. Đã giải quyết 400\n", page=1) == []


def _cells(text: str) -> list[tuple]:
    """(value, unit, measure, subject, scope) of each cell of the text's tables."""
    return [
        (s.value, s.unit, s.measure, s.subject, s.scope)
        for table in extract_text_tables(text, 1) for s in table.statistics
    ]


def test_rows_with_a_dotted_leader_are_a_table_whose_cells_take_their_row_unit():
    text = (
        "Kết quả trong kỳ:\nTổng số hồ sơ tiếp nhận ........ 6.420\nSố hồ sơ trả kết quả quá hạn …… 38 hồ sơ\n"
        "Tỷ lệ đúng hạn ............ 97,1%\n"
    )
    assert _cells(text) == [
        (6420.0, "hồ sơ", "received", "hồ sơ", ""),
        (38.0, "hồ sơ", "overdue", "hồ sơ", ""),
        (97.1, "%", "resolved_on_time", "", ""),
    ]


def test_a_dotted_leader_row_alone_is_still_a_table_row():
    assert _cells("Số phản ánh, kiến nghị đã xử lý ......... 73\n") == [(73.0, "PAKN", "resolved", "PAKN", "")]


def test_value_columns_of_other_periods_scope_their_cells():
    text = (
        "STT Chỉ tiêu ĐVT Kỳ này Lũy kế Cùng kỳ năm trước\n"
        "1 Hồ sơ tiếp nhận Hồ sơ 2.310 9.870 8.004\n"
        "2 Hồ sơ giải quyết quá hạn Hồ sơ 17 61 90\n"
    )
    assert _cells(text) == [
        (2310.0, "hồ sơ", "received", "hồ sơ", ""),
        (9870.0, "hồ sơ", "received", "hồ sơ", "Lũy kế"),
        (8004.0, "hồ sơ", "received", "hồ sơ", "Cùng kỳ năm trước"),
        (17.0, "hồ sơ", "overdue", "hồ sơ", ""),
        (61.0, "hồ sơ", "overdue", "hồ sơ", "Lũy kế"),
        (90.0, "hồ sơ", "overdue", "hồ sơ", "Cùng kỳ năm trước"),
    ]


def test_an_indicator_row_that_a_pipe_splits_in_three_cells_stays_in_its_table():
    text = (
        "3.1.1. | Tổng số hồ sơ đã tiếp nhận Hồ sơ 5.118\n"
        "3.1.2. | Số hồ sơ giải quyết trước hạn Hồ sơ 3.904\n"
        "3.2.1 | Số phản ánh đã xử lý (qua điện | PAKN 88\n"
    )
    assert [(value, unit, measure) for value, unit, measure, _, _ in _cells(text)] == [
        (5118.0, "hồ sơ", "received"), (3904.0, "hồ sơ", "resolved_early"), (88.0, "PAKN", "resolved"),
    ]


def test_sub_rows_are_parts_of_the_row_they_are_numbered_under_in_each_column():
    # Titles wrapped in two lines, a group row without values, a label wrapped in its cell.
    text = (
        "Kết quả cụ thể như sau:\n"
        "STT Chỉ tiêu Đơn Kỳ này Cùng kỳ\nvị tính năm trước\n"
        "3 Phản ánh, kiến nghị\n"
        "3.1 Tổng số PAKN đã tiếp nhận (qua điện thoại và PAKN 240 198\nCổng thông tin)\n"
        "3.1.1 Tiếp nhận trực tuyến PAKN 150 120\n"
        "3.1.2 Tiếp nhận bằng văn bản PAKN 90 78\n"
        "3.2 Số PAKN đã xử lý PAKN 231 190\n"
        "4. Công tác kiểm tra\n"
    )
    (table,) = extract_text_tables(text, page=1)
    assert [(s.value, s.unit, s.measure, s.scope, s.part_of, s.table_row) for s in table.statistics] == [
        (240.0, "PAKN", "received", "", None, 1), (198.0, "PAKN", "received", "Cùng kỳ", None, 1),
        (150.0, "PAKN", "online", "", 0, 2), (120.0, "PAKN", "online", "Cùng kỳ", 1, 2),
        (90.0, "PAKN", "received", "", 0, 3), (78.0, "PAKN", "received", "Cùng kỳ", 1, 3),
        (231.0, "PAKN", "resolved", "", None, 4), (190.0, "PAKN", "resolved", "Cùng kỳ", None, 4),
    ]
    assert table.statistics[0].label == "Tổng số PAKN đã tiếp nhận (qua điện thoại và Cổng thông tin) (Kỳ này)"


def test_a_row_number_ocr_printed_with_a_colon_is_still_under_its_parent():
    text = (
        "1.2. | Số hồ sơ đã giải quyết Hồ sơ | 5.030 | 4.870\n"
        "1.2:1. | Giải quyết đúng hạn Hồ sơ | 4.990 | 4.800\n"
        "1.2.2. | Giải quyết quá hạn Hồ sơ | 40 | 70\n"
    )
    assert [(s.value, s.part_of) for s in extract_text_tables(text, page=1)[0].statistics] == [
        (5030.0, None), (4870.0, None), (4990.0, 0), (4800.0, 1), (40.0, 0), (70.0, 1),
    ]


def test_an_indicator_opening_with_tong_so_is_no_total_row_of_the_table():
    text = "STT Chỉ tiêu ĐVT Số liệu\n1 Tổng số hồ sơ đã tiếp nhận Hồ sơ 8.450\n2 Số hồ sơ đã giải quyết Hồ sơ 8.012\n"
    assert [(s.value, s.part_of) for s in extract_text_tables(text, page=1)[0].statistics] == [
        (8450.0, None), (8012.0, None),
    ]


def test_word_box_rows_numbered_under_another_are_its_parts():
    words = tuple(
        _row(140, [(50, "STT"), (160, "Chỉ tiêu"), (520, "Đơn vị tính"), (700, "Kỳ báo cáo")])
        + _row(200, [(55, "2.1"), (160, "Số hồ sơ tiếp nhận"), (530, "Hồ sơ"), (710, "6.120")])
        + _row(260, [(55, "2.1.1"), (160, "Tiếp nhận trực tuyến"), (530, "Hồ sơ"), (710, "4.300")])
        + _row(320, [(55, "2.1.2"), (160, "Tiếp nhận trực tiếp"), (530, "Hồ sơ"), (710, "1.820")])
    )
    (table,) = extract_tables(words, page=1)
    assert [(s.value, s.measure, s.part_of) for s in table.statistics] == [
        (6120.0, "received", None), (4300.0, "online", 0), (1820.0, "in_person", 0),
    ]


def test_a_total_is_measured_by_its_label_not_by_the_channels_it_names_in_brackets():
    text = (
        "2.1. | Tổng số PAKN đã tiếp nhận (trực tiếp hoặc qua | PAKN 214 180\n"
        "2.1.1. | Tiếp nhận trực tiếp PAKN 96 85\n"
        "2.2. | Hồ sơ (trực tuyến) Hồ sơ 3.400 2.950\n"
    )
    assert [(value, measure) for value, _, measure, _, _ in _cells(text)] == [
        (214.0, "received"), (180.0, "received"), (96.0, "in_person"), (85.0, "in_person"),
        (3400.0, "online"), (2950.0, "online"),
    ]


def test_counts_under_a_measure_in_a_table_of_sectors_are_dossiers():
    text = "Lĩnh vực | Tiếp nhận | Đã giải quyết\nHộ tịch | 7.450 | 6.701\nTư pháp | 820 | 801\n"
    assert [(value, unit, subject) for value, unit, _, subject, _ in _cells(text)][:2] == [
        (7450.0, "hồ sơ", "hồ sơ"), (6701.0, "hồ sơ", "hồ sơ"),
    ]


def test_a_scanned_indicator_table_with_a_narrow_number_column_a_group_row_and_titles_in_two_lines():
    words = tuple(
        _row(140, [(50, "STT"), (99, "Chỉ tiêu"), (400, "Đơn vị"), (520, "Kỳ báo"), (640, "Cùng kỳ")])
        + _row(163, [(400, "tính"), (520, "cáo"), (640, "năm trước")])
        + _row(205, [(55, "2"), (99, "Phản ánh, kiến nghị")])
        + _row(245, [(50, "2.1"), (99, "Số PAKN tiếp nhận"), (410, "PAKN"), (530, "214"), (650, "190")])
        + _row(285, [(50, "2.1.1"), (123, "Tiếp nhận trực tuyến"), (410, "PAKN"), (530, "150"), (650, "141")])
        + _row(325, [(50, "2.2"), (99, "Tỷ lệ đã xử lý"), (410, "%"), (530, "96,5"), (650, "94,0")])
    )
    (table,) = extract_tables(words, page=1)
    assert table.header == ("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ báo cáo", "Cùng kỳ năm trước")
    assert [(s.value, s.unit, s.measure, s.subject, s.scope, s.part_of) for s in table.statistics] == [
        (214.0, "PAKN", "received", "PAKN", "", None), (190.0, "PAKN", "received", "PAKN", "Cùng kỳ năm trước", None),
        (150.0, "PAKN", "online", "PAKN", "", 0), (141.0, "PAKN", "online", "PAKN", "Cùng kỳ năm trước", 1),
        (96.5, "%", "resolved", "PAKN", "", None), (94.0, "%", "resolved", "PAKN", "Cùng kỳ năm trước", None),
    ]


def test_indicator_rows_whose_bars_ocr_read_inside_and_between_cells():
    text = (
        "3.1 | Số hồ sơ tiếp nhận (trực tuyến và | Hd so | 8.214 7.950\n"
        "qua bưu chính)\n"
        "3.1.1 | Tiếp nhận trực tuyến Hồ sơ | 6.010 5.800\n"
        "3.1.2 | Qua bưu chính Hồ sơ | 2.204 | 2.150\n"
    )
    (table,) = extract_text_tables(text, page=1)
    assert [(s.label, s.value, s.unit, s.measure, s.part_of) for s in table.statistics] == [
        ("Số hồ sơ tiếp nhận (trực tuyến và qua bưu chính)", 8214.0, "hồ sơ", "received", None),
        ("Số hồ sơ tiếp nhận (trực tuyến và qua bưu chính)", 7950.0, "hồ sơ", "received", None),
        ("Tiếp nhận trực tuyến", 6010.0, "hồ sơ", "online", 0), ("Tiếp nhận trực tuyến", 5800.0, "hồ sơ", "online", 1),
        ("Qua bưu chính", 2204.0, "hồ sơ", "postal", 0), ("Qua bưu chính", 2150.0, "hồ sơ", "postal", 1),
    ]


def test_a_row_naming_no_subject_counts_what_its_group_row_names():
    text = (
        "STT Chỉ tiêu ĐVT Kỳ này\n2 Hồ sơ thủ tục hành chính\n"
        "2.1 Số hồ sơ đã giải quyết Hồ sơ 4.120\n2.2 Tỷ lệ giải quyết đúng hạn % 97,5\n"
    )
    assert _cells(text) == [
        (4120.0, "hồ sơ", "resolved", "hồ sơ", ""), (97.5, "%", "resolved_on_time", "hồ sơ", ""),
    ]
