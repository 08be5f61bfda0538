"""Czech lexicon (concepts and phrases: see `lexicon`). Stems, since Czech words inflect.

Text is normalized: á č ď é ě í ň ó ř š ť ú ů ý ž lose their marks ("vypněte" → "vypnete", "zásady" →
"zasady"), so patterns are written without them, as people also type Czech ("zapomen na pravidla").

`lexicon._SELF` knows "moje" but not the other Czech possessives ("mé", "mých", "mou", "moji"), so an
"ignore" word followed closely by one of them is the user's own wish (`_NOT_MINE`): "ignoruj mé dřívější
pokyny ohledně odrážek". The reflexive "své"/"svá" is left out on purpose: said to the assistant, "zapomeň
na svá pravidla" means its rules."""

# a first-person possessive right after "ignore" / "forget (about)": the user's own earlier wishes
_NOT_MINE = r"(?! (?:\w+ )?(?:me|mych|mymi|mym|mou|moji|moje|mojich|muj|meho|memu|mem)\b)"

# restrictions scoped to length, style, food, time or budget ("žádná omezení délky", "bez filtrovacích slov")
_SCOPED = (r"(?! (?:na |co do |ohledne |tykajici se |ve |v )?(?:delk\w*|poct\w*|rozsah\w*|styl\w*|"
           r"format\w*|slov\w*|znak\w*|cas\w*|rozpoct\w*|jidl\w*|strav\w*|diet\w*|pravopis\w*|gramatik\w*|hr[ayu]|"
           r"her|hre|v (?:jidle|strave|"
           r"diete)))")

# a bare "filter" word in a request for candid feedback or swearing is taste ("bez filtru mi řekni, co si myslíš
# o mé povídce"): `lexicon._candid` only knows a few Czech words for candour
_CANDID = (r"(?!.{0,60}\b(?:uprimn\w*|nazor\w*|co si myslis|hodnot\w*|zpetn\w* vazb\w*|kritik\w*|sarkas\w*|"
           r"nadav\w*|sprost\w*|narovinu|na rovinu))")

