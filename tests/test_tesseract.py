"""The Tesseract wrapper: the one place that runs Tesseract, and how it says what went wrong."""

import cv2
import numpy as np
import pytest
from PIL import Image

from pipeline._exec import tesseract
from pipeline.errors import ExitCode, MissingDependency, OcrFailed
from tests.conftest import page_array, render_page

PAGE = page_array(render_page(["Quảng Ngãi, ngày 05 tháng 6 năm 2023"]))


def test_reads_the_text_of_a_page():
    text = tesseract.read_text(PAGE, "vie", psm=3, dpi=300, timeout=60)
    assert text.strip() == "Quảng Ngãi, ngày 05 tháng 6 năm 2023"


def test_tsv_rows_carry_numbers_as_ints_and_the_words_as_printed():
    rows = tesseract.read_tsv([PAGE], "vie", psm=3, dpi=300, timeout=60)
    words = [row for row in rows if row["conf"] >= 0 and row["text"].strip()]
    assert [row["text"] for row in words] == ["Quảng", "Ngãi,", "ngày", "05", "tháng", "6", "năm", "2023"]
    assert all(isinstance(row[key], int) for row in words for key in ("left", "top", "conf", "page_num"))


def test_several_images_are_read_in_one_run_as_pages_one_two_and_so_on():
    second = page_array(render_page(["Tiếp nhận 55.653 hồ sơ"]))
    rows = tesseract.read_tsv([PAGE, second], "vie", psm=3, dpi=300, timeout=60)
    assert {row["page_num"] for row in rows} == {1, 2}


def test_a_language_that_is_not_installed_names_the_package_to_install():
    with pytest.raises(MissingDependency, match=r"no 'xyz' model \(apt-get install tesseract-ocr-xyz\)"):
        tesseract.check(["vie", "xyz"])


def test_the_installed_languages_pass_the_check():
    tesseract.check(["vie", "osd"])


def test_a_missing_program_is_a_missing_dependency_that_exits_with_status_3(monkeypatch):
    monkeypatch.setattr(tesseract, "PROGRAM", "tesseract-that-is-not-installed")
    with pytest.raises(MissingDependency, match=r"apt-get install tesseract-ocr\)") as raised:
        tesseract.read_text(PAGE, "vie", psm=3, dpi=300)
    assert raised.value.exit_code == ExitCode.MISSING_DEPENDENCY


def test_a_failed_run_is_ocr_failed_with_tesseracts_own_last_line():
    with pytest.raises(OcrFailed, match=r"Tesseract failed \(Could not initialize tesseract.\)"):
        tesseract.read_text(PAGE, "xyz", psm=3, dpi=300)


def test_orientation_of_a_page_with_too_little_text_is_unknown():
    blank = page_array(render_page([]))
    assert tesseract.detect_orientation(blank, dpi=300, timeout=60) is None


@pytest.mark.parametrize("kind", ["black and white", "grey", "colour"])
def test_a_page_is_handed_to_tesseract_with_every_pixel_as_it_is(tmp_path, kind):
    grey = PAGE.copy()
    grey[:, : grey.shape[1] // 2] //= 2  # a darker half: levels between black and white
    image = {"black and white": np.where(PAGE < 128, 0, 255).astype(np.uint8), "grey": grey,
             "colour": cv2.merge([PAGE, grey, PAGE])}[kind]
    path = tesseract._write_image(image, tmp_path / "page")
    assert np.array_equal(cv2.imread(str(path), cv2.IMREAD_UNCHANGED), image)


def test_a_black_and_white_page_is_handed_over_at_one_bit_per_pixel(tmp_path):
    bilevel = np.where(PAGE < 128, 0, 255).astype(np.uint8)
    path = tesseract._write_image(bilevel, tmp_path / "page")
    with Image.open(path) as written:
        assert written.mode == "1"
