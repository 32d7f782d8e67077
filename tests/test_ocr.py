"""OCR stage: the real Tesseract `vie` reads rendered Vietnamese exactly, marks included."""

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from domain.records import WordBox
from pipeline.config import OcrConfig
from pipeline.errors import OcrTimeout
from pipeline.ocr import _layout_text, _split_at_speck, _surer, _unglued, _without_stray_quotes, ocr_image
from tests.conftest import FONT, REPORT_LINES, page_array, render_page


def two_columns(left: tuple[str, ...], right: tuple[str, ...], right_x: int) -> Image.Image:
    """A blank page with the `left` and `right` lines side by side in 13 pt, the right ones from `right_x`."""
    page = render_page([])
    draw, font = ImageDraw.Draw(page), ImageFont.truetype(str(FONT), round(13 * 300 / 72))
    for row, (left_line, right_line) in enumerate(zip(left, right, strict=True)):
        draw.text((300, 300 + 80 * row), left_line, font=font, fill=0)
        draw.text((right_x, 300 + 80 * row), right_line, font=font, fill=0)
    return page


def numbered_report_page() -> Image.Image:
    """The report page with its page number, 2, printed alone in the top margin."""
    page = render_page()
    ImageDraw.Draw(page).text((1230, 120), "2", font=ImageFont.truetype(str(FONT), round(14 * 300 / 72)), fill=0)
    return page


def test_reads_a_rendered_vietnamese_page_with_its_diacritics():
    page = ocr_image(page_array(render_page()), 300, OcrConfig())
    assert [line for line in page.text.splitlines() if line] == list(REPORT_LINES)


def test_keeps_word_boxes_and_confidences():
    page = ocr_image(page_array(render_page(["Quảng Ngãi"])), 300, OcrConfig())
    assert [word.text for word in page.words] == ["Quảng", "Ngãi"]
    assert page.words[0].left < page.words[1].left
    assert page.mean_confidence > 80 and page.low_confidence_share == 0.0


def test_a_blank_page_has_no_words_and_no_confidence():
    page = ocr_image(page_array(render_page([])), 300, OcrConfig())
    assert (page.text, page.words, page.mean_confidence) == ("", (), None)


def test_a_page_that_takes_too_long_raises_ocr_timeout():
    with pytest.raises(OcrTimeout, match="longer than 0.01 s"):
        ocr_image(page_array(render_page()), 300, OcrConfig(timeout_seconds=0.01), number=1)


