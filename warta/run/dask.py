"""The pipeline on a Dask cluster: ``warta ingest --workers N`` starts a LocalCluster of N
worker processes on this machine; ``--scheduler tcp://HOST:PORT`` uses a running cluster
(each worker needs warta installed; ``dask worker tcp://HOST:PORT`` starts one).

Only the pipeline runs on the workers, one batch per task; reading the inputs, the
de-duplication and every write stay in this process (``warta.run.batch.ingest``), so the
store has one writer and receives the batches in input order: the store is the same as a
serial run's. Each worker process loads the NLP once (``warta.nlp.load`` is cached per
process) and keeps it for every batch it gets. A task is pure (raw articles in, articles
out), so when a worker dies Dask runs its batches again on another worker and nothing is
lost; at most ``window`` batches are in flight, so memory stays bounded on any input size.
The same runner serves ``warta reprocess`` (the pipeline again over stored inputs) and the
feature step of ``warta stories rebuild`` (``DaskRunner.map``).
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable, Iterator, Optional, Union

from warta.ingest.errors import Rejected
from warta.model import Article, RawArticle


def _process(raws: list[RawArticle]) -> list[Union[Article, Rejected]]:
    """One batch on a worker (module level: workers import it by name)."""
    from warta.run.batch import process_safely

    return process_safely(raws)


def _warm() -> None:
    """Load the pipeline on a worker before batches arrive."""
    from warta import nlp, pipeline  # noqa: F401

    nlp.load()


class DaskRunner:
    """Maps batches to the cluster, yields their results in input order.

    ``workers``: start a LocalCluster of that many single-threaded processes;
    ``scheduler``: connect to a running cluster instead. Use as a context manager."""

    def __init__(self, workers: Optional[int] = None, scheduler: Optional[str] = None,
                 window: Optional[int] = None) -> None:
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            # Processes, not threads: the pipeline holds the GIL. No dashboard: it needs
            # bokeh and a free port, and the progress is printed anyway.
            self.cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.client.run(_warm)
        self.workers = len(self.client.scheduler_info()["workers"])
        self.window = window or 2 * max(self.workers, 1)

    def __call__(self, batches: Iterable[list[RawArticle]]) -> Iterator[list[Union[Article, Rejected]]]:
        """The pipeline over each batch (``warta.run.batch.MapBatches``)."""
        return self.map(_process, batches)

    def map(self, func: Callable[[list], list], batches: Iterable[list]) -> Iterator[list]:
        """``func`` (pure, importable by name on the workers) over each batch, results in
        input order (``warta.run.mapping.MapFunction``)."""
        pending: deque = deque()
        for batch in batches:
            pending.append(self.client.submit(func, batch, pure=False) if batch else None)
            if len(pending) > self.window:
                yield self._result(pending.popleft())
        while pending:
            yield self._result(pending.popleft())

    @staticmethod
    def _result(future) -> list:
        return [] if future is None else future.result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> "DaskRunner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
