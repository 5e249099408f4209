"""Figures on real detik articles and Narasipal headlines (issue 15): each test reads the
real sentence from ../shared (detik-1000 by id, the headline set by its words) and checks
one mechanism: number reading, measure vocabulary, place, source, scope."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from conftest import shared_path
from warta import nlp
from warta.claims import dates, figures
from warta.document import Document, OffsetMap
from warta.evaluate.realnews import detik_raws
from warta.model import Figure
from warta.pipeline import process_many

pytestmark = pytest.mark.slow  # the pipeline over a corpus (see pyproject: markers)

# Not in the real-news gold's held-out part (nor in its dev part), so these tests do not
# tune the rules to the gold.
ARTICLES = ("39", "365", "603", "809", "894")


@pytest.fixture(scope="module")
def articles() -> dict:
    raws = detik_raws(ARTICLES, shared_path("data", "news", "detik-1000", "data_berita.csv"))
    return {i: a for i, a in zip(ARTICLES, process_many([raws[i] for i in ARTICLES]))}


def figure(article, words: str) -> Figure:
    found = [f for f in article.figures if f.text.startswith(words)]
    assert found, f"no figure {words!r} in {[f.text for f in article.figures]}"
    return found[0]


def headline(words: str) -> str:
    """The Narasipal headline that contains ``words``."""
    path = shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if words in row["judul_berita"]:
                return row["judul_berita"]
    raise AssertionError(f"no headline with {words!r}")


def headline_figures(text: str) -> list[Figure]:
    doc = Document(text=text, offsets=OffsetMap.identity(len(text)), is_title=True,
                   published=dt.date(2024, 3, 19))
    nlp.annotate([[doc]])
    dates.annotate(doc)
    figures.annotate(doc)
    return doc.figures


def test_decimal_comma_before_a_scale_word(articles):
    # "telah menyambut 1,792 juta wisatawan mancanegara": 1.792 million, not 1.792 billion
    assert figure(articles["39"], "1,792 juta").value == 1_792_000


def test_title_number_after_a_hyphen_join(articles):
    # "AHY: 9,9 Juta Keluarga Belum Punya Rumah-26,9 Juta Tinggal Tak Layak"
    title = [f for f in articles["603"].figures if f.field == "title"]
    assert [f.value for f in title] == [9_900_000, 26_900_000]


def test_counted_people_nouns(articles):
    # "... 15.895 siswa, 641 rombongan belajar (rombel), 2.407 guru dan 4.442 tenaga kependidikan"
    got = {(f.value, f.group) for f in articles["894"].figures}
    assert {(2407, "teachers"), (4442, "education staff")} <= got
    assert not any(f.value == 641 for f in articles["894"].figures)  # study groups are not people


def test_arrested_is_not_killed(articles):
    # "seorang narapidana yang diduga tewas dikeroyok teman sekamar dan 4 anggota Lembaga
    # Swadaya Masyarakat (LSM) yang terjaring Operasi Tangkap Tangan (OTT) polisi"
    four = figure(articles["365"], "4 anggota")
    assert four.measure == "detained"


def test_place_is_never_the_outlet_nor_a_venue(articles):
    # "Dilansir dalam Saudi Gazette (18/10/2025), sekitar 10.000 siswa akan menghadiri kelas"
    assert figure(articles["809"], "sekitar 10.000").where == "Gaza"
    # "..." kata AHY dalam paparan ... di Kemenko Infra, Jakarta Pusat: the venue, not the place
    for f in articles["603"].figures:
        assert f.where not in ("Kemenko Infra", "Jakarta Pusat")
    assert figure(articles["603"], "26,9 juta keluarga").where == "Indonesia"


def test_toll_without_a_place_takes_the_articles_not_the_attackers(articles):
    # "Kementerian tersebut menyatakan 17.711 siswa tewas dan 25.897 terluka": after
    # "Israel telah menghancurkan 172 sekolah" in the paragraph before
    killed = figure(articles["809"], "17.711")
    assert (killed.measure, killed.where, killed.scope) == ("killed", "Gaza", "cumulative")


def test_single_attack_is_an_incident_and_a_toll_is_cumulative():
    (attack,) = headline_figures(headline("Serangan Udara Israel Tewaskan 20 Orang di Gaza"))
    assert (attack.value, attack.measure, attack.where, attack.scope) == (20, "killed", "Gaza", "incident")
    # a toll stays cumulative even when the headline names the attacks it adds up
    (toll,) = headline_figures(headline("Korban Tewas Serangan Israel di Gaza Tembus 10 Ribu Orang"))
    assert (toll.value, toll.measure, toll.where, toll.scope) == (10_000, "killed", "Gaza", "cumulative")


def test_subject_of_a_headline_verb_is_not_the_place():
    # "Israel Kembalikan 100 Jenazah Warga Gaza": Israel acts, the dead are Gazans
    (bodies,) = headline_figures(headline("Israel Kembalikan 100 Jenazah Warga Gaza"))
    assert (bodies.measure, bodies.where) == ("killed", "Gaza")


def test_combined_toll_of_both_sides_is_no_places_toll():
    # Early-war headlines add up both sides: no single place, so `--check` leaves it out
    from warta.corpus.checks import checkable

    class Gaza:
        name, where = "Gaza (test)", "Gaza"

    (toll,) = headline_figures(headline("Update Perang Hamas-Israel, Korban Tewas Hampir 4.000 Orang"))
    assert (toll.measure, toll.scope, toll.where) == ("killed", "cumulative", None)
    assert not checkable(toll.model_copy(update={"as_of": "2023-10-15"}), Gaza())
