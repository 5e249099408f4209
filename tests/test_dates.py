"""Dates stage: finding and resolving Indonesian time expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import shared_path
from warta.claims import dates
from warta.document import Document, OffsetMap
from warta.evaluate.dates import load_timeml, map_timeml_value, score_indotimex, score_seeds


def annotate(text: str, published: dt.date | None) -> list[tuple[str, str, str | None]]:
    doc = Document(text=text, offsets=OffsetMap.identity(len(text)), published=published)
    dates.annotate(doc)
    for m in doc.dates:
        assert doc.text[m.start:m.end] == m.text
    return [(m.text, m.kind, m.value) for m in doc.dates]


MON_6_JAN_2025 = dt.date(2025, 1, 6)
THU_15_AUG_2024 = dt.date(2024, 8, 15)


# ------------------------------------------------------------------ full dates ------

@pytest.mark.parametrize("text,expected", [
    ("Rapat digelar Kamis (4/1/2024) di Jakarta.", ("Kamis (4/1/2024)", "date", "2024-01-04")),
    ("Ia tiba pada Jumat, 12 Januari 2024 pagi.", ("Jumat, 12 Januari 2024", "date", "2024-01-12")),
    ("Diperbarui 3 Agu 2024 oleh redaksi.", ("3 Agu 2024", "date", "2024-08-03")),
    ("Surat itu bertanggal 17/08/1945.", ("17/08/1945", "date", "1945-08-17")),
    ("Rilis data pada 2024-07-30 menunjukkan kenaikan.", ("2024-07-30", "date", "2024-07-30")),
])
def test_full_dates(text, expected):
    assert annotate(text, THU_15_AUG_2024) == [expected]


def test_impossible_calendar_date_is_dropped():
    assert annotate("Kode 31/02/2024 tidak sah.", THU_15_AUG_2024) == []


# ------------------------------------------------------- dates without a year --------

def test_day_month_takes_the_most_recent_year():
    # "5 Oktober" in an August article is last October; "1 Agustus" is this year's.
    found = annotate("Sejak 5 Oktober hingga 1 Agustus harga naik.", THU_15_AUG_2024)
    assert found == [("5 Oktober", "date", "2023-10-05"), ("1 Agustus", "date", "2024-08-01")]


def test_year_boundary_day_month_in_january():
    assert annotate("Banjir melanda pada 28 Desember lalu.", MON_6_JAN_2025) == [
        ("28 Desember", "date", "2024-12-28")]


def test_year_boundary_weekday_with_numeric_date():
    assert annotate("Menurut polisi, Selasa (31/12), jalan ditutup.", MON_6_JAN_2025) == [
        ("Selasa (31/12)", "date", "2024-12-31")]


def test_day_month_a_few_days_ahead_is_the_coming_one():
    # a date eleven months back would carry its year; one next week is the coming one
    assert annotate("KTT dijadwalkan pada 20 Januari di Jakarta.", MON_6_JAN_2025) == [
        ("20 Januari", "date", "2025-01-20")]
    assert annotate("Tenggat pajak sampai Februari.", MON_6_JAN_2025) == [
        ("Februari", "month", "2025-02")]
    # ... but a month further ahead is last year's, and "nanti" keeps the current month
    assert annotate("Sejak April harga naik; akhir Januari nanti turun.", MON_6_JAN_2025) == [
        ("April", "month", "2024-04"), ("akhir Januari", "month", "2025-01")]


def test_first_day_of_a_range_takes_the_month_named_after_it():
    found = annotate("Pameran digelar 3-5 Juni 2024, rapat tanggal 9 dan 12 Mei 2023.", MON_6_JAN_2025)
    assert found == [("3", "date", "2024-06-03"), ("5 Juni 2024", "date", "2024-06-05"),
                     ("tanggal 9", "date", "2023-05-09"), ("12 Mei 2023", "date", "2023-05-12")]


def test_law_numbers_and_weekday_spans_are_not_time_expressions():
    found = annotate("Sesuai UU Nomor 12 Tahun 2011, kantor buka Senin-Jumat hari-hari ini.", MON_6_JAN_2025)
    assert found == [("Tahun 2011", "year", "2011")]


def test_friday_prayer_is_not_a_date():
    assert annotate("Ribuan jemaah mengikuti salat Jumat di Istiqlal.", MON_6_JAN_2025) == []


def test_recurrences_and_decades_are_not_points():
    assert annotate("Bus lewat setiap 15 menit sejak 1990-an.", MON_6_JAN_2025) == []


def test_day_on_publication_date_is_that_day():
    assert annotate("Upacara berlangsung 6 Januari di Istana.", MON_6_JAN_2025) == [
        ("6 Januari", "date", "2025-01-06")]


# ------------------------------------------------------------------ weekdays --------

@pytest.mark.parametrize("text,expected", [
    ("Menteri berbicara pada hari Jumat di depan wartawan.", ("hari Jumat", "date", "2025-01-03")),
    ("Kebakaran terjadi Sabtu malam di pasar.", ("Sabtu", "date", "2025-01-04")),
    # a bare weekday is the most recent on or before publication; with "lalu" strictly before
    ("Harga ditutup Senin pagi waktu setempat.", ("Senin", "date", "2025-01-06")),
    ("Senin lalu harga cabai turun.", ("Senin", "date", "2024-12-30")),
    ("Rapat ditunda ke Kamis depan.", ("Kamis", "date", "2025-01-09")),
    ("Tim tiba Rabu pekan lalu.", ("Rabu pekan lalu", "date", "2025-01-01")),
])
def test_weekdays(text, expected):
    assert annotate(text, MON_6_JAN_2025) == [expected]


def test_minggu_meaning_week_is_not_sunday():
    found = annotate("Minggu lalu dua minggu berlalu tanpa kabar.", MON_6_JAN_2025)
    assert ("Minggu lalu", "date", None) in found
    assert ("dua minggu", "duration", "P2W") in found


# ------------------------------------------------------------------ relative --------

@pytest.mark.parametrize("text,expected", [
    ("Polisi menangkap pelaku kemarin.", ("kemarin", "date", "2025-01-05")),
    ("Sidang digelar hari ini.", ("hari ini", "date", "2025-01-06")),
    ("Hasilnya diumumkan besok.", ("besok", "date", "2025-01-07")),
    ("Inflasi bulan lalu rendah.", ("bulan lalu", "month", "2024-12")),
    ("Target tahun depan dinaikkan.", ("tahun depan", "year", "2026")),
    ("Ia keluar tiga hari yang lalu.", ("tiga hari yang lalu", "date", "2025-01-03")),
    ("Harga naik dua bulan lalu.", ("dua bulan lalu", "month", "2024-11")),
    ("Kapal tiba dua hari lagi.", ("dua hari lagi", "date", "2025-01-08")),
    ("Laporan terbit pekan lalu.", ("pekan lalu", "date", None)),
    ("Hujan deras turun tadi malam.", ("tadi malam", "date", "2025-01-05")),
    ("Rapat digelar pagi ini di balai kota.", ("pagi ini", "date", "2025-01-06")),
])
def test_relative_to_publication(text, expected):
    assert annotate(text, MON_6_JAN_2025) == [expected]


def test_relative_to_the_date_in_context():
    text = ("Gempa terjadi pada 10 November 2024. Tiga hari kemudian bantuan tiba, "
            "dan keesokan harinya jalan dibuka. Sehari sebelumnya hujan turun.")
    found = annotate(text, MON_6_JAN_2025)
    assert found == [
        ("10 November 2024", "date", "2024-11-10"),
        ("Tiga hari kemudian", "date", "2024-11-13"),
        ("keesokan harinya", "date", "2024-11-14"),
        ("Sehari sebelumnya", "date", "2024-11-13"),
    ]


def test_relative_to_context_without_context_is_unresolved():
    assert annotate("Dua hari kemudian ia pulang.", MON_6_JAN_2025) == [
        ("Dua hari kemudian", "date", None)]


# -------------------------------------------------------------- months, years -------

@pytest.mark.parametrize("text,expected", [
    ("Harga turun sejak Desember lalu.", ("Desember", "month", "2024-12")),
    ("Pemilu digelar Januari lalu.", ("Januari", "month", "2024-01")),
    ("Proyek dimulai pada Maret 2024.", ("Maret 2024", "month", "2024-03")),
    ("Kontrak berakhir bulan Juni.", ("bulan Juni", "month", "2024-06")),
    ("Krisis moneter tahun 1998 memukul rupiah.", ("tahun 1998", "year", "1998")),
    ("Aturan berlaku awal 2026.", ("awal 2026", "year", "2026")),
    ("Jembatan dibangun pada 1985 oleh Belanda.", ("1985", "year", "1985")),
    ("Laporan tahunan (2023) diterbitkan.", ("2023", "year", "2023")),
])
def test_months_and_years(text, expected):
    assert annotate(text, MON_6_JAN_2025) == [expected]


@pytest.mark.parametrize("text", [
    "Sebanyak 1.200 orang mengungsi.",
    "Inflasi naik 7,5 persen.",
    "Ada 2023 peserta terdaftar.",
    "Korban bertambah hingga 2000 orang.",
    "Skor akhir 2-1 untuk tuan rumah.",
    "Mei Lestari menyanyi di panggung.",
    "Kebutuhan sehari-hari makin mahal.",
])
def test_not_time_expressions(text):
    assert annotate(text, MON_6_JAN_2025) == []


# ------------------------------------------------------------ durations, times ------

@pytest.mark.parametrize("text,expected", [
    ("Rapat berlangsung selama tiga jam.", ("tiga jam", "duration", "PT3H")),
    ("Ia dipenjara setahun.", ("setahun", "duration", "P1Y")),
    ("Korban bertambah dalam 30 hari terakhir.", ("30 hari terakhir", "duration", "P30D")),
    ("Konflik berlangsung berbulan-bulan.", ("berbulan-bulan", "duration", None)),
    ("Perjalanan memakan waktu 1,5 jam.", ("1,5 jam", "duration", "PT1.5H")),
    ("Perang sudah lebih dari satu dekade.", ("lebih dari satu dekade", "duration", "P10Y")),
    ("Terdakwa divonis 2 tahun 8 bulan penjara.", ("2 tahun 8 bulan", "duration", "P2Y8M")),
    ("Operasi berlangsung 3 jam 15 menit.", ("3 jam 15 menit", "duration", "PT3H15M")),
])
def test_durations(text, expected):
    assert annotate(text, MON_6_JAN_2025) == [expected]


def test_clock_time_takes_the_day_of_its_sentence():
    found = annotate("Ledakan terdengar Kamis (2/1/2025) sekitar pukul 8 malam.", MON_6_JAN_2025)
    assert found == [("Kamis (2/1/2025)", "date", "2025-01-02"),
                     ("sekitar pukul 8 malam", "time", "2025-01-02T20:00")]


def test_without_publication_date_only_explicit_dates_resolve():
    found = annotate("Pada 3 Maret 2020 dan kemarin, juga Senin lalu.", None)
    assert found == [("3 Maret 2020", "date", "2020-03-03"), ("kemarin", "date", None),
                     ("Senin", "date", None)]


def test_title_case_headline_minggu_is_not_sunday():
    doc = Document(text="Dua Minggu Lagi Harga Beras Naik", offsets=OffsetMap.identity(32),
                   is_title=True, published=MON_6_JAN_2025)
    dates.annotate(doc)
    assert [(m.text, m.value) for m in doc.dates] == [("Dua Minggu Lagi", "2025-01-20")]


# ------------------------------------------------------------------ gold ------------

def test_seed_gold_through_pipeline():
    report = score_seeds(shared_path("gold"))
    assert report.total.f1 >= 0.9, report.errors


def test_indotimex_gold():
    report = score_indotimex(shared_path("data", "dates", "indotimex", "gold"))
    assert report.documents >= 10
    assert report.overlap.f1 >= 0.95, report.errors
    assert report.value_accuracy >= 0.88, report.errors  # measured 0.901


def test_finds_dates_in_real_articles():
    """Kompas articles (IndoTimex development set); their speed is measured by
    benchmarks/stage_benchmark.py, not here (a shared machine makes timed tests flaky)."""
    folder = shared_path("data", "dates", "indotimex", "development_raw")
    docs = [load_timeml(p) for p in sorted(folder.glob("*.tml"))]
    assert len(docs) >= 40
    total = sum(len(annotate(tml.text, tml.dct)) for tml in docs)
    assert total > len(docs)  # news articles are full of dates


@pytest.mark.parametrize("text", [
    "",
    "Satu miliar hari kemudian dunia berubah. 999999999 tahun kemudian juga.",
    "Rapat Senin (45/13) dan Selasa (31/2) batal; tanggal 99; pukul 25.99.",
    "tahun tahun bulan Maret Maret 2099 2100 1499",
])
def test_odd_input_never_crashes(text):
    for published in (MON_6_JAN_2025, None, dt.date(9999, 12, 31), dt.date(1, 1, 1)):
        annotate(text, published)


def test_timeml_loader_offsets_match_the_tagged_text():
    folder = shared_path("data", "dates", "indotimex", "gold")
    for path in sorted(folder.glob("*.tml")):
        tml = load_timeml(path)
        assert tml.timexes, path
        for t in tml.timexes:
            assert tml.text[t.start:t.end] == t.text


@pytest.mark.parametrize("ttype,value,expected", [
    ("DATE", "2014-12-28", (True, "2014-12-28")),
    ("TIME", "2014-12-28TMO", (True, "2014-12-28")),
    ("TIME", "2014-12-28T06:18", (True, "2014-12-28T06:18")),
    ("DURATION", "PXY", (True, None)),
    ("DURATION", "P7D", (True, "P7D")),
    ("DATE", "PAST_REF", (False, None)),
    ("DATE", "2014-WI", (False, None)),
    ("SET", "P1Y", (False, None)),
    ("DATE", "2014-Q3", (False, None)),
    ("DATE", "XXXX-WXX-1", (False, None)),
])
def test_timeml_value_mapping(ttype, value, expected):
    assert map_timeml_value(ttype, value) == expected


def test_cli_rejects_a_missing_gold_folder(tmp_path):
    from typer.testing import CliRunner

    from warta.cli.app import app

    result = CliRunner().invoke(app, ["evaluate", "dates", "--gold", str(tmp_path / "nope")])
    assert result.exit_code == 2  # a usage error, reported before any work
    assert "Invalid value" in result.output


def test_every_pattern_has_a_resolver():
    from warta.claims.timex.patterns import _rules
    from warta.claims.timex.resolve import _RESOLVERS

    assert {name for name, _ in _rules()} == set(_RESOLVERS)


# ------------------------------------------- dateparser's readings by arithmetic ------

def _compare_with_dateparser(bases, days) -> list[tuple]:
    """Every phrase the resolver asks dateparser (a day and month, a weekday, a relative
    word), read by ``resolve._reading`` and by dateparser itself: the differences."""
    from warta.claims.timex import resolve

    asked = [(p, "past") for p in [*resolve._DAY_WORDS, *resolve._PERIOD_WORDS]]
    asked += [(w, prefer) for w in resolve._WEEKDAY_BY_KEY for prefer in ("past", "future")]
    asked += [(f"{d} {m}", prefer) for d in days for m in resolve._MONTH_BY_KEY for prefer in ("past", "future")]
    diffs = []
    for base in bases:
        for phrase, prefer in asked:
            ours = resolve._reading(phrase, base, prefer)
            assert ours is not resolve._NOT_COVERED, phrase
            theirs = resolve._dateparser_itself(phrase, base, prefer)
            if ours != theirs:
                diffs.append((base, phrase, prefer, ours, theirs))
    return diffs


# Month ends, the leap day and the days around it, a year's turn, century years.
_EDGE_BASES = [dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2023, 2, 28),
               dt.date(2023, 3, 1), dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2100, 3, 1),
               dt.date(2096, 2, 29), dt.date(2024, 8, 15)]


def test_arithmetic_reads_as_dateparser_on_edge_dates():
    assert _compare_with_dateparser(_EDGE_BASES[:6], days=(1, 15, 28, 29, 30, 31)) == []


@pytest.mark.slow
def test_arithmetic_reads_as_dateparser_on_every_day_and_month():
    three_weeks = [dt.date(2024, 2, 15) + dt.timedelta(days=i) for i in range(21)]
    month_ends = [dt.date(2023, m, 1) - dt.timedelta(days=1) for m in range(2, 13)]
    assert _compare_with_dateparser(_EDGE_BASES, days=range(1, 32)) == []
    assert _compare_with_dateparser(three_weeks + month_ends, days=(31,)) == []


def test_phrases_beyond_the_arithmetic_still_go_to_dateparser():
    from warta.claims.timex import resolve

    base = dt.date(2024, 8, 15)
    assert resolve._reading("3 hari yang lalu", base, "past") is resolve._NOT_COVERED
    assert resolve._dateparser("3 hari yang lalu", base, "past") == (dt.date(2024, 8, 12), "day")


def test_rule_word_filter_finds_what_every_rule_everywhere_finds(monkeypatch):
    """Skipping windows without a rule's words (timex.patterns._rule_words) changes no
    candidate: real news, and the same text upper-cased and with accented letters."""
    import csv

    from warta.claims.timex import patterns

    assert set(patterns._rule_words()) == {name for name, _ in patterns._rules()}
    csv.field_size_limit(10**8)
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8") as fh:
        texts = [row["isi_berita"] for row, _ in zip(csv.DictReader(fh), range(40))]
    texts += [t.upper() for t in texts[:10]] + [t.replace("a", "á", 5) for t in texts[:10]]

    def found(text):
        return [(c.start, c.end, c.rule, c.claim_end, c.parts) for c in patterns.find_candidates(text)]

    filtered = [found(t) for t in texts]
    monkeypatch.setattr(patterns, "_rule_words", lambda: {})
    assert [found(t) for t in texts] == filtered
    assert sum(map(len, filtered)) > 100


@pytest.mark.slow
def test_rules_tried_at_their_leading_words_find_what_finditer_finds(monkeypatch, seed_files):
    """In a window of ASCII text each rule is tried only where one of its leading words
    begins (timex.patterns._rule_starts, wordscan.finditer_near): the same candidates as
    the rules' finditer over every window, on detik-1000's bodies and titles, the seeds,
    and cased variants."""
    import csv

    from warta.claims.timex import patterns

    assert all(patterns._rule_starts().values())  # every rule has its words
    csv.field_size_limit(10**8)
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8") as fh:
        texts = [t for row in csv.DictReader(fh) for t in (row["isi_berita"], row["judul"])]
    texts += [s.read_text(encoding="utf-8") for s in seed_files]
    texts += [t.upper() for t in texts[:200:2]] + [t.title() for t in texts[1:200:2]]
    texts += ["SEKITAR 40 MENIT, tiga puluh lima hari kemudian, Senin (21/11/2023) pukul 06.18 WIB",
              "pada 2023 lalu, 1-10 Oktober 2025, bertahun-tahun, tanggal 24, April 2, 2024"]

    def found(text, is_title):
        return [(c.start, c.end, c.rule, c.claim_end, c.parts) for c in patterns.find_candidates(text, is_title)]

    near = [found(t, i % 2 == 1) for i, t in enumerate(texts)]
    everywhere = dict.fromkeys(patterns._rule_starts(), None)
    monkeypatch.setattr(patterns, "_rule_starts", lambda: everywhere)
    assert [found(t, i % 2 == 1) for i, t in enumerate(texts)] == near
    assert sum(map(len, near)) > 5000
