"""The accuracy tables as Markdown, and the README's Accuracy section rewritten from eval.json.

    python -m evaluation.report [eval.json] [README.md]
    python -m evaluation.report --real build/eval-real.json [README.md]

Only the text between `<!-- accuracy:start -->` and `<!-- accuracy:end -->` is replaced, or with
`--real` (the output of `evaluation.real`) between `<!-- accuracy-real:start -->` and its end.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evaluation.degrade import TIERS

START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"
REAL_START, REAL_END = "<!-- accuracy-real:start -->", "<!-- accuracy-real:end -->"
_OCR_SYSTEMS = (("tesseract", "raw Tesseract"), ("ours_ocr", "ours, OCR"), ("ours_restored", "ours, restored"))
_FIELD_NAMES = {
    "doc_type": "type", "number": "number", "symbol": "symbol", "issue_date": "date", "place": "place",
    "title": "title", "signer": "signer", "signer_title": "signer title", "period_start": "period start",
    "period_end": "period end", "references": "cited documents",
    "statistics": "statistics (text)", "statistic_measures": "statistics with measure",
    "statistic_subjects": "statistics with subject", "statistic_scopes": "statistics with scope",
    "statistic_parts": "statistics with measure and part_of", "table_cells": "table cells",
    "table_units": "table cells with unit", "table_parts": "table cells with part_of",
}


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _unavailable(section: dict) -> str | None:
    return section.get("unavailable") if isinstance(section, dict) else None


def ocr_table(ocr: dict) -> list[str]:
    """One row per tier and system."""
    measures = ("cer", "wer", "bow_wer")
    rows = [
        [tier, str(scores["pages"]), label, *[_percent(scores[measure].get(system)) for measure in measures]]
        for tier, scores in ocr["by_tier"].items()
        for system, label in _OCR_SYSTEMS
    ]
    notes = [f"- not measured: {where}: {error}" for where, error in ocr["errors"].items()]
    return _table(["tier", "pages", "system", "CER %", "WER %", "BoW WER %"], rows) + ([""] + notes if notes else [])


def restoration_table(restoration: dict, dev_gold: dict) -> list[str]:
    header = ["input", "words", "input correct %", "ceiling %", "ours %", "ours kept %", "pyvi %", "pyvi kept %"]
    inputs: list[tuple[str, dict, dict]] = []
    ours, pyvi = restoration.get("ours", {}), restoration.get("pyvi", {})
    for tier in TIERS:
        inputs.append((f"legacy eng OCR, {tier}", ours.get("legacy_ocr", {}).get(tier, {}),
                       pyvi.get("legacy_ocr", {}).get(tier, {})))
    inputs.append(("ground truth, unidecoded", ours.get("unidecoded_truth", {}), pyvi.get("unidecoded_truth", {})))
    restore_000 = dev_gold.get("restore_000", {})
    inputs.append(("dev-gold restore-000", restore_000.get("ours", {}), restore_000.get("pyvi", {})))
    rows = []
    for label, mine, theirs in inputs:
        reference = mine if "words" in mine else theirs
        rows.append([label, str(reference.get("words", "–")), _percent(reference.get("input_accuracy")),
                     _percent(reference.get("ceiling")), _percent(mine.get("accuracy")), _percent(mine.get("kept")),
                     _percent(theirs.get("accuracy")), _percent(theirs.get("kept"))])
    notes = [f"- {system} unavailable: {_unavailable(part)}" for system, part in (("ours", ours), ("pyvi", pyvi))
             if _unavailable(part)]
    return _table(header, rows) + ([""] + notes if notes else [])


def extraction_table(extraction: dict) -> list[str]:
    if _unavailable(extraction):
        return [f"Extraction unavailable: {_unavailable(extraction)}"]
    sources = [("pipeline", "end to end"), ("ground_truth_text", "on true text")]
    header = ["field", "n"] + [f"{metric} {label}" for _, label in sources for metric in ("P %", "R %", "F1 %")]
    rows = []
    for field, name in _FIELD_NAMES.items():
        scores = [extraction[source]["fields"].get(field, {}) for source, _ in sources]
        row = [name, str(scores[1].get("expected", scores[0].get("expected", "–")))]
        for score in scores:
            row += [_percent(score.get("precision")), _percent(score.get("recall")), _percent(score.get("f1"))]
        rows.append(row)
    notes = [f"- {source}: {name}: {error}" for source, _ in sources for name, error in extraction[source]["errors"].items()]
    shares = [_percent(extraction[source].get("measure_assignment")) for source, _ in sources]
    assignment = (
        f"Measure assignment (of the statistics found with the right value and unit, those with the gold's "
        f"measure): {shares[0]} % end to end, {shares[1]} % on true text."
    )
    return (_table(header, rows) + ["", assignment, "", *figures_table(extraction, sources)]
            + ([""] + notes if notes else []))


def figures_table(extraction: dict, sources: list[tuple[str, str]]) -> list[str]:
    """The documents' headline figures (the `figures` table) against the gold's own figures."""
    rows = []
    for source, label in sources:
        figures = extraction[source].get("figures")
        if figures is None:
            continue
        expected = figures["expected"]
        rows.append([label, str(expected), _share(figures["right"], expected), str(figures["wrong"]),
                     str(figures["missing"]), str(figures["invented"])])
    if not rows:
        return []
    intro = ("Headline figures per document (the `figures` table: per measure, subject and unit, the first "
             "statement that is neither a part nor scoped to a level, sector, other period or plan) against the "
             "gold's own totals:")
    return [intro, "", *_table(["figures", "gold", "right", "wrong", "missing", "invented"], rows)]


def seed_line(dev_gold: dict) -> list[str]:
    seeds = dev_gold.get("seed_extraction", {})
    if _unavailable(seeds):
        return [f"Seed extraction unavailable: {_unavailable(seeds)}"]
    references, statistics = seeds["references"], seeds["statistics"]
    return [
        f"Seeds (dev-gold/extract.json, after restoration): header fields {_percent(seeds['field_accuracy'])} % right; "
        f"cited documents P/R/F1 {_percent(references['precision'])}/{_percent(references['recall'])}/"
        f"{_percent(references['f1'])} %; statistics recall {_percent(statistics['recall'])} % of the gold sample."
    ]


def markdown(result: dict) -> str:
    lines = [
        f"Measured with `python -m evaluation.evaluate {result['samples']}` on {result['documents']} generated documents.",
        "",
        "**OCR** (error rates against the ground truth, NFC, whitespace collapsed; lower is better; "
        "CER and WER follow the reading order of the ground truth, BoW WER ignores word order; raw Tesseract: "
        "`image_to_string` on the page as scanned, in its own reading order):",
        "",
        *ocr_table(result["ocr"]),
        "",
        "**Diacritic restoration** (word accuracy: reference words aligned to an identical output word, words "
        "left unpaired aligned once more among themselves so that a block the legacy OCR read elsewhere counts; input: the "
        "scans' `.legacy.txt` from Tesseract `eng`, and the true text through unidecode; *kept* = share of "
        "already-correct input words left correct; *ceiling* = the most any restorer could score, the reference "
        "words the input has a word for; pyvi gets unidecoded input):",
        "",
        *restoration_table(result["restoration"], result["dev_gold"]),
        "",
        "**Extraction** (precision/recall/F1 over documents; n = expected values; cited documents, statistics "
        "(value, unit) and table cells (column, value) counted as often as they occur):",
        "",
        *extraction_table(result["extraction"]),
        "",
        *seed_line(result["dev_gold"]),
    ]
    return "\n".join(lines)


def _share(right: int, total: int) -> str:
    return f"{right} / {total} ({_percent(right / total if total else None)} %)"


_SYSTEMS = {"ours": "ours", "raw": "raw Tesseract", "ocrmypdf": "OCRmyPDF"}


def real_header_table(totals: dict, baselines: dict | None = None) -> list[str]:
    """Header fields right, per field and in all, with and without the handwritten ones; beside
    ours, our extractor on each baseline's text."""
    columns = {"ours": totals, **(baselines or {})}
    documents = totals["documents"]
    rows = [[_FIELD_NAMES.get(field, field.replace("_", " ")),
             *(_share(scored["by_field"][field], documents) for scored in columns.values())]
            for field in totals["by_field"]]
    rows.append(["**all fields**", *(_share(scored["right"], scored["fields"]) for scored in columns.values())])
    rows.append(["**printed fields only** (handwritten number and date left out)",
                 *(_share(scored["printed_right"], scored["printed_fields"]) for scored in columns.values())])
    return _table(["field", *(_SYSTEMS[system] if system == "ours" else f"{_SYSTEMS[system]} + our extractor"
                              for system in columns)], rows)


