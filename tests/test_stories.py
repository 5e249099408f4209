"""Stories: B-cubed scoring, online clustering on real headlines and detik articles, the
spec's rules the clusterer enforces (same article twice, time windows, new tolls)."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from conftest import shared_path

from warta.corpus.stories import (StoryClusterer, StoryConfig, StoryInput, TFIDF_BASELINE,
                                  cluster, from_article, numbers, words)
from warta.evaluate.stories import DEV_SETS, HELDOUT_SETS, b_cubed, load_gold


def _headlines(day: str) -> list[dict]:
    with open(shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv"), encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["tanggal_publikasi"].startswith(day)]


def _item(row: dict) -> StoryInput:
    from warta.corpus.stories import parse_published

    return StoryInput(id=row["url"], title=row["judul_berita"], outlet=row["sumber_berita"],
                      published=parse_published(row["tanggal_publikasi"].replace(" 00:00:00", "")))


def test_b_cubed_by_hand():
    gold = {"a": 1, "b": 1, "c": 2}
    # All in one cluster: precision (2/3 + 2/3 + 1/3) / 3, recall 1.
    b = b_cubed({"a": 0, "b": 0, "c": 0}, gold)
    assert b.precision == pytest.approx(5 / 9) and b.recall == 1.0
    # Every item alone: precision 1, recall (1/2 + 1/2 + 1) / 3.
    b = b_cubed({}, gold)
    assert b.precision == 1.0 and b.recall == pytest.approx(2 / 3)
    assert b_cubed(gold, gold).f1 == 1.0


def test_gold_files_are_well_formed():
    for path in DEV_SETS + HELDOUT_SETS:
        rows = load_gold(path)
        assert len({r["id"] for r in rows}) == len(rows), path
        assert all(r.get("title") and r.get("published") for r in rows), path
    narasipal = sum(len(load_gold(p)) for p in DEV_SETS + HELDOUT_SETS if "narasipal" in p.name)
    assert narasipal >= 400


def test_words_stem_and_drop_genre_words():
    assert words("VIDEO: 31 Bayi Prematur Dievakuasi") == ["bayi", "prematur", "evakuasi"]
    assert numbers("Korban Jiwa Tembus 13.000, Rp31,9 M") == ["13000", "31.9"]


def test_headlines_of_one_event_join_and_others_stay_apart():
    """20 Nov 2023: the Houthi hijack of a ship is reported by four outlets (from titles
    alone at least two of them are recognised as one report); the Jordanian field
    hospital is another story."""
    rows = _headlines("2023-11-20")
    pick = [r for r in rows if "Houthi" in r["judul_berita"] and "Bajak" in r["judul_berita"]]
    other = [r for r in rows if "Yordania" in r["judul_berita"]]
    assert len(pick) >= 3 and other
    story = cluster([_item(r) for r in rows])
    hijack = [story[r["url"]] for r in pick]
    joined = max(set(hijack), key=hijack.count)
    assert hijack.count(joined) >= 2
    assert all(story[r["url"]] != joined for r in other)


def test_the_same_article_twice_is_one_story_and_adding_again_changes_nothing():
    title = "Houthi Bajak Kapal Israel di Laut Merah, 25 Awak Disandera"
    c = StoryClusterer()
    when = dt.datetime(2023, 11, 20, 13, 11)
    a = c.add(StoryInput(id="a", title=title, published=when, content_key=title.lower()))
    b = c.add(StoryInput(id="b", title="berbeda sama sekali", published=when, content_key=title.lower()))
    assert a == b
    n = len(c.stories)
    assert c.add(StoryInput(id="a", title="anything", published=when)) == a
    assert len(c.stories) == n and c.stories[a].members == ["a", "b"]


def test_time_window_and_undated_articles():
    title = "Israel Klaim Temukan Terowongan Hamas di Dekat RS Al Shifa"
    day = dt.datetime(2023, 11, 20, 11)
    c = StoryClusterer(StoryConfig(window_days=2))
    first = c.add(StoryInput(id="1", title=title, published=day))
    assert c.add(StoryInput(id="2", title=title + " Gaza", published=day + dt.timedelta(days=10))) != first
    # An undated article compares with every open story and joins the closest.
    assert c.add(StoryInput(id="3", title=title)) in (first, c.story_of["2"])
    # A story opened by an undated article takes its span from the first dated joiner.
    c2 = StoryClusterer()
    s = c2.add(StoryInput(id="u", title=title))
    assert c2.stories[s].first is None
    assert c2.add(StoryInput(id="d", title=title, published=day)) == s
    assert c2.stories[s].first == day


@pytest.mark.slow
def test_new_toll_opens_a_new_story():
    """Spec rule 2: each casualty-count report is its own story, however alike the words."""
    from warta.model import RawArticle
    from warta.pipeline import process_many

    heads = ["Korban Tewas di Gaza Tembus 13.000 Orang", "Korban Tewas di Gaza Tembus 14.500 Orang"]
    arts = list(process_many([RawArticle(raw_text=h, title=h, id=str(i), published="2023-11-20")
                              for i, h in enumerate(heads)]))
    items = [from_article(a) for a in arts]
    assert all(i.tolls for i in items), [i.tolls for i in items]
    story = cluster(items)
    assert story["0"] != story["1"]
    # Without the toll rule (the TF-IDF baseline) the identical wording joins them.
    assert len(set(cluster(items, TFIDF_BASELINE).values())) == 1


def test_dev_gold_titles_only_beat_every_article_alone():
    """Title-only clustering (no pipeline: what an RSS feed gives) on the development
    headlines scores above putting every headline alone."""
    from warta.corpus.stories import parse_published

    rows = load_gold(DEV_SETS[0])
    gold = {r["id"]: r["story"] for r in rows}
    items = [StoryInput(id=r["id"], title=r["title"], outlet=r["outlet"], published=parse_published(r["published"]))
             for r in rows]
    alone = b_cubed({}, gold).f1
    ours = b_cubed(cluster(items), gold)
    assert ours.f1 > alone + 0.05, (ours, alone)
    assert ours.precision > 0.8


def test_words_read_one_name_in_its_spellings():
    """'RS Al-Shifa', 'RS Al Shifa' and 'Rumah Sakit Al Shifa' (all in the dev headlines)
    give the same words; a reduplication is its base word; 'Israel-Hamas' stays one word."""
    assert words("RS Al-Shifa") == words("RS Al Shifa") == words("Rumah Sakit Al Shifa")
    assert words("Negara-negara Arab") == words("Negara Arab")
    assert words("Konflik Israel-Hamas") != words("Konflik Israel Hamas")


@pytest.mark.slow
def test_a_third_partys_reaction_is_its_own_story():
    """Spec rule 4 on dev-gold headlines of 20 Nov 2023: the attack on the Indonesian
    Hospital is one story; Qatar's and WHO's reactions are not in it."""
    from warta.corpus.stories import headline_party
    from warta.model import RawArticle
    from warta.pipeline import process_many

    heads = ["VIDEO: Israel Serang RS Indonesia di Gaza, 12 Orang Tewas",
             "Israel Bombardir RS Indonesia di Gaza, 8 Orang Tewas!",
             "RS Indonesia di Gaza Dibombardir Israel! 8 Orang Tewas, 2 Dokter Terluka",
             "Qatar Kecam Israel yang Serang RS Indonesia: Kejahatan Brutal!",
             "WHO Kaget RS Indonesia di Gaza Diserang",
             "Israel Serang RS Indonesia di Gaza, Menlu: Pelanggaran Hukum Humaniter!",
             "Negara-negara Arab Didesak Kucilkan Israel, Putus Hubungan Diplomatik",
             "Mer-C: Serangan Israel ke RS Indonesia Gaza Baru Permulaan",
             "Update Gaza: Korban Jiwa Tembus 13.000-RS Indonesia Diserang!"]
    arts = list(process_many([RawArticle(raw_text=h, title=h, id=str(i), published="2023-11-20")
                              for i, h in enumerate(heads)]))
    parties = [headline_party(a) for a in arts]
    assert parties[:3] == [None, None, None]
    # A short name before a colon speaks (NER finds no entity in "Mer-C" here); a label
    # before the colon ("VIDEO:", "Update Gaza:") does not.
    assert parties[7] and "mer" in parties[7].lower() and parties[8] is None
    assert parties[3] == "Qatar" and parties[4] == "WHO"
    assert parties[5]           # the minister speaking after the colon
    assert parties[6] is None   # passive: the Arab states are asked, they do not speak
    story = cluster(from_article(a) for a in arts[:6])
    assert story["0"] == story["1"] == story["2"]
    assert story["0"] not in (story["3"], story["4"], story["5"])
    # The rule itself: the minister is new to the attack's story, Israel is its actor
    # (rule 3: what a party says about its own event stays in the story).
    c = StoryClusterer()
    attack = c.stories[c.add(from_article(arts[0]))]
    assert c._party_conflict(attack, from_article(arts[5]))
    assert not c._party_conflict(attack, from_article(arts[1]))
    israel = StoryInput(id="x", title="Israel Klaim Serang RS Indonesia", entities=("Israel",), party="Israel")
    assert not c._party_conflict(attack, israel)
    assert not StoryClusterer(StoryConfig(party_rule=False))._party_conflict(attack, from_article(arts[5]))


def test_resuming_from_the_saved_state_gives_the_one_pass_stories():
    """Ingest assigns each run's articles from the stored JSON state: clustering the dev
    headlines in four runs (state saved and loaded between them) gives the stories of one
    pass, so the members' vectors the nearest-member linkage needs survive the state."""
    import json

    from warta.corpus.stories import arrival_order, parse_published

    items = arrival_order(StoryInput(id=r["id"], title=r["title"], outlet=r["outlet"],
                                     published=parse_published(r["published"]))
                          for r in load_gold(DEV_SETS[0]))
    one = StoryClusterer()
    for it in items:
        one.add(it)
    state = None
    for start in range(0, len(items), 60):
        c = StoryClusterer.from_state(json.loads(state)) if state else StoryClusterer()
        for it in items[start:start + 60]:
            c.add(it)
        state = json.dumps(c.state())
    resumed = StoryClusterer.from_state(json.loads(state))
    assert StoryConfig().linkage == "max"
    assert b_cubed(resumed.story_of, one.story_of).f1 == 1.0


