"""Score the extractors on the seed documents against dev-gold/extract.json.

    .venv/bin/python -m evaluation.seeds [--restore] [--json]

`--restore` runs the seeds through `diacritics.restore_diacritics` first, as the pipeline does.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from domain.records import PageText
from evaluation.paths import DATA
from evaluation.scoring import SetScore, score_extraction
from patterns.document import extract_document


def seed_documents(data: Path = DATA) -> dict[str, str]:
    """Seed texts keyed by file name, those extract.json describes."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted((data / "seeds").glob("*.txt"))}


def _restorer(restore: bool) -> Callable[[str], str]:
    if not restore:
        return lambda text: text
    from diacritics import restore_diacritics  # built in parallel; only needed on request

    return lambda text: restore_diacritics(text).text


def evaluate(data: Path, restore: bool) -> dict:
    """Per-document scores and micro-averaged totals over the seeds."""
    gold = json.loads((data / "dev-gold" / "extract.json").read_text(encoding="utf-8"))
    prepare = _restorer(restore)
    documents: dict[str, dict] = {}
    for name, text in seed_documents(data).items():
        if name in gold:
            documents[name] = score_extraction(extract_document([PageText(1, prepare(text))]), gold[name])
    return {"documents": documents, "totals": _totals(documents, gold)}


def _totals(documents: dict[str, dict], gold: dict) -> dict:
    fields = [ok for scores in documents.values() for ok in scores["fields"].values()]
    references = SetScore(0, 0, 0)
    found = expected = extra = predicted = 0
    for name, scores in documents.items():
        refs = scores["references"]
        expected_refs = len(gold[name].get("references", []))
        true_positives = expected_refs - len(refs["missing"])
        references = SetScore(
            references.true_positives + true_positives,
            references.predicted + true_positives + len(refs["extra"]),
            references.expected + expected_refs,
        )
        pairs = len(gold[name].get("statistics", []))
        expected += pairs
        found += pairs - len(scores["statistics"]["missing"])
        extra += len(scores["statistics"]["extra"])
        predicted += len(scores["statistics"]["extra"]) + pairs - len(scores["statistics"]["missing"])
    return {
        "field_accuracy": sum(fields) / len(fields) if fields else 1.0,
        "references": {"precision": references.precision, "recall": references.recall, "f1": references.f1},
        "statistics": {"recall": found / expected if expected else 1.0, "predicted": predicted, "extra": extra},
    }


def _report(result: dict) -> str:
    lines = []
    for name, scores in result["documents"].items():
        wrong = [field for field, ok in scores["fields"].items() if not ok]
        refs, stats = scores["references"], scores["statistics"]
        lines.append(f"{name}")
        lines.append(f"  fields: {sum(scores['fields'].values())}/{len(scores['fields'])} ok; wrong: {wrong}")
        lines.append(f"  references: P={refs['precision']:.3f} R={refs['recall']:.3f} F1={refs['f1']:.3f}"
                     f" missing={refs['missing']} extra={refs['extra']}")
        lines.append(f"  statistics: recall={stats['recall']:.3f} missing={stats['missing']}"
                     f" extra(not in sample)={len(stats['extra'])}")
    totals = result["totals"]
    lines.append(f"TOTAL fields={totals['field_accuracy']:.3f} "
                 f"references P/R/F1={totals['references']['precision']:.3f}/"
                 f"{totals['references']['recall']:.3f}/{totals['references']['f1']:.3f} "
                 f"statistics recall={totals['statistics']['recall']:.3f} "
                 f"(predicted {totals['statistics']['predicted']}, "
                 f"{totals['statistics']['extra']} not in the gold sample)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restore", action="store_true", help="restore diacritics before extracting")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args()
    result = evaluate(DATA, args.restore)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else _report(result))


if __name__ == "__main__":
    main()
