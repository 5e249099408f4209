"""Draw the detik-1000 articles of the fourth real-news held-out set (issue 15).

Reads the raw text only (warta is not run): an article passes when it has at most
1000 words, at least three matches of a number (digits or a number word) followed by a
people noun, and at least two distinct capitalised names after a place word -- the third
held-out's criterion (``warta/evaluate/data/README.md``). Every article whose id, title or
opening (first 300 characters, whitespace collapsed) is in an earlier real-news gold file
is excluded up front (those files are read for ids only). The passing ids, in CSV order,
are shuffled with ``random.Random(1571)``; one article per story is kept (a later one with
the title, the opening, most of the title's words or most of the words of an earlier one --
of the draw or of an earlier gold file -- is the same story under another desk), and the
first 25 are taken. If fewer than 25 pass, the number matches are lowered to two (as dev4
did), and then to one: the articles passing the stricter count come first (each tier
shuffled in turn by the same generator), those of the next tier fill the rest.

Run from the repository root: ``python training/draw_realnews_heldout4.py``.
Hand-written: a one-off draw over one CSV; the regular expressions are the criterion.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "warta" / "evaluate" / "data"
CSV = ROOT.parent / "shared" / "data" / "news" / "detik-1000" / "data_berita.csv"
EARLIER = ["realnews_dev", "realnews_dev2", "realnews_dev3", "realnews_dev4",
           "realnews_heldout", "realnews_heldout2", "realnews_heldout3"]
WANT, MAX_WORDS, SEED = 25, 1000, 1571
SAME_STORY = 0.5  # share of shared word 5-grams (of the shorter text) that makes two texts one story

NUMBER_WORDS = ("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas seratus "
                "seribu sejuta belasan puluhan ratusan ribuan jutaan dua belas tiga belas").split()
PEOPLE = ("orang warga korban jiwa siswa murid mahasiswa tersangka pelaku peserta petugas personel "
          "pasien anak santri pegawai guru penduduk anggota penumpang pengungsi pekerja karyawan "
          "buruh nelayan petani pendaki wisatawan jemaah atlet tahanan narapidana napi prajurit "
          "tentara polisi pengunjung penonton relawan balita bayi lansia perempuan pria wanita "
          "ASN PNS TKI PMI WNI WNA penerima calon kepala pemudik pendemo demonstran massa").split()
NUMBER = (r"(?:\d+(?:[.,]\d+)*(?:\s+(?:ribu|juta|miliar))?|(?:"
          + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?:\s+(?:ribu|juta))?)")
COUNT = re.compile(rf"(?<!\w){NUMBER}\s+(?:{'|'.join(PEOPLE)})\b", re.IGNORECASE)
PLACE = re.compile(r"\b(?:di|ke|dari|Kabupaten|Kota|Provinsi|Kecamatan|Desa|Kelurahan)\s+"
                   r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")


def opening(text: str) -> str:
    return " ".join(text.split())[:300]


def grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}


def same_story(a: set, b: set) -> bool:
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= SAME_STORY


def similar_titles(a: str, b: str) -> bool:
    """Most words of the shorter title in the other (341 "97 WNI Kabur dari Perusahaan Penipuan
    Online di Kamboja" is 343's story with ", 86 Ditahan Polisi" added)."""
    x, y = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= 0.8


def passes(row: dict, min_counts: int) -> bool:
    text = row["isi_berita"]
    if len(text.split()) > MAX_WORDS:
        return False
    places = {m.group(1) for m in PLACE.finditer(text)}
    return len(COUNT.findall(text)) >= min_counts and len(places) >= 2


def main() -> None:
    rows = list(csv.DictReader(CSV.open(encoding="utf-8", newline="")))
    by_id = {r["id"]: r for r in rows}
    earlier_ids = {json.loads(line)["id"] for name in EARLIER
                   for line in (DATA / f"{name}.jsonl").open(encoding="utf-8")
                   if line.strip() and json.loads(line).get("kind") == "article"}
    earlier = [by_id[i] for i in earlier_ids]
    titles = {r["judul"] for r in earlier}
    openings = {opening(r["isi_berita"]) for r in earlier}
    pool = [r for r in rows if r["id"] not in earlier_ids and r["judul"] not in titles
            and opening(r["isi_berita"]) not in openings]
    earlier_grams = [grams(r["isi_berita"]) for r in earlier]
    rng = random.Random(SEED)
    order, taken = [], set()
    for min_counts in (3, 2, 1):
        tier = [r for r in pool if r["id"] not in taken and passes(r, min_counts)]
        print(f"{len(tier)} more pass with >= {min_counts} number matches", file=sys.stderr)
        rng.shuffle(tier)
        order += [(min_counts, r) for r in tier]
        taken |= {r["id"] for r in tier}
        if len(order) >= WANT * 1.3:  # enough left after one-per-story
            break
    kept, kept_grams = [], []
    for min_counts, r in order:
        g = grams(r["isi_berita"])
        why = ("title or opening of a kept article" if any(
                   r["judul"] == k["judul"] or opening(r["isi_berita"]) == opening(k["isi_berita"]) for _, k in kept) else
               "title of a kept article" if any(similar_titles(r["judul"], k["judul"]) for _, k in kept) else
               "title of an earlier gold article" if any(similar_titles(r["judul"], t) for t in titles) else
               "words of a kept article" if any(same_story(g, k) for k in kept_grams) else
               "words of an earlier gold article" if any(same_story(g, e) for e in earlier_grams) else None)
        if why:
            print(f"  {r['id']} dropped: same story ({why})", file=sys.stderr)
            continue
        kept.append((min_counts, r))
        kept_grams.append(g)
    for min_counts, r in kept[:WANT]:
        print(r["id"], min_counts, len(r["isi_berita"].split()), r["aspek_target"], r["judul"], sep="\t")


if __name__ == "__main__":
    main()
