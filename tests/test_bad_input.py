"""Bad input never stops a batch: each bad input is rejected with a one-line reason and
the rest is stored; an ingest killed mid-way and rerun loses and doubles nothing."""

from __future__ import annotations

import csv
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, shared_path
from warta.ingest import ReadOptions, Rejected, read_inputs
from warta.run.batch import ingest
from warta.model import RawArticle
from warta.store.sqlite import SQLiteStore

GOOD = ("Petugas pemadam kebakaran berhasil memadamkan api yang membakar sebuah pasar "
        "tradisional di Palembang pada Kamis malam. Tidak ada korban jiwa dalam peristiwa itu.")


def detik_bodies(n: int) -> list[str]:
    path = shared_path("data", "news", "detik-1000", "data_berita.csv")
    with path.open(encoding="utf-8", newline="") as f:
        bodies = list(dict.fromkeys(row["isi_berita"] for row in csv.DictReader(f)))
    assert len(bodies) >= n
    return bodies[:n]


@pytest.fixture()
def bad_folder(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(Path(sys.executable).read_bytes()[:4096])
    (folder / "latin1.txt").write_bytes("Pemain asal Kolombia, José Muñoz, mencetak gol kemenangan "
                                        "di stadion Bogotá.".encode("latin-1"))
    (folder / "truncated.html").write_text(
        "<html><head><title>Kebakaran Pasar</title></head><body><article><p>" + GOOD +
        "</p><p>Api diduga berasal dari korsleting list", encoding="utf-8")
    (folder / "garbage.html").write_text("<html><<div>>></p><body", encoding="utf-8")
    (folder / "records.jsonl").write_text(
        '{"id": "r1", "text": "Nelayan di Natuna melaporkan kapal asing masuk perairan Indonesia."}\n'
        '{"id": "r2", "text": \n'
        '{"id": "r3", "text": "Harga cabai rawit di Surabaya turun menjadi Rp40 ribu per kilogram."}\n',
        encoding="utf-8")
    (folder / "copy-of-good.txt").write_text(GOOD + "\n", encoding="utf-8")  # duplicate content
    (folder / "huge.txt").write_text("kata " * 10_000_000, encoding="utf-8")  # 50 MB
    return folder


@pytest.mark.slow
def test_bad_inputs_are_rejected_one_by_one(bad_folder, tmp_path):
    with SQLiteStore(tmp_path / "w.db") as store:
        report = ingest(read_inputs([str(bad_folder)]), store)
        stored = {a.source.split("/in/")[-1]: a for a in store.articles()}
    reasons = {Path(r.source).name: r.reason for r in report.rejected}
    assert reasons["empty.txt"] == "empty file"
    assert "only whitespace" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "50.0 MB" in reasons["huge.txt"] and "--max-bytes" in reasons["huge.txt"]
    assert reasons["records.jsonl#2"] == "line 2: not valid JSON"
    assert all("\n" not in r for r in reasons.values())
    # Everything else got through, each once.
    assert {"latin1.txt", "truncated.html", "records.jsonl#1", "records.jsonl#3"} <= set(stored)
    assert "José Muñoz" in stored["latin1.txt"].raw_text
    assert stored["truncated.html"].raw_text.startswith("Petugas pemadam")
    # The same text under two names: stored once, the other counted as a duplicate.
    assert ("good.txt" in stored) != ("copy-of-good.txt" in stored) and report.duplicates == 1
    # The garbage page is either read or rejected with a reason, never a crash.
    assert ("garbage.html" in stored) != ("garbage.html" in reasons)
    assert report.stored == len(stored)


def test_size_limit_is_an_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    [rejected] = read_inputs([str(path)], ReadOptions(max_bytes=100))
    assert isinstance(rejected, Rejected) and "limit" in rejected.reason
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"text": "pendek"}\n{"text": "%s"}\n' % GOOD, encoding="utf-8")
    short, long = read_inputs([str(jsonl)], ReadOptions(max_bytes=100))
    assert isinstance(short, RawArticle) and isinstance(long, Rejected) and "line 2" in long.reason


