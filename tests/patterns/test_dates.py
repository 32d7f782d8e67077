import pytest

from patterns import DateMention, extract_dates


def test_numeric_date():
    assert extract_dates("ban hành ngày 30/01/2023 về") == (DateMention(1, "30/01/2023", "2023-01-30"),)


def test_spelled_date_garbled_by_ocr():
    assert extract_dates("Quang Ngai, ngay 05 thding 6 nam 2023", page=2) == (
        DateMention(2, "ngay 05 thding 6 nam 2023", "2023-06-05"),
    )


def test_blank_day_gives_year_and_month():
    assert extract_dates("Quảng Ngãi, ngày tháng 6 năm 2024") == (
        DateMention(1, "ngày tháng 6 năm 2024", "2024-06"),
    )


def test_illegible_day_gives_year_and_month():
    assert extract_dates("Qudng Ngdi, ngay /7 thang 11 nam 2023")[0].date == "2023-11"


def test_a_pens_day_read_against_the_month_still_gives_year_and_month():
    assert extract_dates("Quảng Ngãi, ngày 0†tháng 02 năm 2025")[0].date == "2025-02"


@pytest.mark.parametrize("line", ["Quảng Ngãi, ngày% tháng 01 năm 2025", "Quảng Ngãi, ngày⁄|§ tháng 01 năm 2025",
                                  "Quảng Ngãi, ngàyÂtháng 01 năm 2025"])
def test_a_pens_day_read_against_ngay_still_gives_year_and_month(line):
    assert extract_dates(line)[0].date == "2025-01"


def test_range_with_dash():
    assert extract_dates("từ 15/12/2022 - 14/3/2023") == (
        DateMention(1, "15/12/2022 - 14/3/2023", "2022-12-15", "2023-03-14"),
    )


def test_range_with_den_ngay():
    assert extract_dates("từ ngày 01/01/2024 đến ngày 30/6/2024")[0].end_date == "2024-06-30"


def test_impossible_day_is_not_a_date():
    assert extract_dates("mã 31/02/2023") == ()


def test_year_range_and_document_numbers_are_not_dates():
    assert extract_dates("giai đoạn 2021 - 2025 theo Quyết định số 37/2020/QĐ-UBND") == ()


def test_spelled_date_whose_spaces_ocr_read_as_marks():
    text = "Lào Cai, ngày 09:tháng 9 năm 2025; ngày 13 tháng'9 năm 2023"
    assert [mention.date for mention in extract_dates(text)] == [
        "2025-09-09", "2023-09-13",
    ]


def test_speck_before_the_month():
    assert extract_dates("Đồng Nai, ngày 26 tháng -12 năm 2021")[0].date == "2021-12-26"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hà Nội, ngày22 tháng 9 năm 2025", "2025-09-22"),  # the space after `ngày` lost
        ("Hà Nội, này24 tháng9 năm 2025", "2025-09-24"),  # and the g of `ngày` with it
        ("Hà Nội, này 24 tháng 9 năm 2025", "2025-09-24"),
        ("Hà Nội, ngày 03 tháng 10năm 2025", "2025-10-03"),  # the space before `năm` lost
    ],
)
def test_spelled_date_whose_spaces_ocr_lost(text, date):
    assert extract_dates(text)[0].date == date


def test_the_word_nay_before_a_month_is_no_day():
    assert extract_dates("Quyết định này tháng 3 năm 2024") == ()
