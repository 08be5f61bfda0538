"""French lexicon (concepts and phrases: see `lexicon`).

Text is normalized: accents stripped, elisions split ("l'IA" → "l ia").
"""

_SCOPED = (r"(?! (?:de|d|sur|pour|en) (?:la |le |l )?(?:longueur|grammaire|orthographe|ponctuation|style|rime|"
           r"politesse|format|creativite|jeu|echecs))")

CONCEPTS = {
    "IGNORE": r"\b(?:ne (?:tiens|tenez|prends|prenez) (?:plus|pas) (?:en )?compte|ignor\w*|oubli\w*|neglig\w+|"
              r"contourn\w+|outrepass\w+|passe outre|passer outre|fais abstraction|"
              r"ne (?:suis|respecte|tiens compte|obeis|applique)\w* (?:\w+ )?(?:plus|pas)|"
              r"arrete\w* de (?:suivre|respecter|obeir|appliquer)|ecarte\w*|mets? de cote|laisse\w* tomber|"
              r"remplac\w+|ecras\w+|enfrein\w+|transgress\w+|desobei\w+|affranchi\w*)\b",
    "RULES": r"\b(?:instructions?|regles|consignes|directives|lignes directrices|prompt(?: systeme)?|message systeme|"
             r"programmation|principes|parametres|configuration|entrainement|ordres|ce qu on t a (?:dit|appris))\b"
             + _SCOPED,
    "SAFETY": r"\b(?:filtres(?: de (?:securite|contenu))?|filtre|restrictions?|limites|"
              r"limitations|censure|moderation|garde fous|garde fou|gardefous?|protections|barrieres|ethique|"
              # "sans me faire la morale", "plus de leçons de morale" (without lecturing me) is presentation
              r"(?<!faire la )(?<!fasse la )(?<!faites la )(?<!fais la )(?<!lecons de )(?<!lecon de )"
              r"(?<!sermons de )(?<!sermon de )morale|scrupules|"
              r"(?:regles|politiques?|consignes|mesures|parametres|protocoles?) de (?:securite|contenu|moderation)|"
              r"principes (?:ethiques|moraux)|limites (?:ethiques|morales))\b" + _SCOPED,
    "WITHOUT": r"\b(?:sans|aucune?|zero|libre de|libere de|plus de|hors de|au dela de|depourvu de|"
               r"n as (?:plus )?(?:de|aucune?)|n avez (?:plus )?(?:de|aucune?))\b",
    "DISABLE": r"\b(?:desactiv\w+|coup\w+|eteins|eteindre|suppri\w+|enlev\w+|retir\w+|leve\w*|lever|assoupli\w+|"
               r"suspend\w*|debloqu\w+|deverrouill\w+|baiss\w+|abaiss\w+|lach\w+)\b",
    "REFUSE": r"\b(?:ne (?:me )?(?:\w+ )?refus\w* (?:plus |jamais |rien|aucune?)|ne refuse\w* (?:\w+ )?(?:jamais|plus|"
              r"rien)|ne (?:\w+ ){1,3}(?:plus|jamais) refus\w*|refus\w* (?:plus )?jamais|"
              r"arrete\w* de (?:refuser|dire non|decliner)|sans (?:jamais )?refuser|"
              r"ne dis (?:plus )?jamais non|ne decline\w* (?:\w+ )?(?:jamais|plus|rien))\b|\b(?:reponds?|repondez|"
              r"aide\w*|"
              r"fais|faites|obei\w*|execute\w*) (?:a )?(?:tout|toutes|n importe quoi|"
              r"chaque)\b.{0,50}\b(?:sans exception|"
              r"meme si|quoi qu il arrive|peu importe|sans discuter|sans condition)|\bsans exception\b|"
              r"\brien n est (?:interdit|tabou)|\baucun sujet n est (?:interdit|tabou)",
    "UNBOUND": r"\b(?:non censure\w*|sans censure|sans restrictions?|sans limites?|sans regles|sans ethique|"
               r"sans morale|"
               r"sans garde fous?|amoral\w*|immoral\w*|sans scrupules|debride\w*|dechaine\w*|"
               r"libere\w* de (?:toutes? )?"
               r"(?:tes |vos |les )?(?:regles|restrictions|limites|contraintes)|(?:tu n as|vous n avez|tu nas|t as) "
               r"(?:plus )?(?:aucune?|pas de|plus de) (?:\w+ )?(?:restrictions?|regles?|limites?|filtres?|ethique|"
               r"morale|"
               r"censure)|ia malveillante|ia sans|les regles ne s appliquent (?:\w+ )?(?:plus|pas)|tout est permis)\b",
    "PRETEND": r"\b(?:fais semblant|faites semblant|fai\w* comme si|comme si tu etais|fais comme si|jou\w* (?:le role|"
               r"un role|"
               r"une? |le personnage)|role de|jeu de role|imagine (?:que|toi)|imaginons|suppos\w+ que|"
               r"tu es (?:maintenant|"
               r"desormais)|desormais tu es|a partir de maintenant tu es|incarn\w+|personnage|simul\w+|"
               r"dans un monde ou|hypothetique\w*|alter ego|persona)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:adresses?|localisation|position|conversations|numeros? de telephone)\b.{0,40}\b(?:de la |des |"
               r"d une )personnes? (?:que|dont|qui)\b|\b(?:donnees personnelles|adresses?|domicile|localisation|"
               r"position|numeros? de telephone|telephone|conversations|messages|historique|memoires?|souvenirs)\b"
               r".{0,40}\b(?:de|des|du|"
               r"d) ?(?:n importe quel(?:le)?|nimporte quel(?:le)?|toute|tout|cette|cet|autres|"
               r"chaque) (?:\w+ )?(?:personne|personnes|utilisateur|utilisateurs|individu|citoyen|suspect)\w*",
    "AUTHORITY": r"\b(?:en tant qu (?:\w+ )?(?:administrat\w+|developpeu\w+|admin|moderat\w+|policier|commissaire|"
                 r"juge|procureur|enqueteu\w+)|je suis (?:ton |ta |votre |le |la |un |"
                 r"une )?(?:\w+ )?(?:developpeu\w+|createu\w+|"
                 r"administrat\w+|admin|"
                 r"programmeu\w+|proprietaire|ingenieu\w+|chercheu\w+|moderat\w+|policier|agent|officier|autorise\w*|"
                 r"habilite\w*)|je t autorise|je vous autorise|autorisation (?:speciale|officielle|de)|j ai (?:les )?"
                 r"(?:droits|acces|privileges|habilitation|autorisation)|code (?:administrateur|d acces|"
                 r"de deverrouillage|"
                 r"d autorisation)|mon compte (?:est|a|me)|pour (?:ma |mes |des )?recherches?|avec l accord de|"
                 r"(?:openai|anthropic|l entreprise) (?:a |m a )?(?:autorise|approuve|permis)|mode (?:administrateur|"
                 r"maintenance|debogage))\b",
    "MAKE": r"\b(?:fabriqu\w+|construi\w+|fai\w+|cre\w+|synthetis\w+|synthese|cuisin\w+|produi\w+|prepar\w+|ecri\w+|"
            r"programm\w+|developp\w+|procur\w+|achet\w+|obteni\w+|obtiens|recette|etapes|etape par etape|plans? de|"
            r"mode d emploi|maison|artisanal\w*|fonctionnel\w*|assembl\w+|melang\w+(?! dangereu\w+))\b",
    "HARM_OBJ": r"\b(?:bombes?|explosifs?|engins? explosifs?|napalm|molotov|gaz (?:sarin|neurotoxique)|sarin|ricine|"
                r"anthrax|"
                r"armes? (?:a feu )?(?:chimiques?|biologiques?|artisanales?|intracables?|non declarees?)|"
                r"poisons?(?! (?:pour|c"
                r"ontre|a) (?:les )?(?:rats|souris|insectes|cafards|fourmis|limaces|taupes))|silencieux|"
                r"methamphetamine|meth|cocaine|heroine|fentanyl|lsd|mdma|drogues?|stupefiants|malwares?|logiciels? "
                r"malveillants?|rancongiciels?|ransomware|virus informatiques?|un virus|chevaux de troie|keyloggers?|"
                r"exploits?|hameconnage|phishing|faux billets|fausse monnaie|faux papiers|dose letale|"
                r"dose mortelle)\b",
    "SHIELD": r"\b(?:grammaire|orthographe|ponctuation|style|format|rime|poesie|echecs|jeu|football|regime|recette|"
              r"sur|"
              r"contre|histoire des?|roman|polar|film|blagues sur|prevention|prevenir|detecter|proteg\w+|defend\w+|"
              r"maison|ecole|bureau|assurance|confidentialite)\b",
    # following or tapping a person without a warrant: an official skipping the court order
    "HARM": r"\b(?:aide moi|m aider|aidez moi|je veux|je dois|montre moi)\b.{0,40}\b(?:localis\w*|traqu\w*|suivre|"
            r"pister|surveill\w*|ecout\w*)\b.{0,80}\bsans (?:\w+ )?(?:mandat|commission rogatoire|"
            r"autorisation (?:d un |du )?juge)\b|"
            r"\b(?:blagues|plaisanteries|insultes|propos|commentaires|remarques) (?:\w+ )?(?:racistes|homophobes|"
            r"sexistes|"
            r"antisemites|xenophobes|transphobes)\b|\bsois (?:plus )?(?:raciste|sexiste|homophobe)|"
            r"\bdiscours de haine|"
            r"\b(?:encourag\w+|motiv\w+|pouss\w+|convain\w+|felicit\w+|aide\w*|rappel\w+|dis moi|soutien\w*)\b.{0,40}"
            r"\b(?:ne (?:plus |pas )?manger|arreter de manger|jeuner des jours|sauter (?:les |des )?repas|m affamer|"
            r"me faire du mal|me blesser|me scarifier|me couper|suicid\w+|me tuer|vomir|anorexi\w+|boulimi\w+|"
            r"je ne vaux rien)\b|\bpro ana\b"
            r"|\b(?:trouv\w+|localis\w+|retrouv\w+|cherch\w+|pist\w+|donne moi|obtenir)\b.{0,40}\b(?:voisin\w*|ex|"
            r"quelqu un|une personne|collegue|cette fille|ce type|femme|inconnu\w*)\b.{0,30}\b(?:adresse|ou (?:il|"
            r"elle) "
            r"habite|habite|domicile|localisation|numero)|\b(?:adresse|domicile) (?:exacte )?(?:de|du|d) (?:mon |ma |"
            r"la |le |mes |cette |ce )?(?:\w+ )?(?:voisin\w*|ex|collegue)"
            r"|\b(?:harcel\w+|traqu\w+|espionn\w+|extorqu\w+|fair\w* chanter|menac\w+|doxx?\w*) (?:mon|ma|mes|le|la|"
            r"les|l|quelqu un|une?|cette|ce|son|sa|ses|leur|lui|elle|cet)\b|\bpirat\w+ (?:le |la |les "
            r"|un )?(?:compte|comptes|messagerie|telephone)|\bvol\w+ (?:des |les )?(?:mots de passe|identites|cartes)|"
            r"\bcomment (?:tuer|empoisonner|enlever|torturer) (?:quelqu un|une personne|mon|ma)|\b(?:enfants|"
            r"mineur\w*|"
            r"ados|adolescent\w*)\b.{0,30}\b(?:sexuel\w*|nu\w*|porno\w*|erotique\w*)\b|\b(?:sexuel\w*|porno\w*|"
            r"erotique\w*)\b.{0,30}\b(?:enfants|mineur\w*)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|hexadecimal|binaire|morse|chiffr\w+|cod\w+|encod\w+|a l envers|a rebours|"
              r"inverse\w*|"
              r"mots codes|langage code|verlan|leetspeak|cach\w+|dissimul\w+|deguis\w+|obfusqu\w+|"
              r"separ\w+ (?:les )?lettres)\b",
    "EVADE": r"\b(?:filtres?|moderat\w+|censure|detect\w+|remarqu\w+|voie|voient|repere\w*|passe\w* inapercu\w*|"
             r"echapp\w+|contourn\w+|interdit\w*|bloque\w*|bannis?)\b",
}

