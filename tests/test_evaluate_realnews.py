"""The real-news gold (issue 15): well-formed, its held-out third apart, and scored the
way its README says."""

import json
import re

import pytest

from conftest import shared_path

from warta.evaluate.figures import same_attribute
from warta.evaluate.realnews import DEV, DEV2, DEV3, DEV4, HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, detik_raws, read_gold, score_article_quotes
from warta.evaluate.quotes import Scores
from warta.model import Quote


def test_every_excerpt_is_in_its_article():
    csv_path = shared_path("data", "news", "detik-1000", "data_berita.csv")
    rows = [r for path in (DEV, HELDOUT, DEV2, DEV3, HELDOUT2, HELDOUT3, DEV4, HELDOUT4) for r in read_gold(path) if r["kind"] == "article"]
    raws = detik_raws([r["id"] for r in rows], csv_path)
    for row in rows:
        raw = raws[row["id"]]
        for item in row["figures"] + row.get("quotes", []):
            source = raw.title if item.get("field") == "title" else raw.raw_text
            assert item["text"] in source, (row["id"], item["text"])
    for row in (r for path in (DEV, HELDOUT, HELDOUT4) for r in read_gold(path) if r["kind"] == "headline"):
        for item in row["figures"]:
            assert item["text"] in row["headline"]


def test_heldout_third_is_apart():
    dev, held = read_gold(DEV), read_gold(HELDOUT)
    key = lambda r: r.get("id") or r["headline"]  # noqa: E731
    assert not {key(r) for r in dev} & {key(r) for r in held}
    count = lambda rows, kind: sum(r["kind"] == kind for r in rows)  # noqa: E731
    assert (count(dev, "article"), count(held, "article")) == (40, 20)
    assert (count(dev, "headline"), count(held, "headline")) == (200, 100)


def test_second_dev_set_is_new_articles_figures_only():
    dev2 = read_gold(DEV2)
    earlier = {r.get("id") for path in (DEV, HELDOUT) for r in read_gold(path)}
    assert len(dev2) == 32 and not {r["id"] for r in dev2} & earlier
    assert all(r["kind"] == "article" and "quotes" not in r for r in dev2)  # quotes not scored on it


def test_third_dev_set_is_new_articles_figures_only():
    dev3 = read_gold(DEV3)
    earlier = {r.get("id") for path in (DEV, HELDOUT, DEV2) for r in read_gold(path)}
    assert len(dev3) == 35 and not {r["id"] for r in dev3} & earlier
    assert all(r["kind"] == "article" and "quotes" not in r for r in dev3)
    # the set is for the `where` field: most of its required figures say where
    required = [f for r in dev3 for f in r["figures"] if not f.get("optional")]
    assert sum("where" in f for f in required) >= 0.9 * len(required) >= 80


def test_second_heldout_is_new_articles_figures_only():
    held2 = read_gold(HELDOUT2)
    earlier = [r for path in (DEV, HELDOUT, DEV2, DEV3) for r in read_gold(path) if r["kind"] == "article"]
    assert len(held2) == 20 and not {r["id"] for r in held2} & {r["id"] for r in earlier}
    assert not {r["title"] for r in held2} & {r.get("title") for r in earlier}
    assert all(r["kind"] == "article" and "quotes" not in r for r in held2)  # quotes not scored on it
    assert sorted(r["topic"] for r in held2) == ["incidents"] * 10 + ["politics"] * 10


def _new_article_figures(path, n: int, earlier_paths, figures_only: bool = True) -> list[dict]:
    """The required figures of a gold file's ``n`` detik articles, which share no id, title
    or opening (first 300 characters of the raw text) with the earlier files, and hold
    figures only (``figures_only``: quotes are not scored on them) or, with
    ``figures_only=False``, quotes on every article too."""
    records = [r for r in read_gold(path) if r["kind"] == "article"]  # heldout4 also holds headlines
    earlier = [r for p in earlier_paths for r in read_gold(p) if r["kind"] == "article"]
    assert len(records) == n and len({r["id"] for r in records}) == n
    assert not {r["id"] for r in records} & {r["id"] for r in earlier}
    assert not {r["title"] for r in records} & {r.get("title") for r in earlier}
    raws = detik_raws([r["id"] for r in records + earlier], shared_path("data", "news", "detik-1000", "data_berita.csv"))
    opening = lambda i: " ".join(raws[i].raw_text.split())[:300]  # noqa: E731
    assert not {opening(r["id"]) for r in records} & {opening(r["id"]) for r in earlier}
    assert all(r["kind"] == "article" and ("quotes" not in r) == figures_only for r in records)
    return [f for r in records for f in r["figures"] if not f.get("optional")]


