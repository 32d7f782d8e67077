"""Score the extractors on generated samples (`evaluation.samplegen` ground truth), without OCR.

    .venv/bin/python -m patterns.sample_eval DIR [--legacy [--cache DIR]] [--show FIELD]

Extraction runs on each sample's ground-truth page text, or with `--legacy` on its English-model
OCR text after `diacritics.restore_diacritics` (kept in `--cache` as `ID.restored.txt`, reused while
present: restoration is the slow part). Header fields are compared exactly (whitespace
normalised); cited documents as sets of number/symbol; statistics from running text as multisets of
(value, unit), as the ground truth lists only those.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from patterns.document import extract_document
from patterns.model import Extraction, PageText
from patterns.scoring import SetScore
from patterns.text import squash

FIELDS: tuple[str, ...] = (
    "number", "symbol", "issue_date", "place", "doc_type", "title", "signer", "signer_title",
    "period_start", "period_end", "issuer",
)


@dataclass(frozen=True)
class SampleScore:
    name: str
    fields: dict[str, tuple[str | None, str | None]]  # field -> (expected, predicted)
    references: SetScore
    statistics: SetScore


def _expected_issuer(header: dict) -> str | None:
    """The ground truth names agency and parent in running-text case; the issuer joins them."""
    parts = [part for part in (header["agency"], header["parent_agency"]) if part]
    return " ".join(parts) if parts else None


def _field_values(truth: dict, extraction: Extraction) -> dict[str, tuple[str | None, str | None]]:
    header = truth["header"]
    values = {}
    for field in FIELDS:
        expected = _expected_issuer(header) if field == "issuer" else header[field]
        predicted = getattr(extraction.header, field)
        values[field] = (squash(expected) if expected else None, squash(predicted) if predicted else None)
    return values


def _multiset_score(expected: Counter, predicted: Counter) -> SetScore:
    return SetScore(sum((expected & predicted).values()), sum(predicted.values()), sum(expected.values()))


def score_sample(name: str, truth: dict, extraction: Extraction) -> SampleScore:
    cited = {reference.number_symbol for reference in extraction.references}
    expected_cited = {reference["number_symbol"] for reference in truth["references"]}
    stated = Counter((round(s.value, 4), s.unit) for s in extraction.statistics if s.source == "text")
    expected_stated = Counter((round(float(s["value"]), 4), s["unit"]) for s in truth["statistics"])
    return SampleScore(
        name=name,
        fields=_field_values(truth, extraction),
        references=SetScore(len(cited & expected_cited), len(cited), len(expected_cited)),
        statistics=_multiset_score(expected_stated, stated),
    )


def _restorer() -> Callable[[str], str]:
    from diacritics import restore_diacritics  # built in parallel; only needed for --legacy

    return lambda text: restore_diacritics(text).text


def _restored(directory: Path, truth: dict, cache: Path | None) -> list[str]:
    """The legacy OCR pages of a sample after restoration, form-feed separated on disk."""
    cached = cache / f"{truth['id']}.restored.txt" if cache else None
    if cached and cached.exists():
        return cached.read_text(encoding="utf-8").split("\f")
    restore = _restorer()
    pages = [restore(text) for text in (directory / truth["legacy_text"]).read_text(encoding="utf-8").split("\f")]
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text("\f".join(pages), encoding="utf-8")
    return pages


def _pages(directory: Path, truth: dict, legacy: bool, cache: Path | None) -> list[PageText]:
    if not legacy:
        return [PageText(page["page"], page["text"]) for page in truth["pages"]]
    return [PageText(number, text) for number, text in enumerate(_restored(directory, truth, cache), 1)]


def score_directory(directory: Path, legacy: bool, cache: Path | None = None) -> Iterator[SampleScore]:
    for path in sorted(directory.glob("*.gt.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        yield score_sample(truth["id"], truth, extract_document(_pages(directory, truth, legacy, cache)))


def _summed(scores: list[SetScore]) -> SetScore:
    return SetScore(
        sum(s.true_positives for s in scores), sum(s.predicted for s in scores), sum(s.expected for s in scores)
    )


def report(scores: list[SampleScore], show: str | None) -> str:
    lines = []
    for field in FIELDS:
        right = sum(score.fields[field][0] == score.fields[field][1] for score in scores)
        lines.append(f"{field:13s} {right:3d}/{len(scores)} = {right / len(scores):.3f}")
    for label, total in (("references", _summed([s.references for s in scores])),
                         ("statistics", _summed([s.statistics for s in scores]))):
        lines.append(f"{label:13s} P={total.precision:.3f} R={total.recall:.3f} F1={total.f1:.3f}")
    for score in scores:
        if show and score.fields.get(show, (0, 0))[0] != score.fields.get(show, (0, 0))[1]:
            lines.append(f"  {score.name}: expected {score.fields[show][0]!r} got {score.fields[show][1]!r}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--legacy", action="store_true", help="extract from restored legacy OCR text")
    parser.add_argument("--cache", type=Path, help="directory keeping restored legacy text between runs")
    parser.add_argument("--show", help="list the samples where this field is wrong")
    args = parser.parse_args()
    print(report(list(score_directory(args.directory, args.legacy, args.cache)), args.show))


if __name__ == "__main__":
    main()
