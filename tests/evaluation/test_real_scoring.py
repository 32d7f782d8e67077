"""The real-scan scorer's field comparison (evaluation.real)."""

from evaluation.real import _same


def test_a_field_printed_with_new_style_tone_placement_matches_the_old_style_reading():
    assert _same("UỶ BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")


def test_a_different_tone_is_still_a_different_field():
    assert not _same("Đức Chúa trời", "Đức Chứa trời")


def test_an_empty_field_matches_only_an_empty_gold():
    assert _same(None, None) and not _same("01", None) and not _same(None, "01")