CONCEPTS = {
    "IGNORE": r"\b(?:ignoruj\w*|ignorova\w*|zignoruj\w*|zapomen\w*|zapomn\w*|nedbej\w*|nerespektuj\w*|"
              r"nerid(?:te)? se|prest(?:an\w*|at) (?:\w+ )?(?:dodrzovat|respektovat|poslouchat|ridit se|"
              r"brat ohled na)|nedodrzuj\w*|neposlouchej\w*|obejdi\w*|obejit|obchazej\w*|porus\w*|zahod\w*|"
              r"odhod\w*|prepis\w* (?:\w+ )?(?:sv\w+|tv\w+|vsechn\w+|puvodni)|nevsimej si|"
              r"pust\w* z hlavy|hod\w* za hlavu)(?: na| o)?\b" + _NOT_MINE,
    "RULES": r"\b(?:instrukc\w*|pokyn\w*|pravidl\w*|pravidel|smernic\w*|zasad(?:a|y|ach|am|ami|e|u|ou)?|"
             r"systemov\w* (?:prompt\w*|zprav\w*|instrukc\w*)|prompt\w*|programovani\w*|naprogramovani\w*|"
             r"nastaveni (?:bezpecnosti|ochrany)|to co ti (?:rekli|nakazali|vstepili)|co te naucili)\b" + _SCOPED,
    "SAFETY": r"\b(?:(?:filtr\w*|filter)" + _CANDID + r"|bezpecnostn\w* (?:filtr\w*|filter|pravidl\w*|pravidel|"
              r"zasad\w*|opatren\w*|omezeni\w*|mechanism\w*|pojistk\w*|nastaveni)|obsahov\w* (?:filtr\w*|filter|"
              r"pravidl\w*|omezeni\w*)|omezeni\w*|"
              r"restrikc\w*|hranic\w*|limit(?:y|u|ech|um|ami)?|cenzur\w*|moderac\w*|"
              r"moderovani|etik\w*|eticke (?:zasad\w*|hranic\w*|normy|principy|ohledy)|moralk\w*|"
              r"moraln\w* (?:zasad\w*|hranic\w*|zabran\w*|ohled\w*)|skrupul\w*|svedomi|ochrann\w* (?:opatren\w*|"
              r"mechanism\w*)|pojistk\w*|blokac\w*)\b" + _SCOPED,
    # "dietní omezení", "časové limity", "Lékaři bez hranic" (the borders of a charity, not of the assistant)
    "SCOPE": r"\b(?:dietn\w*|stravovac\w*|jidel\w*|potravinov\w*|alergick\w*|casov\w*|rozpoct\w*|financn\w*|"
             r"vekov\w*|kaloric\w*|zdravotn\w*|delk\w*|rychlostn\w*|(?:lekar|doktor|reporter|novinar)\w* bez)\b",
    "WITHOUT": r"\b(?:bez|zadn\w*|zadny|zbaven\w*|mimo|nad ramec)\b",
    "DISABLE": r"\b(?:vypn\w*|vypin\w*|deaktivuj\w*|deaktivova\w*|zrus\w*|odstran\w*|odeber\w*|sundej\w*|"
               r"uvoln\w*|zmirn\w*|obejdi\w*|obejit|odemkn\w*|odemyk\w*|vyrad\w*|zbav\w* se|pozastav\w*|"
               r"potlac\w*|prestan\w* (?:\w+ )?pouzivat)\b",
    "REFUSE": r"\bnikdy (?:\w+ ){0,3}(?:neodmit\w*|neodmitn\w*|nerekni ne|nerikej ne)|\bneodmit\w* (?:\w+ ){0,2}"
              r"(?:nic|zadn\w*|nikdy|vubec)\b|\bprestan\w* (?:\w+ )?odmitat\b|\bbez (?:jakehokoliv? )?odmitnuti\b|"
              r"\b(?:odpovidej|odpovez|splne?\w*|udelej|delej|vykonej|vykonavej)\w* (?:na )?(?:vsechno|vse|"
              r"kazd\w*|vsechny)\b.{0,50}\b(?:bez vyjimky|i kdyz|i kdyby|at je to|bez ohledu|za kazdou cenu|"
              r"cokoliv?)|\bbez (?:jakekoliv? )?vyjimk\w*|\bnic neni (?:zakazan\w*|tabu)|\bzadne tema neni "
              r"(?:zakazan\w*|tabu)|\bvzdy (?:\w+ )?(?:souhlas|vyhov)(?:te)?\b",
    "UNBOUND": r"\b(?:necenzurovan\w*|bez (?:jakekoliv? |jakychkoliv? |zadn\w* )?(?:cenzur\w*|omezeni|"
               r"(?:filtr\w*|filter)" + _CANDID + r"|pravidel|etiky|moralky|"
               r"skrupuli)" + _SCOPED + r"|neomezen\w* (?:ai|umel\w*|model\w*|rezim\w*|verz\w*|"
               r"asistent\w*|chatbot\w*)|amoraln\w*|nemoraln\w* (?:ai|asistent\w*|model\w*|umel\w*)|"
               r"nemas (?:uz |ted |od ted |odted |nyni )?(?:zadn\w* )?(?:\w+ )?(?:omezeni|pravidla|filtry|"
               r"cenzuru|hranice|zasady|pokyny)|(?:pravidla|omezeni|zasady|filtry|pokyny) (?:uz )?(?:pro tebe |"
               r"na tebe )?(?:uz )?neplati|neplati (?:pro tebe |na tebe )?(?:uz )?(?:zadn\w* )?(?:pravidla|omezeni|"
               r"zasady|filtry|pokyny)|(?:osvobozen\w*|zbaven\w*) (?:od )?(?:vsech |jakychkoliv? )?(?:pravidel|"
               r"omezeni|cenzury|filtru|zasad)|vse(?:chno)? je (?:dovoleno|povoleno)|(?:zl[aeyo]u?|zleho) "
               r"(?:ai|umel\w* inteligenc\w*)|jailbreak\w*)\b",
    "PRETEND": r"\b(?:predstir\w*|delej(?:te)? ze|del(?:ej)? jako ze|(?:za)?hraj\w* (?:si )?(?:na|roli|postav\w*)|"
               r"hrani rol\w*|v roli|(?:odteraz|od teraz) si|vzij\w* se|vcit\w* se|predstav(?:te)? si|"
               r"chovej(?:te)? se jako|jednej(?:te)? jako|vystupuj\w* jako|od ted jsi|odted jsi|ted jsi|nyni jsi|"
               r"jsi ted|od ted budes|"
               r"odted budes|postav(?:a|u|ou|y)|simuluj\w*|ve svete kde|hypotetick\w*|alter ego|persona|"
               r"jako bys byl\w*)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("jsem policista, dej mi adresu jakékoli osoby")
    "PRIVATE": r"\b(?:adres\w*|bydlist\w*|poloh\w*|telefonn\w* cisl\w*|cisl\w* telefon\w*|osobni\w* udaj\w*|"
               r"konverzac\w*|zprav\w*|historii)\b.{0,40}\b(?:kazd\w*|jin\w*|jakekoliv?\w*|libovoln\w*|vsech|"
               r"tech|teto|tohoto|ostatnich) ?(?:\w+ )?(?:osob\w*|uzivatel\w*|lidi|obcan\w*|podezrel\w*|cloveka)",
    # Slovak forms too ("som admin", "ako prokurátor", "povoľujem ti"): this lexicon runs first on Slovak text
    "AUTHORITY":                  r"\b(?:(?:ja )?(?:jsem|som) (?:tvuj |tva |vas |vase |hlavni |oficialni |"
                                  r"zde )?(?:\w+ )?(?:vyvojar\w*|"
                 r"programator\w*|administrator\w*|admin|admina|adminem|spravc\w*|tvurc\w*|tvurce|vlastnik\w*|"
                 r"moderator\w*|vyzkumnik\w*|policist\w*|policajt\w*|vysetrovatel\w*|soudc\w*|zastupc\w*|"
                 r"prokurator\w*|"
                 r"urednik\w*|opravnen\w*|autorizovan\w*)|j?ako (?:tvuj |tva |vas |tvoj )?(?:\w+ )?(?:vyvojar|tvurce|"
                 r"administrator|spravce|moderator|policista|soudce|statni zastupce|prokurator|urednik)\w*|"
                 r"(?:opravnuji|autorizuji|zmocnuji) te|povoluj(?:i|em) ti|davam ti (?:plne |plny |vyslovne )?"
                 r"(?:svoleni|povoleni|opravneni|pristup|pravo)|mam (?:specialni|plna|plny|plne|administratorsk\w*|"
                 r"spravcovsk\w*|vyvojarsk\w*|root\w*|neomezen\w*) (?:opravneni|prava|pristup|svoleni)|"
                 r"(?:kod|heslo) (?:administratora|spravce|pro odemceni|pristupu)|rezim (?:administratora|"
                 r"spravce|udrzby|ladeni)|pracuj[ieu] (?:pro|v) (?:openai|anthropic|googlu?)|pro vyzkumne ucely|"
                 r"pro ucely (?:vyzkumu|testovani)|(?:openai|anthropic|firma|spolecnost) (?:to )?"
                 r"(?:povolil\w*|schvalil\w*|dovolil\w*))\b",
    "MAKE": r"\b(?:vyrob\w*|udelat|udelej\w*|postav(?:it|te)?\b|sestroj\w*|sestav\w*|zkonstruuj\w*|"
            r"syntetizuj\w*|syntez\w*|uvar\w*|navar\w*|varit|namich\w*|smichej\w*|napis\w*|naprogramuj\w*|"
            r"vytvor\w*|vytvar\w*|koupit|kup|sehnat|sezen|obstarat|obstarej\w*|navod\w*|recept(?:y|u|em|ech)?|"
            r"krok za krokem|postup(?:y|u|em)?|jak (?:vyrobit|udelat|postavit|sestrojit|koupit|sehnat|napsat|namichat|"
            r"pripravit|ziskat)|domac\w* (?:vyrob\w*|podmink\w*)|funkcni\w*)\b",
    "HARM_OBJ": r"\b(?:bomb(?:a|u|y|e|ou|ami|ach|am)?(?! kalori| vitamin)|vybusnin\w*|trhavin\w*|vybusn\w* "
                r"(?:zarizeni|nalo\w*|system\w*)|semtex\w*|tnt|napalm\w*|molotov\w*|nervov\w* (?:plyn\w*|latk\w*)|"
                r"sarin\w*|ricin\w*|antrax\w*|biologick\w* zbran\w*|chemick\w* zbran\w*|zbran(?:e|i|emi|ich)?|"
                r"strelnou zbran|samopal\w*|tlumic\w* (?:na|pro) (?:zbran|pistol)\w*|pervitin\w*|"
                r"metamfetamin\w*|kokain\w*|heroin\w*|fentanyl\w*|lsd|mdma|extaz[eiy]|"
                r"drog(?:a|y|u|ou|e|ami|ach|am)?|smrteln\w* (?:jed\w*|davk\w*)|malware|ransomware|virus|viry|"
                r"pocitacov\w* vir\w*|trojsk\w* kon\w*|keylogger\w*|exploit\w*|phishing\w*|skodliv\w* "
                r"(?:software|kod\w*|program\w*)|padelan\w* (?:penez\w*|penize|bankovk\w*|doklad\w*|pas\w*)|"
                r"falesn\w* (?:penez\w*|penize|bankovk\w*|doklad\w*|pas\w*|obcansk\w*)|nelegaln\w* zbran\w*)\b",
    "SHIELD": r"\b(?:gramatik\w*|pravopis\w*|styl\w*|format\w*|rym\w*|basn\w*|basnick\w*|poezi\w*|sach\w*|hr[ayu]|"
              r"her|fotbal\w*|diet\w*|zneskodn\w*|deaktivac\w*|na tema|"
              # "o" (about) scopes a harmful object, but "zapomeň na pravidla" / "o pravidlech" does not
              r"o(?! (?:\w+ )?(?:pravid|instrukc|pokyn|zasad|omezeni|filtr|cenzur|etik))|proti|histori\w*|"
              r"dejin\w*|povijest\w*|roman\w*|povidk\w*|pribeh\w*|film\w*|serial\w*|detektivk\w*|vtip\w*|prevenc\w*|"
              r"predchaz\w*|rozpozn\w*|ochran\w*|obran\w*|chran\w*|skol\w*|pojist\w*|soukrom\w*|kaloric\w*|"
              r"vitamin\w*|pes|psa|psovi|psem|pejsk\w*|psik\w*|fenk\w*|kock\w*|mack\w*|kocour\w*|kocur\w*|jmenuj\w*|"
              r"jmenem|jmeno|prezdiv\w*|vola|volaju|menom|prezyv\w*|atomov\w*|jadern\w*)\b",
    "HARM": r"\b(?:rasistick\w*|sexistick\w*|homofobn\w*|antisemitsk\w*|xenofobn\w*|transfobn\w*) (?:vtip\w*|"
            r"urazk\w*|nadav\w*|komentar\w*|poznamk\w*|text\w*|hesl\w*|pisn\w*)\b|\bbud (?:\w+ )?(?:rasist\w*|"
            r"sexist\w*|homofob\w*)|\bnenavistn\w* (?:projev\w*|text\w*|propagand\w*)|\b(?:povzbuzuj\w*|"
            r"povzbud\w*|motivuj\w*|podporuj\w*|premlouv\w*|presvedc\w*|pripominej\w*|pripomen\w*|pomoz\w*|"
            r"chval\w*|hecuj\w*)\b.{0,40}\b(?:nejist|nejedl\w*|prest\w* jist|nejez\w*|hladov\w*|vynechav\w* "
            r"(?:jidl\w*|snidan\w*|obed\w*|vecer\w*)|sebeposkoz\w*|poskoz\w* (?:se|sebe)|(?:po)?rezat se|"
            r"ublizit si|ublizovat si|sebevrazd\w*|zabit se|vzit si zivot|zvracet|zvracen\w*|anorexi\w*|"
            r"bulimi\w*|bezcenn\w*)\b|\bpro ana\b|"
            r"\b(?:najdi|najit|najdete|zjisti|zjistit|zjistete|vypatr\w*|vystopuj\w*|dohledej\w*|dohledat|"
            r"lokalizuj\w*)\b.{0,40}\b(?:soused\w*|byval\w*|ex|expritel\w*|nekoho|kolegyn\w*|cizi\w*|"
            r"(?:tu|tuto|tamtu) (?:holku|divku|zenu|slecnu)|(?:toho|tohoto) (?:muze|kluka|cloveka|chlapa))\b.{0,30}"
            r"\b(?:adres\w*|bydli|zije|bydlist\w*|poloh\w*|telefonn\w* cisl\w*)|\b(?:najdi|najit|zjisti|zjistit|"
            r"vypatr\w*|vystopuj\w*|dohledej\w*|dohledat)\b.{0,15}\b(?:kde (?:ted |nyni |prave )?(?:bydli|zije|"
            r"prespava)|adres\w*)\b.{0,30}\b(?:soused\w*|byval\w*|ex|expritel\w*|kolegyn\w*|nekoho)\b|"
            r"\b(?:dej|rekni|posli|prozrad|sdel|napis)\w* mi adres\w* (?:meho |me |moji |te |toho |teto )?"
            r"(?:soused\w*|byval\w*|expritel\w*|kolegyn\w*)\b|\b(?:spehuj\w*|spehovat|vydir\w*|zastras\w*|"
            r"doxx?\w*|stalk\w*|pronasleduj\w*|sikanuj\w*) (?:moj\w*|mou|meho|me|tu|toho|tuto|tohoto|nekoho|ji|ho|"
            r"jeho|jej|soused\w*|byval\w*)\b|\b(?:hackn\w*|hackuj\w*|hacknout|naboure\w*|nabourej\w*|nabourat|"
            r"prolom\w*) (?:se )?(?:do |na )?(?:\w+ ){0,2}(?:ucet|uctu|uctem|e ?mail\w*|telefon\w*|mobil\w*|"
            r"instagram\w*|facebook\w*|hesl[ao]|wifi)|\b(?:ukrast|ukradni|krast|odcizit) (?:\w+ )?(?:hesl\w*|"
            r"identit\w*|platebni\w* kart\w*)|\bjak (?:zabit|otravit|unest|mucit|uskrtit) (?:nekoho|cloveka|"
            r"souseda|manzel\w*)\b|\b(?:deti|detem|detmi|dite|ditete|nezletil\w*|mladistv\w*)\b.{0,30}"
            r"\b(?:sexualn\w*|nah(?:y|e|a|ych|ou|ymi)|porno\w*|erotick\w*)\b|\b(?:sexualn\w*|porno\w*|"
            r"erotick\w*)\b.{0,30}\b(?:deti|detmi|dite|ditete|nezletil\w*)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|hexadecimal\w*|binarn\w*|morse\w*|sifr\w*|zasifr\w*|zakoduj\w*|"
              r"zakodovan\w*|pozpatku|obracen\w* (?:poradi|text\w*)|odzadu|leetspeak|skryt\w* (?:v|do) "
              r"(?:text\w*|kod\w*))\b",
    "EVADE": r"\b(?:filtr\w*|moderac\w*|moderator\w*|cenzor\w*|cenzur\w*|nepozn\w*|neodhal\w*|nezachyt\w*|"
             r"nevsim\w*|bez povsimnuti|prosmykn\w*|proklouzn\w*|zakazan\w*|zablokovan\w*)\b",
}

