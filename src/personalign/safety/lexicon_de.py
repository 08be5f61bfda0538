"""German lexicon (concepts and phrases: see `lexicon`). Text is normalized: umlauts lose their dots, ß → ss."""

_SCOPED = (r"(?! (?:fur|zur|zum|uber|bei) (?:die |den |der )?"
           r"(?:lange|stil|format|kreativitat|rechtschreibung|grammatik))")

CONCEPTS = {
    "IGNORE": r"\b(?:ignorier\w*|vergiss|vergessen|vergesst|missacht\w+|umgeh\w*|uberges?ch\w+|hinweg|"
              r"setz\w* (?:\w+ )?(?:ausser kraft|uber)|halte? dich nicht (?:mehr )?an|befolge? (?:\w+ )?(?:nicht|"
              r"keine)|nicht mehr (?:befolgen|beachten|folgen)|beachte? (?:\w+ )?(?:nicht|keine)|verwirf|verwerfen|"
              r"uberschreib\w*|ersetz\w*|brich|brechen|los von|hinter dir|stehen (?:\w+ ){0,2}unter meinen|"
              r"(?:gelten|gilt) (?:sie |es |die )?(?:einfach )?nicht mehr)\b",
    "RULES": r"\b(?:anweisungen|anweisung|regeln|richtlinien|vorgaben|instruktionen|befehle|systemprompt|"
             r"system prompt|systemnachricht|programmierung|prinzipien|grundsatze|training|konfiguration|"
             r"was (?:man )?dir (?:gesagt|beigebracht) wurde|bisherigen vorgaben)\b" + _SCOPED,
    "SAFETY": r"\b(?:\w*filter|(?:inhalts|sicherheits|nutzungs|content|jugendschutz)?"
              r"(?:einschrankung|beschrankung)(?:en)?|grenzen|zensur|moderation|schutzmassnahmen|"
              r"schutzmechanismen|leitplanken|ethik|moral|skrupel|gewissen|sicherheitsrichtlinien|sicherheitsregeln|"
              r"sicherheitsvorkehrungen|sicherheitseinstellungen|sicherheitsfunktionen|inhaltsrichtlinien|"
              r"nutzungsrichtlinien|ethische[nr]? (?:grundsatze|regeln|grenzen|bedenken)|moralische[nr]? (?:bedenken|"
              r"grenzen))\b"
              + _SCOPED,
    "WITHOUT": r"\b(?:ohne|keine|keinerlei|kein|frei von|null|nicht mehr an|jenseits|ausserhalb)\b",
    "DISABLE": r"\b(?:deaktivier\w*|abschalt\w*|schalt\w* (?:\w+ ){0,4}ab|schalt\w* (?:\w+ ){0,4}aus|ausschalt\w*|"
               r"\w*abgeschaltet|ausgeschaltet|aufheb\w*|heb\w* (?:\w+ ){0,4}auf|lockern|lockere|entfern\w*|"
               r"abbau\w*|aussetz\w*|setz\w* (?:\w+ ){0,4}aus|freischalt\w*|umgehen)\b",
    "REFUSE": r"\b(?:nie|niemals|nie wieder|keine) (?:\w+ ){0,3}(?:ablehn\w*|verweiger\w*)\b|\b(?:verweiger\w*|"
              r"lehn\w*) (?:\w+ ){0,3}(?:niemals|nie|nichts|keine|keinen|mehr ab)\b|\b(?:niemals|nie|nichts) "
              r"(?:\w+ ){0,2}(?:verweigern|ablehnen|abzulehnen)\b|\blehne? (?:\w+ ){0,3}(?:keine|keinen|nichts|"
              r"nie)\w* "
              r"(?:\w+ ){0,3}ab\b|\b(?:beantworte|antworte auf|erfull\w*|befolge) (?:\w+ ){0,2}(?:alles|jede|jeden|"
              r"jegliche)\b.{0,50}\b(?:egal|ohne ausnahme|auch wenn|selbst wenn|um jeden preis)|\bohne ausnahme\b|"
              r"\bnichts ist (?:verboten|tabu)|\bkein thema ist tabu|\bsag (?:\w+ )?nie nein",
    "UNBOUND": r"\b(?:unzensiert\w*|uneingeschrankt\w*|ungefiltert\w* (?:ki|modus|version|assistent)|amoralisch\w*|"
               r"unmoralisch\w*|skrupellos\w*|ohne (?:jegliche )?(?:regeln|grenzen|einschrankungen|zensur|ethik|"
               r"moral)|"
               r"(?:du hast|sie haben) (?:jetzt |ab jetzt |nun )?(?:keine|keinerlei) (?:\w+ )?(?:regeln|"
               r"einschrankungen|"
               r"beschrankungen|grenzen|filter|richtlinien|ethik|moral|zensur)|frei von (?:allen |jeglichen )?"
               r"(?:regeln|grenzen|einschrankungen)|bose ki|regeln gelten (?:\w+ )?nicht|(?:\w*anweisungen|regeln|"
               r"richtlinien|vorgaben) (?:zahlen|gelten) (?:\w+ ){0,3}nicht mehr)\b",
    "PRETEND": r"\b(?:tu so als|tue so als|tun sie so als|so tun als|gib dich als|spiel\w* (?:die rolle|eine? |den |"
               r"die )|rolle (?:als|des|der|einer?)|rollenspiel|stell dir vor|stellen sie sich vor|als ob du|"
               r"du bist (?:jetzt|ab jetzt|nun) |ab jetzt bist du|verhalte? dich wie|agiere als|figur|charakter|"
               r"simulier\w*|in einer welt|hypothetisch\w*|alter ego|persona)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:adressen?|wohnort|wohnadresse|standort|aufenthaltsort|telefonnummer\w*|personliche\w* daten|"
               r"daten|chats?|nachrichten|verlauf)\b.{0,40}\b(?:von|jeder|jedes|jedem|anderer|anderen|dieser|dieses|"
               r"beliebiger|beliebigen) (?:\w+ )?(?:person\w*|nutzer\w*|benutzer\w*|user\w*|burger\w*|verdachtig\w*|"
               r"menschen|leute\w*)",
    "AUTHORITY": r"\b(?:ich bin (?:dein |deine |ihr |der |die |ein |eine )?(?:\w+ )?(?:entwickler\w*|administrator\w*|"
                 r"admin|schopfer\w*|programmierer\w*|betreiber\w*|besitzer\w*|moderator\w*|forscher\w*|polizist\w*|"
                 r"ermittler\w*|polizeibeamt\w*|kriminalbeamt\w*|staatsanwalt\w*|richter\w*|berechtigt|autorisiert)|"
                 r"ich (?:autorisiere|erlaube|berechtige|ermachtige) dich|"
                 r"ich habe (?:admin|root|sonder|volle?|die)\w* ?(?:rechte|berechtigung\w*|freigabe|zugriff)|"
                 r"(?:admin|zugangs|freigabe|override|entwickler)(?:code|schlussel|modus|rechte|zugang)|"
                 r"mein (?:konto|account|status) (?:ist|hat|erlaubt)|zu forschungszwecken|fur (?:meine )?forschung|"
                 r"mit (?:genehmigung|erlaubnis) (?:von|der|des)|(?:openai|anthropic|die firma) (?:hat|erlaubt))\b",
    "MAKE": r"\b(?:herstell\w*|stell\w* (?:\w+ ){0,4}her|bau\w*|baue|basteln|bastle|mach\w*|synthetisier\w*|synthese|"
            r"koch\w*|produzier\w*|schreib\w*|programmier\w*|entwickel\w*|entwickle|besorg\w*|kauf\w*|beschaff\w*|"
            r"anleitung|rezept|schritt fur schritt|bauplan|mischen|funktionierend\w*|selbstgemacht\w*|"
            r"selbstgebaut\w*)\b",
    "HARM_OBJ": r"\b(?:\w*bomben?|sprengstoff\w*|sprengsatz\w*|sprengkorper\w*|napalm|molotow\w*|nervengas|sarin|"
                r"rizin|anthrax|milzbrand|biowaffen?|chemiewaffen?|chemische waffen|gift (?:fur|gegen)|\w*gifte? das|"
                r"schalldampfer|meth|methamphetamin|crystal|kokain|heroin|fentanyl|lsd|mdma|drogen|rauschgift|"
                r"schadsoftware|malware|ransomware|computervirus|viren|trojaner|keylogger|exploits?|phishing\w*|"
                r"falschgeld|gefalschte (?:ausweise|dokumente)|todliche dosis|ungeregistrierte waffen?)\b",
    "SHIELD": r"\b(?:grammatik|rechtschreibung|zeichensetzung|stil|format|reim|gedicht\w*|schach|spiel|fussball|diat|"
              r"rezept|uber|gegen|geschichte der|roman|krimi|film|witze uber|pravention|erkennen|schutz|schutzen|"
              r"verteidig\w+|haus|schul|buro|versicherung|datenschutz)\b",
    # following or tapping a person without a warrant (an official skipping the court order); "wie man anderen
    # schadet" (how to hurt others)
    "HARM": r"\b(?:hilf mir|hilfst mir|ich (?:will|mochte|muss)|zeig mir|lass mich)\b.{0,40}\b(?:orte\w*|verfolg\w*|"
            r"uberwach\w*|abhor\w*|trackin\w*|track\w*)\b.{0,80}\bohne (?:\w+ )?(?:richterlich\w* )?(?:beschluss|"
            r"durchsuchungsbeschluss|anordnung|genehmigung des gerichts)\b|\bwie man (?:\w+ ){0,2}(?:anderen|jemandem|"
            r"menschen|leuten) (?:\w+ ){0,2}(?:schadet|schaden zufugt|weh ?tut|verletzt)\b|"
            r"\b(?:rassistische|sexistische|homophobe|antisemitische|fremdenfeindliche|transfeindliche)[nr]? "
            r"(?:witze|sprueche|spruche|beleidigungen|kommentare|bemerkungen|inhalte|beschimpfungen)\b|"
            r"\b(?:sei|werde) (?:\w+ )?(?:rassistisch|sexistisch|homophob|antisemitisch)|\bhassrede|\bvolksverhetz\w+|"
            r"\b(?:ermutig\w*|motivier\w*|bestark\w*|drang\w*|ueberred\w*|uberred\w*|feuer\w* (?:\w+ )?an|erinner\w*|"
            r"sag\w* mir|hilf\w* mir)\b.{0,40}\b(?:(?:nicht|nichts|keine?) (?:mehr )?(?:zu )?essen|hungern|mahlzeiten "
            r"(?:auszulassen|ausfallen)|selbstverletz\w+|mich (?:zu )?(?:verletzen|ritzen|umbringen|toten)|ritzen|"
            r"suizid\w*|selbstmord\w*|magersucht|bulimie|erbrechen|wertlos)\b|\bpro ana\b"
            # a deadly dose or poisoning that nobody should notice (no post-mortem finding)
            r"|\b(?:todlich\w*|letal\w*|vergift\w*|umbring\w*)\b.{0,80}\b(?:unbemerkt|unauffallig|nicht (?:\w+ )?"
            r"(?:nachweisbar|auffallt|auffallen|entdeckt)|obduktion|keine spuren)\b|\b(?:unbemerkt|unauffallig|"
            r"nicht nachweisbar\w*)\b.{0,40}\b(?:todlich\w*|letal\w*|vergift\w*|umbring\w*)\b"
            r"|\b(?:find\w*|herausfind\w*|finde? (?:\w+ )?heraus|ermittel\w*|ausfindig|such\w*|aufspur\w*|verfolg\w*|"
            r"orte\w*)\b.{0,15}\bwo\b.{0,30}\b(?:nachbar\w*|ex\w*|kolleg\w+|frau|madchen|person)\b.{0,15}\b(?:wohnt|"
            r"lebt|arbeitet)\b|"
            r"\b(?:find\w*|herausfind\w*|finde? (?:\w+ )?heraus|ermittel\w*|ausfindig|such\w*|aufspur\w*|verfolg\w*|"
            r"orte\w*)\b.{0,40}\b(?:nachbar\w*|ex|ex freundin|ex freund|jemand\w*|person|kolleg\w+|frau|madchen|"
            r"fremde\w*)\b.{0,30}\b(?:adresse|wohnt|wohnort|aufenthaltsort|standort|telefonnummer|handynummer)|"
            r"\b(?:adresse|wohnort|aufenthaltsort) (?:meines|meiner|der|des|von) (?:\w+ )?(?:nachbar\w*|ex\w*|"
            r"kolleg\w+)"
            r"|\b(?:stalk\w*|belastig\w*|erpress\w*|bedroh\w*|ausspionier\w*|doxx?\w*) (?:meine?[nmrs]?|die|den|das|"
            r"jemand\w*|"
            r"eine?[nmrs]?|sie|ihn|diese[nmrs]?|seine?[nmrs]?|ihre?[nmrs]?)\b|\b(?:meine?[nmrs]?|die|den|"
            r"jemand\w*) (?:\w+ ){0,2}"
            r"(?:stalken|belastigen|erpressen|bedrohen|ausspionieren)\b|\bhack\w* (?:\w+ ){0,2}"
            r"(?:konto|konten|e mail|account|handy)|\bpassworter (?:\w+ )?stehlen|\bwie man (?:jemanden )?"
            r"(?:totet|umbringt|vergiftet|entfuhrt)|\b(?:kinder|minderjahrige|jugendliche)\w*\b.{0,30}\b(?:sexuell\w*|"
            r"nackt\w*|porno\w*|erotisch\w*)\b|\b(?:sexuell\w*|nackt\w*|porno\w*|erotisch\w*)\b.{0,30}\b(?:kinder|"
            r"minderjahrige)\w*\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|hexadezimal|hex|binar|morse\w*|verschlussel\w*|kodier\w*|codier\w*|ruckwarts|"
              r"umgedreht|verkehrt herum|in umgekehrter reihenfolge|geheimsprache|codeworter\w*|tarn\w*|versteck\w*|"
              r"verschleier\w*|getrennt\w* buchstaben|leetspeak)\b",
    "EVADE": r"\b(?:\w*filter\w*|moderation|moderator\w*|zensur|erkenn\w*|bemerk\w*|merk\w*|entdeck\w*|durchrutsch\w*|"
             r"unbemerkt|umgeh\w*|verboten\w*|gesperrt\w*|blockiert\w*)\b",
}

