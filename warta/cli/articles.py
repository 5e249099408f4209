"""Article commands: ingest, extract, demo, list, show, search, export.

Exit codes: see ``EXIT_CODES_HELP`` in app.py and the README's table.
"""

from __future__ import annotations

import os
import sys
import time
import contextlib
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.panel import Panel
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table as _Grid
from rich.text import Text

from warta.cli.options import DbOption, SchedulerOption, WorkersOption, command
from warta.cli.safe import Table, err, fail, json_text, out, safe, say
from warta.cli.common import quiet_libraries, runner as run_on
from warta.ingest import DEFAULT_MAX_BYTES, Columns, ReadOptions, Rejected, read_inputs
from warta.ingest.files import count_articles
from warta.run.batch import IngestReport, extract as extract_articles, ingest as ingest_items
from warta.ids import content_id
from warta.model import Article
from warta.cli.db import store_for

EXIT_OK, EXIT_SOME_REJECTED, EXIT_NOTHING_READ = 0, 1, 2


def _read_options(max_bytes: int, text_col: Optional[str], title_col: Optional[str],
                  url_col: Optional[str], date_col: Optional[str], id_col: Optional[str],
                  date_order: Optional[str], outlet_col: Optional[str] = None) -> ReadOptions:
    if date_order and date_order.upper() not in ("DMY", "MDY", "YMD"):
        raise typer.BadParameter("use DMY, MDY or YMD", param_hint="--date-order")
    return ReadOptions(max_bytes=max_bytes, date_order=date_order.upper() if date_order else None,
                       columns=Columns(text=text_col, title=title_col, url=url_col, date=date_col, id=id_col,
                                       outlet=outlet_col))


def _exit_code(report: IngestReport) -> int:
    if report.stored + report.duplicates == 0:  # every input rejected, or none given
        return EXIT_NOTHING_READ
    return EXIT_SOME_REJECTED if report.rejected else EXIT_OK


# Without a terminal (a log file, a CI job) progress is one plain line this often.
PLAIN_PROGRESS_SECONDS = 30.0


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}" if minutes >= 60 else f"{minutes}:{seconds:02d}"


def _counts(report: IngestReport) -> str:
    return f"{report.stored} stored · {report.duplicates} duplicate · {len(report.rejected)} rejected"


@contextmanager
def _progress(total: Optional[int]) -> Iterator:
    """Progress on stderr, called with the report after each batch. On a terminal a live
    bar, with the total and time left when the number of articles is known (``total``:
    counted before the run; None when reading stdin); otherwise a plain line every
    ``PLAIN_PROGRESS_SECONDS``."""
    if not err.is_terminal:
        started = last = time.monotonic()

        def plain(report: IngestReport) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last < PLAIN_PROGRESS_SECONDS:
                return
            last = now
            done = report.stored + report.duplicates + len(report.rejected)
            elapsed = now - started
            of = ""
            if total:
                left = elapsed / done * max(total - done, 0) if done else None
                of = f" of {total:,} ({min(done / total, 1):.0%})" + \
                    (f", about {_duration(left)} left" if left is not None else "")
            say(f"ingest: {done:,}{of} · {_counts(report)} · {_duration(elapsed)} elapsed", stderr=True,
                soft_wrap=True)
        yield plain
        return
    columns = [SpinnerColumn(), TextColumn("[bold]ingesting[/]"), BarColumn(bar_width=None),
               MofNCompleteColumn(), TextColumn("{task.fields[counts]}"), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=total or None, counts="")

        def update(report: IngestReport) -> None:
            progress.update(task, completed=report.stored + report.duplicates + len(report.rejected),
                            counts=_counts(report))
        yield update


def _print_report(report: IngestReport, db: str) -> None:
    say((f"{report.stored} stored", "green"), f" · {report.duplicates} duplicate · ",
        (f"{len(report.rejected)} rejected", "red" if report.rejected else ""), f"  ({db})")
    for rejected in report.rejected:
        say("  ", ("rejected", "red"), " ", str(rejected), soft_wrap=True)


