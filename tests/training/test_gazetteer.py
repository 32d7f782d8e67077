from training.gazetteer import (
    agency_code_lines,
    calendar_lines,
    gazetteer_lines,
    province_lines,
    lunar_years,
    provincial_unit,
)


def test_a_province_is_a_tinh():
    assert provincial_unit("Quảng Ngãi") == "tỉnh Quảng Ngãi"


def test_a_centrally_governed_city_is_a_thanh_pho_without_its_abbreviation():
    assert provincial_unit("TP. Hồ Chí Minh") == "thành phố Hồ Chí Minh"


def test_province_lines_follow_the_header_and_date_formulas():
    assert province_lines("Quảng Ngãi") == [
        "UBND tỉnh Quảng Ngãi",
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "Ủy ban nhân dân tỉnh Quảng Ngãi báo cáo",
        "Hội đồng nhân dân tỉnh Quảng Ngãi",
        "Quảng Ngãi, ngày 05 tháng 9 năm 2025",
    ]


def test_gazetteer_names_departments_in_prose_and_signing_for_the_head():
    lines = gazetteer_lines()
    assert "Sở tư pháp tỉnh" in lines
    assert "KT. CHỦ TỊCH" in lines


def test_agency_codes_are_cited_in_prose_except_those_that_are_syllables():
    lines = agency_code_lines()
    assert "Theo Báo cáo số 124/BC-SKHĐT ngày 05/9/2025 của cơ quan" in lines
    assert not any("-TU " in line for line in lines)


def test_the_sexagenary_cycle_pairs_stems_and_branches_in_step():
    years = lunar_years()
    assert len(set(years)) == 60
    assert years[:3] == ["Giáp Tý", "Ất Sửu", "Bính Dần"]
    assert years[-1] == "Quý Hợi"
    assert "Giáp Sửu" not in years


def test_lunar_years_are_named_as_tet_and_spring():
    lines = calendar_lines()
    assert "Tết Nguyên đán Bính Ngọ 2025" in lines
    assert "Xuân Bính Ngọ" in lines
