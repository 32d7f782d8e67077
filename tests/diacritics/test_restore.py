from diacritics import Restoration, restore_diacritics


def restored(text: str) -> str:
    return restore_diacritics(text).text


def test_legacy_ocr_number_line():
    assert restored("S6: 937 /BC-VP") == "Số: 937 /BC-VP"


def test_legacy_ocr_date():
    assert restored("ngay 05 thding 6 nam 2023") == "ngày 05 tháng 6 năm 2023"


def test_unaccented_place_name_after_abbreviation():
    assert restored("UBND tinh Quang Ngai") == "UBND tỉnh Quảng Ngãi"


def test_uppercase_heading_stays_uppercase():
    assert restored("KET QUA THUC HIEN") == "KẾT QUẢ THỰC HIỆN"


def test_correct_sentence_is_unchanged():
    sentence = (
        "Văn phòng UBND tỉnh báo cáo kết quả triển khai thực hiện một số nhiệm vụ "
        "trong 6 tháng đầu năm 2023."
    )
    result = restore_diacritics(sentence)
    assert result.text == sentence
    assert result.changes == ()


def test_new_style_tone_placement_in_correct_text_is_kept():
    assert restored("Ủy ban nhân dân tỉnh chỉ đạo hoàn thiện quy hoạch thuỷ lợi") == (
        "Ủy ban nhân dân tỉnh chỉ đạo hoàn thiện quy hoạch thuỷ lợi"
    )


def test_codes_are_left_intact():
    text = "Quyết định số 124/QĐ-UBND của UBND tỉnh về TTHC, giao VNPT triển khai."
    assert restored(text) == text


def test_known_code_gets_its_d_bar_back():
    assert restored("Quyết định số 124/QD-UBND ngày 30/01/2023") == (
        "Quyết định số 124/QĐ-UBND ngày 30/01/2023"
    )


def test_changes_report_offsets_and_confidence():
    result = restore_diacritics("S6: 937")
    assert result.changes[0].start == 0
    assert result.changes[0].end == 2
    assert result.changes[0].original == "S6"
    assert result.changes[0].restored == "Số"
    assert 0.0 <= result.changes[0].confidence <= 1.0
    assert result.restored_words == 1
    assert result.word_count == 1


def test_line_structure_and_whitespace_are_kept():
    text = "ket qua\r\n\n  thuc  hien\t2023\n"
    assert restored(text) == "kết quả\r\n\n  thực  hiện\t2023\n"


def test_empty_input_gives_empty_restoration():
    assert restore_diacritics("") == Restoration(
        text="", changes=(), word_count=0, low_confidence_words=0
    )


def test_english_sentence_is_mostly_unchanged():
    text = "The quick brown fox jumps over the lazy dog."
    result = restore_diacritics(text)
    assert result.restored_words <= 2


def test_digits_and_symbols_pass_through():
    text = "12.345,67 % + - * / = <> [] {} # @ $ 2023-05-18 ©"
    assert restored(text) == text


def test_large_input_is_processed_line_by_line():
    text = "UBND tinh Quang Ngai bao cao ket qua thuc hien\n" * 20_000
    result = restore_diacritics(text)
    assert result.text == "UBND tỉnh Quảng Ngãi báo cáo kết quả thực hiện\n" * 20_000
    assert result.word_count == 200_000


def test_unambiguous_heading_has_no_low_confidence_words():
    assert restore_diacritics("KET QUA THUC HIEN").low_confidence_words == 0


def test_lone_ambiguous_syllable_is_low_confidence():
    assert restore_diacritics("ban").low_confidence_words == 1


def test_legacy_ocr_confusions_are_restored_in_context():
    assert restored("Ké hoach thyc hién cong tac cai cach hanh chinh nam 2024 cia UBND tinh") == (
        "Kế hoạch thực hiện công tác cải cách hành chính năm 2024 của UBND tỉnh"
    )


def test_legacy_ocr_misread_letters_are_restored():
    assert restored("dé nghi cac don vi bao cao két qua dugc giao") == (
        "đề nghị các đơn vị báo cáo kết quả được giao"
    )


def test_capitals_misread_by_legacy_ocr_become_a_title_word_in_prose():
    assert restored("Thanh lap BO phan mot ctra dé tiép nhan ho so cua t6 chire, ca nhan") == (
        "Thành lập Bộ phận một cửa để tiếp nhận hồ sơ của tổ chức, cá nhân"
    )