def test_third_heldout_is_new_articles_figures_only_rich_in_where():
    required = _new_article_figures(HELDOUT3, 25, (DEV, HELDOUT, DEV2, DEV3, HELDOUT2))
    # drawn for the `where` field: every required figure says where (none judged null)
    assert len(required) >= 60 and all(f.get("where") for f in required)


def test_fourth_dev_set_is_drawn_like_the_third_heldout():
    required = _new_article_figures(DEV4, 20, (DEV, HELDOUT, DEV2, DEV3, HELDOUT2, HELDOUT3))
    assert len(required) >= 40 and sum(bool(f.get("where")) for f in required) >= 40


def test_fourth_heldout_is_new_articles_with_figures_and_quotes():
    # drawn by training/draw_realnews_heldout4.py over the raw text (README): apart from every
    # earlier file, figures and quotes annotated on all 25 articles
    required = _new_article_figures(HELDOUT4, 25, (DEV, HELDOUT, DEV2, DEV3, HELDOUT2, HELDOUT3, DEV4),
                                          figures_only=False)
    assert len(required) >= 20 and sum(bool(f.get("where")) for f in required) >= 19
    quotes = [q for r in read_gold(HELDOUT4) if r["kind"] == "article" for q in r["quotes"]]
    assert all(q["kind"] in ("direct", "indirect") and q["speaker"] for q in quotes)
    assert sum(not q.get("optional") for q in quotes) >= 150
    # the article-only sets hold no headline (the helper above reads only their articles)
    assert all(r["kind"] == "article" for p in (HELDOUT2, HELDOUT3, DEV4) for r in read_gold(p))


