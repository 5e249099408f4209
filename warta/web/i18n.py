"""Page labels in Indonesian (the default) and English. The language comes from
``?lang=``, then the ``lang`` cookie, then the browser's Accept-Language."""

from __future__ import annotations

LANGS = ("id", "en")

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "latest": "Berita terbaru", "search": "Cari", "search_placeholder": "Cari berita…",
        "results": "hasil", "no_results": "Tidak ada hasil.", "outlets": "Media", "dates": "Tanggal",
        "coverage": "Liputan per media", "articles": "artikel", "entities": "Entitas", "quotes": "Kutipan",
        "figures": "Angka", "dates_found": "Tanggal disebut", "sources": "Sumber dikutip", "residue": "Sisa halaman",
        "show_residue": "Tampilkan sisa halaman yang dibuang", "legend": "Keterangan", "person": "Orang",
        "organisation": "Organisasi", "place": "Tempat", "event": "Peristiwa", "quote": "Kutipan",
        "speaker": "Pembicara", "figure": "Angka korban", "date": "Tanggal", "cited": "Sumber",
        "facets_over": "Hitungan atas {n} hasil teratas", "original": "Artikel asli", "published": "Terbit", "outlet": "Media", "follow": "Ikuti",
        "following": "Diikuti", "watchlists": "Daftar pantauan", "feed": "Umpan", "aliases": "Nama lain",
        "roles": "Jabatan", "mentions_over_time": "Penyebutan per bulan", "quotes_by": "Kutipan oleh",
        "quotes_about": "Kutipan tentang", "mentions": "penyebutan", "latest_mentions": "Penyebutan terbaru",
        "official": "Angka resmi", "claimed": "Angka di berita", "disagrees": "Tidak cocok",
        "figures_title": "Angka korban vs angka resmi harian", "as_of": "Per tanggal", "difference": "Selisih",
        "article": "Artikel", "measure": "Ukuran", "value": "Nilai", "prev": "Sebelumnya", "next": "Berikutnya",
        "unfollow": "Berhenti ikuti", "nothing_followed": "Belum ada yang diikuti.", "kind": "Jenis",
        "error": "Galat", "all": "Semua", "words_only": "Sintaks pencarian tidak valid; dicari sebagai kata-kata.",
        "new": "baru", "home": "Beranda", "docs": "API", "loaded": "Kata bermuatan",
        "pejorative_label": "label merendahkan", "atrocity_term": "istilah kekejaman",
        "glorifying_term": "istilah memuliakan", "emotive_intensifier": "penguat emosi",
        "attributed": "dikutip dari sumber", "mode_fulltext": "Kata", "mode_semantic": "Makna (lintas bahasa)",
        "mode_hybrid": "Gabungan", "latest_stories": "Cerita terbaru", "side_by_side": "Berdampingan per media",
        "timeline": "Linimasa", "wire_copies": "Salinan kantor berita", "coverage_gap": "Tidak diliput oleh",
        "story": "Cerita", "framing_profile": "Profil bahasa bermuatan", "words": "kata",
        "per_1000": "per 1.000 kata", "interval_note": "selang bootstrap 95%", "rate_all": "Semua",
        "rate_own": "Kata media sendiri", "rate_attributed": "Dikutip dari sumber", "top_terms": "Istilah teratas",
        "lexical_choices": "Pilihan kata (porsi kata bermuatan)",
    },
    "en": {
        "latest": "Latest news", "search": "Search", "search_placeholder": "Search the news…",
        "results": "results", "no_results": "No results.", "outlets": "Outlets", "dates": "Dates",
        "coverage": "Coverage by outlet", "articles": "articles", "entities": "Entities", "quotes": "Quotes",
        "figures": "Figures", "dates_found": "Dates mentioned", "sources": "Cited sources", "residue": "Page residue",
        "show_residue": "Show the removed page residue", "legend": "Legend", "person": "Person",
        "organisation": "Organisation", "place": "Place", "event": "Event", "quote": "Quote",
        "speaker": "Speaker", "figure": "Casualty figure", "date": "Date", "cited": "Source",
        "facets_over": "Counts over the best {n} matches", "original": "Original article", "published": "Published", "outlet": "Outlet", "follow": "Follow",
        "following": "Following", "watchlists": "Watchlists", "feed": "Feed", "aliases": "Aliases",
        "roles": "Roles", "mentions_over_time": "Mentions per month", "quotes_by": "Quotes by",
        "quotes_about": "Quotes about", "mentions": "mentions", "latest_mentions": "Latest mentions",
        "official": "Official count", "claimed": "Figure in the news", "disagrees": "Disagrees",
        "figures_title": "Casualty figures vs official daily counts", "as_of": "As of", "difference": "Difference",
        "article": "Article", "measure": "Measure", "value": "Value", "prev": "Previous", "next": "Next",
        "unfollow": "Unfollow", "nothing_followed": "Nothing followed yet.", "kind": "Kind",
        "error": "Error", "all": "All", "words_only": "Not valid search syntax; searched as plain words.",
        "new": "new", "home": "Home", "docs": "API", "loaded": "Loaded terms",
        "pejorative_label": "pejorative label", "atrocity_term": "atrocity term",
        "glorifying_term": "glorifying term", "emotive_intensifier": "emotive intensifier",
        "attributed": "attributed to a source", "mode_fulltext": "Words", "mode_semantic": "Meaning (any language)",
        "mode_hybrid": "Hybrid", "latest_stories": "Latest stories", "side_by_side": "Outlets side by side",
        "timeline": "Timeline", "wire_copies": "Wire copies", "coverage_gap": "Not covered by",
        "story": "Story", "framing_profile": "Loaded-language profile", "words": "words",
        "per_1000": "per 1,000 words", "interval_note": "bootstrap 95% interval", "rate_all": "All",
        "rate_own": "The outlet's own words", "rate_attributed": "Attributed to a source", "top_terms": "Top terms",
        "lexical_choices": "Lexical choices (share of the loaded wording)",
    },
}
assert LABELS["id"].keys() == LABELS["en"].keys()


def choose(query_lang: str | None, cookie_lang: str | None, accept: str) -> str:
    for lang in (query_lang, cookie_lang):
        if lang in LANGS:
            return lang
    for part in accept.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return code
    return "id"