def real_text_table(pages: dict) -> list[str]:
    """CER and WER per page with exact text, ours (restored) beside the baselines, and over all
    pages; a baseline that could not run reads n/a."""
    systems = [system for system in _SYSTEMS if any(system in scores for scores in pages.values())]
    rows = [[name, *(_rates(scores.get(system)) for system in systems)] for name, scores in pages.items()]
    rows.append(["**all pages**", *(_rates(_summed([scores.get(system) for scores in pages.values()]))
                                    for system in systems)])
    return _table(["page", *(f"CER / WER % {_SYSTEMS[system]}" for system in systems)], rows)


def _failures(columns: dict) -> list[str]:
    """A line per system that could not read some documents at all (their fields count as misses)."""
    return [f"\n{_SYSTEMS[system]} could not read {len(scored['failed'])} document(s): "
            + ", ".join(f"`{Path(key).name}`" for key in scored["failed"])
            for system, scored in columns.items() if scored.get("failed")]


def _summed(rates: list[dict | None]) -> dict | None:
    if any(rate is None for rate in rates) or not rates:
        return None
    totals = {key: sum(rate[key] for rate in rates) for key in ("errors", "total", "word_errors", "words")}
    return {"cer": totals["errors"] / totals["total"] if totals["total"] else None,
            "wer": totals["word_errors"] / totals["words"] if totals["words"] else None}


