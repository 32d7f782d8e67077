"""Headers of real scanned pages: handwritten numbers and days, e-signature stamp residue above
the agency, a signing block before an attachment. The header lines are written here, with the
damage OCR does to such pages."""

import pytest

from patterns import PageText, extract_document, extract_header

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