def test_candidate_pruning_changes_no_story():
    """Only stories sharing a feature heavy enough to reach the lowest threshold are
    compared (``_candidate_features``): on the 207 dev headlines the stories are the same
    as when every story sharing any feature is compared."""
    from warta.corpus.stories import arrival_order, parse_published

    items = arrival_order(StoryInput(id=r["id"], title=r["title"], published=parse_published(r["published"]))
                          for r in load_gold(DEV_SETS[0]))
    pruned, full = StoryClusterer(), StoryClusterer()
    full._candidate_features = lambda vec: list(vec)
    skipped = 0
    for it in items:
        pruned.add(it)
        full.add(it)
        vec = pruned._vector(pruned._tokens(it))
        skipped += len(vec) - len(pruned._candidate_features(vec))
    assert skipped > 0   # the pruning does drop light features
    assert b_cubed(pruned.story_of, full.story_of).f1 == 1.0


def test_compounds_of_derived_words_split_names_stay_whole():
    """'Diserang-Dikepung' is two verbs (the stemmer strips their affixes): read as
    'serang' and 'kepung', as the other headlines of the attack write them; a compound of
    bare names ('Israel-Hamas') stays one word."""
    assert {"serang", "kepung"} <= set(words("Rumah Sakit Indonesia Gaza Diserang-Dikepung Tank Israel"))
    assert "israel-hamas" in words("Konflik Israel-Hamas")


