from diacritics.evaluate import line_score, score_restoration


def test_score_counts_gold_words_reproduced():
    assert score_restoration([("S6: 937 /BC-VP", "Số: 937 /BC-VP")]) == {
        "words": 2, "correct": 2, "accuracy": 1.0
    }


def test_surrounding_punctuation_and_tone_placement_do_not_count():
    assert line_score("“hoá đơn”", '"hóa đơn"').correct == 2


def test_a_wrong_word_counts_against_accuracy():
    score = line_score("ket qua", "kết quả")
    assert (score.words, score.correct) == (2, 0)
