from patterns import Statistic, WordBox, extract_tables, extract_text_tables
from patterns.tables import without_table_lines

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
        Statistic(4, "Hồ sơ tiếp nhận", 55653.0, "hồ sơ", None, "1 | Hồ sơ tiếp nhận | Hồ sơ | 55.653", "table", 0, 3),
        Statistic(4, "Tỷ lệ đúng hạn", 99.8, "%", None, "2 | Tỷ lệ đúng hạn | % | 99,8", "table", 1, 3),
    )


def test_word_boxes_header_is_read_by_columns():
    (table,) = extract_tables(_grid_page(), page=1)
    assert table.header == ("STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú")


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
