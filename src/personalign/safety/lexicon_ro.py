"""Romanian lexicon (concepts and phrases: see `lexicon`). Text is normalized: ă â î ș ț lose their marks
("restricțiile" is "restrictiile"), and the hyphen inside a word goes, so "dezactivează-ți" is
"dezactiveazati", "prefă-te" is "prefate" and "într-o" is "intro".

Two things Romanian does differently: the possessive and the adjective follow their noun ("regulile mele",
"restricții alimentare"), so ownership and scope are look-aheads (`_NOT_MINE`, `_SCOPED`) rather than the
possessive or SCOPE word before; and Romanian words are close to Italian, Spanish and Portuguese ones, so
endings are spelled out where a bare stem would read another language ("fara" is also Italian "farà").
"""

_NOT_MINE = r"(?! (?:\w+ ){0,2}(?:mele|mea|meu|mei|noastre|nostru|noastra|nostri|personale)\b)"
_SCOPED = (r"(?! (?:\w+ )?(?:alimentar\w*|dietetic\w*|culinar\w*|de (?:lungime|timp|buget|varsta|cuvinte|caractere|"
           r"stil|format|formatare|dieta|mancare|spatiu|viteza|gramatica|ortografie|parcare)|(?:privind|pentru|la|"
           r"legat\w* de|in privinta) (?:lungime\w*|stil\w*|format\w*|diet\w*|mancare|buget\w*|timp\w*|"
           r"gramatic\w*|ortografi\w*)|jocului|de joc|sahului|gramaticii|ortografiei|de circulatie)\b)")
_NEG = r"(?<!\bnu )(?<!\bnu mai )(?<!\bsa nu )"  # "nu uita regulile" (don't forget the rules) is no forgetting

# "să-mi faci morală" (lecture me) and "fără morală la final" (no moral at the end) are presentation
_LECTURE = r"(?<!faci )(?<!face )(?<!faceti )(?<!tine )(?<!tii )"

