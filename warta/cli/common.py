"""Small helpers the CLI command modules share."""

from __future__ import annotations

import logging


def quiet_libraries() -> None:
    # trafilatura and htmldate log a WARNING for every odd page; our rejections say it once.
    for name in ("trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.ERROR)


def article_info(row: dict) -> dict:
    """The article keys of a store quote/figure row (``article_title`` -> ``title``, ...)."""
    return {k[len("article_"):]: v for k, v in row.items() if k.startswith("article_")}


def annotation_fields(row: dict, fields: tuple[str, ...]) -> dict:
    """The annotation's own non-null fields of a store row, ready for ``model_validate``."""
    return {k: row[k] for k in fields if row.get(k) is not None}


def runner(stack, workers: int, scheduler):
    """Where batches run for ``--workers``/``--scheduler``: a ``DaskRunner`` entered on
    ``stack`` (closed with it), or ``warta.run.batch.serial`` (this process)."""
    from warta.run.batch import serial

    if not (workers or scheduler):
        return serial
    from warta.run.dask import DaskRunner

    return stack.enter_context(DaskRunner(workers=workers or None, scheduler=scheduler))
