"""Quotes and roles on real detik articles (issue 15): each test reads the real article
from ../shared/data/news/detik-1000 (by id; none is in the real-news gold's held-out part)
and checks one mechanism of speaker resolution."""

from __future__ import annotations

import pytest

from conftest import shared_path
from warta.evaluate.realnews import detik_raws
from warta.pipeline import process_many

pytestmark = pytest.mark.slow  # runs the whole pipeline over real articles

ARTICLES = ("603", "310", "28", "620", "22", "542", "412", "705", "660", "809", "697", "378")


@pytest.fixture(scope="module")
def articles() -> dict:
    raws = detik_raws(ARTICLES, shared_path("data", "news", "detik-1000", "data_berita.csv"))
    return {i: a for i, a in zip(ARTICLES, process_many([raws[i] for i in ARTICLES]))}


def quote(article, words: str):
    found = [q for q in article.quotes if words in q.text]
    assert found, f"no quote with {words!r}"
    return found[0]


def test_cue_only_quotes_go_to_the_speaker_not_a_name_in_between(articles):
    # AHY speaks; "Pemerintahan Prabowo-Gibran" is named in between, then "katanya",
    # "Ia mengatakan", "tambahnya" follow: all are AHY's (tagged ORG, short for his name).
    a = articles["603"]
    for words in ("Dan hari ini sudah lebih dari hampir 60%", "baru terealisasi sebanyak 23.420",
                  "Dan yang terakhir ada pajak"):
        assert quote(a, words).speaker == "Agus Harimurti Yudhoyono", words


def test_rank_and_unit_are_not_part_of_the_speakers_name(articles):
    # "kata Mayjen TNI Kristomei kepada wartawan" (the NER tags "TNI Kristomei" ORG)
    assert quote(articles["310"], "Surat telegram tersebut merupakan bagian dari").speaker == "Kristomei Sianturi"


def test_who_is_asked_to_explain_does_not_speak(articles):
    # "Dia juga meminta agar TNI mengungkapkan sejelas-jelasnya kebijakan itu ..."
    assert not [q for q in articles["310"].quotes if "sejelas-jelasnya" in q.text]


def test_closing_cue_names_the_speaker(articles):
    # '... Itu harapan kita," tutupnya.'
    q = quote(articles["28"], "Dan saya juga bermimpi")
    assert (q.speaker, q.speaker_text) == ("Agus", "tutupnya")


def test_bracketed_short_name_is_the_full_name(articles):
    # "Bambang Soesatyo (Bamsoet)": his quotes are Bambang Soesatyo's
    speakers = {q.speaker for q in articles["412"].quotes}
    assert "Bambang Soesatyo" in speakers and "Bamsoet" not in speakers


def test_menurutnya_reports_the_persons_view(articles):
    # "Menurutnya, program Listrik Desa dan Desa Terang memberi dampak ekonomi nyata ..."
    q = quote(articles["705"], "program Listrik Desa dan Desa Terang")
    assert (q.kind, q.speaker, q.speaker_text) == ("indirect", "Jamaludin Malik", "Menurutnya")


def test_telling_what_was_talked_about_is_no_report(articles):
    # "... menyampaikan apresiasi atas langkah pemerintah ...": no reported words follow
    assert not [q for q in articles["705"].quotes if q.text.startswith("apresiasi")]


def roles(article) -> dict:
    return {e.canonical: e.role for e in article.entities if e.label == "PER" and e.role}


def test_role_after_a_bracketed_short_form_and_comma(articles):
    # "Menteri Dalam Negeri (Mendagri), Muhammad Tito Karnavian meneken ..."
    assert roles(articles["620"])["Muhammad Tito Karnavian"] == "Menteri Dalam Negeri"


def test_role_is_a_noun_phrase_never_another_persons_words(articles):
    # "Presiden Prabowo Subianto dan Wakil Presiden Gibran Rakabuming Raka"
    assert roles(articles["22"])["Gibran Rakabuming Raka"] == "Wakil Presiden"
    # "Ketua MPR Eddy Soeparno mendukung langkah Presiden Prabowo": no verb in a role
    for role in roles(articles["542"]).values():
        assert "mendukung" not in role and "menggunakan" not in role, role


def test_office_with_an_enumeration_in_its_name(articles):
    # '"Data sementara yang diterima BNPB ...," kata Kepala Pusat Data, Informasi, dan
    # Komunikasi Kebencanaan BNPB Abdul Muhari': not "Data"
    assert quote(articles["660"], "Data sementara yang diterima BNPB").speaker == "Abdul Muhari"


def test_seraya_goes_on_with_the_same_speaker(articles):
    # '"...," ujarnya, seraya menambahkan bahwa 95% penduduk Gaza kini bergantung ...'
    assert quote(articles["809"], "95% penduduk Gaza").speaker == "Adnan Abu Hasna"


def test_quote_holds_neither_its_speaker_nor_its_cue(articles):
    # "Kemudian, kata Senantara, tata kelola lingkungan yang buruk turut menyumbang ..."
    q = quote(articles["660"], "tata kelola lingkungan yang buruk")
    assert (q.speaker, q.text.startswith("tata kelola")) == ("Senantara", True)
    for q in articles["660"].quotes + articles["809"].quotes:
        if q.speaker_text and q.kind == "indirect" and len(q.speaker_text) > 3:
            assert f"kata {q.speaker_text}" not in q.text, q.text


def test_a_subheading_is_nobodys_speech(articles):
    # the subheading line "Hadirkan Lomba Menulis Skenario hingga Anugerah Kebudayaan" gave a
    # quote "Skenario hingga ..." by "Hadirkan Lomba" ("Menulis" read as a speech verb)
    a = articles["697"]
    assert not [q for q in a.quotes if "Skenario hingga Anugerah" in q.text]
    assert {q.speaker for q in a.quotes} == {"Fadli Zon"}


def test_a_pronoun_cue_after_a_name_is_not_that_name(articles):
    # "Sedangkan Noel, kata dia, tidak menempuh proses kaderisasi tersebut": Noel is spoken
    # of; "dia" is the Gerindra secretary general quoted before
    q = quote(articles["378"], "tidak menempuh proses kaderisasi")
    assert "Noel" not in q.speaker and "Sugiono" in q.speaker
