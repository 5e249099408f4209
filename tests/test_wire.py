"""Wire copies on detik-1000: the same article filed under two desks is found, rewrites of
one text are found with what changed, and different articles stay apart."""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache

from conftest import shared_path

from warta.corpus.wire import exact_jaccard, find_groups
from warta.ids import fingerprint, shingles
from warta.model import Article


@lru_cache(maxsize=1)
def _detik(n: int = 400) -> tuple[Article, ...]:
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:n]
    return tuple(Article(id=f"detik-1000:{r['id']}", title=r["judul"], outlet="Detik",
                         published=dt.datetime.strptime(r["tanggal"], "%m/%d/%Y %H:%M").isoformat(timespec="minutes"),
                         text=r["isi_berita"], raw_text=r["isi_berita"]) for r in rows)


def test_fingerprint_estimates_shingle_jaccard():
    a = _detik()[0].text
    b = "\n".join(a.split("\n")[: len(a.split("\n")) // 2])
    est = fingerprint(a).jaccard(fingerprint(b))
    assert abs(est - exact_jaccard(a, b)) < 0.15
    assert shingles("satu dua") == {"satu dua"}


def test_identical_bodies_are_grouped_and_groups_are_real_copies():
    arts = _detik()
    groups = find_groups(arts)
    group_of = {i: n for n, g in enumerate(groups) for i in g.ids}
    by_text: dict[str, list[str]] = {}
    for a in arts:
        by_text.setdefault(" ".join(a.text.split()), []).append(a.id)
    same = [ids for ids in by_text.values() if len(ids) > 1]
    assert same, "detik-1000 files some articles under two desks"
    for ids in same:
        assert len({group_of.get(i) for i in ids}) == 1 and ids[0] in group_of, ids
    text = {a.id: a.text for a in arts}
    for g in groups:
        first = text[g.first.id]
        # Every republication shares a large part of its 5-word shingles with the first.
        assert all(exact_jaccard(first, text[c.id]) > 0.35 for c in g.copies), g.ids


def test_rewritten_copy_reports_what_changed_and_first_publisher():
    groups = find_groups(_detik())
    rewritten = [c for g in groups for c in g.copies if c.headline_rewritten]
    assert rewritten, "some copies carry a new headline"
    for g in groups:
        delays = [c.delay_minutes for c in g.copies]
        assert all(d is not None and d >= 0 for d in delays)
        assert g.provenance().count("->") >= len(g.copies)


# A disclaimer block of the kind an outlet appends to every article on one subject (written
# for this test; warta's code names no paragraph).
_DISCLAIMER = [
    "Informasi ini tidak ditujukan untuk menginspirasi siapa pun untuk melakukan tindakan "
    "serupa. Bagi pembaca yang merasa memerlukan layanan konsultasi masalah kejiwaan, terlebih "
    "pernah terbersit keinginan melakukan percobaan bunuh diri, jangan ragu bercerita, "
    "berkonsultasi atau memeriksakan diri ke psikiater di rumah sakit yang memiliki fasilitas "
    "layanan kesehatan jiwa.",
    "Berbagai saluran kini tersedia untuk mendengarkan keluh kesah dan membantu mencari jalan "
    "keluar, mulai dari layanan konseling daring yang dikelola lembaga swadaya masyarakat, "
    "puskesmas di setiap kecamatan, hingga rumah sakit jiwa milik pemerintah daerah yang "
    "membuka poli konsultasi setiap hari kerja tanpa biaya bagi peserta jaminan kesehatan.",
    "Jika Anda atau orang terdekat menunjukkan tanda-tanda depresi, seperti kehilangan minat "
    "pada hal yang biasa disukai, sulit tidur, menarik diri dari pergaulan, atau berbicara "
    "tentang keinginan mengakhiri hidup, segera cari pertolongan dari tenaga profesional dan "
    "jangan biarkan mereka sendirian menghadapi masalahnya.",
]


def test_a_paragraph_block_an_outlet_repeats_is_boilerplate_not_a_copy():
    """Five different short detik articles (real text, 69-104 words) carrying the same
    appended block: without boilerplate removal the block makes them 'copies' of each
    other; with it (the block is in >= 4 bodies of the outlet) they are five articles."""
    from warta.corpus.wire import boilerplate_paragraphs, own_text

    wanted = {"detik-1000:914", "detik-1000:903", "detik-1000:594", "detik-1000:144", "detik-1000:673"}
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if f"detik-1000:{r['id']}" in wanted]
    arts = [Article(id=f"detik-1000:{r['id']}", title=r["judul"], outlet="Detik",
                    published=dt.datetime.strptime(r["tanggal"], "%m/%d/%Y %H:%M").isoformat(timespec="minutes"),
                    text=r["isi_berita"] + "\n" + "\n".join(_DISCLAIMER),
                    raw_text=r["isi_berita"] + "\n" + "\n".join(_DISCLAIMER)) for r in rows]
    assert len(arts) == 5
    found = boilerplate_paragraphs(arts)["Detik"]
    # The block, and detik's own "SCROLL TO CONTINUE WITH CONTENT" residue line; none of
    # the articles' own paragraphs.
    assert len(found) == len(_DISCLAIMER) + 1 and "scroll to continue with content" in found
    for a in arts:
        own = own_text(a, {"Detik": found})
        assert "psikiater" not in own and len(own.split()) >= 40
    # The block is 135 words: over these bodies it alone gives shingle Jaccard 0.38-0.47,
    # so at a copy threshold of 0.35 every pair would be a 'copy'.
    assert find_groups(arts, threshold=0.35) == []
    with_block = find_groups(arts, threshold=0.35, boilerplate={})
    assert with_block and len(with_block[0].ids) >= 4
