from patterns import match_province
from patterns.places import PROVINCES_2008, PROVINCES_2025, could_name, province_after_level


def test_lists_hold_the_63_and_the_34_provincial_units():
    assert (len(set(PROVINCES_2008)), len(set(PROVINCES_2025))) == (63, 34)


def test_ocr_without_marks_and_with_p_for_d():
    assert match_province("PONGNAI") == "Đồng Nai"


def test_garbled_marks():
    assert match_province("Déng Nai") == "Đồng Nai"


def test_english_model_vowel_damage():
    assert match_province("Qudng Ngdi") == "Quảng Ngãi"


def test_administrative_prefix_is_ignored():
    assert match_province("tỉnh Quảng Ngãi") == "Quảng Ngãi"


def test_city_spelled_out_gets_the_short_form():
    assert match_province("Thành phố Hồ Chí Minh") == "TP. Hồ Chí Minh"


def test_capital_without_marks():
    assert match_province("Ha Noi") == "Hà Nội"


def test_similar_names_stay_apart():
    assert match_province("Quang Nam") == "Quảng Nam"


def test_a_district_is_not_a_province():
    assert match_province("Tư Nghĩa") is None


def test_province_named_after_a_level_word_run_together():
    assert province_after_level("UBNDTINHBACGIANG .") == "Bắc Giang"


def test_reading_that_could_name_the_expected_province():
    assert (could_name("Bản Giang", "Bắc Giang"), could_name("Tư Nghĩa", "Bắc Giang")) == (True, False)
