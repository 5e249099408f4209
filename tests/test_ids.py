"""Article ids (warta.ids): what makes two inputs the same article or the same page."""

from warta.ids import content_id, normalise_url, url_id


def test_content_id_ignores_line_breaks_and_case_but_not_words(seed_files):
    text = seed_files[0].read_text(encoding="utf-8")
    rewrapped = " \n".join(text.split(" ")).upper()
    assert content_id(rewrapped) == content_id(text)
    assert content_id(text.replace(" ", " tidak ", 1)) != content_id(text)
    assert len(content_id(text)) == 16


def test_url_id_ignores_what_does_not_change_the_page():
    url = "https://news.detik.com/berita/d-7000000/banjir-jakarta"
    same = ["http://www.news.detik.com/berita/d-7000000/banjir-jakarta/",
            "https://NEWS.detik.com/berita/d-7000000/banjir-jakarta?utm_source=twitter#komentar"]
    assert {url_id(u) for u in same} == {url_id(url)}
    assert url_id(url + "?page=2") != url_id(url)
    assert url_id("https://news.detik.com/berita/d-7000001/banjir-jakarta") != url_id(url)
    assert normalise_url(same[1]) == "https://news.detik.com/berita/d-7000000/banjir-jakarta"


def test_content_id_whitespace_collapse_is_the_regex_one(seed_files, monkeypatch):
    """content_id joins str.split()'s words (faster than re.sub(r"\\s+", " ", ...).strip(),
    which it used): the same string for every whitespace character and real text."""
    import csv
    import random
    import re
    import sys

    from conftest import shared_path

    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert bool(space.fullmatch(c)) == c.isspace() == (c.strip() == "") == (c.split() == []), hex(code)
    csv.field_size_limit(10**8)
    with shared_path("data", "news", "detik-1000", "data_berita.csv").open(encoding="utf-8") as fh:
        texts = [row["isi_berita"] for row in csv.DictReader(fh)]
    texts += [s.read_text(encoding="utf-8") for s in seed_files]
    rnd = random.Random(16)
    pieces = ["a", "B", " ", "\n", "\t", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\u200b", "é"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randrange(40))) for _ in range(2000)]
    for text in texts:
        assert " ".join(text.split()) == re.sub(r"\s+", " ", text).strip()
    import warta.ids

    ids = [content_id(t) for t in texts[:300]]
    monkeypatch.setattr(warta.ids, "_SPLIT_MAX_CHARS", 0)  # every text through the regex, as a long one
    assert [content_id(t) for t in texts[:300]] == ids
