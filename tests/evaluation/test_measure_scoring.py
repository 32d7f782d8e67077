import json
from pathlib import Path

from domain.vocab import MEASURES, SUBJECTS
from evaluation.evaluate import _measure_assignment
from evaluation.metrics import FieldScore

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_every_gold_statistic_has_a_measure_and_subject_from_the_vocabularies():
    for path in sorted(SAMPLES.glob("*.gt.json")):
        for statistic in json.loads(path.read_text(encoding="utf-8"))["statistics"]:
            assert statistic["measure"] in {"", *MEASURES}, (path.name, statistic)
            assert statistic["subject"] in {"", *SUBJECTS}, (path.name, statistic)


def test_measure_assignment_is_the_share_of_found_statistics_whose_measure_is_right():
    totals = {"statistics": FieldScore(8, 9, 10), "statistic_measures": FieldScore(6, 9, 10)}
    assert _measure_assignment(totals) == 0.75


def test_no_measure_assignment_without_a_statistic_found():
    assert _measure_assignment({"statistics": FieldScore(0, 2, 3), "statistic_measures": FieldScore(0, 2, 3)}) is None