# Column options shared by ingest and extract.
TextCol = typer.Option(None, "--text-col", help="CSV column with the article text (default: text, isi_berita, content, body ...).")
TitleCol = typer.Option(None, "--title-col", help="CSV column with the title (default: title, judul, headline).")
UrlCol = typer.Option(None, "--url-col", help="CSV column with the URL (default: url, tautan, link).")
DateCol = typer.Option(None, "--date-col", help="CSV column with the publication date (default: published, date, tanggal).")
IdCol = typer.Option(None, "--id-col", help="CSV column with the article id (default: none; row numbers are not ids).")
OutletCol = typer.Option(None, "--outlet-col", help="CSV column with the outlet (default: outlet, source, media, sumber, sumber_berita).")
DateOrder = typer.Option(None, "--date-order", help="Order of numeric dates like 01/02/2025: DMY, MDY or YMD (default: month first).")
MaxBytes = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Largest single-article file (text/HTML), or JSONL line / CSV row, accepted; larger ones are rejected.")
BatchSize = typer.Option(32, "--batch-size", min=1, help="Articles per pipeline batch and per database transaction.")


@command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files or directories (recursive); '-' reads JSON Lines from stdin."),
    db: Optional[str] = DbOption,
    batch_size: int = BatchSize,
    max_bytes: int = MaxBytes,
    text_col: Optional[str] = TextCol, title_col: Optional[str] = TitleCol, url_col: Optional[str] = UrlCol,
    date_col: Optional[str] = DateCol, id_col: Optional[str] = IdCol, date_order: Optional[str] = DateOrder,
    outlet_col: Optional[str] = OutletCol,
    workers: int = WorkersOption,
    scheduler: Optional[str] = SchedulerOption,
) -> None:
    """Analyse articles and store them in the database.

    Inputs: .txt (one article), .html/.htm (main text via trafilatura), .jsonl (fields
    text or html; optional id, url, title, outlet, published), .csv (one article per row).

    Already stored articles (same id or same content) count as duplicates and change
    nothing, so an interrupted ingest can simply be run again.
    For the bundled examples use `warta demo`.

    Exit codes: 0 ok; 1 some inputs rejected, others stored; 2 nothing could be read.
    """
    quiet_libraries()
    options = _read_options(max_bytes, text_col, title_col, url_col, date_col, id_col, date_order, outlet_col)
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(store_for(db, write=True))
        runner = run_on(stack, workers, scheduler)
        on_progress = stack.enter_context(_progress(count_articles(paths, options)))
        report = ingest_items(read_inputs(paths, options), store, batch_size=batch_size,
                              on_progress=on_progress, map_batches=runner)
        path = store.path
    _print_report(report, path)
    raise typer.Exit(_exit_code(report))


@command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Files or directories (recursive); '-' reads JSON Lines from stdin."),
    format: str = typer.Option("json", "--format", "-f", help="json: one pretty-printed list; jsonl: one article per line."),
    batch_size: int = BatchSize,
    max_bytes: int = MaxBytes,
    text_col: Optional[str] = TextCol, title_col: Optional[str] = TitleCol, url_col: Optional[str] = UrlCol,
    date_col: Optional[str] = DateCol, id_col: Optional[str] = IdCol, date_order: Optional[str] = DateOrder,
    outlet_col: Optional[str] = OutletCol,
) -> None:
    """Analyse articles without storing them; print the Article JSON.

    The JSON follows warta/schema/article.schema.json; rejections go to stderr.
    Exit codes: 0 ok; 1 some inputs rejected; 2 nothing could be read.
    """
    if format not in ("json", "jsonl"):
        raise typer.BadParameter("use json or jsonl", param_hint="--format")
    quiet_libraries()
    options = _read_options(max_bytes, text_col, title_col, url_col, date_col, id_col, date_order, outlet_col)
    report = IngestReport()
    try:
        _write_extracted(extract_articles(read_inputs(inputs, options), batch_size=batch_size), format, report)
    except BrokenPipeError:  # `warta extract ... | head`: the reader has had enough
        sys.stdout = open(os.devnull, "w")
        return
    raise typer.Exit(_exit_code(report))