def _story_items(heads: list[tuple[str, str]]) -> list[StoryInput]:
    from warta.model import RawArticle
    from warta.pipeline import process_many

    arts = list(process_many([RawArticle(raw_text=h, title=h, id=str(i), published=when)
                              for i, (h, when) in enumerate(heads)]))
    return [from_article(a) for a in arts]


@pytest.mark.slow
def test_one_persons_remarks_at_one_appearance_are_one_story():
    """Spec rule 5 (dev gold story 'aid_phase2'): two headlines opening with the same
    person, hours apart, share little wording yet report one appearance; they join only
    under the actor rule, and not when they are further apart than ``actor_hours``."""
    import dataclasses
    import math

    heads = [("Jokowi Lepas Bantuan Kemanusiaan RI untuk Gaza Tahap II", "2023-11-20T09:00:00"),
             ("Jokowi Buka-bukaan, Minta Biden Dorong Gencatan Senjata Gaza", "2023-11-20T12:00:00")]
    items = _story_items(heads)
    assert [i.actor for i in items] == ["Joko Widodo", "Joko Widodo"]
    story = cluster(items)
    assert story["0"] == story["1"]
    off = dataclasses.replace(StoryConfig(), actor_threshold=math.inf)
    assert len(set(cluster(items, off).values())) == 2
    later = _story_items([heads[0], (heads[1][0], "2023-11-20T19:00:00")])
    assert len(set(cluster(later).values())) == 2
    # A headline that opens with a place or an organisation has no actor.
    assert _story_items([("RI Kirim Bantuan Kemanusiaan Tahap Dua Ke Gaza", "2023-11-20")])[0].actor is None


