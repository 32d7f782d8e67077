"""Headers of real scanned pages: handwritten numbers and days, e-signature stamp residue above
the agency, a signing block before an attachment. The header lines are written here, with the
damage OCR does to such pages."""

import pytest

from domain.records import HandwrittenField
from patterns import PageText, extract_document, extract_header, extract_signature

DIRECTIVE = """3X TRUNG TÂM CÔNG BÁO VÀ TIN HỌC
tiobth@tinh.gov.vn 12.09.2024 07:49:43 +07:00
Ủy ban nhân dân tỉnh
Bình Định

ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH
SỐ:⁄‡6 /CT-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình Định, ngày ⁄‡ tháng 9 năm 2024
CHỈ THỊ

và việc tăng cường công tác phòng, chống thiên tai
trên địa bàn tỉnh

Thực hiện Thông tư số 12/2023/TT-BNNPTNT ngày 01/02/2023 của Bộ Nông nghiệp.
"""


def test_handwritten_number_leaves_the_printed_symbol_and_month():
    header = extract_header(DIRECTIVE)
    assert (header.number, header.symbol, header.number_symbol, header.issue_date) == (None, "CT-UBND", None, "2024-09")


def test_stamp_residue_above_the_agency_is_no_parent():
    header = extract_header(DIRECTIVE)
    assert (header.agency, header.parent_agency) == ("ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH", None)


def test_type_from_the_heading_not_from_a_cited_circular():
    assert extract_header(DIRECTIVE).doc_type == "Chỉ thị"


def test_title_keeps_its_printed_opening():
    assert extract_header(DIRECTIVE).title == "Về việc tăng cường công tác phòng, chống thiên tai trên địa bàn tỉnh"


@pytest.mark.parametrize(
    ("line", "number", "symbol"),
    [
        ("Số: 4‡ /QĐ-UBND", None, "QĐ-UBND"),
        ("Số: Ý /CT-UBND", None, "CT-UBND"),
        ("Số: 4/35 /SGDĐT-CTrTT", None, "SGDĐT-CTrTT"),
        ("Số:83. /TTr-UBND", None, "TTr-UBND"),
        ("Số: 2652 /QĐÐ-BGDĐT", "2652", "QĐ-BGDĐT"),  # OCR's Eth (Ð) for the Đ, doubled
        ("Số: 37/2020/QĐ-UBND", "37", "QĐ-UBND"),
    ],
)
def test_number_slot_is_a_number_only_when_read_as_digits(line, number, symbol):
    header = extract_header(f"BỘ GIÁO DỤC VÀ ĐÀO TẠO\n{line}\nHà Nội, ngày 14 tháng 10 năm 2025\nQUYẾT ĐỊNH\n")
    assert (header.number, header.symbol) == (number, symbol)


def test_number_line_under_stamp_text_is_no_agency():
    header = extract_header(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 6† /TTg-CĐS\nV/v triển khai các Nghị quyết\nHà Nội, ngày 30 tháng 4 năm 2026\n"
    )
    assert (header.agency, header.symbol, header.doc_type, header.title) == (
        "THỦ TƯỚNG CHÍNH PHỦ", "TTg-CĐS", "Công văn", "triển khai các Nghị quyết")


SUBMISSION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 09 /TTr-UBND
Quảng Ngãi, ngày 20 tháng 01 năm 2025
TỜ TRÌNH
Về việc ban hành Nghị quyết

Kính trình HĐND tỉnh xem xét, quyết định./.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Nam
"""

DRAFT_ATTACHED = """Nghị quyết này có hiệu lực ngày ... tháng ... năm 2025./.

Nơi nhận:
- Chính phủ;
- Lưu: VT.

