"""Small helpers the CLI command modules share."""

from __future__ import annotations

import logging


class _SayWarning(logging.Handler):
    """A reader's warning (a record kept without its `published`, ...) as one safe line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        from warta.cli.safe import say

        say(("warning", "yellow"), " ", record.getMessage(), stderr=True, soft_wrap=True)


def quiet_libraries() -> None:
    """For commands that read inputs: libraries' noise off, warta's own reader warnings on."""
    # trafilatura and htmldate log a WARNING for every odd page; our rejections say it once.
    for name in ("trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.ERROR)
    log = logging.getLogger("warta.ingest")
    if not any(isinstance(h, _SayWarning) for h in log.handlers):
        log.addHandler(_SayWarning(logging.WARNING))


def article_info(row: dict) -> dict:
    """The article keys of a store quote/figure row (``article_title`` -> ``title``, ...)."""
    return {k[len("article_"):]: v for k, v in row.items() if k.startswith("article_")}


def runner(stack, workers: int, scheduler):
    """Where batches run for ``--workers``/``--scheduler``: a ``DaskRunner`` entered on
    ``stack`` (closed with it), or ``warta.run.batch.serial`` (this process)."""
    from warta.run.batch import serial

    if not (workers or scheduler):
        return serial
    from warta.run.dask import DaskRunner

    return stack.enter_context(DaskRunner(workers=workers or None, scheduler=scheduler))
