import json

from domain.records import HandwrittenField
from patterns import PageText, extract_document

FIRST_PAGE = """UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VĂN PHÒNG Độc lập - Tự do - Hạnh phúc
Số: 937/BC-VP Quảng Ngãi, ngày 05 tháng 6 năm 2023

BÁO CÁO
Kết quả công tác 6 tháng đầu năm 2023

Thực hiện Kế hoạch số 11/KH-UBND ngày 30/01/2023, Văn phòng tiếp nhận 55.653 hồ sơ.
"""

LAST_PAGE = """Đạt 99,8% và tiếp tục thực hiện Kế hoạch số 11/KH-UBND ngày 30/01/2023.

Nơi nhận:
- Sở Tư pháp;
- Lưu: VT.

CHÁNH VĂN PHÒNG

Võ Minh Tâm
"""


def _document():
    return extract_document([PageText(1, FIRST_PAGE), PageText(2, LAST_PAGE)])


def test_own_number_is_not_a_citation_and_repeats_count_once():
    assert [(r.number_symbol, r.page) for r in _document().references] == [("11/KH-UBND", 1)]


def test_statistics_come_from_every_page():
    assert [(s.page, s.value, s.unit) for s in _document().statistics] == [(1, 55653.0, "hồ sơ"), (2, 99.8, "%")]


def test_signature_is_read_from_the_last_page():
    header = _document().header
    assert (header.signer_title, header.signer, header.recipients) == ("Chánh Văn phòng", "Võ Minh Tâm", ("Sở Tư pháp",))


def test_to_dict_is_json_ready_with_integral_values_as_ints():
    record = _document().to_dict()
    text = json.dumps(record, ensure_ascii=False)
    assert (record["header"]["issuer"], record["statistics"][0]["value"], record["statistics"][1]["value"], "Quảng Ngãi" in text) == (
        "Văn phòng UBND tỉnh Quảng Ngãi", 55653, 99.8, True,
    )


def test_dates_of_all_pages():
    assert [(d.page, d.date) for d in _document().dates] == [(1, "2023-06-05"), (1, "2023-01-30"), (2, "2023-01-30")]


def test_party_documents_with_one_number_and_different_dates_are_two_documents():
    text = (
        "Thực hiện Chương trình số 17-CTr/BCĐ ngày 02/5/2024 của Ban Chỉ đạo; Chương trình số 17-CTr/BCĐ\n"
        "ngày 05/3/2025 của Ban Chỉ đạo; Chương trình số 17-CTr/BCĐ của Ban Chỉ đạo.\n"
    )
    references = extract_document([PageText(1, text)]).references
    assert [(reference.number_symbol, reference.ref_date) for reference in references] == [
        ("17-CTr/BCĐ", "2024-05-02"), ("17-CTr/BCĐ", "2025-03-05"),
    ]


def test_own_number_garbled_on_the_number_line_is_not_cited():
    text = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 2738/C-UBND Đồng Nai, ngày 08 tháng 9 năm 2021\nBÁO CÁO\nKết quả\n"
    extraction = extract_document([PageText(1, text)])
    assert (extraction.header.number_symbol, extraction.references) == ("2738/BC-UBND", ())


def test_same_number_of_another_year_is_cited():
    text = "Số: 12/BC-UBND\nBÁO CÁO\nKết quả\nThực hiện Báo cáo số 12/BC-UBND ngày 05/01/2023 của UBND tỉnh.\n"
    references = extract_document([PageText(1, text)]).references
    assert [reference.number_symbol for reference in references] == ["12/BC-UBND"]


def test_count_whose_unit_opens_the_next_page_is_read_once_on_its_page():
    pages = [PageText(1, "Hệ thống ghi nhận 69.505"), PageText(2, "2\ngiao dịch với tổng số tiền 37,1 tỷ đồng.")]
    assert [(s.page, s.value, s.unit) for s in extract_document(pages).statistics] == [
        (1, 69505.0, "giao dịch"), (2, 37.1, "tỷ đồng"),
    ]


PLAN_PAGE = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH AN Độc lập - Tự do - Hạnh phúc
Số: 48/KH-UBND Bình An, ngày 12 tháng 01 năm 2024

KẾ HOẠCH
Cải cách thủ tục hành chính năm 2024

Năm 2024, giải quyết đúng hạn 98,5% hồ sơ; cấp huyện đạt 97% hồ sơ trực tuyến. Kinh phí 420 triệu đồng.
"""


def test_a_plans_figures_are_planned_not_results_and_keep_their_level():
    statistics = extract_document([PageText(1, PLAN_PAGE)]).statistics
    assert [(s.value, s.unit, s.measure, s.scope) for s in statistics] == [
        (98.5, "%", "resolved_on_time", "kế hoạch"), (97.0, "%", "online", "huyện"),
        (420.0, "triệu đồng", "", "kế hoạch"),
    ]


def test_a_handwritten_day_completes_a_date_line_whose_ngay_ocr_glued_to_the_pens_mark():
    page = PLAN_PAGE.replace("ngày 12 tháng", "ngàyÂtháng")
    day = HandwrittenField("day", "12", 99.0, (1600, 560, 80, 60))
    assert extract_document([PageText(1, page, handwritten=(day,))]).header.issue_date == "2024-01-12"
