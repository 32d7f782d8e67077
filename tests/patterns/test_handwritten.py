"""The header takes the handwritten number, day and month the recogniser read surely, and leaves them
empty, never guessed, when it was unsure."""

from dataclasses import replace

from domain.records import HandwrittenField, Header
from patterns.handwritten import with_handwriting

BOX = (480, 360, 120, 70)
# What extract_header made of `Số: 915 /UBND-KTTH` and `ngày 04tháng 02 năm 2025` (OCR's guesses).
GUESSED = Header(number="915", symbol="UBND-KTTH", number_symbol="915/UBND-KTTH", issue_date="2025-02")


def test_a_sure_handwritten_number_replaces_the_ocr_guess():
    number = HandwrittenField("number", "575", 98.0, BOX)
    header, used = with_handwriting(GUESSED, [number])
    assert (header.number, header.number_symbol, used) == ("575", "575/UBND-KTTH", (number,))


def test_an_unsure_handwritten_number_leaves_the_number_empty():
    header, used = with_handwriting(GUESSED, [HandwrittenField("number", None, 41.0, BOX)])
    assert (header.number, header.number_symbol, header.symbol, [f.text for f in used]) == (None, None, "UBND-KTTH", [None])


def test_the_number_keeps_the_year_printed_in_the_number_symbol():
    header = Header(number="3", symbol="QĐ-UBND", number_symbol="3/2020/QĐ-UBND")
    assert with_handwriting(header, [HandwrittenField("number", "37", 99.0, BOX)])[0].number_symbol == "37/2020/QĐ-UBND"


def test_a_handwritten_day_completes_the_printed_month_and_year():
    header, _ = with_handwriting(GUESSED, [HandwrittenField("day", "04", 99.0, BOX)])
    assert header.issue_date == "2025-02-04"


def test_a_day_ocr_misread_is_replaced():
    header, _ = with_handwriting(Header(issue_date="2018-03-02"), [HandwrittenField("day", "20", 97.0, BOX)])
    assert header.issue_date == "2018-03-20"


def test_an_unsure_day_leaves_the_month_and_year():
    header, used = with_handwriting(Header(issue_date="2018-03-02"), [HandwrittenField("day", None, 12.0, BOX)])
    assert (header.issue_date, [f.text for f in used]) == ("2018-03", [None])


def test_a_day_that_makes_no_date_is_unsure():
    header, used = with_handwriting(Header(issue_date="2025-02"), [HandwrittenField("day", "31", 95.0, BOX)])
    assert (header.issue_date, [f.text for f in used]) == ("2025-02", [None])


def test_a_day_without_a_printed_month_is_not_used():
    header, used = with_handwriting(Header(), [HandwrittenField("day", "04", 99.0, BOX)])
    assert (header.issue_date, used) == (None, ())


def test_a_reading_of_part_of_a_number_tesseract_read_whole_leaves_the_printed_number():
    printed = Header(number="1964", symbol="QĐ-UBND", number_symbol="1964/QĐ-UBND")
    header, used = with_handwriting(printed, [HandwrittenField("number", "19", 100.0, BOX)])
    assert (header.number, header.number_symbol, used) == ("1964", "1964/QĐ-UBND", ())


# `ngày 04 tháng 01 năm 2021`, day and month by pen: the header has the printed year alone.
PRINTED_YEAR = Header(issue_date="2021")
MONTH = HandwrittenField("month", "01", 100.0, BOX)
DAY = HandwrittenField("day", "04", 100.0, BOX)


def test_a_handwritten_day_and_month_complete_the_printed_year():
    header, used = with_handwriting(PRINTED_YEAR, [DAY, MONTH])
    assert (header.issue_date, used) == ("2021-01-04", (MONTH, DAY))


def test_a_one_digit_handwritten_month_is_written_with_two():
    header, _ = with_handwriting(PRINTED_YEAR, [HandwrittenField("month", "4", 100.0, BOX)])
    assert header.issue_date == "2021-04"


def test_an_unsure_day_leaves_the_year_and_the_handwritten_month():
    unsure = replace(DAY, text=None)
    header, used = with_handwriting(PRINTED_YEAR, [unsure, MONTH])
    assert (header.issue_date, used) == ("2021-01", (MONTH, unsure))


def test_an_unsure_month_leaves_the_year_alone_and_the_day_unused():
    unsure = replace(MONTH, text=None)
    header, used = with_handwriting(PRINTED_YEAR, [DAY, unsure])
    assert (header.issue_date, used) == ("2021", (unsure,))


def test_a_printed_month_is_kept_and_the_handwritten_one_unused():
    header, used = with_handwriting(Header(issue_date="2025-02"), [DAY, MONTH])
    assert (header.issue_date, used) == ("2025-02-04", (DAY,))


def test_a_month_without_a_printed_year_is_not_used():
    header, used = with_handwriting(Header(), [DAY, MONTH])
    assert (header.issue_date, used) == (None, ())
