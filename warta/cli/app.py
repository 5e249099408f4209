"""The ``warta`` command. Each command group lives in its own module and registers its
commands on ``app`` (or on ``evaluate_app`` for ``warta evaluate ...``)."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="warta: offline news intelligence for Indonesian-language media.")
evaluate_app = typer.Typer(no_args_is_help=True, help="Score warta against gold data (precision, recall, F1).")
app.add_typer(evaluate_app, name="evaluate")


def _register() -> None:
    # Imported for their side effect of registering commands.
    from warta.cli import articles, entities_cmds, figures_cmds, framing_cmds, quotes_cmds, search_cmds, serve_cmds  # noqa: F401
    from warta.cli import eval_dates, eval_figures, eval_framing, eval_html, eval_linking, eval_meta, eval_ner, eval_quotes, eval_search  # noqa: F401
    from warta.cli import eval_stories, stories_cmds  # noqa: F401


def main() -> None:
    _register()
    app()
