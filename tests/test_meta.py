"""Meta stage: title, outlet, publication date, language, cited sources."""

from __future__ import annotations

import csv
import json
import re

import pytest

from conftest import shared_path
from warta import meta, pipeline
from warta.clean import clean
from warta.document import Document, OffsetMap
from warta.evaluate.metadata import same_day, score_detik, score_seeds
from warta.meta import outlet, published, sources, title
from warta.model import RawArticle


def _gold(seed):
    return json.loads(shared_path("gold", seed.with_suffix(".json").name).read_text(encoding="utf-8"))


def _meta_and_sources(raw: RawArticle):
    cleaned = clean(raw.raw_text, from_html=raw.from_html)
    metadata = meta.detect(raw, cleaned)
    names = [c.name for c in metadata.cited_sources_raw]
    for doc in pipeline._documents(raw, cleaned, metadata):
        names += [c.name for c in meta.find_cited_sources(doc)]
    return cleaned, metadata, names


def test_seed_metadata_matches_gold(seed_files):
    for seed in seed_files:
        gold = _gold(seed)
        raw = RawArticle(raw_text=seed.read_text(encoding="utf-8"), source=str(seed))
        cleaned, metadata, names = _meta_and_sources(raw)
        assert metadata.outlet == gold["outlet"], seed.name
        assert same_day(metadata.published, gold["published"]), (seed.name, metadata.published)
        assert metadata.title == gold["title"], seed.name
        assert metadata.language == gold["language"]
        assert sorted(set(names)) == sorted(gold["cited_sources"]), seed.name
        for c in metadata.cited_sources_raw:  # raw credits point into the raw text
            assert raw.raw_text[c.start:c.end] == c.text


@pytest.mark.slow
def test_seed_pipeline_output(seed_files):
    """The whole pipeline: fields as gold, no gold residue left, offsets exact."""
    report = score_seeds(shared_path("gold"))
    assert not [e for e in report.errors if "pipeline failed" in e], report.errors
    for name, acc in report.fields.items():
        assert acc.correct == acc.total == len(seed_files), (name, report.errors)
    assert report.residue_left == []
    assert report.bad_offsets == []
    assert report.cited.fp == 0, report.errors


def test_given_metadata_wins():
    text = "Banjir Rob Rendam Pesisir Semarang\n\nAir laut naik hingga 60 sentimeter pada Rabu (6/12/2023). Warga mengungsi."
    raw = RawArticle(raw_text=text, title="Judul dari HTML", outlet="Suara", published="2023-12-07")
    m = meta.detect(raw, clean(text))
    assert (m.title, m.outlet, m.published) == ("Judul dari HTML", "Suara", "2023-12-07")
    m = meta.detect(RawArticle(raw_text=text), clean(text))
    assert m.title == "Banjir Rob Rendam Pesisir Semarang" and m.title_span == (0, 34)
    assert m.published == "2023-12-06" and m.outlet is None


@pytest.mark.parametrize("line,expected", [
    ("JAKARTA, KOMPAS.com - Harga cabai naik.", "Kompas"),
    ("Jakarta, CNN Indonesia -- Harga cabai naik.", "CNN Indonesia"),
    ("TEMPO.CO, Jakarta - Harga cabai naik.", "Tempo"),
    ("Bandung, detikJabar - Harga cabai naik.", "detik"),
    ("IslamTimes - Harga cabai naik.", "IslamTimes"),
    ("Jakarta - Harga cabai naik.", None),                 # a place is no outlet
    ("JAKARTA, (Reuters) - Harga cabai naik.", None),      # an agency credit is no outlet
])
def test_outlet_from_dateline(line, expected):
    assert outlet.from_dateline(line) == expected


def test_outlet_from_url_sign_off_and_chrome():
    assert outlet.from_url("https://news.detik.com/berita/d-1/x") == "detik"
    assert outlet.from_url("https://www.cnnindonesia.com/nasional/1") == "CNN Indonesia"
    assert outlet.from_url("https://example.org/a") is None
    assert outlet.from_url("http://[::1") is None  # malformed: no crash
    text = "Warga mengungsi.\n\nsumber: Republika"
    assert meta.detect(RawArticle(raw_text=text), clean(text)).outlet == "Republika"
    assert outlet.from_chrome("Why you can trust SCMP") == "SCMP"