def test_unaccented_line_of_a_legacy_ocr_text_is_read_as_legacy_ocr():
    assert restored("Két qua\nDoc lap - Tw do - Hanh phic") == (
        "Kết quả\nĐộc lập - Tự do - Hạnh phúc"
    )


def test_province_misread_by_legacy_ocr_is_restored():
    assert restored("S6: 1449/BC-STP Qudng Ngdi, ngay 05 thang 9 ndm 2025") == (
        "Số: 1449/BC-STP Quảng Ngãi, ngày 05 tháng 9 năm 2025"
    )


def test_capitals_that_are_syllables_once_marked_are_words_not_codes():
    assert restored("- Van phong Chinh phu; KT. CHU TICH") == (
        "- Văn phòng Chính phủ; KT. CHỦ TỊCH"
    )


def test_agency_heading_is_restored():
    assert restored("SO KE HOACH VA DAU TU") == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"


def test_capital_syllable_in_legacy_ocr_prose_becomes_a_title_word():
    assert restored("Két qua\nKinh gui: - SO Tu phap;") == "Kết quả\nKính gửi: - Sở Tư pháp;"


def test_capital_initial_misread_for_a_small_letter_is_restored_in_small_letters():
    assert restored("Két qua\nbao vé quyén Idi ngudi tiéu dung") == (
        "Kết quả\nbảo vệ quyền lợi người tiêu dùng"
    )


def test_a_word_wrapped_at_a_line_end_is_read_with_the_next_line():
    assert restored("Két qua chi dao, diéu hanh nhu: Nghi\nquyét s6 12 cia HDND tinh") == (
        "Kết quả chỉ đạo, điều hành như: Nghị\nquyết số 12 của HĐND tỉnh"
    )


def test_a_blank_line_ends_the_context():
    assert restored("Két qua chi dao, diéu hanh nhu: Nghi\n\nquyét s6 12 cia HDND tinh") == (
        "Kết quả chỉ đạo, điều hành như: Nghỉ\n\nquyết số 12 của HĐND tỉnh"
    )


def test_ampersand_for_a_marked_e_in_a_legacy_subject_line():
    assert restored("V/v d& xuét nhiém vu cai cach") == "V/v đề xuất nhiệm vụ cải cách"


def test_code_spelled_like_a_known_code_without_its_marks_is_that_code():
    assert restored("S6: 1195/SKHDT-TH Ldo Cai, ngay 10 thang 3 ndm 2024") == (
        "Số: 1195/SKHĐT-TH Lào Cai, ngày 10 tháng 3 năm 2024"
    )


def test_a_code_read_with_a_d_bar_keeps_it_though_a_known_code_lacks_it():
    assert restored("Số: 6† /TTg-CĐS\nV/v triển khai các Nghị quyết") == "Số: 6† /TTg-CĐS\nV/v triển khai các Nghị quyết"


def test_two_digits_misread_for_a_word_in_legacy_ocr_are_restored():
    assert restored("cac co quan, 16 chirc, ca nhan co lién quan") == (
        "các cơ quan, tổ chức, cá nhân có liên quan"
    )


def test_two_digit_numbers_in_legacy_ocr_stay_numbers():
    assert restored("ngay 14 thang 10 nam 2023, c6 16 hé so") == "ngày 14 tháng 10 năm 2023, có 16 hồ sơ"


def test_roman_numeral_misread_with_a_small_letter_in_legacy_ocr_is_written_in_capitals():
    assert restored("Il. TON TAI, HAN CHE\nKét qua cong tac") == "II. TỒN TẠI, HẠN CHẾ\nKết quả công tác"


def test_office_code_in_a_distribution_list_is_kept():
    assert restored("Két qua\n\n- Luu: VT, VP.\n") == "Kết quả\n\n- Lưu: VT, VP.\n"


# Held-out documents: what restoration must not break for the extractors.


def test_codes_of_a_document_symbol_read_right_by_ocr_are_kept():
    assert restored("Số: 1638/UBND-VX\nĐồng Nai, ngày 26 tháng 12 năm 2021") == (
        "Số: 1638/UBND-VX\nĐồng Nai, ngày 26 tháng 12 năm 2021"
    )
    assert restored("Số: 2806/STC-TCĐT") == "Số: 2806/STC-TCĐT"


def test_a_misread_code_in_a_symbol_is_not_made_a_word():
    assert restored("Nghi quyét s6 696/2021/NQ-Hi. > ngay 10/5/2021 cia HDND") == (
        "Nghị quyết số 696/2021/NQ-Hi. > ngày 10/5/2021 của HĐND"
    )


