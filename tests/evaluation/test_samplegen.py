import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from evaluation.degrade import Scan
from evaluation.documents import long_date, slash_date, vn_number
from evaluation.samplegen import Sample, SampleSpec, build_sample, plan_samples, write_scan


@pytest.fixture(scope="module")
def one_page_letter() -> SampleSpec:
    spec = plan_samples(7, seed=5)[6]
    assert (spec.doc_type, spec.scan_format) == ("Công văn", "png")
    return spec


@pytest.fixture(scope="module")
def built(one_page_letter) -> Sample:
    return build_sample(one_page_letter)


def test_plan_cycles_tiers_and_types():
    specs = plan_samples(12, seed=1)
    assert [(s.tier, s.doc_type) for s in specs[:4]] == [
        ("clean", "Báo cáo"), ("office", "Báo cáo"), ("hard", "Báo cáo"), ("clean", "Kế hoạch")
    ]
    assert [s.scan_name for s in specs if s.scan_format != "pdf"] == ["05-office-ke-hoach.tiff", "07-clean-cong-van.png"]


def test_same_seed_gives_identical_ground_truth_and_pixels(one_page_letter, built):
    first, second = built, build_sample(one_page_letter)
    assert json.dumps(first.ground_truth, ensure_ascii=False) == json.dumps(second.ground_truth, ensure_ascii=False)
    assert len(first.scans) == 1
    assert np.array_equal(first.scans[0].image, second.scans[0].image)


def test_other_seed_gives_another_document(one_page_letter, built):
    other = SampleSpec(one_page_letter.name, "clean", "Công văn", "png", "6:6")
    assert build_sample(other).ground_truth["header"] != built.ground_truth["header"]


def test_page_text_reads_left_header_column_before_right(built):
    truth = built.ground_truth
    lines = truth["pages"][0]["text"].split("\n")
    number_line = f"Số: {truth['header']['number_symbol']}"
    assert lines.index(number_line) < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert lines[lines.index("Độc lập - Tự do - Hạnh phúc") + 1].startswith(f"{truth['header']['place']}, ngày ")


def test_pdf_bytes_do_not_depend_on_the_clock(tmp_path):
    page = np.full((350, 248), 255, dtype=np.uint8)
    sample = Sample(SampleSpec("x", "office", "Báo cáo", "pdf", "1:0"), (Scan(page, 30, bilevel=False),), {})
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert write_scan(sample, tmp_path / "a").read_bytes() == write_scan(sample, tmp_path / "b").read_bytes()


def test_numbers_use_dot_for_thousands_and_comma_for_decimals():
    assert (vn_number(55653), vn_number(99.8, 1), vn_number(1234.5, 1)) == ("55.653", "99,8", "1.234,5")


def test_dates_pad_day_and_only_months_one_and_two():
    assert (slash_date(date(2023, 1, 30)), slash_date(date(2023, 5, 8))) == ("30/01/2023", "08/5/2023")
    assert long_date(date(2023, 6, 5)) == "ngày 05 tháng 6 năm 2023"


def _gold_samples() -> list[dict]:
    samples = Path(__file__).resolve().parents[2] / "samples"
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(samples.glob("*.gt.json"))]


def _parts_by_total(items: list[dict]) -> dict[int, list[dict]]:
    parts: dict[int, list[dict]] = defaultdict(list)
    for item in items:
        if item["part_of"] is not None:
            parts[item["part_of"]].append(item)
    return parts


def test_the_counted_parts_of_each_gold_total_add_up_to_it():
    checked = 0
    for truth in _gold_samples():
        groups = [truth["statistics"]] + [table["cells"] for table in truth["tables"]]
        for items in groups:
            for total, parts in _parts_by_total(items).items():
                if items[total]["unit"] != "%":
                    assert sum(part["value"] for part in parts) == items[total]["value"], (truth["id"], items[total])
                    checked += 1
    assert checked >= 5


def test_a_sample_states_each_of_its_own_figures_with_one_value():
    # One figure in two units of count (`phản ánh` in a sentence, `PAKN` in a table) is one value.
    for truth in _gold_samples():
        values = defaultdict(set)
        for item in [*truth["statistics"], *(cell for table in truth["tables"] for cell in table["cells"])]:
            if item["measure"] and item["part_of"] is None and not item["scope"]:
                counted = item["unit"] if item["unit"] == "%" or "đồng" in item["unit"] else "count"
                values[item["measure"], item["subject"], counted].add(item["value"])
        assert all(len(found) == 1 for found in values.values()), (truth["id"], values)
