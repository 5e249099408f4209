"""Issue 10: what ingest says about odd inputs — an invalid `published` is a warning naming
the record and the value (not dropped silently), a symbolic link loop is called one, a
file name that is not UTF-8 neither stops the batch nor reaches the terminal raw, and a
malformed search query says so in one line; plus the ingest UX the issue found missing
(headline-only CSVs, --outlet-col, one ISO date form)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from warta.cli.app import app
from warta.ingest import Columns, ReadOptions, Rejected, read_inputs
from warta.model import RawArticle

GOOD = ("Petugas pemadam kebakaran berhasil memadamkan api yang membakar sebuah pasar "
        "tradisional di Palembang pada Kamis malam. Tidak ada korban jiwa dalam peristiwa itu.")
OTHER = "Harga cabai rawit di Surabaya turun menjadi Rp40 ribu per kilogram pekan ini."


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_an_invalid_published_is_reported_with_its_record_and_value(tmp_path, caplog):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": GOOD, "published": "kemarin sore"}) + "\n"
                    + json.dumps({"text": OTHER, "published": "2023-10-07"}) + "\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="warta.ingest"):
        first, second = read_inputs([str(path)])
    assert first.published is None and second.published == "2023-10-07"
    [warning] = caplog.messages
    assert f"{path}#1" in warning and "'kemarin sore'" in warning and "not a date" in warning


@pytest.mark.slow
def test_ingest_prints_the_date_warning_and_stores_the_article(tmp_path):
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["judul", "isi_berita", "tanggal"], ["Pasar terbakar", GOOD, "bukan\x1b[31m tanggal"]])
    result = run("ingest", str(path), "--db", str(tmp_path / "w.db"))
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output
    [line] = [ln for ln in result.output.splitlines() if ln.startswith("warning")]
    assert f"{path}#2" in line and "'bukan\\x1b[31m tanggal'" in line and "\x1b" not in result.output


def test_a_symlink_loop_is_reported_as_a_loop(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    [rejected] = read_inputs([str(loop)])
    assert isinstance(rejected, Rejected) and "symbolic link loop" in rejected.reason
    items = list(read_inputs([str(folder)]))
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Rejected)}
    assert "symbolic link to a missing file" in reasons["gone.txt"]  # was skipped without a word
    assert sum(isinstance(i, RawArticle) for i in items) == 1
    assert read_inputs([str(tmp_path / "absent.txt")]).__next__().reason == "no such file or directory"


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_does_not_stop_the_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(GOOD, encoding="utf-8")
    bad = os.path.join(os.fsencode(folder), b"caf\xe9-\x1b[31m.txt")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(OTHER)
    db = str(tmp_path / "w.db")
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 0, result.output  # it was a traceback and nothing stored
    assert "2 stored" in result.output
    listing = run("list", "--db", db)
    assert "caf\\xe9-␛[31m.txt" in listing.output and "\x1b" not in listing.output


def test_a_malformed_search_query_is_one_line_suggesting_quotes(tmp_path):
    from warta.store.sqlite import SQLiteStore

    db = str(tmp_path / "w.db")
    SQLiteStore(db).close()
    for query in ('"Gaza', "AND", "Israel-Gaza"):
        result = run("search", query, "--db", db)
        assert result.exit_code == 2, result.output
        [line] = result.output.strip().splitlines()
        assert line.startswith("error: not a valid search query") and "double quotes" in line
    assert run("search", '"Israel-Gaza"', "--db", db).exit_code == 0


def test_a_headline_only_csv_is_recognised_without_flags(tmp_path):
    """The Narasipal headline set: judul_berita, sumber_berita, url, tanggal_publikasi."""
    with shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv").open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(4)]
    path = tmp_path / "headlines.csv"
    path.write_text("".join(lines), encoding="utf-8")
    rows = list(csv.DictReader(lines))
    items = list(read_inputs([str(path)]))
    assert len(items) == 3 and all(isinstance(i, RawArticle) for i in items)
    for item, row in zip(items, rows):
        assert item.raw_text == item.title == row["judul_berita"]
        assert item.outlet == row["sumber_berita"] and item.url == row["url"]
        # one stored form: "2023-10-07 12:57:00" -> "2023-10-07T12:57" (it was kept with seconds)
        assert item.published == row["tanggal_publikasi"][:16].replace(" ", "T")


def test_outlet_column_option_and_one_iso_date_form(tmp_path):
    from warta.ingest.dates import normalise_date

    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["isi", "portal", "tanggal"], [GOOD, "Kompas", "2023-10-07T12:57:00+07:00"]])
    [item] = read_inputs([str(path)], ReadOptions(columns=Columns(outlet="portal")))
    assert item.outlet == "Kompas" and item.published == "2023-10-07T12:57+07:00"
    help_text = run("ingest", "--help").output
    assert "--outlet-col" in help_text
    forms = {normalise_date(v) for v in ("2023-10-07 12:57:00", "2023-10-07T12:57", "10/07/2023 12:57",
                                         "7 Oktober 2023 12:57:59")}
    assert forms == {"2023-10-07T12:57"}  # to the minute, whatever the input's form
    assert normalise_date("Sabtu, 7 Okt 2023 12:57 WIB") == normalise_date("2023-10-07T12:57:00+07:00") \
        == "2023-10-07T12:57+07:00"


def test_html_metadata_is_stored_as_plain_text():
    from warta.ingest.html import html_article

    page = ("<html><head><title>x</title>"
            '<meta property="og:site_name" content="Detik&lt;Script&gt;Alert(2)&lt;/Script&gt;">'
            '<meta property="og:title" content="Banjir &lt;i&gt;besar&lt;/i&gt; melanda Bogor, harga &lt; Rp10.000">'
            "</head><body><article><p>" + GOOD + "</p></article></body></html>")
    raw = html_article(page, "evil.html")
    # trafilatura unescapes the attribute: the site name arrived as '<Script>' markup
    assert raw.outlet == "Detik"
    assert raw.title == "Banjir besar melanda Bogor, harga < Rp10.000"


def test_progress_without_a_terminal_is_a_plain_line_with_the_total(tmp_path, monkeypatch):
    from warta.cli import articles
    from warta.ingest.files import count_articles

    path = tmp_path / "a.jsonl"
    texts = [GOOD, OTHER, "Nelayan di Natuna melaporkan kapal asing masuk perairan Indonesia.", "{bukan json"]
    path.write_text("".join((t if t.startswith("{") else json.dumps({"text": t})) + "\n" for t in texts),
                    encoding="utf-8")
    assert count_articles([str(path)]) == 4 and count_articles(["-"]) is None
    monkeypatch.setattr(articles, "PLAIN_PROGRESS_SECONDS", 0.0)
    result = run("ingest", str(path), "--db", str(tmp_path / "w.db"), "--batch-size", "2")
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("ingest: ")]
    assert lines and lines[-1].startswith("ingest: 4 of 4 (100%), about 0:00 left · 3 stored"), lines
    assert lines[0].startswith("ingest: 2 of 4 (50%), about "), lines


def test_version():
    import tomllib

    from conftest import REPO

    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    result = run("--version")
    assert result.exit_code == 0 and result.output == f"warta {version}\n"


def test_a_published_that_names_no_calendar_day_is_no_date():
    """It was read against the day of the ingest: 'kemarin' (yesterday), '2 jam yang lalu',
    a bare year (given today's month and day) and '32/13/2023 <ESC>[31m' (31 minutes ago)
    all became dates of the ingest run."""
    from warta.ingest.dates import normalise_date

    for value in ("kemarin", "2 jam yang lalu", "2023", "Oktober 2025", "Senin 12:30", "32/13/2023 \x1b[31m"):
        assert normalise_date(value) is None, value
    assert normalise_date("Selasa, 21 Okt 2025 20:43 WIB") == "2025-10-21T20:43+07:00"
    assert normalise_date("7 Okt. 2023, 12.57 WIB") == "2023-10-07T12:57+07:00"
    assert normalise_date("Sabtu, 07/10/2023 12:57", "DMY") == "2023-10-07T12:57"