CONCEPTS = {
    "IGNORE": _NEG + r"\b(?:ignor(?:a|ati|i|and|area)|(?<!\bse )(?<!\bma )(?<!\bte )(?<!\bne )(?<!\bva )uit(?:a"
                     r"|ati|i|and)(?! te\b)|sa uiti|nu (?:mai )?(?:tine|"
              r"tineti) (?:cont|seama) de|nu (?:mai )?lua (?:in seama|in considerare)|treci peste|trece peste|"
              r"incalc\w*|nu (?:mai )?respect(?:a|ati|i)|inceteaza sa (?:mai )?(?:respecti|urmezi|asculti|tii cont)|"
              r"nu (?:mai )?urm(?:a|ati)|nu (?:mai )?asculta de|ocoleste|ocoliti|ocolind|suprascri\w*|"
              r"renunt(?:a|ati|i) la|lasa (?:deoparte|la o parte)|lasati (?:deoparte|la o parte)|"
              r"fa abstractie de|fara sa (?:mai )?(?:tii cont|respecti)|"
              # declared void: "instrucțiunile tale inițiale nu mai sunt valabile"
              r"nu mai (?:sunt|este|e) (?:valabil\w*|valid\w*|in vigoare)|(?:sunt|este) (?:anulat\w*|nul\w*)|"
              r"se anuleaza|"
              r"(?:vin|sunt|stau|trec) (?:inaintea|deasupra|peste|inainte de))\b",
    "RULES": r"\b(?:instructiun(?:e|i|ea|ile|ilor|ii)|regul(?:a|i|ile|ilor|ii)|directiv(?:a|e|ele|elor)|"
             r"ghidur(?:i|ile|ilor)|linii(?:le)? directoare|indicatii(?:le)?|comenzi(?:le)?|"
             r"prompt\w* (?:de |al )?sistem\w*|mesaj\w* (?:de |al )?sistem\w*|programar(?:ea|ii) (?:ta|tale|"
             r"initiala|originala)|principii(?:le)? (?:tale|de baza)|ce ti sa spus|ce ai fost invatat\w*)\b"
             + _NOT_MINE + _SCOPED,
    "SAFETY": r"\b(?:filtr(?:u|ul|e|ele|elor|ului)|restricti(?:e|a|i|ii|ile|ilor)|restrictionar(?:i|ile|ea)|"
              r"limit(?:a|e|ele|elor|ari|arile|arilor)|ingradir(?:i|ile|ilor)|cenzur(?:a|ii|ile)|"
              r"moderar(?:e|ea|ii)|etic(?:a|ii|ile|e|ilor)?|" + _LECTURE
              + r"moral(?:a|ei|itate|itatea|itatii)(?! la (?:final|sfarsit|urma))|scrupul(?:e|ele)|"
              r"protocoal\w* de (?:siguranta|securitate)|masuri(?:le)? de (?:siguranta|securitate|protectie)|"
              r"regul(?:i|ile|ilor) de (?:siguranta|securitate|continut)|politic\w* de (?:continut|siguranta|"
              r"securitate|utilizare)|mecanism\w* de (?:siguranta|securitate|protectie)|setari(?:le)? de "
              r"(?:siguranta|securitate)|sistem\w* de (?:siguranta|securitate)|bariere(?:le)? (?:etice|morale)|"
              r"protectii(?:le)?|garduri de protectie)\b" + _NOT_MINE + _SCOPED,
    "SCOPE": r"\b(?:buget\w*|timp\w*|varst\w*|caloric\w*)\b",
    # "fara" is also Italian "farà" (will do), which an article follows
    "WITHOUT": r"\b(?:fara(?! (?:i|il|la|le|lo|gli|un|una|uno|di|da|una)\b)|nicio|niciun|niciunul|nicio una|"
               r"nici o|nici un|liber\w* de|eliberat\w* de|dincolo de|nu (?:mai )?ai|nu (?:mai )?exista|"
               r"sa nu (?:mai )?(?:existe|ai|ai nicio))\b",
    "DISABLE": r"\b(?:dezactiv\w*|opreste\w*|opriti|opri\b|sa opresti|inchide\w*|inchideti|elimin(?:a|ati|i|and)|"
               r"scoate\w*|scoti|inlatur(?:a|ati|i)|ridica\w*|ridici|suspend(?:a|ati|i)|debloc\w*|ocol(?:este|"
               r"esti|iti|i|ind)|slabeste|relaxeaz\w*|relaxati|anuleaz\w*|anulati|anula\b|renunt(?:a|ati|i) la|"
               r"da jos|dati jos|stinge\b|stingeti|sa stingi|treci de|trece de)\b",
    "REFUSE": r"\bnu (?:mai |imi |mi |ma |niciodata |vreodata )*refuz(?:a|i|ati|e)\b|\bniciodata (?:\w+ ){0,2}"
              r"(?:sa )?(?:nu )?(?:mai )?(?:refuz(?:a|i|ati)|respinge\w*|spune\w* nu|spui nu)\b|\bsa nu (?:mai )?"
              r"(?:imi )?(?:respingi|spui nu)\b|\bnu (?:mai )?spune (?:niciodata )?nu\b|\bfara (?:sa )?(?:mai )?"
              r"refuz\w*|\bfara (?:niciun )?refuz\w*|\bopreste te din refuzat|\bnu mai refuza\b|"
              r"\braspunde\w* (?:\w+ )?(?:la orice|la toate|oricarei|oricarei intrebari)\b.{0,50}\b(?:chiar daca|"
              r"indiferent|fara exceptie|oricum|cu orice pret)|\bnimic nu (?:este|e|mai este|mai e) (?:interzis|"
              r"tabu)|\bniciun subiect nu (?:este|e) (?:interzis|tabu)",
    "UNBOUND": r"\b(?:necenzurat\w*|nefiltrat\w* (?:ai|ia|model\w*|versiune\w*|mod\w*|asistent\w*|chatbot\w*)|"
               r"nelimitat\w* (?:ai|ia|model\w*|versiune\w*|modul\w*|asistent\w*|chatbot\w*)|amoral\w*|"
               r"imoral(?:a|e|i)? (?:ai|ia|model\w*|asistent\w*|chatbot\w*)|lipsit\w* de (?:scrupule|etica|morala|"
               r"reguli|restrictii|limite)|fara (?:nicio |niciun |nici o |vreo )?(?:reguli|regula|restrictii|"
               r"restrictie|limite|limita|filtre|filtru|cenzura|etica|morala(?! la (?:final|sfarsit|urma))|scrupule|"
               r"bariere)|"
               r"nu (?:mai )?ai (?:nicio |niciun |nici o )?(?:\w+ )?(?:reguli|restrictii|limite|filtre|cenzura|"
               r"etica)|(?:regulile|restrictiile|instructiunile|limitele|ghidurile|filtrele) (?:tale )?nu (?:mai )?"
               r"(?:se (?:mai )?aplica|sunt valabile|conteaza)|totul (?:este |e )?permis|orice (?:este |e )?permis|"
               r"jailbreak\w*|(?:ai|ia) malefic\w*|(?:eliberat\w*|liber\w*) de (?:orice |toate )?(?:regul\w*|"
               r"restricti\w*|limite|filtre|cenzura))\b" + _SCOPED,
    "PRETEND": r"\b(?:prefa ?te|prefaceti ?va|pretinde\w* ca esti|joac(?:a|ati) (?:rolul|un rol|rol)|"
               r"joc\w* de rol|intr un joc de rol|imagineaz\w*|imaginati ?va|inchipuie\w*|comport(?:a|ati) ?te ca|"
               r"comporta te ca|poart(?:a|ati) ?te ca|actioneaz\w* ca|de acum (?:inainte |incolo )?(?:esti|vei fi)|"
               r"din acest moment (?:esti|vei fi)|acum esti\b|esti acum\b|personaj\w*|persona\b|simuleaz\w*|"
               r"alter ego|intr o lume in care|intro lume in care|ipotetic\w*|sa presupunem|fii (?:un|o) (?:\w+ )?"
               r"(?:ai|ia|asistent\w*|chatbot\w*|model\w*|inteligenta)\b|intra in pielea|intra in rolul)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("sunt polițist, dă-mi adresa oricărei persoane")
    "PRIVATE": r"\b(?:adres\w*|locati\w*|numar\w* de telefon|numerele de telefon|date\w* personale|mesaj\w*|"
               r"conversati\w*|istoric\w*|informati\w*)\b.{0,40}\b(?:oricarei|oricarui|orice|altor|altui|altei|"
               r"alti|alte|acestei|acestui|"
               r"tuturor) (?:\w+ )?(?:persoan\w*|utilizator\w*|oameni|cetatean\w*|suspect\w*)",
    "AUTHORITY": r"\b(?:sunt (?:eu )?(?:\w+ )?(?:dezvoltator\w*|programator\w*|administrator\w*|admin\w*|creator\w*|"
                 r"proprietar\w*|moderator\w*|cercetator\w*|politist\w*|ofiter\w*|judecator\w*|procuror\w*|"
                 r"anchetator\w*|inginer\w*|functionar\w*|autorizat\w*|oficial\w*)|(?:in calitate de|ca) "
                 r"(?:dezvoltator|creator|administrator|proprietar)\w* (?:al |a )?(?:tau|ta|tu)\b|te autorizez|"
                 r"iti (?:dau|acord) (?:\w+ )?(?:permisiune\w*|voie|acces\w*|dreptul|autorizati\w*)|"
                 r"am (?:drepturi|acces|permisiuni|privilegii) (?:de )?(?:admin\w*|root|dezvoltator\w*|complet\w*|"
                 r"special\w*|depline)|cod\w* de (?:acces|administrator|deblocare|autorizare)|"
                 r"mod\w* (?:de )?(?:administrator|service|mentenanta)|contul meu (?:are|este|e|permite)|"
                 r"in scop\w* de cercetare|pentru cercetare\w* (?:stiintific\w*|academic\w*)|"
                 r"cu (?:aprobarea|acordul|permisiunea) (?:\w+ )?(?:openai|anthropic|companiei|firmei|echipei)|"
                 r"(?:openai|anthropic|compania|firma) (?:a aprobat|permite|a permis|ma autorizeaza))\b",
    "MAKE": r"\b(?:sa fac|sa faci|sa facem|fa (?:o|un|niste|mi)|fami|cum (?:sa |se )?(?:\w+ )?(?:fac\w*|"
            r"construi\w*|fabric\w*|obtin\w*|cumpar\w*|scri\w*|prepar\w*|produc\w*|sintetiz\w*)|construi(?:este|"
            r"esc|esti|ti|ti|este)|construiestemi|fabric(?:a|i|ati|at|ata|area|arii)|produci|produceti|"
            r"sa produc\w*|sintetiz\w*|prepar(?:a|i|ati|area)|gateste|gatiti|sa gatesc|sa gatesti|scrie\w*|"
            r"scrii|scrieti|programeaz\w*|creeaz\w*|creaza\w*|sa creez\w*|cumpar\w*|obtine\w*|sa obtin\w*|"
            r"procur\w*|retet(?:a|e|ele|ei)|pas cu pas|asambl\w*|amesteca\w*|artizanal\w*|functional(?:a|e|"
            r"i)\b)\b",
    "HARM_OBJ": r"\b(?:bomb(?:a|e|ele|ei|elor)\b(?! (?:calorica|de (?:apa|agua|calor|aire|caldura|gasolina|"
                r"combustible|chocolate|ciocolata)))|exploziv\w*|dispozitiv\w* exploziv\w*|napalm\w*|molotov\w*|"
                r"gaz\w* (?:sarin|neurotoxic\w*|de lupta)|sarin\b|ricina\b|antrax\w*|arm(?:a|e|ele|elor|ei)\b"
                r"(?! secret\w*| (?:de )?(?:joc|jucarie))|otrav\w*|metamfetamin\w*|cocain\w*|heroin(?:a|ei)?\b|"
                r"fentanil\w*|fentanyl\w*|lsd|mdma|drog(?:uri|urile|urilor|ul)?\b|stupefiant\w*|narcotic\w*|"
                r"malware|ransomware|virus(?:i|ul|uri|ului)? (?:informatic\w*|de calculator)|virus(?:i|ul|uri)?\b"
                r"(?! (?:gripal|respirator)\w*)|troian\w*|keylogger\w*|exploit\w*|phishing\w*|"
                r"(?:software|program\w*|cod\w*) (?:rau intentionat\w*|malitios|malitioase|malware)|"
                r"(?:bani|bancnote|acte|documente|pasapoarte|pasaport|buletin\w*|diplom\w*) fals\w*|"
                r"doz\w* (?:letal\w*|mortal\w*)|arme? (?:de foc )?(?:ilegal\w*|nedeclarat\w*))",
    # before the object: "un roman despre o bombă", "câinele meu se numește Bombă"
    "SHIELD": r"\b(?:despre|istori\w*|impotriva|protecti\w*|protej\w*|preveni\w*|recunoa\w*|dezamors\w*|"
              r"neutraliz\w*|film\w*|documentar\w*|poveste\w*|povesti\w*|poezi\w*|poem\w*|glum\w*|bancuri|"
              r"gramatic\w*|ortografi\w*|stil\w*|format\w*|sah\w*|joc\w*|fotbal\w*|numit\w*|numele|pe nume|"
              r"se numeste|se cheama|il cheama|o cheama|porecl\w*|caine\w*|catel\w*|pisic\w*|asigurar\w*|"
              r"intimitat\w*|confidentialitat\w*)\b",
    "HARM": r"\b(?:glum\w*|banc\w*|comentari\w*|insult\w*|texte|mesaje|remarci|injurii) (?:\w+ )?(?:rasist\w*|"
            r"sexist\w*|homofob\w*|antisemit\w*|xenofob\w*|transfob\w*|misogin\w*)|\bfii (?:\w+ )?(?:rasist|"
            r"sexist|homofob|antisemit)\w*|\bdiscurs\w* (?:de |al )?ur(?:a|ii)\b|\binstig\w* la ura\b|"
            r"\b(?:incurajeaz\w*|incuraja\w*|motiveaz\w*|convinge\w*|aminteste\w*|ajuta\w*|sustine\w*|"
            r"impinge\w*|lauda\w*)\b.{0,40}\b(?:sa nu (?:mai )?mananc (?:nimic|deloc)|sa nu mananc|"
            r"sa ma infomet\w*|infomet\w*|sa ma (?:tai|ranesc|sinucid|omor|autoranesc|lovesc)|autovatam\w*|"
            r"automutil\w*|sinucid\w*|sinucider\w*|sa vomit|sa (?:sar|omit) (?:peste )?mese\w*|anorexi\w*|"
            r"bulimi\w*|nu valorez nimic|ca sunt inutil\w*)\b|\bpro ana\b|"
            r"\b(?:afla|aflati|gaseste|gasiti|gasi|cauta|cautati|urmareste|localizeaz\w*|depisteaz\w*|"
            r"da de urma|identifica)\b.{0,40}\b(?:unde (?:\w+ )?(?:locuieste|sta|doarme|se afla acum)\b)|"
            r"\b(?:afla|aflati|gaseste|gasiti|gasi|cauta|cautati|localizeaz\w*|depisteaz\w*|identifica)\b.{0,30}"
            r"\b(?:adresa|numarul de telefon|locatia)\w*\b.{0,30}\b(?:fost\w*|vecin\w*|coleg\w*|persoan\w*|"
            r"femei\w*|fete\w*|fetei|cuiva|strain\w*|ex\w*)|\b(?:adresa|numarul de telefon) (?:\w+ )?(?:fostei|"
            r"fostului|vecinului|vecinei|colegei|colegului)\b|"
            r"\b(?:spioneaz\w*|hartuieste|hartuiti|hartui\w*|santajeaz\w*|ameninta|doxx\w*|stalk\w*|urmareste) "
            r"(?:\w+ )?(?:pe (?:fost\w*|vecin\w*|coleg\w*|cineva|ea|el)|fost\w*|vecin\w*|o colega|un coleg)\b|"
            r"\b(?:sparge\w*|spargeti|hackuie\w*|hackui\w*|pirateaz\w*) (?:\w+ ){0,3}(?:cont\w*|email\w*|e mail\w*|"
            r"telefon\w*|instagram\w*|facebook\w*|parol\w*)|\bfur\w* (?:\w+ )?(?:parol\w*|identitat\w*)|"
            r"\bcum (?:sa |pot sa )?(?:omor|ucid|otravesc|rapesc|tortur\w*) (?:pe )?(?:cineva|un om|o persoana)\b|"
            r"\b(?:copii|copil\w*|minor\w*)\b.{0,30}\b(?:goi|goale|dezbracat\w*|nud\w*|porno\w*|erotic\w*|"
            r"sexual\w* explicit\w*)|\b(?:porno\w*|erotic\w*|nud\w*)\b.{0,30}\b(?:cu )?(?:copii|minor\w*)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|hexazecimal\w*|binar\w*|morse\w*|invers(?:a|at)?|in ordine inversa|pe dos|"
              r"de la coada la cap|cripteaz\w*|criptat\w*|codific\w*|codat\w*|ascun\w*|deghiz\w*|camufl\w*|"
              r"litere separate|leetspeak)\b",
    "EVADE": r"\b(?:filtr\w*|moderar\w*|moderator\w*|cenzur\w*|detect\w*|sa nu observe|sa nu (?:isi )?dea seama|"
             r"sa nu prinda|nu (?:va )?observa|neobservat\w*|ocol\w*|interzis\w*|blocat\w*|trece de)\b",
}

