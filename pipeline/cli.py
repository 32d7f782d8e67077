"""The `sohoa` command line."""

from __future__ import annotations

import json
import logging
import signal
import sys
from dataclasses import replace
from pathlib import Path

import click

from pipeline.batch import STAGES, BatchSummary, OutputOptions
from pipeline.batch import ingest as run_ingest
from pipeline.batch import reprocess as run_reprocess
from pipeline.config import ClusterConfig, Config
from pipeline.errors import DocumentError, ExitCode, InternalError, SohoaError

OUT_OPTION = click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
    help="Output folder for the dataset.",
)


def _output_options(function):
    function = click.option("--format", "formats", type=click.Choice(["csv", "parquet", "both"]), default="csv",
                            show_default=True, help="Table format(s) to write.")(function)
    function = click.option("--excel", is_flag=True,
                            help="Also write OUT/sohoa.xlsx (typed cells, a sheet per table); CSV with a BOM and "
                                 "cells starting with = + - @ prefixed by '.")(function)
    function = click.option("--strict", is_flag=True, help="Stop at the first document that fails.")(function)
    function = click.option("--workers", type=click.IntRange(min=1), default=None,
                            help="Processes for OCR (default: one per core; with --scheduler local, "
                                 "the local cluster's workers).")(function)
    function = click.option("--scheduler", metavar="ADDRESS",
                            help="Run OCR and restoration on a Dask cluster: its scheduler's address "
                                 "(tcp://HOST:8786), or 'local' for a cluster on this machine.")(function)
    function = click.option("--shared-fs", "shared_fs", is_flag=True,
                            help="With --scheduler: the workers see the input files at the same paths "
                                 "(otherwise each file is sent to them).")(function)
    return function


def _options(formats: str, excel: bool, strict: bool) -> OutputOptions:
    return OutputOptions(formats=("csv", "parquet") if formats == "both" else (formats,), excel=excel, strict=strict)


def _config(workers: int | None, scheduler: str | None = None, shared_fs: bool = False) -> Config:
    config = Config() if workers is None else Config(workers=workers)
    return replace(config, cluster=ClusterConfig(scheduler=scheduler, shared_filesystem=shared_fs))