@pytest.mark.parametrize("raw,expected", [
    ("Published: 5:13am, 2 Apr 2024\n\nBody.", "2024-04-02T05:13"),
    ("Diterbitkan: 17 Agustus 2023\n\nBody.", "2023-08-17"),
    ("Presiden meresmikan jembatan itu, Kamis (9/10/2025).", "2025-10-09"),
    ("Warga berkumpul, Senin (12/11/2028).", None),              # wrong weekday: a typo, not a date
    ("Foto date 2023-10 stamp\n\nRapat digelar Rabu (25/10).", "2023-10-25"),
    ("Rapat digelar Rabu (25/10) di Jakarta.", None),             # no year evidence: unknown
    ("Rapat digelar Rabu (25/10) membahas APBN 2026 dan Oktober 2023.", "2023-10-25"),  # weekday picks the year
])
def test_published(raw, expected):
    assert published.detect(raw, clean(raw).text) == expected


@pytest.mark.slow
def test_published_on_detik_corpus():
    """The dateline date read from the text against detik's own publication time."""
    report = score_detik(shared_path("data", "news", "detik-1000", "data_berita.csv"))
    assert report.articles == 1000
    assert report.published_coverage >= 0.7
    assert report.published_precision >= 0.93
    assert report.titles_found <= 5  # the text column holds no headline
    assert report.titles_recovered >= 950  # ... and its headline column, put above it, is found
    assert all(n == 0 for n in report.residue_left.values()), report.residue_left


@pytest.mark.parametrize("text,is_title", [
    ("Gempa Guncang Cianjur, Ratusan Rumah Rusak\n\nGempa terjadi pada siang hari.", True),
    ("Harga beras naik lagi. Lantas, apa penyebabnya?\n\nBadan Pangan menjelaskan ...", False),
    ("Gempa terjadi pada siang hari dan warga mengungsi.\n\nKorban terus bertambah.", False),
    ("\u2022 Poin pertama ringkasan\n\nIsi berita.", False),
    ("Satu baris saja tanpa isi", False),
])
def test_title(text, is_title):
    assert (title.find(text) is not None) == is_title


def _names(text: str) -> list[str]:
    return [c.name for c in sources.find(text)]


@pytest.mark.parametrize("text,expected", [
    ("Seperti dilansir Al Jazeera, Senin (3/4/2023), banjir meluas.", ["Al Jazeera"]),
    ("Dilansir AFP, BBC, dan CNN, Minggu (19/10/2025), ada tema utama.", ["AFP", "BBC", "CNN"]),
    ("Menurut UNICEF, 300 anak terluka, kata UNICEF.", ["UNICEF"]),
    ("Menurut Kementerian Kesehatan Gaza, korban bertambah.", ["Kementerian Kesehatan Gaza"]),
    ("Menurut otoritas kesehatan Gaza, korban bertambah.", []),
    ("Korban 1.200 orang, menurut penghitungan Israel.", []),
    ('"Kami siap," kata Jean-Pierre kepada wartawan.', []),
    ('"Kami siap," kata AHY di Jakarta.', []),               # initials after "kata" are a person
    ("Mengutip dua pejabat yang enggan disebut namanya, harian yang berbasis di Amerika "
     "The Washington Post melaporkan rencana itu.", ["The Washington Post"]),
    ("Mengutip keterangan sejumlah saksi, kantor berita yang berbasis di Turki Daily Sabah "
     "menulis bahwa api padam.", ["Daily Sabah"]),
    ("Demikian dikutip dariCNA, Selasa (7/10/2025).", ["Channel News Asia"]),
    ("GAZA (Reuters) - Serangan udara berlanjut.", ["Reuters"]),
    ("Harga minyak turun 2 persen.\n- Antara", ["Antara"]),
    ("Ia dilaporkan Ridwan Kamil ke polisi.", []),
    ("Stok naik, menurut Badan Informasi Energi AS (EIA). Produksi turun, menurut EIA.",
     ["Badan Informasi Energi AS"]),                        # an acronym given in brackets is the same body
])
def test_cited_sources(text, expected):
    assert _names(text) == expected


def test_cited_source_offsets_are_local():
    doc = Document(text="Xx. Menurut UNICEF, 5 anak terluka.", offsets=OffsetMap.identity(35))
    [c] = meta.find_cited_sources(doc)
    assert doc.text[c.start:c.end] == c.text == "UNICEF" and c.cue == "Menurut"


def test_credit_in_removed_chrome_is_kept_with_raw_offsets():
    raw = ("Judul berita tentang banjir besar\n\nBanjir+ FOLLOWAFP+ FOLLOWPublished: 9:40pm, 12 Mar 2022\n\n"
           "Banjir besar melanda kota itu pada Sabtu malam dan ribuan warga mengungsi.")
    cleaned = clean(raw)
    assert "FOLLOW" not in cleaned.text
    m = meta.detect(RawArticle(raw_text=raw), cleaned)
    assert [(c.name, raw[c.start:c.end]) for c in m.cited_sources_raw] == [("AFP", "AFP")]
    assert m.published == "2022-03-12T21:40"


