"""wordscan: rules tried only near their words find what finditer finds."""

from __future__ import annotations

import random
import re

import pytest

from warta.wordscan import finditer_near, lacks_words, leading_words


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_leading_words_read_from_the_pattern():
    assert leading_words(re.compile(r"\b(?:pada|di)\s+\d+", re.I)) == {"pada", "di"}
    assert leading_words(re.compile(r"(?:awal\s+)?(?:Maret|April)", re.I)) == {"awal", "maret", "april"}
    assert leading_words(re.compile(r"(?<![\d.])[12]\d{3}")) == {"1", "2"}
    assert leading_words(re.compile(r"se(?:hari|jam)|sekitar \d")) == {"se"}  # "sekitar" adds nothing
    assert leading_words(re.compile(r"Reuters|AFP")) == {"Reuters", "AFP"}  # case kept without re.I
    for undecidable in (r"\w+ kata", r"(?:pada)?", r"[^a]b", r".x", r"[a-z]+ hari", r"(?P<x>a?)(?P=x)c",
                        r"(?i:kata) x", "\u212aata"):  # a Kelvin sign folds to "k" under re.I
        assert leading_words(re.compile(undecidable, re.I)) is None, undecidable


@pytest.mark.parametrize("stretch", [1 << 16, 7, 1])
def test_words_near_which_every_match_lies_give_finditers_matches(stretch, monkeypatch):
    """Random texts over a small alphabet (so matches crowd, overlap and abut) against
    patterns with look-behinds, optional words, case folding and a window (pos, endpos)."""
    import warta.wordscan

    monkeypatch.setattr(warta.wordscan, "_STRETCH", stretch)  # word positions a stretch at a time
    rnd = random.Random(16)
    cases = [(r"(?:awal\s+)?(?<![\d])(?:1\d|2)\b", re.I, None, 0), (r"\b(?:se|seka)(?:li|t)?\b", re.I, None, 0),
             (r"(?:^|\s)-\s*(?:AB|A)\s*$", re.M, ["-"], 1), (r"(?:di|me)?kat(?:a|i)+", re.I, None, 0),
             (r"(?<![a-z])AB\s*\+", 0, None, 0), (r"(?:\s|x)?\s?-", re.I, ["-"], 2)]
    alphabet = ["a", "b", "A", "B", "k", "K", "t", "i", "se", "di", "me", "1", "2", " ", "\n", "-", "+",
                "awal ", "kata", "KATA", "seka", "li", " - AB\n", "\n-A", "AB+"]
    for source, flags, words, reach in cases:
        pattern, matched = re.compile(source, flags), 0
        words = words or leading_words(pattern)
        assert words, source
        for _ in range(400):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 60)))
            pos, endpos = sorted(rnd.randrange(0, len(text) + 1) for _ in range(2))
            assert _spans(finditer_near(pattern, text, words, reach)) == _spans(pattern.finditer(text)), text
            assert _spans(finditer_near(pattern, text, words, reach, pos, endpos)) == \
                _spans(pattern.finditer(text, pos, endpos)), (text, pos, endpos)
            matched += len(_spans(pattern.finditer(text)))
        assert matched > 30, source
    # a word some characters into a match: reach
    pattern = re.compile(r"(?:sebagaimana |yang )?dilansir \w+", re.I)
    for text in ("Yang dilansir AFP, sebagaimana DILANSIR x dilansir", "dilansirdilansir y", ""):
        assert _spans(finditer_near(pattern, text, ["dilansir"], 12)) == _spans(pattern.finditer(text))
    with pytest.raises(ValueError, match="empty"):
        list(finditer_near(re.compile(r"x*"), "ab", ["a"], 0))


def test_case_folding_beyond_ascii_takes_the_ordinary_scan():
    pattern = re.compile(r"\bkata\b", re.I)
    for text in ("\u212aATA dia", "ſe kata", "İ kata"):  # re.I folds these; lower() does not
        assert _spans(finditer_near(pattern, text, ["kata"], 0)) == _spans(pattern.finditer(text))
    assert not lacks_words("KATA dia", ["kata"]) and lacks_words("kita", ["kata"])
    assert not lacks_words("\u212aata", ["kata"])  # not ASCII: may hold it


def test_words_that_cannot_be_told_scan_the_whole_text(seed_files):
    """A rule whose leading words ``leading_words`` cannot tell (None) is run as a plain
    finditer and never ruled out, so a rule rewritten beyond what the parser reads stays
    correct, only slower."""
    rule = re.compile(r"\w+ (?:kata|ujar)\b", re.I)
    assert leading_words(rule) is None
    for seed in seed_files:
        text = seed.read_text(encoding="utf-8")
        assert _spans(finditer_near(rule, text, leading_words(rule), 0)) == _spans(rule.finditer(text))
        assert lacks_words(text, leading_words(rule)) is False
    assert any(rule.search(seed.read_text(encoding="utf-8")) for seed in seed_files)
