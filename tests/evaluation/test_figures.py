"""The seed reports' headline figures and statistics, scored against the hand-made dev gold."""

from evaluation.figures import HEADLINES, checked_values, evaluate, score_headlines

GOLD = {
    "figures": {"ho_so_received": {"value": 700, "line": 4}, "ho_so_resolved": {"value": 650, "line": 4},
                "pakn_received": {"value": None}},
    "breakdowns": [{"label": "cấp xã", "value": 300, "unit": "hồ sơ", "line": 5}],
}


def _figure(measure: str, value: float, subject: str = "hồ sơ", unit: str = "hồ sơ") -> dict:
    return {"measure": measure, "subject": subject, "unit": unit, "value": value}


def test_each_headline_is_right_wrong_missing_invented_or_absent():
    outcomes = score_headlines(GOLD, [_figure("received", 700), _figure("pending", 30),
                                      _figure("received", 12, subject="PAKN", unit="phản ánh")])
    assert {key: outcomes[key] for key in ("ho_so_received", "ho_so_resolved", "pakn_received", "ho_so_pending",
                                           "ho_so_overdue")} == {
        "ho_so_received": "right", "ho_so_resolved": "missing", "pakn_received": "invented",
        "ho_so_pending": "invented", "ho_so_overdue": "absent",
    }
    assert set(outcomes) == set(HEADLINES)


def test_checked_values_are_the_printed_headlines_and_breakdowns_with_their_lines():
    assert [(c.name, c.value, c.unit, c.line) for c in checked_values(GOLD)] == [
        ("ho_so_received", 700.0, "hồ sơ", 4), ("ho_so_resolved", 650.0, "hồ sơ", 4), ("cấp xã", 300.0, "hồ sơ", 5),
    ]


def test_the_seed_reports_headline_figures_are_all_right_and_none_invented():
    totals = evaluate()["totals"]
    assert (totals["headlines_right"], totals["headlines_printed"], totals["invented"]) == (10, 10, 0)
    assert totals["statistics_recall"] >= 0.97 and totals["statistics_precision"] >= 0.95
