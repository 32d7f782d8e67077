"""Reliability: hostile inputs and faults an operator meets, each handled without a person.

Hostile files are generated here, small on disk. Anything that could eat the machine if it
regressed runs in a subprocess under RLIMIT_AS, so a regression fails the test instead.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from patterns.references import extract_references
from patterns.text import CONTEXT_CHARS, sentence_around

REPO = Path(__file__).parent.parent
GIB = 1 << 30


def run_limited(code: str, *, memory: int, timeout: float, cwd: Path = REPO) -> str:
    """Run `code` in a fresh Python whose address space is capped at `memory` bytes; its stdout."""
    preamble = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
    result = subprocess.run(
        [sys.executable, "-c", preamble + textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "1",
                              "OMP_NUM_THREADS": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


# --- 1. extractors linear in the input -----------------------------------------------------


def test_a_context_is_its_sentence_cut_to_whole_words_within_the_window_either_side():
    citation = "Quyết định số 1/QĐ-UBND"
    text = "word " * 200 + citation + " word" * 200  # one sentence of 2,000 words, no end
    start = text.index(citation)
    context = sentence_around(text, start, start + len(citation))
    words = CONTEXT_CHARS // len("word ")
    assert context == " ".join(["word"] * words + [citation] + ["word"] * words)


def test_a_short_sentence_is_kept_whole():
    text = "Mở đầu. Căn cứ Quyết định số 1/QĐ-UBND ngày 1/1/2023; tiếp theo."
    start = text.index("1/QĐ")
    assert sentence_around(text, start, start + 9) == "Căn cứ Quyết định số 1/QĐ-UBND ngày 1/1/2023;"


def test_an_appendix_of_3000_citations_one_a_line_keeps_each_with_a_bounded_context():
    text = "".join(f"Quyết định số {n}/QĐ-UBND ngày 1/1/2023\n" for n in range(1, 3001))
    references = extract_references(text)
    assert [r.number for r in references] == [str(n) for n in range(1, 3001)]
    assert max(len(r.context) for r in references) <= 2 * CONTEXT_CHARS + len("Quyết định số 3000/QĐ-UBND")


def test_citations_past_the_cap_of_a_page_are_dropped_with_a_warning(caplog):
    text = "".join(f"Quyết định số {n}/QĐ-UBND\n" for n in range(1, 5003))
    references = extract_references(text, page=4)
    assert (len(references), references[-1].number) == (5000, "5000")
    assert caplog.messages == ["page 4 cites 5002 documents; only the first 5000 are kept"]


def test_940_kb_of_one_citation_repeated_is_processed_in_bounded_memory(tmp_path: Path):
    unit = "Quyết định số 1/QĐ-UBND ngày 1/1/2023 "
    path = tmp_path / "citations.txt"
    path.write_text(unit * (940_000 // len(unit.encode())), encoding="utf-8")  # no sentence end at all
    output = run_limited(f"""
        from pathlib import Path
        from pipeline.config import Config
        from pipeline.inputs import source_file
        from pipeline.orchestrator import process_document
        result = process_document(source_file(Path({str(path)!r})), Config(workers=1))
        print([(r.number_symbol, r.ref_date) for r in result.extraction.references])
    """, memory=1 * GIB, timeout=60)
    assert output == "[('1/QĐ-UBND', '2023-01-01')]\n"
