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