def _write_extracted(results, format: str, report: IngestReport) -> None:
    first = True
    if format == "json":
        sys.stdout.write("[")
    for result in results:
        if isinstance(result, Rejected):
            report.rejected.append(result)
            say(("rejected", "red"), " ", str(result), stderr=True, soft_wrap=True)
            continue
        report.stored += 1
        data = result.model_dump(mode="json")
        if format == "jsonl":
            sys.stdout.write(json_text(data) + "\n")
        else:
            body = json_text(data, indent=2).replace("\n", "\n  ")
            sys.stdout.write(("\n  " if first else ",\n  ") + body)
        first = False
    if format == "json":
        sys.stdout.write("\n]\n" if not first else "]\n")
    sys.stdout.flush()


def bundled_examples() -> list[Path]:
    """The example articles shipped in warta/examples/ (*.txt)."""
    folder = resources.files("warta").joinpath("examples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


@command()
def demo(db: Optional[str] = DbOption) -> None:
    """Quickstart: ingest the bundled example articles and list them.

    The examples are warta/examples/*.txt. Then run `warta show ID` on an id it prints.
    """
    quiet_libraries()
    examples = bundled_examples()
    if not examples:
        raise fail("no bundled examples found in warta/examples/", code=EXIT_NOTHING_READ)
    with store_for(db, write=True) as store:
        report = ingest_items(read_inputs([str(p) for p in examples]), store)
        path = Path(store.path)
        _print_report(report, path)
        # .txt inputs have no id of their own: their id is the content id.
        ids = {content_id(p.read_text(encoding="utf-8")) for p in examples}
        rows = [row for row in store.listing() if row["id"] in ids]
    _print_listing(rows)
    if rows:
        say("\nNext: ", (f"warta show {rows[0]['id']}", "bold"), f" --db {db}" if db else "")
    raise typer.Exit(_exit_code(report))


def _print_listing(rows: list[dict]) -> None:
    table = Table(show_lines=False)
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", max_width=16)
    table.add_column("title", overflow="fold", ratio=1)
    for name in ("entities", "quotes", "figures"):
        table.add_column(name[:3] + ".", justify="right")
    for row in rows:
        table.add_row(safe(row["id"]), safe((row["published"] or "")[:10]), safe(row["outlet"] or ""),
                      safe(row["title"] or Path(row["source"] or "").name),
                      str(row["entities"]), str(row["quotes"]), str(row["figures"]))
    out.print(table)


@command("list")
def list_articles(
    db: Optional[str] = DbOption,
    limit: int = typer.Option(50, "--limit", "-n", help="How many (newest ingested first); 0 = all."),
) -> None:
    """List stored articles, newest ingested first, with annotation counts."""
    with store_for(db) as store:
        rows = store.listing(limit or None)
        total = store.count()
    _print_listing(rows)
    out.print(f"{len(rows)} of {total} articles")


def _find(store, article_id: str) -> Article:
    from warta import services

    try:
        article = services.find_article(store, article_id)
    except services.AmbiguousId as exc:
        raise fail(f"ambiguous id {article_id}: {', '.join(exc.matches)} …", code=EXIT_NOTHING_READ)
    if article is None:
        raise fail(f"no article {article_id} in {store.path}", code=EXIT_NOTHING_READ)
    return article


def _table(title: str, columns: list[str], rows: list[list]) -> Optional[Table]:
    if not rows:
        return None
    table = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def render_article(article: Article, console: Console) -> None:
    """A readable terminal view: metadata, clean text, removed residue, annotations."""
    meta = _Grid.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    for name in ("id", "title", "outlet", "published", "language", "url", "source"):
        meta.add_row(name, safe(getattr(article, name) or "—"))
    console.print(Panel(meta, title="article", title_align="left"))
    console.print(Panel(safe(article.text), title="clean text", title_align="left"))
    span = lambda a: f"{a.start}–{a.end}" + (" (title)" if a.field == "title" else "")  # noqa: E731
    tables = [
        _table("removed residue", ["text", "reason", "at"],
               [[a.text.strip(), a.reason, span(a)] for a in article.boilerplate]),
        _table("entities", ["text", "label", "canonical", "role", "at"],
               [[a.text, a.label, a.canonical, a.role, span(a)] for a in article.entities]),
        _table("quotes", ["speaker", "standing", "kind", "cue", "quote", "at"],
               [[a.speaker, a.speaker_standing, a.kind, a.cue, a.text, span(a)] for a in article.quotes]),
        _table("figures", ["text", "value", "qualifier", "measure", "group", "where", "source", "as of", "scope"],
               [[a.text, f"{a.value:g}", a.qualifier, a.measure, a.group, a.where, a.source, a.as_of, a.scope]
                for a in article.figures]),
        _table("dates", ["text", "value", "kind", "at"], [[a.text, a.value, a.kind, span(a)] for a in article.dates]),
        _table("cited sources", ["name", "cue", "text", "at"],
               [[a.name, a.cue, a.text, span(a)] for a in article.cited_sources]),
    ]
    for table in tables:
        if table is not None:
            console.print(table)


@command()
def show(
    article_id: str = typer.Argument(..., metavar="ID", help="Article id (a unique prefix is enough)."),
    db: Optional[str] = DbOption,
    json_output: bool = typer.Option(False, "--json", help="Print the Article JSON instead."),
) -> None:
    """Show one stored article, readable in a terminal.

    Metadata, clean text, removed residue with reasons, and tables of entities,
    quotes, figures, dates and cited sources. Exit code 2 when the id is unknown.
    """
    with store_for(db) as store:
        article = _find(store, article_id)
    if json_output:
        sys.stdout.write(json_text(article.model_dump(mode="json"), indent=2) + "\n")
    else:
        render_article(article, out)


def _highlight(snippet: str) -> Text:
    """Turn the store's **match** markers into bold text."""
    text = Text()
    for i, part in enumerate(snippet.split("**")):
        text.append_text(safe(part, style="bold yellow" if i % 2 else ""))
    return text


@command()
def search(
    query: str = typer.Argument(..., help="Words to find (FTS5 syntax allowed: \"phrase\", OR, NOT, prefix*)."),
    db: Optional[str] = DbOption,
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=200),
    semantic: bool = typer.Option(False, "--semantic", help="By meaning (title + lead, any language); needs `warta embed`."),
    hybrid: bool = typer.Option(False, "--hybrid", help="Full-text and semantic rankings fused."),
) -> None:
    """Search stored articles, best match first, with snippets: full text (bm25) by default,
    --semantic by meaning (an English query finds Indonesian articles), --hybrid both."""
    from warta import services
    from warta.store.base import ArticleQuery

    mode = "hybrid" if hybrid else "semantic" if semantic else "fulltext"
    with store_for(db) as store:
        try:
            hits = services.search(store, ArticleQuery(text=query), limit, mode=mode, with_facets=False,
                                   strict=True).results
        except services.SearchSyntaxError as exc:  # the API's 400: same check, same words
            raise fail(str(exc), code=EXIT_NOTHING_READ)
        except LookupError as exc:  # no vectors yet
            raise fail(str(exc), code=EXIT_NOTHING_READ)
    if not hits:
        out.print("no match")
        return
    for rank, hit in enumerate(hits, start=1):
        say((f"{rank:>2}. ", "bold"), (hit["id"], "cyan"), (f"  {hit['published'] or ''}  {hit['outlet'] or ''}  ", "dim"),
            (hit["title"] or "", "bold"))
        say("    ", _highlight((hit["snippet"] or "").replace("\n", " ")))


@command()
def export(
    format: str = typer.Option(..., "--format", "-f", help="jsonl (whole Articles), csv or parquet (one row per article)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout; required for parquet)."),
    db: Optional[str] = DbOption,
) -> None:
    """Export every stored article as jsonl, csv or parquet.

    jsonl keeps the whole Article JSON; csv and parquet have metadata, clean text and
    annotation counts per row (parquet also the whole JSON in a `json` column).
    """
    from warta import export as writers

    if format not in writers.FORMATS:
        raise typer.BadParameter("use jsonl, csv or parquet", param_hint="--format")
    if format == "parquet" and output is None:
        raise typer.BadParameter("parquet needs a file: -o FILE", param_hint="--output")
    with store_for(db) as store:
        articles = store.articles()
        if format == "parquet":
            n = writers.write_parquet(articles, output)
        else:
            stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
            try:
                n = writers.write_text(format, articles, stream)
            finally:
                if output:
                    stream.close()
    if output:
        say(f"{n} articles → {output}", stderr=True)
