"""Review: each OCR word on its line of the page text, and how sure OCR was of each value."""

from domain.records import PageReading, WordBox
from pipeline.review import digits, number_confidence, text_lines, value_confidence, word_rows


def word(text: str, line: int, confidence: float = 96, left: int = 0, block: int = 1) -> WordBox:
    return WordBox(text, left, 100 * line, 50, 40, confidence, block, 1, line)


# A header in two columns, which OCR reads across (`UBND` then `CỘNG HÒA` on its line 1) and the
# page text gives column by column; then a sentence whose number OCR was unsure of.
HEADER = PageReading(
    number=1,
    raw_text="UBND XÃ\nSố: 12/BC-UBND\n\nCỘNG HÒA\nngày 05\n\nTiếp nhận 55.653 hồ sơ, năm 2023",
    words=(
        word("UBND", 1), word("XÃ", 1), word("CỘNG", 1, left=900, block=2), word("HÒA", 1, left=1000, block=2),
        word("Số:", 2), word("12/BC-UBND", 2, 91),
        word("ngày", 2, left=900, block=2), word("05", 2, left=1000, block=2),
        word("Tiếp", 3), word("nhận", 3), word("55.653", 3, 63), word("hồ", 3), word("sơ,", 3, 88), word("năm", 3),
        word("2023", 3),
    ),
)


def test_each_word_is_placed_on_the_line_of_the_page_text_it_is_printed_on():
    assert text_lines(HEADER) == [1, 1, 4, 4, 2, 2, 5, 5, 7, 7, 7, 7, 7, 7, 7]


def test_the_words_table_holds_each_word_with_its_line_box_and_confidence():
    rows = word_rows("doc", [HEADER])
    assert rows[10] == {"doc_id": "doc", "page": 1, "line": 7, "text": "55.653", "left": 0, "top": 300, "width": 50,
                        "height": 40, "confidence": 63}
    assert word_rows("doc", [PageReading(number=1, raw_text="a legacy text page")]) == []


def test_a_number_is_known_by_its_digits_in_any_format():
    assert [digits("55.653"), digits("99,8%"), digits("1,5"), digits("937/BC-VP")] == ["55653", "998", "15", "937"]


def test_a_value_is_as_sure_as_the_least_sure_word_printing_it_on_its_line():
    words = word_rows("doc", [HEADER])
    assert value_confidence(words, page=1, line=7, value=55653.0) == 63
    assert value_confidence(words, page=1, line=None, value=55653.0) == 63  # a table cell: anywhere on its page
    assert value_confidence(words, page=1, line=5, value=55653.0) is None  # not printed on that line
    assert value_confidence(words, page=2, line=7, value=55653.0) is None
    assert value_confidence([], page=1, line=7, value=55653.0) is None  # a text input has no words


def test_the_documents_number_is_as_sure_as_the_word_printing_it_on_its_page():
    words = word_rows("doc", [HEADER])
    assert number_confidence(words, "12", 1) == 91
    assert number_confidence(words, None, None) is None  # a draft: `Số: /BC-UBND`


def test_a_consolidated_texts_number_is_looked_for_on_the_last_page_it_is_printed_on():
    closing = PageReading(number=3, raw_text="XÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 12/VBHN-BQP",
                          words=(word("Số:", 2), word("12/VBHN-BQP", 2, 74)))
    words = word_rows("doc", [HEADER, closing])
    assert (number_confidence(words, "12", 3), number_confidence(words, "12", 1)) == (74, 91)
