"""Issue 10: article text reaches the terminal shown, never interpreted."""

from __future__ import annotations

from typer.testing import CliRunner

from warta.cli.app import app
from warta.cli.safe import visible
from warta.model import Article
from warta.store.sqlite import SQLiteStore

HOSTILE_TITLE = "[/] [link=http://evil.example]klik[/link] \x1b]8;;http://x\x07\x1b[31mmerah \u202egnilam"


def test_control_and_bidi_characters_are_made_visible():
    shown = visible(HOSTILE_TITLE)
    assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert "␛[31m" in shown and "\\u202e" in shown and "[/]" in shown


def test_list_shows_a_hostile_title_as_text(tmp_path):
    db = tmp_path / "w.db"
    text = "Warga Jakarta merayakan ulang tahun kota dengan pawai budaya di Monas."
    with SQLiteStore(db) as store:
        store.save([Article(id="a1", source="x.txt", title=HOSTILE_TITLE, text=text, raw_text=text)])
    result = CliRunner().invoke(app, ["list", "--db", str(db)])
    assert result.exit_code == 0, result.output
    flat = "".join(result.output.split())
    assert "[/]" in flat and "[link=http://evil.example]" in flat and "\x1b" not in result.output


def test_csv_export_neutralises_formula_cells():
    import csv
    import io

    from warta.export import write_text

    text = "Warga Jakarta merayakan ulang tahun kota dengan pawai budaya di Monas."
    titles = ['=HYPERLINK("http://evil.example","klik")', "+SUM(A1:A2)", "@SUM(A1)", "-2+3", "Judul biasa"]
    stream = io.StringIO()
    write_text("csv", [Article(id=f"a{i}", source="x", title=t, text=text, raw_text=text)
                       for i, t in enumerate(titles)], stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [r["title"] for r in rows] == ["'" + t for t in titles[:4]] + ["Judul biasa"]
    assert rows[0]["n_entities"] == "0"
