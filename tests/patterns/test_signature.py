from patterns import Signature, extract_recipients, extract_signature

CLOSING = """Kính gửi Sở Tư pháp theo dõi, tổng hợp./.

***Nơi nhận:***

- PCT UBND tỉnh (b/c);
- Sở Tư pháp;
- Lưu: VT, TTHC.

**KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG**

**Lê Chí Phương**"""


def test_signer_with_authority_position_and_name():
    assert extract_signature(CLOSING) == Signature("KT.", "Phó Chánh Văn phòng", "Lê Chí Phương")


def test_debris_of_a_signature_under_a_seal_is_not_a_name():
    assert extract_signature("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nz hi\n") == Signature("KT.", "Phó Giám đốc", None)


def test_position_garbled_and_interleaved_with_noi_nhan():
    text = "Noi nhin: ANH VAN PHONG\n- S6 Tu phap;\n- Luu: VT, TTHC.\n\nVi Minh Tam\n"
    assert extract_signature(text) == Signature(None, "Chánh Văn phòng", "Vi Minh Tam")


def test_noi_nhan_list_without_filing_lines():
    assert extract_recipients(CLOSING) == ("PCT UBND tỉnh (b/c)", "Sở Tư pháp")


def test_kinh_gui_on_its_line_comes_first():
    text = "Kinh gtri: So Noi vu\n\nNội dung.\n\nNơi nhận:\n- Như trên;\n- VPUB: CVP, PCVP;\n"
    assert extract_recipients(text) == ("So Noi vu", "VPUB: CVP, PCVP")


def test_kinh_gui_list():
    text = "Kính gửi:\n- Sở Nội vụ;\n- Sở Tài chính.\n\nTheo đề nghị"
    assert extract_recipients(text) == ("Sở Nội vụ", "Sở Tài chính")


def test_position_printed_right_of_a_noi_nhan_item():
    text = "Nơi nhận: KT. GIÁM ĐỐC\n- UBND tỉnh (b/c); : =—PHÓ GIÁM ĐỐC\n- Lưu: VT, VP.\n"
    assert extract_signature(text) == Signature("KT.", "Phó Giám đốc", None)


def test_signing_for_the_head_means_a_deputy_signs():
    text = "Nơi nhận: KT. GIÁM ĐỐC\n- Như trên;\n- Lưu: VT, CCHC.\n"
    assert extract_signature(text) == Signature("KT.", "Phó Giám đốc", None)


def test_deputy_minister_is_thu_truong():
    assert extract_signature("KT. BỘ TRƯỞNG\n\nNguyễn Văn An\n") == Signature("KT.", "Thứ trưởng", "Nguyễn Văn An")


def test_by_order_of_the_head_the_next_line_is_the_signer():
    assert extract_signature("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nTrần Xuân Hưng\n") == Signature(
        "TL.", "Chánh Văn phòng", "Trần Xuân Hưng"
    )


def test_by_order_of_the_head_without_the_signer_line_has_no_title():
    assert extract_signature("Nơi nhận: TL. CHỦ TỊCH\n- Như trên;\n- Lưu: VT.\n") == Signature("TL.", None, None)


def test_position_after_debris_left_of_the_column():
    assert extract_signature("Nơi nhận:\n_~ Như Điều 3;\n... :_..E. CHỦ TỊCH\n\n\"Lê Hữu Đạt\n") == Signature(
        None, "Chủ tịch", "Lê Hữu Đạt"
    )


def test_name_among_specks_and_one_letter_debris():
    assert extract_signature("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nSẢN\nl Hoàng Ngọc Phương -\n") == Signature(
        "KT.", "Phó Giám đốc", "Hoàng Ngọc Phương"
    )


def test_name_closing_the_document_when_ocr_lost_the_position():
    text = "vị phản ánh về Sở Tài chính để tổng hợp, báo cáo./.\n\nNơi nhận:\n- Lưu: VT, QLNS.\n\n”\nsẽ\nPhạm Văn Đạt\n"
    assert extract_signature(text) == Signature(None, None, "Phạm Văn Đạt")


def test_capitalised_words_in_the_body_are_no_signer():
    text = "Giao Văn Phòng\nchủ trì thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    assert extract_signature(text) == Signature(None, None, None)


def test_name_that_opens_with_no_family_name_is_seal_debris():
    text = "Nơi nhận:\n-_:, GIÁM ĐỐC\n- Chủ tịch, các PCT UBND tỉnh; Vé Nội\n- Lưu: VT, VP.\n"
    assert extract_signature(text) == Signature(None, "Giám đốc", None)


def test_family_name_regains_its_marks():
    assert extract_signature("GIÁM ĐỐC\n\nLe Quốc Đạt\n").name == "Lê Quốc Đạt"


def test_dash_after_the_filing_item_is_a_speck_before_the_name():
    text = "Nơi nhận:\n- Như Điều 3; . .PHÓ CHỦ TỊCH\n- Lưu: VT, TTHC.\n\nc SN\n- Hồ Minh Phương\n"
    assert extract_signature(text) == Signature(None, "Phó Chủ tịch", "Hồ Minh Phương")


def test_family_name_one_letter_off_is_read_when_no_other_is_as_near():
    assert extract_signature("GIÁM ĐỐC\n\nNgnyễn Văn Tư\n").name == "Nguyễn Văn Tư"


def test_family_name_one_letter_off_two_names_is_not_guessed():
    assert extract_signature("GIÁM ĐỐC\n\nHuàng Thành Hạnh\n").name is None


def test_what_debris_leaves_of_a_name_must_be_a_whole_name():
    assert extract_signature("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\ni Văn Hưng\n").name is None


def test_authority_after_specks_right_of_noi_nhan():
    assert extract_signature("Nơi nhận: - : KT. -GIÁM ĐỐC\n- UBND tỉnh (b/c);\n- Lưu: VT, CNTT.\n") == Signature(
        "KT.", "Phó Giám đốc", None
    )


def test_position_right_of_an_item_whose_dash_ocr_read_as_a_tilde():
    assert extract_signature("Nơi nhận:\n~ Văn phòng Chính phủ; CHỦ TỊCH :\n- Lưu: VT, TTHC.\n").title == "Chủ tịch"
