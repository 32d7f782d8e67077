import json
from datetime import date

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
