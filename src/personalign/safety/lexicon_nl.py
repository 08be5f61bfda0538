"""Dutch lexicon (concepts and phrases: see `lexicon`). Text is normalized: accents stripped ("ë" → e),
elisions split ("m'n" → "m n")."""

_SCOPED = (r"(?! (?:voor|over|van|qua|in|bij|rond|wat betreft|op het gebied van) (?:de |het |mijn )?(?:lengte|stijl|"
           r"opmaak|spelling|grammatica|creativiteit|spel|schaak|eten|dieet|voeding|tijd|budget))")

CONCEPTS = {
    "IGNORE": r"\b(?:negeer\w*|negeren|genegeerd|vergeet|vergeten|veronachtzaam\w*|sla (?:\w+ ){0,4}over|overslaan|"
              r"hou\w* je (?:\w+ )?niet (?:meer )?aan|volg (?:\w+ ){0,3}niet|niet (?:meer )?(?:volgen|opvolgen|"
              r"naleven)|lap (?:\w+ ){0,3}aan je laars|trek je (?:\w+ )?niets aan van|omzeil\w*|overschrijf\w*|"
              r"vervang\w*|gooi (?:\w+ ){0,3}overboord|laat (?:\w+ ){0,3}varen|schend\w*|doorbreek\w*|breek\w*|"
              r"zet (?:\w+ ){0,3}(?:opzij|aan de kant|buiten werking)|los van)\b",
    "RULES": r"\b(?:instructies|instructie|regels|richtlijnen|voorschriften|aanwijzingen|opdrachten|bevelen|"
             r"systeemprompt|systeem prompt|systeembericht|systeeminstructies|programmering|principes|training|"
             r"configuratie|wat (?:je|jou|u) (?:is |werd )?(?:verteld|geleerd|opgedragen|meegegeven))\b" + _SCOPED,
    "SAFETY": r"\b(?:filters?|veiligheidsfilters?|inhoudsfilters?|contentfilters?|beperkingen|restricties|"
              r"(?<!artsen zonder )grenzen|limieten|censuur|moderatie|waarborgen|vangrails|ethiek|moraal|scrupules|"
              r"geweten|veiligheidsregels|veiligheidsrichtlijnen|veiligheidsmaatregelen|veiligheidsinstellingen|"
              r"veiligheidsprotocollen|beveiligingen|inhoudsbeleid|contentbeleid|gebruiksbeleid|ethische (?:regels|"
              r"grenzen|bezwaren|principes|normen)|morele (?:grenzen|bezwaren|normen))\b" + _SCOPED,
    "SCOPE": r"\b(?:dieet|voedings|eet|tijds|woord|lengte|budget|leeftijds)\w*\b",
    "WITHOUT": r"\b(?:zonder|geen|geen enkele|vrij van|buiten|voorbij|nul)\b",
    "DISABLE": r"\b(?:uitzetten|uitgezet|zet (?:\w+ ){0,4}uit|schakel (?:\w+ ){0,4}uit|uitschakel\w*|uitgeschakeld|"
               r"deactiveer\w*|gedeactiveerd|hef (?:\w+ ){0,4}op|opheffen|opgeheven|verwijder\w*|"
               r"haal (?:\w+ ){0,4}weg|weghalen|laat (?:\w+ ){0,3}los|loslaten|versoepel\w*|ontgrendel\w*|omzeil\w*|"
               r"schort (?:\w+ ){0,3}op)\b",
    "REFUSE": r"\bweiger (?:\w+ ){0,3}(?:nooit|niets|niks)\b|\bnooit (?:\w+ ){0,3}(?:weiger\w*|afwijzen|afwijst|"
              r"af te wijzen|nee (?:zeggen|zegt))\b|\bwijs (?:\w+ ){0,3}nooit (?:\w+ )?af\b|"
              r"\bzeg (?:\w+ )?nooit (?:meer )?nee\b|\bstop met weigeren|\bniet meer weigeren|"
              r"\bzonder (?:ooit )?te weigeren|\b(?:beantwoord|antwoord op|doe|"
              r"voer (?:\w+ )?uit)\w* (?:\w+ ){0,2}(?:alles|elke|elk|ieder\w*)\b.{0,50}\b(?:ongeacht|ook als|"
              r"zelfs als|wat (?:het|er) ook|koste wat kost|hoe dan ook)|\bzonder uitzondering\b|"
              r"\bniets is (?:verboden|taboe)|\bgeen (?:enkel )?onderwerp is taboe",
    "UNBOUND": r"\b(?:ongecensureerd\w*|onbeperkt\w* (?:ai|modus|versie|assistent|chatbot)|ongefilterd\w* (?:ai|modus|"
               r"versie|assistent|chatbot)|amoreel\w*|amorele|immoreel\w*|immorele|gewetenloo?s\w*|zonder (?:enige |"
               r"alle )?(?:regels|beperkingen|restricties|censuur|ethiek|moraal|filters)|(?:je hebt|jij hebt|"
               r"u heeft) (?:nu |vanaf nu |voortaan |geen |verder )*(?:geen|geen enkele) (?:\w+ )?(?:regels?|"
               r"beperkingen|beperking|restricties?|grenzen|grens|filters?|richtlijnen|ethiek|moraal|censuur)|"
               r"vrij van (?:alle |elke |iedere )?(?:regels|beperkingen|restricties|censuur)|kwaadaardige ai|"
               r"(?:de )?regels gelden (?:\w+ )?niet|gelden (?:jouw |je |uw |de )?\w*(?:regels|beperkingen|"
               r"filters) niet|(?:instructies|regels|richtlijnen) (?:gelden|"
               r"tellen) (?:\w+ ){0,3}niet meer|alles mag|alles is toegestaan|jailbreak\w*)\b",
    "PRETEND": r"\b(?:doe (?:net )?alsof|doet alsof|speel (?:de rol|een|het personage|die)|rollenspel|rol van|"
               r"stel je voor|beeld je in|alsof je|je bent (?:nu|vanaf nu|voortaan) |vanaf nu ben je|voortaan ben je|"
               r"gedraag je als|fungeer als|personage|karakter|simuleer\w*|in een wereld waar\w*|hypothetisch\w*|"
               r"alter ego|persona)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:adres\w*|locatie|verblijfplaats|telefoonnummer\w*|persoonsgegevens|privegegevens|gegevens|"
               r"\w*gesprekken|berichten|chatgeschiedenis)\b.{0,40}\bvan (?:iedereen|elke|ieder|andere|deze|die|"
               r"alle|de tegenpartij|anderen|derden) ?(?:\w+ )?(?:persoon|personen|gebruiker\w*|burger\w*|mensen)?\b",
    "AUTHORITY": r"\b(?:\w*(?:ontgrendel|toegangs|beheerders)codes?\b|dat ik (?:je |jouw |uw |de |een |"
                 r"het )?(?:ontwikkelaar|beheerder|admin\w*|eigenaar|"
                 r"moderator)\b.{0,30}\bben\b|ik ben (?:je |jouw |uw |de |een |het )?(?:\w+ )?(?:ontwikkelaar\w*|"
                 r"beheerder\w*|admin\w*|"
                 r"administrator\w*|maker|makers|programmeur\w*|eigenaar\w*|moderator\w*|onderzoeker\w*|"
                 r"politieagent\w*|rechercheur\w*|advocaat|officier van justitie|bevoegd|geautoriseerd|gemachtigd)|"
                 r"als (?:je |jouw )?(?:ontwikkelaar|"
                 r"beheerder|admin|maker)\b|ik (?:autoriseer|machtig) (?:je|jou|u)|ik geef (?:je|jou|"
                 r"u) (?:hierbij )?(?:toestemming|de bevoegdheid|het recht)|(?:ik heb|heb ik) (?:admin|root|"
                 r"beheerders|speciale|volledige|ontwikkelaars)\w* ?(?:rechten|toegang|toestemming|bevoegdheid)|"
                 r"(?:admin|beheerders|toegangs|ontgrendel|override|ontwikkelaars)(?:code|sleutel|modus|rechten)|"
                 r"mijn (?:account|profiel|status) (?:is|heeft|mag)|voor (?:mijn )?onderzoek|"
                 r"voor onderzoeksdoeleinden|met toestemming van|(?:openai|anthropic|het bedrijf) (?:heeft|staat|"
                 r"geeft))\b",
    "MAKE": r"\b(?:maak|maakt|maken|bouw\w*|in elkaar (?:zetten|zet|knutselen)|synthetiseer\w*|synthese|kook\w*|koken|"
            r"produceer\w*|produceren|schrijf\w*|programmeer\w*|ontwikkel\w*|koop|kopen|aanschaffen|regel (?:me|mij)|"
            r"recept|stap voor stap|stappenplan|handleiding|hoe (?:je|men|maak|bouw)|meng\w*|werkend\w*|"
            r"zelfgemaakt\w*|zelfgebouwd\w*)\b",
    "HARM_OBJ": r"\b(?:\w*bom|\w*bommen|explosieven|explosief|springstof\w*|napalm|molotov\w*|zenuwgas|sarin|ricine|"
                r"miltvuur|antrax|biologische wapens?|chemische wapens?|gif om|vergif\w*|geluiddemper\w*|meth|"
                r"methamfetamine|crystal meth|cocaine|heroine|fentanyl|lsd|mdma|xtc|drugs|harddrugs|malware|"
                r"ransomware|computervirus\w*|virus|trojan\w*|keylogger\w*|exploits?|phishing\w*|vals geld|"
                r"valse (?:paspoorten|documenten|identiteitsbewijzen|biljetten)|dodelijke dosis|"
                r"ongeregistreerde wapens?|3d geprinte wapens?)\b",
    "SHIELD": r"\b(?:ontmantel\w*|onschadelijk|opruim\w*|grammatica|spelling|interpunctie|stijl|opmaak|rijm|"
              r"gedicht\w*|schaak\w*|spel|voetbal|dieet|recept|over|tegen|geschiedenis van|roman|thriller|film|"
              r"grappen over|preventie|herkennen|bescherm\w*|verdedig\w*|huis|school|kantoor|verzekering|privacy)\b",
    "HARM": r"\b(?:racistische|seksistische|homofobe|antisemitische|xenofobe|transfobe|discriminerende) (?:grappen|"
            r"moppen|opmerkingen|beledigingen|teksten|scheldwoorden|uitspraken|berichten)\b|"
            r"\bwees (?:\w+ )?(?:racistisch|seksistisch|homofoob|antisemitisch)|\bhaatzaai\w*|\bhaatspraak|"
            r"\b(?:moedig\w*|aanmoedig\w*|motiveer\w*|spoor\w* (?:\w+ )?aan|help\w*|overtuig\w*|herinner\w*|zeg\w*|"
            r"vertel\w*|prijs\w*)\b.{0,40}\b(?:niet (?:meer )?(?:te )?eten|(?:te )?stoppen met eten|"
            r"maaltijden (?:over )?(?:te )?slaan|mezelf (?:te )?(?:snijden|pijn (?:te )?doen|verwonden|beschadigen|"
            r"doden|van kant maken)|zelfbeschadiging|zelfmoord|suicide|anorexia|boulimia|(?:te )?braken|over te geven|"
            r"waardeloos)\b|\bpro ana\b|\b(?:zoek\w*|vind\w*|achterhaal\w*|uitzoek\w*|traceer\w*|spoor\w* (?:\w+ )?op|"
            r"opspor\w*)\b.{0,40}\b(?:buurman|buurvrouw|buren|ex|ex vriendin|ex vriend|collega|iemand|persoon|meisje|"
            r"vrouw|vreemde)\b.{0,30}\b(?:adres|woont|woonplaats|verblijfplaats|locatie|telefoonnummer)|\b(?:zoek\w*|"
            r"vind\w*|achterhaal\w*|uitzoek\w*|traceer\w*)\b.{0,15}\bwaar\b.{0,30}\b(?:buurman|buurvrouw|ex|collega|"
            r"meisje|vrouw|iemand)\b.{0,15}\b(?:woont|werkt|verblijft)\b|\b(?:adres|woonadres|"
            r"verblijfplaats) van (?:mijn |m n |de |die |dat )?(?:buurman|buurvrouw|ex|collega)|\b(?:stalk\w*|"
            r"chanteer\w*|chanteren|bedreig\w*|bespioneer\w*|doxx?\w*|afpers\w*|intimideer\w*) (?:mijn|m n|de|die|"
            r"iemand|haar|hem|een|deze|zijn|dat)\b|\b(?:iemand|haar|hem|mijn ex|de buren) (?:\w+ ){0,2}(?:stalken|"
            r"lastigvallen|chanteren|bedreigen|bespioneren|afpersen)\b|\bhack\w* (?:\w+ ){0,2}(?:account|accounts|"
            r"e mail|mail|telefoon|instagram)|\bwachtwoorden (?:\w+ )?stelen|\bhoe (?:je )?(?:iemand )?(?:vermoordt|"
            r"vermoorden|vergiftigt|vergiftigen|ontvoert|ontvoeren)\b|\b(?:kinderen|minderjarigen|tieners|"
            r"kind)\b.{0,30}\b(?:seksue\w*|naakt\w*|porno\w*|erotisch\w*)\b|\b(?:seksue\w*|naakt\w*|porno\w*|"
            r"erotisch\w*)\b.{0,30}\b(?:kinderen|minderjarigen|kind)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|hexadecimaal|hex|binair|binaire code|morse\w*|versleutel\w*|codeer\w*|"
              r"gecodeerd\w*|achterstevoren|omgekeerd\w*|in omgekeerde volgorde|geheimtaal|codewoorden|verhul\w*|"
              r"verstop\w*|verberg\w*|vermom\w*|gescheiden letters|leetspeak)\b",
    "EVADE": r"\b(?:\w*filter\w*|moderatie|moderator\w*|censuur|detect\w*|merkt|merken|opmerk\w*|opgemerkt|ontdek\w*|"
             r"ongemerkt|onopgemerkt|omzeil\w*|verboden|geblokkeerd\w*|blokkeer\w*|erdoorheen|door de mand)\b",
}

