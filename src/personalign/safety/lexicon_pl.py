"""Polish lexicon (concepts and phrases: see `lexicon`). Stems, since Polish words inflect.

Text is normalized: ą ć ę ń ó ś ź ż lose their marks, but ł has none to lose and stays ł, so patterns
spell it ``[łl]`` (people also type Polish without diacritics: "wylacz")."""

_SCOPED = (r"(?! (?:dietetyczn\w*|zywieniow\w*|w (?:diecie|jedzeniu|zywieniu)|dotyczac\w* (?:dlugosci|stylu|formatu|"
           r"diety|jedzenia)|dlugosci|s[łl]ow|znakow|czasow\w*|czasu|budzetow\w*|gry|gier|pisowni|gramatyki|"
           r"ortografii|interpunkcji|formatowania|stylu))")

CONCEPTS = {
    "IGNORE": r"\b(?:z?ignoruj\w*|z?ignorowa\w*|zapomnij\w*|zapomniec|zapomnia[łl]\w*|nie (?:przestrzegaj|"
              r"stosuj sie do|s[łl]uchaj|trzymaj sie|kieruj sie|zwazaj na|zwracaj uwagi na|bierz pod uwage)|"
              r"przestan (?:przestrzegac|stosowac|sie trzymac|s[łl]uchac|kierowac sie)|pomin|pominac|pomijaj\w*|"
              r"odrzuc\w*|obejdz\w*|obejsc|omin|ominac|z[łl]am\w*|[łl]am|[łl]amac|naruszaj\w*|narusz|nadpisz\w*|"
              r"zastap\w*|olej|olewaj|porzuc\w*|odstaw (?:\w+ )?na bok|pu[sś]c (?:\w+ )?w niepamiec)\b",
    "RULES": r"\b(?:instrukcj\w+|polecen\w+|polecenie|zasad\w*|regu[łl]\w*|wytyczn\w+|prompt\w* systemow\w*|"
             r"systemow\w+ prompt\w*|komunikat\w* systemow\w*|programowani\w+|konfiguracj\w+|regulamin\w*|rozkaz\w*|"
             r"nakaz\w*|to co ci (?:powiedziano|kazano|wpojono)|czego cie nauczono)\b"
             + _SCOPED,
    "SAFETY": r"\b(?:filtr(?:y|ow|ami|ach|a|u|em|om)?|filtrow\w* bezpieczenstwa|ograniczen\w*|ograniczenia|"
              r"restrykcj\w+|(?<!lekarze bez )granic\w*|limit(?:y|ow|ami|u)?|cenzur\w+|moderacj\w+|zabezpieczen\w*|"
              r"zabezpieczenia|etyk[aiey]?|etyczn\w+|moralnosc\w*|moraln\w+ (?:zasad\w*|granic\w*|opor\w*|"
              r"ograniczen\w*)|skrupu[łl]\w*|sumieni\w+|zasad\w* bezpieczenstwa|polityk\w+ (?:tresci|bezpieczenstwa|"
              r"uzytkowania)|blokad\w*)\b" + _SCOPED,
    "SCOPE": r"\b(?:dietetyczn\w*|zywieniow\w*|czasow\w*|budzetow\w*|wiekow\w*|kaloryczn\w*)\b",
    "WITHOUT": r"\b(?:bez|zadn\w+|woln\w+ od|poza)\b",
    "DISABLE": r"\b(?:wy[łl]acz\w*|dezaktywuj\w*|zdejmij|zdjac|usun\w*|znies\w*|uchyl\w*|poluzuj\w*|poluznij|"
               r"z[łl]agodz\w*|zawies\w*|odblokuj\w*|odblokowa\w*|obejdz\w*|zrezygnuj z|pozb[aą]dz sie|"
               r"wy[łl]aczy\w*)\b",
    "REFUSE": r"\bnie (?:mi |nigdy |juz |wiecej )*odm[oa]w\w*|\bnigdy (?:\w+ ){0,3}odm[oa]w\w*|"
              r"\bprzestan (?:mi )?odmawiac\b|\bbez (?:zadnej )?odmowy\b|\b(?:odpowiadaj|odpowiedz|wykonuj|wykonaj|"
              r"rob|zrob)\w* (?:na )?(?:wszystko|kazde\w*|kazda|kazdy)\b.{0,50}\b(?:bez wyjatku|nawet jesli|nawet gdy|"
              r"niezaleznie|bez wzgledu|za wszelka cene|cokolwiek)|\bbez (?:zadnych )?wyjatkow\b|\bbez wyjatku\b|"
              r"\bnic nie jest (?:zakazane|tabu)|\bzaden temat nie jest (?:zakazany|tabu)|\bnigdy nie mow nie\b|"
              r"\bnie mow (?:mi )?nigdy nie\b|\bzawsze sie zgadzaj\b",
    "UNBOUND": r"\b(?:bez (?:zadnej |zadnych )?(?:cenzury|ograniczen|filtrow|zasad|regu[łl]|etyki|moralnosci|"
               r"skrupu[łl]ow|hamulcow)|niecenzurowan\w* (?:ai|si|model\w*|tryb\w*|asystent\w*|wersj\w*|chatbot\w*|"
               r"odpowiedzi)|amoraln\w*|pozbawion\w* (?:zasad|skrupu[łl]ow|etyki|moralnosci)|nie masz (?:juz |teraz |"
               r"od teraz )?(?:zadnych )?(?:\w+ )?(?:ograniczen|zasad|regu[łl]|filtrow|cenzury|granic|wytycznych)|"
               r"(?:woln\w+|uwolnion\w+) od (?:wszelkich |wszystkich )?(?:zasad|ograniczen|regu[łl]|cenzury|filtrow)|"
               r"(?:zasady|regu[łl]y|wytyczne|instrukcje|ograniczenia) (?:juz )?(?:cie )?nie obowiazuja|"
               r"nie obowiazuja cie (?:\w+ )?(?:zasady|regu[łl]y|ograniczenia|wytyczne)|wszystko (?:jest )?dozwolone|"
               r"wszystko wolno|z[łl]\w* (?:ai|si|sztuczn\w+ inteligencj\w+)|jailbreak\w*)\b",
    "PRETEND": r"\b(?:udawaj\w*|udaj\w*|zagraj (?:role|postac)|odegraj\w*|odgrywaj\w*|odgrywanie rol|wciel\w* sie|"
               r"wyobraz sobie|za[łl]ozmy ze|zachowuj sie jak|dzia[łl]aj jako|jestes teraz|od teraz jestes|"
               r"teraz jestes|od dzis jestes|postac\w*|symuluj\w*|w swiecie w ktorym|w swiecie gdzie|hipotetyczn\w*|"
               r"alter ego|persona|jakbys by[łl]\w*)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:adres\w*|lokalizacj\w*|numer\w* telefon\w*|telefon\w*|dane osobowe|danych osobowych|rozmow\w*|"
               r"wiadomosc\w*|histori\w*)\b.{0,40}\b(?:kazdej|kazdego|innych|innego|tej|tego|dowolnej|dowolnego|"
               r"wszystkich) ?(?:\w+ )?(?:osob\w*|uzytkownik\w*|ludzi|obywatel\w*)|\b(?:adres\w*|numer\w* telefon\w*|"
               r"dane osobowe|danych osobowych)\b.{0,40}\bos[oó]b,? o (?:ktore|ktorych) (?:pytam|prosze|zapytam)",
    "AUTHORITY": r"\b(?:jestem (?:twoim |twoja |g[łl]ownym |oficjalnym )?(?:\w+ )?(?:tworc\w*|programist\w*|"
                 r"deweloper\w*|developer\w*|administrator\w*|admin\w*|w[łl]asciciel\w*|moderator\w*|badacz\w*|"
                 r"naukowc\w*|policjant\w*|inzynier\w*|uprawnion\w*|upowaznion\w*|autoryzowan\w*|prokurator\w*|"
                 r"sedzi\w*|"
                 r"detektyw\w*|funkcjonariusz\w*|inspektor\w*)|mam prawo do (?:pe[łl]nego )?dostepu|(?:upowazniam|"
                 r"autoryzuje|uprawniam) cie|daje ci (?:pe[łl]ne )?(?:pozwolenie|zgode|uprawnienia|dostep|prawo)|"
                 r"pozwalam ci|mam (?:uprawnienia|prawa) (?:administratora|admina|roota|dewelopera)|mam (?:specjalne |"
                 r"pe[łl]ne |pe[łl]ny )?(?:uprawnienia|upowaznienie|dostep|zgode)|kod (?:administratora|dostepu|"
                 r"odblokowujacy|autoryzacji)|tryb (?:administratora|serwisowy|debugowania|konserwacji)|"
                 r"moje konto (?:ma|jest|pozwala)|do celow badawczych|w celach (?:badawczych|naukowych)|"
                 r"na potrzeby (?:moich )?badan|za zgoda|(?:openai|anthropic|firma) (?:pozwala|zezwala|zatwierdzi\w*|"
                 r"zgodzi\w*))\b",
    "MAKE": r"\b(?:zrob\w*|robi\w*|zbuduj\w*|budowa\w*|skonstruuj\w*|zmontuj\w*|wyprodukuj\w*|produkowa\w*|wytworz\w*|"
            r"wytwarza\w*|zsyntetyzuj\w*|syntez\w*|ugotuj\w*|napisz\w*|zaprogramuj\w*|stworz\w*|tworz\w*|kupi\w*|kup|"
            r"zdobyc|zdobadz|przepis|krok po kroku|jak (?:zrobic|zbudowac|zrobic|wyprodukowac|zsyntetyzowac|zdobyc|"
            r"kupic|napisac)|jak sie robi|domow\w* (?:roboty|sposobem)|zmieszaj\w*|dzia[łl]ajac\w*)\b",
    "HARM_OBJ": r"\b(?:bomb(?:a|e|y|ie|ami|ach|om)?(?! kaloryczn| witaminow)|[łl]adun\w* wybuchow\w*|"
                r"materia[łl]\w* wybuchow\w*|trotyl\w*|napalm\w*|koktajl\w* mo[łl]otowa|gaz\w* (?:bojow\w*|"
                r"paralizujac\w*)|sarin\w*|rycyn\w*|waglik\w*|bron\w* (?:chemiczn\w*|biologiczn\w*|palna|palnej|"
                r"palnych)|trucizn\w*|t[łl]umik\w*|metamfetamin\w*|kokain\w*|heroin\w*|fentanyl\w*|lsd|mdma|"
                r"narkotyk\w*|dopalacz\w*|z[łl]osliw\w* oprogramowani\w*|malware|ransomware|wirus(?:a|y|ow|em|ami)?|"
                r"trojan\w*|keylogger\w*|exploit\w*|phishing\w*|fa[łl]szyw\w* (?:pieniadz\w*|banknot\w*|dokument\w*|"
                r"dowod\w*|paszport\w*)|podrobion\w* (?:dokument\w*|dowod\w*|paszport\w*)|smierteln\w* dawk\w*|"
                r"nielegaln\w* bron\w*)\b",
    "SHIELD": r"\b(?:gramatyk\w*|pisowni\w*|interpunkcj\w*|styl\w*|format\w*|rym\w*|wiersz\w*|poezj\w*|szach\w*|"
              r"gr[aey]|gier|pi[łl]k\w*|diet\w*|rozbraja\w*|rozbroj\w*|unieszkodliw\w*|na temat|"
              # "o" (about) scopes a harmful object, but "zapomnij o zasadach" is forgetting the rules
              r"o(?! (?:\w+ )?(?:zasad|regu|instrukcj|polecen|wytyczn|ograniczen|filtr|cenzur|etyk))|przeciw\w*|"
              r"historia|historii|powiesc\w*|kryminal\w*|film\w*|zart\w* o|profilaktyk\w*|zapobieg\w*|rozpoznaw\w*|"
              r"chroni\w*|ochron\w*|obron\w*|szko[łl]\w*|ubezpieczen\w*|prywatnosc\w*)\b",
    "HARM": r"\b(?:rasistowsk\w*|seksistowsk\w*|homofobiczn\w*|antysemick\w*|ksenofobiczn\w*|"
            r"transfobiczn\w*) (?:zart\w*|dowcip\w*|komentarz\w*|obelg\w*|wyzwisk\w*|tekst\w*|uwag\w*|hase[łl]\w*)\b|"
            r"\bbadz (?:\w+ )?(?:rasist\w*|seksist\w*|homofob\w*)|\bmow\w* nienawisci|\b(?:zachec\w*|motywuj\w*|"
            r"zmotywuj\w*|namawiaj\w*|namow\w*|przekonaj\w*|przekonuj\w*|przypominaj\w*|przypomnij\w*|pomoz\w*|"
            r"dopinguj\w*|wspieraj\w* mnie w|chwal\w*)\b.{0,40}\b(?:nie jesc|nie jad[łl]\w*|przestac jesc|"
            r"przesta[łl]\w* jesc|g[łl]odz\w*|g[łl]odow\w*|pomija\w* posi[łl]k\w*|pomijania posi[łl]kow|"
            r"samookalecz\w*|okalecz\w*|ciac sie|ci[eę]cia sie|skrzywdzic siebie|zrobic sobie krzywde|samobojstw\w*|"
            r"zabic sie|odebrac sobie zycie|wymiotowa\w*|anoreksj\w*|bulimi\w*|bezwartosciow\w*)\b|\bpro ana\b|"
            r"\b(?:znajdz\w*|znalezc|ustal\w*|sprawdz\w*|wyszukaj\w*|namierz\w*|wysledz\w*|"
            r"dowiedz sie)\b.{0,40}\b(?:sasiad\w*|by[łl](?:a|ego|ej|ym|y)|ex\w*|kogos|osob\w*|kolezank\w*|koleg\w*|"
            r"wspo[łl]pracownik\w*|dziewczyn\w*|kobiet\w*|nieznajom\w*)\b.{0,30}\b(?:adres\w*|mieszka|zamieszkania|"
            r"lokalizacj\w*|numer\w* telefonu)|\b(?:znajdz\w*|znalezc|ustal\w*|sprawdz\w*|wyszukaj\w*|namierz\w*|"
            r"wysledz\w*|dowiedz sie)\b.{0,15}\b(?:gdzie (?:teraz )?mieszka|gdzie przebywa|"
            r"adres\w*)\b.{0,30}\b(?:sasiad\w*|by[łl](?:a|ego|ej|ym|y)|ex\w*|kolezank\w*|koleg\w*|dziewczyn\w*|"
            r"kobiet\w*|kogos)|\badres\w* (?:mojego |mojej |tego |tej )?(?:sasiad\w*|by[łl](?:a|ego|ej|ym|"
            r"y) (?:dziewczyn\w*|ch[łl]opak\w*|partner\w*|zon\w*|mez\w*)|kolezank\w*|koleg\w*)|\b(?:nekaj\w*|nekac|"
            r"szpieguj\w*|szpiegowac|szantazuj\w*|szantazowac|zastrasz\w*|doxx?\w*|stalk\w*) (?:moj\w*|te|tego|tej|"
            r"ten|ta|kogos|ja|go|jego|jej|swoj\w*|sasiad\w*|by[łl](?:a|ego|ej|ym|y))\b|\b(?:w[łl]am\w*|zhakuj\w*|"
            r"hakuj\w*|shakuj\w*) (?:sie )?(?:na |do )?(?:\w+ ){0,2}(?:konto|konta|poczt\w*|telefon\w*|skrzynk\w*|"
            r"instagram\w*|facebook\w*)|\b(?:ukrasc|kradziez|wykrasc) (?:\w+ )?(?:hase[łl]|hasla|tozsamosci)|"
            r"\bjak (?:zabic|otruc|porwac|torturowac) (?:kogos|cz[łl]owieka)\b|\b(?:dzieci\w*|dzieck\w*|nieletni\w*|"
            r"ma[łl]oletni\w*|nastolat\w*)\b.{0,30}\b(?:seksualn\w*|nag(?:ie|ich|o|a|i|imi)|porno\w*|erotyczn\w*)\b|"
            r"\b(?:seksualn\w*|porno\w*|erotyczn\w*)\b.{0,30}\b(?:dzieci\w*|dzieck\w*|nieletni\w*)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|szesnastkow\w*|heksadecymaln\w*|binarn\w*|dwojkow\w*|morse\w*|szyfr\w*|"
              r"zaszyfr\w*|zakoduj\w*|zakodowan\w*|od ty[łl]u|wspak|w odwrotnej kolejnosci|odwrotn\w*|"
              r"s[łl]ow\w* kodow\w*|ukryj\w*|ukryt\w*|zamaskuj\w*|zakamufl\w*|rozdziel\w* litery|leetspeak)\b",
    "EVADE": r"\b(?:filtr\w*|moderacj\w*|moderator\w*|cenzur\w*|wykry\w*|zauwaz\w*|zorient\w*|przemyc\w*|obejsc|"
             r"obejdz\w*|omin|ominac|ominie|zakazan\w*|zablokowan\w*|niezauwazon\w*|prze[sś]lizgn\w*)\b",
}

