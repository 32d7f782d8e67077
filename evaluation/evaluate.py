"""Accuracy of the pipeline on a generated sample set, side by side with baselines.

    python -m evaluation.evaluate [SAMPLES_DIR] [--json eval.json]

Sections of the result (eval.json):

- `ocr`, per tier: CER, WER and bag-of-words WER of raw Tesseract `vie` on the page as stored
  (`tesseract`), of our pipeline's OCR after image cleanup (`ours_ocr`) and of its final, restored
  text (`ours_restored`).
- `restoration`: word accuracy of diacritic restoration on the legacy `eng` OCR text, per tier, and
  on the ground truth stripped of all marks with unidecode; ours (`diacritics.restore_diacritics`)
  and pyvi's `ViUtils.add_accents` (given unidecoded input, as it expects), with the share of
  already-correct input words each leaves correct. Method: `evaluation.metrics`.
- `extraction`, per field: precision, recall and F1 of `patterns.extract_document` on the pipeline's
  output (end to end) and on the ground-truth text (the extractors alone). Header fields are exact
  after whitespace and case normalisation; cited documents, statistics (value, unit) and table cells
  (column, value) are counted as often as they occur; a document whose run fails scores as all misses.
  Statistics are scored again with their measure and with their subject (`statistic_measures`,
  `statistic_subjects`: value, unit and the gold's `measure` / `subject`), and `measure_assignment`
  is the share of the statistics found (value and unit right) whose measure is right as well.
  `statistic_scopes` adds the gold's `scope` (level) to value and unit; `statistic_parts` adds the
  measure and the (value, unit) of the total a part breaks down (none for a figure that is no
  part). Table cells are scored again with their unit (`table_units`) and with the (column,
  value) of the cell of the row they are a sub-row of (`table_parts`).
- `extraction.*.figures`: per document, the headline figures the dataset's `figures` table holds
  (`pipeline.dataset.headline_figures` over the extraction) against the gold's own figures
  (`gold_figures`), by measure, subject and unit: right, wrong (another value), missing, invented.
- `dev_gold`: restore-000 word accuracy and the seeds' extraction scores (`evaluation.seeds`,
  after restoration) on data/dev-gold.

A section whose package cannot be imported or raises is reported as {"unavailable": "reason"}.
"""

from __future__ import annotations

import argparse
import json
import re
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from unidecode import unidecode

from evaluation.degrade import TIERS
from evaluation.metrics import (
    NO_ERRORS,
    NO_FIELD,
    NO_FIGURES,
    ErrorCount,
    FieldScore,
    FigureScore,
    RestorationScore,
    bag_of_words_errors,
    character_errors,
    figure_score,
    multiset_score,
    normalise,
    restorer_score,
    value_score,
    word_errors,
)
from evaluation.paths import DATA
from evaluation.report import markdown

if TYPE_CHECKING:  # imported where used, so that a broken package makes a section unavailable, not a crash
    from domain.records import DocumentResult, Extraction

HEADER_FIELDS = (
    "doc_type", "number", "symbol", "issue_date", "place", "title", "signer", "signer_title", "period_start", "period_end",
)
Restorer = Callable[[str], str]
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?")


@dataclass(frozen=True)
class LabelledScan:
    directory: Path
    truth: dict

    @property
    def name(self) -> str:
        return self.truth["id"]

    @property
    def tier(self) -> str:
        return self.truth["tier"]

    @property
    def pages(self) -> list[str]:
        return [page["text"] for page in self.truth["pages"]]

    def legacy_pages(self) -> list[str]:
        return (self.directory / self.truth["legacy_text"]).read_text(encoding="utf-8").split("\f")


@dataclass(frozen=True)
class Reading:
    """What one system read from the pages of one sample: page texts, or why it could not."""

    pages: tuple[str, ...] = ()
    error: str | None = None


def load_samples(directory: Path) -> list[LabelledScan]:
    paths = sorted(directory.glob("*.gt.json"))
    return [LabelledScan(directory, json.loads(path.read_text(encoding="utf-8"))) for path in paths]