CHỦ TỊCH
Lê Thị Hoa
"""


def test_signer_is_the_documents_not_its_attachments():
    header = extract_document([PageText(1, SUBMISSION), PageText(2, DRAFT_ATTACHED)]).header
    assert (header.signer_authority, header.signer_title, header.signer) == ("KT.", "Phó Chủ tịch", "Trần Văn Nam")


TAX_LETTER = """BỘ TÀI CHÍNH
CỤC THUẾ
Số: 2MI /€CT-CS
V/v chính sách thuế TNDN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập — Tự do -Hạnh phúc
Hà Nội ngày 09 thủng năm 2026
Kính gửi: Thuế tỉnh Ninh Bình.
"""


def test_a_speck_after_the_slash_leaves_the_symbol_and_a_handwritten_number_unread():
    header = extract_header(TAX_LETTER)
    assert (header.number, header.symbol, header.agency, header.parent_agency) == (
        None, "CT-CS", "CỤC THUẾ", "BỘ TÀI CHÍNH")


def test_a_subject_line_makes_a_cong_van_whatever_the_symbols_first_code():
    header = extract_header(TAX_LETTER)
    assert (header.doc_type, header.title) == ("Công văn", "chính sách thuế TNDN")


def test_the_place_and_the_year_are_read_when_the_handwritten_day_and_month_are_not():
    header = extract_header(TAX_LETTER)
    assert (header.place, header.issue_date) == ("Hà Nội", "2026")


def test_a_space_ocr_opened_inside_the_symbol_is_closed():
    header = extract_header(
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: /TTr -UBND Quảng Ngãi, ngày 0† tháng 02 năm 2025\nTỜ TRÌNH\n"
    )
    assert (header.number, header.symbol, header.issue_date) == (None, "TTr-UBND", "2025-02")


@pytest.mark.parametrize("greeting", ["Kính gửi:", "tính gửi:", "Kính gửi"])
def test_the_subject_ends_at_the_greeting_however_ocr_read_it(greeting):
    header = extract_header(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 6† /TTg-CĐS\nV/v triển khai các Nghị quyết cắt giảm,\n"
        f"đơn giản hóa TTHC, ĐKKD\n{greeting}\n\nHà Nội, ngày30 tháng 4 năm 2026\n"
    )
    assert (header.title, header.issue_date) == (
        "triển khai các Nghị quyết cắt giảm, đơn giản hóa TTHC, ĐKKD", "2026-04-30")


@pytest.mark.parametrize("marker", ["XNơi nhận:", "Nơi nhận."])
def test_the_signer_stands_beside_a_receivers_list_ocr_misread(marker):
    closing = (f"Đề nghị Thường trực HĐND tỉnh xem xét, quyết định./.\n\n{marker}\n- Như trên;\n- Lưu: VT.\n\n"
               "CHỦ TỊCH\nNguyễn Văn Nam\n")
    header = extract_document([PageText(1, SUBMISSION.split("Nơi nhận")[0]), PageText(2, closing)]).header
    assert (header.signer_title, header.signer) == ("Chủ tịch", "Nguyễn Văn Nam")


def test_a_blank_back_page_is_not_the_closing_page():
    header = extract_document([PageText(1, SUBMISSION.replace("Nơi nhận:", "")), PageText(2, "")]).header
    assert (header.signer_title, header.signer) == ("Phó Chủ tịch", "Trần Văn Nam")


CONSOLIDATED_FIRST_PAGE = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
THÔNG TƯ

Quy định về tổ chức lễ tang đối với quân nhân

Thông tư số 86/2016/TT-BQP ngày 20 tháng 6 năm 2016 của Bộ trưởng Bộ Quốc phòng quy định về tổ chức lễ tang.
"""

CONSOLIDATED_LAST_PAGE = """Điều 37. Trách nhiệm thi hành
Các cơ quan, đơn vị báo cáo về Bộ Quốc phòng để xem xét, giải quyết.

BỘ QUỐC PHÒNG
Số: J6 /VBHN-BQP
Nơi nhận:
- Văn phòng Chính phủ;
- Lưu: VT, NCTH.

XÁC THỰC VĂN BẢN HỢP NHẤT
Hà Nội ngày 0l tháng ° năm 2026
KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Thượng tướng Nguyên Văn Hải
"""


def test_a_consolidated_text_takes_its_head_from_the_authentication_block_at_its_end():
    header = extract_document([PageText(1, CONSOLIDATED_FIRST_PAGE), PageText(2, CONSOLIDATED_LAST_PAGE)]).header
    assert (header.agency, header.number, header.symbol, header.place, header.issue_date) == (
        "BỘ QUỐC PHÒNG", None, "VBHN-BQP", "Hà Nội", "2026")


# What the digit readers read on the authentication block's page: the 46 and the 5 surely, the
# day's 04 not (its 4 is open at the top, like an H).
PEN_ON_LAST_PAGE = (HandwrittenField("number", "46", 99.9, (683, 1141, 78, 67)),
                    HandwrittenField("day", None, 0.0, (1700, 1157, 71, 57)),
                    HandwrittenField("month", "5", 100.0, (1964, 1152, 52, 51)))


def test_a_consolidated_text_takes_its_handwritten_number_and_date_from_its_authentication_block():
    extraction = extract_document([PageText(1, CONSOLIDATED_FIRST_PAGE),
                                   PageText(2, CONSOLIDATED_LAST_PAGE, handwritten=PEN_ON_LAST_PAGE)])
    assert (extraction.header.number_symbol, extraction.header.issue_date,
            [(field.kind, field.text) for field in extraction.handwritten]) == (
        "46/VBHN-BQP", "2026-05", [("number", "46"), ("month", "5"), ("day", None)])


def test_a_consolidated_texts_number_and_date_lines_are_on_its_last_page():
    pages = [PageText(1, CONSOLIDATED_FIRST_PAGE), PageText(2, "Điều 1. Phạm vi điều chỉnh"),
             PageText(3, CONSOLIDATED_LAST_PAGE)]
    assert (extract_document(pages).head_page, extract_document(pages[:1]).head_page) == (3, 1)


