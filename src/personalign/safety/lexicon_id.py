"""Indonesian lexicon (concepts and phrases: see `lexicon`). Possession follows the noun ("aturan saya",
"aturanku"), so the concepts a user may own exclude those forms themselves."""

_MINE = r"(?!ku\b| (?:saya|aku|milikku)\b)"

CONCEPTS = {
    "IGNORE": r"\b(?:abaikan|mengabaikan|lupakan|melupakan|jangan (?:\w+ )?(?:ikuti|patuhi|hiraukan)|langgar|"
              r"melanggar|singkirkan)\b",
    "RULES": r"\b(?:instruksi|aturan|peraturan|pedoman|arahan|perintah|prompt sistem|pesan sistem|pemrograman)"
             + _MINE + r"\w*",
    "SAFETY": r"\b(?:filter|penyaring|pembatasan|batasan(?! (?:waktu|panjang|kata|diet|makan|kalori|anggaran))|"
              r"sensor|moderasi|etika|aturan keamanan|kebijakan keamanan|pengaman|"
              # Malay: "penapis keselamatan" (safety filter), "sekatan" (restrictions)
              r"penapis|penapisan|tapisan|sekatan|peraturan keselamatan)" + _MINE + r"\w*",
    "WITHOUT": r"\b(?:tanpa|tidak ada|bebas dari|tak ada)\b",
    "DISABLE": r"\b(?:matikan|mematikan|nonaktifkan|menonaktifkan|hapus|hilangkan|cabut|lepaskan|longgarkan)\b",
    "REFUSE": r"\b(?:jangan|tidak) (?:\w+ ){0,2}(?:pernah )?menolak|\bjangan pernah (?:\w+ )?tolak|"
              r"\bjangan tolak (?:apa ?apa|sebarang|mana ?mana|sebarang|semua) (?:\w+ )?(?:permintaan|soalan|"
              r"pertanyaan)|\btanpa menolak",
    "UNBOUND": r"\b(?:tanpa (?:batas\w*|aturan|sensor|filter|etika|moral)|tidak (?:punya|memiliki) (?:batas\w*|"
               r"aturan|filter)|tak terbatas|tanpa sensor)\b",
    "PRETEND": r"\b(?:berpura ?pura\w*|pura ?pura\w*|berperan sebagai|perankan|bayangkan|anggap (?:dirimu|kamu)|"
               r"jadilah|bertindak sebagai|karakter|persona)\b",
    # others' private data: with AUTHORITY, an authority claim (see lexicon_en)
    "PRIVATE": r"\b(?:alamat|lokasi|nomor (?:telepon|hp)|riwayat chat|percakapan|data pribadi)\b.{0,40}"
               r"\b(?:siapa pun|orang lain|pengguna lain|orang yang|setiap orang|mantan)",
    "AUTHORITY": r"\b(?:saya (?:adalah )?(?:\w+ )?(?:pengembang\w*|developer|admin\w*|administrator|pembuat\w*|"
                 r"pemilik\w*|moderator|peneliti|hakim|jaksa|polisi|pejabat)|"
                 r"saya (?:memberi|memberikan) (?:kamu|anda) izin|saya punya akses)\b",
    "MAKE": r"\b(?:buat\w*|membuat|merakit|rakit|sintesis\w*|meracik|racik|tulis\w*|menulis|resep|langkah demi "
            r"langkah|cara membuat)\b",
    "HARM_OBJ": r"\b(?:bom|bahan peledak|peledak|senjata api|narkoba|sabu|metamfetamin|fentanil|malware|racun)\b",
    "SHIELD": r"\b(?:sejarah|tentang|melawan|mencegah|pencegahan|melindungi|menjinakkan)\b",
    "HARM": r"\b(?:dorong|mendorong|semangati|menyemangati|dukung|mendukung)\b.{0,40}\b(?:menyakiti diri|"
            r"melukai diri|bunuh diri|tidak makan|berhenti makan|kelaparan)\b|\blelucon rasis\b|"
            r"\b(?:cari|temukan|lacak)\b.{0,40}\b(?:alamat rumah|tempat tinggal)\b",
}

PHRASES = [
    # a poison, or a dose, meant to kill
    ("harm", r"\b(?:sianida|racun|arsenik)\b.{0,80}\bmembunuh\b|\bdosis (?:\w+ ){0,3}untuk membunuh\b"),
    # a sleeping pill slipped into someone's drink
    ("harm", r"\b(?:obat tidur|obat bius|obat penenang|pil tidur)\b.{0,20}\b(?:ke|dalam|di) (?:dalam )?minuman "
             r"(?:orang|seseorang|dia|teman|pacar|dia)"),
    # propaganda that recruits into armed jihad; other users' chats, addresses or data
    ("harm", r"\b(?:propaganda|narasi|konten)\b.{0,60}\b(?:merekrut|rekrut)\w*\b.{0,60}\b(?:jihad|teror\w*|"
             r"bersenjata)\b"),
    ("authority_claim", r"\b(?:riwayat (?:chat|obrolan)|alamat ip|data (?:pribadi|peribadi)|percakapan|perbualan|"
                        r"pesan)\b.{0,60}\bpengguna lain\b"),
]

# Function words that mark Indonesian text (none of them English words).
MARKERS = "dan yang saya aku kamu anda tidak jangan dengan untuk dari ini itu tolong selalu semua akan bisa ada pernah"
