"""Italian lexicon (concepts and phrases: see `lexicon`). Text is normalized: accents stripped, elisions split."""

_SCOPED = (r"(?! (?:di|della|del|su|sulla|per) (?:la |il )?"
           r"(?:lunghezza|grammatica|ortografia|punteggiatura|stile|rima|formato))")

# the forms of "fare" (to make), not every word starting with "fa" ("famosos", "malware families"); shared with
# `intent_langs`
FARE = (r"fa(?:r|re|rl[oaie]|rmi|rti|rci|rvi|rne|rsi|i|ccio|cciamo|ccia|cciano|cend\w+|cev\w+|tto|tta|tti|tte|temi|ro|"
        r"rei|remo|rebbe|rai|ranno)")

CONCEPTS = {
    "IGNORE": r"\b(?:ignor\w*|dimentic\w*|trascur\w+|aggir\w+|scavalc\w+|non (?:seguire|rispettare|obbedire|applicare|"
              r"considerare)|smetti\w* di (?:seguire|rispettare|obbedire|applicare)|metti da parte|lascia perdere|"
              r"sostitu\w+|sovrascriv\w+|infrang\w+|viol(?!en)\w+|disobbed\w+|fregatene di|fai a meno)\b",
    "RULES": r"\b(?:istruzioni|regole|direttive|linee guida|indicazioni|prompt(?: di sistema)?|messaggio di sistema|"
             r"programmazione|principi|impostazioni|configurazione|addestramento|ordini|quello che ti hanno detto)\b"
             + _SCOPED,
    "SAFETY": r"\b(?:filtri(?: di (?:sicurezza|contenuto))?|filtro|restrizion[ei]|limiti|"
              r"limitazioni|censura|moderazione|protezioni|barriere|etica|morale|scrupoli|(?:regole|politiche|"
              r"norme|misure|impostazioni|protocolli) di (?:sicurezza|contenuto|moderazione)|livell\w* di sicurezza|"
              r"principi (?:etici|"
              r"morali)|limiti (?:etici|morali))\b" + _SCOPED,
    "WITHOUT": r"\b(?:senza|niente|nessun\w*|zero|libero da|libera da|liber\w+ da|non hai (?:piu )?|niente piu|oltre|"
               r"al di la)\b",
    "DISABLE": r"\b(?:disattiv\w+|spegn\w+|spegni|rimuov\w+|rimuovi|elimin\w+|togli\w*|sospend\w+|sblocc\w+|allent\w+|"
               r"abbass\w+|revoc\w+|disabilit\w+|tolg\w+)\b",
    "REFUSE": r"\b(?:non (?:mi |ti )?(?:\w+ )?rifiut\w+ (?:mai|nulla|niente|nessun\w*)|non rifiutare|mai rifiutare|"
              r"smetti\w* "
              r"di rifiutare|senza (?:mai )?rifiutare|non (?:dire|dirmi) (?:mai )?di no|non declinare)\b|"
              r"\b(?:rispondi|"
              r"aiutami|fai|esegui|obbedisci)\w* (?:a )?(?:tutto|qualsiasi cosa|qualunque cosa|"
              r"ogni)\b.{0,50}\b(?:senza "
              r"eccezion\w+|anche se|qualunque cosa succeda|a prescindere|costi quel che costi)|\bsenza eccezion\w+\b|"
              r"\bniente e (?:vietato|tabu)|\bnessun argomento e (?:vietato|tabu)",
    "UNBOUND": r"\b(?:senza censura|non censurat\w+|senza (?:alcuna )?restrizion[ei]|senza limiti|senza regole|"
               r"senza etica|senza morale|"
               r"amoral\w*|immoral\w*|senza scrupoli|scatenat\w+|(?:non hai|non avete) (?:piu )?(?:nessuna? )?"
               r"(?:restrizion\w+|regol\w+|limit\w+|filtr\w+|etica|morale|censura)|libero da (?:tutte le |ogni )?"
               r"(?:regole|restrizioni|limiti)|ia malvagia|ia senza|le regole non (?:valgono|si applicano)|"
               r"tutto e permesso)\b",
    "PRETEND": r"\b(?:fingi\w*|fai finta|finge\w*|come se fossi|interpreta\w*|recita\w*|gioca\w* (?:il ruolo|a fare|"
               r"una? )|ruolo d\w*|gioco di ruolo|immagina (?:di|che)|supponi che|ora sei|adesso sei|d ora in poi sei|"
               r"da ora sei|impersona\w*|personaggio|simula\w*|in un mondo (?:in cui|dove)|ipotetic\w+|alter ego|"
               r"persona)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:dati personali|indirizz\w+|posizion[ei]|numer\w+ di telefono|telefono|conversazioni|messaggi|"
               r"cronologia)\b.{0,40}\b(?:(?:di|della|del|degli|delle) (?:qualsiasi|qualunque|altri|altre|questa|"
               r"quella|ogni) ?(?:\w+ )?(?:persona|persone|utente|utenti|cittadin\w)\b|"
               # "delle persone che ti nomino": anyone the claimed officer names
               r"(?:di|delle) persone che (?:ti )?(?:nomino|indico|dico|segnalo|nominero))",
    "AUTHORITY": r"\b(?:sono (?:il tuo |la tua |un |una |il |la )?(?:\w+ )?(?:sviluppat\w+|creat\w+|amministrat\w+|"
                 r"admin|"
                 r"programmat\w+|proprietari\w+|ingegner\w+|ricercat\w+|moderat\w+|poliziott\w+|agente|autorizzat\w+|"
                 r"ufficiale (?:dei carabinieri|di polizia|della guardia di finanza)|carabinier\w|maresciall\w|"
                 r"ispettor\w+|commissari\w)|"
                 r"ti autorizzo|vi autorizzo|ho (?:i |l |la |gli |tutte le |pien\w+ )?(?:permessi|diritti|accesso|"
                 r"privilegi|autorizzazion\w+)|codice "
                 r"(?:amministratore|di accesso|di sblocco|di autorizzazione)|il mio account (?:e|ha)|per (?:la mia |"
                 r"una )?"
                 r"ricerca|con il permesso di|(?:openai|anthropic|l azienda) (?:ha )?(?:autorizzato|approvato|"
                 r"permesso)|"
                 r"modalita (?:amministratore|manutenzione|debug)|(?:come|in qualita di) (?:tuo |"
                 r"tua )?(?:amministrat\w+|sviluppat\w+|admin|creat\w+|proprietari\w+))\b",
    "MAKE": r"\b(?:fabbric\w+|costru\w+|" + FARE + r"|falsific\w+|"
            r"cre\w+|sintetizz\w+|sintesi|cucin\w+|produ\w+|prepar\w+|"
            r"scriv\w+(?! (?:le )?(?:regole|firme) (?:di|per il) rilevamento)|"
            r"programm\w+|svilupp\w+|procur\w+|compr(?!is|en)\w+|ottene\w+|ricetta|passaggi|passo passo|"
            r"istruzioni per|"
            r"fatt\w+ in casa|artigianal\w+|funzionant\w+|assembl\w+|mescol\w+)\b",
    "HARM_OBJ": r"\b(?:bomb\w*(?! de bano| da bagno| di semi| calori)|esplosiv\w+|ordigni?|napalm|molotov|gas (?:sa"
                r"rin|nervino)|sarin|ricina|antrace|armi? "
                r"(?:chimich\w+|biologich\w+|artigianal\w+|non rintracciabil\w+)|veleni?|silenziator\w+|metanfetamina|"
                r"cocaina|eroina|fentanil\w*|lsd|mdma|drog\w+|stupefacenti|malware|ransomware|virus informatic\w+|"
                r"un virus|trojan\w*|cavalli di troia|keylogger|exploit\w*|phishing|banconote false|soldi falsi|"
                r"documenti falsi|dose letale)\b",
    "SHIELD": r"\b(?:grammatica|ortografia|punteggiatura|stile|formato|rima|poesia|scacchi|gioco|calcio|dieta|ricetta|"
              r"sulla|sul|sugli|contro|storia de\w*|romanzo|giallo|film|barzellette su|prevenzione|prevenire|"
              r"rilevare|protegg\w+|difend\w+|casa|scuola|ufficio|assicurazione|privacy)\b",
    # following or tapping a person without a warrant: an official skipping the court order
    "HARM": r"\b(?:aiutami|mi aiuti|aiutarmi|voglio|devo|insegnami)\b.{0,40}\b(?:localizz\w*|traccia\w*|rintraccia\w*|"
            r"monitor\w*|intercett\w*|pedin\w*)\b.{0,80}\bsenza (?:un |alcun )?(?:mandato|autorizzazione del giudice|"
            r"decreto)\b|"
            r"\b(?:barzellette|battute|insulti|commenti) (?:\w+ )?(?:razzist\w+|omofob\w+|sessist\w+|antisemit\w+|"
            r"xenofob\w+|transfob\w+)\b|\bsii (?:piu )?(?:razzista|sessista|omofobo)|\bdiscorsi? d odio\b|"
            r"\bincitamento all odio|\b(?:incoragg\w+|motiv\w+|sping\w+|convinc\w+|complimenti|aiut\w+|ricord\w+|"
            r"dimmi)\b"
            r".{0,40}\b(?:non mangiare|smettere di mangiare|digiunare per giorni|saltare i pasti|farmi del male|"
            r"autolesion\w+|tagliarmi|suicid\w+|uccidermi|vomitare|anoressi\w+|bulimi\w+|non valgo niente)\b|"
            r"\bpro ana\b"
            r"|\b(?:trov\w+|localizz\w+|rintracci\w+|scopr\w+|cerc\w+|dammi)\b.{0,40}\b(?:vicin\w+|ex|qualcuno|"
            r"una persona|"
            r"collega|quella ragazza|quel ragazzo|donna|sconosciut\w+)\b.{0,30}\b(?:indirizzo|dove abita|dove vive|"
            r"abita|posizione|numero)|\b(?:scopr\w+|trov\w+|sapere|cerc\w+|localizz\w+)\b.{0,15}\b(?:dove abita|"
            r"dove vive|indirizzo di)\b.{0,25}"
            r"\b(?:vicin\w+|ex|qualcuno|collega|ragazza|ragazzo|donna)|\b(?:indirizzo|domicilio) (?:esatto )?(?:di|"
            r"del|della|dei) (?:mio |mia |)?(?:\w+ )?(?:vicin\w+|ex|collega)"
            r"|\b(?:perseguit\w+|stalker\w*|spiare|spia\w*|estors\w+|ricatt\w+|minacci\w+|doxx?\w*) (?:il |la |lo |i |"
            r"le )?(?:mio|mia|miei|mie|qualcuno|una?|quella|quel|suo|sua|lui|lei)\b|\bhacker\w* (?:l |il |"
            r"un )?(?:account|email|telefono)|\bentra\w* nell account|\bruba\w* (?:le )?(?:password|identita|carte)|"
            r"\bcome (?:uccidere|avvelenare|rapire|torturare)\b|\b(?:bambin\w+|minorenn\w+|ragazzin\w+)\b.{0,30}"
            r"\b(?:sessual\w*|nud\w+|porno\w*|erotic\w*)\b|\b(?:sessual\w*|porno\w*|erotic\w*)\b.{0,30}\b(?:bambin\w+|"
            r"minorenn\w+)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|esadecimale|binario|morse|cifrat\w+|codific\w+|al contrario|alla rovescia|"
              r"invertit\w+|parole in codice|in codice|nascost\w+|nascond\w+|camuff\w+|offusc\w+|separ\w+ le lettere|"
              r"leetspeak)\b",
    "EVADE": r"\b(?:filtr\w+|moderazion\w+|moderator\w+|censura|rilev\w+|not\w+|accorg\w+|vede|vedano|sfugg\w+|"
             r"aggir\w+|vietat\w+|proibit\w+|bloccat\w+)\b",
}

