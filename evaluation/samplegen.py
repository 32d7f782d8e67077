"""Generate scanned sample documents with exact ground truth.

    python -m evaluation.samplegen --out samples --count 12 --seed 2023 [--examples docs/img]

Document `i` (0-based) is a `DOC_TYPES[(i // 3) % 4]` in tier `TIER_ORDER[i % 3]`, so every type
appears in every tier. It is written as `NAME.pdf` (image-only: one raster per page at its true A4
size), except that the 7th of every 12 (a one-page clean letter) is a PNG and the 5th of every 12 (an
office plan) a multi-page TIFF, to exercise image inputs. Next to each scan go:

- `NAME.legacy.txt`: the pages as Tesseract's `eng` model reads them (the garbling of old OCR
  archives, the input of diacritic restoration), pages separated by a form feed.
- `NAME.gt.json`, the ground truth, UTF-8 NFC:

    {"id": "01-clean-bao-cao", "tier": "clean" | "office" | "hard",
     "scan": "NAME.pdf", "legacy_text": "NAME.legacy.txt", "dpi": 300,
     "pages": [{"page": 1, "text": "lines as printed, joined with \\n"}],
     "header": {"agency": "Văn phòng" | "Ủy ban nhân dân tỉnh Đồng Nai", "parent_agency": "UBND tỉnh Đồng Nai" | null,
                "doc_type": "Báo cáo", "number": "937", "symbol": "BC-VP", "number_symbol": "937/BC-VP",
                "place": "Đồng Nai", "issue_date": "2023-06-05", "title": "Kết quả ... (a letter's subject without V/v)",
                "signer": "Lê Chí Phương", "signer_title": "Phó Chánh Văn phòng",
                "period_start": "2023-01-01" | null, "period_end": "2023-06-30" | null},
     "references": [{"ref_type": "Quyết định", "number_symbol": "124/QĐ-UBND", "ref_date": "2023-01-30"}],
     "statistics": [{"value": 12400, "unit": "hồ sơ", "label": "hồ sơ tiếp nhận", "measure": "received",
                     "subject": "hồ sơ", "scope": "", "part_of": null},
                    {"value": 5100, "unit": "hồ sơ", "label": "hồ sơ tiếp nhận cấp tỉnh", "measure": "received",
                     "subject": "hồ sơ", "scope": "tỉnh", "part_of": 0}],
     "tables": [{"columns": ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ báo cáo", "Cùng kỳ năm trước"],
                 "rows": [["2.1.", "Tổng số hồ sơ TTHC đã tiếp nhận", "Hồ sơ", "12.400", "11.020"],
                          ["2.1.1.", "Tiếp nhận trực tuyến", "Hồ sơ", "7.020", "5.310"]],
                 "cells": [{"row": 0, "column": 3, "value": 12400, "unit": "hồ sơ", "measure": "received",
                            "subject": "hồ sơ", "scope": "", "part_of": null},
                           {"row": 0, "column": 4, "value": 11020, "unit": "hồ sơ", "measure": "received",
                            "subject": "hồ sơ", "scope": "Cùng kỳ năm trước", "part_of": null},
                           {"row": 1, "column": 3, "value": 7020, "unit": "hồ sơ", "measure": "online",
                            "subject": "hồ sơ", "scope": "", "part_of": 0}, ...]}]}

  `references` lists every document the text cites, in order of appearance (repeats kept);
  `statistics` every number-with-unit the running text states (table cells are in `tables`), with
  the `measure` and `subject` the generator wrote it as (`domain.vocab.MEASURES`, `SUBJECTS`; ""
  where the vocabulary has no word for it: `lớp tập huấn`, `tin nhắn`); its `scope`, the level
  (`tỉnh`, `huyện`, `xã`) it covers, `kế hoạch` for what a plan plans (`phấn đấu 95% …`, its
  budget: no result), "" for the whole reporting unit; `part_of`, for a part of a breakdown
  (`trong đó: cấp tỉnh …`, `trong đó giải quyết đúng hạn …`), the index in `statistics` of the
  total it breaks down, null for a figure that is no part.
  A table's `cells` are its numbers but the row numbers: `row` indexes `rows`, `column` the
  columns; `unit`, `measure`, `subject` as for statistics; `scope` the row's sector (`Đất đai`) or,
  in a column counting another period, that column's title (`Lũy kế từ đầu năm`, `Cùng kỳ năm
  trước`); `part_of`, for a sub-row's cell (`2.1.1` under `2.1`), the index in `cells` of its
  parent row's cell in the same column.
  The document's own figures (headline totals) are its statistics and table cells with a measure,
  no `part_of` and no `scope`: a document states each such figure with one value,
  wherever it states it (`evaluation.documents.Facts`).
  The reading order of page text is defined in `evaluation.layout`.

The same seed gives byte-identical ground truth and identical images (PDF dates are fixed).
`--examples DIR` also writes page 1 of each tier's first document, 1000 px wide, as
`DIR/tier-NAME.png` for the documentation.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image
from unidecode import unidecode

from evaluation.degrade import TIERS, Scan, scan
from evaluation.documents import DOC_TYPES, Commission, Document, Table, compose
from evaluation.layout import Page, typeset
from evaluation.render import render_page
from pipeline._exec import tesseract

TIER_ORDER = tuple(TIERS)  # clean, office, hard
_PNG_SLOT, _TIFF_SLOT, _FORMAT_CYCLE = 6, 4, 12
PDF_DATE = time.gmtime(1_704_067_200)  # 2024-01-01, fixed so that a seed fixes the bytes


@dataclass(frozen=True)
class SampleSpec:
    name: str
    tier: str
    doc_type: str
    scan_format: str  # "pdf" | "png" | "tiff"
    seed: str

    @property
    def scan_name(self) -> str:
        return f"{self.name}.{self.scan_format}"


@dataclass(frozen=True)
class Sample:
    spec: SampleSpec
    scans: tuple[Scan, ...]
    ground_truth: dict


def plan_samples(count: int, seed: int) -> list[SampleSpec]:
    """Names, tiers, types and formats of `count` documents (see the module docstring)."""
    specs = []
    for index in range(count):
        tier = TIER_ORDER[index % len(TIER_ORDER)]
        doc_type = DOC_TYPES[(index // len(TIER_ORDER)) % len(DOC_TYPES)]
        slot = index % _FORMAT_CYCLE
        scan_format = "png" if slot == _PNG_SLOT else "tiff" if slot == _TIFF_SLOT else "pdf"
        slug = unidecode(doc_type).lower().replace(" ", "-")
        specs.append(SampleSpec(f"{index + 1:02d}-{tier}-{slug}", tier, doc_type, scan_format, f"{seed}:{index}"))
    return specs


def _pixel_rng(seed: str) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))


def build_sample(spec: SampleSpec) -> Sample:
    """Compose, typeset, print and scan one document; nothing is written."""
    document = compose(Commission(spec.doc_type, spec.seed, short=spec.scan_format == "png"))
    pages = typeset(document)
    if spec.scan_format == "png" and len(pages) != 1:
        raise ValueError(f"{spec.name}: a PNG sample must fit one page, got {len(pages)}")
    rng = _pixel_rng(spec.seed)
    tier = TIERS[spec.tier]
    dpi = int(rng.choice(tier.dpis))
    printed = [render_page(page, rng) for page in pages]
    scans = tuple(
        scan(sheet, _reverse_side(printed, i), page.has_seal, tier, dpi, rng)
        for i, (page, sheet) in enumerate(zip(pages, printed))
    )
    return Sample(spec, scans, ground_truth(spec, document, pages, dpi))


def _reverse_side(printed: list[np.ndarray], index: int) -> np.ndarray | None:
    """What a duplex copy prints on the back of a page: the next one (the previous for the last)."""
    if len(printed) < 2:
        return None
    return printed[index + 1] if index + 1 < len(printed) else printed[index - 1]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def ground_truth(spec: SampleSpec, document: Document, pages: list[Page], dpi: int) -> dict:
    header = document.header
    period_start, period_end = header.period or (None, None)
    return {
        "id": spec.name,
        "tier": spec.tier,
        "scan": spec.scan_name,
        "legacy_text": f"{spec.name}.legacy.txt",
        "dpi": dpi,
        "pages": [{"page": page.number, "text": page.text} for page in pages],
        "header": {
            "agency": header.agency, "parent_agency": header.parent_agency, "doc_type": header.doc_type,
            "number": header.number, "symbol": header.symbol, "number_symbol": header.number_symbol,
            "place": header.place, "issue_date": _iso(header.issue_date), "title": header.title,
            "signer": header.signer, "signer_title": header.signer_title,
            "period_start": _iso(period_start), "period_end": _iso(period_end),
        },
        "references": [
            {"ref_type": r.ref_type, "number_symbol": r.number_symbol, "ref_date": _iso(r.ref_date)}
            for r in document.references
        ],
        "statistics": [
            {"value": s.value, "unit": s.unit, "label": s.label, "measure": s.measure, "subject": s.subject,
             "scope": s.scope, "part_of": s.part_of}
            for s in document.statistics
        ],
        "tables": [
            {"columns": list(block.columns), "rows": [list(row) for row in block.rows],
             "cells": [asdict(cell) for cell in block.cells]}
            for block in document.body if isinstance(block, Table)
        ],
    }


def write_scan(sample: Sample, out: Path) -> Path:
    """Write the scan file; pages are bilevel, grey or colour as the scan made them."""
    path = out / sample.spec.scan_name
    images = [page.picture() for page in sample.scans]
    dpi = sample.scans[0].dpi
    # Pillow hands `quality` to the CCITT encoder of bilevel pages as well, which refuses it; the
    # JPEG pages of a document with bilevel pages get Pillow's default, 75 (the clean tier's value).
    quality = {} if any(page.bilevel for page in sample.scans) else {"quality": TIERS[sample.spec.tier].jpeg_quality}
    if sample.spec.scan_format == "pdf":
        images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                       title=sample.spec.name, producer="sohoa samplegen", creationDate=PDF_DATE,
                       modDate=PDF_DATE, **quality)
    elif sample.spec.scan_format == "tiff":
        images[0].save(path, "TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi),
                       compression="jpeg", **quality)
    else:
        images[0].save(path, "PNG", dpi=(dpi, dpi), optimize=True)
    return path


def legacy_ocr(sample: Sample) -> str:
    """The pages as Tesseract's English model reads them, form-feed separated."""
    texts = [
        tesseract.read_text(page.picture(), "eng", psm=3, dpi=page.dpi).rstrip() + "\n"
        for page in sample.scans
    ]
    return "\f".join(texts)