def test_a_two_column_header_reads_left_column_then_right_column():
    left, right = ("UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    text = ocr_image(page_array(two_columns(left, right, right_x=1150)), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == [*left, *right]


def test_a_lone_page_number_above_the_text_is_kept_first():
    text = ocr_image(page_array(numbered_report_page()), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == ["2", *REPORT_LINES]


def test_a_signer_block_keeps_both_columns_when_a_last_line_has_two_parts_on_the_right():
    left, right = ("Nơi nhận:", "- Lưu: VT."), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    page = two_columns(left, right, right_x=1400)
    draw, font = ImageDraw.Draw(page), ImageFont.truetype(str(FONT), round(13 * 300 / 72))
    draw.text((1500, 560), "Ký", font=font, fill=0)
    draw.text((1900, 560), "Đóng dấu", font=font, fill=0)
    text = ocr_image(page_array(page), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == [*left, *right, "Ký", "Đóng dấu"]


def printed(text: str, left: int, top: int, height: int, block: int, line: int) -> list[WordBox]:
    """The words of `text` as Tesseract boxes them in one line from `left`: a letter 0.6 of the
    height wide, a word space 0.4 of it."""
    words = []
    for token in text.split():
        words.append(WordBox(token, left, top, round(0.6 * height * len(token)), height, 95.0, block, 1, line))
        left += words[-1].width + round(0.4 * height)
    return words


def ending_at(right: int, text: str, top: int, height: int, block: int, line: int) -> list[WordBox]:
    """`printed`, its last word ending at `right`."""
    words = printed(text, 0, top, height, block, line)
    return printed(text, right - words[-1].left - words[-1].width, top, height, block, line)


def test_a_note_in_smaller_print_a_word_space_beside_the_title_is_a_column_of_its_own():
    # Shaped like a real công văn: a note typed in a smaller print (letters 28 px against the
    # title's 37) from x 1117, 19 px (one word space) from the title's first line and 40 px from
    # its second; Tesseract read each title line and the note's line beside it as one line.
    note = ("1. Cô gửi văn bản đến các đơn vị", "2. Phòng phối hợp với Đoàn", "3. Công đoàn phối hợp với các đơn vị")
    words = (
        *ending_at(1098, "V/v bảo đảm trật tự an toàn", 534, 37, 3, 1), *printed(note[0], 1117, 537, 28, 3, 1),
        *printed("CB-GV-NV;", 1117, 580, 31, 4, 1),
        *ending_at(1077, "trong dịp nghỉ hè", 598, 37, 4, 2), *printed(note[1], 1117, 620, 28, 4, 2),
        *ending_at(940, "quốc gia 2019", 650, 37, 5, 1), *printed(note[2], 1117, 662, 28, 5, 1),
        *printed("4. Đoàn phối hợp với các đơn vị", 1117, 704, 28, 5, 2),
    )
    assert _layout_text(words) == "\n".join((
        "V/v bảo đảm trật tự an toàn", "trong dịp nghỉ hè", "quốc gia 2019", "",
        note[0], "CB-GV-NV;", note[1], note[2], "4. Đoàn phối hợp với các đơn vị",
    ))


def test_tone_marks_of_a_title_read_as_words_of_a_line_of_their_own_are_left_out():
    # The marks Tesseract read over `dịp`, `và` and `kỳ` of a 13 pt title: `*` 8 by 7 px, `vị`
    # 25 by 41 (reaching into the first line's gap), `trọ` 8 by 8.
    second = printed("trong dịp nghỉ hè và kỳ thi", 409, 592, 37, 4, 2)
    over = {word.text: word for word in second}
    marks = [
        WordBox(text, over[host].left + offset, top, width, height, 60.0, 4, 1, 1)
        for text, host, offset, top, width, height in (
            ("*", "dịp", 10, 592, 8, 7), ("vị", "và", 2, 570, 25, 41), ("trọ", "kỳ", 20, 593, 8, 8))
    ]
    words = (*printed("V/v bảo đảm trật tự an toàn", 380, 534, 37, 3, 1), *marks, *second)
    assert _layout_text(words) == "V/v bảo đảm trật tự an toàn\n\ntrong dịp nghỉ hè và kỳ thi"


def word(text: str, confidence: float) -> WordBox:
    return WordBox(text, left=900, top=1200, width=160, height=40, confidence=confidence, block=3, paragraph=1, line=4)


def test_a_number_read_again_alone_with_more_confidence_takes_the_new_reading_in_its_place():
    assert _surer(word("12568", 74.0), (word("12.568", 96.0),)) == word("12.568", 96.0)


@pytest.mark.parametrize("reading", [(), (word("12.568", 70.0),), (word("12", 97.0), word("568", 97.0))])
def test_a_number_keeps_its_first_reading_unless_read_again_as_one_surer_word(reading):
    assert _surer(word("12568", 74.0), reading) == word("12568", 74.0)


@pytest.mark.parametrize(
    ("read", "expected"), [("tục.hành", "tục hành"), ("Cơ:quan,", "Cơ quan,")]
)
def test_a_speck_joining_two_words_of_an_unsure_reading_is_a_space_again(read, expected):
    assert _split_at_speck(word(read, 62.0)).text == expected


@pytest.mark.parametrize(("read", "expected"), [("ngày22", "ngày 22"), ("tháng9", "tháng 9"), ("10năm", "10 năm")])
def test_a_word_and_a_number_ocr_read_without_their_space_are_two_words_again(read, expected):
    assert _unglued(word(read, 83.0)).text == expected


@pytest.mark.parametrize("read", ["QH15", "C29", "km2", "Vi273", "NC(Vi273)."])
def test_codes_and_units_keep_their_digits(read):
    assert _unglued(word(read, 90.0)).text == read


def test_a_single_quote_a_speck_put_before_a_word_is_dropped():
    # Words Tesseract read on the clean pages of generated reports (`Sở 'Tư pháp`, `Huỳnh 'Thanh Hòa`).
    read = (word("Sở", 96.0), word("'Tư", 90.0), word("pháp", 96.0))
    assert [w.text for w in _without_stray_quotes(read)] == ["Sở", "Tư", "pháp"]


def test_single_quotes_that_open_and_close_on_their_line_are_kept():
    read = (word("là", 96.0), word("'Một", 91.0), word("cửa'", 91.0))
    assert _without_stray_quotes(read) == read


@pytest.mark.parametrize(("read", "confidence"), [("TTr-SKHĐT", 62.0), ("12.568", 62.0), ("dichvucong.gov.vn", 95.0), ("vắc-xin", 62.0), ("mô-đun", 71.0)])
def test_symbols_numbers_addresses_and_hyphenated_words_keep_their_points_and_hyphens(read, confidence):
    assert _split_at_speck(word(read, confidence)).text == read


def test_a_colour_page_with_a_page_number_reads_like_a_grey_one():
    colour = np.repeat(page_array(numbered_report_page())[..., None], 3, axis=2)
    text = ocr_image(colour, 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == ["2", *REPORT_LINES]


@pytest.mark.parametrize("stamp", [
    ("Ký bởi: Văn phòng Ủy ban nhân dân", "Email: vanphong@binhminh.gov.vn", "Cơ quan: Tỉnh Bình Minh",
     "Thời gian ký: 12.03.2024 09:15:02 +07:00"),
    ("Người ký: CỔNG THÔNG TIN ĐIỆN TỬ", "Email: congthongtin@binhminh.gov.vn", "Cơ quan: VĂN PHÒNG"),
])
def test_an_e_signature_stamp_in_the_corner_is_kept_out_of_the_text(stamp):
    page = render_page([], dpi=300)
    draw, font = ImageDraw.Draw(page), ImageFont.truetype(str(FONT), round(9 * 300 / 72))
    for row, line in enumerate(stamp):
        draw.text((1500, 120 + 45 * row), line, font=font, fill=0)
    body = ImageFont.truetype(str(FONT), round(14 * 300 / 72))
    for row, line in enumerate(REPORT_LINES):
        draw.text((300, 500 + 93 * row), line, font=body, fill=0)
    text = ocr_image(page_array(page), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == list(REPORT_LINES)


def _report_with(lines: tuple[str, ...], left: int, top: int, size: int = 10):
    """The report's lines at 14 pt with `lines` drawn at (`left`, `top`) in `size` pt."""
    page = render_page([], dpi=300)
    draw, font = ImageDraw.Draw(page), ImageFont.truetype(str(FONT), round(size * 300 / 72))
    for row, line in enumerate(lines):
        draw.text((left, top + round(size * 5.5) * row), line, font=font, fill=0)
    body = ImageFont.truetype(str(FONT), round(14 * 300 / 72))
    for row, line in enumerate(REPORT_LINES):
        draw.text((300, 800 + 93 * row), line, font=body, fill=0)
    return page


def test_a_received_stamp_is_kept_out_of_the_text():
    stamp = ("VĂN PHÒNG UBND TỈNH", "CÔNG VĂN ĐẾN", "Số: 1234", "Ngày: 12/3/2024", "Chuyển:")
    text = ocr_image(page_array(_report_with(stamp, left=300, top=150)), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == list(REPORT_LINES)


def _page_with(lines: tuple[tuple[int, int, str, int], ...], box: tuple[int, int, int, int] | None = None):
    """A blank page with each (left, top, text, point size) line drawn, and the ruled `box` of a stamp."""
    page = render_page([], dpi=300)
    draw = ImageDraw.Draw(page)
    for left, top, text, size in lines:
        draw.text((left, top), text, font=ImageFont.truetype(str(FONT), round(size * 300 / 72)), fill=0)
    if box:
        draw.rectangle(box, outline=0, width=4)
    return page


def test_a_title_line_that_a_stamps_border_runs_under_is_read_whole():
    # Rows 470-900 of page 1 of a Quảng Ngãi directive after cleanup (QuangDuyxyz_OCR_LOCAL_VBHC/
    # scans/2770_08-CT-UBND..signed_20250220_102437.pdf in the shared real scans): the top border
    # of a received stamp runs along the baseline of the title's second line, under its first words.
    image = cv2.imread(str(Path(__file__).parent / "fixtures" / "ruled_title.png"), cv2.IMREAD_GRAYSCALE)
    lines = ocr_image(image, 300, OcrConfig()).text.splitlines()
    assert "thực hiện dự án sử dụng vốn ngoài ngân sách nhà nước tại tỉnh Quảng Ngãi" in lines


def test_a_stacked_tone_mark_left_out_of_a_words_box_is_read_with_its_line():
    # Rows 0-760, columns 250-2250 of page 1 of a Quảng Ngãi decision after cleanup (QuangDuyxyz_OCR_LOCAL_VBHC/
    # scans/87_QD_CT.signed_20250219_232049.pdf in the shared real scans): the page's reading
    # leaves the acutes over `ố` and `ế` of the title's second line out of its words.
    image = cv2.imread(str(Path(__file__).parent / "fixtures" / "stacked_marks_title.png"), cv2.IMREAD_GRAYSCALE)
    lines = ocr_image(image, 300, OcrConfig()).text.splitlines()
    assert "đối với bà Lê Thị Kim Yến" in lines


def test_a_received_stamp_beside_the_motto_and_the_type_keeps_them():
    # Tesseract reads the stamp, the motto and the type line as one block (a Bộ Quốc phòng text).
    stamp = ((230, 320, "VĂN PHÒNG CHÍNH PHỦ", 11), (230, 395, "CÔNG VĂN ĐẾN", 11), (230, 470, "Giờ: 9 Ngày: 5/5", 11),
             (230, 545, "Kính chuyển: TTH", 11))
    header = ((1150, 320, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13), (1350, 395, "Độc lập - Tự do - Hạnh phúc", 13),
              (1300, 560, "THÔNG TƯ", 13), (700, 660, "Quy định về tổ chức lễ tang đối với quân nhân", 13))
    text = ocr_image(page_array(_page_with(stamp + header, box=(200, 300, 900, 640))), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "THÔNG TƯ",
        "Quy định về tổ chức lễ tang đối với quân nhân"]


def test_a_received_stamp_beside_the_title_keeps_the_title_whole():
    # The stamp's rows share lines with the title printed right of it (a Quảng Ngãi directive).
    title = ((1200, 300, "CHỈ THỊ", 14), (700, 380, "Về việc tăng cường công tác thi hành án", 14),
             (850, 460, "trên địa bàn tỉnh Bình Minh", 14),
             (300, 700, "Trong thời gian qua, công tác thi hành án hành chính đạt kết quả tích cực.", 14))
    stamp = ((80, 385, "TRUNG TÂM CÔNG BÁO", 10), (80, 447, "CV Số: 2352", 10), (80, 509, "ĐẾN Ngày: 21/3/18", 10),
             (80, 571, "Chuyển:", 10))
    text = ocr_image(page_array(_page_with(title + stamp, box=(60, 370, 660, 640))), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == [line for _, _, line, _ in title]


def test_a_heading_that_runs_to_a_year_is_no_received_stamp():
    lines = ((300, 300, "QUY HOẠCH TỈNH BÌNH MINH", 14), (300, 380, "TẦM NHÌN ĐẾN NĂM 2050", 14))
    text = ocr_image(page_array(_page_with(lines)), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == [line for _, _, line, _ in lines]


def _sealed_signing_page(seal_level: int = 85) -> np.ndarray:
    """A closing page: the `Nơi nhận:` list, and beside it the signer's position and name in bold
    under a red seal scanned grey (`seal_level`): a thick ring of dots and a star, lighter than the text."""
    page = _page_with(((300, 300, "Đề nghị Thường trực HĐND tỉnh xem xét, quyết định./.", 14),
                       *((300, 450 + 60 * row, line, 12) for row, line in enumerate(SIGNING_LIST))))
    draw, bold = ImageDraw.Draw(page), ImageFont.truetype(str(FONT).replace("Regular", "Bold"), round(14 * 300 / 72))
    draw.text((1550, 450), "CHỦ TỊCH", font=bold, fill=0)
    draw.text((1380, 950), "Nguyễn Văn Bình", font=bold, fill=0)
    seal = Image.new("L", page.size, 255)
    ink = ImageDraw.Draw(seal)
    ink.ellipse((1180, 420, 1680, 920), outline=seal_level, width=28)
    ink.ellipse((1250, 490, 1610, 850), outline=seal_level, width=10)
    ink.regular_polygon((1430, 670, 90), 5, fill=seal_level)
    for angle in np.deg2rad(np.arange(0, 360, 12)):
        x, y = 1430 + 215 * np.cos(angle), 670 + 215 * np.sin(angle)
        ink.ellipse((x - 14, y - 14, x + 14, y + 14), fill=seal_level)
    return np.minimum(page_array(page), page_array(seal))


SIGNING_LIST = ("Nơi nhận:", "- Như trên;", "- Thường trực Tỉnh ủy;", "- CT, PCT UBND tỉnh;", "- Lưu: VT, KTTH.")


def test_the_signing_block_under_a_seal_is_read_again_without_the_seals_grey():
    # Read with the page, the position under the seal's ring is lost (`CHỦ TỊCH` on 12 real pages).
    text = ocr_image(_sealed_signing_page(), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line][-2:] == ["CHỦ TỊCH", "Nguyễn Văn Bình"]


def test_the_receivers_list_beside_a_sealed_signing_block_is_kept_as_read():
    text = ocr_image(_sealed_signing_page(), 300, OcrConfig()).text
    assert [line for line in text.splitlines() if line][1:6] == list(SIGNING_LIST)


def test_a_certified_copy_block_and_what_follows_it_are_kept_out_of_the_text():
    copy = ("VĂN PHÒNG ỦY BAN NHÂN DÂN        SAO Y BẢN CHÍNH", "Số: 12/SY-VP", "Nơi nhận: Sở Tư pháp")
    text = ocr_image(page_array(_report_with(copy, left=300, top=800 + 93 * len(REPORT_LINES) + 150, size=14)),
                     300, OcrConfig()).text
    assert [line for line in text.splitlines() if line] == list(REPORT_LINES)


def test_a_paragraph_that_gives_an_e_mail_address_is_kept():
    lines = ("Hồ sơ gửi về Văn phòng, địa chỉ thư điện tử", "vanphong@binhminh.gov.vn trước ngày 15 tháng 3.")
    text = ocr_image(page_array(render_page(lines)), 300, OcrConfig()).text
    read = [line for line in text.splitlines() if line]  # the address itself Tesseract reads `vanphong(@binhminh gov vn`
    assert read[0] == lines[0] and read[1].endswith("trước ngày 15 tháng 3.")
