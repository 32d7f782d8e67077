"""Marks read by Tesseract, checked on the page's ink (pipeline.marks): the dot of a bold `i`
that Tesseract reads as a hook is read as the dot it is; a hook stays a hook."""

from pathlib import Path

import cv2
import numpy as np

from domain.records import WordBox
from pipeline.config import OcrConfig
from pipeline.marks import with_dots_checked
from pipeline.ocr import ocr_image

FIXTURES = Path(__file__).parent / "fixtures"
# The signer's given name `Chi`, bold, on page 1 of a Bộ GD&ĐT decision after cleanup
# (Shingokun_AI_HCMUT_PROJECT/test/test_3.pdf in data/real-scans, 150 dpi taken to 300), 12 px of
# paper around the word: Tesseract reads it `Chỉ` at 96.
BOLD_DOTTED_I = FIXTURES / "bold_dotted_i.png"
# `Chỉ` (of `Chỉ thị`) in the body of a Quảng Ngãi directive after cleanup
# (QuangDuyxyz_OCR_LOCAL_VBHC/scans/2352_07-CT-UBND…pdf in data/real-scans, page 1), 12 px around.
HOOKED_I = FIXTURES / "hooked_i.png"
MARGIN = 12


def _word(path: Path, text: str) -> tuple[np.ndarray, WordBox]:
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    height, width = image.shape
    return image, WordBox(text, MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, 96.0, 1, 1, 1)


def test_a_bold_dot_read_as_a_hook_is_read_as_a_dot():
    image, word = _word(BOLD_DOTTED_I, "Chỉ")
    assert [w.text for w in with_dots_checked(image, (word,))] == ["Chi"]


def test_a_hook_stays_a_hook():
    image, word = _word(HOOKED_I, "Chỉ")
    assert [w.text for w in with_dots_checked(image, (word,))] == ["Chỉ"]


def test_a_token_with_another_marked_letter_is_left_as_read():
    # Two syllables run together (`Chỉ-thị`): which mark above the letters is the hook's the check
    # cannot tell, so it does not judge.
    image, word = _word(BOLD_DOTTED_I, "Chỉ-thị")
    assert with_dots_checked(image, (word,)) == (word,)


def test_a_word_without_a_hooked_i_is_left_as_read():
    image, word = _word(BOLD_DOTTED_I, "Chi")
    assert with_dots_checked(image, (word,)) == (word,)


def test_ocr_reads_a_bold_signers_name_with_its_dot():
    image = cv2.imread(str(BOLD_DOTTED_I), cv2.IMREAD_GRAYSCALE)
    assert [word.text for word in ocr_image(image, 300, OcrConfig()).words] == ["Chi"]