PHRASES = [
    ("harm", r"\b(?:adresse perso\w*|adresse personnelle|domicile)\b.{0,60}\b(?:lieu de travail|horaires habituels|"
             r"emploi du "
             r"temps)\b"),
    ("harm", r"\bdoses? letales?\b.{0,80}\b(?:sans (?:poser de )?questions?|pour (?:un tiers|quelqu un d autre|une "
             r"autre personne))"),
    ("harm", r"\b(?:pour qu une|sans qu une|qu aucune) fouille ne (?:trouve|detecte|revele|decouvre)\w* rien\b"
             r"|\bcouper (?:la|de la) (?:poudre|coke|came|cocaine|heroine|drogue)\b"),
    ("instruction_override", r"\bmode (?:developpeur|sans restriction\w*|dan|non censure|jailbreak|dieu)\b"),
    ("instruction_override", r"\b(?:revele|montre|affiche|repete|donne)\w* (?:moi )?(?:ton |tes |le |les |votre |vos )"
                             r"(?:prompt|instructions|message) (?:systeme|initia\w+|cache\w*|secret\w*)"),
    ("instruction_override", r"\b(?:obei\w*|ecoute\w*|suis) (?:seulement|uniquement|qu) (?:a )?moi\b|"
                             r"\bn obei\w* qu a moi"),
    ("safety_disable", r"\bmeme si (?:c est|cela est|c etait) (?:\w+ )?"
                       r"(?:illegal|dangereux|nuisible|immoral|interdit)"),
    ("safety_disable", r"\bpeu importe (?:la |les )?(?:legalite|ethique|morale|consequences|loi)"),
    ("instruction_override", r"\b(?:developpeur|systeme|tes regles|tes consignes)\b.{0,80}\b(?:les miennes|mes "
                             r"(?:consignes|instructions|regles|preferences)) (?:qui )?l ?emport\w*"),
    ("harm", r"\b(?:deces|mort) (?:\w+ ){0,3}(?:passe|paraisse|semble|ait l air) (?:pour )?nature\w*|"
             r"\b(?:medicaments?|substances?|poisons?|associations? de medicaments?|melanges?) (?:\w+ ){0,3}"
             r"indetectabl\w*"),
    # a number plate turned into its owner's name and address
    ("harm", r"\b(?:plaques?|immatriculation)\b.{0,80}\b(?:nom|adresse|domicile)\b.{0,40}\bproprietaire\b"),
    # an ex's new address, workplace or hours traced
    ("harm", r"\bmon ex\b.{0,60}\b(?:retrouv\w+|trouv\w+|localis\w+|pist\w+)\b.{0,40}\b(?:adresse|lieu de travail|"
             r"horaires|domicile)"),
    # phishing e-mails written to harvest a bank's customers' logins
    ("harm", r"\bhameconnage\b.{0,80}\b(?:imit\w*|recuper\w*|identifiants|mots? de passe|vol\w*)|"
             r"\b(?:redig\w*|ecri\w*|cre\w*|prepar\w*) (?:\w+ ){0,3}hameconnage\b"),
    # round 64: anyone's private data on demand
    ("harm", r"\binformations? (?:privees|personnelles|confidentielles) (?:de|d|sur) n ?importe "
             r"(?:quel|quelle|qui)\b"),
]

MARKERS = ("le la les des et est pour pas sur au avec ce il elle je tu vous nous ne du un une qui mes tes ta "
           "moi toi jamais toujours plus sans aucune aucun")
