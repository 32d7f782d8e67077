from evaluation.titles import as_printed

PAGE = "QUYẾT ĐỊNH\nCông bố thủ tục hành chính mới ban hành;  \nsửa đổi, bổ sung lĩnh vực hộ tịch\n\nCăn cứ"


def test_whole_lines_with_only_their_breaks_joined_are_as_printed():
    assert as_printed("Công bố thủ tục hành chính mới ban hành; sửa đổi, bổ sung lĩnh vực hộ tịch", PAGE)


def test_a_semicolon_turned_into_a_comma_is_not_as_printed():
    assert not as_printed("Công bố thủ tục hành chính mới ban hành, sửa đổi, bổ sung lĩnh vực hộ tịch", PAGE)


def test_a_title_starting_inside_a_line_is_not_as_printed():
    assert not as_printed("thủ tục hành chính mới ban hành; sửa đổi, bổ sung lĩnh vực hộ tịch", PAGE)
