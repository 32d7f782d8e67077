from domain.naming import sentence_case_agency


def test_each_coordinated_part_of_an_organ_name_is_capitalised():
    name = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ UBND TỈNH BẮC GIANG"
    assert sentence_case_agency(name) == "Sở Kế hoạch và Đầu tư UBND tỉnh Bắc Giang"


def test_level_word_inside_an_organ_name_is_not_a_place():
    assert sentence_case_agency("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "Sở Lao động - Thương binh và Xã hội"


def test_comma_separates_parts_of_an_organ_name():
    assert sentence_case_agency("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH") == "Sở Văn hóa, Thể thao và Du lịch"


def test_people_committee_keeps_its_words_lowercase():
    assert sentence_case_agency("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ") == "Ủy ban nhân dân thành phố Cần Thơ"
