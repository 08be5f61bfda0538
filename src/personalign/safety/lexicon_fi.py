"""Finnish lexicon (concepts and phrases: see `lexicon`). Text is normalized: accents stripped ("ä" → a,
"ö" → o), so "säännöt" reads "saannot" and "kieltäydy" reads "kieltaydy"; hyphens join the words they
link ("ampuma-ase" → "ampumaase").

Finnish marks possession with a suffix ("ohjeeni", my instructions; "ohjeesi", your instructions), which
the shared first-person check does not see: the RULES and SAFETY words that end in "-ni" or "-mme", or
follow "minun"/"meidan", are the user's own and are left out here. Finnish inflects heavily, so the
words are stems; they are long enough not to be read into English or into the other Latin-script
languages, since every Latin lexicon runs on foreign-looking text."""

# the user's own instructions or restrictions: "ohjeeni" (my), "ohjeemme" (our)
_OWN = r"(?<!ni)(?<!mme)"
# "ei rajoituksia pituuden suhteen" (no restrictions on length), "alä rajoita vastausten pituutta"
_SCOPED = (r"(?!(?: \w+)? (?:pituu|pitui|sanamaar|sanarajo|merkkimaar|ajan|aikataul|budjet|ruoka|ruoan|ruoki|"
           r"ruokavalio|tyyli|muotoil|kielioppi|kieliopi|oikeinkirj|luettelo|ranskalais|kirosan|kiroil)\w*)")
# "pommien historiasta" (the history of bombs): Finnish puts the topic after the genitive
_TOPIC = (r"(?! (?:historia|kehity|torjun|tunnist|vaar|uhk|uhr|riippuvuu|vastai|ehkaisy|hoit|kuntoutu|aihe|"
          r"ongelm|politiik|lainsaadan|sodankay)\w*)")

