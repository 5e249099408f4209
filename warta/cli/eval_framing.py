"""``warta evaluate framing``: loaded-language spans against the framing gold, beside a
plain lexicon baseline."""

from __future__ import annotations

from pathlib import Path

import typer

from warta.cli.options import evaluate_command
from warta.settings import shared_root

_SHARED = shared_root()


def _acc(a) -> str:
    return f"{a.value:6.3f}" if a.total else f"{'—':>6}"   # nothing matched: no accuracy to give


def _line(name: str, s) -> str:
    return (f"{name:34} {s.spans.precision:6.3f} {s.spans.recall:6.3f} {s.spans.f1:6.3f} "
            f"{_acc(s.category)} {_acc(s.attribution)} {s.spans.tp + s.spans.fn:5d} {s.spans.tp + s.spans.fp:5d}")


@evaluate_command("framing")
def evaluate_framing(
    part: str = typer.Option("all", "--part", help="dev, heldout or all."),
    shared: Path = typer.Option(_SHARED, "--shared", help="The shared data folder (seeds, detik-1000)."),
    bodies: bool = typer.Option(True, "--bodies/--no-bodies", help="Also score the 30 article bodies (runs the pipeline)."),
    errors: int = typer.Option(0, "--errors", help="Print up to N wrong spans per data set."),
) -> None:
    """Span P/R/F1 (exact words, case-insensitive), then category and attribution accuracy
    over matched spans; per category and per outlet; the lexicon baseline in the same run.
    Headlines are scored as titles; bodies through the whole pipeline."""
    from warta.evaluate import framing as F

    parts = F.PARTS if part == "all" else (part,)
    if any(p not in F.PARTS for p in parts):
        raise typer.BadParameter(f"--part must be one of dev, heldout, all (got {part!r})")
    header = f"{'data':34} {'prec':>6} {'recall':>6} {'F1':>6} {'categ':>6} {'attrib':>6} {'gold':>5} {'pred':>5}"
    for p in parts:
        sets = [(f"headlines {p}", F.load_headlines(p))]
        if bodies:
            try:
                sets.append((f"bodies {p}", F.load_bodies(p, shared)))
            except OSError as exc:
                typer.echo(f"error: bodies need {shared}: {exc}", err=True)
                raise typer.Exit(1)
        for name, items in sets:
            if items and items[0].headline is not None:
                system = F.score(items, lambda it: F.system_headline(it.headline))
                base = F.score(items, lambda it: F.baseline(it.headline, "title"))
            else:
                system = F.score(items, F.system_bodies([it.raw for it in items]))
                base = F.score(items, lambda it: F.baseline_body(it.raw))
            typer.echo(f"\n{header}")
            typer.echo(_line(f"{name} warta", system))
            typer.echo(_line(f"{name} lexicon baseline", base))
            for cat in sorted(system.by_category):
                c = system.by_category[cat]
                typer.echo(f"  {cat:32} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {'':6} {'':6} {c.tp + c.fn:5d} {c.tp + c.fp:5d}")
            if len(system.by_outlet) > 1:
                for outlet in sorted(system.by_outlet):
                    typer.echo(_line(f"  {outlet}", system.by_outlet[outlet]))
            for line in system.errors[:errors]:
                typer.echo(f"    {line}")
