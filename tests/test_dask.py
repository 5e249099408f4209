"""The Dask runner: the same store as a serial ingest, and nothing lost when a worker dies."""

from __future__ import annotations

import itertools
import os
import signal

import pytest

from conftest import shared_path
from warta.ingest import read_inputs
from warta.run.batch import ingest
from warta.run.dask import DaskRunner
from warta.store import open_store

pytestmark = pytest.mark.slow
N_DETIK = 37  # with the seeds: 40 articles, 10 batches of 4


def _inputs():
    detik = shared_path("data", "news", "detik-1000", "data_berita.csv")
    return itertools.islice(read_inputs([str(shared_path("seeds")), str(detik)]), 3 + N_DETIK)


def _export(store) -> list[str]:
    return [a.model_dump_json() for a in store.articles()]


@pytest.fixture(scope="module")
def serial_export(tmp_path_factory) -> list[str]:
    with open_store(tmp_path_factory.mktemp("serial") / "w.db") as store:
        report = ingest(_inputs(), store, batch_size=4)
        assert report.stored == 40 and not report.rejected, report.rejected
        return _export(store)


@pytest.fixture(scope="module")
def runner():
    with DaskRunner(workers=2) as r:
        yield r


def test_two_workers_give_the_serial_store(runner, serial_export, store):
    seen = []
    report = ingest(_inputs(), store, batch_size=4, map_batches=runner,
                    on_progress=lambda r: seen.append(r.stored))
    assert (report.stored, report.duplicates, report.rejected) == (40, 0, [])
    assert seen == sorted(seen) and seen[-1] == 40 and len(seen) == 10  # progress per batch
    assert _export(store) == serial_export
    again = ingest(_inputs(), store, batch_size=4, map_batches=runner)  # a rerun doubles nothing
    assert (again.stored, again.duplicates) == (0, 40)


def test_a_killed_worker_loses_nothing(runner, serial_export, tmp_path):
    pids = list(runner.client.run(os.getpid).values())
    killed = []

    def kill_one(report):
        if not killed:  # batches are in flight on both workers now
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    with open_store(tmp_path / "w.db") as store:
        report = ingest(_inputs(), store, batch_size=4, map_batches=runner, on_progress=kill_one)
        assert killed and (report.stored, report.rejected) == (40, [])
        assert _export(store) == serial_export
    assert pids[0] not in runner.client.run(os.getpid).values()  # the nanny started a new one
