"""``warta evaluate ner``: entity-level P/R/F1 of the NLP pipeline on a BIO file."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from warta.cli.options import evaluate_command
from warta.settings import shared_path

_NER = shared_path("data", "ner")
# The splits the shipped model was never trained on (see training/convert.py).
DEFAULT_DATA = [
    _NER / "nergrit" / "valid_preprocess.txt",
    _NER / "indolem" / "nerui" / "test.01.tsv",
    _NER / "indolem" / "nerugm" / "test.01.tsv",
]


def _parse_maps(items: List[str]) -> dict[str, str]:
    from warta.evaluate.ner import DEFAULT_MAP

    mapping = dict(DEFAULT_MAP)
    for item in items:
        tag, sep, label = item.partition("=")
        if not sep or not tag or label not in {"PER", "ORG", "LOC", "EVT", "O"}:
            raise typer.BadParameter(f"expected TAG=PER|ORG|LOC|EVT|O, got {item!r}", param_hint="--map")
        mapping[tag] = label
    return mapping


@evaluate_command("ner")
def evaluate_ner(
    data: Optional[List[Path]] = typer.Option(None, "--data", help="Token-per-line BIO file(s); default: NERGrit valid, IndoLEM NER-UI and NER-UGM test.01."),
    fmt: str = typer.Option("bio", "--format", help="bio (token TAB tag) or conll (whitespace columns, tag last)."),
    maps: List[str] = typer.Option([], "--map", help="Extra tag mapping, e.g. --map GPE=LOC --map MISC=O."),
    model: Optional[Path] = typer.Option(None, "--model", help="A spaCy model directory instead of the shipped one."),
    gazetteer: bool = typer.Option(True, "--gazetteer/--no-gazetteer", help="Add the gazetteer EntityRuler after the model."),
    gold: Optional[List[Path]] = typer.Option(None, "--gold", help="Headline gold (JSONL with character offsets), e.g. warta/evaluate/data/ner_headlines_dev.jsonl; scored through the whole NLP stage (shipped model and rules)."),
) -> None:
    """Precision/recall/F1 per label and micro-averaged (exact entity spans); only the
    labels the gold file uses are scored."""
    from warta.evaluate.ner import evaluate, evaluate_headlines
    from warta.nlp import MODEL_DIR, build

    if fmt not in ("bio", "conll"):
        raise typer.BadParameter("use bio or conll", param_hint="--format")
    tag_map = _parse_maps(maps)
    failed = False
    nlp = build(model or MODEL_DIR, gazetteer=gazetteer)
    for path in gold or []:
        try:
            _print(path, evaluate_headlines(path, nlp))
        except (OSError, ValueError, KeyError) as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            failed = True
    if gold and not data:
        if failed:
            raise typer.Exit(1)
        return
    for path in data or DEFAULT_DATA:
        try:
            scores = evaluate(nlp, path, tag_map, fmt)
        except (OSError, ValueError) as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            failed = True
            continue
        _print(path, scores)
    if failed:
        raise typer.Exit(1)


def _print(path: Path, scores) -> None:
    typer.echo(f"{path}")
    typer.echo(f"  {'label':6} {'prec':>6} {'recall':>6} {'F1':>6} {'support':>7}")
    for row in scores.table():
        typer.echo(f"  {row['label']:6} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:7d}")
