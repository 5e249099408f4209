"""Hostile inputs: texts built to find where a stage stops being linear (issue 10).

Each generator returns exactly ``size`` characters: long runs of one character, of digits,
of quote marks and brackets, text without spaces or without sentence ends, and dense
versions of what the claim stages look for (numbers, quotes, dates, glued sentences).
They feed ``benchmarks/hostile_benchmark.py`` (per-stage time and ``warta ingest`` time
and memory per MB) and tests/test_hostile.py; nothing generated here is committed.
"""

from __future__ import annotations

import random
from typing import Callable

_PUNCT = "\"'“”‘’()[]{}<>.,;:!?-–—/\\@#*_~|"


def _repeat(unit: str) -> Callable[[int], str]:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]
    return make


def _random(alphabet: str, seed: int) -> Callable[[int], str]:
    def make(size: int) -> str:
        rnd = random.Random(seed)
        return "".join(rnd.choices(alphabet, k=size))
    return make


# name -> generator(size) -> text of exactly ``size`` characters
TEXTS: dict[str, Callable[[int], str]] = {
    "one_letter": _repeat("a"),
    "digits": _repeat("7"),
    "straight_quotes": _repeat('"'),
    "curly_quotes": _repeat("“"),
    "open_brackets": _repeat("("),
    "bracket_pairs": _repeat("[]"),
    "punctuation_mix": _random(_PUNCT, 1),  # varied, so no tokenizer cache helps
    "digit_space": _repeat("1 "),
    "no_spaces": _repeat("katakatakata.Kata,"),
    "glued_sentences": _repeat("ab.Cd"),
    "no_sentence_end": _repeat("warga tewas dua belas orang di Gaza dan "),
    "dense_figures": _repeat("12 orang tewas, 30 luka, 1.200 warga mengungsi; "),
    "dense_quotes": _repeat('"Kami menolak," kata Budi. “Itu salah” ujarnya. '),
    "dense_dates": _repeat("Senin (12/10/2023) pukul 10.00 WIB 7 Oktober 2023 "),
    "dense_names": _repeat("Presiden Joko Widodo bertemu Menteri Luar Negeri Retno Marsudi, "
                           "PM Benjamin Netanyahu dan juru bicara Hamas di Jakarta. "),
    "dense_acronyms": _repeat("Bank Indonesia (BI) menemui Gubernur Perry Warjiyo (Perry) dan "
                              "Presiden Joko Widodo alias Jokowi. "),
    "title_case": _repeat("Serangan Israel Tewaskan 20 Warga Gaza Di Rafah Kata Pejabat Hamas "),
    "dense_loaded": _repeat("Serangan brutal rezim Zionis, pembantaian keji oleh teroris penjajah; "),
    "controls_bidi": _repeat("\x1b[31mmerah\x1b[0m \u202egnilam\u202c \x00\x07 tewas 3 orang. "),
    "random_unicode": _random("aZ09 .,\"“”()\n\u0301\u202e\u200d😀ا\x00\x1b", 2),
}


def text(name: str, size: int) -> str:
    return TEXTS[name](size)


def timed_front_stages(raw):
    """Clean and meta on one raw article as the pipeline runs them, with the CPU seconds
    each took: (cleaned, metadata, documents, {"clean": s, "meta": s}). Shared by
    tests/test_hostile.py and benchmarks/hostile_benchmark.py."""
    import time

    from warta import clean, meta
    from warta.pipeline import _documents

    clock, times = time.process_time, {}
    t = clock()
    cleaned = clean.clean(raw.raw_text)
    times["clean"] = clock() - t
    t = clock()
    metadata = meta.detect(raw, cleaned)
    docs = _documents(raw, cleaned, metadata)
    for doc in docs:
        doc.cited_sources = meta.find_cited_sources(doc)
    times["meta"] = clock() - t
    return cleaned, metadata, docs, times
