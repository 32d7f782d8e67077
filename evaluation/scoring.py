"""Scoring an Extraction against a hand-checked record of dev-gold/extract.json."""

from __future__ import annotations

from dataclasses import dataclass

from domain.records import Extraction
from patterns.text import squash

# Header fields extract.json may hold, compared exactly (the title after whitespace normalisation).
HEADER_FIELDS: tuple[str, ...] = (
    "doc_type", "number", "symbol", "place", "issue_date", "issuer", "title", "signer", "signer_title",
)


@dataclass(frozen=True)
class SetScore:
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _header_value(predicted: Extraction, field: str) -> str | None:
    value = getattr(predicted.header, field)
    return squash(value) if field == "title" and value else value


def score_fields(predicted: Extraction, gold: dict) -> dict[str, bool]:
    """Exact match per header field present in `gold`; `recipient` must be among the recipients."""
    scores = {
        field: _header_value(predicted, field) == (squash(gold[field]) if field == "title" else gold[field])
        for field in HEADER_FIELDS
        if field in gold
    }
    if "recipient" in gold:
        scores["recipient"] = gold["recipient"] in predicted.header.recipients
    return scores


def _pair(value: float, unit: str) -> tuple[float, str]:
    return round(float(value), 6), unit


def score_extraction(predicted: Extraction, gold: dict) -> dict:
    """Field matches, cited-document P/R/F1 and statistics recall for one document.

    Gold statistics are a sample, so `statistics.sample_precision` (predicted pairs found in the
    sample) is a lower bound; `statistics.extra` lists the rest for a hand check.
    """
    cited = {reference.number_symbol for reference in predicted.references}
    expected_refs = set(gold.get("references", []))
    reference_score = SetScore(len(cited & expected_refs), len(cited), len(expected_refs))
    pairs = [_pair(statistic.value, statistic.unit) for statistic in predicted.statistics]
    expected_pairs = {_pair(value, unit) for value, unit in gold.get("statistics", [])}
    found = expected_pairs & set(pairs)
    return {
        "fields": score_fields(predicted, gold),
        "references": {
            "precision": reference_score.precision,
            "recall": reference_score.recall,
            "f1": reference_score.f1,
            "missing": sorted(expected_refs - cited),
            "extra": sorted(cited - expected_refs),
        },
        "statistics": {
            "recall": len(found) / len(expected_pairs) if expected_pairs else 1.0,
            "sample_precision": sum(pair in expected_pairs for pair in pairs) / len(pairs) if pairs else 1.0,
            "missing": sorted(expected_pairs - found),
            "extra": [pair for pair in pairs if pair not in expected_pairs],
        },
    }
