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
