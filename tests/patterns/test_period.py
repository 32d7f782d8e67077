from patterns import Period, parse_period
from patterns.period import confirmed_period, numbered_quarter, restated_title


def test_first_six_months():
    assert parse_period("Kết quả công tác 6 tháng đầu năm 2023") == Period("2023-01-01", "2023-06-30", "6 tháng đầu năm 2023")


def test_last_six_months_spelled_out():
    assert parse_period("sáu tháng cuối năm 2022") == Period("2022-07-01", "2022-12-31", "sáu tháng cuối năm 2022")


def test_quarter_in_roman_numerals():
    assert parse_period("Báo cáo Quý I năm 2023") == Period("2023-01-01", "2023-03-31", "Quý I năm 2023")


def test_month_of_a_leap_year():
    assert parse_period("tình hình tháng 02 năm 2024") == Period("2024-02-01", "2024-02-29", "tháng 02 năm 2024")


def test_whole_year():
    assert parse_period("nhiệm vụ cải cách hành chính năm 2024") == Period("2024-01-01", "2024-12-31", "năm 2024")


def test_nine_months_count_from_january():
    assert parse_period("9 tháng năm 2023") == Period("2023-01-01", "2023-09-30", "9 tháng năm 2023")


def test_garbled_words():
    assert parse_period("trong 6 thang dau nam 2023") == Period("2023-01-01", "2023-06-30", "6 thang dau nam 2023")


def test_a_quarter_whose_numeral_ocr_lost_is_no_whole_year():
    assert parse_period("cải cách tư pháp quý năm 2024") is None


def test_a_date_a_title_cites_a_document_by_names_no_period():
    title = "Sửa đổi Thông tư số 15/2024/TT-BKHĐT ngày 30 tháng 9 năm 2024 của Bộ Kế hoạch và Đầu tư"
    assert parse_period(title) is None


def test_no_period():
    assert parse_period("Về việc thành lập Tổ công tác") is None


def test_period_the_text_repeats_overrules_the_title_ocr_garbled():
    text = "BÁO CÁO\nKết quả quý II năm 2021\n\nbáo cáo kết quả quý III năm 2021 như sau:\nI. NHIỆM VỤ QUÝ III NĂM 2021"
    assert confirmed_period(parse_period("Kết quả quý II năm 2021"), text) == Period(
        "2021-07-01", "2021-09-30", "quý III năm 2021"
    )


def test_title_period_the_text_repeats_stands():
    text = "Kết quả quý II năm 2021\nbáo cáo quý II năm 2021; so với quý I năm 2021 và quý I năm 2021"
    assert confirmed_period(parse_period("Kết quả quý II năm 2021"), text).text == "quý II năm 2021"


def test_whole_year_is_not_overruled():
    text = "Kế hoạch năm 2024\nkết quả 6 tháng đầu năm 2023; 6 tháng đầu năm 2023"
    assert confirmed_period(parse_period("Kế hoạch năm 2024"), text).text == "năm 2024"


def test_title_takes_the_period_the_text_confirmed_in_its_own_case():
    title = "Kết quả công tác quý II năm 2022"
    stated, confirmed = parse_period(title), Period("2022-07-01", "2022-09-30", "QUÝ III NĂM 2022")
    assert restated_title(title, stated, confirmed) == "Kết quả công tác quý III năm 2022"


def test_title_whose_period_stands_is_unchanged():
    title = "Kết quả công tác quý II năm 2022"
    stated = parse_period(title)
    assert restated_title(title, stated, stated) == title


def test_quarter_whose_numeral_ocr_lost_takes_the_one_the_text_names():
    text = "V/v kết quả kiểm soát thủ tục hành chính quy\nnăm 2021\nUBND tỉnh báo cáo kết quả quý I năm\n2021 như sau:"
    assert numbered_quarter("kết quả kiểm soát thủ tục hành chính quy năm 2021", text) == (
        "kết quả kiểm soát thủ tục hành chính quý I năm 2021"
    )


def test_quarter_of_a_year_the_text_never_names_stays_bare():
    text = "kết quả quy năm 2021\nso với quý IV năm 2020"
    assert numbered_quarter("kết quả quy năm 2021", text) == "kết quả quy năm 2021"


def test_a_title_with_the_tasks_ahead_reports_on_the_period_before_them_in_the_year_printed_after():
    assert parse_period("Kết quả kiểm soát TTHC quý III và phương hướng, nhiệm vụ quý IV năm 2024") == Period(
        "2024-07-01", "2024-09-30", "quý III")


def test_a_title_whose_reported_period_has_its_own_year_keeps_it():
    assert parse_period("Tổng kết năm 2022 và nhiệm vụ năm 2023") == Period("2022-01-01", "2022-12-31", "năm 2022")


def test_quarter_whose_numeral_ocr_read_as_letters_takes_the_one_the_text_names():
    title = "Báo cáo kết quả kiểm soát thủ tục hành chính quý TH năm 2024"
    assert parse_period(title) is None
    assert numbered_quarter(title, "Kết quả quý III năm 2024 như sau:") == (
        "Báo cáo kết quả kiểm soát thủ tục hành chính quý III năm 2024")
