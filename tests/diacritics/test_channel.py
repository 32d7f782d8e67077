from diacritics.channel import (
    UNSEEN_EDIT_COST,
    Channel,
    count_pairs,
    load_counts,
    piece_alignment,
    save_counts,
)


def test_each_clean_letter_is_paired_with_what_ocr_printed():
    assert piece_alignment("được", "dugc") == [("đ", "d"), ("ư", "u"), ("ợ", "g"), ("c", "c")]


def test_inserted_characters_join_the_previous_letter():
    assert piece_alignment("của", "ctia") == [("c", "c"), ("ủ", "ti"), ("a", "a")]


def test_dropped_letters_print_nothing():
    assert piece_alignment("được", "duc") == [("đ", "d"), ("ư", "u"), ("ợ", ""), ("c", "c")]


def test_frequent_confusion_is_cheaper_than_unseen_one():
    channel = Channel(count_pairs([("được", "dugc")] * 5 + [("được", "được")] * 5))
    assert channel.cost("dugc", "được") < channel.cost("duxc", "được")


def test_symbols_printed_for_letters_become_word_symbols():
    channel = Channel(count_pairs([("Kế", "K&")] * 3 + [("hiện", "hi¢n")] * 3))
    assert channel.word_symbols == "&¢"


def test_punctuation_printed_for_letters_is_allowed_between_letters_but_not_code_joiners():
    channel = Channel(count_pairs([("thực", "thu'c")] * 3 + [("từ", "t-")] * 3))
    assert (channel.word_symbols, channel.inner_symbols) == ("", "'")


def test_whole_word_readings_apply_only_between_words_of_the_same_case_shape():
    channel = Channel(count_pairs([("văn", "van")] * 5 + [("VĂN", "VAN")] * 5))
    assert channel.cost("VAN", "Văn") > channel.cost("VAN", "VĂN")


def test_counts_of_each_ocr_model_are_stored_and_loaded(tmp_path):
    counts = {"eng": count_pairs([("được", "dugc")]), "vie": count_pairs([("được", "đươc")])}
    save_counts(tmp_path / "channel.json.xz", counts)
    assert load_counts(tmp_path / "channel.json.xz") == counts


def test_confusion_seen_rarely_in_the_family_costs_no_more_than_an_unseen_edit():
    # `&` was printed once for `ế` among many `e`-family letters read right; `ề` never printed it.
    pairs = [("Kế", "K&")] + [("về", "vé")] * 500
    channel = Channel(count_pairs(pairs))
    assert channel.piece_cost("ề", "&") <= channel.piece_cost("ề", "#") == UNSEEN_EDIT_COST
