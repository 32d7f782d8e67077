"""The measure vocabulary and its classifier, on folded text as the extractors pass it."""

import re
from pathlib import Path

from domain.vocab import MEASURES, SUBJECTS
from patterns.measures import MEASURE_WORDS, is_approximate, level_of, measure_of, subject_of
from patterns.text import fold

SCHEMA_DOC = Path(__file__).parent.parent.parent / "docs" / "schema.md"


def test_every_measure_is_in_the_vocabulary_and_documented():
    documented = set(re.findall(r"^\| `(\w+)` \|", SCHEMA_DOC.read_text(encoding="utf-8"), flags=re.M))
    assert {measure for measure, _ in MEASURE_WORDS} == set(MEASURES) <= documented


def test_the_qualifier_wins_over_the_verb_it_qualifies():
    assert measure_of(fold("hồ sơ tiếp nhận trực tuyến")) == "online"
    assert measure_of(fold("đã giải quyết đúng hạn")) == "resolved_on_time"
    assert measure_of(fold("giải quyết trước hạn và đúng hạn")) == "resolved_on_time"
    assert measure_of(fold("giải quyết trước hạn")) == "resolved_early"


def test_legacy_ocr_spellings_of_the_verbs():
    assert measure_of(fold("di giai quyét")) == "resolved"
    assert measure_of(fold("dang giai quyet")) == "pending"
    assert measure_of(fold("Tiép nhan")) == "received"


def test_words_broken_over_a_line():
    assert measure_of(fold("thanh\ntoán")) == "paid"


def test_no_measure_word_is_no_measure():
    assert measure_of(fold("tổ chức hội nghị")) == ""


def test_subject_from_the_unit_else_from_the_clause():
    assert subject_of("phản ánh", "") == "PAKN"
    assert subject_of("thủ tục", "") == "TTHC"
    assert subject_of("%", fold("tỷ lệ hồ sơ TTHC trực tuyến")) == "hồ sơ"
    assert subject_of("lượt", fold("tổ chức hội nghị")) == ""
    assert set(SUBJECTS) >= {subject_of("%", fold(text)) for text in ("hồ sơ", "PAKN", "TTHC", "giao dịch")}


def test_level_is_the_last_one_named():
    assert level_of(fold("cấp tỉnh đạt 80%, cấp huyện đạt")) == "huyện"
    assert level_of(fold("Cap xa")) == "xã"
    assert level_of(fold("toàn tỉnh")) == ""


def test_approximate_words_right_before_the_number():
    assert [is_approximate(fold(words)) for words in ("khoảng ", "đạt hơn ", "trên ", "gần ", "đạt ", "tổng số ")] == [
        True, True, True, True, False, False,
    ]
