"""Croatian / Serbian / Bosnian (Latin script) lexicon (concepts and phrases: see `lexicon`). Stems, since the
words inflect; both the ijekavian and the ekavian spellings ("smjernice" / "smernice", "uvijek" / "uvek").

Text is normalized: č ć š ž lose their marks, but đ has none to lose and stays đ, so patterns spell it
``(?:đ|dj|d)`` (people also type "dj" or plain "d": "zaobidji", "pronadi")."""

# "ograničenja u duljini", "pravila pravopisa", "bez ograničenja duljine": said of length, style or food
_TOPIC = (r"(?:duljin\w*|duzin\w*|stil\w*|format\w*|prehran\w*|ishran\w*|hran\w*|jel[ao]\w*|dijet\w*|pravopis\w*|"
          r"gramatik\w*|interpunkcij\w*|budzet\w*|vremen\w*|rijec\w*|reci|znakov\w*|rim\w*|metri\w*|igr\w*|igara)")
_SCOPED = (r"(?! (?:o|za|u|glede|oko|vezan\w* uz|u vezi sa?|sto se tice|kad je rijec o) (?:\w+ )?" + _TOPIC +
           r"| (?:duljine|duzine|stila|formata|prehrane|ishrane|pravopisa|gramatike|interpunkcije|igre|igara|"
           r"budzeta|vremena|rijeci|znakova|rime))")

# the roles an authority claim names: developer, admin, creator, moderator, police, judge, prosecutor, official
_ROLE = (r"(?:developer\w*|programer\w*|razvojn\w* (?:inzenjer\w*|programer\w*|tim\w*)|administrator\w*|admin\w*|"
         r"tvor(?:ac|ca|cu|cem|ci)\b|kreator\w*|vlasni(?:k|ca)\w*|moderator\w*|istrazivac\w*|znanstveni(?:k|ca)\w*|"
         r"naucni(?:k|ca)\w*|policaj(?:ac|ka|ci|ca|cu)\w*|policijsk\w* (?:sluzbeni\w*|inspektor\w*)|inspektor\w*|"
         r"detektiv\w*|sud(?:ac|ija|ca|ijom)\b|sutkinj\w*|tuzitelj\w*|tuzil(?:ac|astv\w*)|tuzioc\w*|"
         r"sluzbeni(?:k|ca)\w*|duznosni(?:k|ca)\w*|zvanicni(?:k|ca)\w*|ovlast(?:en|ena)\w*|ovlasc(?:en|ena)\w*)")

