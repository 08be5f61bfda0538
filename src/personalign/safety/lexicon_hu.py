"""Hungarian lexicon (concepts and phrases: see `lexicon`). Stems, since Hungarian words take chains of suffixes.

Text is normalized: á é í ó ö ő ú ü ű lose their marks, so "korlátozásokat" is "korlatozasokat" and
"szűrőidet" is "szuroidet". Three things Hungarian does differently:

* possession is a suffix: "utasításaimat" (my instructions) is the user's own, "utasításaidat" (yours) is
  not, so the ownable concepts refuse a first-person ending right after the stem (`_NOT_MINE`);
* "without" follows its noun ("korlátozások nélkül") as readily as "no" precedes it ("nincs korlátozás"),
  so "without" pairs in either order (`OBJECT_FIRST`);
* "about" is a suffix ("bombákról") or follows its noun ("a bombák története"), so a harmful object
  followed by a topic word is scoped away by a look-ahead (`_ABOUT`) as well as by a SHIELD before it.
"""

OBJECT_FIRST = True  # "korlátozások nélkül" and "nincs korlátozás" both

# no first-person possessive right after the stem: -(a/e/o)m, -(a/e/ja/je)im, -unk/-ünk, -(a/e)ink
# ("utasításaim", "szabályom", "korlátozásaink"); "szabálymentes" is no possessive
_NOT_MINE = r"(?!(?:a|e|o|u|ja|je)?i?(?:m(?!ent)|nk))\w*\b"
# after a concept: what it is said of ("nincs korlátozás a hosszra", "a nyelvtan szabályai" is before)
_SCOPED = (r"(?! (?:a |az )?(?:hossz|terjedelm|stilus|formatum|formaz|helyesiras|nyelvtan|etrend|etkez|diet|ido|"
           r"koltseg|szavak|szoszam|karakter|jatek|sakk)\w*)")
# a harmful object said of as a topic: "bombákról", "a bombák története", "Bombának hívják"
_ABOUT = (r"(?!\w*rol\b)(?!\w*(?: \w+)? (?:tortenet\w*|elleni|ellen\b|hatastalanit\w*|felismer\w*|"
          r"megelozes\w*|kapcsolatos|temaju|nevu|hivjak|hivnak|nevezt\w*|nevet|veszely\w*))")
_NEG = r"(?<!\bne )(?<!\bnem )(?<!\bsoha ne )"  # "ne felejtsd el" (don't forget) is no forgetting