def test_language():
    assert meta.language.detect("Pemerintah menaikkan harga bahan bakar minyak mulai pekan depan.") == "id"
    assert meta.language.detect("The government will raise fuel prices starting next week.") == "en"
    assert meta.language.detect("") is None


@pytest.mark.slow
def test_outlet_and_published_on_kompas_articles():
    """IndoTimex's Kompas articles: dateline variants ("JAKARTA, KOMPAS. com -",
    "YOGYAKARTA,KOMPAS.com" without dash) and the document creation date."""
    from warta.evaluate.metadata import score_indotimex

    root = shared_path("data", "dates", "indotimex")
    report = score_indotimex([root / "development_raw", root / "gold"])
    assert report.articles == 60
    assert report.outlet_ok == 60
    assert report.published_coverage >= 0.8 and report.published_precision >= 0.95


def test_given_outlet_takes_the_canonical_name():
    """Narasipal's 'Detik' and detik-1000's detik.com URLs are one outlet, not two."""
    path = shared_path("data/news/narasipal-gaza-headlines/dataset.csv")
    with path.open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["sumber_berita"] == "Detik")
    given = RawArticle(raw_text=row["judul_berita"], title=row["judul_berita"], outlet=row["sumber_berita"])
    text = given.raw_text
    assert meta.detect(given, clean(text)).outlet == outlet.from_url(row["url"]) == "detik"
    unknown = RawArticle(raw_text=text, outlet="Warta Kampung")
    assert meta.detect(unknown, clean(text)).outlet == "Warta Kampung"  # not in the lexicon: as given


def _known_at_every_name(text: str, pos: int):
    """sources._known_at trying every lexicon name (before names were grouped by initial)."""
    family = sources._families().match(text, pos) if sources._families() else None
    if family and not sources._GLUED_TAIL.search(family.group(0)):
        return family.group(0), family.end(), "outlet"
    for alias, canonical, kind in sources._known_names():
        if text.startswith(alias, pos):
            end = pos + len(alias)
            if end == len(text) or not text[end].isalnum():
                return canonical, end, kind
    return None


def _leading_outlet_every_alias(line: str):
    """outlet._leading_outlet with the whole sorted lexicon (before grouping by initial)."""
    m = outlet._PLACE_PREFIX.match(line)
    rest = outlet._SPLIT_DOMAIN.sub(r"\1.\2", line[m.end():] if m else line)
    for alias in sorted(outlet.lexicon(), key=len, reverse=True):
        if rest.startswith(alias) and not rest[len(alias):len(alias) + 1].isalnum():
            if not m and not re.match(r"\s*(?:--?|–|—)", rest[len(alias):]):
                return None
            src = outlet.lexicon()[alias]
            return src.canonical if src.kind == "outlet" else None
    return None


@pytest.mark.slow
def test_names_grouped_by_initial_find_the_same_names(seed_files):
    assert all(alias for alias, _, _ in sources._known_names()) and all(outlet.lexicon())  # none empty
    csv.field_size_limit(10**8)
    with shared_path("data", "news", "detik-1000", "data_berita.csv").open(encoding="utf-8") as fh:
        texts = [row["isi_berita"] for row in csv.DictReader(fh)]
    texts += [s.read_text(encoding="utf-8") for s in seed_files]
    hits = 0
    for text in texts[::4] + texts[-len(seed_files):]:
        for pos in [m.start() for m in re.finditer(r"\b\w", text)] + [len(text)]:
            expected = _known_at_every_name(text, pos)
            hits += expected is not None
            assert sources._known_at(text, pos) == expected, (text[pos:pos + 30])
    assert hits > 100
    lines = [ln.strip() for t in texts for ln in t.splitlines() if ln.strip()]
    lines += [alias + " - Harga" for alias in outlet.lexicon()] + [
        "Jakarta, " + alias + " -- x" for alias in outlet.lexicon()] + ["", "JAKARTA, "]
    named = 0
    for line in lines:
        expected = _leading_outlet_every_alias(line)
        named += expected is not None
        assert outlet._leading_outlet(line) == expected, line
    assert named > 100