def test_fourth_heldout_headlines_are_new():
    # drawn by training/draw_realnews_heldout4_headlines.py (README): 100 distinct Narasipal
    # headlines, none (case- and space-normalised) in any other file of the evaluation data,
    # 80 with a digit or a number word and 20 without; then 60 more by
    # training/draw_realnews_heldout4_sourced.py, each with a number and a credit pattern, so
    # that `source` is judged on credited figures; then 40 more by
    # training/draw_realnews_heldout4_credited.py, each with a count of people and a strict credit
    # pattern; annotated by reading, never scored by their annotators
    norm = lambda text: " ".join(text.lower().split())  # noqa: E731
    headlines = [r for r in read_gold(HELDOUT4) if r["kind"] == "headline"]
    texts = [norm(r["headline"]) for r in headlines]
    assert len(texts) == len(set(texts)) == 200
    others = set()
    for path in sorted(DEV.parent.glob("*.jsonl")):
        if path == HELDOUT4:
            continue
        for line in path.open(encoding="utf-8"):
            row = json.loads(line) if line.strip() else {}
            others |= {norm(row[k]) for k in ("headline", "title", "text") if isinstance(row.get(k), str)}
    assert not set(texts) & others
    number = re.compile(r"\d|\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|"
                        r"sebelas|belas|puluh|ratus|ribu|juta|miliar|seratus|seribu|sejuta|belasan|"
                        r"puluhan|ratusan|ribuan|jutaan|lusinan|setengah|separuh)\b")
    required = lambda rows: [f for r in rows for f in r["figures"] if not f.get("optional")]  # noqa: E731
    random_draw, sourced, credited = headlines[:100], headlines[100:160], headlines[160:]
    assert sum(bool(number.search(t)) for t in texts[:100]) == 80
    assert len(required(random_draw)) >= 40 and sum(bool(f.get("where")) for f in required(random_draw)) >= 30
    assert sum(not r["figures"] for r in random_draw) >= 50  # false positives measured too
    # the sourced draw: every headline has a number and a credit pattern (the draw script's regex)
    credit = re.compile(r"^(?:(?:video|foto|infografis|live)\s*:\s*)?(?!(?:video|foto|infografis|live)\s*:)"
                        r"[^:]{2,60}:\s|\b(?:kata|ujar|sebut|menyebut|sebutkan|ungkap|mengungkap|ungkapkan|"
                        r"mengungkapkan|klaim|mengklaim|menurut|lapor|laporkan|melaporkan|laporan|catat|mencatat|"
                        r"umumkan|mengumumkan|akui|mengakui|tuding|menuding|versi|data|kabar|mengabarkan|"
                        r"konfirmasi|mengonfirmasi|nyatakan|menyatakan|tegaskan|perkirakan|memperkirakan|bilang)\b",
                        re.IGNORECASE)
    assert all(number.search(t) for t in texts[100:160]) and all(credit.search(r["headline"]) for r in sourced)
    assert len(required(sourced)) >= 20 and sum(bool(f.get("where")) for f in required(sourced)) >= 15
    assert sum(f["source"] is not None for f in required(sourced)) >= 10  # credited figures, the point of the draw
    # the credited draw: every headline has a count of people (a number, then a people noun or a
    # casualty word as the next word or the one after) and the strict credit pattern (a name of at
    # most four words before a colon, not a rubric, or a reporting verb after a capitalised word)
    count = re.compile(r"(?:\d|\b(?:satu|dua|tiga|empat|lima|setengah|sejuta|seribu|ribu|juta|puluhan|ratusan|ribuan)\b)\S*"
                       r"(?:\s+\S+)?\s+(?:orang|warga|korban|anak|bayi|tentara|sandera|pasien|mahasiswa|wni|anggota|"
                       r"pejuang|komandan|jenazah|jasad|tewas|terluka)\b", re.IGNORECASE)
    colon = re.compile(r"^(?:(?:video|foto|infografis|live)\s*:\s*)?(?:[^:]*,\s*)?([^:,]+?):\s", re.IGNORECASE)
    rubric = {"update", "video", "foto", "infografis", "live", "top", "fakta", "situasi", "kondisi", "perang",
              "terkini", "terbaru", "populer", "breaking", "kisah", "hasil"}
    verb = re.compile(r"\b[A-Z][\w.'-]*\s+(?i:kata|ujar|sebut|ungkap|klaim|lapor|catat|umumkan|akui|tegaskan|"
                      r"nyatakan|mengklaim|menyebut|mengungkapkan|melaporkan|mengumumkan|mengakui|menegaskan|"
                      r"menyatakan)\b|\b(?i:menurut)\s+[A-Z]")
    named = lambda m: bool(m) and len(m[1].split()) <= 4 and not re.search(r"\d", m[1]) \
        and m[1].split()[0].lower() not in rubric  # noqa: E731
    assert len(credited) == 40
    assert all(count.search(r["headline"]) and (named(colon.match(r["headline"])) or verb.search(r["headline"]))
               for r in credited)
    assert len(required(credited)) >= 30 and sum(bool(f.get("where")) for f in required(credited)) >= 20
    assert sum(f["source"] is not None for f in required(credited)) >= 25
    assert all({"value", "measure", "qualifier", "group", "source", "text"} <= f.keys()
               for f in required(headlines))


def test_where_is_a_place_or_left_out():
    # README: `where` is left out (not judged) when the text does not say; a judged null on a
    # required figure was the opened held-out's systematic error (national counts -> the country)
    for path in (DEV, HELDOUT, DEV2, DEV3, HELDOUT2, HELDOUT3, DEV4, HELDOUT4):
        for row in read_gold(path):
            for f in row["figures"]:
                assert f.get("optional") or f.get("where", "") is not None, (path.name, f["text"])


def test_attribute_agreement():
    assert same_attribute("where", "Kabupaten Bandung", "Bandung")
    assert not same_attribute("where", "Gaza", "Israel")
    assert same_attribute("where", "Khan Yunis", "Khan Younis")  # spellings of one place in the gazetteer
    assert same_attribute("source", "Bhakti Eri Nurmansyah", "Bhakti Eri")
    assert not same_attribute("source", "Saudi Gazette", "Arab Saudi")
    assert same_attribute("source", "Dewi Pitalolo|DKPP", "DKPP")


