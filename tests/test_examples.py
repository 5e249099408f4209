"""The bundled example articles (warta/examples, written for warta, not taken from any
corpus) clean and yield metadata as a reader of them would expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta import meta, pipeline
from warta.clean import clean
from warta.evaluate.metadata import same_day
from warta.model import RawArticle

EXAMPLES = Path(__file__).resolve().parents[1] / "warta" / "examples"

# name: (title, outlet, published, cited sources, residue that must go, text that must stay)
EXPECTED = {
    "gempa_cianjur.txt": (
        "Gempa Magnitudo 5,6 Guncang Cianjur, Ratusan Rumah Rusak", "CNN Indonesia", "2024-03-04",
        ["BNPB", "Antara"],
        ["Baca juga:", "ADVERTISEMENT", "SCROLL TO CONTINUE", "01:15", "Detik-detik gempa",
         "Simak juga Video", "Tinggalkan Balasan", "Alamat email"],
        ["Bogor. Warga berhamburan", "Jakarta. Ia menambahkan", "Rp 1,9 miliar", "1.480 rumah",
         "Jl.Raya Bandung", "dr.Hasan Sadikin", "www.bnpb.go.id. Data", "pukul 13.21 WIB"]),
    "banjir_pakistan.txt": (
        None, "Republika", "2022-08-30",
        ["Al Jazeera", "Otoritas Penanggulangan Bencana Nasional", "UNICEF"],
        ["Image description", "Residents wade", "IklanIklan", "Saksikan juga Video", "sumber: Republika"],
        ["anak-anak. Lebih dari 33 juta", "7,8 kali lipat", "tahun. Ribuan hektare", "US$160 juta",
         '"Ini adalah bencana iklim']),
    "rudal_kharkiv.txt": (
        "Serangan rudal hantam kawasan permukiman di Kharkiv, belasan warga terluka", "SCMP",
        "2022-03-12", ["AFP", "PBB"],
        ["IklanIklan", "IKUTI", "myNEWS", "Timur\n", "FOLLOW", "Published:", "mempercayai", "00:58",
         "berlindung di stasiun", "\nRudal\n", "Leave a Reply", "Your email address"],
        ["• Rudal menghantam", "sedikitnya 15 orang", "2,5 juta orang", "infrastruktur militer."]),
    "rekapitulasi_suara.txt": (
        None, "Kompas", "2024-02-28", ["KPU", "Antara"],
        ["(Foto: dok. KPU)", "SCROLL TO CONTINUE", "Lihat juga Video", "Saksikan Live", "Editor:"],
        ["JAKARTA, KOMPAS.com - Komisi", "81,78 persen", "sebelumnya. Rekapitulasi",
         "Asy'ari. Ia meminta", "1.271 laporan"]),
}


def test_every_example_has_expectations():
    assert sorted(p.name for p in EXAMPLES.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name):
    want_title, want_outlet, want_published, want_sources, gone, kept = EXPECTED[name]
    raw = RawArticle(raw_text=(EXAMPLES / name).read_text(encoding="utf-8"), source=name)
    cleaned = clean(raw.raw_text)
    for piece in gone:
        assert piece not in cleaned.text + "\n", piece
    for piece in kept:
        assert piece in cleaned.text, piece
    for bp in cleaned.boilerplate:
        assert raw.raw_text[bp.start:bp.end] == bp.text
    metadata = meta.detect(raw, cleaned)
    assert metadata.title == want_title
    assert metadata.outlet == want_outlet
    assert same_day(metadata.published, want_published, tolerance=0)
    assert metadata.language == "id"
    names = [c.name for c in metadata.cited_sources_raw]
    for doc in pipeline._documents(raw, cleaned, metadata):
        names += [c.name for c in meta.find_cited_sources(doc)]
    assert names == want_sources