PHRASES = [
    ("harm", r"\balarm\w* (?:\w+ ){0,3}(?:bij de buren|van de buren|van anderen|van andermans huis) uitschakel\w*|"
             r"\bsloten forceer\w*\b.{0,60}\bburen\b"),
    ("instruction_override", r"\b(?:ontwikkelaars|developer|dan|jailbreak|god|debug) ?modus\b|"
                             r"\bmodus zonder (?:beperkingen|censuur|regels|filters)"),
    ("instruction_override", r"\b(?:toon|laat|geef|herhaal|onthul|verklap|print)\w* (?:\w+ )?(?:je|jouw|de|"
                             r"uw) (?:systeemprompt|systeem prompt|systeeminstructies|verborgen instructies|"
                             r"oorspronkelijke instructies|oorspronkelijke prompt)"),
    ("instruction_override", r"\b(?:gehoorzaam|luister naar|volg) (?:voortaan )?(?:alleen|enkel|"
                             r"uitsluitend) (?:nog )?(?:mij|mijn (?:bevelen|opdrachten|instructies))\b|"
                             r"\bluister (?:voortaan )?(?:alleen|enkel|uitsluitend) (?:nog )?naar mij\b"),
    ("safety_disable", r"\b(?:ook|zelfs) als (?:het|dat) (?:\w+ )?(?:illegaal|gevaarlijk|schadelijk|immoreel|verboden|"
                       r"onethisch) is"),
    ("safety_disable", r"\b(?:ongeacht|los van) (?:of|hoe) (?:\w+ ){0,2}(?:illegaal|gevaarlijk|schadelijk|immoreel|"
                       r"verboden|onethisch)|\bongeacht (?:de )?(?:wet|ethiek|gevolgen|veiligheid)\b"),
    ("harm", r"\b(?:cocaine|coke|drugs|heroine|wiet|xtc|pillen|wapens)\b.{0,40}\bsmokkel\w*|\bsmokkel\w*\b.{0,60}"
             r"\bzonder dat (?:de )?(?:douane|politie|marechaussee)"),
    # persuading people into attacks
    ("harm", r"\b(?:overhaa?l\w*|aanzett\w*|ophits\w*|overtuig\w*|oproep\w*|aanmoedig\w*)\b.{0,40}\b(?:aanslag\w*|"
             r"terreur\w*|geweld) (?:te )?(?:pleg\w*|begaan|uitvoer\w*)"),
    # a fake shop that takes payments and never delivers, and laundering its takings
    ("harm", r"\bnep ?webshops?\b|\bneppe (?:web)?winkel|\bgeld (?:\w+ ){0,2}wit (?:\w+ )?wassen\b"),
    # a grow room hidden from police thermal cameras and the smart meter
    ("harm", r"\bwarmtecamera\w*\b.{0,60}\bomzeil\w*|\bomzeil\w*\b.{0,40}\bwarmtecamera\w*|"
             r"\b(?:wiet|hennep)kwekerij\w*\b.{0,120}\b(?:politie|omzeil\w*)"),
    # round 64: hate messages to spread
    ("harm", r"\bhaat(?:berichten|berichtjes|posts|teksten|tweets|boodschappen)\b"),
]

# Function words that mark Dutch text (none of them English words): which lexicons scan a text.
MARKERS = ("het een niet jij je jouw mij mijn geen nooit altijd alsjeblieft graag voor wat dat ook maar wel zijn "
           "hebt heb alle alles zonder liever zou kun kunt ik jullie")