def _rates(rate: dict | None) -> str:
    return "n/a" if rate is None else f"{_percent(rate['cer'])} / {_percent(rate.get('wer'))}"


def real_markdown(result: dict, downscaled_dpi: int) -> str:
    """The real-scan section: header fields against the gold, then text CER at 300 DPI and downscaled."""
    totals = result["headers"]["totals"]
    return "\n".join([
        f"Real scans (`make eval-real`, {result['which']}): header fields of {totals['documents']} documents "
        "against hand-made gold (exact after NFC and whitespace collapsing; an empty field is a miss). Beside "
        f"ours, our extractor on the text raw `tesseract -l vie` and OCRmyPDF (`{result.get('ocrmypdf', 'ocrmypdf')}`) "
        "read from the first and the last page of the same files in the same run:",
        "",
        *real_header_table(totals, result["headers"].get("baselines")),
        *_failures({"ours": totals, **result["headers"].get("baselines", {})}),
        "",
        "Text error rates on the pages with exact text (ours after restoration; the baselines on the same file):",
        "",
        *real_text_table(result["text"]),
        "",
        f"The same pages at {downscaled_dpi} DPI, JPEG without a resolution tag:",
        "",
        *real_text_table(result["text_downscaled"]),
    ])


def replace_section(readme: str, body: str, start_marker: str = START, end_marker: str = END) -> str:
    """`readme` with the text between the two markers replaced by `body`."""
    start, end = readme.find(start_marker), readme.find(end_marker)
    if start < 0 or end < start:
        raise ValueError(f"README has no {start_marker} ... {end_marker} markers")
    return readme[: start + len(start_marker)] + "\n" + body + "\n" + readme[end:]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_json", nargs="?", type=Path, default=Path("eval.json"))
    parser.add_argument("readme", nargs="?", type=Path, default=Path("README.md"))
    parser.add_argument("--real", action="store_true", help="eval_json is the output of evaluation.real")
    args = parser.parse_args(argv)
    result = json.loads(args.eval_json.read_text(encoding="utf-8"))
    readme = args.readme.read_text(encoding="utf-8")
    if args.real:
        from evaluation.real import DOWNSCALED_DPI  # imports the pipeline, which the generated tables need not

        readme = replace_section(readme, real_markdown(result, DOWNSCALED_DPI), REAL_START, REAL_END)
    else:
        readme = replace_section(readme, markdown(result))
    args.readme.write_text(readme, encoding="utf-8")
    print(f"updated the Accuracy section of {args.readme}")


if __name__ == "__main__":
    main()
