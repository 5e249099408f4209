"""Word lists the stages share (abbreviations, role words, place types).

Hand-written: no library ships Indonesian newsroom abbreviations or role titles.
"""

from __future__ import annotations

# Abbreviations written with a final period that never end a sentence: they stand
# before a name or a number ("dr. Ali", "Jl. Thamrin", "No. 5", "Kol. Inf. ...").
TITLE_ABBREVIATIONS = frozenset("""
dr. Dr. drg. Drs. Dra. Ir. Prof. H. Hj. KH. K.H. Ny. Nn. Tn. Sdr. Sdri. Bpk. Bp. Yth.
St. Mr. Mrs. Ms. Jr. Sr. Kol. Letkol. Mayjen. Brigjen. Letjen. Jend. Laksda. Laksma.
Marsda. Kapt. Lettu. Letda. Serka. Sertu. Kompol. Iptu. Ipda. Aiptu. Bripka. Brigpol.
AKBP. AKP. Irjen. Komjen. Pol. Inf. Mar. Purn. Ust. Ustaz. Habib.
Jl. Jln. Gg. Kav. Blok. Kel. Kec. Kab. Kota. Prov. Ds. Kp. RT. RW.
No. no. Nomor. Vol. hlm. Hlm. tgl. Tgl. Rp. rp. kg. km. gr. cm. mm.
a.n. u.p. s.d. s/d. vs. Vs. sbg. spt. yg. dgn. utk. thn. th. tsb. Sept. Okt. Des. Agu. Feb.
""".split())

# Abbreviations that may end a sentence ("... buku, pena, dll. Lalu ...").
MAYBE_FINAL_ABBREVIATIONS = frozenset("dll. dsb. dst. dkk. etc. cs. Tbk. tbk. Ltd. Inc. Co. Corp.".split())

# Words heading a title or role written before a person's name ("Presiden", "Menteri
# Luar Negeri", "juru bicara"). Lower-cased; multi-word heads are matched as phrases.
ROLE_HEADS = (
    "presiden", "wakil presiden", "wapres", "perdana menteri", "pm", "menteri", "wakil menteri",
    "wamen", "menko", "menlu", "menhan", "mendagri", "menkeu", "menkes", "mensesneg",
    "kanselir", "raja", "ratu", "pangeran", "putra mahkota", "emir", "sultan", "syekh",
    "sekretaris jenderal", "sekjen", "sekretaris", "juru bicara", "jubir", "penasihat",
    "kepala", "ketua", "wakil ketua", "direktur", "direktur jenderal", "dirjen", "direktur utama",
    "dirut", "gubernur", "wakil gubernur", "wagub", "wali kota", "wakil wali kota", "bupati",
    "wakil bupati", "duta besar", "dubes", "panglima", "jenderal", "komandan", "kapten",
    "kolonel", "letnan", "mayor", "pemimpin", "senator", "anggota", "hakim", "jaksa",
    "jaksa agung", "kapolri", "kapolda", "kapolres", "kapolsek", "kasad", "kasal", "kasau",
    "ketua umum", "ketum", "sekjen pbb", "utusan", "utusan khusus", "koordinator",
    "pelapor khusus", "komisaris", "komisioner", "rektor", "dekan", "profesor", "uskup",
    "paus", "imam", "ulama", "pengamat", "analis", "peneliti", "ekonom", "pejabat",
    "wakil", "kepala staf", "asisten", "deputi", "ajudan", "pelatih", "kapten tim",
    "ceo", "pendiri", "founder", "pemilik", "pengacara", "kuasa hukum", "diplomat",
)

# Words that name a kind of place: "Jalur Gaza" is the full name the article may shorten
# to "Gaza"; "Kota Gaza" is a different place, so a short form is only resolved when one
# such long form occurs.
PLACE_TYPE_WORDS = frozenset("""
jalur tepi kota kabupaten provinsi pulau kepulauan teluk laut selat gunung sungai danau
semenanjung dataran negara negeri wilayah kawasan distrik desa kecamatan kampung
""".split())

# Words a person is not called by on their own: "Muhammad Tito Karnavian" is "Tito",
# "Siti Nurbaya" is "Nurbaya" (entities link short forms to full names past them).
NAME_PREFIXES = frozenset("""
muhammad mohammad mohamad muhamad moh mochamad m ahmad achmad abdul siti raden andi i ni
gusti haji h
""".split())
# Lower-case particles inside names ("Abu Bakar bin Said", "Ibn Saud").
NAME_PARTICLES = frozenset("bin binti van von der de da al el ibn abu".split())
