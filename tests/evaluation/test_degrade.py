import numpy as np

from evaluation.degrade import TIERS, scan


def _printed_page() -> np.ndarray:
    page = np.full((600, 424, 3), 255, dtype=np.uint8)
    page[100:110, 50:370] = 20  # a line of "text"
    return page


def test_clean_page_without_seal_is_bilevel_at_full_resolution():
    result = scan(_printed_page(), None, False, TIERS["clean"], 300, np.random.default_rng(0))
    assert (result.image.shape, result.bilevel) == ((600, 424), True)
    assert set(np.unique(result.image).tolist()) == {0, 255}


def test_page_with_seal_stays_in_colour():
    result = scan(_printed_page(), None, True, TIERS["office"], 300, np.random.default_rng(0))
    assert (result.image.shape, result.bilevel) == ((600, 424, 3), False)


def test_hard_page_is_resampled_to_its_scan_resolution():
    result = scan(_printed_page(), _printed_page(), False, TIERS["hard"], 150, np.random.default_rng(0))
    assert result.image.shape == (300, 212)


def test_hard_page_paper_is_darker_than_clean_paper():
    page = _printed_page()
    hard = scan(page, page, False, TIERS["hard"], 200, np.random.default_rng(0))
    assert np.median(hard.image) < 240
