from evaluation.report import REAL_END, REAL_START, real_header_table, real_text_table, replace_section

TOTALS = {"documents": 2, "fields": 4, "right": 3, "printed_fields": 3, "printed_right": 3,
          "by_field": {"doc_type": 2, "number": 1}}
PAGES = {"a.png": {"ours": {"errors": 1, "total": 100, "cer": 0.01}, "raw": {"errors": 10, "total": 100, "cer": 0.1}},
         "b.png": {"ours": {"errors": 3, "total": 100, "cer": 0.03}, "raw": {"errors": 0, "total": 100, "cer": 0.0}}}


def test_header_table_gives_each_field_and_the_figure_with_and_without_handwritten_fields():
    assert real_header_table(TOTALS)[2:] == [
        "| type | 2 / 2 (100.0 %) |",
        "| number | 1 / 2 (50.0 %) |",
        "| **all fields** | 3 / 4 (75.0 %) |",
        "| **printed fields only** (handwritten number and date left out) | 3 / 3 (100.0 %) |",
    ]


def test_text_table_gives_each_page_and_the_rate_over_all_characters():
    assert real_text_table(PAGES)[2:] == [
        "| a.png | 1.0 | 10.0 |", "| b.png | 3.0 | 0.0 |", "| **all pages** | 2.0 | 5.0 |"]


def test_real_section_is_replaced_between_its_own_markers():
    readme = f"x\n{REAL_START}\nold\n{REAL_END}\ny"
    assert replace_section(readme, "new", REAL_START, REAL_END) == f"x\n{REAL_START}\nnew\n{REAL_END}\ny"
