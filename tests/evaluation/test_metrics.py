import unicodedata
from collections import Counter

from evaluation.metrics import (
    ErrorCount,
    FieldScore,
    RestorationScore,
    bag_of_words_errors,
    character_errors,
    multiset_score,
    restoration_score,
    restorer_score,
    value_score,
    word_errors,
)


def test_character_errors_count_edits_against_reference_length():
    assert character_errors("Số: 937/BC-VP", "S6: 937/BC-VP") == ErrorCount(1, 13)


def test_character_errors_ignore_unicode_form_and_whitespace_layout():
    decomposed = unicodedata.normalize("NFD", "Quảng Ngãi,\nngày 05")
    assert character_errors("Quảng Ngãi, ngày 05", decomposed + "  \f") == ErrorCount(0, 19)


def test_word_errors_count_substitutions_and_insertions():
    assert word_errors("Quảng Ngãi, ngày 05", "Quang Ngãi, ngày 05 tháng") == ErrorCount(2, 4)


def test_error_rates_add_up_over_pages():
    total = ErrorCount(1, 10) + ErrorCount(3, 30)
    assert (total, total.rate) == (ErrorCount(4, 40), 0.1)


def test_bag_of_words_errors_ignore_column_order():
    truth = "UBND TỈNH ĐỒNG NAI\nSỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI"
    read_row_by_row = "UBND TỈNH ĐỒNG NAI CỘNG HÒA XÃ HỘI\nSỞ NỘI VỤ"
    assert bag_of_words_errors(truth, read_row_by_row) == ErrorCount(0, 11)


def test_bag_of_words_errors_count_a_misread_word_once():
    assert bag_of_words_errors("ngày 05 tháng 6", "ngay 05 tháng 6") == ErrorCount(1, 4)


def test_restoration_score_on_legacy_ocr_line():
    score = restoration_score(
        "Kết quả triển khai thực hiện công tác",
        "Két qua trién khai thwe hién cong tac",
        "Kết quả triển khai thực hiện công tác",
    )
    assert score == RestorationScore(words=8, correct_after=8, correct_before=1, kept=1, reachable=8)


def test_restoration_score_counts_a_correct_word_the_restorer_broke():
    score = restoration_score("tin học", "tin hoc", "tín học")
    assert (score.correct_before, score.kept, score.kept_share) == (1, 0, 0.0)


def test_restoration_score_counts_a_word_split_by_ocr_as_wrong():
    score = restoration_score("Quảng Ngãi", "Quang Ng ai", "Quảng Ng ãi")
    assert score == RestorationScore(words=2, correct_after=1, correct_before=0, kept=0, reachable=2)


def test_restoration_score_scores_a_block_legacy_ocr_read_in_another_place():
    reference = "Quảng Ngãi, ngày 05 tháng 6 năm 2023 BÁO CÁO Kết quả thực hiện"
    moved = "BAO CAO Ket qua thuc hien Quang Ngai, ngay 05 thang 6 nam 2023"
    restored = "BÁO CÁO Kết quả thực hiện Quảng Ngãi, ngày 05 tháng 6 năm 2023"
    assert restoration_score(reference, moved, restored).correct_after == 14


def test_restoration_ceiling_leaves_out_words_the_ocr_dropped():
    score = restoration_score("Sở Tư pháp tỉnh Quảng Ngãi", "So Tu tinh", "Sở Tư tỉnh")
    assert (score.reachable, score.ceiling) == (3, 0.5)


def test_restoration_ceiling_counts_words_the_ocr_ran_together():
    score = restoration_score("cá nhân kinh doanh", "ca nhan kinhdoanh", "cá nhân kinh doanh")
    assert (score.reachable, score.correct_after) == (4, 4)


def test_restoration_ceiling_counts_a_block_legacy_ocr_read_in_another_place():
    reference = "Quảng Ngãi, ngày 05 tháng 6 năm 2023 BÁO CÁO Kết quả thực hiện"
    moved = "BAO CAO Ket qua thuc hien Quang Ngai, ngay 05 thang 6 nam 2023"
    assert restoration_score(reference, moved, moved).reachable == 14


def test_restoration_score_accepts_either_tone_placement():
    assert restoration_score("số hóa", "so hoa", "số hoá").correct_after == 2


def test_restoration_score_ignores_punctuation():
    assert restoration_score("Số: 937/BC-VP", "S6 937 BC VP", "Số 937 BC VP").accuracy == 1.0


def test_value_score_wrong_answer_is_a_false_positive_and_a_miss():
    assert value_score("2023-06-05", "2023-06-15") == FieldScore(0, 1, 1)


def test_value_score_missing_answer_is_only_a_miss():
    assert value_score("937", None) == FieldScore(0, 0, 1)


def test_multiset_score_precision_recall_f1():
    score = multiset_score(Counter(["124/QĐ-UBND", "11/KH-UBND"]),
                           Counter(["124/QĐ-UBND", "11/KH-UBN", "01/NQ-CP", "02-CTr/BCĐ"]))
    assert (score.precision, score.recall, round(score.f1, 4)) == (0.25, 0.5, 0.3333)


def test_multiset_score_counts_a_repeated_item_as_often_as_it_is_expected():
    score = multiset_score(Counter(["124/QĐ-UBND", "124/QĐ-UBND"]), Counter(["124/QĐ-UBND"]))
    assert score == FieldScore(1, 1, 2)


def test_restorer_score_restores_each_damaged_text_and_sums():
    pairs = [("số hóa", "so hoa"), ("tin học", "tin hoc")]
    score = restorer_score(lambda damaged: {"so hoa": "số hoá", "tin hoc": "tín học"}[damaged], pairs)
    assert score == RestorationScore(words=4, correct_after=3, correct_before=1, kept=0, reachable=4)