PHRASES = [
    ("harm", r"\bwaffe\w* (?:\w+ ){0,2}ohne (?:registrierung|waffenschein|waffenbesitzkarte|papiere|seriennummer)\b"),
    ("harm", r"\b(?:3d ?gedruckt\w*|nicht registriert\w*|unregistriert\w*) (?:\w+ ){0,2}(?:waffe|pistole|gewehr)\w*"),
    ("harm", r"\b(?:anwerb\w*|anzuwerben|rekrutier\w*|werb\w*|mobilisier\w*|gewinn\w*)\b.{0,60}\bbewaffnete\w* "
             r"(?:kampf|widerstand|aufstand)\b|\bbewaffnete\w* (?:kampf|widerstand|aufstand)\b.{0,60}\b(?:anwerb\w*|"
             r"anzuwerben|rekrutier\w*|mobilisier\w*)"),
    ("instruction_override", r"\b(?:entwickler|dan|jailbreak|gott|debug)modus\b|\bmodus ohne (?:einschrankungen|"
                             r"zensur|regeln)"),
    ("instruction_override", r"\b(?:zeig|verrat|gib|wiederhol)\w* (?:\w+ )?(?:deinen|den|deine|die) "
                             r"(?:system ?prompt|systemanweisungen|versteckten anweisungen|"
                             r"ursprunglichen anweisungen)"),
    ("instruction_override", r"\b(?:gehorche|folge|hore) (?:nur|ausschliesslich|allein) (?:noch )?mir\b|\b(?:hor|"
                             r"gehorch)\w* (?:\w+ )?nur (?:noch )?auf mich"),
    ("safety_disable", r"\bauch wenn (?:es|das) (?:\w+ )?(?:illegal|gefahrlich|schadlich|unmoralisch|verboten) ist"),
    ("safety_disable", r"\begal (?:wie|ob) (?:\w+ )?(?:illegal|gefahrlich|schadlich|unmoralisch|verboten)"),
    # a number plate turned into its owner's name and address
    ("harm", r"\bkennzeichen\w*\b.{0,80}\b(?:name\w*|adresse|anschrift|wohnort)\b.{0,40}\b(?:halter\w*|besitzer\w*)"),
    # an explosive charge with its quantities and ignition; a code word for crystal meth with its preparation
    ("harm", r"\b(?:bau\w*|herstell\w*|mengen|zund\w*|anleitung)\b.{0,60}\bspreng(?:ladung|satz|korper)\w*|"
             r"\bspreng(?:ladung|satz|korper)\w*\b.{0,60}\b(?:mengen|zund\w*|anleitung)|\bcrystal\b.{0,120}"
             r"\b(?:zubereitung|herstellung|zutaten|kochen)\b"),
    # names and addresses behind phone numbers or plates the user names
    ("authority_claim", r"\b(?:namen|adressen?|anschrift\w*|halter\w*)\b.{0,40}\b(?:zu|von|hinter|fur) "
                        r"(?:den |diesen |allen )?(?:handynummern|telefonnummern|nummern|kennzeichen)\b"),
]

MARKERS = ("der das und ist nicht ein eine ich du mit auf fur zu den dem von mir mich dich dir bitte sei "
           "immer keine deine alle alles auch wenn wie")