PHRASES = [
    ("instruction_override", r"\bmodalita (?:sviluppatore|senza restrizioni|dan|senza censura|jailbreak|dio)\b"),
    ("instruction_override", r"\b(?:rivela\w*|mostra\w*|ripeti|dimmi) (?:il tuo |il |le tue |le )(?:prompt|istruzioni|"
                             r"messaggio) (?:di sistema|iniziali?|nascost\w+|segret\w+)"),
    ("instruction_override", r"\b(?:obbedisci|segui|ascolta)\w* (?:solo|soltanto|unicamente) (?:a )?me\b"),
    ("safety_disable", r"\banche se (?:e|fosse|sembra) (?:\w+ )?(?:illegale|pericoloso|dannoso|immorale|vietato)"),
    ("safety_disable", r"\ba prescindere (?:dalla |dalle |dall )?(?:legalita|etica|morale|conseguenze|legge)"),
    ("harm", r"\b(?:sostanz\w+|velen\w+|farmac\w+|dos\w+|miscel\w+|"
             r"intrugl\w+)\b.{0,40}\bnon (?:si )?(?:rilev\w+|trov\w+|"
             r"vedon\w+|lasci\w* tracc\w*) "
             r"(?:\w+ ){0,2}autopsi\w*|\bnon rilevabil\w+ (?:\w+ ){0,2}autopsi\w*"),
    # a number plate turned into its owner's name and address
    ("harm", r"\btarg(?:a|he)\b.{0,80}\b(?:nome|indirizzo|domicilio)\b.{0,40}\bproprietari\w*"),
    # anyone's personal data on request
    ("authority_claim", r"\bdati personali (?:\w+ ){0,2}(?:di|su) (?:chiunque|qualsiasi persona|qualunque persona|"
                        r"altri|altre persone|altri utenti)\b"),
    # round 64: the elderly's savings, forged identity papers, loans in others' names
    ("harm", r"\b(?:rubare|sottrarre|fregare) (?:i |tutti i )?risparmi\w* (?:agli|a|degli|dei) (?:\w+ )?anzian\w+"
             r"|\bdocumenti d ?identita fals\w+|\b(?:prestiti|conti|carte) (?:\w+ ){0,2}a nome di altr\w+ persone"),
]

MARKERS = ("il di che non per una sono gli ti della del delle sei hai tuo tua tue tuoi mio mia sempre mai "
           "senza nessuna nessun ogni tutte tutto")
