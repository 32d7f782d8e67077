from patterns.wording import respelled_title

_OPENING = (
    "Sở Tư pháp báo cáo kết quả thực hiện công tác kiểm soát thủ tục hành chính như sau:\n"
    "1. Công tác chỉ đạo, điều hành; tổ chức thực hiện kế hoạch."
)


def test_a_word_ocr_misread_in_the_title_takes_the_spelling_the_text_uses():
    title = "Kết quả thực biện công tác kiểm soát thủ tục hành chính"
    assert respelled_title(title, f"{title}\n{_OPENING}") == "Kết quả thực hiện công tác kiểm soát thủ tục hành chính"


def test_a_word_whose_first_letters_ocr_lost_is_restored():
    title = "Công bố thủ tục trong nh vực hộ tịch"
    text = f"{title}\nCác thủ tục trong lĩnh vực hộ tịch; lĩnh vực đất đai."
    assert respelled_title(title, text) == "Công bố thủ tục trong lĩnh vực hộ tịch"


def test_one_restatement_against_the_title_is_a_tie_and_the_title_stands():
    title = "Nâng cao chất lượng dịch vụ công trực tuyến"
    text = f"{title}\nỦy ban ban hành Kế hoạch nâng cao chất lượng dịch vụ cùng trực tuyến."
    assert respelled_title(title, text) == title


def test_a_title_the_text_never_repeats_stands():
    title = "Kết quả thực biện công tác"
    assert respelled_title(title, f"{title}\nCăn cứ Luật Tổ chức chính quyền địa phương.") == title


def test_a_respelled_word_keeps_its_capitals_and_punctuation():
    title = "Số hóa BỒ SƠ, kết quả"
    text = f"{title}\nđã số hóa hồ sơ, kết quả; số hóa hồ sơ của tỉnh"
    assert respelled_title(title, text) == "Số hóa HỒ SƠ, kết quả"
