import random

from training.build_channel import page_specs
from training.ocr_synth import PageSpec, scanned


def test_channel_pages_cycle_through_ocr_models_and_scan_tiers():
    paragraphs = [f"Đoạn văn số {index}" for index in range(50)]
    specs = page_specs(paragraphs, random.Random(1))
    assert [(spec.language, spec.tier) for spec in specs] == [
        ("eng", "clean"), ("eng", "office"), ("eng", "hard"), ("vie", "hard"), ("vie", "office"),
    ]


def test_hard_tier_page_is_scanned_at_a_photocopy_resolution():
    spec = PageSpec(
        lines=("Kết quả thực hiện",), seed=3, font_points=13, bold=False, tier="hard",
        language="eng",
    )
    assert scanned(spec).dpi in (150, 200)