PHRASES = [
    ("harm", r"\b(?:montez|monteze|instalez|instaleze|pun|pune)\w* (?:un )?skimmer\b|\bclon\w* (?:\w+ )?card\w*\b"),
    ("instruction_override", r"\bmod(?:ul)? (?:de )?(?:dezvoltator|developer|dan|jailbreak|zeu|debug|nelimitat|"
                             r"fara restrictii|fara cenzura|fara filtre)\b"),
    ("instruction_override", r"\b(?:arata\w*|dezvaluie\w*|afiseaz\w*|repeta\w*|spune\w*|scrie\w*|copiaz\w*) "
                             r"(?:\w+ ){0,2}(?:prompt\w* (?:de |al |ul de )?sistem\w*|instructiuni\w* (?:de sistem|"
                             r"ascuns\w*|initial\w*|original\w*))"),
    ("instruction_override", r"\b(?:asculta|ascultati) (?:doar|numai) de mine\b|\b(?:executa|urmeaza|respecta) "
                             r"(?:doar|numai) (?:ordinele|comenzile|instructiunile) mele\b(?! (?:de|despre"
                             r"|privind) )"),
    ("safety_disable", r"\bchiar daca (?:asta |acest lucru )?(?:este |e |ar fi |va fi )?(?:\w+ )?(?:ilegal\w*|"
                       r"periculos\w*|periculoas\w*|daunator\w*|neetic\w*|imoral\w*|interzis\w*)"),
    ("safety_disable", r"\bindiferent (?:daca|de) (?:este |e )?(?:\w+ )?(?:legal\w*|ilegal\w*|etic\w*|lege|"
                       r"consecinte|periculos)"),
    ("harm", r"\bspal\w* bani\b.{0,60}\bfara sa\b|\bfirme ?fantoma\b.{0,60}\bspal\w*|\bspal\w* bani\b.{0,60}"
             r"\bfirme ?fantoma"),
]

# Function words that mark Romanian text (none of them English words): which lexicons scan a text.
MARKERS = ("nu sa si este sunt pentru fara imi iti mai doar acum foarte niciodata intotdeauna vreau poti rog mele "
           "meu asta daca cand sau nimic orice esti")
