"""Shared test fixtures. Tests read real data from ../shared/ (relative to the repo root)
and fail loudly when it is missing: a skipped test proves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def shared_path(*parts: str) -> Path:
    """Path inside ../shared; raises (never skips) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: these tests need the shared data beside the repository "
            f"(../shared from {REPO})")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    files = sorted(shared_path("seeds").glob("*.txt"))
    assert files, "no seed articles in ../shared/seeds"
    return files


@pytest.fixture(scope="session")
def served_db(tmp_path_factory, seed_files) -> Path:
    """A store holding the seed articles run through the real pipeline (for the HTTP
    faces' tests); built once per session."""
    from warta.ingest import read_inputs
    from warta.run.batch import ingest
    from warta.store.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("served") / "warta.db"
    with SQLiteStore(path) as store:
        report = ingest(read_inputs([str(p) for p in seed_files]), store)
    assert report.stored == len(seed_files), report.rejected
    return path