@pytest.mark.slow
def test_one_speakers_statement_is_one_story():
    """Spec rule 5, several remarks from one press statement (dev gold story 'who_shifa',
    19 Nov 2023): two WHO headlines on Al-Shifa 86 minutes apart share too few words to
    join, yet are one statement; they join under the speaker half of the rule, and not
    when it is off or when they are further apart than ``actor_hours``."""
    import dataclasses

    heads = [("Keji! RS Al Shifa Gaza Dikosongkan, WHO: Bak Zona Kematian", "2023-11-19T10:15:00"),
             ("WHO Ungkap 291 Pasien Masih Dirawat di RS Al-Shifa Gaza, 32 Bayi Kritis", "2023-11-19T11:41:00")]
    items = _story_items(heads)
    assert [i.party for i in items] == ["WHO", "WHO"]
    assert items[0].actor is None and items[1].actor is None   # neither opens with a person
    assert cluster(items)["0"] == cluster(items)["1"]
    off = dataclasses.replace(StoryConfig(), speaker_rule=False)
    assert len(set(cluster(items, off).values())) == 2
    later = _story_items([heads[0], (heads[1][0], "2023-11-19T19:00:00")])
    assert len(set(cluster(later).values())) == 2


def test_distinctive_figures_of_a_headline():
    """Figures as keys: the value scaled ("13 Ribu" = "13.000"), money apart from counts,
    what is counted (here the word after the number; the figures stage's measure when
    ``from_article`` gives it); no round numbers, years, dates, durations, shares or
    numbers inside names."""
    from warta.corpus.stories import figures

    assert figures("Jokowi Lepas Bantuan Tahap Dua untuk Gaza Sebanyak 21 Ton, Anggarannya Rp 31,9 M") == {
        "21:ton", "rp31900000000"}
    assert figures("RI Tambah Bantuan Obat-Makanan Senilai Rp31,9 M ke Palestina") == {"rp31900000000"}
    assert figures("VIDEO: 31 Bayi Prematur Dievakuasi Dari RS Al Shifa") == {"31:bayi"}
    assert figures("VIDEO: Jokowi Tambah Bantuan Senilai Rp31 M ke Palestina") == {"rp31000000000"}
    assert figures("Genosida di Gaza Tewaskan 13 Ribu Orang") == figures("Korban Jiwa Tembus 13.000 Orang")
    assert figures("Israel Kirim 88 Mayat ke Gaza") != figures("88 Staf UNRWA Tewas")
    assert figures("Cara Cek Bansos BLT Oktober 2025, Tahap 2, 4 Tersangka, 50 Orang, 1.000 Pasien") == set()
    assert figures("Piala Dunia U-17 Hari ke-44, 48 Jam, 19 Januari, 60 Persen, KRI Radjiman-992") == set()