def write_sample(sample: Sample, out: Path) -> None:
    write_scan(sample, out)
    (out / sample.ground_truth["legacy_text"]).write_text(legacy_ocr(sample), encoding="utf-8")
    text = json.dumps(sample.ground_truth, ensure_ascii=False, indent=1) + "\n"
    (out / f"{sample.spec.name}.gt.json").write_text(text, encoding="utf-8")


def write_tier_example(sample: Sample, path: Path, width: int = 1000) -> None:
    """The first page of `sample`, as the scan shows it, scaled down to `width` pixels (documentation)."""
    page = sample.scans[0].picture()
    page = page.convert("L") if page.mode == "1" else page  # greys scale down legibly, bilevel does not
    height = round(page.height * width / page.width)
    # 16 tones are plenty to show the degradation; all 256 make the scan noise take up a megabyte.
    page.resize((width, height), Image.Resampling.LANCZOS).quantize(16).save(path, "PNG", optimize=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="directory to write the samples into")
    parser.add_argument("--count", type=int, default=12, help="number of documents (default 12)")
    parser.add_argument("--seed", type=int, default=2023, help="seed fixing every choice (default 2023)")
    parser.add_argument("--examples", type=Path, help="also write page 1 of each tier's first document here as tier-NAME.png")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.examples:
        args.examples.mkdir(parents=True, exist_ok=True)
    shown: set[str] = set()
    for spec in plan_samples(args.count, args.seed):
        sample = build_sample(spec)
        write_sample(sample, args.out)
        if args.examples and spec.tier not in shown:
            shown.add(spec.tier)
            write_tier_example(sample, args.examples / f"tier-{spec.tier}.png")
        print(f"{spec.scan_name}: {len(sample.scans)} page(s), {spec.tier}, {sample.scans[0].dpi} DPI")


if __name__ == "__main__":
    main()
