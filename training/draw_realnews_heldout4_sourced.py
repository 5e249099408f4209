"""Draw 60 Gaza-war headlines with a count and a credit for the fourth real-news held-out set.

Issue 15: ``realnews_heldout4.jsonl``'s 100 random headlines credit a source for only 2
figures, too few to measure ``source``. This draw adds headlines that hold a number **and** a
credit pattern, so ``source`` (and ``where``) are judged on many credited figures.

Reads the Narasipal headline CSV (``../shared/data/news/narasipal-gaza-headlines``) only
(warta is not run). A headline is left out when its text, lower-cased with whitespace
collapsed, equals any string of any record of any ``warta/evaluate/data/*.jsonl`` file or
occurs in the (likewise normalised) text of any other file there (the README quotes
headlines): those files are used only to exclude. They are read as they were when the draw was
made, at commit BASE (main then; read with ``git show``), so that the 60 records appended
afterwards, and the README text written about them, do not exclude themselves on a re-run. Duplicates in the CSV are collapsed (first
row kept, in CSV order). Kept: headlines with a digit or an Indonesian number word (NUMBER, the
same list as the earlier heldout4 headline draw, imported from it) **and** a credit pattern (CREDIT, stated here
before drawing):

- a leading name before a colon, "X: ..." (X up to 60 characters without a colon; media
  labels VIDEO/FOTO/INFOGRAFIS/LIVE are not names and are skipped over), or
- a reporting or crediting word: kata, ujar, sebut/menyebut/sebutkan, ungkap/mengungkap/
  ungkapkan/mengungkapkan, klaim/mengklaim, menurut, lapor/laporkan/melaporkan/laporan,
  catat/mencatat, umumkan/mengumumkan, akui/mengakui, tuding/menuding, versi, data,
  kabar/mengabarkan, konfirmasi/mengonfirmasi, nyatakan/menyatakan, tegaskan, perkirakan/
  memperkirakan, bilang.

The pattern is a filter, not a judgement: a drawn headline whose "credit" is for something else
than its number, or whose number is no figure, stays and is annotated as it reads. With one
``random.Random(1591)``: ``rng.sample`` of 60 from the pool (in CSV order). None skipped.

Prints one JSON record a line in the gold's format with ``figures`` left empty, for the
annotator to fill by reading; the pool size goes to stderr. Run from the repository root:
``python -m training.draw_realnews_heldout4_sourced``; re-running prints the same list.
Hand-written: a one-off draw over one CSV; the regular expressions are the criterion.
"""

from __future__ import annotations

import re

from training.draw_realnews_heldout4_headlines import NUMBER, norm, print_draw

SEED, N = 1591, 60
BASE = "6ce35d9"  # main when the draw was made (the exclusion files are read as of it)

CREDIT_WORDS = ("kata ujar sebut menyebut sebutkan ungkap mengungkap ungkapkan mengungkapkan klaim mengklaim "
                "menurut lapor laporkan melaporkan laporan catat mencatat umumkan mengumumkan akui mengakui "
                "tuding menuding versi data kabar mengabarkan konfirmasi mengonfirmasi nyatakan menyatakan "
                "tegaskan perkirakan memperkirakan bilang").split()
LABEL = r"(?:video|foto|infografis|live)\s*:"
CREDIT = re.compile(r"^(?:" + LABEL + r"\s*)?(?!" + LABEL + r")[^:]{2,60}:\s"
                    r"|\b(?:" + "|".join(CREDIT_WORDS) + r")\b", re.IGNORECASE)


def main() -> None:
    print_draw(BASE, lambda h: bool(NUMBER.search(norm(h)) and CREDIT.search(h)), SEED, N, "with a number and a credit pattern")


if __name__ == "__main__":
    main()
