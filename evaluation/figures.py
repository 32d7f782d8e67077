"""Score the dataset's `figures` and statistics on the seed reports against dev-gold/figures.json.

    .venv/bin/python -m evaluation.figures [--json]

The seeds go through restoration and extraction as the pipeline runs them, and the figures are
`pipeline.dataset.headline_figures`, the rows of the `figures` table the README's queries read:

- headline figures: each hand-made headline (hồ sơ received, resolved, on time, overdue, pending,
  online; the online and on-time shares; feedback received and handled; procedures new, amended,
  abolished) is *right* when the document's figure of that measure, subject and unit has the
  gold value, *wrong* when it has another, *missing* when there is none; a figure where the gold
  says the report prints none is *invented*;
- statistics: recall of every hand-checked value (headlines, other figures and breakdowns) among
  the statistics (value and unit), and precision of the statistics found on the hand-checked
  lines (a statistic there that is no hand-checked value was made up from debris or a label).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from domain.records import PageText, Statistic
from evaluation.paths import DATA
from evaluation.seeds import seed_documents
from patterns.document import extract_document
from pipeline.dataset import headline_figures

# Gold key -> (measure, subject, unit) of the figure it is; unit None: any unit of that subject.
HEADLINES: dict[str, tuple[str, str, str | None]] = {
    "ho_so_received": ("received", "hồ sơ", "hồ sơ"),
    "ho_so_resolved": ("resolved", "hồ sơ", "hồ sơ"),
    "ho_so_on_time": ("resolved_on_time", "hồ sơ", "hồ sơ"),
    "ho_so_overdue": ("overdue", "hồ sơ", "hồ sơ"),
    "ho_so_pending": ("pending", "hồ sơ", "hồ sơ"),
    "ho_so_online": ("online", "hồ sơ", "hồ sơ"),
    "online_rate": ("online", "hồ sơ", "%"),
    "on_time_rate": ("resolved_on_time", "hồ sơ", "%"),
    "pakn_received": ("received", "PAKN", None),
    "pakn_resolved": ("resolved", "PAKN", None),
    "tthc_new": ("procedures_new", "TTHC", "TTHC"),
    "tthc_amended": ("procedures_amended", "TTHC", "TTHC"),
    "tthc_abolished": ("procedures_abolished", "TTHC", "TTHC"),
}


@dataclass(frozen=True)
class Checked:
    """A hand-checked value: what it is, and on which line of the seed it is printed."""

    name: str
    value: float
    unit: str | None
    line: int


def _document(text: str) -> tuple[list[dict], tuple[Statistic, ...]]:
    """The figures and the statistics of one seed, restored and extracted as the pipeline does."""
    from diacritics import restore_diacritics  # the seeds are legacy OCR text, read as the pipeline reads them

    statistics = extract_document([PageText(1, restore_diacritics(text).text)]).statistics
    figures = [{"measure": s.measure, "subject": s.subject, "unit": s.unit, "value": s.value}
               for _, s in headline_figures(statistics)]
    return figures, statistics


def _figure_value(figures: list[dict], measure: str, subject: str, unit: str | None) -> float | None:
    values = [row["value"] for row in figures
              if (row["measure"], row["subject"]) == (measure, subject) and unit in (None, row["unit"])]
    return values[0] if values else None


def score_headlines(gold: dict, figures: list[dict]) -> dict[str, str]:
    """right / wrong / missing / invented / absent (none printed, none found) for each headline."""
    outcomes = {}
    for key, (measure, subject, unit) in HEADLINES.items():
        expected = (gold["figures"].get(key) or {}).get("value")
        found = _figure_value(figures, measure, subject, unit)
        if expected is None:
            outcomes[key] = "absent" if found is None else "invented"
        elif found is None:
            outcomes[key] = "missing"
        else:
            outcomes[key] = "right" if abs(found - expected) < 1e-6 else "wrong"
    return outcomes


def checked_values(gold: dict) -> list[Checked]:
    """Every hand-checked value of a report that is printed on one line: headlines, other figures, breakdowns."""
    entries = [(key, entry) for key, entry in {**gold["figures"], **gold.get("other_figures", {})}.items()]
    entries += [(entry["label"], entry) for entry in gold.get("breakdowns", [])]
    units = {key: unit for key, (_, _, unit) in HEADLINES.items()}
    return [
        Checked(key, float(entry["value"]), entry.get("unit", units.get(key)), entry["line"])
        for key, entry in entries if isinstance(entry, dict) and entry.get("value") is not None and entry.get("line")
    ]


def _same(statistic: Statistic, checked: Checked) -> bool:
    return abs(statistic.value - checked.value) < 1e-6 and (checked.unit != "%") == (statistic.unit != "%")


def score_statistics(gold: dict, statistics: tuple[Statistic, ...]) -> dict[str, int]:
    """Hand-checked values found among the statistics, and statistics on their lines that are none."""
    checked = checked_values(gold)
    lines = {entry.line for entry in checked}
    on_lines = [s for s in statistics if s.line in lines]
    return {
        "checked": len(checked),
        "found": sum(any(_same(s, entry) for s in statistics) for entry in checked),
        "on_checked_lines": len(on_lines),
        "made_up": sum(not any(_same(s, entry) for entry in checked) for s in on_lines),
    }


def evaluate(data: Path = DATA) -> dict:
    gold = json.loads((data / "dev-gold" / "figures.json").read_text(encoding="utf-8"))["reports"]
    documents = {}
    for name, text in seed_documents(data).items():
        if name in gold:
            figures, statistics = _document(text)
            documents[name] = {"headlines": score_headlines(gold[name], figures),
                               "statistics": score_statistics(gold[name], statistics)}
    return {"documents": documents, "totals": _totals(documents)}


def _totals(documents: dict) -> dict:
    outcomes = [outcome for scores in documents.values() for outcome in scores["headlines"].values()]
    printed = [outcome for outcome in outcomes if outcome != "absent" and outcome != "invented"]
    statistics = {key: sum(scores["statistics"][key] for scores in documents.values())
                  for key in ("checked", "found", "on_checked_lines", "made_up")}
    return {
        "headlines_printed": len(printed),
        "headlines_right": printed.count("right"),
        "headlines_wrong": printed.count("wrong"),
        "headlines_missing": printed.count("missing"),
        "invented": outcomes.count("invented"),
        "statistics_recall": statistics["found"] / statistics["checked"] if statistics["checked"] else 1.0,
        "statistics_precision": (1 - statistics["made_up"] / statistics["on_checked_lines"]
                                 if statistics["on_checked_lines"] else 1.0),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    result = evaluate()
    if parser.parse_args(argv).json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for name, scores in result["documents"].items():
        off = {key: outcome for key, outcome in scores["headlines"].items() if outcome not in ("right", "absent")}
        print(f"{name}: headlines not right: {off or 'none'}; statistics {scores['statistics']}")
    totals = result["totals"]
    print(f"headline figures right {totals['headlines_right']}/{totals['headlines_printed']}, "
          f"wrong {totals['headlines_wrong']}, missing {totals['headlines_missing']}, invented {totals['invented']}; "
          f"statistics recall {totals['statistics_recall']:.3f}, precision {totals['statistics_precision']:.3f}")


if __name__ == "__main__":
    main()