@pytest.mark.slow
def _ingest_with_extra_stage(tmp_path, monkeypatch, step, marker: str):
    """Ingest three articles, the second marked with ``marker``, through the pipeline plus
    one more stage running ``step``; returns the report."""
    from warta import pipeline

    extra = pipeline.Stage("extra", pipeline.per_article(step), requires=("docs",), assigns=())
    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + (extra,))
    raws = [RawArticle(raw_text=GOOD, source="a"), RawArticle(raw_text=f"{marker} " + GOOD, source="b"),
            RawArticle(raw_text="Jalan tol Cipali macet panjang saat arus mudik.", source="c")]
    with SQLiteStore(tmp_path / "w.db") as store:
        report = ingest(raws, store)
        assert report.stored == 2 and store.count() == 2
    return report


def test_one_article_breaking_the_pipeline_is_rejected_alone(tmp_path, monkeypatch):
    def explode(work):
        if "MELEDAK" in work.raw.raw_text:
            raise RuntimeError("stage failed")

    [rejected] = _ingest_with_extra_stage(tmp_path, monkeypatch, explode, "MELEDAK").rejected
    assert rejected.source == "b" and "RuntimeError: stage failed" in rejected.reason


def test_one_article_stalling_the_pipeline_is_rejected_alone(tmp_path, monkeypatch):
    """The per-article CPU-time guard: a stage stuck on one article (here a busy loop)
    rejects that article with a one-line reason; the others of its batch are stored."""
    from warta import settings

    def stall(work):
        while "BERHENTI" in work.raw.raw_text:
            pass

    monkeypatch.setattr(settings, "ARTICLE_CPU_SECONDS", 1.0)
    [rejected] = _ingest_with_extra_stage(tmp_path, monkeypatch, stall, "BERHENTI").rejected
    assert rejected.source == "b" and "over 1 s of CPU time" in rejected.reason
    assert "\n" not in rejected.reason


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.slow
def test_killed_ingest_rerun_loses_and_doubles_nothing(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    bodies = detik_bodies(120)
    for i, body in enumerate(bodies):
        (folder / f"{i:04d}.txt").write_text(body, encoding="utf-8")
    db = tmp_path / "w.db"
    command = [sys.executable, "-c", "from warta.cli.app import main; main()",
               "ingest", str(folder), "--db", str(db), "--batch-size", "4"]
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(db) < 12 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()[-500:]}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 0 < partial < len(bodies)

    rerun = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(bodies) - partial} stored · {partial} duplicate · 0 rejected" in rerun.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(bodies)
        assert conn.execute("SELECT count(DISTINCT source) FROM articles").fetchone()[0] == len(bodies)
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == len(bodies)
        # Derived rows belong to stored articles and match their JSON: no half-written batch.
        stored_entities = sum(len(json.loads(j)["entities"])
                              for (j,) in conn.execute("SELECT json FROM articles"))
        assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == stored_entities


def test_json_fields_of_the_wrong_type_or_with_surrogates_get_their_own_reason():
    from warta.ingest.tabular import jsonl_articles

    lines = [json.dumps({"text": 42}), json.dumps({"text": ["a", "b"]}), json.dumps({"title": True}),
             '{"text": "\\udcff halo"}', json.dumps({"text": GOOD, "outlet": {"a": 1}}),
             json.dumps({"text": "ada\u0000nul " + GOOD, "id": 7})]
    items = list(jsonl_articles(lines, "x.jsonl", max_bytes=10**6))
    reasons = [i.reason for i in items if isinstance(i, Rejected)]
    assert reasons == ["line 1: 'text' is a number, not a string",
                       "line 2: 'text' is a list, not a string",
                       "line 3: 'title' is a boolean, not a string",
                       "line 4: 'text' holds an unpaired surrogate (\\udcff) at character 0, which is not text",
                       "line 5: 'outlet' is an object, not a string"]
    assert isinstance(items[-1], RawArticle) and items[-1].id == "7"  # NUL kept, numeric id read
