"""How batch work is spread: a map function takes a pure batch function and batches, and
yields each batch's result in input order. ``map_serially`` runs here; a
``warta.run.dask.DaskRunner``'s ``map`` runs on a Dask cluster. (A module of its own so the
corpus views can take a map function without importing the ingest runner.)"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

MapFunction = Callable[[Callable[[list], list], Iterable[list]], Iterator[list]]


def map_serially(func: Callable[[list], list], batches: Iterable[list]) -> Iterator[list]:
    for batch in batches:
        yield func(batch) if batch else []