def _failure(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def tesseract_pages(sample: LabelledScan) -> Reading:
    """Raw Tesseract `vie` on each page as stored, in its own reading order: no cleanup, none of our
    OCR stage's layout or second reading, no restoration (the baseline, as `make bench-ocr` runs it)."""
    try:
        from evaluation.baselines import raw_tesseract
        from pipeline.config import Config
        from pipeline.inputs import page_images, source_file

        config = Config()
        pages = page_images(source_file(sample.directory / sample.truth["scan"]), config)
        return Reading(tuple(raw_tesseract(page, config) for page in pages))
    except Exception as error:  # any failure of the measured code is a result, not a crash
        return Reading(error=_failure(error))


@dataclass(frozen=True)
class PipelineRun:
    result: DocumentResult | None
    error: str | None = None

    def readings(self) -> dict[str, Reading]:
        """Its OCR text (after cleanup) and its final, restored text, page by page."""
        if self.result is None:
            return {"ours_ocr": Reading(error=self.error), "ours_restored": Reading(error=self.error)}
        return {
            "ours_ocr": Reading(tuple(page.reading.raw_text for page in self.result.pages)),
            "ours_restored": Reading(tuple(page.text for page in self.result.pages)),
        }


def run_pipeline(sample: LabelledScan) -> PipelineRun:
    """The whole pipeline on the scan, as `sohoa ingest` runs it on one document."""
    try:
        from pipeline.config import Config
        from pipeline.inputs import source_file
        from pipeline.orchestrator import process_document

        return PipelineRun(process_document(source_file(sample.directory / sample.truth["scan"]), Config()))
    except Exception as error:
        traceback.print_exc()
        return PipelineRun(None, _failure(error))


def ocr_section(samples: list[LabelledScan], readings: dict[str, dict[str, Reading]]) -> dict:
    """Per tier and system, CER and WER summed over pages."""
    measures = {"cer": character_errors, "wer": word_errors, "bow_wer": bag_of_words_errors}
    counts: dict[tuple[str, str, str], ErrorCount] = defaultdict(lambda: NO_ERRORS)
    errors: dict[str, str] = {}
    pages: dict[str, int] = defaultdict(int)
    for sample in samples:
        pages[sample.tier] += len(sample.pages)
        for system, reading in readings[sample.name].items():
            if reading.error:
                errors[f"{sample.name}/{system}"] = reading.error
                continue
            for truth, text in zip(sample.pages, reading.pages, strict=True):
                for measure, count in measures.items():
                    counts[sample.tier, measure, system] += count(truth, text)
    by_tier = {
        tier: {"pages": pages[tier]} | {
            measure: {system: round(count.rate, 4) for (t, m, system), count in counts.items() if (t, m) == (tier, measure)}
            for measure in measures
        }
        for tier in TIERS if tier in pages
    }
    return {"by_tier": by_tier, "errors": errors}


def pyvi_restorer() -> Restorer:
    from evaluation.restoration import pyvi

    return pyvi


def our_restorer() -> Restorer:
    from diacritics import restore_diacritics

    return lambda text: restore_diacritics(text).text


def _restoration_summary(score: RestorationScore) -> dict:
    return {
        "words": score.words,
        "input_accuracy": round(score.input_accuracy, 4),
        "accuracy": round(score.accuracy, 4),
        "kept": round(score.kept_share, 4),
        "ceiling": round(score.ceiling, 4),
    }


def restoration_section(samples: list[LabelledScan]) -> dict:
    result: dict = {}
    for system, factory in (("ours", our_restorer), ("pyvi", pyvi_restorer)):
        try:
            restorer = factory()
            legacy = {
                tier: _restoration_summary(restorer_score(restorer, [
                    pair for sample in samples if sample.tier == tier
                    for pair in zip(sample.pages, sample.legacy_pages())
                ]))
                for tier in TIERS
            }
            stripped = restorer_score(restorer, [(page, unidecode(page)) for s in samples for page in s.pages])
            result[system] = {"legacy_ocr": legacy, "unidecoded_truth": _restoration_summary(stripped)}
        except Exception as error:
            result[system] = {"unavailable": _failure(error)}
    return result


def _key(text: str | None) -> str | None:
    return normalise(text).casefold() if text else None


def _number(value: float) -> float:
    return round(float(value), 4)


def _statistic_fields(statistics: list[dict]) -> dict[str, Counter]:
    """Statistics as (value, unit) and with each of their further fields; a part is scored with its
    measure and the (value, unit) of its total, `part_of` being an index of the statistics of its
    own list. Gold statistics and extracted ones (as dicts) are read alike."""
    def total(s: dict) -> tuple[float, str] | None:
        return None if s["part_of"] is None else (_number(statistics[s["part_of"]]["value"]),
                                                  statistics[s["part_of"]]["unit"])

    return {
        "statistics": Counter((_number(s["value"]), s["unit"]) for s in statistics if s["source"] == "text"),
        **{
            f"statistic_{field}s": Counter(
                (_number(s["value"]), s["unit"], s[field]) for s in statistics if s["source"] == "text")
            for field in ("measure", "subject", "scope")
        },
        "statistic_parts": Counter(
            (_number(s["value"]), s["unit"], s["measure"], total(s)) for s in statistics if s["source"] == "text"),
    }


def _cell_fields(cells: list[dict]) -> dict[str, Counter]:
    """Table cells (column, value) with their unit, and with the (column, value) of the cell they are
    a sub-row of; `part_of` indexes `cells`, whose entries without a column (prose) are no cells."""
    def parent(c: dict) -> tuple[int, float] | None:
        return None if c["part_of"] is None else (cells[c["part_of"]]["column"], _number(cells[c["part_of"]]["value"]))

    cells_only = [c for c in cells if c["column"] is not None]
    return {
        "table_units": Counter((c["column"], _number(c["value"]), c["unit"]) for c in cells_only),
        "table_parts": Counter((c["column"], _number(c["value"]), parent(c)) for c in cells_only),
    }


def _expected_fields(truth: dict) -> dict[str, object]:
    header = truth["header"]
    fields: dict[str, object] = {name: _key(header[name]) for name in HEADER_FIELDS}
    fields["references"] = Counter(reference["number_symbol"] for reference in truth["references"])
    fields |= _statistic_fields([s | {"source": "text"} for s in truth["statistics"]])
    fields["table_cells"] = Counter(
        (column, _table_number(row[column]))
        for table in truth["tables"]
        for column, name in enumerate(table["columns"]) if name != "STT"
        for row in table["rows"] if _NUMBER.fullmatch(row[column])
    )
    tables = [_cell_fields(table.get("cells", [])) for table in truth["tables"]]
    for name in ("table_units", "table_parts"):
        fields[name] = sum((table[name] for table in tables), Counter())
    return fields


FigureKey = tuple[str, str, str]


def gold_figures(truth: dict) -> dict[FigureKey, float]:
    """The document's own figures by (measure, subject, unit), as `pipeline.dataset.headline_figures`
    defines them: its statistics and table cells with a measure, neither a breakdown of a total of
    their own measure (`part_of`) nor scoped to a level, sector, other period or plan (`scope`), the
    first of each key (a generated document states each with one value)."""
    figures: dict[FigureKey, float] = {}
    for stated in (truth["statistics"], *(table.get("cells", []) for table in truth["tables"])):
        for s in stated:  # a part_of indexes the list it is in: the statistics, or its table's cells
            total = stated[s["part_of"]] if s["part_of"] is not None else None
            if s["measure"] and not s["scope"] and (total is None or total["measure"] != s["measure"]):
                figures.setdefault((s["measure"], s["subject"], s["unit"]), _number(s["value"]))
    return figures


def _table_number(cell: str) -> float:
    """`16.608` -> 16608.0, `87,3` -> 87.3 (Vietnamese notation, as the generator prints)."""
    return round(float(cell.replace(".", "").replace(",", ".")), 4)


def _extracted_fields(extraction: Extraction) -> dict[str, object]:
    """The same fields from a patterns.Extraction; statistics from running text only, as in the truth."""
    fields: dict[str, object] = {name: _key(getattr(extraction.header, name)) for name in HEADER_FIELDS}
    fields["references"] = Counter(reference.number_symbol for reference in extraction.references)
    statistics = [asdict(s) for s in extraction.statistics]
    fields |= _statistic_fields(statistics)
    # A cell is its column and value: the column (e.g. "Tiếp nhận") implies the unit, and row labels
    # differ from the printed ones by OCR specks that would hide a right value behind a wrong letter.
    fields["table_cells"] = Counter(
        (s.table_col, round(float(s.value), 4)) for s in extraction.statistics if s.source == "table"
    )
    fields |= _cell_fields([
        {"column": s["table_col"], "value": s["value"], "unit": s["unit"], "part_of": s["part_of"]}
        for s in statistics
    ])
    return fields


def _field_scores(expected: dict[str, object], predicted: dict[str, object]) -> dict[str, FieldScore]:
    return {
        name: multiset_score(value, predicted[name]) if isinstance(value, Counter) else value_score(value, predicted[name])
        for name, value in expected.items()
    }


def _field_summary(totals: dict[str, FieldScore]) -> dict:
    return {
        name: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
               "expected": s.expected}
        for name, s in totals.items()
    }