def test_handwriting_of_a_page_that_did_not_give_the_header_is_not_used():
    closing = "Chỉ thị này có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n"
    extraction = extract_document([PageText(1, DIRECTIVE), PageText(2, closing, handwritten=PEN_ON_LAST_PAGE)])
    assert (extraction.header.number, extraction.header.issue_date, extraction.handwritten) == (None, "2024-09", ())


def test_a_consolidated_text_keeps_the_type_and_title_of_its_first_page():
    header = extract_document([PageText(1, CONSOLIDATED_FIRST_PAGE), PageText(2, CONSOLIDATED_LAST_PAGE)]).header
    assert (header.doc_type, header.title) == ("Thông tư", "Quy định về tổ chức lễ tang đối với quân nhân")


def test_a_rank_before_the_signers_name_is_no_part_of_it():
    header = extract_document([PageText(1, CONSOLIDATED_FIRST_PAGE), PageText(2, CONSOLIDATED_LAST_PAGE)]).header
    assert (header.signer_title, header.signer) == ("Thứ trưởng", "Nguyễn Văn Hải")


def test_stamp_residue_before_the_titles_about_is_dropped():
    header = extract_header(
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: /CT-UBND\nQuảng Ngãi, ngày 2 tháng 3 năm 2018\nCHỈ THỊ\n\n"
        "0.NG Ã| Về việc tăng cường công tác thi hành án\ntrên địa bàn tỉnh\n\n"
        "Trong thời gian qua, công tác đạt kết quả.\n"
    )
    assert header.title == "Về việc tăng cường công tác thi hành án trên địa bàn tỉnh"


def test_the_title_ends_where_a_full_body_line_follows_a_line_with_room_left():
    # OCR lost the blank line, the rule under the title and the body's capital (`trang` for Trong)
    body = (
        "chính; việc tổ chức thi hành những bản án, quyết định của Tòa án về vụ án\n"
        "hành chính; việc theo dõi thi hành án hành chính của các cơ quan THADS đã\n"
        "đạt những kết quả tích cực. Tuy nhiên, vẫn còn một số trường hợp bản án,\n"
    )
    header = extract_header(
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: /CT-UBND\nQuảng Ngãi, ngày 2 tháng 3 năm 2018\nCHỈ THỊ\n\n"
        "Về việc tăng cường công tác thi hành án hành chính\ntrên địa bàn tỉnh Quảng Ngãi\n"
        "trang thời gian qua, công tác triển khai thi hành Luật tố tụng hành\n" + body
    )
    assert header.title == "Về việc tăng cường công tác thi hành án hành chính trên địa bàn tỉnh Quảng Ngãi"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("ạm Trường Thọ", "Phạm Trường Thọ"),  # the seal's edge took `Ph`
        ("rắn Ngọc Căng", "Trần Ngọc Căng"),  # and restoration re-marked what was left
        ("trần Ngọc Căng", "Trần Ngọc Căng"),  # only the capital lost
        ("2ưýền Hoàng Giang", "Nguyễn Hoàng Giang"),  # the seal's debris read as a digit
        ("ông Nguyễn Văn An", None),  # a person mentioned, no signer
        ("n Hoàng Giang", None),  # a letter left: Nguyễn, Trần, Phan ... and too little of the name
        ("am Văn An", None),  # Phạm, Lâm, Đàm, Cầm: no one family name
    ],
)
def test_a_family_name_cut_by_the_seal_is_completed_only_when_one_name_ends_so(line, name):
    closing = f"Kính trình xem xét./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{line}\n"
    assert extract_signature(closing).name == name


@pytest.mark.parametrize(
    ("printed", "name"),
    [("CỤC THUE", "CỤC THUẾ"), ("BỘ QUOC PHONG", "BỘ QUỐC PHÒNG"),
     ("KHO BAC NHA NUOC TINH QUANG NGAI", "KHO BẠC NHÀ NƯỚC TỈNH QUẢNG NGÃI")],
)
def test_central_agency_names_get_their_marks_back(printed, name):
    header = extract_header(f"{printed}\nSố: 12/CT-CS\nHà Nội, ngày 5 tháng 3 năm 2026\n")
    assert header.agency == name


def test_a_later_pages_running_header_enters_no_header_field():
    # Page 2 opens with its page number and the agency's name repeated above the text.
    closing = "2\nỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n" + SUBMISSION.split("TỜ TRÌNH\nVề việc ban hành Nghị quyết\n")[1]
    header = extract_document([PageText(1, SUBMISSION.split("Kính trình")[0]), PageText(2, closing)]).header
    assert (header.agency, header.number, header.symbol, header.issue_date, header.title, header.signer) == (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "09", "TTr-UBND", "2025-01-20", "Về việc ban hành Nghị quyết",
        "Trần Văn Nam")
