import pytest

from patterns import Header, extract_header
from patterns.agency import restore_agency_line, strip_motto

GARBLED_REPORT = """ UBND TiNH QUANG NGAI  CONG HOA XA HOI CHU NGHIA VIET NAM
VAN PHONG Péc 1ap - Tu do - Hanh phiic
S6: 937 /BC-VP Quang Ngai, ngay 05 thding 6 nam 2023
BAO CAO

Két qua trién khai thwe hién cong tac
cai cach tu phap trong 6 thang dau nam 2023

Theo dé nghi cia Sé Tu phap tai Cong van s6 661/STP-VP ngay 18/5/2023
"""

CLEAN_DRAFT = """Số: /BC-VP

Quảng Ngãi, ngày tháng 6 năm 2024

**BÁO CÁO**
**Kết quả triển khai thực hiện công tác**
**cải cách tư pháp trong 6 tháng đầu năm 2024**

Theo đề nghị của Sở Tư pháp, Văn phòng UBND tỉnh báo cáo như sau:
"""

LETTER = """UBND TỈNH ĐỒNG NAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc
Số: 2342/SNV-CCHC Đồng Nai, ngày 17 tháng 11 năm 2023
V/v đề xuất nhiệm vụ cải cách
hành chính năm 2024

Kính gửi: Văn phòng UBND tỉnh

Theo đề nghị của Văn phòng UBND tỉnh.
"""


def test_garbled_report_header():
    assert extract_header(GARBLED_REPORT) == Header(
        agency="VĂN PHÒNG",
        parent_agency="UBND TỈNH QUẢNG NGÃI",
        doc_type="Báo cáo",
        number="937",
        symbol="BC-VP",
        number_symbol="937/BC-VP",
        place="Quảng Ngãi",
        issue_date="2023-06-05",
        title="Két qua trién khai thwe hién cong tac cai cach tu phap trong 6 thang dau nam 2023",
        period_start="2023-01-01",
        period_end="2023-06-30",
        period_text="6 thang dau nam 2023",
    )


def test_issuer_in_sentence_case():
    assert extract_header(GARBLED_REPORT).issuer == "Văn phòng UBND tỉnh Quảng Ngãi"


def test_draft_without_agency_block_takes_agency_from_symbol_and_parent_from_body():
    header = extract_header(CLEAN_DRAFT)
    assert (header.agency, header.parent_agency, header.number, header.symbol, header.number_symbol) == (
        "VĂN PHÒNG", "UBND TỈNH QUẢNG NGÃI", None, "BC-VP", None,
    )


def test_blank_day_and_markup_title():
    header = extract_header(CLEAN_DRAFT)
    assert (header.issue_date, header.title) == (
        "2024-06",
        "Kết quả triển khai thực hiện công tác cải cách tư pháp trong 6 tháng đầu năm 2024",
    )


def test_cong_van_subject_type_and_recipient():
    header = extract_header(LETTER)
    assert (header.doc_type, header.title, header.recipients, header.place, header.issuer) == (
        "Công văn", "đề xuất nhiệm vụ cải cách hành chính năm 2024", ("Văn phòng UBND tỉnh",), "Đồng Nai",
        "Sở Nội vụ UBND tỉnh Đồng Nai",
    )


def test_party_number_line():
    header = extract_header("TỈNH ỦY QUẢNG NGÃI\nSố 177-KH/TU Quảng Ngãi, ngày 02 tháng 3 năm 2024\n")
    assert (header.number, header.symbol, header.number_symbol, header.doc_type) == (
        "177", "KH/TU", "177-KH/TU", "Kế hoạch",
    )


def test_motto_column_is_cut_from_the_agency_line():
    assert strip_motto("VAN PHONG Déc 1ap - Tw do - Hanh phuc") == "VAN PHONG"


def test_agency_line_regains_marks():
    assert restore_agency_line("UBND TINH PONGNAI") == "UBND TỈNH ĐỒNG NAI"


STACKED_LETTER = """UBND TỈNH LÂM ĐỒNG
SỞ THÔNG TIN VÀ TRUYỀN
THÔNG
Số: 2417/STTTT-BCVT
V/v báo cáo kết quả triển khai công tác
cải cách tư pháp năm 2022
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 27 tháng 12 năm 2022
Kính gửi: Sở Tài chính.
"""