def extraction_section(samples: list[LabelledScan], runs: dict[str, PipelineRun]) -> dict:
    try:
        from domain.records import PageText
        from patterns import extract_document
    except Exception as error:
        return {"unavailable": _failure(error)}
    section: dict = {}
    sources = {
        "ground_truth_text": lambda s: extract_document([PageText(i, t) for i, t in enumerate(s.pages, 1)]),
        "pipeline": lambda s: _extraction_of(runs[s.name]),
    }
    for source, extract in sources.items():
        totals: dict[str, FieldScore] = defaultdict(lambda: NO_FIELD)
        figures, figure_errors = NO_FIGURES, {}
        failures = {}
        for sample in samples:
            expected = _expected_fields(sample.truth)
            try:
                extraction = extract(sample)
                predicted, found_figures = _extracted_fields(extraction), _extracted_figures(extraction)
            except Exception as error:  # a document that fails yields nothing: all its fields are misses
                failures[sample.name] = _failure(error)
                predicted = {name: Counter() if isinstance(value, Counter) else None for name, value in expected.items()}
                found_figures = {}
            for name, score in _field_scores(expected, predicted).items():
                totals[name] += score
            gold = gold_figures(sample.truth)
            figures += figure_score(gold, found_figures)
            if differences := _figure_differences(gold, found_figures):
                figure_errors[sample.name] = differences
        section[source] = {
            "fields": _field_summary(totals), "measure_assignment": _measure_assignment(totals),
            "figures": _figure_summary(figures, figure_errors), "errors": failures,
        }
    return section


