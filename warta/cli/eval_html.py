"""``warta evaluate html``: main-text extraction scored on Readability's test pages."""

from __future__ import annotations

import logging
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from warta.cli.options import evaluate_command
from warta.settings import shared_path

DEFAULT_PAGES = shared_path("data", "html", "mozilla-readability")


@evaluate_command("html")
def evaluate_html(
    pages: Path = typer.Option(DEFAULT_PAGES, "--pages", help="Folder of page folders (source.html, expected.html)."),
    worst: int = typer.Option(0, "--worst", help="Print only the N worst pages (0 = all)."),
) -> None:
    """Score HTML main-text extraction: bag-of-words token precision/recall/F1 per page
    against expected.html, and the means."""
    from warta.evaluate.html import evaluate

    for name in ("trafilatura", "htmldate"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if not pages.is_dir():
        raise typer.BadParameter(f"{pages} is not a folder", param_hint="--pages")
    scores = evaluate(pages)
    rows = sorted(scores.pages, key=lambda p: p.f1)[:worst] if worst else scores.pages
    table = Table("page", "precision", "recall", "F1")
    for p in rows:
        table.add_row(p.page, f"{p.precision:.3f}", f"{p.recall:.3f}", f"{p.f1:.3f}")
    table.add_section()
    table.add_row(f"mean of {len(scores.pages)}", f"{scores.precision:.3f}", f"{scores.recall:.3f}",
                  f"{scores.f1:.3f}", style="bold")
    Console().print(table)
