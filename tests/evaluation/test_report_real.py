from evaluation.report import REAL_END, REAL_START, real_header_table, real_text_table, replace_section

TOTALS = {"documents": 2, "fields": 4, "right": 3, "printed_fields": 3, "printed_right": 3,
          "by_field": {"doc_type": 2, "number": 1}}
RAW = {"documents": 2, "fields": 4, "right": 1, "printed_fields": 3, "printed_right": 1,
       "by_field": {"doc_type": 1, "number": 0}}


def _rate(errors: int, words: int) -> dict:
    return {"errors": errors, "total": 100, "cer": errors / 100, "word_errors": words, "words": 20, "wer": words / 20}


PAGES = {"a.png": {"ours": _rate(1, 1), "raw": _rate(10, 4), "ocrmypdf": None},
         "b.png": {"ours": _rate(3, 1), "raw": _rate(0, 0), "ocrmypdf": _rate(2, 2)}}


def test_header_table_gives_each_field_and_the_figure_with_and_without_handwritten_fields():
    assert real_header_table(TOTALS)[2:] == [
        "| type | 2 / 2 (100.0 %) |",
        "| number | 1 / 2 (50.0 %) |",
        "| **all fields** | 3 / 4 (75.0 %) |",
        "| **printed fields only** (handwritten number and date left out) | 3 / 3 (100.0 %) |",
    ]


def test_header_table_puts_our_extractor_on_each_baselines_text_beside_ours():
    table = real_header_table(TOTALS, {"raw": RAW})
    assert table[0] == "| field | ours | raw Tesseract + our extractor |"
    assert table[2] == "| type | 2 / 2 (100.0 %) | 1 / 2 (50.0 %) |"


def test_text_table_gives_cer_and_wer_per_page_and_over_all_pages_and_na_where_a_baseline_could_not_run():
    assert real_text_table(PAGES) == [
        "| page | CER / WER % ours | CER / WER % raw Tesseract | CER / WER % OCRmyPDF |",
        "|---|---|---|---|",
        "| a.png | 1.0 / 5.0 | 10.0 / 20.0 | n/a |",
        "| b.png | 3.0 / 5.0 | 0.0 / 0.0 | 2.0 / 10.0 |",
        "| **all pages** | 2.0 / 5.0 | 5.0 / 10.0 | n/a |",
    ]


def test_real_section_is_replaced_between_its_own_markers():
    readme = f"x\n{REAL_START}\nold\n{REAL_END}\ny"
    assert replace_section(readme, "new", REAL_START, REAL_END) == f"x\n{REAL_START}\nnew\n{REAL_END}\ny"