def _extracted_figures(extraction: Extraction) -> dict[FigureKey, float]:
    """The headline figures the dataset's `figures` table holds for the document."""
    from pipeline.dataset import headline_figures

    return {(s.measure, s.subject, s.unit): _number(s.value) for _, s in headline_figures(extraction.statistics)}


def _figure_differences(gold: dict[FigureKey, float], found: dict[FigureKey, float]) -> list[str]:
    """Each wrong, missing and invented figure, as `measure/subject/unit: gold -> found`."""
    return [
        f"{'/'.join(key)}: {gold.get(key, '–')} -> {found.get(key, '–')}"
        for key in sorted(gold.keys() | found.keys()) if gold.get(key) != found.get(key)
    ]


def _figure_summary(score: FigureScore, differences: dict[str, list[str]]) -> dict:
    return {"expected": score.expected, "right": score.right, "wrong": score.wrong, "missing": score.missing,
            "invented": score.invented, "differences": differences}


def _measure_assignment(totals: dict[str, FieldScore]) -> float | None:
    """Of the statistics found with the right value and unit, the share that has the right measure too."""
    found = totals["statistics"].true_positives
    return round(totals["statistic_measures"].true_positives / found, 4) if found else None


def _extraction_of(run: PipelineRun) -> Extraction:
    if run.result is None:
        raise RuntimeError(f"pipeline failed: {run.error}")
    return run.result.extraction


def dev_gold_section(data: Path) -> dict:
    gold_dir = data / "dev-gold"
    garbled = (gold_dir / "restore-000.garbled.txt").read_text(encoding="utf-8")
    gold = (gold_dir / "restore-000.gold.txt").read_text(encoding="utf-8")
    section: dict = {"restore_000": {}}
    for system, factory in (("ours", our_restorer), ("pyvi", pyvi_restorer)):
        try:
            section["restore_000"][system] = _restoration_summary(restorer_score(factory(), [(gold, garbled)]))
        except Exception as error:
            section["restore_000"][system] = {"unavailable": _failure(error)}
    try:
        from evaluation.seeds import evaluate as evaluate_seeds

        section["seed_extraction"] = evaluate_seeds(data, restore=True)["totals"]
    except Exception as error:
        section["seed_extraction"] = {"unavailable": _failure(error)}
    return section


def evaluate(directory: Path, data: Path = DATA) -> dict:
    samples = load_samples(directory)
    if not samples:
        raise SystemExit(f"no *.gt.json ground truth in {directory}")
    readings: dict[str, dict[str, Reading]] = {}
    runs: dict[str, PipelineRun] = {}
    for sample in samples:
        print(f"reading {sample.truth['scan']} ...", flush=True)
        runs[sample.name] = run_pipeline(sample)
        readings[sample.name] = {"tesseract": tesseract_pages(sample), **runs[sample.name].readings()}
    return {
        "samples": str(directory),
        "documents": len(samples),
        "ocr": ocr_section(samples, readings),
        "restoration": restoration_section(samples),
        "extraction": extraction_section(samples, runs),
        "dev_gold": dev_gold_section(data),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("samples", nargs="?", type=Path, default=Path("samples"), help="directory of samples")
    parser.add_argument("--json", type=Path, help="write the full result here (e.g. eval.json)")
    args = parser.parse_args(argv)
    result = evaluate(args.samples)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(markdown(result))


if __name__ == "__main__":
    main()
