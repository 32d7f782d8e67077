from diacritics.syllable import Syllable, decompose, is_syllable, normalise_tones, skeleton


def test_decompose_splits_onset_nucleus_coda_and_tone():
    assert decompose("được") == Syllable(onset="đ", nucleus="ươ", coda="c", tone=5)


def test_decompose_reads_gi_and_qu_as_onsets_before_a_vowel():
    assert decompose("giữ") == Syllable(onset="gi", nucleus="ư", coda="", tone=4)
    assert decompose("quyết") == Syllable(onset="qu", nucleus="yê", coda="t", tone=2)


def test_decompose_reads_gi_before_a_consonant_as_g_plus_i():
    assert decompose("gìn") == Syllable(onset="g", nucleus="i", coda="n", tone=1)


def test_stop_codas_take_only_rising_or_heavy_tone():
    assert decompose("tác") is not None
    assert decompose("tàc") is None
    assert decompose("tac") is None


def test_abbreviations_and_garbled_words_are_not_syllables():
    assert not is_syllable("UBND")
    assert not is_syllable("thwe")
    assert not is_syllable("dugc")


def test_uppercase_syllables_are_recognised():
    assert is_syllable("QUẢNG")


def test_new_style_tones_move_to_the_old_style_vowel():
    assert normalise_tones("hoá") == "hóa"
    assert normalise_tones("thuỷ") == "thủy"
    assert normalise_tones("uỷ") == "ủy"
    assert normalise_tones("khoẻ") == "khỏe"


def test_tone_normalisation_keeps_case():
    assert normalise_tones("HOÁ") == "HÓA"
    assert normalise_tones("Uỷ") == "Ủy"


def test_closed_rhymes_keep_the_tone_on_the_last_vowel():
    assert normalise_tones("hoàn") == "hoàn"
    assert normalise_tones("thuyền") == "thuyền"


def test_non_syllables_are_left_as_they_are_by_normalisation():
    assert normalise_tones("UBND") == "UBND"


def test_skeleton_strips_marks_and_reads_d_bar_as_d():
    assert skeleton("Được") == "duoc"
    assert skeleton("QĐ") == "qd"