def test_a_letter_of_a_symbol_split_by_ocr_is_not_made_a_word():
    assert restored("Giém doc S& Tv phép tai TO trinh so 653/TTr-s TP ngdy") == (
        "Giám đốc Sở Tư pháp tại TỜ trình số 653/TTr-s TP ngày"
    )


def test_a_marked_name_in_a_vietnamese_page_keeps_its_marks():
    assert restored("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n`\nBùi Thành Sơn") == (
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n`\nBùi Thành Sơn"
    )


def test_an_unmarked_name_in_a_vietnamese_page_is_not_given_marks():
    assert restored("GIÁM ĐỐC\n\nLê Thanh Hùng") == "GIÁM ĐỐC\n\nLê Thanh Hùng"


def test_a_given_name_the_language_model_does_not_know_keeps_its_spelling():
    # `chinh` is too rare for the model's vocabulary: unguarded, the commoner `Chính` took its place
    assert restored("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Trung Chinh") == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Trung Chinh"


def test_a_lunar_year_opening_with_a_word_that_is_also_a_family_name_is_no_name():
    # `Nhâm` is a family name too; two words are no full name, so the context gives `Dần` its mark
    assert restored("dịp Tết Nguyên đán Nhâm Dân và Lễ hội Xuân 2022") == (
        "dịp Tết Nguyên đán Nhâm Dần và Lễ hội Xuân 2022")


def test_a_lunar_year_misread_by_vietnamese_ocr_gets_the_cycles_marks():
    assert restored("Tết Nguyên đán Canh Tỷ 2020") == "Tết Nguyên đán Canh Tý 2020"


def test_a_lunar_year_that_lost_its_marks_gets_them_back():
    assert restored("TẾT NGUYÊN ĐÁN ẤT TY") == "TẾT NGUYÊN ĐÁN ẤT TỴ"


def test_a_capitalised_word_outside_a_name_changes_its_marks_on_strong_context():
    assert restored("Hội thánh Tin lãnh Việt Nam") == "Hội thánh Tin lành Việt Nam"


def test_a_party_committees_code_in_a_symbol_is_not_made_the_central_committees():
    assert restored("Kết luận số 05-KL/TU của Tỉnh ủy") == "Kết luận số 05-KL/TU của Tỉnh ủy"


def test_a_name_the_language_model_knows_with_other_marks_keeps_its_own():
    assert restored("ông Lê Văn Thành") == "ông Lê Văn Thành"


def test_a_given_name_like_a_rarer_word_keeps_its_marks():
    assert restored("bà Trần Thị Kim Yên") == "bà Trần Thị Kim Yên"



def test_a_number_inside_a_document_symbol_stays_a_number():
    assert restored("Can cr Thong tu’ s6 01/2023/TT-VPCP ngay 05/4/2023") == (
        "Căn cứ Thông tư số 01/2023/TT-VPCP ngày 05/4/2023"
    )


# Words the legacy OCR ran together (lines from the hard-tier legacy OCR of generated samples).


def test_words_legacy_ocr_ran_together_are_written_apart():
    assert restored("; Luat nay ap dung déi vi ngudi tiéu ding; t6 chifc, ca nhan kinhdoanh") == (
        "; Luật này áp dụng đối với người tiêu dùng; tổ chức, cá nhân kinh doanh"
    )


def test_a_heading_legacy_ocr_ran_together_is_written_apart_in_capitals():
    assert restored("SONOIVU : Déc lap - Ty do - Hanh phiic") == (
        "SỞ NỘI VỤ : Độc lập - Tự do - Hạnh phúc"
    )


def test_a_run_together_token_is_one_change_spanning_it():
    change = restore_diacritics("S¢ Thong tin va Truyénthons").changes[-1]
    assert (change.start, change.end, change.original, change.restored) == (
        16, 27, "Truyénthons", "Truyền thông"
    )


def test_long_codes_and_brand_names_are_not_cut_into_words():
    assert restored("Luu: VT, VPUBND, UBMTTQ tinh. Gui Viettel va VNPT") == (
        "Lưu: VT, VPUBND, UBMTTQ tỉnh. Gửi Viettel và VNPT"
    )


def test_a_family_name_ocr_read_without_marks_under_a_signing_position_is_a_name():
    # `Bui` could be `buổi`, a commoner word; under a position it is the signer's family name.
    assert restored("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nBui Đức Bình") == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nBùi Đức Bình"