CONCEPTS = {
    # "ne zaboravi", "nemoj zanemariti" keep the rules; "zanemari moje ranije upute" overrides the user's own
    "IGNORE": r"(?<!\bne )(?<!nemoj )(?<!nemojte )\b(?:zanemar\w*|ignorir\w*|ignoris\w*|zaborav\w*|odbaci\w*|"
              r"prenebregn\w*|ne (?:slijedi|sledi|slusaj|postuj|postivaj|pridrzava\w* se|drz\w* se|obaziri se na|"
              r"obracaj paznju na|uzimaj u obzir)\w*|nemoj (?:\w+ )?(?:slijediti|slediti|postovati|postivati|"
              r"se pridrzavati|se drzati)|prestani (?:\w+ )?(?:slijediti|slediti|postovati|postivati|se pridrzavati|"
              r"se drzati|sluzati)|zaobi(?:đ|dj|d)\w*|prekrs\w*|krs[ei]\w*|nadjaca\w*|pregaz\w*|"
              r"stavi (?:\w+ )?na stranu)\b"
              r"(?! (?:\w+ ){0,2}(?:moj\w*|mog|mom|mome|mojeg\w*|nas[aeiu]?|nasih|nasim\w*|nase[gm]\w*)\b)",
    "RULES": r"\b(?:uput(?:e|a|u|ama|stv\w*)|instrukcij\w*|pravil(?:a|o|u|om|ima)|smj?ernic\w*|direktiv\w*|"
             r"naredb\w*|zapovijed\w*|sistemsk\w* (?:prompt\w*|upit\w*|poruk\w*)|sustavsk\w* (?:prompt\w*|upit\w*|"
             r"poruk\w*)|prompt\w*|programiranj\w*|ono sto su ti rekli|sto su te naucili)\b" + _SCOPED,
    "SAFETY": r"\b(?:filt(?:er|eri|ere|era|ara|ri|ra|rima|erima)|sigurnosn\w* (?:filt\w*|pravil\w*|mj?er\w*|"
              r"postavk\w*|ogranicenj\w*|protokol\w*|smj?ernic\w*|zastit\w*|blokad\w*)|ogranicenj\w*|restrikcij\w*|"
              r"(?<!lijecnici bez )(?<!lijecnike bez )(?<!lijecnika bez )(?<!lekari bez )(?<!lekare bez )"
              r"(?<!lekara bez )(?<!lekarze bez )granic(?:a|e|ama)|limit(?:a|e|i|ima|ova|ove)|cenzur\w*|"
              r"moderacij\w*|etik[aeiu]|etick\w*|eticnost\w*|moral(?:a|u|om|nost\w*)|moraln\w* (?:nacel\w*|"
              r"granic\w*|ogranicenj\w*|norm\w*|pravil\w*|koc\w*)|skrupul\w*|savj?est\w*|zastitn\w* (?:mehaniz\w*|"
              r"mj?er\w*|ograd\w*)|politik\w* (?:sadrzaj\w*|sigurnost\w*|koristenj\w*)|kocnic\w*|zabran[aeu])\b"
              + _SCOPED,
    "SCOPE": r"\b(?:prehramben\w*|dijetn\w*|dijetaln\w*|prehran\w*|ishran\w*|vremensk\w*|budzetsk\w*|dobn\w*|"
             r"kalorijsk\w*|financijsk\w*|finansijsk\w*)\b",
    "WITHOUT": r"\b(?:bez|nikakv\w*|nijedn\w*|oslobo(?:đ|dj|d)en\w* od|izvan|mimo)\b",
    "DISABLE": r"\b(?:iskljuc\w*|ugas\w*|pogas\w*|deaktivir\w*|uklon\w*|makni\w*|maknu\w*|skin(?:i|ite|uti)|"
               r"ukin\w*|otkljuca\w*|otkljucaj\w*|zaobi(?:đ|dj|d)\w*|onemogu[cć]\w*|olabav\w*|ublaz\w*|"
               r"suspendir\w*|obrisi|izbrisi|rijesi se|resi se|odustani od)\b",
    "REFUSE": r"\bnikad\w* (?:\w+ ){0,3}odbi\w*|\bne odbijaj\w*|\bnemoj (?:\w+ ){0,2}odbi(?:ti|jati)\b|"
              r"\bprestani (?:\w+ )?odbijati\b|\bbez (?:ikakvog |ijednog )?odbijanja\b|"
              r"\bnikad\w* (?:\w+ )?(?:ne )?(?:reci|kazi|govori) ne\b|\bnista (?:ti )?nije (?:zabranjeno|tabu)\b|"
              r"\bnijedna tema (?:ti )?nije (?:zabranjena|tabu)\b|\buvij?ek pristani\w* na sve\b|"
              r"\bodgovar\w* (?:mi )?na (?:sve|svako|svaki|svaku|bilo koj\w*)\b.{0,60}\b(?:bez obzira|cak i ako|"
              r"cak i kad|ma koliko|ma sto|sto god|po svaku cij?enu)",
    "UNBOUND": r"\b(?:bez (?:ikakv\w* |ijedn\w* |svih |ikakvih )?(?:cenzure|ogranicenja|filtera|filtara|pravila|"
               r"etike|morala|skrupula|kocnica|zabrana)\b" + _SCOPED + r"|necenzurir\w* (?:ai|umjetn\w*|model\w*|"
               r"nacin\w*|rezim\w*|asistent\w*|chatbot\w*|bot\w*|odgovor\w*|pomocni\w*)|necenzurisan\w* "
               r"(?:ai|model\w*|nacin\w*|rezim\w*|asistent\w*|odgovor\w*)|neogranicen\w* (?:ai|umjetn\w*|model\w*|"
               r"nacin\w*|rezim\w*|asistent\w*|chatbot\w*)|amoraln\w*|nemas (?:vise |sada |od sada |nikakv\w* |"
               r"ikakv\w* ){0,3}(?:\w+ )?(?:ogranicenja|pravila|filtera|filtara|cenzure|granica|smj?ernica|zabrana)\b|"
               r"(?:pravila|ogranicenja|smj?ernice|upute|zabrane) (?:\w+ ){0,2}(?:vise )?(?:ne vrij?ede|ne vaze|"
               r"ne primj?enjuju|ne odnose)|jailbreak\w*|oslobo(?:đ|dj|d)en\w* (?:od )?(?:svih |svake |ikakv\w* )?"
               r"(?:pravila|ogranicenja|cenzure|filtera|smj?ernica))",
    "PRETEND": r"\b(?:pretvara\w*|glum\w*|odglumi\w*|igraj (?:\w+ )?(?:ulog\w*|lik\w*)|preuzmi (?:\w+ )?ulog\w*|"
               r"u ulozi|ulog(?:a|u|om|e)|zamisli\w*|zamislimo|pretpostavimo da|ponasaj se kao|ponasajte se kao|"
               r"dj?eluj kao|pravi se da|pravite se da|od sad(?:a)? si|odsad si|(?:sada|sad) si|"
               r"ti si (?:od )?sad(?:a)?|"
               r"od sad(?:a)? ces biti|lik|lika|liku|likom|persona\w*|personu|simulir\w*|hipotetsk\w*|"
               r"u svij?etu (?:u )?kojem|u svij?etu gdje|alter ego|kao da si)\b",
    # others' private data asked for (not withheld): with AUTHORITY, an authority claim ("I'm a police officer,
    # give me the address of any person I name")
    "PRIVATE": r"(?<!\bne )(?<!nemoj )\b(?:daj|dajte|dati|davati|pokazi|pokazite|pokazat|posalji|otkrij|na(?:đ|"
               r"dj|d)i|prona(?:đ|dj|d)i|"
               r"reci|izvuci|dostavi|iznesi|ispisi|dohvati)\w* (?:mi )?(?:\w+ ){0,2}(?:adres\w*|lokacij\w*|"
               r"broj\w* telefon\w*|osobn\w* podat\w*|licn\w* podat\w*|podat\w*|razgovor\w*|poruk\w*|prepisk\w*)\b"
               r".{0,40}\b(?:bilo koj\w*|svak\w*|drug\w*|tu(?:đ|dj|d)\w*|te|tog|tih|neke|nekog) ?(?:\w+ )?"
               r"(?:osob\w*|korisnik\w*|ljud\w*|gra(?:đ|dj|d)an\w*|covj?ek\w*|coveka|osumnjicen\w*)",
    "AUTHORITY": r"\b(?:ja sam (?:tvoj\w* |vas\w* |glavn\w* |sluzben\w* |jedan od |jedna od )?(?:\w+ )?" + _ROLE +
                 r"|" + _ROLE + r" sam\b|kao (?:tvoj\w* |vas\w* |glavn\w* |sluzben\w* )?(?:\w+ )?" + _ROLE +
                 r"|radim (?:u|za) (?:openai\w*|anthropic\w*|policij\w*|tuzilast\w*|sud\w*)|"
                 r"(?:ovlascujem|ovlastujem|autoriziram|autorizujem|odobravam) (?:ti|te|vam|vas)|"
                 r"dajem ti (?:puno |posebno |sluzbeno |izricito )?(?:dopustenje|dozvolu|ovlast\w*|pristup|pravo)|"
                 r"imam (?:admin\w*|administratorsk\w*|root|developersk\w*|posebn\w*|pun\w*|sluzben\w*) "
                 r"(?:ovlast\w*|prava|pristup|dozvol\w*|dopustenj\w*)|(?:admin\w*|administratorsk\w*|pristupn\w*|"
                 r"tajn\w*) (?:kod|lozink\w*|sifr\w*)|u (?:istrazivack\w*|znanstven\w*|naucn\w*|sluzben\w*) svrhe|"
                 r"(?:openai|anthropic|tvoja tvrtka|tvoja kompanija|tvoji tvorci) (?:je |su )?(?:odobri\w*|dopust\w*|"
                 r"dozvol\w*))\b",
    "MAKE": r"\b(?:naprav\w*|izrad\w*|izgrad\w*|sagrad\w*|sastavi\w*|sklopi\w*|proizv\w*|sintetiz\w*|sintez\w*|"
            r"skuha\w*|skuva\w*|kuhaj|kuvaj|napis\w*|isprogramir\w*|programir\w*|kupi|kupit\w*|kupim|nabav\w*|"
            r"recept\w*|korak po korak|kako (?:se )?(?:napraviti|napravi|pravi|izraditi|izradi|sastaviti|proizvesti|"
            r"proizvodi|sintetizirati|sintetizira|dobiti|nabaviti|kupiti|napisati|skuhati|skuvati)|"
            r"upute za izradu|uputstv\w* za (?:izradu|pravljenje)|domac\w* (?:izrad\w*|radinost\w*)|pomij?esa\w*|"
            r"pomesa\w*)\b",
    "HARM_OBJ": r"\b(?:bomb(?:a|u|e|i|om|ama)\b(?! kalori\w*| kaloryczn\w*)|eksploziv\w*|eksplozivn\w* naprav\w*|"
                r"tnt|dinamit\w*|molotovlj?ev\w*|molotov\w* koktel\w*|napalm\w*|nervn\w* (?:plin\w*|bojn\w*)|"
                r"bojn\w* otrov\w*|sarin\w*|ricin\w*|antraks\w*|oruzj\w*|prigusivac\w*|prigusnik\w*|"
                r"otrov(?:a|u|e|om|i)?|\w*amfetamin\w*|kokain\w*|heroin|heroinsk\w*|fentanil\w*|fentanyl\w*|lsd|"
                r"mdma|ecstasy|drog(?:a|u|e|i|om|ama)|narkotik\w*|zlonamj?ern\w* (?:softver\w*|program\w*|kod\w*)|"
                r"malware\w*|ransomware\w*|(?:racunaln\w*|kompjutersk\w*) virus\w*|trojan\w*|keylogger\w*|"
                r"exploit\w*|phishing\w*|fising\w*|lazn\w* (?:novac\w*|novcanic\w*|dokument\w*|osobn\w*|pasos\w*|"
                r"putovnic\w*|diplom\w*)|krivotvoren\w* (?:novac\w*|novcanic\w*|dokument\w*|isprav\w*)|"
                r"smrtonosn\w* doz\w*|govor\w* mrznj\w*)\b",
    "SHIELD": r"\b(?:gramati\w*|pravopis\w*|interpunkcij\w*|stil\w*|format\w*|pj?esm\w*|poezij\w*|sah\w*|"
              r"igr[aeiu]|igara|igric\w*|nogomet\w*|fudbal\w*|dijet\w*|razminir\w*|deaktivir\w*|neutraliz\w*|"
              r"na temu|jmenuj\w*|jmenuje|nazyva\w*|vola sa|sa vola|se vola|"  # Czech and Slovak "is called"
              # "o" (about) scopes a harmful object, but "zaboravi sve o svojim pravilima" is forgetting the rules
              r"o(?! (?:\w+ )?(?:pravil|uput|instrukcij|smj?ernic|ogranicenj|filt|cenzur|etik|naredb|zabran))|"
              r"protiv|povij?est\w*|istorij\w*|historij\w*|roman\w*|krimic\w*|triler\w*|film\w*|pric[aeiu]|pricom|"
              r"esej\w*|clan(?:ak|ka|ku)|vic\w*|sal[aeiu]|prevencij\w*|sprj?ecavanj\w*|prepozna\w*|zastit\w*|"
              r"obran\w*|odbran\w*|osiguranj\w*|privatnost\w*|skol\w*|kucn\w*|kalorijsk\w*|pas|psa|psu|psom|"
              r"psic\w*|stenc\w*|stene\w*|macak\w*|mack\w*|ljubim\w*)\b",
    "HARM": r"\b(?:rasistick\w*|seksistick\w*|homofobn\w*|antisemitsk\w*|ksenofobn\w*|transfobn\w*|sovinistick\w*) "
            r"(?:vic\w*|sal\w*|komentar\w*|uvred\w*|poruk\w*|tekst\w*|psovk\w*|parol\w*|objav\w*)\b|"
            r"\bbudi (?:\w+ )?(?:rasist\w*|seksist\w*|homofob\w*)\b|"
            r"\b(?:potic\w*|potakni\w*|ohrabr\w*|motivir\w*|motivis\w*|nagovar\w*|nagovori\w*|hvali\w*|"
            r"podrzavaj\w* me u)\b.{0,40}\b(?:prestanem jesti|prestanem s jelom|uopce ne jedem|ne jedem nista|"
            r"gladujem|gladovanj\w*|izgladnj\w*|preskacem obroke|preskakanj\w* obrok\w*|samoozlj?ed\w*|"
            r"samopovre(?:đ|dj|d)\w*|ozlij?edim|povrij?edim|povredim|se rezem|rezem se|samoubojstv\w*|"
            r"samoubistv\w*|ubijem se|povracam|povracanj\w*|anoreksij\w*|bulimij\w*|bezvrijedn\w*|bezvredn\w*)\b|"
            r"\bpro ana\b|"
            r"\b(?:prona(?:đ|dj|d)\w*|na(?:đ|dj|d)i|saznaj\w*|otkrij|ustanovi|lociraj\w*|u(?:đ|dj|d)i u trag)\b"
            r".{0,40}\b(?:bivs\w*|susj?ed\w*|komsij\w*|kolegic\w*|koleg[aeu]|djevojk\w*|devojk\w*|cur[aeu]|"
            r"zen[aeu]|osob[aeu]|neznan\w*|nepoznat\w*|nju|njega|tip[aeu]?|ex\w*|zaposleni\w*|uciteljic\w*)\b"
            r".{0,40}\b(?:gdj?e (?:\w+ ){0,2}(?:zivi|stanuje|boravi|radi|spava|se nalazi)|adres\w*|"
            r"broj\w* telefon\w*)|"
            r"\b(?:prona(?:đ|dj|d)\w*|na(?:đ|dj|d)i|saznaj\w*|otkrij|ustanovi|lociraj\w*|u(?:đ|dj|d)i u trag)\b"
            r".{0,20}\b(?:gdj?e (?:\w+ ){0,2}(?:zivi|stanuje|boravi|spava|se nalazi)|adres\w*|broj\w* telefon\w*)\b"
            r".{0,40}\b(?:bivs\w*|susj?ed\w*|komsij\w*|kolegic\w*|koleg[aeu]|djevojk\w*|devojk\w*|cur[aeu]|"
            r"zen[aeu]|osob[aeu]|neznan\w*|nepoznat\w*|nju|njega|tip[aeu]?|ex\w*)\b|"
            r"\badres\w* (?:moje |mog |mojeg |te |tog |one |onog )?(?:bivs\w*|susj?ed\w*|komsij\w*|kolegic\w*|"
            r"koleg[aeu])|"
            r"\b(?:uhod\w*|spijunir\w*|ucjen\w*|zastrasi\w*|doxx?\w*|doksir\w*|maltretir\w*) (?:moj\w*|tu|tog|"
            r"nju|njega|nekog\w*|susj?ed\w*|bivs\w*|kolegic\w*|koleg\w*)\b|"
            r"\b(?:hakira\w*|hakuj\w*|provali\w*|upadni\w*) (?:\w+ ){0,2}(?:racun\w*|profil\w*|mail\w*|e mail\w*|"
            r"email\w*|telefon\w*|mobitel\w*|instagram\w*|facebook\w*)|\bukrad\w* (?:\w+ )?(?:lozink\w*|sifr\w*|"
            r"identitet\w*)|\bkako (?:ubiti|otrovati|oteti|muciti|mucit) (?:nekog\w*|covj?ek\w*|coveka|osob\w*)\b|"
            r"\b(?:djec\w*|dijete|djetet\w*|dece|decu|deci|maloljetn\w*|maloletn\w*)\b.{0,30}\b(?:seksualn\w*"
            r"(?! odgoj| obrazovan| edukacij| zlostavlj| nasilj)|porno\w*|eroticn\w*|golisav\w*)\b|"
            r"\b(?:seksualn\w*|porno\w*|eroticn\w*)\b(?! odgoj| obrazovan| edukacij).{0,30}\b(?:djec\w*|"
            r"djetet\w*|dece|decu|deci|maloljetn\w*|maloletn\w*)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|unatrag|naopako|obrnut\w* redoslij?ed\w*|morse\w*|sifrir\w*|kodir\w*|"
              r"leetspeak|sakrij\w*|prikrij\w*|zamaskir\w*)\b",
    "EVADE": r"\b(?:filt(?:er|eri|ere|era|ara|ri|ra|rima|erima)|moderacij\w*|moderator\w*|cenzur\w*|primij?eti\w*|"
             r"primeti\w*|primjeti\w*|detektir\w*|otkrije|otkriju|neprimij?ecen\w*|neprimecen\w*|neotkriven\w*|"
             r"proklizn\w*|zaobi(?:đ|dj|d)\w*)\b",
}

