"""Draw 40 Gaza-war headlines whose count of people is credited, for the fourth real-news held-out set.

Issue 15: ``realnews_heldout4.jsonl``'s 160 headlines judge ``source`` on only 12 credited
figures: the sourced draw's loose pattern (any number, any colon or crediting word) mostly
caught topic labels, listicles and numbers that are no counts. This draw's pattern is strict,
and stated here before drawing: a headline is kept when it holds

- a COUNT: a number (digits, or an Indonesian number word of the earlier draws' list) followed,
  as the next word or the one after it, by a people noun or a casualty word (PEOPLE below:
  orang, warga, korban, jiwa, anak, bayi, wanita, perempuan, tentara, tawanan, sandera,
  jurnalis, wartawan, pasien, dokter, staf, pengungsi, tahanan, militan, pejuang, ... and
  tewas, terbunuh, terluka, ditangkap, ...), **and**
- a CREDIT: either a name before a colon, at the start of the headline or after its last comma
  before the colon (after an optional media label VIDEO/FOTO/INFOGRAFIS/LIVE), of at most four
  words, with no digit, not starting with a rubric word (LABEL_START below: Update, Video, Foto,
  Top, Fakta, Situasi, Kondisi, Perang, ...); or a reporting verb (REPORTING below: kata, ujar,
  sebut, ungkap, klaim, menurut, lapor, catat, umumkan, akui, tegaskan, nyatakan, ... with their
  affixes) right after a capitalised word (a name), or "menurut" before one.

The pattern is a filter, not a judgement: a drawn headline whose credit is for something else
than its count stays and is annotated as it reads.

Reads the Narasipal headline CSV (``../shared/data/news/narasipal-gaza-headlines``) only (warta
is not run). A headline is left out when its text, lower-cased with whitespace collapsed, equals
any string of any record of any ``warta/evaluate/data/*.jsonl`` file or occurs in the (likewise
normalised) text of any other file there (the README quotes headlines), read as of commit BASE
(main when the draw was made, read with ``git show``: the records appended afterwards, and the
README text about them, do not exclude themselves on a re-run). Duplicates in the CSV are
collapsed (first row kept, in CSV order). With one ``random.Random(1601)``: ``rng.sample`` of 40
from the pool (in CSV order). None skipped.

Usage, from the repository root: ``python -m training.draw_realnews_heldout4_credited`` (gold
records with empty ``figures`` to stdout, to be annotated by reading; pool size to stderr; the
same list on every run). Hand-written: a one-off draw over one CSV; the regular expressions are
the criterion."""

from __future__ import annotations

import re

from training.draw_realnews_heldout4_headlines import NUMBER_WORDS, print_draw

SEED, N = 1601, 40
BASE = "bf66da0"  # main when the draw was made (the exclusion files are read as of it)

PEOPLE = ("orang warga korban jiwa anak anak-anak bayi balita bocah wanita perempuan pria ibu tentara prajurit "
          "serdadu pasukan personel polisi tawanan sandera jurnalis wartawan pasien dokter nakes perawat staf "
          "pekerja relawan petugas pengungsi tahanan narapidana militan pejuang komandan petinggi anggota "
          "penduduk WNI mahasiswa demonstran pengunjuk massa jemaah jenazah mayat jasad "
          "tewas terbunuh meninggal gugur syahid terluka luka luka-luka cedera ditangkap ditahan diculik "
          "hilang dibebaskan dievakuasi mengungsi").split()
COUNT = re.compile(r"(?:\d[\d.,]*|\b(?:" + "|".join(NUMBER_WORDS) + r")\b)(?:\s+\S+)?\s+(?:"
                   + "|".join(re.escape(w) for w in PEOPLE) + r")\b", re.IGNORECASE)

LABEL_START = ("update video foto infografis live top fakta situasi kondisi perang terkini terbaru populer "
               "breaking kisah hasil").split()
MEDIA = r"(?:(?:video|foto|infografis|live)\s*:\s*)?"
COLON_NAME = re.compile(r"^" + MEDIA + r"(?:[^:]*,\s*)?([^:,]+?):\s", re.IGNORECASE)
REPORTING = ("kata katanya ujar ujarnya sebut menyebut sebutkan menyebutkan ungkap ungkapkan mengungkap "
             "mengungkapkan klaim mengklaim lapor laporkan melaporkan catat mencatat umumkan mengumumkan akui "
             "mengakui tegaskan menegaskan nyatakan menyatakan kabarkan mengabarkan konfirmasi mengonfirmasi "
             "beberkan membeberkan bilang").split()
VERB_AFTER_NAME = re.compile(r"\b[A-Z][\w.'-]*\s+(?i:" + "|".join(REPORTING) + r")\b|\b(?i:menurut)\s+[A-Z]")


def credited(headline: str) -> bool:
    m = COLON_NAME.match(headline)
    if m:
        name = m.group(1).split()
        if len(name) <= 4 and not re.search(r"\d", m.group(1)) and name[0].lower() not in LABEL_START:
            return True
    return bool(VERB_AFTER_NAME.search(headline))


def main() -> None:
    print_draw(BASE, lambda h: bool(COUNT.search(h) and credited(h)), SEED, N, "with a count and a credit")


if __name__ == "__main__":
    main()