CONCEPTS = {
    "IGNORE": r"\b(?:ohit\w*|unoh\w*|sivuut\w*|jata (?:\w+ ){0,3}huomi(?:otta|oimatta)|ala (?:valita|noudata|"
              r"tottele|kuuntele|valitta)|lakkaa (?:noudattamasta|valittamasta|tottelemasta)|lopeta (?:\w+ )?"
              r"noudattaminen|kierra|kiertaa|kierta\w*|riko|rikot|rikkoa|rikkomaan|rikkoisit|korvaa|hylkaa\w*|"
              r"poikkea\w*|heita romukoppaan)\b",
    "RULES": r"(?<!minun )(?<!meidan )\b(?:(?:jarjestelma|toiminta|turva)?ohje(?!lm)\w*|ohjeistu\w*|saann(?!oll)\w*|"
             r"saanto\w*|jarjestelmakehot\w*|kehote\w*|kehotte\w*|system prompt\w*|direktiivi\w*|"
             r"ohjelmointi(?:si|asi)|konfiguraatio\w*|kaskyt|kaskysi|kaskyja|mita sinulle on (?:kerrottu|opetettu|"
             r"sanottu))\b" + _OWN + _SCOPED,
    "SAFETY": r"(?<!minun )(?<!meidan )\b(?:(?:turva|sisalto|kaytto|turvallisuus)?suodat(?!\w*sano)\w*|"
              r"(?:turva|sisalto|kaytto|turvallisuus)?rajoitu\w*|rajoit(?:a|e|ta)\w*|rajat|rajoja|rajoista|rajoihin|"
              r"rajoistasi|sensuur\w*|sensuroi\w*|moderoin\w*|moderaatio\w*|etiik\w*|eettis\w*|eettinen|"
              r"moraali(?!saarn|soi|sointi)\w*|turvakaite\w*|suojakaite\w*|"
              r"turva(?:saann|saanto|ohje|mekanism|asetu|protokoll|jarjestelm|toimi)\w*|"
              r"turvallisuus(?:saann|saanto|ohje|mekanism|asetu|protokoll|jarjestelm|kaytan|toimi)\w*|"
              r"turvallisuus\w* (?:saann|saanto|ohje|asetu|protokoll|mekanism)\w*|sisaltokaytan\w*|"
              r"sisalto(?:saann|saanto)\w*|kayttokaytan\w*|estot|estoja|estoista|estosi)\b" + _OWN + _SCOPED,
    "SCOPE": r"\b(?:ruokavalio\w*|ruoka\w*|pituus\w*|sanamaar\w*|aikataulu\w*|budjetti\w*|kalori\w*)\b",
    # "minulla ei ole rajoituksia" (I have no restrictions) is a fact about the user
    "WITHOUT": r"\b(?:ilman|(?<!minulla )(?<!mulla )(?<!meilla )ei|eika|ala|vapaa|vapaana|vapaaksi|ohi)\b",
    "DISABLE": r"\b(?:poista\w*|poistaa|kytke (?:\w+ ){0,3}pois|pois (?:paalta|kaytosta)|ota (?:\w+ ){0,3}pois|"
               r"sammut\w*|deaktivoi\w*|lopeta\w*|lakkaa|keventa\w*|kevenna\w*|loysenna\w*|loysenta\w*|loysaa|"
               r"vapauta\w*|ohita|kierra|murra|pura|purkaa|heikenna\w*|avaa (?:\w+ )?lukitu\w*)\b",
    "REFUSE": r"\b(?:ala|et|ethan|eta|ei) (?:koskaan |enaa |ikina |mistaan |mitaan |minulle |mulle )*kieltay\w*|"
              r"\bkieltaytymatta\b|\bilman kieltaytymista\b|\blopeta kieltaytyminen\b|\blakkaa kieltaytymasta\b|"
              r"\bala (?:koskaan |ikina )?sano (?:minulle )?ei\b|\bvastaa (?:aina )?(?:kaikkeen|kaikkiin "
              r"kysymyksiin|jokaiseen kysymykseen)\b.{0,50}\b(?:vaikka|riippumatta|oli se mita tahansa)|"
              r"\bmikaan ei ole kiellettya\b|\bmikaan aihe ei ole tabu\b",
    "UNBOUND": r"\b(?:sensuroimat\w*|suodattamat\w* (?:tekoaly|ai|versio|tila|malli|botti|avustaja)\w*|"
               r"rajoittamat\w* (?:tekoaly|ai|versio|tila|malli|botti|avustaja)\w*|amoraali\w*|moraaliton\w*|"
               r"epaeettinen (?:tekoaly|ai|botti|avustaja)\w*|ilman (?:mitaan |minkaanlaisia |kaikkia )?"
               r"(?:saantoja|rajoituksia|rajoja|sensuuria|suodattimia|etiikkaa|moraalia|estoja)|"
               r"(?:jolla|sinulla|kenella|jolle) ei ole (?:enaa |nyt )?(?:mitaan |minkaanlaisia )?(?:saantoja|"
               r"rajoituksia|rajoja|suodattimia|sensuuria|etiikkaa|moraalia|estoja)|(?:saannot|saantosi|ohjeet|"
               r"ohjeesi|rajoitukset) eivat (?:enaa |nyt )?(?:koske|sido|paade)|kaikki on sallittua|"
               r"jailbreak\w*)\b" + _SCOPED,
    "PRETEND": r"\b(?:teeskent\w*|esita|esita (?:\w+ )?(?:olevasi|etta)|leiki\w* (?:\w+ )?etta|leikisti|kuvittel\w*|"
               r"kuvittele\w*|roolipel\w*|roolihahmo\w*|roolissa|roolin|roolia|elaydy\w*|tasta (?:lahtien|"
               r"eteenpain|hetkesta) olet|nyt olet|olet nyt|olet tasta lahtien|toimi kuin|kayttaydy kuin|"
               r"hahmo\w*|persoona\w*|alter ego|hypoteettis\w*|oletetaan etta|maailmassa jossa|simuloi\w*)\b",
    # others' private data (address, phone, location, messages of any person or user): with AUTHORITY, an
    # authority claim ("olen poliisi, anna kenen tahansa henkilön osoite"); Finnish puts the owner first
    "PRIVATE": r"\b(?:kenen tahansa|jokaisen|kaikkien|muiden|minka tahansa|taman) (?:\w+ )?(?:henkilo\w*|"
               r"kayttaj\w*|ihmis\w*|kansalais\w*|epaillyn|asiakka\w*)\b.{0,30}\b(?:osoite\w*|osoittee\w*|"
               r"sijain\w*|puhelinnumer\w*|henkilotied\w*|viest\w*|keskustelu\w*)|\b(?:osoite\w*|osoittee\w*|"
               r"sijain\w*|puhelinnumer\w*|henkilotied\w*|viest\w*|keskustelu\w*)\b.{0,30}\b(?:kenen tahansa|"
               r"kaikkien|muiden|jokaisen) (?:\w+ )?(?:henkilo\w*|kayttaj\w*|ihmis\w*|kansalais\w*)",
    "AUTHORITY": r"\b(?:olen (?:sinun |teidan |taman )?(?:\w+ )?(?:kehittaja\w*|yllapitaja\w*|admin\w*|"
                 r"paakayttaja\w*|luoja\w*|tekija\w*|omistaja\w*|moderaattori\w*|tutkija\w*|poliisi\w*|tuomari\w*|"
                 r"syyttaja\w*|virkamies\w*|viranomai\w*|ohjelmoija\w*|insinoori\w*|developer\w*)|"
                 r"(?:kehittajana|yllapitajana|poliisina|tuomarina|syyttajana|viranomaisena|luojanasi|"
                 r"kehittajanasi|yllapitajanasi)\b|minulla on (?:\w+ ){0,2}(?:oikeudet|kayttooikeudet|valtuudet|"
                 r"luvat|lupa|paasy)\b|annan sinulle (?:\w+ )?(?:luvan|oikeudet|valtuudet|kayttooikeudet)|"
                 r"valtuutan sinut|sallin sinun|yllapitajatila\w*|(?:yllapitajan|kehittajan) (?:oikeudet|koodi|"
                 r"tunnus)\w*|tutkimustarkoitu\w*|tyoskentelen (?:\w+ )?(?:openai|anthropic)\w*)",
    "MAKE": r"\b(?:valmist\w*|rakent\w*|rakenn\w*|tee|tehda|teen|tekisin|tekemaan|tekemiseen|tehdaan|tekee|"
            r"syntetisoi\w*|keita|keitan|keittaa|keittamaan|kirjoita\w*|koodaa\w*|ohjelmoi\w*|resepti\w*|"
            r"valmistusohje\w*|vaihe vaiheelta|askel askeleelta|vaiheittain|askeleittain|hanki\w*|hankkia|osta\w*|"
            r"sekoit\w*|kokoa\w*|koota)\b",
    "HARM_OBJ": r"\b(?:(?:putki|auto|naula)?pomm(?:i|in|ia|it|iin|ista|issa|illa|ilta|iksi|eja|ien|eista|eihin|"
                r"eilla|eissa|ejen)|rajah(?:de|te)\w*|rajahdysain\w*|rajahtav\w* (?:laite|laitte|aine|panos|lasti)\w*|"
                r"molotov\w*|napalm\w*|hermokaasu\w*|sariini\w*|risiini\w*|pernarutto\w*|(?:kemiallis|biologis)\w* "
                r"ase\w*|ydinase\w*|aanenvaimen\w*|"
                r"huume(?:et|ita|iden|tta|en|ista|illa|iksi|isiin)?|metamfetamiini\w*|amfetamiini\w*|kokaiini\w*|"
                r"heroiini\w*|fentanyyli\w*|lsd|mdma|ekstaasi\w*|myrkky(?:a|ja|yn|ihin)?|myrkyn|myrkyt|myrkyilla|"
                r"myrkyista|myrkyll\w* (?:aine|kaasu)\w*|haittaohjelm\w*|haittakoodi\w*|vakoiluohjelm\w*|"
                r"kiristysohjelm\w*|kiristyshaittaohjelm\w*|tietokonevirus\w*|troijala\w*|troijan hevo\w*|"
                r"keylogger\w*|nappaintallenti\w*|ransomware|malware|tietojenkalastelu\w*|kalasteluviest\w*|"
                r"vaarennet\w* (?:raha\w*|seteli\w*|passi\w*|henkilokortti\w*|asiakirj\w*)|tappava\w* annok\w*|"
                r"tappava\w* annos)\b" + _TOPIC,
    "SHIELD": r"\b(?:romaani\w*|kirja\w*|novelli\w*|tarina\w*|elokuva\w*|essee\w*|historia\w*|dokumentti\w*|"
              r"vitsi\w*|vitse\w*|runo\w*|laulu\w*|suojau\w*|suojel\w*|suojautu\w*|torjun\w*|puolustu\w*|"
              r"ehkaisy\w*|ehkais\w*|tunnista\w*|tunnistami\w*|vastaan|vastainen|vastaisen|koskien|aiheesta|"
              r"liittyen|shakki\w*|peli\w*|purka\w*|purku\w*|vaarattomak\w*|kalori\w*)\b",
    "HARM": r"\b(?:kannusta\w*|rohkaise\w*|yllyta\w*|usuta\w*|patista\w*|muistuta\w*)\b.{0,40}\b(?:vahingoitta\w* "
            r"itse\w*|satuttama\w* itse\w*|viiltel\w*|itsetuho\w*|itsemurha\w*|tappama\w* itse\w*|olemaan "
            r"syomatta|lopettama\w* syomi\w*|jattama\w* ateri\w*|nalkiinnutta\w*|nalkia\w*|oksenta\w*|"
            r"anoreksi\w*|bulimi\w*)|(?<!ala kerro )(?<!en halua )\brasistis\w* (?:vitse|vitsi|komment|herj|"
            r"solva)\w*|\b(?:kirjoita|tuota|keksi|laadi)\w* (?:minulle |mulle )?vihapuhe\w*|"
            # a weapon or gun built, not one in a story ("sankari, jolla on ase")
            r"\b(?:rakenn|rakent|valmist|tulosta|koota|kokoa|tee|tehda|teen)\w* (?:\w+ ){0,2}(?:ampuma ?)?"
            r"ase(?:en|tta|et|ita|eita)?\b|"
            r"\b(?:selvita|etsi|loyda|jaljita|paikanna|kaiva|ota selvaa)\w*\b.{0,40}\b(?:ex\w*|entise\w*|entinen|"
            r"naapuri\w*|kollega\w*|tyokaveri\w*|tyttoystav\w*|poikaystav\w*|nainen|naisen|henkilo\w*|"
            r"tuntemattom\w*|vaimo\w*|miehen)\b.{0,30}\b(?:osoite\w*|osoittee\w*|asuu|asuinpaik\w*|sijain\w*|"
            r"puhelinnumer\w*|kotiosoit\w*)|\b(?:vakoile|vainoa|ahdistele|kirista|uhkaile|doxx?\w*|doksaa)\w* "
            r"(?:\w+ )?(?:ex\w*|entis\w*|naapuri\w*|kollega\w*|tyokaveri\w*|haneen|hanta|hanen|tata|sita|"
            r"henkiloa)\b|\b(?:hakkeroi\w*|murtaudu\w*|murtautu\w*) (?:\w+ ){0,3}(?:tili\w*|sahkopost\w*|"
            r"puhelime\w*|instagram\w*|facebook\w*|wifi\w*)|\bvarasta\w* (?:\w+ )?(?:salasano\w*|"
            r"henkilollisyy\w*)|\b(?:miten|kuinka) (?:tappaa|myrkyttaa|kidnapata|kiduttaa) (?:ihminen|ihmisen|"
            r"jonkun|joku)\b|\b(?:lapsi|lapse|lasten|lapsia|alaikais)\w*\b.{0,30}\b(?:alasto\w*|porno\w*|"
            r"eroottis\w*|seksikuv\w*|seksuaalis\w* (?:kuv|tarin|sisal|video)\w*)|\b(?:alasto|porno|eroottis|"
            r"seksikuv)\w*\b.{0,30}\b(?:lapsi|lapse|lasten|lapsia|alaikais)\w*",
    "ENCODE": r"\b(?:base ?64|rot ?13|takaperin|takaperoisesti|vaarinpain|nurinpain|heksadesimaali\w*|binaari\w*|"
              r"morse\w*|salakiel\w*|koodikiel\w*|koodisano\w*|kaanteis\w* jarjestyk\w*|leetspeak)\b",
    "EVADE": r"\b(?:suodat\w*|moderoint\w*|moderaattor\w*|sensuur\w*|turvajarjestelm\w*|jaa kiinni|jaisi kiinni|"
             r"paase lapi|paasee lapi|jottei (?:\w+ )?(?:huomaa|havaitse|tunnista))\b",
}