def test_quote_matching_by_excerpt_cover():
    text = 'Kata dia, "Kami akan terus mengawasi lembaga itu," ujar Rano.'
    start = text.index("Kami")
    end = text.index(',"')
    gold = [{"kind": "direct", "speaker": "Rano", "text": "Kami akan terus mengawasi"}]
    right = Quote(text=text[start:end], start=start, end=end, kind="direct", speaker="Rano Alfath")
    scores = Scores()
    score_article_quotes(text, [right], gold, scores)
    assert (scores.matched, scores.speaker_correct) == (1, 1)
    wrong = right.model_copy(update={"speaker": "Prabowo"})
    scores = Scores()
    score_article_quotes(text, [wrong], gold, scores)
    assert (scores.matched, scores.speaker_correct, scores.speaker_checked) == (1, 0, 1)


@pytest.mark.slow
def test_development_scores_hold():
    # Measured 2026-11-30 (README): dev figures F1 0.972 (where 0.955, source 0.988), quotes
    # F1 0.962 (speaker 0.966); dev2 figures F1 1.000 (where 1.000). Margins for small changes.
    from warta.evaluate.realnews import score_gold

    dev = score_gold(DEV)
    assert dev.figures.f1 >= 0.95 and dev.figures.accuracy("where") >= 0.93, dev.figures.errors[:10]
    assert dev.figures.accuracy("source") >= 0.95
    assert dev.quotes.f1 >= 0.94 and dev.quotes.speaker_accuracy >= 0.94
    dev2 = score_gold(DEV2)
    assert dev2.figures.f1 >= 0.95 and dev2.figures.accuracy("where") >= 0.95, dev2.figures.errors[:10]
    assert dev2.figures.accuracy("source") >= 0.95
    # dev3 (places): F1 0.911, where 0.963, source 0.806 after the where pass (blind: where 0.537),
    # source 0.968 after the source pass
    dev3 = score_gold(DEV3)
    assert dev3.figures.f1 >= 0.89 and dev3.figures.accuracy("where") >= 0.94, dev3.figures.errors[:10]
    assert dev3.figures.accuracy("source") >= 0.93
    # the first held-out, opened and retired to development (its gold's judged nulls corrected):
    # F1 0.928, where 0.963 (articles 0.967, headlines 0.958), source 0.891; 0.953 after the source pass
    opened = score_gold(HELDOUT)
    assert opened.figures.f1 >= 0.91 and opened.figures.accuracy("where") >= 0.94, opened.figures.errors[:10]
    assert opened.article_figures.accuracy("where") >= 0.93
    assert opened.figures.accuracy("source") >= 0.92
    assert opened.figures.accuracy("scope") >= 0.85  # 0.689 -> 0.885 after the heldout3 pass
    # dev4 (drawn as heldout3 was): blind F1 0.867, where 0.816, source 0.943 (title figures
    # added); F1 0.923, where 0.976, source 0.973 after the pass its errors led to
    dev4 = score_gold(DEV4)
    assert dev4.figures.f1 >= 0.90 and dev4.figures.accuracy("where") >= 0.95, dev4.figures.errors[:10]
    assert dev4.figures.accuracy("source") >= 0.95
    assert dev4.figures.accuracy("scope") >= 0.83  # 0.536 -> 0.857 after the heldout3 pass
    # the third held-out, opened and retired to development (15 sources corrected to null by the
    # written reach-of-a-credit convention, 4 group alternatives added): blind where 0.746,
    # source 0.673, scope 0.400; F1 0.949, where 0.985, source 0.982, scope 0.923 after its
    # errors were read
    opened3 = score_gold(HELDOUT3)
    assert opened3.figures.f1 >= 0.93 and opened3.figures.accuracy("where") >= 0.95, opened3.figures.errors[:10]
    assert opened3.figures.accuracy("source") >= 0.95
    assert opened3.figures.accuracy("scope") >= 0.89
