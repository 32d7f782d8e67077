from evaluation.baselines import sidecar_pages


def test_a_run_of_pages_ocrmypdf_skipped_is_that_many_empty_pages():
    assert sidecar_pages("first\n\f[OCR skipped on page(s) 2-4]\flast\n") == ["first\n", "", "", "", "last\n"]


def test_one_skipped_page_is_one_empty_page():
    assert sidecar_pages("[OCR skipped on page(s) 1]\fsecond") == ["", "second"]