DECISION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ CẦN THƠ
Số: 696/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cần Thơ, ngày 19 tháng 12 năm 2023
QUYẾT ĐỊNH
Công bố danh mục thủ tục hành chính mới ban
hành trong lĩnh vực hộ tịch
CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ
Căn cứ Luật Tổ chức chính quyền địa phương;
"""


def test_subject_ends_before_the_motto_printed_below_it():
    assert extract_header(STACKED_LETTER).title == "báo cáo kết quả triển khai công tác cải cách tư pháp năm 2022"


def test_agency_name_wrapped_over_two_lines_is_one_name():
    header = extract_header(STACKED_LETTER)
    assert (header.agency, header.parent_agency) == ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "UBND TỈNH LÂM ĐỒNG")


def test_decision_title_ends_at_the_uppercase_authority_line():
    assert extract_header(DECISION).title == "Công bố danh mục thủ tục hành chính mới ban hành trong lĩnh vực hộ tịch"


def test_people_committee_over_two_lines_is_the_agency():
    header = extract_header(DECISION)
    assert (header.agency, header.parent_agency, header.issuer) == (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", None, "Ủy ban nhân dân thành phố Cần Thơ",
    )


def test_place_with_a_hyphen():
    header = extract_header("Bà Rịa - Vũng Tàu, ngày 05 tháng 6 năm 2023")
    assert (header.place, header.issue_date) == ("Bà Rịa - Vũng Tàu", "2023-06-05")


def test_district_place_is_kept_as_printed():
    assert extract_header("Tư Nghĩa, ngày 01 tháng 2 năm 2020").place == "Tư Nghĩa"


def test_garbled_place_after_number_column_residue():
    assert extract_header("S6: 12/BC-UBND  - Qudng Ngdi, ngay 05 thang 6 nam 2023").place == "Quảng Ngãi"


def test_number_line_whose_so_was_read_as_digits():
    header = extract_header("56; 1004/BC-SNV Lâm Đồng, ngày 11 tháng 6 năm 2025")
    assert (header.number_symbol, header.place, header.issue_date) == ("1004/BC-SNV", "Lâm Đồng", "2025-06-11")


def test_number_line_behind_specks_without_so():
    assert extract_header("». 2056/KH-STC _ + Bắc Giang, ngày 05 tháng 12 năm 2023").number_symbol == "2056/KH-STC"


def test_place_read_as_the_province_the_agency_block_names():
    text = (
        "UBNDTINHBACGIANG . CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nsở TÀI CHÍNH\n"
        "». 2056/KH-STC _ + Bản Giang, ngày 05 tháng 12 năm 2023 :\n"
    )
    assert extract_header(text).place == "Bắc Giang"


def test_place_with_digits_for_letters():
    assert extract_header("Số: 275/KH-STTTT Hạ NG6i, ngày 10 tháng 3 năm 2024").issue_date == "2024-03-10"


def test_agency_line_run_together_by_ocr():
    assert restore_agency_line("UBNDTINHBACGIANG .") == "UBND TỈNH BẮC GIANG"


def test_agency_line_with_spaces_lost_inside_known_words():
    assert restore_agency_line(". UY BANNHAN DÂN") == "ỦY BAN NHÂN DÂN"


def test_wrapped_agency_name_restored_whole():
    header = extract_header("UBND TỈNH LÂM ĐỒNG\nSỐ THÔNG TIN VÀ TRUYEN\nTHÔNG\nSố: 1353/KH-STTTT\n")
    assert header.issuer == "Sở Thông tin và Truyền thông UBND tỉnh Lâm Đồng"


def test_title_without_ocr_specks_at_its_edges():
    text = "Số: 1004/BC-SNV\n; BÁO CÁO\nKết quả triển khai công tác cải cách\n: tư pháp 6 tháng đầu năm 2025 :\n"
    assert extract_header(text).title == "Kết quả triển khai công tác cải cách tư pháp 6 tháng đầu năm 2025"


def test_title_goes_on_after_a_blank_line_in_lowercase():
    text = (
        "Số: 863/QĐ-UBND\nQUYẾT ĐỊNH\nCông bố danh mục thủ tục hành chính\n\n"
        "— phạm vi quản lý của Sở Tài chính\n\nCăn cứ Luật"
    )
    assert extract_header(text).title == "Công bố danh mục thủ tục hành chính phạm vi quản lý của Sở Tài chính"


def test_a_title_line_going_on_in_lowercase_with_a_body_opening_word_is_the_titles():
    text = (
        "Số: 08/CT-UBND\nCHỈ THỊ\n\nVề việc tăng cường công tác quản lý để hỗ trợ nhà đầu tư\n"
        "thực hiện dự án sử dụng vốn ngoài ngân sách nhà nước tại tỉnh Bình Định\n\n"
        "Thời gian qua, các cấp, các ngành đã có nhiều cố gắng trong lãnh đạo, chỉ đạo điều hành\n"
        "công tác quản lý nhà nước về cải cách thủ tục hành chính, thu hút đầu tư vào tỉnh nhà.\n"
    )
    assert extract_header(text).title == (
        "Về việc tăng cường công tác quản lý để hỗ trợ nhà đầu tư "
        "thực hiện dự án sử dụng vốn ngoài ngân sách nhà nước tại tỉnh Bình Định")


def test_a_capitalised_body_opening_word_ends_the_title():
    text = "Số: 11/CT-UBND\nCHỈ THỊ\nVề việc đón Tết Nguyên đán\nThực hiện Chỉ thị số 11-CT/TW của Ban Bí thư\n"
    assert extract_header(text).title == "Về việc đón Tết Nguyên đán"


def test_report_body_after_a_blank_line_is_not_title():
    text = "Số: 12/BC-UBND\nBÁO CÁO\nKết quả công tác năm 2024\n\nNăm 2024, Ủy ban đã tiếp nhận 12 hồ sơ."
    assert extract_header(text).title == "Kết quả công tác năm 2024"


def test_date_line_without_comma_next_to_the_number():
    text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 2738/BC-UBND E . Diag Và ngdy 08 thérig ‘9 năm 2021\n"
    header = extract_header(text)
    assert (header.issue_date, header.place) == ("2021-09-08", "Đồng Nai")


# A day written by pen that OCR read as letters glued to `ngày` and `tháng`, after the comma or without it.
@pytest.mark.parametrize("date_line", ["Bình Định, ngàyÂtháng 7 năm 2023", "Bình Định, ngàyIltháng 7 năm 2023",
                                       "Bình Định ngàyÊtháng 7 năm 2023"])
def test_a_pens_mark_read_as_letters_against_ngay_leaves_the_place_month_and_year(date_line):
    text = f"ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 112 /TTr-UBND {date_line}\nTỜ TRÌNH\nVề việc phê duyệt\n"
    header = extract_header(text)
    assert (header.place, header.issue_date) == ("Bình Định", "2023-07")


def test_cited_number_opening_a_body_line_is_not_the_number_line():
    text = (
        "UBND TỈNH ĐẮK LẮK\n\nVĂN PHÒNG\nS&:19UKH-VP\nKẾ HOẠCH\n\nKiểm tra công tác\n\n"
        "Căn cứ Nghị quyết số\n2529/NQ-HĐND ngày 12/3/2021;\n"
    )
    assert extract_header(text).number_symbol is None


def test_symbol_type_code_lost_by_ocr_read_from_the_type_line():
    text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 2738/C-UBND Đồng Nai, ngày 08 tháng 9 năm 2021\nBÁO CÁO\nKết quả\n"
    assert extract_header(text).number_symbol == "2738/BC-UBND"


def test_symbol_agency_code_misread_read_from_the_agency_block():
    text = (
        "UBND TỈNH BÌNH ĐỊNH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n"
        "50: 1152/BC-STTT1 Bình Định, ngày 06 tháng 6 năm 2023\nBÁO CÁO\n"
    )
    assert extract_header(text).number_symbol == "1152/BC-STTTT"


def test_date_line_without_comma_or_number_line_near_the_top():
    text = "-UBND TỈNH ĐẮK LẮK\n\n“VĂN PHÒNG\nS&:19UKH-VP | pa ray. ngày 17 tháng 3 năm 2021\nKẾ HOẠCH\n"
    header = extract_header(text)
    assert (header.issue_date, header.place, header.issuer) == ("2021-03-17", "Đắk Lắk", "Văn phòng UBND tỉnh Đắk Lắk")


def test_no_agency_is_guessed_without_a_number_or_date_line():
    text = "UBND TỈNH ĐẮK LẮK\nVĂN PHÒNG\nKẾ HOẠCH\nKiểm tra công tác\n" + "Trường hợp người chết là công dân.\n" * 8
    assert extract_header(text).issuer is None


def test_subject_whose_v_slash_v_ocr_garbled():
    text = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 2354/UBND-TTHC\nVWw báo cáo kết quả thực hiện công tác\nvăn thư, lưu trữ quý III năm 2025\n\nLào Cai, ngày 09 tháng 9 năm 2025\n"
    header = extract_header(text)
    assert (header.doc_type, header.title) == ("Công văn", "báo cáo kết quả thực hiện công tác văn thư, lưu trữ quý III năm 2025")


def test_subject_whose_v_slash_v_ocr_read_with_a_point():
    # The head of a hard-tier công văn as the pipeline read and restored it.
    text = "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 334/UBND-KTTH\nV.v báo cáo kết quả thực hiện cơ chế\nmột cửa, một cửa liên thông năm 2024\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    header = extract_header(text)
    assert (header.doc_type, header.title) == ("Công văn", "báo cáo kết quả thực hiện cơ chế một cửa, một cửa liên thông năm 2024")


def test_number_line_ending_in_a_stray_hyphen():
    header = extract_header("UBND TỈNH LÂM ĐỒNG\nSố: 3439/QĐ-UBND-\nLâm Đồng, ngày 09 tháng 9 năm 2025\n")
    assert (header.number, header.symbol) == ("3439", "QĐ-UBND")


def test_points_ocr_set_inside_a_title():
    text = "Số: 12/KH-UBND\nHà Nội, ngày 09 tháng 9 năm 2025\nKẾ HOẠCH\nSố hóa hồ sơ thủ tục.hành chính. năm 2025\n\nCăn cứ"
    assert extract_header(text).title == "Số hóa hồ sơ thủ tục hành chính năm 2025"


def test_authority_heading_with_a_few_lowered_letters_is_no_title():
    text = "Số: 3050/QĐ-UBND Bắc Giang, ngày 13 tháng 9 năm 2023\nQUYẾT ĐỊNH\n\nCHỦ TỊCH từ HAN NHÂN DÂN TỈNH BẮC GIANG\nCăn cứ Luật"
    assert extract_header(text).title is None


def test_title_under_a_type_line_ocr_could_not_read():
    text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 282/BC-UBND Đồng Nai, ngày 22 tháng 9 năm 2024\nBAGCAO =<) =\n\nKết quả chuyển đổi số\nnăm 2024\n\nThực hiện Công văn"
    header = extract_header(text)
    assert (header.doc_type, header.title) == ("Báo cáo", "Kết quả chuyển đổi số năm 2024")


def test_subject_whose_v_slash_v_ocr_read_as_another_short_word():
    text = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 2850/UBND-KTTH\nMAI báo cáo kết quả thực hiện công tác\nvăn thư, lưu trữ quý I năm 2023\n\nBình Định, ngày 12 tháng 3 năm 2023\n"
    header = extract_header(text)
    assert (header.doc_type, header.title) == ("Công văn", "báo cáo kết quả thực hiện công tác văn thư, lưu trữ quý I năm 2023")


def test_a_title_keeps_its_semicolons_and_only_its_line_breaks_are_joined():
    text = (
        "Số: 45/QĐ-UBND\nLào Cai, ngày 02 tháng 8 năm 2024\nQUYẾT ĐỊNH\nCông bố thủ tục hành chính mới ban hành; sửa đổi,\n"
        "bổ sung; bãi bỏ lĩnh vực hộ tịch\n\nCăn cứ"
    )
    assert extract_header(text).title == (
        "Công bố thủ tục hành chính mới ban hành; sửa đổi, bổ sung; bãi bỏ lĩnh vực hộ tịch"
    )


def test_a_title_keeps_the_semicolon_and_the_closing_quote_that_end_its_lines():
    text = (
        "Số: 12/NQ-CP\nHà Nội, ngày 02 tháng 3 năm 2026\nNGHỊ QUYẾT\nVề cơ chế thí điểm cấp phép xây dựng;\n"
        "hỗ trợ “nhà ở xã hội”\n\nCHÍNH PHỦ\n"
    )
    assert extract_header(text).title == "Về cơ chế thí điểm cấp phép xây dựng; hỗ trợ “nhà ở xã hội”"


def test_a_spaced_dash_at_a_line_end_before_a_capitalised_line_is_the_titles():
    text = (
        "Số: 07/2026/TT-BNV\nHà Nội, ngày 02 tháng 3 năm 2026\nTHÔNG TƯ\nSửa đổi Thông tư của Bộ trưởng Bộ Lao động -\n"
        "Thương binh và Xã hội về tiền lương\n\nCăn cứ"
    )
    assert extract_header(text).title == "Sửa đổi Thông tư của Bộ trưởng Bộ Lao động - Thương binh và Xã hội về tiền lương"


def test_a_comma_opening_a_title_word_is_a_speck_and_a_printed_comma_stays():
    text = "Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc quy định và ,hướng dẫn công tác đào tạo, bồi dưỡng\n\nCăn cứ Luật"
    assert extract_header(text).title == "Về việc quy định và hướng dẫn công tác đào tạo, bồi dưỡng"
