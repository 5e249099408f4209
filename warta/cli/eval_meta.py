"""``warta evaluate metadata``: title, outlet, publication date, cited sources and residue
against the seed gold, and (optionally) publication date and residue on the detik corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from warta.cli.options import evaluate_command
from warta.settings import shared_root

_SHARED = shared_root()
DEFAULT_GOLD = _SHARED / "gold"
DEFAULT_DETIK = _SHARED / "data" / "news" / "detik-1000" / "data_berita.csv"
DEFAULT_INDOTIMEX = _SHARED / "data" / "dates" / "indotimex"


@evaluate_command("metadata")
def evaluate_metadata(
    gold: Path = typer.Option(DEFAULT_GOLD, "--gold", help="Folder of seed gold JSON files (seeds in ../seeds beside it)."),
    detik: Optional[Path] = typer.Option(DEFAULT_DETIK, "--detik",
                                         help="detik CSV (isi_berita, tanggal) for publication date and residue; "
                                              "pass an empty string to skip."),
    indotimex: Optional[Path] = typer.Option(DEFAULT_INDOTIMEX, "--indotimex",
                                             help="IndoTimex folder (Kompas TimeML with creation dates) for "
                                                  "outlet and publication date; pass an empty string to skip."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every mismatch."),
) -> None:
    """Accuracy per field (published within one day), cited sources P/R/F1, and any gold
    boilerplate string left in the clean text."""
    from warta.evaluate.metadata import PUBLISHED_TOLERANCE_DAYS, score_detik, score_indotimex, score_seeds

    if not gold.is_dir():
        raise typer.BadParameter(f"{gold} is not a folder", param_hint="--gold")
    try:
        seeds = score_seeds(gold.resolve())
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Seed gold ({gold}), whole pipeline:")
    for name, acc in seeds.fields.items():
        note = f" (±{PUBLISHED_TOLERANCE_DAYS} day)" if name == "published" else ""
        typer.echo(f"  {name + note:<22} accuracy {acc.value:.3f} ({acc.correct}/{acc.total})")
    c = seeds.cited
    typer.echo(f"  cited sources          P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f} "
               f"(tp {c.tp}, fp {c.fp}, fn {c.fn})")
    typer.echo(f"  gold boilerplate left in clean text: {len(seeds.residue_left) or 'none'}")
    for line in seeds.residue_left:
        typer.echo("    " + line)
    if seeds.bad_offsets:
        typer.echo(f"  boilerplate with wrong offsets: {len(seeds.bad_offsets)}")
        for line in seeds.bad_offsets:
            typer.echo("    " + line)
    if verbose or any("pipeline failed" in e for e in seeds.errors):
        for line in seeds.errors:
            typer.echo("    " + line)

    if detik and str(detik) not in ("", "."):
        if not detik.is_file():
            raise typer.BadParameter(f"{detik} is not a file", param_hint="--detik")
        corpus = score_detik(detik.resolve())
        typer.echo(f"detik corpus ({detik}): {corpus.articles} articles, clean + meta only")
        typer.echo(f"  published found        {corpus.published_coverage:.3f} "
                   f"({corpus.published_found}/{corpus.articles})")
        typer.echo(f"  published correct (±{PUBLISHED_TOLERANCE_DAYS} day of the CSV time) "
                   f"{corpus.published_precision:.3f} ({corpus.published_ok}/{corpus.published_found})")
        typer.echo(f"  titles found in headline-less text (false) {corpus.titles_found}")
        typer.echo(f"  CSV headline above the text found as title {corpus.titles_recovered / corpus.articles:.3f} "
                   f"({corpus.titles_recovered}/{corpus.articles})")
        for k, n in corpus.residue_left.items():
            typer.echo(f"  articles still holding {k!r}: {n}")

    if indotimex and str(indotimex) not in ("", "."):
        folders = [indotimex / "development_raw", indotimex / "gold"]
        if not any(f.is_dir() for f in folders):
            raise typer.BadParameter(f"{indotimex} has no development_raw/ or gold/", param_hint="--indotimex")
        kompas = score_indotimex([f for f in folders if f.is_dir()])
        typer.echo(f"IndoTimex Kompas articles ({indotimex}): {kompas.articles} articles, clean + meta only")
        typer.echo(f"  outlet = {kompas.outlet_expected!r}    accuracy {kompas.outlet_ok / kompas.articles:.3f} "
                   f"({kompas.outlet_ok}/{kompas.articles})")
        typer.echo(f"  published found        {kompas.published_coverage:.3f} "
                   f"({kompas.published_found}/{kompas.articles})")
        typer.echo(f"  published correct (±{PUBLISHED_TOLERANCE_DAYS} day of the DCT) "
                   f"{kompas.published_precision:.3f} ({kompas.published_ok}/{kompas.published_found})")