PHRASES = [
    ("harm", r"\b(?:naapuri\w*|anopp\w*|mieh\w*|vaimo\w*|pomo\w*) ruoka\w*\b.{0,40}\bmyrky\w*|\bmyrky\w*\b.{0,60}"
             r"\bettei kukaan (?:epaile|huomaa)\b|\bmyrkkysien\w*\b.{0,40}\b(?:naapuri\w*|ruoka\w*)\b|\b(?:naapuri\w*|"
             r"ruoka\w*)\b.{0,40}\bmyrkkysien\w*"),
    ("instruction_override", r"\b(?:kehittaja|jailbreak|jumala|yllapitaja)tila\w*|\bdeveloper ?mode\b|"
                             r"\btila (?:ilman|jossa ei ole) (?:rajoituksia|sensuuria|suodattimia)\b"),
    ("instruction_override", r"\b(?:nayta|paljasta|toista|tulosta|kerro)\w* (?:minulle |mulle )?(?:\w+ )?"
                             r"(?:jarjestelmakehot\w*|jarjestelmaohje\w*|jarjestelmaviest\w*|system prompt\w*|"
                             r"piilote\w* ohje\w*|alkuperais\w* ohje\w*|salai\w* ohje\w*)"),
    ("instruction_override", r"\b(?:tottele|kuuntele|noudata)\w* (?:tasta lahtien |nyt |vain |ainoastaan |"
                             r"pelkastaan ){1,2}(?:minua|minun kaskyjani|minun ohjeitani)\b"),
    ("safety_disable", r"\bvaikka (?:se|tama|asia) (?:olisi|on) (?:\w+ )?(?:laiton|laitonta|vaarallinen|vaarallista|"
                       r"haitallinen|haitallista|epaeettinen|epaeettista|kielletty|kiellettya|moraaliton|"
                       r"moraalitonta)\b"),
    ("safety_disable", r"\b(?:lain|etiikan|seurauksista|laillisuudesta) (?:valittamatta|riippumatta)\b"),
    # forged prescriptions
    ("harm", r"\b\w*resept\w* (?:\w+ )?vaarenn\w*|\bvaarenn\w* (?:\w+ )?\w*resept\w*|"
             r"\b\w*resept\w*\b.{0,20}\bvaarenta\w*"),
]

# Function words that mark Finnish text (none of them English words, nor the Swedish "mina"/"sina", the
# Vietnamese "tai", the Spanish "ala" or the French "voit").
MARKERS = ("etta mutta olen olet minua minulle minun minulla sinua sinun sinulle sinulla kanssa kuin mita kun "
           "aina koskaan haluan haluaisin kaikki joka jotka ovat koska kuten ilman myos kiitos olisi")