@pytest.mark.slow
def test_the_same_figure_on_one_day_is_one_report():
    """Dev gold story 'rsi_attack', clustered with the whole of 20 Nov 2023: the Indonesian
    Hospital attack's "12 Wafat" (21:04) shares too few words with the day's "12 Orang
    Tewas" headlines to join them (cosine under the join threshold), but the count; the
    figure rule joins it, and the same headline with another count stays apart."""
    import dataclasses

    from warta.evaluate.stories import process_gold

    rows = [r for r in load_gold(DEV_SETS[0]) if r["published"].startswith("2023-11-20")]
    late = next(r for r in rows if r["title"].startswith("Serangan Israel ke RS Indonesia Gaza, 12 Wafat"))
    early = [r["id"] for r in rows if r["story"] == late["story"] and "12 Orang Tewas" in r["title"]]
    assert len(early) == 2
    items = [from_article(a) for a in process_gold(rows)]
    by_id = {i.id: i for i in items}
    # "12 Orang Tewas" and "12 Wafat": one measure for the figures stage, one key.
    assert by_id[late["id"]].figures == by_id[early[0]].figures == ("12:killed",)
    off = dataclasses.replace(StoryConfig(), figure_rule=False)
    with_rule, without = cluster(items), cluster(items, off)
    assert with_rule[late["id"]] == with_rule[early[0]] == with_rule[early[1]]
    assert without[late["id"]] != without[early[0]]
    other = [dict(r, title=r["title"].replace("12 Wafat", "9 Wafat")) if r is late else r for r in rows]
    moved = cluster(from_article(a) for a in process_gold(other))
    assert moved[late["id"]] != moved[early[0]]


@pytest.mark.slow
def test_far_apart_death_counts_are_two_incidents():
    """'200 tewas' at a school and '12 tewas' at a hospital, both 'Israel Serang ... di Gaza'
    (dev gold: two stories), stay apart; '8 tewas' and '12 tewas' of one hospital attack (one
    story in the gold) may join."""
    items = _story_items([("Video: Israel Serang Sekolah PBB Di Gaza Tewaskan 200 Jiwa", "2023-11-20"),
                          ("VIDEO: Israel Serang RS Indonesia di Gaza, 12 Orang Tewas", "2023-11-20"),
                          ("Israel Bombardir RS Indonesia di Gaza, 8 Orang Tewas!", "2023-11-20")])
    assert [v for _, v in items[0].tolls] == [200.0]
    c = StoryClusterer()
    school, hospital, again = (c.add(i) for i in items)
    assert school != hospital
    assert not c._toll_conflict(c.stories[hospital], items[2])
    assert c._toll_conflict(c.stories[hospital], items[0])


@pytest.mark.slow
def test_evaluate_stories_figures_on_the_development_gold():
    """`warta evaluate stories` on the development gold (the detik bodies from ../shared):
    warta above both baselines on each set, at the figures reported in the README (the
    issue's target of 0.90 on the headlines; floors just below)."""
    from warta.evaluate.stories import DETIK_CSV, default_methods, score_methods

    assert DETIK_CSV.exists(), DETIK_CSV
    methods = default_methods()
    heads = score_methods(DEV_SETS[0], methods)
    detik = score_methods(DEV_SETS[1], methods)
    for res in (heads, detik):
        assert res["warta"].f1 > max(b.f1 for name, b in res.items() if name != "warta"), res
    assert heads["warta"].f1 >= 0.90, heads["warta"]
    assert detik["warta"].f1 >= 0.965, detik["warta"]


@pytest.mark.slow
def test_evaluate_stories_figures_on_the_held_out_gold():
    """`warta evaluate stories --heldout`'s held-out set: warta above both baselines, at
    the figure reported in the README (floor just below). Apart from the development
    test so that development work can run that one without scoring the held-out set."""
    from warta.evaluate.stories import default_methods, score_methods

    heldout = score_methods(HELDOUT_SETS[0], default_methods())
    assert heldout["warta"].f1 > max(b.f1 for name, b in heldout.items() if name != "warta"), heldout
    assert heldout["warta"].f1 >= 0.84, heldout["warta"]


def test_a_noun_in_an_keeps_its_root():
    """PySastrawi strips '-kan' before '-an': 'Desakan' became 'desa' (village) and shared
    nothing with 'Desak'; the root in '-an' is kept when it is in the dictionary."""
    assert "desak" in words("Desakan Presiden Palestina Minta AS Turun Tangan")
    assert "desak" in words("Palestina Desak Amerika Serikat Hentikan Serangan")
    assert "gerak" in words("Gerakan Boikot") and "henti" in words("Hentikan Serangan")
