"""Ingest readers on real inputs: seeds (.txt), Readability pages (HTML), detik (CSV),
JSON Lines and stdin, plus texts written here."""

from __future__ import annotations

import pytest
import codecs
import io
import json
from pathlib import Path

from conftest import shared_path
from warta.ingest import Columns, ReadOptions, Rejected, read_inputs
from warta.ingest.dates import normalise_date
from warta.ingest.html import looks_like_html
from warta.ingest.text import decode
from warta.model import RawArticle

DETIK = ("data", "news", "detik-1000", "data_berita.csv")


def _articles(items) -> list[RawArticle]:
    items = list(items)
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert not rejected, rejected
    return items


def test_text_files_are_one_article_each(seed_files):
    raws = _articles(read_inputs([str(p) for p in seed_files]))
    assert len(raws) == len(seed_files)
    for raw, path in zip(raws, seed_files):
        assert raw.source == str(path)
        assert raw.raw_text == path.read_text(encoding="utf-8")  # untouched: offsets point into it
        assert not raw.from_html


def test_directory_is_walked_recursively(tmp_path, seed_files):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "one.txt").write_text(seed_files[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "two.txt").write_text("Hujan deras mengguyur Bandung sejak sore.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("tersembunyi", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # unknown extension in a folder: skipped
    raws = _articles(read_inputs([str(tmp_path)]))
    assert sorted(Path(r.source).name for r in raws) == ["one.txt", "two.txt"]


def test_html_page_through_trafilatura():
    page = shared_path("data", "html", "mozilla-readability", "nytimes-1", "source.html")
    meta = json.loads((page.parent / "expected-metadata.json").read_text(encoding="utf-8"))
    [raw] = _articles(read_inputs([str(page)]))
    assert raw.from_html
    assert "<" not in raw.raw_text[:200] and len(raw.raw_text) > 1000
    # The page's own title, as Readability also found it (modulo the site suffix).
    assert raw.title and raw.title.split(" - ")[0] in meta["title"]


def test_html_is_sniffed_without_extension(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><head><title>Longsor di Garut</title></head><body><article>"
                    "<p>Tanah longsor menimbun tiga rumah warga di Kecamatan Cisewu, Garut, pada Minggu "
                    "dini hari. Petugas gabungan masih mencari dua warga yang dilaporkan hilang.</p>"
                    "</article></body></html>", encoding="utf-8")
    [raw] = _articles(read_inputs([str(path)]))
    assert raw.from_html and raw.title == "Longsor di Garut"
    assert raw.raw_text.startswith("Tanah longsor menimbun")
    assert looks_like_html("  <!-- x --><html>") and not looks_like_html("Harga <b>naik</b>")


def test_jsonl_records_keep_their_ids_and_metadata(tmp_path):
    path = tmp_path / "news.jsonl"
    records = [
        {"id": 17, "text": "Harga beras naik di Medan.", "title": "Beras", "outlet": "Kompas",
         "url": "https://example.org/beras", "published": "Selasa, 21 Okt 2025 20:43 WIB"},
        {"html": "<html><body><article><p>Kapal nelayan tenggelam di perairan Maluku Utara, "
                 "lima awak berhasil diselamatkan oleh tim SAR gabungan.</p></article></body></html>",
         "title": "Kapal tenggelam"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    first, second = _articles(read_inputs([str(path)]))
    assert (first.id, first.title, first.outlet, first.source) == ("17", "Beras", "Kompas", f"{path}#1")
    assert first.published == "2025-10-21T20:43+07:00"  # WIB is UTC+7
    assert second.from_html and second.title == "Kapal tenggelam" and "tenggelam" in second.raw_text
    assert second.source == f"{path}#2"


def test_jsonl_lines_split_on_newline_only(tmp_path):
    # Unescaped U+2028 / U+0085 are legal inside JSON strings (str.splitlines would cut there).
    path = tmp_path / "sep.jsonl"
    texts = ["Paragraf satu.\u2028Paragraf dua.", "Harga naik\u0085lagi.", "Biasa saja."]
    path.write_text("\r\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts), encoding="utf-8")
    raws = _articles(read_inputs([str(path)]))
    assert [r.raw_text for r in raws] == texts


def test_stdin_is_json_lines():
    stream = io.StringIO('{"text": "Satu."}\n{"text": "Dua."}\n')
    raws = _articles(read_inputs(["-"], stdin=stream))
    assert [(r.raw_text, r.source) for r in raws] == [("Satu.", "stdin#1"), ("Dua.", "stdin#2")]


@pytest.mark.slow
def test_detik_csv_columns_are_detected():
    raws = _articles(read_inputs([str(shared_path(*DETIK))]))
    assert len(raws) == 1000
    first = raws[0]
    # The CSV's row numbers are not article ids (two CSVs would collide on "1"):
    # without --id-col the id comes from the content.
    assert first.id is None
    assert first.title.startswith("Presiden Banggakan Inflasi")
    assert first.url.startswith("https://news.detik.com/")
    assert first.published == "2025-10-21T20:43"
    assert first.raw_text.startswith("Presiden Prabowo Subianto")
    assert first.source.endswith("data_berita.csv#2")
    # Sources name the line each row starts on, even though bodies span many lines.
    assert int(raws[1].source.rsplit("#", 1)[1]) > 2


def test_csv_with_named_columns(tmp_path):
    path = tmp_path / "lain.csv"
    path.write_text("kode,headline_x,body_x,when\n"
                    'k-1,Gempa Cianjur,"Gempa magnitudo 5,6 mengguncang Cianjur.",03/04/2024\n', encoding="utf-8")
    options = ReadOptions(columns=Columns(text="body_x", title="headline_x", id="kode", date="when"),
                          date_order="DMY")
    [raw] = _articles(read_inputs([str(path)], options))
    assert (raw.id, raw.title, raw.published) == ("k-1", "Gempa Cianjur", "2024-04-03")
    [rejected] = list(read_inputs([str(path)], ReadOptions(columns=Columns(text="isi"))))
    assert isinstance(rejected, Rejected) and "no column 'isi'" in rejected.reason


def test_dates_normalised_to_iso():
    assert normalise_date("10/21/2025 20:43") == "2025-10-21T20:43"
    assert normalise_date("2025-10-21") == "2025-10-21"
    assert normalise_date("21 Oktober 2025") == "2025-10-21"
    assert normalise_date("03/04/2024", "DMY") == "2024-04-03"
    assert normalise_date("") is None and normalise_date("bukan tanggal") is None


def test_encodings_detected():
    text = "Menurut laporan, café di Bogotá menjual “kopi” kata Mbappè dan Muñoz — naïve résumé."
    assert decode(text.encode("cp1252")) == text
    latin1 = text.replace("“", '"').replace("”", '"').replace("—", "-")
    assert decode(latin1.encode("latin-1")) == latin1
    assert decode(text.encode("utf-16")) == text
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == text


@pytest.mark.slow
def test_html_extraction_scores_on_readability_pages():
    from warta.evaluate.html import evaluate, token_prf

    assert token_prf("Banjir di Jakarta", "banjir di jakarta!") == (1.0, 1.0, 1.0)
    p, r, f = token_prf("banjir banjir", "banjir rob")
    assert (p, r) == (0.5, 0.5) and f == 0.5
    scores = evaluate(shared_path("data", "html", "mozilla-readability"))
    assert len(scores.pages) == 130
    assert scores.f1 >= 0.93, f"mean token F1 {scores.f1:.3f} below the 0.93 target"


def test_reused_id_with_other_content_is_rejected_not_lost(tmp_path):
    from warta.run.batch import ingest
    from warta.store import open_store

    store = open_store(tmp_path / "w.db")
    first = RawArticle(raw_text="Banjir merendam 300 rumah di Demak, Jawa Tengah.", id="a-1", source="x#1")
    same = first.model_copy(update={"source": "y#1"})
    other = RawArticle(raw_text="Gempa mengguncang Cianjur pagi ini.", id="a-1", source="y#2")
    report = ingest([first, same, other], store)
    assert (report.stored, report.duplicates) == (1, 1)
    assert [r.source for r in report.rejected] == ["y#2"]
    assert "already used" in report.rejected[0].reason
    assert store.get("a-1").raw_text == first.raw_text