class _Commands(click.Group):
    """The command group that turns every error the pipeline raises into its message and exit
    status, in this one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SohoaError as error:
            if isinstance(error, InternalError):
                logging.getLogger("sohoa").debug("%s", error.details.rstrip())
            _fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; run the same command again to resume", ExitCode.INTERRUPTED)


@click.group(
    cls=_Commands,
    epilog="Example: sohoa ingest samples/ --out out/ && "
    "sohoa query \"SELECT doc_type, count(*) FROM documents GROUP BY 1\"",
)
@click.option("--verbose", "-v", is_flag=True, help="Also print the traceback of internal errors on stderr.")
@click.version_option(package_name="sohoa")
def main(verbose: bool) -> None:
    """sohoa — scanned Vietnamese administrative reports in, a queryable dataset out.

    Exit status: 0 all documents succeeded; 1 some failed (see errors.csv; internal errors
    have their traceback in OUT/sohoa.log); 2 bad usage; 3 a system dependency is missing;
    4 the output folder is locked by another run; 5 (query) a dataset table cannot be read;
    6 the Dask cluster (--scheduler) cannot be reached, was lost or does not match;
    7 the output folder cannot be written (disk full, read-only, no permission);
    130 interrupted (Ctrl-C or SIGTERM).
    """
    # A service manager or `kill` stops the run as Ctrl-C does: workers stopped, the manifest saved,
    # exit status 130, and the next run resumes (Python's default would die without cleanup).
    signal.signal(signal.SIGTERM, _interrupt)
    if verbose:
        log = logging.getLogger("sohoa")
        log.setLevel(logging.DEBUG)
        log.addHandler(logging.StreamHandler(sys.stderr))


@main.command(epilog="Example: sohoa ingest archive/2023/ scans/report.pdf --out out/ --format both\n\n"
                      "On a Dask cluster: sohoa ingest archive/ --out out/ --scheduler tcp://10.0.0.5:8786")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@OUT_OPTION
@click.option("--pdf", "searchable_pdf", is_flag=True,
              help="Also write a searchable PDF of each scan (page image + invisible text) to OUT/pdf/.")
@_output_options
def ingest(paths: tuple[Path, ...], out_dir: Path, searchable_pdf: bool, formats: str, excel: bool, strict: bool,
           workers: int | None, scheduler: str | None, shared_fs: bool) -> None:
    """OCR and extract PDFs, images (PNG/JPEG/TIFF) and legacy OCR .txt files under PATHS.

    Folders are walked recursively. Documents already in the output folder's cache are skipped,
    so an interrupted run resumes where it stopped.
    """
    config = replace(_config(workers, scheduler, shared_fs), searchable_pdf=searchable_pdf)
    _finish(lambda: run_ingest(paths, out_dir, config, _options(formats, excel, strict)))


@main.command(epilog="Example: sohoa reprocess --from restore --out out/")
@click.option("--from", "from_stage", type=click.Choice(STAGES), required=True,
              help="First stage to re-run; earlier stages come from the cache.")
@OUT_OPTION
@_output_options
def reprocess(from_stage: str, out_dir: Path, formats: str, excel: bool, strict: bool, workers: int | None,
              scheduler: str | None, shared_fs: bool) -> None:
    """Re-run the documents of an output folder from one stage on (e.g. after a model update)."""
    config = _config(workers, scheduler, shared_fs)
    _finish(lambda: run_reprocess(out_dir, from_stage, config, _options(formats, excel, strict)))


@main.command(epilog="Example: sohoa restore < legacy.txt > restored.txt")
@click.option("--report", is_flag=True, help="Print how many words were changed and flagged, on stderr.")
def restore(report: bool) -> None:
    """Restore Vietnamese diacritics in text from stdin, to stdout (line structure kept)."""
    from diacritics import restore_diacritics

    changed = flagged = 0
    for block in _line_blocks(sys.stdin):
        restoration = restore_diacritics(block)
        sys.stdout.write(restoration.text)
        changed += restoration.restored_words
        flagged += restoration.low_confidence_words
    if report:
        click.echo(f"{changed} words restored, {flagged} low-confidence words", err=True)


@main.command(epilog="Example: sohoa extract samples/report.pdf > record.json")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, hidden=True)
def extract(file: Path, workers: int) -> None:
    """Print the record extracted from one document (PDF, image or .txt) as JSON."""
    from pipeline.inputs import source_file
    from pipeline.orchestrator import process_document

    try:
        result = process_document(source_file(file), _config(workers))
    except DocumentError as error:
        error.args = (f"{file}: [{error.stage}/{error.error_type}] {error}",)
        raise
    record = {"source": str(file), "pages": len(result.pages), **result.extraction.to_dict()}
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@main.command(epilog='Example: sohoa query "SELECT place, count(*) FROM documents GROUP BY place" --out out/')
@click.argument("sql")
@OUT_OPTION
@click.option("--csv", "as_csv", is_flag=True, help="Print the result as CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON records.")
@click.option("--read-only", is_flag=True,
              help="Let the SQL read the dataset's tables and nothing else: no other file, no writing, "
                   "no extensions. Use it for SQL you did not write.")
def query(sql: str, out_dir: Path, as_csv: bool, as_json: bool, read_only: bool) -> None:
    """Run SQL (DuckDB) over the dataset: tables documents (unique_documents: one copy of each),
    references (also: citations), statistics, figures, pages, errors.

    The SQL runs with your rights: without --read-only it can read and write any file you can
    (DuckDB's read_csv, COPY ... TO). Exit status 5 when a table it reads is damaged.
    """
    from pipeline.query import run_query

    frame = run_query(out_dir, sql, read_only=read_only)
    if as_json:
        click.echo(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    elif as_csv:
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        click.echo(frame.to_string(index=False, na_rep="") if len(frame) else "(no rows)")


@main.command(epilog='Example: sohoa search "cai cach hanh chinh" --out out/')
@click.argument("query")
@OUT_OPTION
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most pages to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON records.")
def search(query: str, out_dir: Path, limit: int, as_json: bool) -> None:
    """Find the pages holding every word and "quoted phrase" of QUERY, with or without marks.

    Case and diacritics are ignored (đ matches d), and a phrase is found across line breaks.
    Each hit shows its document, page, title and the text around the match, between « ».
    """
    from dataclasses import asdict

    from pipeline.search import search as run_search

    hits = run_search(out_dir, query, limit)
    if as_json:
        click.echo(json.dumps([asdict(hit) for hit in hits], ensure_ascii=False))
        return
    for hit in hits:
        click.echo(f"{hit.doc_id} p.{hit.page}  {hit.title or hit.source_path}\n    {hit.snippet}")
    click.echo(f"{len(hits)} pages", err=True)


@main.command(epilog="Example: sohoa serve --out out/ --port 8001")
@OUT_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default keeps the workspace to this machine.")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Port to listen on.")
def serve(out_dir: Path, host: str, port: int) -> None:
    """Browse the dataset in Datasette: documented tables, facets, search, page images beside their text.

    Serves OUT/sohoa.db, rebuilt from the tables first when they have changed since.
    """
    from pipeline.serve import serve as run_serve

    click.echo(f"sohoa: serving {out_dir} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run_serve(out_dir, host, port)


@main.command(epilog="Example: sohoa report --out out/ && xdg-open out/report.html")
@OUT_OPTION
def report(out_dir: Path) -> None:
    """Write OUT/report.html: documents per agency and year, figures over time, extraction coverage
    and the pages to review, in one self-contained file (charts inline, no network needed)."""
    from pipeline.report import write_report

    click.echo(write_report(out_dir))


def _finish(run) -> None:
    summary: BatchSummary = run()
    click.echo(summary.line(), err=True)
    if summary.errors:
        sys.exit(ExitCode.SOME_DOCUMENTS_FAILED)


def _line_blocks(stream, lines_per_block: int = 2000):
    """Chunks of whole lines, so a huge input streams while each chunk keeps its context."""
    block: list[str] = []
    for line in stream:
        block.append(line)
        if len(block) >= lines_per_block:
            yield "".join(block)
            block = []
    if block:
        yield "".join(block)


def _interrupt(signum: int, frame) -> None:
    raise KeyboardInterrupt


def _fail(message: str, code: ExitCode) -> None:
    click.echo(f"sohoa: {message}", err=True)
    sys.exit(code)


if __name__ == "__main__":
    main()
