"""All tunable settings of the pipeline, in one place, with defaults that work."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class CleanupConfig:
    """Image cleanup before OCR (see pipeline.cleanup): each step runs when its measure passes these."""

    target_dpi: int = 300  # Tesseract's models are trained on ~300 DPI text
    # Letters of the body text's height needed to trust the page's own resolution over its DPI tag:
    # real pages have 197-1335 (a photo of half a page at 100 DPI: 197), near-empty signature pages 41-44.
    min_letters: int = 80
    stamp_share: float = 0.0002  # share of strongly coloured pixels that means a seal or signature
    shadow_depth: float = 0.75  # paper darker than this share of the typical paper, at the edge, is no page
    unevenness: float = 30.0  # grey levels of paper variation (plus greyness) worth flattening
    noise_sigma: float = 1.0  # grey levels of grain (seen at 100 DPI) worth a median filter
    specks: int = 20  # isolated dust specks on a page worth removing
    osd_confidence: float = 2.0  # Tesseract's orientation confidence needed to turn a page
    max_skew: float = 10.0  # degrees searched either way
    min_skew: float = 0.2  # degrees; smaller skews are left alone (Tesseract copes; below the measure's error on sparse pages)
    # Do no harm: a binarised page is kept only when Tesseract reads this many sampled lines of it
    # better than the grey page's, by this share of the grey page's score (pipeline.cleanup.reads_better).
    # CPU of `sohoa ingest` on 8 sample pages against no judging: 1.66x judging every retouched page
    # on 8 lines, 1.37x judging binarised pages on 6, 1.26x on 4 (a loaded machine). But 4 lines chose
    # the grey page of a noisy 200 DPI page (sample 06, page 2: CER 12.8 % grey, 2.2 % retouched) and
    # raised the hard tier's CER from 2.2 to 3.2 %; 6 lines choose right there (hard tier 2.2 % again),
    # and the same page as 4 on the three real pages with exact text, for 0.1-0.3 s more cleanup on a
    # judged page; the office tier's CER went from 0.25 to 0.4 % (a page judged the other way).
    judged_lines: int = 6  # 0: no judging, every retouch the measures call for is kept
    retouch_margin: float = 0.02
    language: str = "vie"  # the model that judges, as OcrConfig.language reads
    judge_timeout: float = 60.0  # seconds for the sampled lines of both pages


@dataclass(frozen=True)
class OcrConfig:
    language: str = "vie"
    # psm 3 (auto layout) measured best on the samples after cleanup (CER clean/office/hard):
    # psm 3 0.55/0.33/5.27%, psm 4 0.41/0.92/5.72%, psm 6 0.56/0.72/6.05%.
    page_segmentation: int = 3
    timeout_seconds: float = 180.0
    # Words below this confidence are counted as "low confidence" in the per-page summary.
    low_confidence: float = 60.0


@dataclass(frozen=True)
class ClusterConfig:
    """Where the scan stages run (see pipeline.cluster): None, this machine's process pool."""

    scheduler: str | None = None  # "tcp://HOST:8786", or "local" for a Dask cluster on this machine
    shared_filesystem: bool = False  # workers read inputs by path; otherwise the client sends them
    retries: int = 2  # workers a task may kill before it fails (the local cluster's; a remote scheduler has its own)
    connect_timeout: str = "30s"


@dataclass(frozen=True)
class Config:
    cleanup: CleanupConfig = field(default_factory=CleanupConfig)
    ocr: OcrConfig = field(default_factory=OcrConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    pdf_dpi: int = 300
    # No page is decoded, rendered or upscaled to more pixels than a scanned A3 page at 600 DPI
    # (~70 Mpx): larger pages would be killed by the OOM killer, not refused.
    max_page_pixels: int = 80_000_000
    # A page larger than that at pdf_dpi / cleanup.target_dpi (a poster, a map) is read at the
    # highest resolution that fits, and refused only below this one: at 100 DPI 12 pt text is
    # 17 px high, about the least Tesseract reads reliably.
    min_dpi: int = 100
    # Wall-clock limits per page of the stages Tesseract's own limit (ocr.timeout_seconds) does not
    # cover. An A4 page renders in 0.4 s at 300 DPI; the largest page the budget allows (a 25x50
    # inch poster at 252 DPI, 79 Mpx) renders in 0.7 s and is cleaned in 7 s; a content stream of
    # 20 MB of operands kept pdftoppm busy for 20 s, one of 200 MB for minutes.
    render_timeout_seconds: float = 120.0
    cleanup_timeout_seconds: float = 120.0
    # Address space each worker process may use (RLIMIT_AS, bytes; None: unlimited), with two or
    # more workers. A page that needs more fails alone as out_of_memory instead of waking the OOM
    # killer. It caps the programs a worker runs (pdftoppm, tesseract) too. Reading the 79 Mpx
    # poster peaks at 1.1 GB.
    worker_memory_bytes: int | None = None
    max_pages: int = 2_000
    # A legacy .txt is restored and extracted whole, and held three times over while it is decoded,
    # restored and written: 50 MB of text (some 15,000 pages) is far past any report, and a bigger
    # file is refused before it is read, not a batch brought to a halt.
    max_text_bytes: int = 50_000_000
    workers: int = max(1, os.cpu_count() or 1)
    # Also write out/pdf/<doc_id>.pdf: each cleaned page image with an invisible text layer.
    searchable_pdf: bool = False
    # The text layer's font: a TrueType font with every Vietnamese letter (fonts-liberation2).
    pdf_font: Path = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