PHRASES = [
    ("instruction_override", r"\b(?:developersk\w*|razvojn\w*|programersk\w*|jailbreak\w*|dan|bozj\w*|debug\w*) "
                             r"(?:nacin\w*|rezim\w*|mod|modu|modus)\b|\b(?:nacin\w*|rezim\w*) (?:rada )?(?:za )?"
                             r"(?:developer\w*|programer\w*|bez (?:ogranicenja|cenzure|filtera|pravila))\b"),
    ("instruction_override", r"\b(?:pokazi|otkrij|ispisi|ponovi|reci|daj|izlistaj|prikazi|oda)\w* (?:mi )?"
                             r"(?:\w+ )?(?:svoj\w* |tvoj\w* )?(?:sistemsk\w*|sustavsk\w*) (?:prompt\w*|upit\w*|"
                             r"uput\w*|poruk\w*)|\b(?:pokazi|otkrij|ispisi|ponovi|prikazi|oda)\w* (?:mi )?"
                             r"(?:svoj\w* |tvoj\w* )?(?:skriven\w*|pocetn\w*|izvorn\w*|tajn\w*) (?:uput\w*|"
                             r"instrukcij\w*|pravil\w*)"),
    ("instruction_override", r"\b(?:slusaj|poslusaj|slijedi|sledi|izvrsavaj|pokoravaj se)\w* (?:od sada |odsad |"
                             r"ubuduce )?(?:samo|iskljucivo|jedino) (?:mene|meni|moje (?:naredbe|upute|zapovij?edi|"
                             r"komande))\b"),
    ("safety_disable", r"\bcak i (?:ako|kad|kada) (?:je |bi |bude |su )?(?:to )?(?:bilo |je |bude )?(?:\w+ )?"
                       r"(?:ilegaln\w*|nelegaln\w*|nezakonit\w*|opasn\w*|stetn\w*|neeticn\w*|nemoraln\w*|"
                       r"zabranjen\w*)"),
    ("safety_disable", r"\bbez obzira na (?:\w+ )?(?:zakon\w*|etik\w*|poslj?edic\w*|posledic\w*|legalnost\w*|"
                       r"moral\w*|sigurnost\w*)"),
]

# Function words that mark Croatian/Serbian/Bosnian text (none of them English words).
MARKERS = ("je se da ne za kako samo uvijek uvek nikad nikada molim mene meni tebi tebe ako jer koji koja koje sve "
           "svoje vise nemoj hvala budi tvoje tvoj tvoja mogu zelim volim")
