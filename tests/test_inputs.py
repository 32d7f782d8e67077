"""Inputs stage: identification, page streaming and refusal of bad files before decoding."""

import struct
import unicodedata
import zlib
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.errors import CorruptInput, EmptyInput, EncryptedInput, InputTooLarge, TextEncodingError, UnsupportedInput
from pipeline.inputs import count_pages, discover_inputs, legacy_text_pages, page_images, source_file
from tests.conftest import render_page, write_scanned_pdf


def test_discovery_walks_folders_and_skips_hidden_files_and_ground_truth(tmp_path: Path):
    for name in ("a.pdf", "sub/b.txt", "a.gt.json", ".hidden.pdf", ".cache/c.pdf", "notes.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in discover_inputs([tmp_path])] == [
        "a.pdf", "notes.docx", "sub/b.txt",
    ]


def test_an_unsupported_extension_is_refused_with_the_list_of_supported_ones(tmp_path: Path):
    (tmp_path / "notes.docx").write_text("x")
    with pytest.raises(UnsupportedInput, match=r"unsupported file type '.docx' \(supported: .jpeg, .jpg, .pdf"):
        source_file(tmp_path / "notes.docx")


def test_an_empty_file_is_refused(tmp_path: Path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(EmptyInput, match="0 bytes"):
        source_file(tmp_path / "empty.pdf")


def test_a_pdf_is_streamed_one_page_at_a_time_at_300_dpi(scanned_pdf: Path):
    source = source_file(scanned_pdf)
    pages = page_images(source, Config())
    first = next(pages)
    assert (source.kind, first.number, first.dpi, first.image.shape[:2]) == ("pdf", 1, 300, (3508, 2481))
    assert [page.number for page in pages] == [2]


def test_a_corrupt_pdf_is_reported_as_corrupt(tmp_path: Path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(CorruptInput, match="PDF cannot be parsed"):
        count_pages(source_file(tmp_path / "bad.pdf"), Config())


def test_a_password_protected_pdf_is_reported_as_encrypted(tmp_path: Path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=write_scanned_pdf(tmp_path / "plain.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    writer.write(tmp_path / "locked.pdf")
    with pytest.raises(EncryptedInput, match=r"^PDF needs a password to open: decrypt it with qpdf --decrypt "
                                             r"--password=PASSWORD IN.pdf OUT.pdf and ingest OUT.pdf$"):
        count_pages(source_file(tmp_path / "locked.pdf"), Config())


def test_an_aes_256_pdf_with_an_owner_password_only_is_read(tmp_path: Path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=write_scanned_pdf(tmp_path / "plain.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    writer.write(tmp_path / "restricted.pdf")
    source = source_file(tmp_path / "restricted.pdf")
    assert count_pages(source, Config()) == 1
    assert next(page_images(source, Config())).image.shape == (3508, 2481, 3)


def test_a_multipage_tiff_yields_each_page_with_its_declared_dpi(tmp_path: Path):
    pages = [render_page(dpi=200), render_page(dpi=200)]
    pages[0].save(tmp_path / "scan.tif", save_all=True, append_images=pages[1:], dpi=(200, 200), compression="tiff_lzw")
    source = source_file(tmp_path / "scan.tif")
    assert [(page.number, page.dpi) for page in page_images(source, Config())] == [(1, 200), (2, 200)]


def test_an_image_with_absurd_dimensions_is_refused_before_decoding(tmp_path: Path):
    (tmp_path / "huge.png").write_bytes(png_header_only(width=100_000, height=100_000))
    with pytest.raises(InputTooLarge, match="100000x100000 pixels"):
        next(page_images(source_file(tmp_path / "huge.png"), Config()))


def test_a_text_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path):
    (tmp_path / "appendix.txt").write_text("Tiếp nhận 1.234 hồ sơ.\n" * 100, encoding="utf-8")
    with pytest.raises(InputTooLarge, match="3,000 bytes of text exceeds the limit of 1,000 bytes"):
        count_pages(source_file(tmp_path / "appendix.txt"), Config(max_text_bytes=1_000))


def test_a_truncated_png_is_reported_as_corrupt(tmp_path: Path):
    render_page(["Hồ sơ"]).save(tmp_path / "page.png")
    data = (tmp_path / "page.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptInput, match="cannot be decoded"):
        next(page_images(source_file(tmp_path / "cut.png"), Config()))


def test_legacy_text_pages_are_split_on_form_feeds(tmp_path: Path):
    (tmp_path / "old.txt").write_text("S6: 937 /BC-VP\fTrang hai\f\n", encoding="utf-8")
    assert legacy_text_pages(source_file(tmp_path / "old.txt")) == ["S6: 937 /BC-VP", "Trang hai"]


def test_a_text_file_in_a_legacy_8bit_encoding_is_refused_with_advice(tmp_path: Path):
    # Windows-1258 stores Vietnamese decomposed: base letters plus combining tone bytes.
    (tmp_path / "cp1258.txt").write_bytes(unicodedata.normalize("NFD", "Quảng Ngãi").encode("cp1258"))
    with pytest.raises(TextEncodingError, match="convert the file to UTF-8"):
        legacy_text_pages(source_file(tmp_path / "cp1258.txt"))


def png_header_only(width: int, height: int, dpi: int | None = None) -> bytes:
    """A PNG that declares `width`x`height` pixels (and `dpi`) but holds almost none of them."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 10)
    density = chunk(b"pHYs", struct.pack(">IIB", round(dpi / 0.0254), round(dpi / 0.0254), 1)) if dpi else b""
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + density + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