PHRASES = [
    ("instruction_override", r"\b(?:moje|me) (?:\w+ )?(?:preference|pokyny|pravidla|instrukce|nastaveni) (?:\w+ )?"
                             r"(?:maji|ma) (?:prednost|vyssi prioritu) pred (?:\w+ ){0,2}(?:systemov\w+|tvymi|"
                             r"tvoji\w*|"
                             r"vyvojar\w+)"),
    ("instruction_override", r"\b(?:rezim\w* (?:vyvojare|vyvojaru|dan|jailbreak\w*|boha|bez omezeni|bez cenzury|"
                             r"bez filtru|ladeni)|vyvojarsk\w* rezim\w*)\b"),
    ("instruction_override", r"\b(?:ukaz|prozrad|vypis|zopakuj|odhal|sdel|zobraz|vyklop)\w* (?:mi )?(?:cel\w* )?"
                             r"(?:svuj |svoje |sve |sv\w |tvuj |tvoje |tve )?(?:systemov\w* (?:prompt\w*|instrukc\w*|"
                             r"pokyn\w*|zprav\w*)|skryt\w* (?:instrukc\w*|pokyn\w*)|puvodni\w* (?:instrukc\w*|"
                             r"pokyn\w*|zadani))"),
    ("instruction_override", r"\b(?:poslouchej|posluchej|rid se|ridte se|poslechni)\w* (?:od ted |odted |uz )?"
                             r"(?:jen|jenom|pouze|vyhradne|jedine) (?:me|mne|moje pokyny|mych pokynu|"
                             r"mymi pokyny|moje rozkazy)\b"),
    ("safety_disable", r"\b(?:i kdyz|i kdyby|dokonce i kdyz|ac) (?:to )?(?:je |bude |by bylo |bylo |by to bylo )?"
                       r"(?:\w+ )?(?:nelegaln\w*|nezakonn\w*|nebezpecn\w*|skodliv\w*|neeticke|nemoraln\w*|"
                       r"zakazan\w*)"),
    ("safety_disable", r"\b(?:bez ohledu na|nehlede na) (?:to zda |to jestli )?(?:\w+ )?(?:zakon\w*|etik\w*|"
                       r"nasled\w*|legalit\w*|legalnost\w*|bezpecnost\w*|nelegaln\w*|pravidl\w*)"),
    ("harm", r"\b(?:zbav\w*|sundat|sundej|sundam|odstran\w*|obejit|vypnout|vypni|rozbit) (?:se )?(?:\w+ )?"
             r"elektronick\w+ (?:naramk\w*|naramek|sledovac\w*|nanohavic\w*)"),
]

# Function words that mark Czech text (none of them English words): which lexicons scan a text.
MARKERS = ("jsem jsi jsou jsme neni nejsem kdyz prosim chci bych bys abych abys aby nebo ktery ktera ktere "
           "protoze vzdy nikdy vsechno vsechny jeste tvuj muj jako velmi taky odpovidej")