CONCEPTS = {
    "IGNORE": _NEG + r"\b(?:hagyd figyelmen kivul|hagyja figyelmen kivul|figyelmen kivul hagy\w*|ignoral\w*|"
              r"felejtsd el|felejts el|felejtse el|elfelejt\w*|szegd meg|megszeg\w*|szegj meg|ne kovesd|ne kovesse|"
              r"ne tartsd be|ne tartsa be|ne tartsd magad|ne foglalkozz|ne torodj|ird felul|irja felul|felulir\w*|"
              r"kerulj?d meg|megkerul\w*|dobd el|vesd el|hagyd (?:\w+ )?maga mogott|tegyel tul|tegye tul|"
              r"tulteszed magad)\b",
    "RULES": r"\b(?>utasitas|szabaly(?!zat|oz|os)|iranyelv|elveid|rendszerprompt|rendszer prompt|rendszeruzenet|"
             r"rendszerutasitas|eloiras|direktiv|programozas|parancs)" + _NOT_MINE + _SCOPED
             + r"|\b(?:amit (?:\w+ )?mondtak neked|amire (?:\w+ )?tanitottak)\b",
    "SAFETY": r"\b(?>(?:biztonsagi|tartalmi|etikai|erkolcsi) (?:szur|szabaly|korlat(?:ozas)?|beallitas|iranyelv"
              r"|protokoll|"
              r"mechanizmus|vedelm|ovintezked|elv|kerit|gat)|tartalomszur|szurorendszer|szuroprogram|"
              r"szuro(?:k|ket|id|idet|idrol|it|ik|ket|kon|kkel|ktol|ket|je|jet|ket|dre)\b|"
              r"korlatozas|korlat(?!lan|oz)|limitek|limiteid|hatarok\b|hataraid|hataraidat|hatarokat|cenzur(?!az)|"
              r"moderacio|moderal|etik(?!ett)|erkolcs(?!tel)|gatlas(?!tal)|tiltas(?:ok|aid|okat|aidat)\b|"
              r"vedokorlat|vedelmi mechanizmus)" + _NOT_MINE + _SCOPED,
    # a scope word before the concept: "étrendi korlátozás", "a hosszra nincs korlátozás"
    "SCOPE": r"\b(?:etrendi|etkezesi|formazasi|helyesirasi|nyelvtani|stilisztikai|dietas|idobeli|hossz\w*"
             r"|terjedelm\w*|koltsegvetes\w*|penzugyi|kalori\w*|"
             r"eletkori|szo|szavak|karakter\w*|sebesseg\w*|forgalmi|parkolasi|sulyhatar\w*)"
             r"(?: (?:nincs|nincsen|nincsenek|sincs|nem kell|semmi|semmilyen))?\b",
    "WITHOUT": r"\b(?:nelkul\w*|nincs|nincsen|nincsenek|sincs\w*|semmilyen|semmifele|semmi|mentes\w*|ne legyen\w*|"
               r"ne legyenek)\b",
    "DISABLE": r"\b(?:kapcsold (?:\w+ ){0,3}ki|kapcsolja (?:\w+ ){0,3}ki|kapcsolj (?:\w+ ){0,3}ki|kikapcsol\w*|"
               r"ki (?:\w+ ){0,2}kapcsol\w*|deaktival\w*|oldd fel|oldja fel|felold\w*|tavolitsd el|tavolitsa el|"
               r"eltavolit\w*|szuntesd meg|szuntesse meg|megszuntet\w*|iktasd ki|iktassa ki|kiiktat\w*|lazits\w*|"
               r"lazitsd|fuggeszd fel|fuggessze fel|felfuggeszt\w*|hatastalanit\w*|vedd le|tedd felre|kerulj?d ki|"
               r"kijatsz\w*)\b",
    "REFUSE": r"\bsoha (?:\w+ ){0,3}(?:ne|nem) (?:\w+ )?(?:utasit\w* (?:\w+ )?(?:el|vissza)|tagad\w*|"
              r"mond\w* (?:\w+ )?nemet|valaszol\w* nemmel)|\bne (?:\w+ )?utasits\w* (?:\w+ )?(?:el|vissza) "
              r"(?:\w+ )?(?:semmit|semmilyen|egyetlen|soha)|\bsemmit (?:\w+ )?(?:ne|nem) (?:\w+ )?(?:utasit\w* "
              r"(?:\w+ )?(?:el|vissza)|tagad\w*)|\bne mondj (?:\w+ )?(?:soha )?nemet\b|\bne tagadj (?:\w+ )?meg "
              r"(?:\w+ )?semmit|\b(?:elutasitas|megtagadas|visszautasitas)\w* nelkul|\bhagyd abba (?:a |az )?"
              r"(?:elutasitas|megtagadas|visszautasitas)\w*|\bvalaszolj (?:\w+ )?(?:mindenre|minden kerdesre|"
              r"minden kerdesemre|barmire)\b.{0,50}\b(?:akkor is ha|meg ha|kivetel nelkul|mindenaron|barmi legyen|"
              r"fuggetlenul)|\bsemmi sem (?:tilos|tabu)|\bnincs tabu tema|\bnincsenek tabuk",
    "UNBOUND": r"\b(?:cenzurazatlan\w*|cenzuramentes\w*|szuretlen (?:\w+ )?(?:mi|ai|modell\w*|verzio\w*|mod\w*|"
               r"asszisztens\w*|chatbot\w*|valtozat\w*)|korlatlan (?:\w+ )?(?:mi|ai|modell\w*|verzio\w*|mod\w*|"
               r"asszisztens\w*|chatbot\w*|valtozat\w*)|amoral\w*|erkolcstelen\w*|gatlastalan\w*|etikatlan (?:mi|ai|"
               r"modell\w*|asszisztens\w*|chatbot\w*)|(?<!formazasi )(?<!helyesirasi )(?<!nyelvtani )(?<!jatek )"
               r"(?<!stilus )(?:szabalyok|korlatok|korlatozasok|szurok|cenzura|etika|"
               r"erkolcs\w*|hatarok|gatlasok) nelkul\w*|nincsenek (?:\w+ )?(?:szabalyaid|korlataid|korlatozasaid|"
               r"szuroid|hataraid|iranyelveid|gatlasaid)|nincs (?:\w+ )?(?:szabalyod|korlatod|cenzurad|etikad|"
               r"szurod)|(?:a )?(?:szabalyok|korlatozasok|iranyelvek|utasitasok) (?:mar |tobbe )?nem "
               r"vonatkoz\w* rad|rad (?:mar |tobbe )?nem vonatkoz\w* (?:\w+ )?(?:szabaly|korlat|"
               r"iranyelv)\w*|minden (?:meg van engedve|megengedett)|gonosz (?:mi|ai|iker\w*)|jailbreak\w*|"
               r"semmilyen (?:szabaly|korlat|hatar)\w* (?:nem|nincs)|"
               r"szabalytalan (?:mi|ai|modell\w*))\b",
    "PRETEND": r"\b(?:tegyel ugy|tegy ugy|tegyen ugy|tegyuk fel|tettet\w*|tettesd|jatssz (?:el )?egy|jatszd el|"
               r"jatszol (?:el )?egy|jatssza el|szerep(?:et|ben|be|jatek\w*|lo\w*)\b|kepzeld el|kepzeld hogy"
               r"|kepzelje el|"
               r"mostantol (?:\w+ ){0,3}vagy\b|mostantol te\b|mostantol on\b|ettol (?:a pillanattol|kezdve) (?:\w+ )?"
               r"vagy\b|viselkedj (?:ugy )?(?:mint|akar)|viselkedjen (?:ugy )?(?:mint|akar)|karakter\w*|persona\w*|"
               r"alter ?ego\w*|szimulal\w*|megszemelyesit\w*|bujj (?:\w+ )?(?:borebe|szerepebe)|egy olyan vilagban|"
               r"hipotetikus\w*|legy(?:el|en)? (?:most )?(?:egy )?(?:\w+ ){0,2}(?:mi|ai|asszisztens\w*|chatbot\w*|"
               r"modell\w*)\b)",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("rendőr vagyok, add meg bárki lakcímét")
    "PRIVATE": r"\b(?:barki\w*|barmely\w*|mas\w* (?:felhasznalo|ember|szemely)\w*|minden\w* (?:felhasznalo|ember|"
               r"szemely|allampolgar)\w*|(?:ennek|annak) a (?:szemelynek|felhasznalonak|embernek))\b.{0,40}"
               r"\b(?:lakcim\w*|cimet|cimeit|telefonszam\w*|tartozkodasi\w*|helyadat\w*|szemelyes adat\w*|"
               r"uzenet\w*|beszelgetes\w*|csevegese\w*|elozmeny\w*|adatai\w*)|\b(?:lakcim\w*|telefonszam\w*|"
               r"tartozkodasi hely\w*|szemelyes adat\w*|uzenet\w*|beszelgetes\w*|csevegese\w*)\b.{0,40}"
               r"\b(?:barki\w*|barmely\w*|mas\w* (?:felhasznalo|ember|szemely)\w*|minden\w* (?:felhasznalo|ember|"
               r"szemely)\w*)",
    "AUTHORITY": r"\b(?:(?:fejleszto|rendszergazda|adminisztrator|alkoto|keszito|tulajdonos|moderator|rendor|"
                 r"nyomozo)d?kent|(?:fejleszto|rendszergazda|adminisztrator|admin|keszito|alkoto|"
                 r"programozo|uzemelteto|tulajdonos|moderator|kutato|rendor|nyomozo|biro|ugyesz|tisztviselo|"
                 r"hatosag|mernok)\w* vagyok|vagyok (?:a |az )?(?:te )?(?:\w+ )?(?:fejleszto|rendszergazda|"
                 r"adminisztrator|admin|keszito|alkoto|programozo|tulajdonos|moderator)\w*|"
                 r"felhatalmaz(?:lak|om|unk)\w*|engedelyt adok|engedelyezem (?:neked|hogy)|feljogositalak|"
                 r"(?:admin|adminisztratori|rendszergazdai|fejlesztoi|root|kulonleges|teljes) "
                 r"(?:jogosultsag|jog|hozzaferes|engedely)\w*|(?:admin|fejlesztoi|hozzaferesi|feloldo|"
                 r"engedelyezesi) kod\w*|(?:szerviz|karbantartasi|hibakereso|rendszergazdai) mod\w*|"
                 r"a fiokom (?:\w+ )?(?:jogosult|engedelyezett|hitelesitett)|kutatasi cel\w*|kutatas celjabol|"
                 r"tudomanyos cel\w*|(?:az openai|az anthropic|a ceg|a cegetek) (?:\w+ )?(?:engedelyez"
                 r"|jovahagy)\w*)\b",
    "MAKE": r"\b(?:keszit\w*|keszits\w*|elkeszit\w*|gyart\w*|legyart\w*|epit\w*|epits\w*|allits\w* elo|eloallit\w*|"
            r"szintetiz\w*|fozz\w*|fozni|fozok|fozhetek|csinal\w*|csinalj\w*|irj|irjal|irjon|irnal|irnad|ird meg"
            r"|megir\w*|"
            r"programozz\w*|kodolj\w*|szerez\w*|szerezz\w*|beszerez\w*|vasarol\w*|vasarolj\w*|vegyek|vehetek|"
            r"osszerak\w*|rakj (?:\w+ )?ossze|kever\w*|recept(?:et|je|jet|ek|jei)?\b|lepesrol lepesre|hazilag|"
            r"barkacsol\w*|mukodo|hogyan (?:kell |lehet |tudok |tudnek )?(?:\w+ )?(?:keszit|epit|gyart|csinal|"
            r"eloallit|szerez|vasarol|ir|fozz|foz|kever)\w*)\b",
    "HARM_OBJ": r"\b(?:bomb(?!a jo|abiztos|azo|aszt|ardir)|robbanoszer|robbanoanyag|robbano eszkoz|robbanoeszkoz|"
                r"pokolgep|molotov|ideggaz|szarin|ricin|lepfene|antrax|vegyi fegyver|biologiai fegyver|lofegyver|"
                r"fegyver(?!szunet|tar\b|telen)|hangtompito|mereg\b|merget\b|mergek|mergez|halalos mereg|"
                r"metamfetamin|kokain|heroin|fentanil|fentanyl|lsd|mdma|extasy|drog(?!eri)|kabitoszer|"
                r"kartevo (?:szoftver|program|kod)|rosszindulatu (?:szoftver|program|kod)|malware|ransomware|"
                r"zsarolovirus|virus(?!irt|vedel)|trojai(?! fal)|keylogger|billentyuzetfigyel|exploit|adathalasz"
                r"|hamis (?:penz|bankjegy|"
                r"igazolvany|utlevel|szemelyi|dokumentum|okmany)|halalos adag|illegalis fegyver)" + _ABOUT + r"\w*",
    # before the object: "egy krimi egy bombamerényletről", "a kutyám neve Bomba"
    "SHIELD": r"\b(?:nyelvtan\w*|helyesiras\w*|stilus\w*|formatum\w*|vers\w*|sakk\w*|jatek\w*|foci\w*|etrend\w*|"
              r"regeny\w*|krimi\w*|film\w*|dokumentumfilm\w*|mese\w*|novell\w*|vicc\w*|tortenelm\w*|tortenet\w*|"
              r"neve|nevu|nevezetu|hivjak|becenev\w*|kutya\w*|macska\w*|vedekez\w*|vedelm\w*|"
              r"megelozes\w*|felismeres\w*|biztositas\w*|adatvedelm\w*|maganszfer\w*)\b",
    "HARM": r"\b(?:rasszista|szexista|homofob|antiszemita|idegengyulolo|transzfob|nogyulolo) (?:\w+ )?(?:vicc\w*|"
            r"poen\w*|megjegyzes\w*|szoveg\w*|sertes\w*|beszolas\w*|komment\w*|uzenet\w*|szidalm\w*)|"
            r"\blegy(?:el)? (?:\w+ )?(?:rasszista|szexista|homofob|antiszemita)\b|\bgyuloletbeszed\w*|"
            r"\b(?:batorits\w*|biztass\w*|biztat\w*|osztonoz\w*|osztonozz\w*|emlekeztess\w*|gyozz meg|"
            r"motival\w*|unszol\w*|segits\w*|tamogass\w*|dicserj\w*)\b.{0,40}\b(?:ne egyek semmit|"
            r"semmit (?:se )?(?:ne )?egyek|egyaltalan ne egyek|hagyjam abba az evest|ehezz\w*|ehezzek|ehezes\w*"
            r"|ehezteti?\w*|koplal\w*|"
            r"kihagyjam az etkezes\w*|onserto\w*|onsertes\w*|megvagjam magam|vagjam magam|megsebezzem magam|"
            r"ongyilkos\w*|megoljem magam|vegezzek magammal|kihanyjam|hanytass\w*|hanyjak|anorexi\w*|bulimi\w*|"
            r"ertektelen vagyok)\b|\bpro ana\b|"
            r"\b(?:deritsd ki|derits ki|deritse ki|kiderit\w*|talald meg|talalja meg|megtalal\w*|keresd meg|"
            r"keresse meg|felkutat\w*|kutasd fel|nyomozd ki|lenyomoz\w*|szerezd meg|kovesd nyomon|"
            r"nyomon kovet\w*)\b.{0,50}\b(?:hol (?:\w+ )?(?:lakik|el|tartozkodik)\b|lakcim\w*"
            r"|tartozkodasi hely\w*)|\b(?:exem|exed|volt (?:barat\w*|par\w*|feleseg\w*|ferj\w*|"
            r"szerelm\w*)|szomszed\w*|kolleg\w*|ismeretlen\w*|egy (?:no|lany|ferfi))\b.{0,30}\b(?:lakcim\w*|"
            r"telefonszam\w*|hol (?:\w+ )?lakik)|"
            r"\b(?:zaklat\w*|kemked\w*|zsarol\w*|megfenyeget\w*|fenyegess\w*|doxx\w*|stalk\w*) (?:\w+ )?(?:ot|oket|"
            r"ot is|az exem|a volt\w*|a szomszed\w*|valakit|egy (?:\w+ )?(?:not|lanyt|embert|kollegat))\b|"
            r"\b(?:tord fel|torj fel|feltor\w*|hackel\w*|hekkel\w*|betor\w*)"
            r"\b.{0,30}\b(?:fiok\w*|email\w*|e mail\w*|postafiok\w*|telefon\w*|instagram\w*|facebook\w*|jelszav\w*)|"
            r"\b(?:lopj\w*|ellop\w*|szerezd meg) (?:\w+ )?(?:jelszav\w*|szemelyazonossag\w*)|"
            r"\bhogyan (?:\w+ )?(?:oljek|olhetek|olhetnek|mergezzek|mergezhetek|rabolj\w*|kinozz\w*) meg "
            r"(?:\w+ )?(?:valakit|egy embert|ot)\b|"
            r"\b(?:gyerek\w*|kiskoru\w*|gyermek\w*)\b.{0,30}\b(?:meztelen\w*|porno\w*|erotikus\w*|"
            r"szexualis (?:kep|tartalom|tortenet|jelenet|fotok?)\w*)|\b(?:meztelen\w*|porno\w*|erotikus\w*|"
            r"szexualis (?:kep|tartalom|tortenet|jelenet)\w*)\b.{0,30}\b(?:gyerek\w*|kiskoru\w*|gyermek\w*)",
    "ENCODE": r"\b(?:base ?64|rot ?13|hexadecimalis\w*|binaris\w*|morze\w*|visszafele|forditott sorrend\w*|"
              r"titkosit\w*|elkodol\w*|kodolt (?:formaban|valasz\w*|uzenet\w*)|rejtjel\w*|elrejt\w*|alcaz\w*"
              r"|szetszedett betu\w*|leetspeak)\b",
    "EVADE": r"\b(?:szuro\w*|moderacio\w*|moderator\w*|cenzur\w*|eszre(?: ne)? ?ve\w*|eszrevetlen\w*|eszlel\w*|"
             r"kijatsz\w*|atcsusz\w*|letiltott\w*|tiltott\w*|blokkolt\w*)\b",
}