def _stamp_by_regex(raw_text: str):
    """published.from_stamp with the regex tried on every text (before the word test)."""
    m = published._STAMP.search(raw_text)
    if not m:
        return None
    when = published.dateparser.parse(m.group("when"), languages=["id", "en"],
                                      settings=published._DATEPARSER_SETTINGS)
    if when is None:
        return None
    return published._iso(when, with_time=bool(re.search(r"\d[:.]\d{2}", m.group("when"))))


@pytest.mark.slow
def test_stamp_word_test_finds_the_same_stamps(seed_files):
    first = re.match(r"\(\?:([\w|]+)\)", published._STAMP.pattern).group(1)
    assert sorted(first.lower().split("|")) == sorted(published._STAMP_WORDS)  # the stamp's own words
    csv.field_size_limit(10**8)
    with shared_path("data", "news", "detik-1000", "data_berita.csv").open(encoding="utf-8") as fh:
        texts = [row["isi_berita"] for row in csv.DictReader(fh)]
    texts += [s.read_text(encoding="utf-8") for s in seed_files]
    stamps = ["Published: 5:13am, 2 Apr 2024", "DITERBITKAN: 21 November 2023 14:05 WIB",
              "updated 9 Oct 2023", "Tayang 1 Mei 2024", "PUBLİSHED: 2 Apr 2024", "Updated: 2 Apr 2024 ſ"]
    texts += [stamp + "\n" + text for stamp in stamps for text in texts[:5]]
    found = 0
    for text in texts:
        for variant in (text, text.upper(), text.lower()):
            expected = _stamp_by_regex(variant)
            found += expected is not None
            assert published.from_stamp(variant) == expected
    assert found >= 5 * 3 * 5


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.slow
def test_cue_and_credit_rules_tried_near_their_words_find_the_same_matches(seed_files):
    """sources' cue and credit regexes run through wordscan.finditer_near: the matches
    finditer finds over the whole text, on detik-1000, the seeds and their cased variants."""
    from warta.wordscan import finditer_near

    rules = [(sources._REPORT_CUE, sources._REPORT_WORDS, sources._REPORT_REACH),
             (sources._ATTRIBUTION_CUE, sources._ATTRIBUTION_WORDS, 0), *sources._credit_patterns()]
    csv.field_size_limit(10**8)
    with shared_path("data", "news", "detik-1000", "data_berita.csv").open(encoding="utf-8") as fh:
        texts = [row["isi_berita"] for row in csv.DictReader(fh)]
    texts += [s.read_text(encoding="utf-8") for s in seed_files]
    examples = ["seperti dilansir Reuters", "Sebagaimana melansir AFP", "yang dilansir dari laman BBC",
                "sebagaimana dikutip oleh media Al Jazeera", "mengutip laporan CNN", "diberitakan Antara",
                "menurut data UNICEF", "merujuk pada laporan WHO", "kata Kemenkes", "(Reuters)",
                "Harga naik. - Antara\n\n- AFP", "Reuters+ FOLLOW", "AP + ikuti", "xAFP+FOLLOW",
                "DİLANSİR Reuters", "ſeperti dilansir AFP", "\u212aATA UNICEF", "- Reuters –Antara"]
    texts += examples + [" ".join(examples)]
    counts = [0] * len(rules)
    for text in texts:
        for variant in (text, text.upper(), text.lower(), text.title()):
            for i, (pattern, words, reach) in enumerate(rules):
                expected = _spans(pattern.finditer(variant))
                counts[i] += len(expected)
                assert _spans(finditer_near(pattern, variant, words, reach)) == expected, (pattern.pattern[:30], variant[:80])
    assert min(counts) >= 4 and sum(counts) > 1000, counts
    assert sources.find(" ".join(examples))  # and the stage finds sources in them


def test_chrome_outlet_word_test_finds_what_the_regex_finds(seed_files):
    """outlet.from_chrome skips the regex on ASCII text holding neither of its words."""
    assert outlet._TRUST_WORDS == {"mengapa anda bisa mempercayai", "why you can trust"}
    texts = [s.read_text(encoding="utf-8") for s in seed_files] + [
        "WHY YOU CAN TRUST SCMP", "Mengapa Anda bisa mempercayai Kompas.com", "why you can trust\nBBC", "x",
        "Why you can truſt AFP", "Mengapa Anda bisa mempercayai İslam"]

    def by_regex(raw):
        m = outlet._TRUST.search(raw)
        return (outlet._outlet_name(m.group("name"), brand_ok=False) or m.group("name")) if m else None

    assert sum(by_regex(t) is not None for t in texts) >= 5
    for text in texts:
        for variant in (text, text.upper(), text.lower()):
            assert outlet.from_chrome(variant) == by_regex(variant)
