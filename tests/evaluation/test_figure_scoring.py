from collections import Counter

from domain.records import Extraction, Header, Statistic
from evaluation.evaluate import _expected_fields, _extracted_fields, _extracted_figures, gold_figures
from evaluation.metrics import FigureScore, figure_score


def _gold(statistics: list[dict], cells: list[dict] = ()) -> dict:
    header = dict.fromkeys(("doc_type", "number", "symbol", "issue_date", "place", "title", "signer", "signer_title",
                            "period_start", "period_end"))
    return {"header": header, "references": [], "statistics": statistics,
            "tables": [{"columns": [], "rows": [], "cells": list(cells)}]}


def _stated(value, unit, measure, scope="", part_of=None, subject="hồ sơ") -> dict:
    return {"value": value, "unit": unit, "label": "", "measure": measure, "subject": subject, "scope": scope,
            "part_of": part_of}


def _cell(row, column, value, measure, scope="", part_of=None) -> dict:
    return {"row": row, "column": column, "value": value, "unit": "hồ sơ", "measure": measure, "subject": "hồ sơ",
            "scope": scope, "part_of": part_of}


GOLD = _gold(
    [_stated(12400, "hồ sơ", "received"), _stated(5100, "hồ sơ", "received", "tỉnh", 0),
     _stated(7300, "hồ sơ", "received", "huyện", 0), _stated(95, "%", "resolved_on_time", "kế hoạch")],
    [_cell(0, 3, 11950, "resolved"), _cell(0, 4, 10020, "resolved", "Cùng kỳ năm trước"),
     _cell(1, 3, 11800, "resolved_on_time", part_of=0)],
)


def test_gold_figures_are_the_whole_units_statements_tables_included_and_parts_of_their_own_measure_left_out():
    assert gold_figures(GOLD) == {("received", "hồ sơ", "hồ sơ"): 12400.0, ("resolved", "hồ sơ", "hồ sơ"): 11950.0,
                                  ("resolved_on_time", "hồ sơ", "hồ sơ"): 11800.0}


def test_figures_right_wrong_missing_and_invented():
    found = {("received", "hồ sơ", "hồ sơ"): 12400.0, ("resolved", "hồ sơ", "hồ sơ"): 11590.0,
             ("online", "hồ sơ", "hồ sơ"): 7020.0}
    assert figure_score(gold_figures(GOLD), found) == FigureScore(right=1, wrong=1, missing=1, invented=1)
    assert figure_score(gold_figures(GOLD), {}) == FigureScore(right=0, wrong=0, missing=3, invented=0)


def test_a_part_is_scored_with_the_value_and_unit_of_its_total():
    assert _expected_fields(GOLD)["statistic_parts"] == Counter({
        (12400.0, "hồ sơ", "received", None): 1, (5100.0, "hồ sơ", "received", (12400.0, "hồ sơ")): 1,
        (7300.0, "hồ sơ", "received", (12400.0, "hồ sơ")): 1, (95.0, "%", "resolved_on_time", None): 1,
    })


def test_a_table_cell_is_scored_with_its_unit_and_the_cell_of_the_row_it_is_under():
    fields = _expected_fields(GOLD)
    assert fields["table_units"] == Counter({(3, 11950.0, "hồ sơ"): 1, (4, 10020.0, "hồ sơ"): 1,
                                             (3, 11800.0, "hồ sơ"): 1})
    assert fields["table_parts"] == Counter({(3, 11950.0, None): 1, (4, 10020.0, None): 1,
                                             (3, 11800.0, (3, 11950.0)): 1})


def _extraction() -> Extraction:
    total = Statistic(1, "Số hồ sơ đã giải quyết", 11950.0, "hồ sơ", None, "", "table", 0, 3, "resolved", "hồ sơ")
    part = Statistic(1, "Giải quyết đúng hạn", 11800.0, "hồ sơ", None, "", "table", 1, 3, "resolved_on_time",
                     "hồ sơ", part_of=1)
    received = Statistic(1, "tiếp nhận", 12400.0, "hồ sơ", None, "", "text", measure="received", subject="hồ sơ")
    return Extraction(Header(), (), (received, total, part), ())


def test_extracted_parts_index_the_documents_statistics_and_a_part_of_another_measure_is_a_headline():
    fields = _extracted_fields(_extraction())
    assert fields["table_parts"] == Counter({(3, 11950.0, None): 1, (3, 11800.0, (3, 11950.0)): 1})
    assert fields["statistic_parts"] == Counter({(12400.0, "hồ sơ", "received", None): 1})
    assert _extracted_figures(_extraction()) == {
        ("received", "hồ sơ", "hồ sơ"): 12400.0, ("resolved", "hồ sơ", "hồ sơ"): 11950.0,
        ("resolved_on_time", "hồ sơ", "hồ sơ"): 11800.0,
    }
