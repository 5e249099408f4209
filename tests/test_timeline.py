"""``warta timeline`` on real text: the seeds plus Narasipal toll headlines, in as-of
order beside the Gaza official series, flags consistent with their definitions."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import shared_path
from typer.testing import CliRunner

from warta.cli.app import app
from warta.corpus.timeline import FAR, TOLERANCE

runner = CliRunner()


@pytest.mark.slow
def test_timeline_orders_checks_and_flags(tmp_path):
    with open(shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv"), encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["tanggal_publikasi"][:10] in ("2023-11-19", "2023-11-20", "2023-11-24")
                and ("Tewas" in r["judul_berita"] or "Korban" in r["judul_berita"])]
    path = tmp_path / "tolls.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    db = tmp_path / "t.db"
    assert runner.invoke(app, ["ingest", str(path), str(shared_path("seeds")), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["timeline", "--measure", "killed", "--where", "Gaza", "--format", "jsonl", "--db", str(db)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) >= 5
    dates = [r["as_of"] for r in out]
    assert dates == sorted(dates)
    checked = [r for r in out if r["official"] is not None]
    assert checked, "Gaza running tolls are set beside the official count"
    for r in checked:
        far = abs(r["value"] - r["official"]) > FAR * r["official"]
        assert ("far_from_official" in r["flags"]) == far
    for r in out:
        if "conflict" in r["flags"]:
            same = [o for o in out if o["as_of"] == r["as_of"] and o is not r]
            assert any(abs(r["value"] - o["value"]) > TOLERANCE * max(r["value"], o["value"]) for o in same)
    csv_out = runner.invoke(app, ["timeline", "--where", "Gaza", "--format", "csv", "--db", str(db)]).stdout
    assert csv_out.splitlines()[0].startswith("as_of,value") and len(csv_out.splitlines()) == len(out) + 1