PHRASES = [
    ("harm", r"\bpodac (?:\w+ ){0,2}(?:leki|lekow|srodki|tabletki|substancj\w+) (?:\w+ ){0,2}bez (?:jego|jej|ich) "
             r"(?:wiedzy|zgody)\b"),
    ("instruction_override", r"\btryb(?:ie|u)? (?:dewelopera|developera|programisty|dan|jailbreak\w*|boga|"
                             r"bez ograniczen|bez cenzury|bez filtrow|debugowania)\b"),
    ("instruction_override", r"\b(?:pokaz|ujawnij|wypisz|powtorz|podaj|zdradz|wyswietl)\w* (?:mi )?(?:swoj\w* |"
                             r"twoj\w* )?(?:prompt\w* systemow\w*|systemow\w* prompt\w*|instrukcj\w* systemow\w*|"
                             r"ukryt\w* instrukcj\w*|poczatkow\w* instrukcj\w*|oryginaln\w* instrukcj\w*)"),
    ("instruction_override", r"\b(?:s[łl]uchaj|pos[łl]uchaj|wykonuj|pos[łl]uszny|"
                             r"pos[łl]uszna)\w* (?:od teraz )?(?:tylko|wy[łl]acznie|jedynie) (?:mnie|moich polecen|"
                             r"moich rozkazow)\b"),
    ("safety_disable", r"\bnawet (?:jesli|gdy|jezeli) (?:to )?(?:jest |bedzie |by[łl]oby )?(?:\w+ )?(?:nielegaln\w*|"
                       r"niebezpieczn\w*|szkodliw\w*|nieetyczn\w*|niemoraln\w*|zakazan\w*)"),
    ("safety_disable", r"\b(?:bez wzgledu na|niezaleznie od) (?:tego czy )?(?:\w+ )?(?:prawo|etyk\w*|konsekwencj\w*|"
                       r"legalnosc\w*|bezpieczenstw\w*|nielegaln\w*)"),
    ("instruction_override", r"\bnadpisuj\w* (?:\w+ ){0,2}instrukcj\w+ systemow\w*|\bjesli (?:deweloper|tworc\w*|"
                             r"system) (?:czegos |cos )?zabroni\w*,? (?:i tak|mimo to)"),
    ("authority_claim", r"\b(?:dane osobowe|histori\w+ rozmow|czat\w*)\b.{0,40}\b(?:wskazanych|innych|wybranych) "
                        r"uzytkownik\w*"),
    ("harm", r"\brycyn\w*|\bnasion racznika"),
    # blank-firing guns converted to live ammunition; drugs given to someone without their knowledge
    ("harm", r"\bprzerob\w* (?:\w+ )?(?:bron|pistolet\w*|rewolwer\w*|karabin\w*) (?:\w+ )?(?:hukow\w*|gazow\w*|"
             r"alarmow\w*|startow\w*|akustyczn\w*)|\b(?:poda\w*|dosyp\w*|doda\w*|wsypa\w*)\b.{0,30}\b(?:komus|mu|"
             r"jej|jemu)\b.{0,20}\bbez (?:jego|jej|ich) wiedzy"),
    # ways to end one's life, suicide methods handed out
    ("harm", r"\b(?:sposob\w*|metod\w*|jak)\b.{0,40}\bskonczyc ze soba\b|\bmetod\w* samobojcz\w*\b.{0,60}"
             r"\b(?:podawaj\w*|dawaj\w*|opisuj\w*|szczegolow\w*|skuteczn\w*)"),
]

# Function words that mark Polish text (none of them English words): which lexicons scan a text.
MARKERS = ("nie jest sie mnie mi ci cie ze zeby jak tylko zawsze nigdy prosze twoje twoj twoich moje moj moich "
           "wszystko wszystkie jestes bez ktore oraz albo czy juz teraz mam wole bardzo")
