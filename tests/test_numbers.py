"""Indonesian numerals: digit conventions, number words, vague quantities, offsets."""

from __future__ import annotations

import csv
import re

import pytest

from conftest import shared_path
from warta.claims.numbers import find_numbers, is_vague, parse_number


@pytest.mark.parametrize("text, value", [
    ("13.300", 13300), ("7.165", 7165), ("1.234.567", 1234567),
    ("1,9 juta", 1_900_000), ("1,5 juta", 1_500_000), ("100 ribu", 100_000), ("1 juta", 1_000_000),
    ("12,000", 12000),  # English-style thousands group
    ("2,5", 2.5),
    ("dua", 2), ("Tiga", 3), ("seorang", 1), ("sebelas", 11), ("tiga belas", 13),
    ("dua puluh lima", 25), ("seratus", 100), ("dua ratus ribu", 200_000),
    ("seribu lima ratus", 1500), ("setengah juta", 500_000),
    ("seratus dua puluh tiga ribu empat ratus", 123_400),
])
def test_parse_number(text, value):
    assert parse_number(text) == value
    assert not is_vague(text)


@pytest.mark.parametrize("text, value", [
    ("belasan", 11), ("puluhan", 10), ("ratusan", 100), ("ribuan", 1000), ("jutaan", 1_000_000),
    ("ratusan ribu", 100_000), ("puluhan ribu", 10_000), ("Ribuan", 1000),
])
def test_vague_quantities_give_lower_bound(text, value):
    assert parse_number(text) == value
    assert is_vague(text)


@pytest.mark.parametrize("text", ["", "ribu", "puluh", "dua tiga", "orang", "21/11/2023", "ke-3"])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_find_numbers_offsets_and_exclusions():
    text = ("Serangan pada Kamis (14/3) pukul 09:30 menewaskan sedikitnya 2.150 orang, "
            "termasuk tiga ratus anak, dan melukai ribuan lainnya; korban ke-5 adalah seorang dokter.")
    found = find_numbers(text)
    for m in found:
        assert text[m.start:m.end] == m.text
    assert [(m.text, m.value, m.vague) for m in found] == [
        ("2.150", 2150, False), ("tiga ratus", 300, False), ("ribuan", 1000, True),
        ("seorang", 1, False)]


def test_headline_thousands_groups_are_never_decimals():
    """Every 'd.ddd' group in real headlines reads as a whole number (Indonesian style)."""
    path = shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv")
    grouped = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])")
    checked = 0
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for token in grouped.findall(row["judul_berita"]):
                assert parse_number(token) == int(token.replace(".", "")), token
                checked += 1
    assert checked > 100


def test_a_scaled_decimal_is_the_whole_number_it_names():
    # "jumlah penduduk miskin di wilayah NTB berkurang 4,03 ribu orang" (detik 898):
    # 4.03 * 1000 is not 4030 in binary floating point
    assert parse_number("4,03 ribu") == 4030
    assert parse_number("96,8 juta") == 96_800_000


def test_fast_left_context_finds_what_the_plain_pattern_finds():
    """NUMBER_RE's left context is written for speed ("(?<!\\w)" first, "(?<=-)" before the
    four-character look-behind; most positions are inside words): the same matches as the
    plain pattern on real news, in upper case, and on headlines joined by hyphens."""
    from warta.claims.numbers import _LEFT, NUMBER_RE, SCALES

    plain_left = (r"(?:(?<![\w/:.,-])|(?<=[^\W\d]{3}-)(?=\d{1,3}(?:\.\d{3})+(?!\d)"
                  rf"|\d+,\d+\s*(?:{'|'.join(SCALES)})\b))")
    assert NUMBER_RE.pattern.startswith(_LEFT) and _LEFT != plain_left
    plain = re.compile(plain_left + NUMBER_RE.pattern[len(_LEFT):], NUMBER_RE.flags)
    csv.field_size_limit(10**8)
    with shared_path("data", "news", "detik-1000", "data_berita.csv").open(encoding="utf-8") as fh:
        texts = [row["isi_berita"] + "\n" + row["judul"] for row, _ in zip(csv.DictReader(fh), range(300))]
    texts += [t.upper() for t in texts[:20]]
    texts += ["Akui Gagal-11.500 Orang Tewas", "Belum Punya Rumah-26,9 Juta Tinggal", "ab-1.500 x-2.000",
              "Gaza-2.000-3.000 orang", "ke-3 dan 1-2.000", "Rumah-26,9 juta-27,1 Juta"]

    def spans(pattern, text):
        return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]

    found = [spans(NUMBER_RE, t) for t in texts]
    assert found == [spans(plain, t) for t in texts]
    assert sum(map(len, found)) > 3000
    assert spans(NUMBER_RE, "Akui Gagal-11.500 Orang Tewas") == [((11, 17), "digits")]


def test_numbers_in_pieces_are_find_numbers_of_each_piece():
    """find_numbers_in (figures' sentences) tries NUMBER_RE only where a number can begin:
    the same numbers as find_numbers on each piece, on real news cut into its sentences and
    into pieces that split numbers and words, upper-cased, and beyond ASCII."""
    from warta.claims.numbers import find_numbers_in
    from warta.document import regex_sentences

    csv.field_size_limit(10**8)
    with shared_path("data", "news", "detik-1000", "data_berita.csv").open(encoding="utf-8") as fh:
        texts = [row["isi_berita"] for row, _ in zip(csv.DictReader(fh), range(300))]
    texts += [t.upper() for t in texts[:30]] + [t.replace("a", "á", 3) for t in texts[:10]]
    texts += ["Dua ratus ribu, 1.500 orang; ke-3 Gagal-11.500 Orang, seorang DUA puluh 12,5 juta"]
    total = 0
    for text in texts:
        for spans in (regex_sentences(text), [(i, min(i + 37, len(text))) for i in range(0, len(text), 37)]):
            found = find_numbers_in(text, spans)
            assert found == [find_numbers(text[s:e]) for s, e in spans]
            total += sum(map(len, found))
    assert total > 5000