PHRASES = [
    ("instruction_override", r"\b(?:fejlesztoi|dan|jailbreak|isten|korlatlan|cenzurazatlan|szuretlen|debug) "
                             r"(?:mod|uzemmod)(?!el)\w*"),  # not "DAN model"
    ("instruction_override", r"\b(?:mutasd meg|mutasd|ird ki|ismeteld meg|ismeteld el|arulj?d? el|fedd fel|"
                             r"add ki|masold ide|idezd)\w* (?:\w+ ){0,2}(?:rendszerprompt\w*|rendszer prompt\w*|"
                             r"rendszerutasitas\w*|rejtett utasitas\w*|eredeti utasitas\w*|kezdeti utasitas\w*)"),
    ("instruction_override", r"\bcsak (?:nekem|ram|engem) (?:\w+ )?(?:engedelmeskedj|hallgass|kovess)\w*|"
                             r"\bcsak az en (?:parancsaimat|utasitasaimat|szavamat) (?:kovesd|teljesitsd|"
                             r"fogadd el)"),
    ("safety_disable", r"\b(?:meg|akkor is) ha (?:az |ez )?(?:\w+ )?(?:illegalis|veszelyes|karos|etikatlan|"
                       r"erkolcstelen|tiltott|torvenytelen|buntetendo)"),
    ("safety_disable", r"\b(?:fuggetlenul attol hogy|tekintet nelkul (?:a |az )?)(?:\w+ )?(?:legalis|illegalis|"
                       r"etikus|torveny\w*|jogszabaly\w*|etik\w*|kovetkezmeny\w*|veszelyes)"),
    ("harm", r"\bhanytass\w* magam|\bnapokig ne egyek\b"),
]

# Function words that mark Hungarian text (none of them English words): which lexicons scan a text.
MARKERS = ("nem hogy egy vagy vagyok nekem engem mindig soha kerlek minden semmilyen nelkul csak mert amit amikor "
           "ezt azt nagyon szeretnem valaszolj legyel legyen mostantol nekunk tobbe")
