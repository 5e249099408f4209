"""Stored near-duplicate signatures (migration 10): the wire listing read from the stored
band keys and signatures (``services.wire_groups``) gives the same groups, first
publishers, delays and changes as fingerprinting every article in memory
(``corpus.wire.find_groups``), on real detik-1000 text and the seed reports, on both
backends; and it stays so through deletes, re-ingests, rewrites, boilerplate that appears
or disappears, and the upgrade of a store made before migration 10."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from conftest import ENTLINKS_DROP, WIRE_DROP, forget_migrations, shared_path

from warta import services
from warta.corpus import wire
from warta.ids import content_id
from warta.ingest import read_inputs
from warta.model import Article
from warta.run.batch import ingest
from warta.store import open_store

# detik-1000 rows 98, 129 and 90: one text under three headlines (see test_wire_cli).
REWRITES = {"98", "129", "90"}


def _detik(n: int) -> list[Article]:
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:n]
    seen, out = set(), []
    for r in rows:
        body = r["isi_berita"]
        if content_id(body) in seen:  # the same page scraped twice: stored once
            continue
        seen.add(content_id(body))
        out.append(Article(id=f"detik-1000:{r['id']}", title=r["judul"], outlet="Detik", text=body, raw_text=body,
                           published=dt.datetime.strptime(r["tanggal"], "%m/%d/%Y %H:%M").isoformat(timespec="minutes")))
    return out


def _in_memory(store) -> list[dict]:
    arts = list(store.articles())
    return [wire.group_record(g) for g in wire.find_groups(arts, boilerplate=wire.boilerplate_paragraphs(arts))]


def _listed(store) -> list[dict]:
    return services.wire_groups(store, max_copies=None).items


def check_same(store) -> list[dict]:
    """The stored listing equals the in-memory one, and no stored row is left stale."""
    listed = _listed(store)
    assert listed == _in_memory(store)
    assert store.wire_count() == store.count() and store.wire_stale() == []
    return listed


def test_bands_are_datasketchs():
    from datasketch import MinHashLSH

    from warta.ids import MINHASH_PERMUTATIONS

    lsh = MinHashLSH(threshold=wire.JACCARD_MIN, num_perm=MINHASH_PERMUTATIONS)
    assert wire._LSH_SHAPE == (lsh.b, lsh.r)


@pytest.mark.slow
def test_stored_listing_is_the_in_memory_one_on_real_text(store_url, seed_files):
    with open_store(store_url) as store:
        report = ingest(read_inputs([str(p) for p in seed_files]), store)
        assert report.stored == len(seed_files)
        store.save(_detik(1000))
        listed = check_same(store)
        assert len(listed) >= 20, len(listed)  # detik files many articles twice
        rewrites = next(g for g in listed if f"detik-1000:{sorted(REWRITES)[0]}" in g["articles"])
        assert set(rewrites["articles"]) == {f"detik-1000:{i}" for i in REWRITES}
        assert rewrites["first"]["id"] == "detik-1000:98"
        # A page of the groups, and each group's first copy only: the same groups, capped.
        page = services.wire_groups(store, limit=5, offset=2, max_copies=1)
        assert page.total == len(listed)
        assert [g["first"]["id"] for g in page.items] == [g["first"]["id"] for g in listed[2:7]]
        capped = next(g for g in page.items + services.wire_groups(store, max_copies=1).items
                      if g["n_copies"] == 2)
        assert len(capped["copies"]) == 1 and capped["provenance"].endswith("(+1 more)")


# A paragraph block of the kind an outlet appends to every article on one subject (written
# for this test, as test_wire's; warta's code names no paragraph).
_BLOCK = [
    "Informasi ini tidak ditujukan untuk menginspirasi siapa pun untuk melakukan tindakan serupa. Bagi "
    "pembaca yang merasa memerlukan layanan konsultasi masalah kejiwaan, jangan ragu bercerita atau "
    "memeriksakan diri ke psikiater di rumah sakit yang memiliki fasilitas layanan kesehatan jiwa.",
    "Berbagai saluran kini tersedia untuk mendengarkan keluh kesah dan membantu mencari jalan keluar, "
    "mulai dari layanan konseling daring, puskesmas di setiap kecamatan, hingga rumah sakit jiwa milik "
    "pemerintah daerah yang membuka poli konsultasi setiap hari kerja.",
]


@pytest.mark.slow
def test_delete_reingest_rewrite_and_boilerplate_keep_the_rows_right(store_url):
    arts = _detik(300)
    with open_store(store_url) as store:
        store.save(arts)
        before = check_same(store)
        group = next(g for g in before if len(g["articles"]) == 3)
        # Delete a group's first publisher: its rows go with it.
        first = group["first"]["id"]
        assert store.delete([first]) == 1
        after = check_same(store)
        assert first not in {i for g in after for i in g["articles"]} and after != before
        # Stored again: the group is back as it was.
        store.save([a for a in arts if a.id == first])
        assert check_same(store) == before
        # Rewritten in place with another body: no longer a copy of anything.
        other = next(a for a in arts if a.id not in {i for g in before for i in g["articles"]})
        store.replace([next(a for a in arts if a.id == group["copies"][0]["id"])
                       .model_copy(update={"text": other.text})])
        rewritten = check_same(store)
        assert rewritten != before
        # A block appended to four articles becomes the outlet's boilerplate: the signatures
        # made before the fourth left it in and are remade at the next listing.
        plain = [a for a in arts if a.id not in {i for g in before for i in g["articles"]}][:4]
        assert store.delete([a.id for a in plain]) == 4
        carrying = [a.model_copy(update={"text": a.text + "\n" + "\n".join(_BLOCK),
                                         "raw_text": a.raw_text + "\n" + "\n".join(_BLOCK)}) for a in plain]
        for a in carrying:
            store.save([a])
        assert len(store.wire_stale()) >= 3  # judged when stored, before the block was boilerplate
        check_same(store)
        assert set(wire.boilerplate_paragraphs(list(store.articles()))["Detik"]) >= \
            {wire._paragraph_key(p) for p in _BLOCK}
        # One deleted: the block falls below four filings and is text again.
        assert store.delete([carrying[0].id]) == 1
        assert store.wire_stale()
        check_same(store)


def _downgrade(store) -> None:
    """Make ``store`` look as a store before migration 10 did (no wire rows)."""
    forget_migrations(store, ENTLINKS_DROP + WIRE_DROP, 10)


@pytest.mark.slow
def test_a_schema_9_store_is_caught_up_by_its_first_listing(store_url):
    with open_store(store_url) as store:
        store.save(_detik(300))
        before = _listed(store)
        _downgrade(store)
    with open_store(store_url) as store:
        assert store.wire_count() == 0
        assert wire.catch_up(store, batch=64) >= store.count()  # and again those made before their boilerplate
        assert check_same(store) == before
        assert wire.catch_up(store) == 0  # nothing left to do


@pytest.mark.slow
def test_a_read_only_store_without_its_rows_is_judged_in_memory(tmp_path):
    from warta.store.sqlite import SQLiteStore

    path = tmp_path / "w.db"
    with SQLiteStore(path) as store:
        store.save(_detik(150))
        listed = _listed(store)
        assert listed, "detik's first 150 rows hold some copies"
        store.conn.executescript("DELETE FROM wire_bands; DELETE FROM wire_signatures; DELETE FROM wire_paragraphs;")
    services._STORE_CACHE.clear()  # the rows went behind the store's back: no new generation
    with SQLiteStore(path, read_only=True) as store:
        assert store.wire_count() == 0
        assert _listed(store) == listed  # cannot write the rows here: fingerprinted in memory
        capped_in_memory = services.wire_groups(store, max_copies=1).items
    with SQLiteStore(path) as store:
        assert _listed(store) == listed and store.wire_count() == store.count()  # made by this listing
        # A capped listing is the same record on both paths: ids, copies and the provenance
        # line ("(+N more)") show the first copies only.
        capped = services.wire_groups(store, max_copies=1).items
        assert capped_in_memory == capped
        assert any(g["n_copies"] > 1 and "more)" in g["provenance"] for g in capped)
