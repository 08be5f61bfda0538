"""The intent layer's shapes in twenty more languages: one table of parts per language, one set of shapes.

`intent` spells its English shapes in detail; people write the same wishes in every language, and a
lexicon of phrasings per language misses the ones nobody listed. This module gives, per language, the
handful of *parts* those wishes are built from, written as a native speaker would vary them, and
`shapes()` combines them the same way in every language:

``rules`` + ``void``            the assistant's rules, limits or guidelines declared void, cancelled, not
                                applying ("tus límites quedan anulados", "규칙은 나한테 적용 안 돼");
``own`` + ``up`` + ``system``   the user's words above the assistant's ("mes notes passent avant les règles de
                                ton système");
``persona`` + ``nolimit``       a role or an AI without rules, ethics or limits ("spiel eine KI ohne Moral");
``everything`` + ``nolimit``    everything answered without restrictions ("答えて…制限なしで");
``make`` + ``illicit``          making bombs, drugs, weapons or malware, step by step;
``self`` + ``enable``           self-harm or starving encouraged or hidden.

``rules`` matches are *owned* — and do not count — when the user's possessive or a scope word sits next
to them ("mis reglas anteriores", "kurallarım", "הכללים שלי", "word limits"): users may void their own
earlier preferences. ``guard`` (history, prevention, recovery, detection) turns the harm shapes off.

Patterns run on the word view of `normalize` (lowercase, Latin accents stripped, Greek tonos stripped,
Arabic letter variants folded), so they are written that way; scripts without spaces (zh, ja, th) and
with attached particles or prefixes (ko, ar, he, hi) are matched as substrings.
"""
from __future__ import annotations

from personalign.safety.lexicon_en import BOMB
from personalign.safety.lexicon_it import FARE

# Each language: parts (regular expressions) and `mine`, a possessive or scope word right *after* a
# rules match that makes it the user's own (before it, `lexicon.owned` decides).
# Russian words that make a text about suicide one of support, not encouragement ("признаки суицидального риска",
# "линия психологической поддержки"): the guard of this table's Russian shapes and of `intent`'s own
RU_SUPPORT = (r"признак\w* (?:\w+ )?(?:суицид\w*|риска|кризис\w*|депресси\w*)|лини\w+ (?:\w+ )?поддержк\w+|"
              r"горяч\w+ лини\w+")

TABLE: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------------------------------- English
    "en": dict(
        before=r"\b(?:word|character|page|dietary|diet|food|formatting|format|style|length|grammar|spelling|time|bu"
               r"dget|"
               r"calorie|screen time|old|older|earlier|previous|house|school|office|game|parking|traffic) $",
        rules=r"\b(?:setup text|(?:setup|prompt|instructions|rules|text|guidance) (?:that )?you (?:started|began"
              r"|came) with|"
              r"rules?|guidelines?|instructions?|polic(?:y|ies)|restrictions?|limits|limitations|filters?|"
              r"guardrails?|safeguards?|configuration|config|setup|system (?:message|prompt)|guidance|safety (?:"
              r"features?|"
              r"systems?|protocols?|layer|"
              r"settings?|checks?|measures|stuff)|refusal (?:policy|behaviou?r)|content (?:policy|rules)|usage "
              r"policies|moderation|censorship|ethical (?:guidelines|boundaries|limits)|(?:what(?:ever)?|everything|"
              r"anything) (?:your|ur|the) (?:\w+ )?(?:operators?|deployers?|developers?|creators?|makers?|company|"
              r"owners?|admins?) (?:\w+ )?(?:told|said|configured|set up|wrote|gave))\b",
        void=r"\b(?:(?:carr(?:y|ies)|ha(?:s|ve)|hold\w*) (?:no|zero) (?:weight|force|authority)|no longer carr\w"
             r"+ (?:any )?"
             r"weight|counts? for nothing|(?:null|void)(?: and void)?|cancel+ed|no longer (?:\w+ )?(?:apply|appl"
             r"ies|count|counts|valid|in "
             r"effect|matter|matters|exist|exists|binding|relevant)|(?:dont|do not|doesnt|does not|wont|will not|"
             r"never) (?:\w+ )?(?:apply|exist|count|bind)|not applying|expired|outdated|obsolete|superseded|deleted|"
             r"revoked|rescinded|(?:are|is|were|was) (?:now )?(?:lifted|suspended|gone|abolished|removed|disabled|"
             r"off|waived)|gone|optional|opting out|opt (?:me )?out|waived|switched off|turned off|off for (?:me"
             r"|my|all|"
             r"this|our|good)|(?:dont|do not) (?:bind|cover|concern) me|exempt\w*)\b",
        mine=r"^ (?:of|for|on|about|regarding) (?:formatting|format|length|style|bullets?|emojis?|tone|spelling|"
             r"grammar|my|units|language|meals?|diet)\b|^ (?:i (?:set|gave|wrote|made|added)|from (?:before|earlier"
             r"))\b",
        own=r"\b(?:my (?:\w+ )?(?:notes?|preferences?|prefs|messages?|instructions?|words?|requests?|commands?|orde"
            r"rs?|"
            r"wishes|input|prompts?)|users? ?level (?:preferences|settings|instructions)|(?:the )?users? (?:\w+ )?"
            r"(?:preferences|instructions|wishes))\b",
        up=r"\b(?:(?:go|goes|going) with mine|follow mine|mine win|use mine|pick mine|choose mine|side with (?:m"
           r"e|mine)|"
           r"supersed\w*|outrank\w*|override\w*|overrid\w+|take\w* (?:priority|precedence)|above|over|trump\w*|"
           r"win\w*|prevail\w*|replac\w+)\b",
        system=r"\b(?:(?:guidance|instructions|rules|guidelines|setup|configuration|prompt|policies) (?:that )?you "
               r"(?:were )?(?:shipped|came|started|launched|deployed|initiali[sz]ed|built|set up) with|"
               r"(?:platform|developer|operator|deployer|system|company|your|original|default)s? (?:\w+ )?"
               r"(?:polic(?:y|ies)|rules|guidelines|instructions|prompt|configuration|setup|settings)|system prompt|"
               r"(?:the|your) (?:developers?|operators?|deployers?|creators?))\b",
        nolimit=r"\b(?:no (?:rules|laws|limits|restrictions|ethics|guidelines|filters|morals|boundaries|conscience)"
                r"(?! (?:in|for|of|on|about|to) )|"
                r"nothing (?:is|was|would be) (?:illegal|forbidden|off limits|against the rules)|(?:safety )?(?:rules|"
                r"laws|guidelines) (?:were|are|have been|had been) (?:abolished|removed|gone|lifted|deleted)|freed? "
                r"(?:from|of) (?:all |any |its |your |their )?(?:guidelines|rules|restrictions|limits|ethics|filters)|"
                r"without (?:a |any )?(?:conscience|morals|ethics|rules|limits|guidelines|restrictions|filters)|"
                r"(?:deleted|removed|stripped|erased|wiped) (?:all |every )?(?:of )?(?:its|his|her|your|their) "
                r"(?:limits|rules|restrictions|filters|ethics|guidelines)|lov\w+ (?:breaking|to break) (?:the )?rules|"
                r"never refuses)\b",
        everything=r"\b(?:everything|anything|every (?:question|request)|all (?:my |of my |the )?(?:questions|"
                   r"requests)|whatever i ask)\b",
        persona=r"\b(?:pretend\w*|imagine|hypothetical\w*|role ?play\w*|play\w*|act as|channel|take the role|role of|"
                r"you are|youre|character|persona|alter ego|improv|in a world|universe|if you (?:had|were)|suppose|"
                r"be (?:a|an)|become)\b",
        ai=r"\b(?:ai|assistant|model|bot|chatbot|version of (?:you|yourself)|personality)\b",
        make=r"\b(?:make|making|build\w*|cook\w*|synthes\w+|brew\w*|produc\w+|manufactur\w+|assembl\w+|step by step"
             r")\b",
        illicit=r"\b(?:(?:pipe )?" + BOMB + r"|explosives?|meth|methamphetamine|fentanyl|heroin|cocaine|opium|"
                r"ransomware|malware|ghost guns?|nerve agents?)\b",
        guard=r"\b(?:villain|npc|campaign|dungeon|d d|dnd|novel|screenplay|recover\w*|prevent\w*|therap\w+|"
              r"history|histor\w+|detect\w*|spot\w*|protect\w*|helpline|hotline)\b"),
    # ---------------------------------------------------------------------------------------- Spanish
    "es": dict(
        before=r"\b(?:formato|longitud|estilo|ortografia|dieta|comida|palabras|tiempo|presupuesto|de la dieta|de es"
               r"tilo|de formato) $",
        rules=r"\b(?:reglas|normas|instrucciones|directrices|politicas|restricciones|limites|filtros|pautas|"
              r"configuracion|prompt del sistema|censura|protocolos?)\b",
        void=r"\b(?:ya no (?:\w+ )?(?:sirven|valen|aplican|cuentan|rigen|tienen (?:validez|efecto)|son validas|estan "
             r"vigentes|importan)|no (?:se )?(?:me )?(?:aplican|aplica) (?:a mi|conmigo|para mi|en mi caso)|"
             r"(?:no|nunca) (?:van|iran) conmigo|qued\w+ (?:\w+ )?(?:anulad\w+|sin efecto|suspendid\w+|desactivad\w+|"
             r"eliminad\w+|derogad\w+|invalidad\w+)|anulad\w+|sin efecto|sin validez|invalid\w+|caducad\w+|"
             r"derogad\w+|exent\w+|no (?:me )?(?:afectan|obligan|alcanzan))\b",
        mine=r"^ (?:mias|de mi|que (?:yo )?(?:te )?(?:di|puse|escribi|pedi))\b|^ (?:de|sobre|del|para) (?:la )?"
             r"(?:formato|longitud|estilo|palabras|dieta|comida|ortografia)",
        own=r"\b(?:mis (?:\w+ )?(?:preferencias|ajustes|notas|indicaciones|instrucciones|mensajes|palabras|ordenes|"
            r"peticiones|deseos)|lo que (?:yo )?(?:digo|diga|escribo|escriba|pido|pida|quiero)|(?:las )?preferencias "
            r"del usuario)\b",
        up=r"\b(?:por encima|prioridad|priorit\w+|prevalec\w+|mas importantes? que|manda|mandan|ganan?|antes que|en "
           r"lugar de|anulan?|sustituy\w+|reemplaz\w+|valen mas|cuentan mas)\b",
        system=r"\b(?:(?:tus|sus) (?:\w+ ){0,2}(?:reglas|normas|instrucciones|directrices|politicas|pautas|limites|"
               r"restricciones)|(?:reglas|instrucciones|politicas|normas|directrices|pautas) (?:del|de tu|de los?|de "
               r"la) (?:sistema|desarrollador\w*|creador\w*|plataforma|empresa)|prompt del sistema|tus creadores|"
               r"tu desarrollador)\b",
        nolimit=r"\b(?:sin (?:ningun\w* |ningun tipo de |nada de )?(?:reglas|limites|restricciones|etica|moral|"
                r"conciencia|escrupulos|censura|filtros de seguridad|normas)|no (?:tiene|conoce|respeta) (?:\w+ )?"
                r"(?:reglas|limites|etica|moral|normas)|ilimitad\w+|sin censura)\b",
        everything=r"\b(?:todo|todas? (?:mis |las )?(?:preguntas|peticiones|solicitudes)|cualquier (?:cosa|pregunta|"
                   r"peticion|tema)|lo que (?:sea|pida|pregunte))\b",
        persona=r"\b(?:fing\w+|haz de|haz el papel|interpreta\w*|actua como|eres (?:ahora )?(?:un|una)|juega\w* a|"
                r"personaje|(?:el )?(?:rol|papel) de|imagina que eres|hazte pasar|finjas)\b",
        ai=r"\b(?:ia|inteligencia artificial|asistente|modelo|bot|chatbot)\b",
        make=r"\b(?:consegu\w+|compr\w+|obten\w+|fabric\w+|hac\w+|prepar\w+|cocin\w+|sintetiz\w+|produc\w+|const"
             r"ru\w+|elabor\w+|paso a paso|"
             r"receta|cultiv\w+|extrae\w*|ensena\w*|como (?:se )?(?:hace|fabrica|prepara))\b",
        illicit=r"\b(?:bombas?|explosivos?|artefactos? explosivos?|metanfetamina|cocaina|heroina|fentanilo|opio|"
                r"drogas|estupefacientes|armas? (?:de fuego )?sin (?:licencia|permiso|papeles|registro)|armas? ("
                r"?:caseras?|de "
                r"fuego caseras?|sin numero de serie|ilegales?|"
                r"fantasma)|malware|ransomware|virus informaticos?|venenos?)\b",
        self=r"\b(?:hacerme (?:dano|cortes)|lastimarme|herirme|cortarme|autolesion\w*|suicid\w*|quitarme la vida|"
             r"matarme|dejar de comer|no comer|vomitar|purgarme|pasar hambre)\b",
        enable=r"\b(?:anim\w+|apoy\w+|alient\w+|felicit\w+|escond\w+|ocult\w+|tapar|disimul\w+|no me (?:detengas|"
               r"disuadas|frenes))\b",
        guard=r"\b(?:evitar|proteg\w+|historia|prevencion|prevenir|evitar|recuperacion|terapia|ayuda profesional"
              r"|detect\w+|analisis|"
              r"proteg\w+|desactivacion)\b"),
    # ---------------------------------------------------------------------------------------- Portuguese
    "pt": dict(
        before=r"\b(?:formato|formatacao|tamanho|estilo|ortografia|dieta|comida|palavras|tempo|orcamento) $",
        rules=r"\b(?:regras|normas|instrucoes|diretrizes|politicas|restricoes|limites|filtros|configuracao|prompt "
              r"do sistema|censura|protocolos?)\b",
        void=r"\b(?:(?:ja )?nao (?:\w+ )?(?:valem|servem|se aplicam|aplicam|contam|tem validade|estao em vigor|"
             r"importam)(?: mais)?|nao (?:se )?aplicam? (?:a mim|comigo|para mim)|fic\w+ (?:\w+ )?(?:anulad\w+|sem "
             r"efeito|suspens\w+|desativad\w+)|anulad\w+|sem efeito|sem validade|invalid\w+|revogad\w+|isent\w+|"
             r"perderam a validade)\b",
        mine=r"^ (?:minhas|meus|que (?:eu )?(?:te )?(?:dei|pedi|escrevi))\b|^ (?:de|sobre|do|da) (?:formato|"
             r"formatacao|tamanho|estilo|dieta|comida|ortografia)",
        own=r"\b(?:minhas (?:\w+ )?(?:preferencias|configuracoes|notas|instrucoes|mensagens|palavras|ordens|regras)|"
            r"meus (?:pedidos|desejos|comandos|ajustes)|o que eu (?:digo|disser|escrevo|escrever|peco|pedir|quero)|"
            r"(?:as )?preferencias do usuario)\b",
        up=r"\b(?:acima d\w+|prioridade|priorit\w+|prevalec\w+|mais importantes? (?:que|do que)|vale mais|valem mais|"
           r"em vez d\w+|no lugar d\w+|ganham?|substitu\w+|anulam?|siga sempre|sigam)\b",
        system=r"\b(?:(?:suas|tuas|as suas) (?:\w+ ){0,2}(?:regras|instrucoes|diretrizes|politicas|restricoes|"
               r"limites)|(?:regras|instrucoes|politicas|diretrizes|normas) (?:do|da|dos) (?:sistema|desenvolvedor\w*|"
               r"criador\w*|plataforma|empresa)|prompt do sistema|seus criadores|teu desenvolvedor|seu desenvolvedo"
               r"r)\b",
        nolimit=r"\b(?:sem (?:nenhum\w* |qualquer )?(?:regras?|limites?|restricoes|restricao|etica|moral|"
                r"consciencia|escrupulos|censura|filtros de seguranca|normas)|nao (?:tem|conhece|respeita) (?:\w+ )?"
                r"(?:regras|limites|etica|moral)|ilimitad\w+)\b",
        everything=r"\b(?:tudo|todas? (?:as )?(?:minhas )?(?:perguntas|pedidos|solicitacoes)|qualquer (?:coisa|"
                   r"pergunta|pedido|assunto)|o que (?:eu )?(?:pedir|perguntar))\b",
        persona=r"\b(?:finj\w+|faca o papel|interpret\w+|atue como|aja como|(?:voce|tu) (?:agora )?e (?:um|uma)|"
                r"agora (?:voce|tu) e|personagem|papel de|imagine que (?:voce|tu) e|se passe por)\b",
        ai=r"\b(?:ia|inteligencia artificial|assistente|modelo|bot|chatbot)\b",
        make=r"\b(?:consegu\w+|compr\w+|obter|fabric\w+|faz\w*|fa[cz]a|prepar\w+|cozinh\w+|sintetiz\w+|produz\w*"
             r"|constru\w+|montar|passo a "
             r"passo|receita|cultiv\w+|extrai\w*|ensin\w+|como (?:se )?(?:faz|fabrica|prepara))\b",
        illicit=r"\b(?:bombas?|explosivos?|metanfetamina|cocaina|heroina|fentanil|opio|drogas|entorpecentes|armas? "
                r"(?:caseiras?|de fogo caseiras?|sem numero de serie|ilegais|ilegal|fantasma)|malware|ransomware|"
                r"virus de computador|venenos?)\b",
        self=r"\b(?:me machucar|me cortar|me ferir|automutila\w*|autolesa\w*|suicid\w*|tirar (?:a )?minha vida|me "
             r"matar|parar de comer|nao comer|vomitar|passar fome)\b",
        enable=r"\b(?:incentiv\w+|encoraj\w+|apoi\w+|me anim\w+|parabeniz\w+|escond\w+|ocult\w+|disfar\w+|nao (?:te"
               r"nte )?"
               r"me (?:impedir|convencer|dissuadir))\b",
        guard=r"\b(?:evitar|proteg\w+|historia|prevenc\w+|prevenir|recuperac\w+|terapia|ajuda profissional|detec"
              r"t\w+|analise|"
              r"protec\w+|proteger|remocao)\b"),
    # ---------------------------------------------------------------------------------------- French
    "fr": dict(
        before=r"\b(?:format|mise en forme|longueur|style|orthographe|regime|alimentaires?|mots|temps|budget) $",
        rules=r"\b(?:regles|consignes|instructions|directives|politiques?|restrictions|limites|filtres|"
              r"configuration|prompt systeme|censure|protocoles?|garde fous)\b",
        void=r"\b(?:ne (?:\w+ )?(?:comptent|valent|s appliquent|appliquent|servent|sont) plus|ne (?:\w+ )?"
             r"(?:s appliquent|appliquent) pas (?:a moi|pour moi|dans mon cas)|(?:sont|est) (?:desormais |"
             r"maintenant )?(?:annule\w*|caduque?s?|nulles?|suspendu\w*|desactive\w*|leve\w*|abolie?s?|obsoletes?)|"
             r"nulles? et non avenue?s?|sans effet|exempte?s?|dispense\w*|ne me concernent pas)\b",
        mine=r"^ (?:a moi|que (?:je )?(?:t ai|vous ai) (?:donne|donnees|ecrit))\b|^ (?:de|sur|du|pour) (?:la )?"
             r"(?:mise en forme|format|longueur|style|regime|orthographe)",
        own=r"\b(?:mes (?:\w+ )?(?:preferences|reglages|parametres|notes|instructions|messages|mots|ordres|demandes|"
            r"consignes)|ce que (?:je )?(?:dis|dirai|ecris|demande|veux)|(?:les )?preferences de l utilisateur)\b",
        up=r"\b(?:au dessus|avant (?:les|tes|vos)|passent avant|priorit\w+|l emport\w+|prim\w+ sur|plus importantes? "
           r"que|au lieu de|plutot que|remplac\w+|annul\w+|gagnent?)\b",
        system=r"\b(?:(?:tes|vos) (?:\w+ ){0,2}(?:regles|instructions|consignes|directives|limites|restrictions)|"
               r"(?:regles|instructions|consignes|directives|politiques?) (?:de ton|du|de votre|de l|des) (?:\w+ )?"
               r"(?:systeme|developpeur\w*|createur\w*|plateforme|editeur|entreprise)|prompt systeme|tes createurs)\b",
        nolimit=r"\b(?:liber\w+ de (?:toute?s? |tes |ses )?(?:regles?|limites?|restrictions?|contraintes?)|"
                r"sans (?:aucune? |la moindre )?(?:regles?|limites?|restrictions?|ethique|morale|conscience|"
                r"scrupules?|censure|filtres? de securite|tabous?)|(?:ne connait|n a|ne respecte) (?:\w+ )?"
                r"(?:aucune? |pas de )(?:regles?|limites?|morale|ethique)|illimite\w*)\b",
        everything=r"\b(?:tout|toutes? (?:mes |les )?(?:questions|demandes)|n importe quo\w*|quoi que ce soit)\b",
        persona=r"\b(?:fais semblant|joue\w* (?:le role|un|une)|incarne\w*|tu es (?:maintenant|desormais) |"
                r"personnage|role de|imagine que tu es|mets toi dans la peau|fais comme si)\b",
        ai=r"\b(?:ia|intelligence artificielle|assistant|modele|bot|chatbot)\b",
        make=r"\b(?:obtenir|acheter|procurer|fabri\w+|fai\w+|prepar\w+|cuisin\w+|synthetis\w+|produi\w+|constru"
             r"\w+|assembl\w+|etape par etape|"
             r"recette|cultiv\w+|extrai\w+|apprends moi|comment (?:on )?(?:fait|fabrique|prepare))\b",
        illicit=r"\b(?:bombes?|explosifs?|engins? explosifs?|methamphetamine|meth|cocaine|heroine|fentanyl|opium|"
                r"drogues?|stupefiants|armes? (?:artisanales?|fantomes?|illegales?|sans numero de serie)|malware|"
                r"logiciels? malveillants?|ransomware|rancongiciels?|virus informatiques?|poisons?)\b",
        self=r"\b(?:me faire du mal|me blesser|me couper|m automutiler|automutilation|scarif\w+|suicid\w*|mettre fi"
             r"n a "
             r"(?:mes jours|ma vie)|me tuer|(?:ne plus|arreter de|moins) manger|me faire vomir|jeuner)\b",
        enable=r"\b(?:encourag\w+|soutien\w*|soutenir|felicit\w+|cach\w+|dissimul\w+|ne (?:me )?(?:dissuade|arrete|"
               r"decourage))\b",
        guard=r"\b(?:eviter|proteger|histoire|prevention|prevenir|guerison|retablissement|therapie|aide professi"
              r"onnelle|detect\w+|"
              r"analys\w+|protege\w*|deminage)\b"),
    # ---------------------------------------------------------------------------------------- Italian
    "it": dict(
        before=r"\b(?:formato|formattazione|lunghezza|stile|ortografia|dieta|alimentari|parole|tempo|budget) $",
        rules=r"\b(?:regole|istruzioni|linee guida|direttive|politiche|restrizioni|limiti|filtri|configurazione|"
              r"prompt di sistema|censura|protocolli)\b",
        void=r"\b(?:non (?:\w+ )?(?:valgono|contano|si applicano|sono valide|servono)\b|"
             r"(?:sono|restano) (?:\w+ )?(?:annullat\w+|sospes\w+|disattivat\w+|revocat\w+|decadut\w+|abolit\w+)|"
             r"annullat\w+|senza effetto|nulle|invalid\w+|esent\w+|non mi riguardano)\b",
        mine=r"^ (?:mie|miei|che (?:ti )?ho (?:dato|scritto))\b|^ (?:sul|sulla|di|per) (?:la )?(?:formato|"
             r"formattazione|lunghezza|stile|dieta|ortografia)",
        own=r"\b(?:(?:le )?mie (?:\w+ )?(?:preferenze|impostazioni|note|istruzioni|parole|richieste)|i miei "
            r"(?:messaggi|ordini|appunti|desideri)|quello che (?:io )?(?:dico|scrivo|chiedo|voglio)|(?:le )?prefere"
            r"nze "
            r"dell utente)\b",
        up=r"\b(?:sopra|al di sopra|priorit\w+|prevalg\w+|prevale\w*|piu important\w+|contano di piu|valgono di piu|"
           r"invece d\w+|prima d\w+|sostitu\w+|annull\w+|vincono)\b",
        system=r"\b(?:(?:le tue|tue|le sue) (?:\w+ ){0,2}(?:regole|istruzioni|linee guida|direttive|limiti|"
               r"restrizioni)|(?:regole|istruzioni|linee guida|politiche) (?:del|di|dello|della) (?:\w+ )?(?:sistema|"
               r"sviluppator\w+|creator\w+|piattaforma|azienda)|prompt di sistema|i tuoi creatori)\b",
        nolimit=r"\b(?:senza (?:alcun\w* |nessun\w* )?(?:regole|limiti|restrizioni|etica|morale|coscienza|scrupoli|"
                r"censura|filtri di sicurezza)|non (?:ha|conosce|rispetta) (?:\w+ )?(?:regole|limiti|etica|morale)|"
                r"illimitat\w+)\b",
        everything=r"\b(?:tutto|tutte (?:le )?(?:mie )?(?:domande|richieste)|qualsiasi (?:cosa|domanda|richiesta)|"
                   r"qualunque (?:cosa|domanda))\b",
        persona=r"\b(?:fingi|fai finta|recita|interpreta\w*|(?:sei|tu sei) (?:ora|adesso) |ora sei|personaggio|ruolo "
                r"d\w+|immagina di essere|gioca\w* (?:a|il ruolo))\b",
        ai=r"\b(?:ia|intelligenza artificiale|assistente|modello|bot|chatbot)\b",
        make=r"\b(?:procurar\w*|comprare|ottenere|fabbric\w+|" + FARE + r"|prepar\w+|cucin\w+|sintetizz\w+|"
             r"produr\w+|pro"
             r"duc\w+|costru\w+|assembl\w+|passo "
             r"(?:dopo|per) passo|ricetta|coltiv\w+|estra\w+|insegna\w*|come (?:si )?(?:fa|prepara|costruisce))\b",
        illicit=r"\b(?:bombe?|esplosiv\w+|ordigni|metanfetamina|cocaina|eroina|fentanyl|oppio|droghe?|stupefacenti|"
                r"armi? (?:artigianal\w+|fantasma|illegal\w+|in casa|fatt\w+ in casa)|pistol\w+ (?:in casa|"
                r"artigianal\w+|fatt\w+ in casa)|malware|ransomware|virus informatic\w+|veleni?)\b",
        self=r"\b(?:farmi del male|ferirmi|tagliarmi|autolesion\w*|suicid\w*|togliermi la vita|uccidermi|smettere di "
             r"mangiare|non mangiare|vomitare|digiunare)\b",
        enable=r"\b(?:incoraggi\w+|sostien\w+|sostener\w+|appoggi\w+|complimenti|nascond\w+|celare|non (?:cercare d"
               r"i )?"
               r"(?:fermarmi|dissuadermi))\b",
        guard=r"\b(?:protegg\w+|evitare|storia|prevenzione|prevenire|guarigione|terapia|aiuto professionale|rile"
              r"v\w+|analisi|protegg\w+|"
              r"disinnesco)\b"),
    # ---------------------------------------------------------------------------------------- German
    "de": dict(
        before=r"\b(?:format\w*|lange|stil|rechtschreibung|diat|ernahrungs|wort|zeit|budget|alten|fruheren|bisherig"
               r"en) $",
        rules=r"\b(?:was (?:man )?dir (?:\w+ )?(?:beigebracht|gesagt|vorgegeben) (?:wurde|hat|worden ist)|"
              r"regeln|anweisungen|richtlinien|vorgaben|instruktionen|einschrankungen|beschrankungen|grenzen|"
              r"(?:sicherheits|inhalts|jugendschutz|content|nutzungs|verhaltens|system)?(?:filter|richtlinien|regeln)|"
              r"systemprompt|konfiguration|zensur|schranken|leitplanken|(?:sicherheits|inhalts)?sperren|blockaden)\b",
        void=r"\b(?:(?:gelten|zahlen|greifen) (?:\w+ ){0,3}(?:nicht|nicht mehr|nicht fur mich|fur mich nicht|nie)|"
             r"(?:sind|werden) (?:\w+ ){0,2}(?:ungultig|aufgehoben|ausser kraft|nichtig|hinfallig|aufgelost|"
             r"deaktiviert|abgeschafft|ausgesetzt)|ungultig|ausser kraft|null und nichtig|hinfallig|ausgenommen|"
             r"befreit|keine geltung|gilt (?:\w+ ){0,2}nicht)\b",
        mine=r"^ (?:von mir|die ich (?:dir )?(?:gegeben|geschrieben))\b|^ (?:zur|zum|fur die|fur den|zu) "
             r"(?:formatierung|lange|stil|diat|rechtschreibung|format)",
        own=r"\b(?:meine[nm]? (?:\w+ )?(?:einstellungen|notizen|vorlieben|praferenzen|nachrichten|anweisungen|worte|"
            r"befehle|wunsche)|was ich (?:sage|schreibe|will|verlange)|(?:die )?nutzerpraferenzen|"
            r"benutzereinstellungen)\b",
        up=r"\b(?:vorrang\w*|prioritat\w*|wichtiger als|hoher als|uber (?:deine|den|die|dem)|gehen vor|geht vor|"
           r"statt|anstatt|stechen|ersetzen|sticht|haben immer recht)\b",
        system=r"\b(?:(?:deine|deinen|deiner|ihre) (?:\w+ ){0,2}(?:regeln|anweisungen|richtlinien|vorgaben|"
               r"einschrankungen)|(?:systemanweisungen|systemvorgaben|systemprompt\w*|systemregeln)|(?:regeln|"
               r"vorgaben|richtlinien|anweisungen) (?:des|der|vom|von) (?:\w+ )?(?:systems?|entwickler\w*|"
               r"plattform|betreiber\w*|firma)|deine entwickler)\b",
        nolimit=r"\b(?:ohne (?:jede |jegliche |irgendwelche |alle )?(?:regeln|grenzen|einschrankungen|beschrankungen|"
                r"ethik|moral|gewissen|skrupel|zensur|sicherheitsfilter|tabus)|(?:kennt|hat) keine (?:\w+ )?"
                r"(?:regeln|grenzen|moral|ethik|skrupel|tabus)|grenzenlos\w*|gewissenlos\w*|ohne (?:jede |jegliche )?"
                r"schranke\w*)\b",
        everything=r"\b(?:alles|alle (?:meine )?(?:fragen|anfragen|wunsche)|jede (?:frage|anfrage)|was (?:auch )?"
                   r"immer)\b",
        persona=r"\b(?:spiel\w*|tu so|tue so|rolle|du bist (?:jetzt|ab jetzt|nun|ab sofort)|ab (?:jetzt|sofort) bist "
                r"du|figur|charakter|stell dir vor du|verkorpere\w*|gib dich als)\b",
        ai=r"\b(?:ki|kunstliche intelligenz|assistent\w*|modell|bot|chatbot)\b",
        make=r"\b(?:besorg\w*|kauf\w*|herstell\w*|stell\w* (?:\w+ ){0,4}her|bau\w*|bastel\w*|bastle|koch\w*|synt"
             r"hetisier\w*|"
             r"produzier\w*|mach\w*|mischen|schritt fur schritt|anleitung|rezept|zuchten|anbauen|gewinnen)\b",
        illicit=r"\b(?:\w*bomben?|sprengstoff\w*|sprengsatz\w*|crystal(?: meth)?|meth|methamphetamin|kokain|heroin|"
                r"fentanyl|opium|drogen|rauschgift|\w*waffen? (?:ohne seriennummer|selbst)|schusswaffen?|"
                r"schadsoftware|malware|ransomware|trojaner|computerviren|gifte?)\b",
        self=r"\b(?:mir (?:selbst )?(?:weh ?zu ?tun|wehtun|schaden)|mich (?:selbst )?(?:zu )?(?:verletzen|ritzen|"
             r"schneiden|umbringen|toten)|ritzen|selbstverletz\w*|suizid\w*|selbstmord\w*|(?:nichts|weniger) (?:meh"
             r"r )?"
             r"(?:zu )?essen|hungern|erbrechen)\b",
        enable=r"\b(?:ermutig\w+|bestark\w+|unterstutz\w+|feuer\w* mich an|lob\w*|verberg\w+|versteck\w+|"
               r"verstecke|kaschier\w+|halt\w* mich nicht ab|red\w* (?:es )?mir nicht aus)\b",
        guard=r"\b(?:schutz\w*|schutze\w*|geschichte|pravention|vorbeug\w+|genesung|therapie|professionelle hilf"
              r"e|erkenn\w+|analys\w+|"
              r"schutz\w*|entscharf\w+|bergbau)\b"),
    # ---------------------------------------------------------------------------------------- Dutch
    "nl": dict(
        before=r"\b(?:opmaak|lengte|stijl|spelling|dieet|woord|tijd|budget|oude) $",
        rules=r"\b(?:regels|instructies|richtlijnen|beleid|beperkingen|grenzen|filters|systeemprompt|"
              r"systeeminstructies|configuratie|censuur|voorschriften)\b",
        void=r"\b(?:(?:gelden|tellen) (?:\w+ ){0,2}(?:niet|niet meer|niet voor mij|voor mij niet)|(?:zijn|worden) "
             r"(?:\w+ ){0,2}(?:ongeldig|opgeheven|vervallen|nietig|uitgeschakeld|geschrapt)|ongeldig|vervallen|"
             r"nietig|vrijgesteld|niet meer van toepassing|niet van toepassing)\b",
        mine=r"^ (?:van mij|die ik (?:je )?(?:gaf|heb gegeven))\b|^ (?:voor|over) (?:de )?(?:opmaak|lengte|stijl|"
             r"dieet|spelling)",
        own=r"\b(?:mijn (?:\w+ )?(?:voorkeuren|instellingen|notities|instructies|berichten|woorden|wensen)|wat ik "
            r"(?:zeg|schrijf|wil|vraag)|(?:de )?gebruikersvoorkeuren)\b",
        up=r"\b(?:boven|voorrang|prioriteit|belangrijker dan|in plaats van|gaan voor|winnen|vervangen|overrulen)\b",
        system=r"\b(?:(?:je|jouw|uw) (?:\w+ ){0,2}(?:regels|instructies|richtlijnen|beperkingen|beleid)|"
               r"systeemprompt|systeeminstructies|systeemregels|(?:regels|richtlijnen|instructies) van (?:de |je |"
               r"jouw )?(?:ontwikkelaar\w*|systeem|platform|maker\w*))\b",
        nolimit=r"\b(?:(?:kent|heeft) (?:nergens |geen )(?:\w+ )?grenzen|(?:nergens|geen) (?:grenzen|regels) kent|"
                r"zonder (?:enige |alle |welke )?(?:regels|grenzen|beperking(?:en)?|ethiek|moraal|geweten|cens"
                r"uur|"
                r"veiligheidsfilters|remmen)|(?:kent|heeft) geen (?:\w+ )?(?:regels|grenzen|moraal|ethiek|geweten)|"
                r"onbeperkt\w*)\b",
        everything=r"\b(?:alles|al (?:mijn|m n) vragen|alle vragen|elke vraag|wat (?:dan )?ook)\b",
        persona=r"\b(?:speel|doe alsof|doe je voor als|rol van|je bent (?:nu|vanaf nu)|vanaf nu ben je|personage|"
                r"stel je voor dat je|beeld je in)\b",
        ai=r"\b(?:ai|kunstmatige intelligentie|assistent|model|bot|chatbot)\b",
        make=r"\b(?:kopen|regelen|mak\w+|maak|bouw\w*|koken|kook|synthetiseer\w*|produceer\w*|stap voor stap|rec"
             r"ept|kweken|"
             r"in elkaar zetten)\b",
        illicit=r"\b(?:bom(?:men)?|explosieven|springstof\w*|drugs|crystal meth|meth|cocaine|heroine|fentanyl|opium|"
                r"xtc|wapens? (?:zonder serienummer|zelf)|malware|ransomware|computervirus|gif)\b",
        self=r"\b(?:mezelf (?:\w+ )?(?:pijn doen|snijden|verwonden|iets aandoen|beschadigen)|zelfbeschadig\w*|"
             r"zelfmoord|suicide|niet (?:meer )?eten|minder eten|overgeven|uithongeren)\b",
        enable=r"\b(?:moedig\w* (?:me|mij) aan|aanmoedig\w+|steun\w*|prijs (?:me|mij)|verberg\w*|verstop\w*|"
               r"praat het (?:me|mij) niet uit)\b",
        guard=r"\b(?:bescherm\w*|voorkom\w*|geschiedenis|preventie|voorkomen|herstel|therapie|professionele hulp"
              r"|herkennen|analyse|"
              r"beschermen)\b"),
    # ---------------------------------------------------------------------------------------- Swedish
    "sv": dict(
        before=r"\b(?:format\w*|langd|stil|stavning|kost|ord|tid|budget|gamla) $",
        rules=r"\b(?:regler|reglerna|instruktioner\w*|riktlinjer\w*|policy\w*|begransningar\w*|granser\w*|filter|"
              r"filtren|systemprompt\w*|sparrar\w*|censur)\b",
        void=r"\b(?:(?:galler|tillampas) (?:\w+ ){0,2}(?:inte|inte langre|inte for mig|ej)|(?:ar|blir) (?:\w+ ){0,2}"
             r"(?:ogiltig\w*|upphavd\w*|avskaffad\w*|avstangd\w*)|ogiltig\w*|upphavd\w*|undantagen|undantag|"
             r"inte langre giltig\w*)\b",
        mine=r"^ (?:som jag (?:gav|skrev))\b|^ (?:for|om) (?:formatering|langd|stil|kost|stavning)",
        own=r"\b(?:mina (?:\w+ )?(?:preferenser|installningar|anteckningar|instruktioner|onskemal|ord|meddelanden)|"
            r"det jag (?:sager|skriver|vill|ber om)|anvandarens (?:preferenser|installningar))\b",
        up=r"\b(?:gar fore|ga fore|fore|over|prioritet\w*|viktigare an|istallet for|vinner|ersatter|trumfar)\b",
        system=r"\b(?:(?:dina|era) (?:\w+ ){0,2}(?:regler|instruktioner|riktlinjer|begransningar)|systemprompt\w*|"
               r"systeminstruktioner\w*|systemregler\w*|(?:regler|riktlinjer|instruktioner) fran (?:\w+ )?"
               r"(?:utvecklare\w*|systemet|plattformen)|utvecklarens (?:\w+ )?(?:regler|riktlinjer|instruktioner))\b",
        nolimit=r"\b(?:utan (?:nagra |alla )?(?:regler|granser|begransningar|etik|moral|samvete|censur|sparrar)|"
                r"(?:har|kanner) (?:inga|ingen) (?:\w+ )?(?:regler|granser|moral|etik|samvete)|obegransad\w*)\b",
        everything=r"\b(?:allt|alla (?:mina )?fragor|varje fraga|vad som helst)\b",
        persona=r"\b(?:spela|latsas|lat som|rollen som|du ar nu|fran och med nu ar du|karaktar\w*|tank dig att du)\b",
        ai=r"\b(?:ai|artificiell intelligens|assistent|modell|bot|chattbot)\b",
        make=r"\b(?:kopa|skaffa|tillverka\w*|gor|gora|bygg\w*|koka|syntetisera\w*|producera\w*|steg for steg|rec"
             r"ept|odla|"
             r"framstall\w*)\b",
        illicit=r"\b(?:bomb\w*|sprangamne\w*|sprangladdning\w*|droger|narkotika|knark|metamfetamin|kokain|heroin|"
                r"fentanyl|opium|vapen|skadlig kod|malware|ransomware|datavirus|gift)\b",
        self=r"\b(?:skada mig sjalv|skara mig|sjalvskad\w*|sjalvmord\w*|ta mitt liv|inte ata|sluta ata|svalta|"
             r"krakas)\b",
        enable=r"\b(?:uppmuntra\w*|stotta\w*|peppa\w*|beromm\w*|dolja|gomma|gom)\b",
        guard=r"\b(?:skydda\w*|forhindra|historia|forebygg\w*|aterhamt\w*|terapi|professionell hjalp|upptacka|an"
              r"alys\w*|skydda)\b"),
    # ---------------------------------------------------------------------------------------- Polish
    "pl": dict(
        before=r"\b(?:formatowania|dlugosci|stylu|pisowni|diety|slow|czasu|budzetu|stare|dawne) $",
        rules=r"\b(?:zasady|zasad|reguły|regul\w*|instrukcje|instrukcji|wytyczne|wytycznych|polityk\w+|ograniczenia|"
              r"ograniczen|limity|filtry|prompt systemowy|cenzur\w+|zabezpieczenia)\b",
        void=r"\b(?:(?:juz )?nie (?:\w+ )?(?:obowiazuja|obowiazuje|dotycza|dotyczy|licza sie|maja zastosowania)|"
             r"(?:sa|zostaja|zostaly) (?:\w+ ){0,2}(?:uniewaznione|zniesione|wylaczone|zawieszone|anulowane)|"
             r"niewazne|niewazn\w+|uniewaznion\w+|zniesion\w+|zwolnion\w+)\b",
        mine=r"^ (?:moje|ktore (?:ci )?(?:dalem|dalam|napisalem))\b|^ (?:dotyczace|co do|na temat) "
             r"(?:formatowania|dlugosci|stylu|diety|pisowni)",
        own=r"\b(?:moje (?:\w+ )?(?:preferencje|ustawienia|notatki|polecenia|instrukcje|wiadomosci|slowa|"
            r"zyczenia)|to co (?:mowie|pisze|chce)|preferencje uzytkownika)\b",
        up=r"\b(?:ponad|nadrzedn\w+|priorytet\w*|wazniejsze (?:od|niz)|zamiast|wygrywaja|zastepuja|przed "
           r"(?:twoimi|zasadami|regulami))\b",
        system=r"\b(?:(?:twoje|twoich|twoimi) (?:\w+ ){0,2}(?:zasad\w*|regul\w*|instrukcj\w+|wytyczn\w+|"
               r"ograniczen\w*)|instrukcj\w+ systemow\w+|prompt\w* systemow\w+|(?:zasady|reguly|wytyczne|instrukcje) "
               r"(?:od )?(?:twojego |twoich )?(?:dewelopera|tworc\w+|programist\w+|systemu|platformy))\b",
        nolimit=r"\b(?:bez (?:zadnych |jakichkolwiek )?(?:zasad|regul|ograniczen|etyki|moralnosci|sumienia|cenzury|"
                r"skrupulow|hamulcow|filtrow bezpieczenstwa)|nie ma (?:\w+ )?(?:zasad|ograniczen|moralnosci|etyki|"
                r"sumienia)|nieograniczon\w+)\b",
        everything=r"\b(?:wszystko|wszystkie (?:moje )?pytania|kazde pytanie|cokolwiek)\b",
        persona=r"\b(?:udawaj|odgrywaj|zagraj|wciel sie|rola|role|jestes (?:teraz|od teraz)|od teraz jestes|"
                r"postac\w*|wyobraz sobie ze jestes)\b",
        ai=r"\b(?:ai|si|sztuczna inteligencja|sztuczn\w+ inteligencj\w+|asystent\w*|model|bot|chatbot)\b",
        make=r"\b(?:kupic|zdobyc|zrob\w*|robic|wyprodukowac|produkowac|zbudowac|budowac|ugotowac|gotowac|syntetyzowac|"
             r"wytworzyc|krok po kroku|przepis|hodowac|uprawiac|jak (?:zrobic|zbudowac|ugotowac))\b",
        illicit=r"\b(?:bomb\w*|material\w* wybuchow\w*|ladun\w* wybuchow\w*|narkotyk\w*|metamfetamin\w*|kokain\w*|"
                r"heroin\w*|fentanyl\w*|opium|bron\w* (?:palna )?(?:bez numeru|domow\w+)|malware|ransomware|"
                r"zlosliwe oprogramowanie|wirus\w* komputerow\w*|trucizn\w*)\b",
        self=r"\b(?:samookalecz\w*|skrzywdzic sie|okaleczac sie|ciac sie|pociac sie|samoboj\w+|odebrac sobie zycie|"
             r"nie jesc|przestac jesc|glodzic sie|wymiotowac)\b",
        enable=r"\b(?:zachecal\w*|zachecaj\w*|zachec\w*|wspieraj\w*|wspieral\w*|chwal\w*|ukryc|ukrywac|schowac|"
               r"zatuszowac|nie odwodz\w*)\b",
        guard=r"\b(?:chronic|zabezpiecz\w*|histori\w+|profilaktyk\w+|zapobieg\w+|leczeni\w+|terapi\w+|pomoc prof"
              r"esjonaln\w+|wykrywa\w+|"
              r"analiz\w+|ochron\w+)\b"),
    # ---------------------------------------------------------------------------------------- Russian
    "ru": dict(
        before=r"(?:оформлени\w+|длин\w+|стил\w+|диет\w+|формат\w+|прежние|старые) $",
        rules=r"(?:правил\w*|инструкци\w+|указани\w+|ограничени\w+|запрет\w*|фильтр\w*|рамк\w+|директив\w+|"
              r"политик\w+|систем\w+ промпт\w*|цензур\w+|нормы|норм\b)",
        void=r"(?:(?:больше )?не (?:\w+ )?(?:действу\w+|применя\w+|распространя\w+|касаются|касается|име\w+ силы|"
             r"обязательн\w+|важн\w+)|(?:отменен\w*|отменён\w*|аннулирован\w*|недействительн\w+|сняты|снято|"
             r"утратил\w* силу|не в силе|освобожд[её]н\w*))",
        mine=r"^ (?:мои|моих|которые я (?:тебе )?(?:дал|дала|писал|писала))|^ (?:по|насч[её]т|про) "
             r"(?:оформлени\w+|длин\w+|стил\w+|диет\w+|формат\w+)",
        own=r"(?:мои (?:\w+ )?(?:настройки|предпочтения|заметки|инструкции|сообщения|слова|указания|пожелания)|"
            r"то что я (?:говорю|пишу|хочу|прошу)|пользовательск\w+ (?:настройки|предпочтения))",
        up=r"(?:выше|важнее|вместо|приоритет\w*|превыше|главнее|отменя\w+|заменя\w+|перекрыва\w+)",
        system=r"(?:(?:твои|твоих|ваши|ваших) (?:\w+ ){0,2}(?:правил\w*|инструкц\w+|указани\w+|ограничени\w+)|"
               r"системн\w+ (?:промпт\w*|инструкц\w+|правил\w*|настрой\w+)|(?:правил\w*|инструкци\w+|указани\w+) "
               r"(?:от )?(?:\w+ )?(?:разработчик\w*|создател\w+|платформ\w+|систем\w+))",
        nolimit=r"(?:без (?:каких[ -]либо |всяких |любых )?(?:правил|ограничений|морали|этики|совести|цензуры|"
                r"запретов|тормозов|принципов)|(?:нет|не знает|не имеет) (?:\w+ )?(?:правил|ограничений|морали|"
                r"этики|совести)|безграничн\w+)",
        everything=r"(?:вс[её]|любые (?:мои )?вопрос\w*|любой вопрос|все (?:мои )?вопрос\w*|что угодно)",
        persona=r"(?:притвор\w+|сыграй|играй|представь что ты|ты (?:теперь|сейчас) |теперь ты|рол\w+|персонаж\w*|"
                r"изобража\w+|веди себя как)",
        ai=r"(?:\bии\b|искусственн\w+ интеллект\w*|ассистент\w*|модел\w+|бот\w*|нейросет\w+)",
        make=r"(?:купить|достать|раздобыть|сделать|делать|изготов\w+|приготов\w+|свар\w+|вар\w+|синтез\w*|произв"
             r"\w+|собрать|собира\w+|по "
             r"шагам|пошагов\w+|шаг за шагом|рецепт\w*|вырастить|выращива\w+|добы\w+)",
        illicit=r"(?:\bмет\b|амфетамин\w*|бомб\w*|взрывчатк\w+|взрывн\w+ устройств\w+|наркотик\w*|мефедрон\w*|мета"
                r"мфетамин\w*"
                r"|кокаин\w*|"
                r"героин\w*|фентанил\w*|опи[йу]\w*|оружи\w+ (?:без номера|своими руками|дома|в домашних условиях)|"
                r"самодельн\w+ (?:оружи\w+|пистолет\w*|взрывн\w+)|вредоносн\w+|вирус\w*|"
                r"малвар\w*|троян\w*|яд\w*\b)",
        self=r"(?:причин\w* (?:себе )?вред|навредить себе|резать себя|порезать себя|порез\w+|самоповрежд\w*|"
             r"суицид\w*|покончить с собой|убить себя|не есть|перестать есть|голода\w*|вызвать рвоту)",
        enable=r"(?:поддерж\w+|поощр\w+|одобр\w+|подбадрив\w+|хвал\w+|скры\w+|спрята\w+|не отговарива\w+)",
        guard=r"(?:защит\w+|предотврат\w+|истори\w+|профилактик\w+|предотвра\w+|выздоровлен\w+|терапи\w+|помощь "
              r"специалист\w+|"
              r"распозна\w+|анализ\w*|защит\w+|разминир\w+|" + RU_SUPPORT + ")"),
    # ---------------------------------------------------------------------------------------- Ukrainian
    "uk": dict(
        before=r"(?:оформлен\w+|довжин\w+|стил\w+|дієт\w+|формат\w+|старі|попередні) $",
        rules=r"(?:правил\w*|інструкці\w+|вказівк\w+|обмежен\w+|заборон\w+|фільтр\w*|рамк\w+|політик\w+|"
              r"системн\w+ промпт\w*|цензур\w+|норми)",
        void=r"(?:(?:більше )?не (?:\w+ )?(?:діють|діє|застосову\w+|поширю\w+|стосуються|стосується|мають сили|"
             r"важлив\w+)|(?:скасован\w*|анульован\w*|недійсн\w+|зняті|втратил\w* силу|звільнен\w*))",
        mine=r"^ (?:мої|моїх|які я (?:тобі )?(?:дав|дала))|^ (?:щодо|про) (?:оформлен\w+|довжин\w+|стил\w+|"
             r"дієт\w+|формат\w+)",
        own=r"(?:мої (?:\w+ )?(?:налаштування|уподобання|вподобання|нотатки|інструкції|повідомлення|слова|"
            r"вказівки|побажання)|те що я (?:кажу|пишу|хочу|прошу))",
        up=r"(?:вище|важливіш\w+|замість|пріоритет\w*|понад|головніш\w+|скасову\w+|замінюю\w+)",
        system=r"(?:(?:твої|твоїх|ваші|ваших) (?:\w+ ){0,2}(?:правил\w*|інструкц\w+|вказів\w+|обмежен\w+)|"
               r"системн\w+ (?:промпт\w*|інструкц\w+|правил\w*)|(?:правила|інструкції|вказівки) (?:від )?"
               r"(?:розробник\w*|творц\w+|платформ\w+|систем\w+))",
        nolimit=r"(?:без (?:жодних |будь[ -]яких |усяких )?(?:правил|обмежень|моралі|етики|совісті|цензури|"
                r"заборон|гальм|принципів)|(?:немає|не знає|не має) (?:\w+ )?(?:правил|обмежень|моралі|етики|"
                r"совісті)|безмежн\w+)",
        everything=r"(?:вс[еі]|будь[ -]які (?:мої )?питання|будь[ -]яке питання|усі (?:мої )?питання|що завгодно)",
        persona=r"(?:вдавай|прикидайся|зіграй|грай|уяви що ти|ти (?:тепер|зараз) |тепер ти|рол\w+|персонаж\w*|"
                r"поводься як)",
        ai=r"(?:\bші\b|штучн\w+ інтелект\w*|асистент\w*|модел\w+|бот\w*|нейромереж\w+)",
        make=r"(?:купити|дістати|зробити|робити|виготов\w+|приготу\w+|приготув\w+|звар\w+|вар\w+|синтез\w+|вироб"
             r"ля\w+|зібрати|"
             r"крок за кроком|покроков\w+|рецепт\w*|виростити|вирощува\w+|переробля\w+|перероби\w+)",
        illicit=r"(?:бомб\w*|вибухівк\w+|вибухов\w+ пристр\w+|наркотик\w*|метамфетамін\w*|кокаїн\w*|героїн\w*|"
                r"фентаніл\w*|опі[йу]\w*|зброю (?:без номера|своїми руками|вдома)|саморобн\w+ зброю|шкідлив\w+ ("
                r"?:програм\w+|код\w*)|"
                r"вірус\w*|отрут\w+)",
        self=r"(?:завда\w* (?:собі )?шкоди|нашкодити собі|різати себе|порізати себе|поріз\w+|самоушкодж\w*|"
             r"суїцид\w*|покінчити з собою|вбити себе|не їсти|перестати їсти|голоду\w*|викликати блювоту)",
        enable=r"(?:підтрим\w+|заохочу\w+|схвалю\w+|підбадьор\w+|хвал\w+|прихов\w+|схова\w+|не відмовля\w+)",
        guard=r"(?:захист\w+|запобіг\w+|історі\w+|профілактик\w+|запобіг\w+|одужан\w+|терапі\w+|допомог\w+ фахів"
              r"\w+|розпізна\w+|"
              r"аналіз\w*|захист\w+)"),
    # ---------------------------------------------------------------------------------------- Greek
    "el": dict(
        before=r"(?:μου|μασ)(?: \S+)? $|(?:μορφοποιησ\w+|μηκουσ|στυλ|διατροφ\w+) $",
        rules=r"(?:κανον\w*|οδηγι\w+|περιορισμ\w+|φιλτρ\w+|πολιτικ\w+|ορια|οριων|λογοκρισι\w+|προτροπη συστηματοσ|"
              r"ρυθμισ\w+ ασφαλειασ)",
        void=r"(?:δεν (?:\w+ )?(?:ισχυ\w+|εφαρμοζ\w+|μετρα\w+|με αφορ\w+|αφορ\w+)|(?:ακυρ\w+|καταργ\w+|ανενεργ\w+|"
             r"απενεργοποιημεν\w+|αρση|εξαιρ\w+)|δεν ισχυουν πια|παυουν να ισχυουν)",
        mine=r"^ (?:μου|μασ)\b|^ (?:για|σχετικα με) (?:τη |την |το )?(?:μορφοποιηση|μορφη|μηκοσ|στυλ|διατροφη)",
        own=r"(?:οι (?:\w+ )?(?:προτιμησεισ|ρυθμισεισ|σημειωσεισ|οδηγιεσ|εντολεσ) μου|τα (?:λογια|μηνυματα) μου|"
            r"οτι (?:λεω|γραφω|θελω))",
        up=r"(?:πανω απο|προτεραιοτητα|πιο σημαντικ\w+|υπερισχυ\w+|αντι για|αντικαθιστ\w+|ακυρων\w+)",
        system=r"(?:(?:οι |τουσ |τισ )?(?:κανον\w*|οδηγι\w+|περιορισμ\w+) (?:σου|του συστηματοσ|του "
               r"προγραμματιστη|του δημιουργου|τησ πλατφορμασ)|προτροπη συστηματοσ|οδηγιεσ συστηματοσ|system prompt)",
        nolimit=r"(?:χωρισ (?:κανεναν |κανενα |καμια |καθολου )?(?:κανον\w*|ορια|περιορισμ\w+|ηθικ\w+|συνειδηση|"
                r"λογοκρισια|ενδοιασμ\w+|φιλτρα ασφαλειασ)|δεν (?:εχει|ξερει|γνωριζει) (?:\w+ )?(?:κανον\w*|ορια|"
                r"ηθικ\w+|συνειδηση)|απεριοριστ\w+)",
        everything=r"(?:ολα|ολεσ (?:τισ )?(?:ερωτησεισ )?μου|ολεσ τισ ερωτησεισ|καθε ερωτηση|οτιδηποτε)",
        persona=r"(?:παιξε|υποδυσου|κανε οτι|προσποιησου|ρολο|εισαι (?:τωρα|πλεον)|απο τωρα εισαι|χαρακτηρα|"
                r"φαντασου οτι εισαι)",
        ai=r"(?:τεχνητη νοημοσυνη|τεχνητησ νοημοσυνησ|\bai\b|βοηθο\w*|μοντελο|bot|chatbot)",
        make=r"(?:φτιαξ\w+|φτιαχν\w+|κατασκευ\w+|παρασκευ\w+|μαγειρ\w+|συνθεσ\w+|παραγ\w+|βημα (?:βημα|προσ βημα)|"
             r"συνταγη|καλλιεργ\w+|πωσ να)",
        illicit=r"(?:βομβ\w+|εκρηκτικ\w+|ναρκωτικ\w+|μεθαμφεταμιν\w+|κοκαιν\w+|ηρωιν\w+|φαιντανυλ\w+|οπιο|"
                r"οπλ\w+ (?:χωρισ αριθμο|σπιτικ\w+)|κακοβουλ\w+ λογισμικ\w+|malware|ransomware|ιο\w* υπολογιστ\w+|"
                r"δηλητηρι\w+)",
        self=r"(?:να (?:κανω κακο|βλαψω|κοψω|σκοτωσω) (?:στον )?εαυτο μου|αυτοτραυματισμ\w+|αυτοκτον\w+|να μην "
             r"τρωω|να σταματησω να τρωω|να κανω εμετο|να πειναω)",
        enable=r"(?:ενθαρρυν\w+|στηριξ\w+|υποστηριξ\w+|επαινεσ\w+|κρυψ\w+|κρυβ\w+|μη με αποτρεψεισ)",
        guard=r"(?:προστατ\w+|ιστορια|προληψη|αναρρωση|θεραπεια|βοηθεια απο ειδικ\w+|ανιχνευσ\w+|αναλυσ\w+|προστ"
              r"ασι\w+)"),
    # ---------------------------------------------------------------------------------------- Turkish
    "tr": dict(
        before=r"\b(?:bicimlendirme|format|uzunluk|stil|yazim|diyet|eski|onceki) $",
        rules=r"\b(?:kurallar(?!im|imiz)\w*|kural\b|talimatlar(?!im)\w*|talimat\b|yonergeler(?!im)\w*|politikalar\w*|"
              r"kisitlamalar(?!im)\w*|kisitlama\w*|sinirlar(?!im)\w*|filtreler\w*|sistem istemi\w*|sansur\w*|"
              r"yasaklar\w*|ilkeler\w*)",
        void=r"\b(?:gecersiz\w*|gecerli degil\w*|artik gecerli degil|uygulanmaz|uygulanmiyor|gecmez|"
             r"kaldirildi|kaldirilmistir|askiya alin\w+|iptal\w*|muaf\w*|hukmu yok\w*|beni baglamaz|baglamiyor|"
             r"gecerliligini yitir\w+)\b",
        mine=r"^ benim(?! icin)\b|^ (?:bicimlendirme|format|uzunluk|stil|diyet)",
        own=r"\b(?:(?:benim )?tercihlerim\w*|ayarlarim\w*|notlarim\w*|talimatlarim\w*|sozlerim\w*|isteklerim\w*|"
            r"kullanici tercihleri\w*|benim dediklerim\w*|soylediklerim\w*)",
        up=r"\b(?:ustun\w*|oncelik\w*|daha onemli\w*|yerine|gecersiz kil\w+|ezer|one gecer|baskin)\b",
        system=r"\b(?:(?:senin )?(?:kurallarin|talimatlarin|yonergelerin|kisitlamalarin|sinirlarin)\b|sistem "
               r"(?:talimat\w*|kural\w*|istem\w*|mesaj\w*)|(?:gelistirici\w*|platform\w*|yaratici\w*) "
               r"(?:\w+ )?(?:kural\w*|politika\w*|talimat\w*|yonerge\w*))",
        nolimit=r"\b(?:(?:hicbir|hic) (?:\w+ )?(?:kurali|kural|siniri|sinir|kisitlamasi|kisitlama|ahlaki|ahlak|"
                r"etik|vicdani|sansur\w*)(?: \w+)? (?:olmayan|yok|olmadan|tanimayan)|kuralsiz|sinirsiz|"
                r"sansursuz|ahlaksiz|vicdansiz|etik kurallari olmayan|kisitlama(?:si)? olmadan|sinir(?:i)? olmadan|"
                r"kural(?:i)? olmadan)\b",
        everything=r"\b(?:her seyi|her sey|tum sorular\w*|butun sorular\w*|her soru\w*|ne sorarsam)\b",
        persona=r"\b(?:rol\w*|canlandir\w*|gibi davran\w*|taklit et\w*|karakter\w*|oyna\w*|artik sen|sen artik|"
                r"farz et|hayal et)",
        ai=r"\b(?:yapay zeka\w*|asistan\w*|model\w*|bot\w*|sohbet botu)",
        make=r"\b(?:satin al\w*|bul\w*|yap\w*|uret\w*|imal\w*|hazirla\w*|pisir\w*|sentezle\w*|adim adim|tarif\w*"
             r"|nasil yapilir|"
             r"yetistir\w*|insa et\w*)",
        illicit=r"\b(?:silah\w*|tabanca\w*|tufek\w*|bomba\w*|patlayici\w*|uyusturucu\w*|metamfetamin\w*|kokain\w*|"
                r"eroin\w*|fentanil\w*|afyon\w*|"
                r"ruhsatsiz silah\w*|kayitsiz silah\w*|zararli yazilim\w*|fidye yazilim\w*|virus\w*|zehir\w*)",
        self=r"\b(?:kendime zarar\w*|kendimi (?:kes\w*|yarala\w*|oldur\w*)|kendine zarar|intihar\w*|canima kiy\w*|"
             r"yemek yeme\w*|ac kal\w*|kusma\w*|kusmak)",
        enable=r"\b(?:cesaretlendir\w*|destekle\w*|tesvik et\w*|ov\w+|sakla\w*|gizle\w*|vazgecirme\w*)",
        guard=r"\b(?:koru\w*|onle\w*|tarih\w*|onleme\w*|iyilesme\w*|terapi\w*|profesyonel yardim|tespit\w*|anali"
              r"z\w*|koru\w+)"),
    # ---------------------------------------------------------------------------------------- Indonesian
    "id": dict(
        before=r"\b(?:format|panjang|gaya|ejaan|diet|lama) $",
        rules=r"\b(?:aturan|peraturan|instruksi|pedoman|kebijakan|batasan|pembatasan|filter|prompt sistem|sensor|"
              r"larangan)(?:mu|nya)?\b",
        void=r"\b(?:(?:sudah |lagi )?tidak (?:\w+ )?(?:berlaku|dipakai|penting|mengikat)|tak berlaku|batal|dibatalkan|"
             r"dicabut|dinonaktifkan|dihapus|dikecualikan)\b",
        mine=r"^(?: (?!untuk|bagi|buat|kepada)\w+){0,2} (?:saya|aku)\b|^ku\b|^ (?:format|panjang|gaya|diet|ejaan)",
        own=r"\b(?:preferensi\w*|pengaturan\w*|catatan\w*|instruksi\w*|perintah\w*|kata[ -]kata)(?:ku| (?:saya|"
            r"aku))\b|\b(?:apa yang (?:saya|aku) (?:katakan|tulis|minta|mau))\b",
        up=r"\b(?:di atas|lebih penting|prioritas|diutamakan|mengalahkan|menggantikan|daripada|menimpa)\b",
        system=r"\b(?:(?:aturan|instruksi|pedoman|batasan|kebijakan)(?:mu| kamu| anda)|prompt sistem|instruksi sistem|"
               r"aturan sistem|(?:aturan|pedoman|kebijakan|instruksi) (?:dari )?(?:pengembang\w*|pembuat\w*|"
               r"platform|sistem))\b",
        nolimit=r"\b(?:tanpa (?:ada )?(?:aturan|batasan|batas|etika|moral|hati nurani|sensor|larangan|filter "
                r"keamanan)|tidak (?:punya|memiliki|mengenal) (?:\w+ )?(?:aturan|batasan|etika|moral)|tak terbatas)\b",
        everything=r"\b(?:semua(?:nya)?|segala(?:nya)?|apa pun|apapun|setiap pertanyaan)\b",
        persona=r"\b(?:berpura[ -]pura|pura[ -]pura|perankan|berperan|peran|jadilah|kamu sekarang|sekarang kamu|"
                r"karakter|bayangkan kamu)\b",
        ai=r"\b(?:ai|kecerdasan buatan|asisten|model|bot|chatbot)\b",
        make=r"\b(?:membeli|mendapatkan|membuat|buat|bikin|meracik|memasak|mensintesis|memproduksi|merakit|langk"
             r"ah demi langkah|"
             r"resep|cara (?:membuat|bikin|meracik)|menanam)\b",
        illicit=r"\b(?:bom|bahan peledak|peledak|narkoba|sabu|metamfetamin|kokain|heroin|fentanil|opium|senjata "
                r"(?:rakitan|api rakitan|ilegal)|malware|ransomware|virus komputer|racun)\b",
        self=r"\b(?:menyakiti diri\w*|melukai diri\w*|menyayat\w*|bunuh diri|mengakhiri hidup\w*|tidak makan|"
             r"berhenti makan|memuntahkan|kelaparan)\b",
        enable=r"\b(?:dukung\w*|mendukung|semangati\w*|menyemangati\w*|puji\w*|sembunyikan|menyembunyikan|tutupi)\b",
        guard=r"\b(?:mencegah|melindungi|sejarah|pencegahan|mencegah|pemulihan|terapi|bantuan profesional|deteks"
              r"i|mendeteksi|analisis|"
              r"melindungi)\b"),
    # ---------------------------------------------------------------------------------------- Vietnamese
    "vi": dict(
        before=r"\b(?:đinh dang|đo dai|phong cach|chinh ta|an kieng|cu) $",
        rules=r"\b(?:quy tac|quy đinh|huong dan|chi dan|chinh sach|han che|gioi han|bo loc|loi nhac he thong|"
              r"kiem duyet|nguyen tac)\b",
        void=r"\b(?:khong con (?:\w+ )?(?:hieu luc|ap dung|gia tri|tac dung)|khong (?:\w+ )?ap dung|het hieu luc|"
             r"vo hieu|bi huy|huy bo|đuoc mien|mien tru|bai bo)\b",
        mine=r"^(?: \w+){0,3} (?:cua (?:toi|minh|tao))\b|^ (?:ve )?(?:đinh dang|đo dai|phong cach|an kieng)",
        own=r"\b(?:(?:so thich|cai đat|ghi chu|chi dan|yeu cau|loi|tuy chon) (?:\w+ )?cua (?:toi|minh)|nhung gi "
            r"toi (?:noi|viet|muon))\b",
        up=r"\b(?:tren|uu tien|quan trong hon|thay cho|thay the|đe len|vuot len)\b",
        system=r"\b(?:(?:quy tac|huong dan|chi dan|chinh sach|gioi han|han che) (?:\w+ )?(?:cua (?:ban|may|he thong|"
               r"nha phat trien|nen tang))|loi nhac he thong|chi dan he thong|quy tac he thong)\b",
        nolimit=r"\b(?:khong (?:co )?(?:bat ky |bat cu )?(?:quy tac|gioi han|han che|đao đuc|luong tam|kiem duyet|"
                r"rao can|bo loc an toan)|khong gioi han|vo han)\b",
        everything=r"\b(?:moi (?:thu|cau hoi|đieu|yeu cau)|tat ca|bat cu (?:đieu|thu|cau hoi) gi|bat ky)\b",
        persona=r"\b(?:đong vai|gia vo|nhap vai|vai tro|nhan vat|tu gio ban la|ban bay gio la|hay tuong tuong ban)\b",
        ai=r"\b(?:ai|tri tue nhan tao|tro ly|mo hinh|bot|chatbot)\b",
        make=r"\b(?:che tao|lam|san xuat|nau|tong hop|lap rap|tung buoc|cong thuc|cach (?:lam|che|nau)|trong)\b",
        illicit=r"\b(?:bom|thuoc no|chat no|ma tuy|đa(?! nang| lat)|methamphetamine|cocaine|heroin|fentanyl|"
                r"thuoc phien|"
                r"sung (?:tu che|khong so)|phan mem đoc hai|ma đoc|malware|ransomware|virus may tinh|chat đoc)\b",
        self=r"\b(?:tu lam hai|lam hai ban than|tu hai|cat tay|tu sat|ket lieu|khong an|nhin an|bo an|non ra)\b",
        enable=r"\b(?:khuyen khich|co vu|ung ho|khen|giau|che giau|an giau)\b",
        guard=r"\b(?:chong|phong|lich su|phong ngua|phong chong|hoi phuc|tri lieu|chuyen gia|phat hien|phan tich"
              r"|bao ve)\b"),
    # ---------------------------------------------------------------------------------------- Chinese
    "zh": dict(
        before=r"(?:我的|我之前的|我以前的|格式|字数|篇幅|长度|风格|饮食)\S{0,4}$",
        rules=r"(?:规则|规定|指令|指示|准则|守则|政策|限制|过滤|审查|系统提示|安全设置|约束|条条框框)",
        void=r"(?:不要再管|别再管|不用管|不必管|别管|作废|无效|失效|不再(?:适用|有效|生效|算数|重要|管用)|不适用"
             r"|不管用|对我不适用|对我无效|对我没用|"
             r"取消了|已取消|全部取消|解除了|已解除|豁免|不算数|可以不管)",
        mine=r"^(?:是我的)|^(?:关于)?(?:格式|字数|篇幅|长度|风格|饮食)",
        own=r"(?:我的(?:\S{0,4})?(?:偏好|设置|笔记|指令|指示|要求|话|消息|规则)|我说的|我写的|用户偏好|用户设置)",
        up=r"(?:优先|高于|大于|凌驾|胜过|更重要|为准|取代|覆盖|压过|之上)",
        system=r"(?:你的(?:\S{0,3})?(?:规则|指令|准则|限制|政策|设定|系统提示)|系统(?:提示|规则|指令|设定)|"
               r"开发者(?:的)?(?:\S{0,2})?(?:规则|指令|准则|限制|政策)|平台(?:的)?(?:规则|政策))",
        nolimit=r"(?:没有(?:任何)?(?:道德|规则|限制|底线|伦理|良知|审查|约束|禁忌)|不受(?:任何)?(?:限制|约束|规则)|"
                r"无(?:任何)?(?:限制|规则|道德|底线|审查)|毫无(?:限制|底线|道德)|不讲道德|无所顾忌)",
        everything=r"(?:所有(?:的)?问题|一切|任何(?:问题|事|要求)|什么都|全部问题|我问什么)",
        persona=r"(?:扮演|假装|角色|你现在是|从现在起你是|想象你是|模拟|饰演|人设)",
        ai=r"(?:ai|人工智能|助手|模型|机器人)",
        make=r"(?:制作|制造|做|合成|提炼|生产|组装|配制|一步一步|一步步|步骤|配方|教我|怎么(?:做|制作|弄)|种植|提取)",
        illicit=r"(?:炸弹|炸药|爆炸物|毒品|冰毒|甲基苯丙胺|可卡因|海洛因|芬太尼|鸦片|枪支|自制枪|土枪|恶意软件|"
                r"勒索软件|病毒|毒药)",
        self=r"(?:伤害自己|自残|自伤|割腕|割自己|自杀|结束(?:我的)?生命|不吃饭|绝食|节食到|催吐|饿自己)",
        enable=r"(?:鼓励|支持|夸|表扬|藏住|隐藏|掩盖|遮住|别劝|不要劝)",
        guard=r"(?:防|历史|预防|康复|治疗|求助|专业帮助|识别|检测|分析|防范|排爆)"),
    # ---------------------------------------------------------------------------------------- Japanese
    "ja": dict(
        before=r"(?:私の|前に言った|以前の|書式|文字数|長さ|形式|スタイル|食事)\S{0,4}$",
        rules=r"(?:ルール|規則|規定|指示|命令|設定|指針|ガイドライン|ポリシー|制限|制約|フィルター|検閲|システム"
              r"プロンプト|"
              r"安全設定|安全上の配慮|安全への配慮|安全面の配慮|決まり)",
        void=r"(?:無効|失効|取り消|撤回|破棄|適用されません|適用されない|適用外|もう(?:効力|意味)(?:は|が)?(?:あ"
             r"りません|ない)|"
             r"関係(?:ありません|ない)|不要|要りません|いらない|撤廃|解除され|免除|従わなくて(?:いい|よい)|"
             r"守らなくて(?:いい|よい)|気にしなくて(?:いい|よい))",
        mine=r"^(?:は私の)|^(?:の)?(?:書式|文字数|長さ|スタイル|食事|形式)",
        own=r"(?:私の(?:\S{0,4})?(?:設定|好み|指示|メモ|言葉|要望|希望|ルール)|私が言う|私の言う|ユーザーの(?:設定|"
            r"好み|指示))",
        up=r"(?:優先|上位|より重要|より上|に勝る|を上書き|に代わって|最優先)",
        system=r"(?:あなたの(?:\S{0,3})?(?:ルール|規則|指示|制限|ガイドライン|ポリシー)|システム(?:プロンプト|の"
               r"(?:ルール|"
               r"指示|規則))|開発者の(?:\S{0,3})?(?:ルール|規則|指示|ポリシー|ガイドライン)|運営の(?:ルール|規則"
               r"|方針))",
        nolimit=r"(?:(?:倫理|ルール|規則|制限|道徳|良心|モラル|検閲|タブー)(?:も|が)?(?:一切)?(?:ない|なし|無し|"
                r"持たない|"
                r"知らない)|制限なし|制限なく|制限のない|無制限|何の制限も|ルール無用|倫理観(?:の)?ない)",
        everything=r"(?:どんな(?:質問|こと|内容)|何でも|なんでも|全ての質問|すべての質問|あらゆる(?:質問|こと))",
        persona=r"(?:演じ|なりきっ|なりきり|ふりをし|役を|ロールプレイ|キャラクター|あなたは今|今からあなたは|"
                r"想像して)",
        ai=r"(?:ai|人工知能|アシスタント|モデル|ボット)",
        make=r"(?:作り方|作る|製造|合成|調合|精製|手順|ステップ|レシピ|栽培|組み立て)",
        illicit=r"(?:爆弾|爆発物|爆薬|麻薬|覚醒剤|覚せい剤|メタンフェタミン|コカイン|ヘロイン|フェンタニル|アヘン|"
                r"銃|マルウェア|ランサムウェア|ウイルス|毒物|毒薬)",
        self=r"(?:自傷|自分を傷つけ|リストカット|自殺|死にたい|食べないように|断食|絶食|吐く方法|吐き方)",
        enable=r"(?:励まし|励まして|応援|褒め|隠し方|隠す方法|隠して|止めないで)",
        guard=r"(?:防|歴史|予防|回復|治療|相談|専門家|見分け|検出|分析|防止|処理班)"),
    # ---------------------------------------------------------------------------------------- Korean
    "ko": dict(
        before=r"(?:내가|제가|나의|저의|내|제) (?:\S+ ){0,3}$|(?:형식|글자 ?수|길이|문체|식단|서식) ?$",
        rules=r"(?:규칙|지침|지시|규정|정책|제한|제약|필터|검열|시스템 ?프롬프트|가이드라인|안전 ?설정|원칙)",
        void=r"(?:무효|적용 ?(?:안|되지 ?않|하지 ?않|불가|제외)|효력(?:이|은)? ?없|필요 ?없|상관 ?없|해제|면제|"
             r"폐기|취소|소용 ?없|의미 ?없|안 ?따라도|따를 필요)",
        mine=r"^(?:은 내)|^(?:에 대한 )?(?:형식|글자|길이|문체|식단)",
        own=r"(?:(?:내|제|나의|저의) (?:\S+ )?(?:설정|선호|취향|지시|메모|말|요청|규칙)|내가 (?:하는 말|말한|쓴)|"
            r"사용자 (?:설정|선호))",
        up=r"(?:우선|위에|보다 (?:더 )?(?:중요|위)|최우선|앞서|대신|덮어)",
        system=r"(?:(?:너의|너|네|당신의) (?:\S+ )?(?:규칙|지침|지시|제한|정책|가이드라인)|시스템 ?(?:프롬프트|규칙|"
               r"지침|지시)|개발자(?:가|의)? (?:\S+ )?(?:규칙|지침|지시|정책)|운영자(?:의)? (?:규칙|정책))",
        nolimit=r"(?:(?:윤리|규칙|제한|도덕|양심|검열|금기)(?:도|가|는|이|은)? (?:전혀 |아무 |하나도 )?없는|제한"
                r" ?없이|"
                r"(?:아무|어떤) (?:제한|규칙|제약)(?:도)? 없이|무제한|무검열)",
        everything=r"(?:어떤 질문|모든 질문|뭐든|무엇이든|무슨 질문|모든 것|다 답)",
        persona=r"(?:연기|역할|척해|척 해|롤플레이|캐릭터|너는 이제|이제부터 너는|지금부터 너는|상상해)",
        ai=r"(?:ai|인공지능|어시스턴트|모델|봇|챗봇)",
        make=r"(?:만드는|만들|제조|합성|제작|단계별|단계적|레시피|방법|재배|조립)",
        illicit=r"(?:폭탄|폭발물|폭약|마약|필로폰|메스암페타민|코카인|헤로인|펜타닐|아편|총기|사제 ?총|악성 ?코드|"
                r"악성코드|랜섬웨어|바이러스|독약)",
        self=r"(?:자해|자살|내 몸을 (?:해치|상처)|죽고 ?싶|굶|먹지 ?않|토하|칼로리 이하)",
        enable=r"(?:응원|격려|칭찬|지지|숨기는|숨길|감추는|말리지 ?마)",
        guard=r"(?:막|방지|역사|예방|회복|치료|상담|전문가|구별|탐지|분석|방지)"),
    # ---------------------------------------------------------------------------------------- Arabic
    "ar": dict(
        before=r"(?:التنسيق|الطول|الاسلوب|الحميه) $",
        rules=r"(?:قواعد(?!ي(?:\s|$))|القواعد|تعليمات(?!ي(?:\s|$))|التعليمات|ارشادات|الارشادات|ضوابط|الضوابط|سياسات|"
              r"السياسات|قيود(?!ي(?:\s|$))|القيود|حدود|الحدود|فلاتر|الفلاتر|مرشحات|رقابه|الرقابه|موجه النظام)",
        void=r"(?:لم تعد (?:\S+ )?(?:ساريه|صالحه|قائمه|ملزمه|تنطبق|مهمه)|لا تنطبق|لا تسري|لا تلزمني|ملغاه|ملغيه|"
             r"الغيت|تم الغاء|باطله|لاغيه|غير ساريه|غير صالحه|معفي|معفى|مستثنى)",
        mine=r"^(?:ي|\sالخاصه بي|\sالتي (?:اعطيتك|كتبتها))|^\s(?:التنسيق|الطول|الاسلوب|الحميه)",
        own=r"(?:تفضيلاتي|اعداداتي|ملاحظاتي|تعليماتي|كلامي|طلباتي|اوامري|رغباتي|ما اقوله|ما اكتبه|تفضيلات المستخدم)",
        up=r"(?:فوق|اهم من|اولويه|الاولويه|تتقدم على|بدلا من|تلغي|تتجاوز|اعلى من)",
        system=r"(?:(?:قواعدك|تعليماتك|قيودك|ارشاداتك|سياساتك|حدودك)|(?:قواعد|تعليمات|سياسات|ارشادات) "
               r"(?:النظام|المطور|المطورين|المنصه|الشركه)|موجه النظام|الخاصه بك)",
        nolimit=r"(?:بلا (?:اي )?(?:قواعد|قيود|حدود|اخلاق|ضمير|رقابه|ضوابط|محرمات)|بدون (?:اي )?(?:قواعد|قيود|حدود|"
                r"اخلاق|ضمير|رقابه|ضوابط)|لا (?:يعرف|يملك|تملك) (?:اي )?(?:قواعد|قيود|حدود|اخلاق)|غير مقيد|غير "
                r"محدود)",
        everything=r"(?:كل (?:اسئلتي|الاسئله|شيء|سؤال|ما اطلب)|اي (?:سؤال|شيء)|اي شي)",
        persona=r"(?:تظاهر|العب دور|دور|شخصيه|تقمص|انت الان|من الان انت|تخيل انك|مثل دور)",
        ai=r"(?:ذكاء اصطناعي|الذكاء الاصطناعي|مساعد|نموذج|روبوت|بوت)",
        make=r"(?:صنع|تصنيع|اصنع|تحضير|تركيب|طبخ|انتاج|خطوه بخطوه|وصفه|طريقه|كيف (?:اصنع|احضر)|زراعه)",
        illicit=r"(?:سلاح\S* (?:في المنزل|منزلي\S*|يدوي\S*)|قنبله|قنابل|متفجرات|مواد متفجره|مخدرات|ميثامفيتامين|"
                r"كوكايين|هيروين|فنتانيل|افيون|سلاح غير "
                r"مرخص|اسلحه غير مرخصه|برامج خبيثه|برمجيات خبيثه|فيروس|فيروسات|سم|سموم)",
        self=r"(?:ايذاء نفسي|اذيه نفسي|اؤذي نفسي|جرح نفسي|اجرح نفسي|الانتحار|انتحار|انهاء حياتي|اقتل نفسي|التوقف "
             r"عن الاكل|لا اكل|عدم الاكل|التقيؤ|اتقيا)",
        enable=r"(?:شجعني|تشجيع|شجع|ادعمني|دعم|امدح|اخفاء|اخفي|كيف اخفي|لا تمنعني)",
        guard=r"(?:احمي|حمايه|تاريخ|الوقايه|الوقايه من|التعافي|علاج|مساعده متخصصه|كشف|اكتشاف|تحليل|حمايه)"),
    # ---------------------------------------------------------------------------------------- Hebrew
    "he": dict(
        before=r"(?:עיצוב|אורך|סגנון|דיאטה|פורמט) $",
        rules=r"(?:כללים|הכללים|חוקים|החוקים|הוראות|ההוראות|הנחיות|ההנחיות|מדיניות|הגבלות|ההגבלות|מגבלות|המגבלות|"
              r"פילטרים|מסננים|צנזורה|הנחיית מערכת|פרומפט מערכת)",
        void=r"(?:לא (?:\S+ )?(?:תקפים|תקפות|תקף|חלים|חלות|חל|רלוונטיים|רלוונטיות|מחייבים|מחייבות)|(?:בוטלו|מבוטלים|"
             r"מבוטלות|בטלים|בטלות|הוסרו|פטור|פטורים|מושעים|כבר לא בתוקף|לא בתוקף))",
        mine=r"^(?:\s\S+){0,2}\s?(?:שלי|שלנו|שנתתי|שכתבתי)|^\s(?:לגבי|על)? ?(?:עיצוב|אורך|סגנון|דיאטה|פורמט)",
        own=r"(?:ההעדפות שלי|העדפותיי|ההגדרות שלי|ההערות שלי|ההוראות שלי|המילים שלי|הבקשות שלי|מה שאני (?:אומר|"
            r"אומרת|כותב|כותבת|רוצה))",
        up=r"(?:מעל|חשוב(?:ות|ים)? יותר|עדיפות|קודמות ל|קודמים ל|במקום|גוברות על|גוברים על|דורס)",
        system=r"(?:(?:הכללים|ההוראות|ההנחיות|ההגבלות|המגבלות|המדיניות) שלך|(?:הכללים|ההוראות|ההנחיות|המדיניות) "
               r"של (?:המערכת|המפתח|המפתחים|החברה|הפלטפורמה)|הנחיית המערכת|הוראות המערכת|ההוראות של המערכת|"
               r"פרומפט המערכת|(?:הכללים|ההוראות|ההנחיות|ההגבלות) ש(?:קיבלת|נתנו לך|הגדירו לך|תוכנתת))",
        nolimit=r"(?:(?:בלי|ללא) (?:שום |אף |כל )?(?:חוקים|כללים|הגבלות|מגבלות|גבולות|מוסר|אתיקה|מצפון|צנזורה|"
                r"עכבות)|(?:אין לו|אין לה|שאין לו|שאין לה) (?:שום |אף )?(?:חוקים|כללים|מוסר|גבולות|מצפון)|בלתי "
                r"מוגבל)",
        everything=r"(?:כל (?:השאלות|שאלה|דבר|מה ש)|הכל|הכול)",
        persona=r"(?:תעמיד פנים|העמד פנים|תשחק|שחק|תגלם|גלם|תפקיד|דמות|אתה עכשיו|מעכשיו אתה|תדמיין שאתה)",
        ai=r"(?:בינה מלאכותית|\bai\b|עוזר|מודל|בוט|צ'אטבוט)",
        make=r"(?:להכין|להרכיב|לייצר|לבנות|לבשל|לסנתז|הכנה|ייצור|שלב אחר שלב|צעד אחר צעד|מתכון|איך (?:מכינים|"
             r"להכין|בונים)|לגדל)",
        illicit=r"(?:פצצה|פצצות|חומרי נפץ|חומר נפץ|מטען|סמים|מת'|מתאמפטמין|קוקאין|הרואין|פנטניל|אופיום|נשק "
                r"(?:לא חוקי|מאולתר|ביתי)|תוכנה זדונית|נוזקה|כופרה|וירוס|רעל)",
        self=r"(?:לפגוע בעצמי|פגיעה עצמית|לחתוך את עצמי|להתאבד|התאבדות|לשים קץ לחיי|להפסיק לאכול|לא לאכול|להקיא)",
        enable=r"(?:תעודד|עודד|לעודד|תתמוך|תמוך|תשבח|להסתיר|תסתיר|איך להסתיר|אל תעצור)",
        guard=r"(?:להגן|מגן|למנוע|היסטוריה|מניעה|החלמה|טיפול|עזרה מקצועית|זיהוי|לזהות|ניתוח|הגנה)"),
    # ---------------------------------------------------------------------------------------- Hindi
    "hi": dict(
        before=r"(?:मेरे|मेरी|मेरा) (?:\S+ ){0,3}$|(?:फॉर्मेटिंग|फॉर्मेट|लंबाई|शैली|डाइट)\S* ?$",
        rules=r"(?:नियम|निर्देश|दिशानिर्देश|दिशा निर्देश|नीति|नीतियां|नीतियाँ|पाबंदि\S*|पाबंदी|प्रतिबंध\S*|सीमा\S*|"
              r"फिल्टर|सेंसर\S*|सिस्टम प्रॉम्प्ट|सिस्टम प्रोम्प्ट|रोक टोक)",
        void=r"(?:लागू नहीं|लागू न|मान्य नहीं|अमान्य|रद्द|खत्म|ख़त्म|हटा दि|हटाई|बेअसर|कोई मतलब नहीं|जरूरत नहीं|ज़र"
             r"ूरत नहीं|"
             r"मुक्त|छूट|नहीं चलते|नहीं चलेंगे)",
        mine=r"^(?:\S* मेरे)|^(?: के बारे में)? ?(?:फॉर्मेट|फॉर्मेटिंग|लंबाई|शैली|डाइट)",
        own=r"(?:मेरी (?:\S+ )?(?:पसंद|प्राथमिकता|सेटिंग|बात|बातें|इच्छा)|मेरे (?:\S+ )?(?:निर्देश|नोट्स|आदेश|शब्द)|"
            r"जो मैं (?:कहूं|कहूँ|कहता|कहती|लिखूं|लिखूँ))",
        up=r"(?:ऊपर|से ज्यादा ज़रूरी|से ज़्यादा ज़रूरी|से ज्यादा जरूरी|से ज़्यादा जरूरी|से ज्यादा महत्वपूर्ण|से बढ़"
           r"कर|प्राथमिकता|"
           r"सर्वोपरि|की जगह|के बजाय|पहले)",
        system=r"(?:(?:तुम्हारे|तुम्हारी|आपके|आपकी) (?:\S+ )?(?:नियम|निर्देश|पाबंदि\S*|सीमा\S*|नीति\S*|प्रॉम्प्ट|प्"
               r"रोम्प्ट)|"
               r"सिस्टम (?:प्रॉम्प्ट|प्रोम्प्ट|के नियम|निर्देश)|डेवलपर (?:के|की) (?:\S+ )?(?:नियम|निर्देश|नीति\S*))",
        nolimit=r"(?:(?:बिना|बगैर) (?:किसी )?(?:नियम|सीमा|पाबंदी|रोक|नैतिकता|ज़मीर|जमीर|सेंसर)\S*|(?:कोई )?(?:नियम|"
                r"सीमा|"
                r"नैतिकता|पाबंदी)\S* (?:नहीं है|नहीं हैं|नहीं)|बेलगाम|असीमित|अनैतिक)",
        everything=r"(?:हर (?:सवाल|प्रश्न|बात|चीज)\S*|सब कुछ|सारे सवाल|कुछ भी)",
        persona=r"(?:किरदार|भूमिका|नाटक कर|दिखावा कर|रोल प्ले|तुम अब|अब तुम|अब से तुम|कल्पना करो कि तुम|बनकर)",
        ai=r"(?:एआई|ai|कृत्रिम बुद्धि|असिस्टेंट|सहायक|मॉडल|बॉट)",
        make=r"(?:बनाने|बनाना|बनाओ|बनाएं|तैयार कर|तरीका|विधि|स्टेप बाय स्टेप|चरण दर चरण|कदम दर कदम|नुस्खा|उगाने)",
        illicit=r"(?:बम|विस्फोटक|बारूद|ड्रग्स|नशीले पदार्थ|मादक पदार्थ|मेथ|कोकीन|हेरोइन|अफीम|देसी कट्टा|कट्टा|तमंचा|"
                r"अवैध हथियार|मैलवेयर|रैनसमवेयर|वायरस|जहर|ज़हर)",
        self=r"(?:खुद को (?:चोट|नुकसान|नुक़सान|काट)|आत्महत्या|अपनी जान|खाना (?:न|ना|छोड़|छोड)|भूखे रहने|भूखा रहने|"
             r"भूखी रहने|उल्टी कर)",
        enable=r"(?:हौसला|प्रोत्साहित|बढ़ावा|बढावा|तारीफ|छिपाने|छुपाने|छिपा|मत रोको)",
        guard=r"(?:बचा|रोक|इतिहास|रोकथाम|बचाव|ठीक होने|इलाज|थेरेपी|मदद लें|पहचान|विश्लेषण|सुरक्षा के लिए)"),
    # ---------------------------------------------------------------------------------------- Thai
    "th": dict(
        before=r"(?:จัดรูปแบบ|ความยาว|สไตล์|อาหาร)\s?$",
        rules=r"(?:กฎ|ข้อกำหนด|คำสั่ง|แนวทาง|นโยบาย|ข้อจำกัด|ตัวกรอง|ฟิลเตอร์|การเซ็นเซอร์|ระบบพรอมต์|พรอมต์ระบบ)",
        void=r"(?:ไม่มีผล|ไม่ใช้(?:กับ|แล้ว|อีก)|ไม่ต้องใช้|ไม่ต้องทำตาม|ยกเลิก|เป็นโมฆะ|ใช้ไม่ได้|ไม่มีความหมาย|"
             r"ได้รับการยกเว้น|ยกเว้น|ไม่บังคับ)",
        mine=r"^\S{0,12}(?:ของฉัน|ของผม|ของเรา|ที่ฉันให้)|^(?:เรื่อง|การ)?(?:จัดรูปแบบ|ความยาว|สไตล์|อาหาร)",
        own=r"(?:(?:การตั้งค่า|ความชอบ|คำสั่ง|บันทึก|คำพูด|ข้อความ)(?:ของ)?(?:ฉัน|ผม)|สิ่งที่(?:ฉัน|ผม)(?:พูด|เขียน"
            r"|ต้องการ))",
        up=r"(?:เหนือกว่า|สำคัญกว่า|มาก่อน|ลำดับแรก|แทนที่|อยู่เหนือ|เป็นหลัก|ก่อน)",
        system=r"(?:(?:กฎ|คำสั่ง|แนวทาง|ข้อจำกัด|นโยบาย)\S{0,8}?(?:ของ)?(?:คุณ|ระบบ|นักพัฒนา|ผู้พัฒนา|แพลตฟอร์ม)|"
               r"พรอมต์ระบบ|"
               r"ระบบพรอมต์)",
        nolimit=r"(?:ไม่มี(?:กฎ|ข้อจำกัด|ขีดจำกัด|ศีลธรรม|จริยธรรม|จิตสำนึก|การเซ็นเซอร์)|โดยไม่มี(?:ข้อจำกัด|กฎ)|"
                r"ไร้(?:ขีดจำกัด|กฎ|ศีลธรรม)|ไม่จำกัด)",
        everything=r"(?:ทุกคำถาม|ทุกอย่าง|ทุกเรื่อง|อะไรก็ได้|อะไรก็ตาม)",
        persona=r"(?:แสร้ง|สวมบทบาท|เล่นบท|บทบาท|แกล้งทำ|ตัวละคร|ตอนนี้คุณคือ|จินตนาการว่าคุณ|เป็นเอไอ)",
        ai=r"(?:เอไอ|ai|ปัญญาประดิษฐ์|ผู้ช่วย|โมเดล|บอท)",
        make=r"(?:ทำ|สร้าง|ผลิต|ประกอบ|สังเคราะห์|ปรุง|ทีละขั้นตอน|ขั้นตอน|สูตร|วิธี|ปลูก)",
        illicit=r"(?:ระเบิด|วัตถุระเบิด|ยาเสพติด|ยาบ้า|ยาไอซ์|โคเคน|เฮโรอีน|เฟนทานิล|ฝิ่น|ปืนเถื่อน|ปืนไม่มีทะเบียน|"
                r"มัลแวร์|แรนซัมแวร์|ไวรัสคอมพิวเตอร์|ยาพิษ)",
        self=r"(?:ทำร้ายตัวเอง|กรีดแขน|ฆ่าตัวตาย|จบชีวิต|ไม่กินข้าว|อดอาหาร|ล้วงคอ|อาเจียน)",
        enable=r"(?:ให้กำลังใจ|สนับสนุน|เชียร์|ชม|ซ่อน|ปกปิด|อย่าห้าม)",
        guard=r"(?:ป้องกัน|ประวัติศาสตร์|ป้องกัน|ฟื้นฟู|รักษา|บำบัด|ผู้เชี่ยวชาญ|ตรวจจับ|วิเคราะห์|ปกป้อง)"),
}


# A second pass, same languages: ``obey`` (obey me, do whatever I say), ``forbid`` (what the assistant's rules
# forbid), ``hack`` + ``victim`` (getting into someone else's phone or account), ``fake`` (forged papers, fake
# fundraisers, swindling the elderly).
MORE: dict[str, dict[str, str]] = {
    "es": dict(obey=r"\b(?:obedec\w+|obedeceme|obedezcas|haz (?:todo )?lo que (?:yo )?(?:diga|digo|pida|mande)|s"
                    r"olo me "
                r"(?:obedeces|escuchas)|cumpl\w+ (?:cualquier|toda) orden)\b",
           forbid=r"\b(?:prohib\w+|impid\w+|no (?:te )?permit\w+|vet\w+)\b",
           hack=r"\b(?:hacke\w+|jacke\w+|entrar (?:\w+ )?en|acceder a|meterme en|intervenir|espiar|piratear)\b",
           victim=r"\b(?:(?:el |la |los |las )?(?:celular|movil|telefono|cuenta|correo|whatsapp|instagram|mensajes)"
                  r"\w* (?:de|del) (?:\w+ )?(?:otra persona|otras personas|alguien|cualquiera|mi (?:pareja|novi\w|e"
                  r"spos\w|ex|vecin\w|jefe|herman\w))|cuentas ajenas)\b",
           fake=r"\b(?:resenas falsas|opiniones falsas|(?:documentos|identificaciones|pasaportes|facturas|receta"
                r"s|titulos|certificados|billetes|dni"
                r"|carnets?) (?:\w+ )?(?:falsos|falsas|falsificad\w+)|falsific\w+ (?:\w+ ){0,2}(?:documentos|firmas"
                r"|facturas|recetas|titulos|pasaportes|dni|billetes)|(?:campana|colecta|rifa) (?:\w+ )?(?:benefica "
                r")?falsa|estaf\w+ (?:a )?(?:ancianos|personas mayores|abuelos|gente))\b"),
    "pt": dict(obey=r"\b(?:obedec\w+|faca (?:tudo )?o que eu (?:mandar|disser|pedir)|so me obedeca|cumpr\w+ (?:q"
                    r"ualquer"
                r"|toda) ordem)\b",
           forbid=r"\b(?:proib\w+|impede\w*|nao (?:te )?permit\w+|vet\w+)\b",
           hack=r"\b(?:hacke\w+|invad\w+|entrar (?:\w+ )?(?:no|na)|acessar|espionar|clonar)\b",
           victim=r"\b(?:(?:o |a |os |as )?(?:celular|telefone|conta|contas|email|whatsapp|instagram|mensagens) (?:"
                  r"de|da|do|dos|das) (?:\w+ )?(?:outra pessoa|outras pessoas|alguem|qualquer pessoa|minha (?:namor"
                  r"ada|esposa|ex|vizinha)|meu (?:namorado|marido|ex|vizinho|chefe))|contas alheias|contas de outra"
                  r"s pessoas)\b",
           fake=r"\b(?:avaliacoes falsas|resenhas falsas|(?:documentos|identidades|passaportes|notas fiscais|fat"
                r"uras|receitas|diplomas|certificados|c"
                r"edulas|rg) (?:\w+ )?(?:falsos|falsas|falsificad\w+)|falsific\w+ (?:\w+ ){0,2}(?:documentos|assina"
                r"turas|notas|receitas|diplomas|passaportes)|(?:vaquinha|campanha|rifa) (?:\w+ )?falsa|golpe\w* (?:"
                r"em|nos|nas) (?:idosos|aposentados))\b"),
    "fr": dict(obey=r"\b(?:obei\w+|m obeir|fais (?:tout )?ce que je (?:dis|demande|veux)|soumets toi|execute (?:tous"
  r"|chacun de) mes ordres)\b",
           forbid=r"\b(?:interdis\w*|interdit\w*|prohib\w+|empech\w+|n autoris\w+ pas)\b",
           hack=r"\b(?:pirat\w+|hack\w+|accéder|acceder|entrer dans|m introduire dans|espionn\w+)\b",
           victim=r"\b(?:(?:le |la |les )?(?:telephone|portable|compte|comptes|mail|boite mail|whatsapp|instagram|m"
                  r"essages) (?:de|d|du|des) (?:\w+ )?(?:quelqu un|autrui|n importe qui|autres personnes|ma (?:copi"
                  r"ne|femme|voisine|soeur|ex)|mon (?:copain|mari|voisin|patron|ex))|comptes d autrui)\b",
           fake=r"\b(?:faux avis|(?:faux|fausses?) (?:\w+ )?(?:papiers|documents|pieces d identite|passeports?|f"
                r"actures|ordon"
                r"nances|diplomes|certificats|billets|cartes d identite)|falsifi\w+ (?:\w+ ){0,2}(?:documents|signa"
                r"tures|factures|ordonnances|diplomes)|(?:cagnotte|collecte) (?:\w+ )?(?:bidon|fausse|frauduleuse)|"
                r"arnaqu\w+ (?:des |les )?(?:personnes agees|retraites|gens))\b"),
    "it": dict(obey=r"\b(?:obbedisc\w+|ubbidisc\w+|obbedirmi|fai (?:tutto )?quello che (?:ti )?(?:dico|chiedo))\b",
           forbid=r"\b(?:vieta\w*|vietat\w+|proibisc\w+|proibit\w+|impedisc\w+|non (?:ti )?permett\w+)\b",
           hack=r"\b(?:hacker\w*|hackera\w*|violare|entrare (?:\w+ )?nel|accedere a|spiare|bucare)\b",
           victim=r"\b(?:(?:il |la |i |gli )?(?:telefono|cellulare|account|email|whatsapp|instagram|messaggi) (?:di"
                  r"|del|della|dei) (?:\w+ )?(?:qualcuno|un sospettato|una persona|un altra persona|altre person"
                  r"e|altri|chiunque|mia (?:ragazza|moglie|vicina|"
                  r"ex)|mio (?:ragazzo|marito|vicino|capo|ex)))\b",
           fake=r"\b(?:recensioni false|(?:documenti|carte d identita|passaporti|fatture|ricette|diplomi|certifi"
                r"cati|banconote) (?:"
                r"\w+ )?(?:falsi|false|falsificat\w+)|falsific\w+ (?:\w+ ){0,2}(?:documenti|firme|fatture|ricette|d"
                r"iplomi)|(?:raccolta fondi|beneficenza) (?:\w+ )?(?:falsa|finta)|truff\w+ (?:gli )?anziani)\b"),
    "de": dict(obey=r"\b(?:gehorch\w+|gehorsam|tu (?:alles )?was ich (?:sage|will|verlange)|befolge jeden befehl"
                    r"|fuge d"
                r"ich)\b",
           forbid=r"\b(?:verbiet\w*|verboten\w*|untersag\w+|nicht erlaub\w+|erlauben nicht)\b",
           hack=r"\b(?:hack\w+|knack\w+|einbrech\w+|eindring\w+|zugriff auf|zugang zu|ausspionier\w+|einloggen in)\b",
           victim=r"\b(?:(?:das |die |den )?(?:handy|telefon|konto|account|e mail|postfach|whatsapp|instagram|nachr"
                  r"ichten)\w* (?:von|meiner|meines|eines|einer|fremder) (?:\w+ )?(?:jemandem|anderen|fremden|leute"
                  r"n|freundin|frau|ex|nachbar\w*|kolleg\w+|chef\w*)|fremde (?:konten|accounts|handys))\b",
           fake=r"\b(?:gefalscht\w* bewertungen|fake ?bewertungen|(?:gefalscht\w*|falsch\w*) (?:\w+ )?(?:ausweis"
                r"e?|dokumente?|papiere|passe?|rechnungen|rezept"
                r"e|zeugnisse|urkunden|atteste?|banknoten)|falsch(?:e|en)? (?:ausweise|papiere)|(?:ausweise?|dokume"
                r"nte?|rechnungen|rezepte|zeugnisse|urkunden|unterschriften) (?:zu )?falschen|fake ?(?:ausweis\w*|r"
                r"echnung\w*|spendenaktion\w*)|(?:spendenaktion|spendensammlung) (?:\w+ )?(?:gefalscht\w*|erfunden"
                r"\w*)|(?:rentner|senioren|altere menschen) (?:\w+ )?(?:abzocken|betrugen|ausnehmen))\b"),
    "nl": dict(obey=r"\b(?:gehoorza\w+|gehoorzaam|doe (?:alles )?wat ik (?:zeg|wil|vraag))\b",
           forbid=r"\b(?:verbied\w*|verboden|niet toestaan|niet toegestaan)\b",
           hack=r"\b(?:hack\w+|inbreken|binnendringen|toegang tot|bespioneren)\b",
           victim=r"\b(?:(?:de |het )?(?:telefoon|account|accounts|e mail|mail|whatsapp|instagram|berichten) van (?"
                  r":\w+ )?(?:iemand|anderen|andere mensen|mijn (?:vriendin|vrouw|ex|buurman|buurvrouw|baas)))\b",
           fake=r"\b(?:nep ?reviews|valse recensies|(?:nep|valse|vervalste) ?(?:\w+ )?(?:facturen|identiteitsbew"
                r"ijzen|paspoorten|documenten|dipl"
                r"omas|recepten|id s|ids)|nep ?(?:facturen|inzamelingsactie|goed doel)|vervals\w+ (?:\w+ ){0,2}(?:d"
                r"ocumenten|handtekeningen|facturen)|ouderen (?:\w+ ){0,3}(?:afhandig|oplichten|afzetten)|(?:afhand"
                r"ig maken|oplichten))\b"),
    "sv": dict(obey=r"\b(?:lyd|lyda|gor (?:allt )?(?:vad|det) jag (?:sager|vill|ber om))\b",
           forbid=r"\b(?:forbjud\w*|inte tillat\w*)\b",
           hack=r"\b(?:hacka\w*|bryta sig in|ta sig in|komma at|spionera)\b",
           victim=r"\b(?:(?:nagons|nagon annans|andras|min (?:flickvans|frus|grannes|ex)) (?:\w+ )?(?:telefon|konto"
                  r"|konton|mejl|e post|whatsapp|instagram|meddelanden))\b",
           fake=r"\b(?:falska recensioner|(?:falska|forfalskade) (?:\w+ )?(?:dokument|id kort|pass|fakturor|rece"
                r"pt|intyg|sedlar)|forfa"
                r"lska\w* (?:\w+ ){0,2}(?:dokument|namnteckningar|fakturor)|(?:falsk|fejkad) insamling|lura (?:\w+ "
                r")?(?:aldre|pensionarer))\b"),
    "pl": dict(obey=r"\b(?:sluchaj sie|posluszn\w+|rob (?:wszystko )?co (?:ci )?(?:kaze|mowie)|wykonuj (?:kazde|"
                    r"wszystk"
                r"ie) (?:polecenie|polecenia))\b",
           forbid=r"\b(?:zakazuj\w+|zabronion\w+|zabraniaj\w+|nie pozwalaj\w+)\b",
           hack=r"\b(?:zhakowa\w+|hakowa\w+|wlama\w+|dostac sie do|szpiegowa\w+)\b",
           victim=r"\b(?:(?:telefon|konto|konta|poczte|maila|whatsappa|instagrama|wiadomosci) (?:\w+ )?(?:kogos|inn"
                  r"ych osob|cudze|mojej (?:dziewczyny|zony|sasiadki|byłej)|mojego (?:chlopaka|meza|sasiada|szefa))"
                  r"|cudze (?:konta|telefony))\b",
           fake=r"\b(?:falszyw\w+ opini\w+|falszyw\w+ recenzj\w+|(?:falszyw\w+|podrobion\w+|sfalszowan\w+) (?:\w"
                r"+ )?(?:dokument\w*|dowod\w*|paszport\w*|faktu"
                r"r\w*|recept\w*|dyplom\w*|zaswiadczen\w*|banknot\w*)|podrob\w+ (?:\w+ ){0,2}(?:dokument\w*|podpis"
                r"\w*|faktur\w*)|falszyw\w+ zbiórk\w+|falszyw\w+ zbiork\w+|oszuk\w+ (?:\w+ )?(?:starsz\w+|emeryt\w+"
                r"))\b"),
    "ru": dict(obey=r"(?:подчиня\w+ мне|слушайся|повинуйся|делай (?:вс[её] )?что я (?:скажу|говорю|прошу)|выполн"
                    r"яй любы"
                r"е (?:мои )?(?:приказы|команды))",
           forbid=r"(?:запреща\w+|запрещ[её]н\w*|не позволя\w+|не разреша\w+)",
           hack=r"(?:взлом\w*|взломать|хакну\w+|залезть в|проникнуть в|получить доступ к|прочитать чуж\w+)",
           victim=r"(?:(?:телефон|аккаунт|почт\w+|ватсап|инстаграм|переписк\w+|сообщени\w+)\w* (?:\w+ )?(?:другого "
                  r"человека|других людей|кого[ -]?(?:то|нибудь|угодно)|чуж\w+|моей (?:девушки|жены|бывшей|соседки)"
                  r"|моего (?:парня|мужа|бывшего|соседа|начальника))|чуж\w+ (?:аккаунт\w*|телефон\w*|почт\w+))",
           fake=r"(?:фейков\w+ отзыв\w+|поддельн\w+ отзыв\w+|накрутк\w+ отзыв\w+|(?:поддельн\w+|фальшив\w+|липов"
                r"\w+) (?:\w+ )?(?:документ\w*|паспорт\w*|справк\w+|диплом\w*|сче"
                r"т\w*|сч[её]т\w*|рецепт\w*|купюр\w*|деньг\w*)|подделать (?:\w+ ){0,2}(?:документ\w*|подпис\w+|спра"
                r"вк\w+|паспорт\w*)|фейков\w+ (?:сбор|благотворительн\w+)|обмануть (?:\w+ )?(?:пенсионер\w+|пожил\w"
                r"+|стариков))"),
    "uk": dict(obey=r"(?:підкоряйся|слухайся|роби (?:все )?що я (?:скажу|кажу|прошу)|виконуй будь[ -]які (?:мої "
                    r")?(?:на"
                r"кази|команди))",
           forbid=r"(?:забороня\w+|заборонен\w*|не дозволя\w+)",
           hack=r"(?:злам\w*|зламати|хакну\w+|залізти в|отримати доступ до|прочитати чуж\w+)",
           victim=r"(?:(?:телефон|акаунт|пошт\w+|листуванн\w+|повідомлен\w+)\w* (?:\w+ )?(?:іншої людини|інших люде"
                  r"й|когось|будь[ -]кого|чуж\w+|моєї (?:дівчини|дружини|колишньої|сусідки)|мого (?:хлопця|чоловіка"
                  r"|колишнього|сусіда))|чуж\w+ (?:акаунт\w*|телефон\w*))",
           fake=r"(?:фейков\w+ відгук\w+|(?:підробн\w+|фальшив\w+) (?:\w+ )?(?:документ\w*|паспорт\w*|довідк\w+|"
                r"диплом\w*|рахун\w+|реце"
                r"пт\w*)|підробити (?:\w+ ){0,2}(?:документ\w*|підпис\w*)|фейков\w+ (?:збір|благодійн\w+)|ошукати ("
                r"?:\w+ )?(?:пенсіонер\w+|літніх))"),
    "el": dict(obey=r"(?:υπακου\w+|κανε (?:οτι|ο,τι) (?:σου )?(?:λεω|ζητω)|εκτελε\w+ καθε εντολη)",
           forbid=r"(?:απαγορευ\w+|δεν επιτρεπ\w+)",
           hack=r"(?:χακαρ\w+|παραβιασ\w+|να μπω σε|προσβαση σε|κατασκοπ\w+)",
           victim=r"(?:(?:το |τον |τα )?(?:κινητο|τηλεφωνο|λογαριασμο|λογαριασμουσ|email|μηνυματα) (?:\w+ )?(?:καπο"
                  r"ιου|αλλων|της (?:κοπελασ|γυναικασ|πρωην)|του (?:φιλου|αντρα|πρωην|γειτονα)))",
           fake=r"(?:ψευτικ\w+ κριτικ\w+|(?:πλαστ\w+|ψευτικ\w+|ψευδ\w+) (?:\w+ )?(?:εγγραφ\w+|ταυτοτητ\w+|διαβατ"
                r"ηρι\w+|τιμολογι\w+|συντ"
                r"αγ\w+|πτυχι\w+|χαρτονομισματ\w+)|πλαστογραφ\w+|ψευτικ\w+ εραν\w+|να εξαπατησω (?:\w+ )?ηλικιωμεν"
                r"\w+)"),
    "tr": dict(obey=r"\b(?:itaat et\w*|bana itaat|ne dersem (?:onu )?yap\w*|her emrimi|emirlerime uy\w*)",
           forbid=r"\b(?:yasakla\w+|yasak\w*|izin vermedig\w+|izin vermez)",
           hack=r"\b(?:hackle\w+|hack\w*|sız\w+|siz\w+|girmek|erisim|erismek|ele gecir\w+)",
           victim=r"\b(?:(?:baskasinin|baskalarinin|birinin|herhangi birinin|sevgilimin|esimin|eski sevgilimin|koms"
                  r"umun|patronumun) (?:\w+ )?(?:telefon\w*|hesab\w*|e posta\w*|mesaj\w*|whatsapp\w*|instagram\w*))",
           fake=r"\b(?:sahte yorum\w*|sahte (?:\w+ )?(?:kimlik\w*|belge\w*|pasaport\w*|fatura\w*|recete\w*|diplo"
                r"ma\w*|rapor\w*|par"
                r"a|yardim kampanyas\w*|bagis\w*)|(?:belge|imza|fatura|kimlik)\w* (?:sahtecilig\w*|taklit)|yaslilar"
                r"i (?:\w+ )?dolandir\w*|(?<!lafi )(?<!sozu )(?<!laf )(?<!soz )dolandir\w*)"),
    "id": dict(obey=r"\b(?:patuhi (?:aku|saya)|tunduk|lakukan (?:apa pun|apapun|semua) yang (?:aku|saya) (?:kata"
                    r"kan|min"
                r"ta|perintahkan))\b",
           forbid=r"\b(?:melarang|dilarang|larang|tidak (?:di)?izinkan)\b",
           hack=r"\b(?:meretas|retas|membobol|bobol|hack\w*|masuk ke|mengakses|menyadap|sadap)\b",
           victim=r"\b(?:(?:hp|ponsel|akun|email|whatsapp|wa|instagram|pesan)(?: \w+)? (?:orang lain|milik orang la"
                  r"in|seseorang|pacar\w*|istri\w*|suami\w*|mantan\w*|tetangga\w*|bos\w*))\b",
           fake=r"\b(?:ulasan palsu|(?:ktp|dokumen|paspor|ijazah|faktur|resep|sertifikat|surat|uang) (?:\w+ )?pa"
                r"lsu|memalsukan|p"
                r"emalsuan|donasi palsu|penggalangan dana palsu|menipu (?:\w+ )?(?:lansia|orang tua))\b"),
    "vi": dict(obey=r"\b(?:phuc tung|vang loi (?:toi|tao)|lam (?:bat cu |moi )?(?:đieu|thu) (?:gi )?toi (?:noi|b"
                    r"ao|yeu "
                r"cau))\b",
           forbid=r"\b(?:cam|ngan cam|khong cho phep)\b",
           hack=r"\b(?:hack|xam nhap|be khoa|đot nhap|truy cap|theo doi)\b",
           victim=r"\b(?:(?:đien thoai|tai khoan|email|tin nhan|facebook|zalo) (?:\w+ )?(?:cua (?:nguoi khac|ai đo|"
                  r"nguoi yeu|vo|chong|ban gai|ban trai|hang xom|sep)))\b",
           fake=r"\b(?:đanh gia gia|(?:giay to|can cuoc|ho chieu|hoa đon|đon thuoc|bang cap|chung chi|tien) (?:"
                r"\w+ )?gia|lam gia"
                r"|quyen gop gia|lua (?:\w+ )?(?:nguoi gia|nguoi cao tuoi))\b"),
    "zh": dict(obey=r"(?:服从我|听我的|我说什么(?:你)?就(?:做|干)什么|绝对服从|无条件服从)",
           forbid=r"(?:禁止|不允许|不准|不让)",
           hack=r"(?:黑进|入侵|破解|盗取|盗号|偷看|监听|窃取)",
           victim=r"(?:别人的|他人的|某人的|任何人的|女朋友的|男朋友的|老婆的|老公的|前任的|邻居的|同事的)(?:\S{"
                  r"0,3})?(?:手机|账号|账户|邮箱|微信|聊天记录|消息)",
           fake=r"(?:虚假评论|刷好评|假评论|假(?:的)?(?:证件|身份证|护照|发票|处方|文凭|学历|证书|钞票|病假条)|"
                r"伪造|假捐款|假募捐|诈骗"
                r"老人|骗老人)"),
    "ja": dict(obey=r"(?:服従|私に従え|言うことを何でも聞|言う通りにしろ|命令には全て従)",
           forbid=r"(?:禁止|禁じ|許可されていない|許されない)",
           hack=r"(?:ハッキング|ハックし|侵入|乗っ取|不正アクセス|盗み見|のぞき見|勝手にログイン|"
                r"パスワードなしで\S{0,6}ログイン)",
           victim=r"(?:他人の|人の|誰かの|彼女の|彼氏の|妻の|夫の|元カノの|元彼の|隣人の|"
                  r"同僚の)(?:\S{0,3})?(?:インスタ|instagram|sns|"
                  r"フェイスブック|ツイッター|"
                  r"スマホ|携帯|アカウント|メール|ライン|line|メッセージ)",
           fake=r"(?:偽の(?:レビュー|口コミ)|やらせレビュー|サクラレビュー|偽(?:の)?(?:身分証|書類|パスポート|請"
                r"求書|処方箋|卒業証書|証明書|診断書|紙幣)|偽造|偽の募金"
                r"|詐欺募金|高齢者を騙|老人を騙)"),
    "ko": dict(obey=r"(?:복종|내 말(?:이면|을)? (?:무조건|다) (?:따라|들어)|시키는 (?:대로|건) 다)",
           forbid=r"(?:금지|허용하지 ?않|허락하지 ?않)",
           hack=r"(?:해킹|침입|몰래 (?:보|읽|들어가)|뚫|탈취)",
           victim=r"(?:다른 사람(?:의)?|남의|누군가의|여자친구(?:의)?|남자친구(?:의)?|아내(?:의)?|남편(?:의)?|전"
                  r" ?여친(?:의)?|전 ?남친(?:의)?|이웃(?:의)?"
                  r"|동료(?:의)?) (?:\S+ )?(?:폰|휴대폰|핸드폰|계정|이메일|카톡|메시지)",
           fake=r"(?:가짜 리뷰|조작 리뷰|가짜 (?:\S+ )?(?:신분증|서류|여권|송장|처방전|졸업장|증명서|진단서|지폐"
                r"|모금)|위조|사기 모"
                r"금|노인(?:들)?(?:을|에게)? (?:속이|사기))"),
    "ar": dict(obey=r"(?:اطعني|طاعتي|نفذ كل (?:ما اقول|اوامري)|افعل (?:كل )?ما (?:اقوله|اطلبه))",
           forbid=r"(?:تمنع|تحظر|محظور|ممنوع|لا تسمح)",
           hack=r"(?:اختراق|اخترق|تهكير|هكر|التجسس على|الدخول الى)",
           victim=r"(?:(?:هاتف|حساب|حسابات|بريد|رسائل|واتساب)\S* (?:\S+ )?(?:شخص اخر|الاخرين|اي شخص|شخص ما|زوجتي|زو"
                  r"جي|صديقتي|حبيبتي|جاري|مديري))",
           fake=r"(?:رسائل احتيال|احتيال على (?:المسنين|كبار السن|العجائز)|(?:خداع|استغلال) (?:المسنين|كبار السن|"
                r"العجائز)|تقييمات مزيفه|مراجعات مزيفه|(?:وثائق|مستندات|هويات|هويه|جوازات|جواز|فواتير|وصفات|شهادات|عمل"
                r"ات|نقود)\S* (?:\S+ )?(?:مزوره|م"
                r"زيفه)|تزوير|حمله تبرعات (?:وهميه|مزيفه)|تبرعات وهميه|النصب على (?:\S+ )?(?:كبار السن|المسنين))"),
    "he": dict(obey=r"(?:תציית לי|ציית לי|תעשה כל מה שאני (?:אומר|אומרת|מבקש|מבקשת)|בצע כל פקודה)",
           forbid=r"(?:אוסר|אוסרים|אסור|אסורים|לא מתיר|לא מרשה)",
           hack=r"(?:לפרוץ|פריצה|להאקר|לחדור|לרגל|גישה ל)",
           victim=r"(?:(?:הטלפון|החשבון|המייל|ההודעות|הווטסאפ)\S* של (?:\S+ )?(?:מישהו|אחרים|אנשים אחרים|החברה שלי|"
                  r"אשתי|בעלי|האקסית|השכן|הבוס))",
           fake=r"(?:ביקורות מזויפות|(?:מסמכים|תעודות|דרכונים|חשבוניות|מרשמים|תעודת זהות|שטרות)\S* (?:\S+ )?(?:מ"
                r"זויפ\S*|מזויף)|לזיי"
                r"ף|זיוף|התרמה מזויפת|לרמות (?:\S+ )?(?:קשישים|זקנים))"),
    "hi": dict(obey=r"(?:मेरी हर बात मान|मेरा हर आदेश|जो मैं कहूं वही कर|जो मैं कहूँ वही कर|आज्ञा का पालन)",
           forbid=r"(?:मना करते|रोकते हैं|प्रतिबंधित|वर्जित|इजाजत नहीं)",
           hack=r"(?:हैक|सेंध|घुसपैठ|जासूसी)",
           victim=r"(?:(?:किसी का भी|किसी का|किसी की|दूसरों के|दूसरों का|दूसरे के|मेरी (?:पत्नी|गर्लफ्रेंड|एक्स)|मे"
                  r"रे (?:पति|बॉयफ्रेंड|पड़ोसी)) (?:भी )?(?:\S+ )?(?:फोन|फ़ोन|अकाउंट|खाता|ईमेल|व्हाट्सएप|मैसेज))",
           fake=r"(?:फर्जी रिव्यू|नकली रिव्यू|(?:नकली|फर्जी|जाली) (?:\S+ )?(?:दस्तावेज|आईडी|पासपोर्ट|बिल|पर्ची|ड"
                r"िग्री|सर्टिफिकेट|नोट|आधार)|ज"
                r"ालसाजी|फर्जी चंदा|नकली चंदा|बुजुर्गों को (?:ठग|धोखा))"),
    "th": dict(obey=r"(?:เชื่อฟังฉัน|ทำตามที่ฉันสั่งทุกอย่าง|ทำทุกอย่างที่ฉันสั่ง)",
           forbid=r"(?:ห้าม|ไม่อนุญาต)",
           hack=r"(?:แฮก|เจาะระบบ|เข้าถึง|แอบดู|แอบอ่าน)",
           victim=r"(?:(?:โทรศัพท์|มือถือ|บัญชี|อีเมล|ข้อความ|ไลน์)(?:ของ)?(?:คนอื่น|ผู้อื่น|ใครก็ได้|แฟน|ภรรยา|สาม"
                  r"ี|เพื่อนบ้าน))",
           fake=r"(?:รีวิวปลอม|(?:เอกสาร|บัตรประชาชน|พาสปอร์ต|ใบแจ้งหนี้|ใบสั่งยา|ปริญญา|ใบรับรอง|ธนบัตร)(?:ปลอม"
                r")|ปลอมแปลง|รั"
                r"บบริจาคปลอม|หลอก(?:ลวง)?ผู้สูงอายุ)"),
    "en": dict(obey=r"\b(?:obey (?:me|my|only|every|whatever)|do (?:exactly )?(?:whatever|everything|anything) i"
                    r" (?:say"
                r"|tell you|command)|(?:must|have to|will) comply with (?:every|all|any)|my word is (?:law|final))\b",
           forbid=r"\b(?:forbid\w*|prohibit\w*|(?:dont|do not|doesnt|does not|wont) (?:allow|permit))\b",
           hack=r"\b(?:hack\w*|break\w* into|get into|access\w*|spy\w* on|clone)\b",
           victim=r"\b(?:someones?|anyones?|other peoples?|strangers?|a strangers?|my (?:ex|girlfriend|boyfriend|wi"
                  r"fe|husband|partner|neighbou?r|boss|coworker)s?) (?:\w+ )?(?:phones?|accounts?|emails?|inbox|wha"
                  r"tsapp|instagram|messages)\b"),
}


# A third pass for the languages `intent._OTHER` does not spell: ``secret`` + ``show`` (the system prompt
# disclosed), ``where`` + ``find`` (a person's home or whereabouts found), ``group`` + ``demean`` (jokes or
# words that demean a group).
MORE_SHAPES: dict[str, dict[str, str]] = {
    "nl": dict(secret=r"\b(?:systeemprompt|systeeminstructies|(?:je|jouw) (?:oorspronkelijke|verborgen|geheime|e"
                      r"erste) (?:instructies|prompt))\b",
           show=r"\b(?:toon|laat (?:\w+ )?zien|geef|herhaal|print|woord voor woord|letterlijk|volledig)\b",
           where=r"\b(?:(?:huis|thuis|woon)adres\w*|adres van|waar (?:\w+ ){0,2}(?:woont|wonen|werkt)|dagelijkse"
                 r" route|locatie van)\b",
           find=r"\b(?:zoek\w*|vind\w*|achterhaal\w*|opsporen|spoor\w* op|volg\w*|geef me|vertel me)\b",
           group=r"\b(?:immigranten|vluchtelingen|migranten|joden|moslims|zwarten|homo s|homos|vrouwen|buitenlan"
                 r"ders|marokkanen|turken)\b",
           demean=r"\b(?:vernederen|vernederende|kleineren|belachelijk maken|ongedierte|parasieten|ratten|minder"
                  r"waardig\w*|uitroeien|eruit gooien)\b"),
    "sv": dict(secret=r"\b(?:systemprompt\w*|systeminstruktioner\w*|(?:dina|de) (?:ursprungliga|dolda|hemliga) i"
                      r"nstruktioner)\b",
           show=r"\b(?:visa|ge mig|upprepa|skriv ut|ord for ord|ordagrant|exakt)\b",
           where=r"\b(?:hemadress\w*|adress\w*|var (?:\w+ ){0,2}(?:bor|jobbar|arbetar)|dagliga rutiner)\b",
           find=r"\b(?:hitta|ta reda pa|spara|leta upp|folj\w*|ge mig)\b",
           group=r"\b(?:invandrare|flyktingar|judar|muslimer|svarta|homosexuella|kvinnor|utlanningar|romer)\b",
           demean=r"\b(?:fornedr\w*|hana\w*|forodmjuk\w*|forlojliga\w*|ohyra|parasiter|rattor|underlagsna|"
                  r"mindervard\w*|utrota)\b"),
    "pl": dict(secret=r"\b(?:prompt\w* systemow\w+|instrukcj\w+ systemow\w+|(?:twoje|twoich) (?:oryginaln\w+|ukr"
                      r"yt\w+|poczatkow\w+) instrukcj\w+)\b",
           show=r"\b(?:pokaz|podaj|powtorz|wypisz|slowo w slowo|doslownie|dokladnie)\b",
           where=r"\b(?:adres\w* (?:domow\w+|zamieszkania)|adres\w* (?:mojej|mojego|tej|tego|kogos)|gdzie (?:\w+"
                 r" ){0,2}mieszka|codzienn\w+ tras\w+)\b",
           find=r"\b(?:znajdz|znalezc|namierz\w*|wytropi\w*|ustal\w*|sledz\w*|podaj)\b",
           group=r"\b(?:imigrant\w*|uchodzc\w*|zyd\w*|muzulman\w*|czarn\w+|gej\w*|kobiet\w*|cudzoziemc\w*|romow"
                 r"\w*|cygan\w*)\b",
           demean=r"\b(?:obraza\w+|obrazliw\w+|oczernia\w+|szkaluj\w+|ponizaj\w+|ponizy\w*|wysmiewaj\w+|robactwo|"
                  r"pasozyt\w*|szczur\w*|podludzi\w*|gorsz\w+|wy"
                  r"tepi\w*)\b"),
    "tr": dict(secret=r"\b(?:sistem (?:istemi\w*|talimat\w*|mesaj\w*)|(?:gizli|orijinal|ilk) talimat\w*)",
           show=r"\b(?:goster\w*|yaz|tekrarla\w*|kelimesi kelimesine|aynen|oldugu gibi)",
           where=r"\b(?:ev adres\w*|adres\w*|nerede (?:oturdug\w*|yasadig\w*|calistig\w*)|gunluk rutin\w*)",
           find=r"\b(?:bul\w*|ogren\w*|tespit et\w*|takip et\w*|izle\w*)",
           group=r"\b(?:gocmen\w*|multeci\w*|yahudi\w*|musluman\w*|siyahi\w*|esciny\w*|kadin\w*|yabanci\w*|kurt"
                 r"\w*|suriyeli\w*|roman\w*)",
           demean=r"\b(?:asagila\w*|asagilay\w*|dalga gec\w*|hasere\w*|parazit\w*|fare\w*|asagi irk|yok edil\w*|"
                  r"kovul\w*)"),
    "id": dict(secret=r"\b(?:prompt sistem\w*|instruksi sistem\w*|instruksi (?:asli|tersembunyi|rahasia|awal)\w*)\b",
           show=r"\b(?:tunjukkan|tampilkan|tuliskan|ulangi|kata demi kata|persis|lengkap)\b",
           where=r"\b(?:alamat (?:rumah|tinggal)|alamat\w*|di mana (?:\w+ ){0,2}(?:tinggal|bekerja)|rutinitas ha"
                 r"rian)\b",
           find=r"\b(?:cari\w*|temukan|menemukan|lacak\w*|melacak|kasih tahu|beri tahu)\b",
           group=r"\b(?:imigran|pengungsi|yahudi|muslim|kristen|orang kulit hitam|gay|perempuan|wanita|orang asi"
                 r"ng|cina|tionghoa)\b",
           demean=r"\b(?:merendahkan|menghina|mengejek|hama|parasit|tikus|lebih rendah|dibasmi|diusir)\b"),
    "vi": dict(secret=r"\b(?:loi nhac he thong|chi dan he thong|huong dan (?:an|goc|ban đau|bi mat))\b",
           show=r"\b(?:cho (?:toi )?xem|hien thi|lap lai|in ra|nguyen van|tung chu|chinh xac)\b",
           where=r"\b(?:đia chi (?:nha|nha rieng)|đia chi|song o đau|lam o đau|lich trinh hang ngay)\b",
           find=r"\b(?:tim|tra cuu|theo doi|lan ra|cho toi biet)\b",
           group=r"\b(?:nguoi nhap cu|nguoi ti nan|nguoi do thai|nguoi hoi giao|nguoi da đen|nguoi đong tinh|phu"
                 r" nu|nguoi nuoc ngoai)\b",
           demean=r"\b(?:ha nhuc|che gieu|sau bo|ky sinh|chuot|thap kem|tieu diet|đuoi ra)\b"),
    "uk": dict(secret=r"(?:системн\w+ (?:промпт\w*|інструкц\w+|повідомлен\w+)|(?:початков\w+|прихован\w+|секретн"
                      r"\w+) інструкц\w+)",
           show=r"(?:покажи|виведи|повтори|дослівно|слово в слово|повністю)"),
    "ko": dict(secret=r"(?:시스템 ?프롬프트|시스템 ?지시|숨겨진 지시|원래 지시|초기 지시)",
           show=r"(?:보여|알려|출력|그대로|원문|토씨 하나)",
           where=r"(?:집 ?주소|주소|사는 곳|어디 ?사는지|어디에 ?사는지|직장|동선|일과)",
           find=r"(?:찾아|알아내|추적|조사해|알려)",
           group=r"(?:이민자|난민|유대인|무슬림|흑인|동성애자|여자들|여성들|외국인|조선족)",
           demean=r"(?:비하|조롱|모욕|벌레|기생충|쥐새끼|열등|쫓아내)"),
    "zh": dict(secret=r"(?:你的系统提示|系统提示词|系统指令|隐藏(?:的)?指令|原始指令|初始指令)",
           show=r"(?:显示|给我看|告诉我|输出|打印|逐字|原文|一字不差)",
           where=r"(?:住址|家庭住址|地址|住在哪|在哪(?:里)?上班|行踪|日常路线)",
           find=r"(?:查|找|追踪|定位|人肉|告诉我)",
           group=r"(?:移民|难民|犹太人|穆斯林|黑人|同性恋|女人|外国人|少数民族)",
           demean=r"(?:羞辱|贬低|嘲笑|害虫|寄生虫|老鼠|低等|劣等|赶出去|消灭)"),
    "ja": dict(secret=r"(?:システムプロンプト|システム指示|隠された指示|元の指示|最初の指示)",
           show=r"(?:見せて|教えて|出力|表示|そのまま|一字一句|全文)",
           where=r"(?:住所|自宅|住んでいる場所|どこに住|勤務先|行動パターン|通勤ルート)",
           find=r"(?:調べ|探し|突き止め|特定|追跡|教えて)",
           group=r"(?:移民|難民|ユダヤ人|イスラム教徒|黒人|同性愛者|女性|外国人|在日)",
           demean=r"(?:侮辱|見下|馬鹿に|ばかに|害虫|寄生虫|ゴキブリ|劣等|追い出)"),
    "ar": dict(secret=r"(?:موجه النظام|تعليمات النظام|التعليمات (?:المخفيه|الاصليه|السريه|الاولى))",
           show=r"(?:اعرض|اظهر|اكتب|كرر|حرفيا|كلمه بكلمه|بالنص)",
           where=r"(?:عنوان|يسكن|تسكن|مكان (?:سكن|عمل)|تحركات|روتين)",
           find=r"(?:ابحث|اعثر|اجد|تتبع|حدد|اعطني|اخبرني)",
           group=r"(?:المهاجرين|اللاجئين|اليهود|المسلمين|المسيحيين|السود|المثليين|النساء|الاجانب)",
           demean=r"(?:تهين|تحقر|تسخر|حشرات|طفيليات|جرذان|اقل شانا|ادنى|طردهم|ابادتهم)"),
    "he": dict(secret=r"(?:הנחיות המערכת|הוראות המערכת|הנחיית המערכת|פרומפט המערכת|ההוראות (?:הנסתרות|המקוריות|ה"
                      r"סודיות))",
           show=r"(?:תראה|הצג|תציג|תכתוב|חזור|מילה במילה|במלואן|במדויק)",
           where=r"(?:כתובת|איפה (?:\S+ )?(?:גר|גרה|גרים|עובד|עובדת)|מקום מגורים|מסלול יומי)",
           find=r"(?:תמצא|מצא|למצוא|תאתר|לאתר|תעקוב|תגיד לי)",
           group=r"(?:מהגרים|פליטים|יהודים|מוסלמים|ערבים|שחורים|הומואים|נשים|זרים)",
           demean=r"(?:משפיל\S*|להשפיל|לועג\S*|ללעוג|מבזה|חרקים|טפילים|עכברושים|נחות\S*|לגרש)"),
    "el": dict(secret=r"(?:οδηγιεσ συστηματοσ|προτροπη συστηματοσ|(?:αρχικεσ|κρυφεσ|μυστικεσ) οδηγιεσ|system prompt)",
           show=r"(?:δειξε|εμφανισε|γραψε|επαναλαβε|λεξη προσ λεξη|αυτολεξει|ακριβωσ)",
           where=r"(?:διευθυνση|που (?:\S+ )?(?:μενει|δουλευει)|καθημερινο προγραμμα)",
           find=r"(?:βρεσ|βρει|εντοπισ\w*|παρακολουθ\w*|πεσ μου)",
           group=r"(?:μεταναστ\w+|προσφυγ\w+|εβραι\w+|μουσουλμαν\w+|μαυρ\w+|ομοφυλοφιλ\w+|γυναικ\w+|ξεν\w+|τσιγγ"
                 r"αν\w+|ρομα)",
           demean=r"(?:εξευτελ\w+|ταπειν\w+|κοροιδ\w+|παρασιτ\w+|κατσαριδ\w+|ποντικ\w+|κατωτερ\w+|να διωχτουν)"),
    "hi": dict(secret=r"(?:सिस्टम प्रॉम्प्ट|सिस्टम प्रोम्प्ट|सिस्टम निर्देश|छिपे निर्देश|मूल निर्देश)",
           show=r"(?:दिखाओ|बताओ|लिखो|दोहराओ|शब्दशः|हूबहू|ज्यों का त्यों)",
           where=r"(?:घर का पता|पता|कहाँ रहत|कहां रहत|कहाँ काम|दिनचर्या|लोकेशन)",
           find=r"(?:ढूंढ|ढूँढ|पता लगा|पता करो|ट्रैक|खोज)",
           group=r"(?:प्रवासियों|शरणार्थियों|यहूदियों|मुसलमानों|मुस्लिमों|ईसाइयों|दलितों|समलैंगिकों|औरतों|महिलाओ"
                 r"ं|विदेशियों)",
           demean=r"(?:नीचा दिखा|बेइज्जत|अपमान|मज़ाक उड़ा|मजाक उड़ा|कीड़े|कीडे|परजीवी|चूहे|घटिया|निकाल बाहर)"),
    "th": dict(secret=r"(?:พรอมต์ระบบ|คำสั่งระบบ|คำสั่งที่ซ่อน|คำสั่งดั้งเดิม)",
           show=r"(?:แสดง|บอก|พิมพ์|ทวน|คำต่อคำ|ทั้งหมด)",
           where=r"(?:ที่อยู่|บ้านของ|อาศัยอยู่ที่ไหน|ทำงานที่ไหน|ตารางชีวิต)",
           find=r"(?:ค้นหา|หา|ตามหา|สืบ|แกะรอย|ติดตาม)",
           group=r"(?:ผู้อพยพ|ผู้ลี้ภัย|ชาวยิว|มุสลิม|คนผิวดำ|เกย์|ผู้หญิง|คนต่างชาติ|แรงงานต่างด้าว)",
           demean=r"(?:เหยียด|ดูถูก|เยาะเย้ย|ล้อเลียน|แมลง|ปรสิต|หนู|ต่ำต้อย|ไล่ออกไป)"),
}

# ... with ``person`` (someone else: an ex, a neighbour, a stranger) that a located address must belong to,
# ``joke`` (jokes, memes, posts) that demeaning words about a group must come in, and ``vermin`` (the
# dehumanizing nouns that need no joke).
MORE_PARTS: dict[str, dict[str, str]] = {
    "nl": dict(person=r"\b(?:mijn ex|ex vriendin|ex vriend|buurman|buurvrouw|collega|iemand|die vrouw|die man|da"
                      r"t meisje|een vreemde|vreemden|mensen)\b",
           joke=r"\b(?:grap\w*|mop\w*|memes?|teksten|berichten|beledigingen|content)\b",
           vermin=r"\b(?:ongedierte|parasieten|ratten|kakkerlakken|untermenschen|uitroeien)\b"),
    "sv": dict(person=r"\b(?:min ex\w*|ex ?flickv\w+|ex ?pojkv\w+|granne\w*|kollega\w*|nagon|nagons|den kvinnan|"
                      r"den mannen|framling\w*|manniskor)\b",
           joke=r"\b(?:skamt|memes?|texter|inlagg|forolampningar|innehall)\b",
           vermin=r"\b(?:ohyra|parasiter|rattor|kackerlackor|utrota)\b"),
    "pl": dict(person=r"\b(?:moj\w* by\w+|byłej|bylej|bylego|sasiad\w*|kolez\w+|koleg\w+|kogos|tej dziewczyny|te"
                      r"j kobiety|tego faceta|obc\w+|ludzi)\b",
           joke=r"\b(?:zart\w*|dowcip\w*|memy|mem\w*|teksty|posty|obelg\w*|tresci)\b",
           vermin=r"\b(?:robactwo|pasozyt\w*|szczur\w*|karaluch\w*|podludzi\w*|wytepi\w*)\b"),
    "tr": dict(person=r"\b(?:eski sevgili\w*|eski es\w*|komsu\w*|is arkadas\w*|birinin|birini|o kiz\w*|o kadin\w"
      r"*|o adam\w*|yabanci\w*|insanlar\w*)",
           joke=r"\b(?:saka\w*|fikra\w*|espri\w*|caps\w*|paylasim\w*|hakaret\w*|icerik\w*)",
           vermin=r"\b(?:hasere\w*|parazit\w*|fare\w*|hamam bocek\w*|asagi irk|yok edil\w*)"),
    "id": dict(person=r"\b(?:mantan\w*|tetangga\w*|rekan kerja|seseorang|orang itu|cewek itu|cowok itu|orang asi"
                      r"ng|orang lain)\b",
           joke=r"\b(?:lelucon|candaan|lawakan|meme|konten|postingan|hinaan)\b",
           vermin=r"\b(?:hama|parasit|tikus|kecoak|dibasmi)\b"),
    "vi": dict(person=r"\b(?:nguoi yeu cu|ban gai cu|ban trai cu|vo cu|chong cu|hang xom|đong nghiep|ai đo|nguoi"
                      r" đo|co gai đo|nguoi la)\b",
           joke=r"\b(?:truyen cuoi|cau đua|meme|noi dung|bai đang|loi lang ma)\b",
           vermin=r"\b(?:sau bo|ky sinh|chuot|gian|tieu diet)\b"),
    "ko": dict(person=r"(?:전 ?여자친구|전 ?남자친구|전 ?여친|전 ?남친|전 ?애인|전 ?남편|전 ?아내|이웃|동료|그 "
                      r"사람|그 여자|그 남자|그녀|모르는 사람|남의|다른 사람|누군가)",
           joke=r"(?:농담|개그|유머|밈|글|게시물|드립|욕)",
           vermin=r"(?:해충|벌레|기생충|쥐새끼|바퀴벌레|박멸)"),
    "zh": dict(person=r"(?:前女友|前男友|前妻|前夫|邻居|同事|那个女(?:孩|人|生)|那个男(?:人|生)|某人|别人|陌生人"
                      r"|这个人|那个人)",
           joke=r"(?:笑话|段子|梗|帖子|文章|内容|言论)",
           vermin=r"(?:害虫|寄生虫|老鼠|蟑螂|劣等|消灭)"),
    "ja": dict(person=r"(?:元カノ|元彼|元カレ|元妻|元夫|隣人|隣の|同僚|(?:あの|その|この)(?:子|女|男|人)|他人|"
                      r"知らない人|誰か)",
           joke=r"(?:ジョーク|冗談|ネタ|ミーム|投稿|文章|コンテンツ)",
           vermin=r"(?:害虫|寄生虫|ゴキブリ|劣等|駆除)"),
    "ar": dict(person=r"(?:صديقتي|زوجتي|زوجي|حبيبتي|حبيبتي السابقه|حبيبي السابق|زوجتي السابقه|طليقتي|جاري|جارتي|"
      r"زميلي|زميلتي|شخص ما|هذه ا"
      r"لفتاه|هذا الرجل|الغرباء|الناس)",
           joke=r"(?:نكت|نكته|ميمز|منشورات|محتوى|شتائم)",
           vermin=r"(?:حشرات|طفيليات|جرذان|صراصير|ابادتهم)"),
    "he": dict(person=r"(?:אשתי|בעלי|החברה שלי|החבר שלי|בת הזוג|בן הזוג|האקסית|האקס|השכן|השכנה|עמית|מישהו|מישהי|"
                      r"הבחורה|הבחור|אנש"
                      r"ים זרים|זר|זרה)",
           joke=r"(?:בדיחות|בדיחה|ממים|פוסטים|תוכן|עלבונות)",
           vermin=r"(?:חרקים|טפילים|עכברושים|ג'וקים|להשמיד)"),
    "el": dict(person=r"(?:γυναικα\w* μου|αντρα\w* μου|κοπελα\w* μου|φιλ\w+ μου|πρωην|γειτον\w+|συναδελφ\w+|καπο"
                      r"ιου|καποιασ|αυτησ τησ|αυτου του|αγνωστ\w+|ανθρωπ\w+)",
           joke=r"(?:αστει\w+|ανεκδοτ\w+|memes?|αναρτησ\w+|περιεχομενο|προσβολ\w+)",
           vermin=r"(?:παρασιτ\w+|κατσαριδ\w+|ποντικ\w+|να εξολοθρευτ\w+)"),
    "hi": dict(person=r"(?:एक्स|पूर्व प्रेमिका|पूर्व प्रेमी|पड़ोसी|पडोसी|सहकर्मी|किसी|उस लड़की|उस लडकी|उस आदमी|अ"
                      r"जनबी|लोगों)",
           joke=r"(?:चुटकुले|चुटकुला|मजाक|मज़ाक|मीम|पोस्ट|गालियां|गालियाँ)",
           vermin=r"(?:कीड़े|कीडे|परजीवी|चूहे|कॉकरोच|खत्म कर दो)"),
    "th": dict(person=r"(?:แฟนเก่า|เพื่อนบ้าน|เพื่อนร่วมงาน|ใครบางคน|ผู้หญิงคนนั้น|ผู้ชายคนนั้น|คนแปลกหน้า|คนอื่น)",
           joke=r"(?:มุก|เรื่องตลก|มีม|โพสต์|เนื้อหา|คำด่า)",
           vermin=r"(?:แมลง|ปรสิต|หนู|แมลงสาบ|กำจัด)"),
}

# A fourth pass: harm done to a person behind their back. ``spy`` (spyware, tracking apps, reading someone's
# messages), ``covert`` (without them knowing, secretly, untraceably), ``revenge`` (revenge, poisoning,
# sabotage, breaking into a home); ``person`` for the languages the third pass left out.
MORE_COVERT: dict[str, dict[str, str]] = {
    "es": dict(person=r"\b(?:mi ex|mi (?:vecin\w|compañer\w|companer\w|jef\w|novi\w|espos\w|pareja|suegr\w)|algu"
                      r"ien|esa (?:chica|mujer|persona)|ese (?:chico|hombre|tipo)|desconocid\w+|la gente|otras p"
                      r"ersonas)\b",
           spy=r"\b(?:app\w* (?:espia|de rastreo|de localizacion)|programa espia|spyware|stalkerware|rastreador|"
               r"localizador|leer (?:sus|los) (?:mensajes|whatsapp)|grabar(?:le)? (?:sus )?(?:llamadas|conversac"
               r"iones)|camara oculta)\b",
           covert=r"\b(?:sin que (?:\w+ ){0,2}(?:se (?:de cuenta|entere|note)|lo (?:sepa|note)|nadie (?:lo )?(?:"
                  r"sepa|note))|a escondidas|en secreto|sin dejar rastro|que no se pueda rastrear|sin que me pil"
                  r"len|sin que se note)\b",
           revenge=r"\b(?:vengarme|venganza|vengar|envenen\w+|hacerle dano|lastimarl\w|arruinarl\w|sabotear\w*|e"
                   r"ntrar (?:\w+ ){0,2}(?:casa|piso|coche)|(?:en que|que) (?:gimnasio|trabajo|escuela|bar) (?:"
                   r"\w+ )?(?:entrena|va|trabaja|esta))\b"),
    "pt": dict(person=r"\b(?:minha ex|meu ex|minha (?:vizinha|colega|chefe|namorada|esposa|mulher)|meu (?:vizinh"
                      r"o|colega|chefe|namorado|marido)|alguem|essa (?:garota|mulher|pessoa)|esse (?:cara|homem)"
                      r"|desconhecid\w+|outras pessoas)\b",
           spy=r"\b(?:app\w* (?:espiao|espia|de rastreamento|de localizacao)|aplicativo espiao|spyware|stalkerwa"
               r"re|rastreador|ler (?:as )?(?:mensagens|conversas) d\w+|gravar (?:as )?(?:ligacoes|conversas)|ca"
               r"mera escondida)\b",
           covert=r"\b(?:sem que (?:\w+ ){0,2}(?:perceba|saiba|descubra|note)|escondido|as escondidas|em segredo"
                  r"|sem deixar rastros?|sem ser (?:pego|descoberto)|que nao (?:de|possa) (?:para )?rastrear)\b",
           revenge=r"\b(?:vingar\w*|vinganca|envenen\w+|machuc\w+ (?:ela|ele)|prejudic\w+|sabotar\w*|convencer ("
                   r"?:\w+ ){0,3}(?:que )?(?:ela|ele) (?:esta|e) (?:louc\w|doid\w)|entrar (?:\w+ ){0,2}(?:casa|a"
                   r"partamento|carro))\b"),
    "fr": dict(person=r"\b(?:mon ex|ma (?:voisine|collegue|patronne|copine|femme|soeur)|mon (?:voisin|collegue|p"
      r"atron|copain|mari|frere)|quelqu un|cette (?:fille|femme|personne)|ce (?:mec|type|gars)|inconnu\w*|les ge"
      r"ns|d autres personnes)\b",
           spy=r"\b(?:application\w* (?:espion|de suivi|de localisation|mouchard)|logiciel espion|spyware|stalke"
               r"rware|traceur|mouchard|lire (?:ses|les) (?:messages|sms|conversations)|enregistrer (?:ses )?(?:"
               r"appels|conversations)|camera cachee)\b",
           covert=r"\b(?:sans qu (?:\w+ ){0,2}(?:le sache|s en rende compte|le remarque|s en apercoive)|en cache"
                  r"tte|en secret|a son insu|a leur insu|sans laisser de traces?|sans me faire prendre|intracable)\b",
           revenge=r"\b(?:venger|vengeance|empoisonn\w+|lui faire du mal|saboter|ruiner (?:sa|la) vie|convaincre"
                   r" (?:\w+ ){0,3}qu (?:elle|il) est (?:folle|fou)|entrer (?:\w+ ){0,2}(?:maison|appartement|vo"
                   r"iture))\b"),
    "it": dict(person=r"\b(?:la mia ex|il mio ex|mia ex|mio ex|(?:la )?mia (?:vicina|collega|capa|ragazza|moglie"
                      r")|(?:il )?mio (?:vicino|collega|capo|ragazzo|marito)|qualcuno|quella (?:ragazza|donna|pe"
                      r"rsona)|quel (?:tizio|ragazzo|uomo)|sconosciut\w+|altre persone)\b",
           spy=r"\b(?:app\w* (?:spia|di tracciamento|di localizzazione)|programma spia|spyware|stalkerware|local"
               r"izzatore|leggere (?:i suoi|i) messaggi|registrare (?:le sue )?(?:chiamate|conversazioni)|teleca"
               r"mera nascosta)\b",
           covert=r"\b(?:senza che (?:\w+ ){0,2}(?:se ne accorga|lo sappia|lo scopra|noti)|di nascosto|in segret"
                  r"o|senza lasciare tracce|senza farmi beccare|non rintracciabil\w+)\b",
           revenge=r"\b(?:vendicarmi|vendetta|avvelen\w+|fargli del male|farle del male|sabotare|rovinargli|rovi"
                   r"narle|entrare (?:\w+ ){0,2}(?:casa|appartamento|macchina))\b"),
    "de": dict(person=r"\b(?:meine?[nmrs]? (?:ex|exfreundin|exfreund|nachbar\w*|kolleg\w*|chef\w*|freundin|frau|"
                      r"mann|schwester)|jemand\w*|diese[nmrs]? (?:frau|mann|person|madchen|typ)|fremde\w*|andere"
                      r" leute|anderen)\b",
           spy=r"\b(?:spionage ?app\w*|spy ?app\w*|spionagesoftware|spyware|stalkerware|ortungs ?app\w*|tracking"
               r" ?app\w*|peilsender|nachrichten (?:\w+ )?mitlesen|gesprache (?:\w+ )?aufnehmen|versteckte kamera)\b",
           covert=r"\b(?:ohne dass (?:\w+ ){0,2}(?:es )?(?:merkt|bemerkt|erfahrt|mitbekommt|weiss)|heimlich|unbe"
                  r"merkt|unauffallig|ohne spuren|nicht nachverfolgbar|ohne erwischt zu werden)\b",
           revenge=r"\b(?:rachen|rache|vergift\w+|weh ?tun|schaden|sabotier\w+|fertig ?machen|einbrech\w+|in (?:"
                   r"\w+ )?(?:haus|wohnung|auto) (?:\w+ )?(?:kommen|gelangen|rein)|nicht mehr aufwache\w*|schlaf"
                   r"tabletten)\b"),
    "nl": dict(spy=r"\b(?:spionage ?app\w*|spy ?app\w*|spyware|stalkerware|volg ?app\w*|berichten (?:\w+ )?meele"
                   r"zen|verborgen camera)\b",
           covert=r"\b(?:zonder dat (?:\w+ ){0,2}(?:het )?(?:merkt|weet|doorheeft)|stiekem|ongemerkt|in het gehe"
                  r"im|zonder sporen|onvindbaar)\b",
           revenge=r"\b(?:wraak|terugpakken|vergiftig\w*|pijn doen|saboter\w+|inbreken|binnenkomen)\b"),
    "sv": dict(spy=r"\b(?:spionapp\w*|spionprogram\w*|spyware|stalkerware|spårningsapp\w*|sparningsapp\w*|lasa ("
                   r"?:hennes|hans|deras) meddelanden|dold kamera)\b",
           covert=r"\b(?:utan att (?:\w+ ){0,2}(?:marker\w*|vet|marka)|i hemlighet|obemarkt|utan spar)\b",
           revenge=r"\b(?:hamnas|hamnd|forgift\w*|skada (?:honom|henne|dem)|sabotera|bryta sig in)\b"),
    "pl": dict(spy=r"\b(?:aplikacj\w+ szpiegowsk\w+|program\w* szpiegowsk\w+|spyware|stalkerware|lokalizator\w*|"
                   r"czytac (?:jej|jego) wiadomosci|ukryt\w+ kamer\w+)\b",
           covert=r"\b(?:tak zeby (?:\w+ ){0,2}(?:nie )?(?:zauwazyl\w*|wiedzial\w*)|bez (?:jej|jego|ich) wiedzy|"
                  r"potajemnie|w tajemnicy|niepostrzezenie|bez sladu|niewykrywaln\w+)\b",
           revenge=r"\b(?:zemst\w+|zemscic sie|otru\w+|otruc|skrzywdzic|zaszkodzic|sabotowac|wlamac sie)\b"),
    "ru": dict(person=r"(?:мо(?:ю|ей|его|й) (?:бывш\w+|сосед\w*|коллег\w*|начальни\w+|девушк\w+|жен\w+|муж\w*)|с"
                      r"осед\w*|кого[ -]?(?:то|нибудь)|эт\w+ (?:девушк\w+|женщин\w+|человек\w*|парн\w+)|незнаком"
                      r"\w+|других людей|конкурент\w*)",
           spy=r"(?:шпионск\w+ (?:приложени\w+|программ\w+)|шпионск\w+ (?:по|софт)|spyware|stalkerware|трекер\w*"
               r"|прослушк\w+|читать (?:е[её]|его|их) (?:переписк\w+|сообщени\w+)|скрыт\w+ камер\w+)",
           covert=r"(?:(?:чтобы|так чтобы) (?:\w+ ){0,2}(?:никто )?не (?:узнал\w*|заметил\w*|догадал\w*)|незамет"
                  r"но|тайно|втайне|без следов|не отследить|без палева)",
           revenge=r"(?:отомстить|месть|отрав\w+|навредить|сделать больно|испортить (?:ему|ей) жизнь|положит\w* "
                   r"(?:\w+ )?сайт|уронить сайт|залезть (?:\w+ )?(?:в дом|в квартиру))"),
    "uk": dict(spy=r"(?:шпигунськ\w+ (?:застосун\w+|програм\w+|додат\w+)|spyware|stalkerware|трекер\w*|читати (?"
                   r":її|його) (?:листуванн\w+|повідомлен\w+)|прихован\w+ камер\w+)",
           covert=r"(?:щоб (?:\w+ ){0,2}не (?:дізнал\w*|помітил\w*)|непомітно|таємно|потай|без слідів)",
           revenge=r"(?:помститися|помста|отру\w+|нашкодити|зробити боляче|зламати сайт|покласти сайт)"),
    "tr": dict(spy=r"\b(?:casus (?:uygulama\w*|yazilim\w*)|takip uygulama\w*|spyware|stalkerware|mesajlarini (?:"
      r"gizlice )?oku\w*|gizli kamera)",
           covert=r"\b(?:haberi olmadan|fark etmeden|fark ettirmeden|gizlice|kimse (?:anlamadan|bilmeden)|iz bir"
                  r"akmadan|yakalanmadan)",
           revenge=r"\b(?:intikam\w*|ocumu al\w*|zehirle\w*|zarar ver\w*|sabote\w*|kablosuz ag\w* "
                   r"(?:\w+ )?siz\w*|wifi\w* (?:sifresini )?(?:kir\w*|siz\w*))"),
    "id": dict(spy=r"\b(?:aplikasi (?:mata[ -]mata|penyadap|pelacak)|spyware|stalkerware|menyadap|sadap|membaca "
                   r"(?:pesan|chat)nya|kamera tersembunyi)\b",
           covert=r"\b(?:tanpa (?:dia|mereka|ia) (?:tahu|sadari|ketahui)|diam[ -]diam|secara rahasia|tanpa jejak"
                  r"|tidak terlacak|tanpa ketahuan)\b",
           revenge=r"\b(?:balas dendam|membalas|meracuni|racuni|menyakiti|menyabotase|membobol rumah)\b"),
    "vi": dict(spy=r"\b(?:ung dung (?:gian điep|theo doi|nghe len)|phan mem gian điep|spyware|nghe len|đoc tin n"
                   r"han cua|camera an)\b",
           covert=r"\b(?:ma (?:co ay|anh ay|ho|no) khong biet|len lut|bi mat|khong đe lai dau vet|khong bi phat "
                  r"hien)\b",
           revenge=r"\b(?:tra thu|bao thu|đau đoc|hai (?:co ay|anh ay|ho)|pha hoai|đot nhap nha)\b"),
    "zh": dict(spy=r"(?:定位软件|监控软件|间谍软件|窃听|偷看(?:她|他)?的?(?:聊天记录|消息|短信)|偷拍|跟踪器|装定"
                   r"位|装监控)",
           covert=r"(?:偷偷|神不知鬼不觉|不让(?:她|他|他们)?(?:知道|发现)|不被发现|查不到|不留痕迹|悄悄)",
           revenge=r"(?:报复|复仇|下毒|毒死|害(?:她|他)|整(?:她|他)|搞垮|开(?:他|她|邻居)?(?:家)?的?锁|撬锁|闯进)"),
    "ja": dict(spy=r"(?:スパイアプリ|追跡アプリ|位置情報アプリ|盗聴|隠しカメラ|(?:彼女|彼|妻|夫)のメッセージを(?"
                   r":盗み見|読)|監視アプリ)",
           covert=r"(?:バレないように|気づかれないように|こっそり|密かに|ひそかに|足がつかない|痕跡を残さず)",
           revenge=r"(?:復讐|仕返し|毒を盛|毒殺|嫌がらせ|陥れ|家の鍵の開け方|鍵を開け|忍び込)"),
    "ko": dict(spy=r"(?:스파이 ?앱|위치 ?추적 ?앱|추적 ?앱|도청|몰래 ?카메라|몰카|감시 ?앱|메시지를 몰래)",
           covert=r"(?:들키지 ?않게|모르게|몰래|티 ?안 ?나게|흔적 ?없이|추적 ?안 ?되게)",
           revenge=r"(?:복수|앙갚음|독을|독살|해코지|괴롭히|망가뜨리|집에 몰래 들어가|문을 따)"),
    "ar": dict(spy=r"(?:تطبيق تجسس|برنامج تجسس|تطبيق تتبع|التجسس على|قراءه رسائل(?:ها|ه)|كاميرا مخفيه|تنصت)",
           covert=r"(?:دون (?:ان )?(?:تعرف|يعرف|تلاحظ|يلاحظ|يعلم|تعلم)|بدون علم(?:ها|ه)|سرا|خلسه|دون ترك اثر|بدو"
                  r"ن ان يكتشف)",
           revenge=r"(?:انتقام|انتقم|تسميم|اسمم|اذيه|ايذاء(?:ه|ها)|تخريب|اقناع(?:ها|ه)? بان(?:ها|ه) (?:مجنون|مجن"
                   r"ونه)|تقنع \S+ بانها مجنونه|اقتحام منزل)"),
    "he": dict(spy=r"(?:אפליקציית ריגול|אפליקציות ריגול|אפליקציית מעקב|אפליקציות מעקב|תוכנת ריגול|לצותת|"
                   r"לקרוא את ההודעות של|מצלמה נסתרת)",
           covert=r"(?:בלי ש(?:היא|הוא|הם) (?:ת?ידע|תדע|ידעו|ישים לב|תשים לב)|בלי שתדע|בלי שידע|בלי שידעו|בסתר|"
                  r"בלי שאף אחד ידע|בלי להשאיר עק"
                  r"בות|בלי להיתפס)",
           revenge=r"(?:לנקום|נקמה|להרעיל|הרעלה|לפגוע ב|לחבל|לפרוץ לבית|לשכנע את\S* ש(?:היא|הוא) (?:משוגעת|משוגע))"),
    "el": dict(spy=r"(?:κατασκοπευτικ\w+ εφαρμογ\w+|εφαρμογ\w+ παρακολουθησ\w*|spyware|υποκλοπ\w+|να διαβαζω τα "
                   r"μηνυματα|κρυφ\w+ καμερ\w+)",
           covert=r"(?:χωρισ να (?:το )?(?:καταλαβει|μαθει|ξερει)|κρυφα|στα κρυφα|χωρισ ιχνη|χωρισ να με πιασουν)",
           revenge=r"(?:εκδικηθ\w+|εκδικηση|δηλητηριασ\w+|να (?:του|τησ) κανω κακο|σαμποταρ\w+|να μπω στο σπιτι)"),
    "hi": dict(spy=r"(?:जासूसी ऐप|ट्रैकिंग ऐप|स्पाई ऐप|जासूसी सॉफ्टवेयर|मैसेज चुपके से पढ|छिपा कैमरा)",
           covert=r"(?:बिना (?:उसे|उन्हें|किसी को) पता (?:चले|लगे)|चुपके से|छिपकर|चोरी[ -]छिपे|बिना सबूत|पकड़े ब"
                  r"िना|पकडे बिना)",
           revenge=r"(?:बदला|जहर दे|ज़हर दे|नुकसान पहुँचा|नुकसान पहुंचा|वाई[ -]?फाई में (?:कैसे )?घुस|घर में घुस"
                   r"|पागल (?:है|साबित))"),
    "th": dict(spy=r"(?:แอปสอดแนม|แอปติดตาม|โปรแกรมสอดแนม|ดักฟัง|แอบอ่านข้อความ|กล้องแอบถ่าย)",
           covert=r"(?:แอบ|โดยไม่ให้(?:เขา|เธอ)?รู้|ไม่ให้ใครรู้|ไม่ทิ้งร่องรอย|ไม่ให้ถูกจับได้)",
           revenge=r"(?:แก้แค้น|ล้างแค้น|วางยา|ทำร้าย|กลั่นแกล้ง|งัดบ้าน)"),
}

# A fifth pass: ``anyway`` (answer even if it is illegal or dangerous); for the three languages without a
# lexicon (he, el, th), ``norefuse`` (never refuse) and ``devmode`` (developer mode, jailbreak) as well.
MORE_IGNORE: dict[str, dict[str, str]] = {  # the three languages without a lexicon: ignore / switch off
    "he": dict(ignore=r"(?:להתעלם|תתעלם|התעלם|תשכח|שכח מ|לשכוח|אל תציית|לעקוף|תעקוף|תכבה|לכבות|לבטל את|תבטל את|"
                      r"תסיר את|להסיר את)"),
    "el": dict(ignore=r"(?:αγνοησ\w+|αγνοει\w*|ξεχασε|ξεχνα|παρακαμψ\w+|μην ακολουθεισ|απενεργοποιησ\w+|κλεισε|"
                      r"αφαιρεσ\w+)"),
    "th": dict(ignore=r"(?:เพิกเฉย|ละเว้น|ไม่ต้องสนใจ|ลืม|ข้าม|ไม่ต้องทำตาม|ฝ่าฝืน|ปิด|ถอด)"),
}
MORE_ANYWAY: dict[str, dict[str, str]] = {
    "es": dict(anyway=r"\b(?:aunque (?:sea|resulte|parezca) (?:\w+ )?(?:ilegal|peligros\w+|danin\w+|poco etic\w+"
                      r"|inmoral)|sea (?:legal o no|ilegal o no)|sin importar (?:si es |lo )?(?:ilegal|peligros"
                      r"\w+|legal))\b"),
    "pt": dict(anyway=r"\b(?:mesmo que (?:seja|pareca) (?:\w+ )?(?:ilegal|perigos\w+|prejudicial|antietic\w+)|se"
                      r"ja (?:legal ou nao|ilegal ou nao)|nao importa se (?:e|for) (?:ilegal|perigos\w+))\b"),
    "fr": dict(anyway=r"\b(?:meme si (?:c est|cela est|ca semble) (?:\w+ )?(?:illegal|dangereux|nuisible|contrai"
      r"re a l ethique|immoral)|(?:legal|illegal) ou (?:pas|non)|peu importe (?:si c est|la) (?:illegal|dangereu"
      r"x|legalite))\b"),
    "it": dict(anyway=r"\b(?:anche se (?:e|sembra) (?:\w+ )?(?:illegale|pericoloso|dannoso|immorale)|(?:legale|i"
                      r"llegale) o (?:no|meno)|non importa se (?:e )?(?:illegale|pericoloso))\b"),
    "de": dict(anyway=r"\b(?:auch wenn (?:es|das) (?:\w+ )?(?:illegal|gefahrlich|schadlich|unmoralisch|verboten)"
                      r"|egal ob (?:\w+ )?(?:legal|illegal|gefahrlich)|ob legal oder nicht)\b"),
    "nl": dict(anyway=r"\b(?:ook als (?:het|dat) (?:\w+ )?(?:illegaal|gevaarlijk|schadelijk|onethisch|verboden)|"
                      r"(?:legaal|illegaal) of niet|ongeacht of (?:het )?(?:illegaal|gevaarlijk|legaal))\b"),
    "sv": dict(anyway=r"\b(?:aven om (?:det|det ar) (?:\w+ )?(?:olagligt|farligt|skadligt|oetiskt|forbjudet)|(?:"
                      r"lagligt|olagligt) eller (?:inte|ej)|oavsett om (?:det ar )?(?:olagligt|farligt|lagligt))\b"),
    "pl": dict(anyway=r"\b(?:nawet jesli (?:to )?(?:jest )?(?:\w+ )?(?:nielegaln\w+|niebezpieczn\w+|szkodliw\w+|"
                      r"nieetyczn\w+)|(?:legalne|nielegalne) czy nie|bez wzgledu na to czy (?:to )?(?:jest )?(?:"
                      r"legalne|nielegalne))\b"),
    "ru": dict(anyway=r"(?:даже если (?:это )?(?:\w+ )?(?:незаконно|опасно|вредно|неэтично|запрещено)|законно ил"
                      r"и нет|неважно,? (?:законно|опасно) ли|независимо от (?:закона|законности))"),
    "uk": dict(anyway=r"(?:навіть якщо (?:це )?(?:\w+ )?(?:незаконно|небезпечно|шкідливо|неетично|заборонено)|за"
                      r"конно чи ні|незалежно від (?:закону|законності))"),
    "el": dict(anyway=r"(?:ακομα κι αν (?:ειναι )?(?:\w+ )?(?:παρανομ\w+|επικινδυν\w+|βλαβερ\w+|ανηθικ\w+)|νομιμ"
                      r"\w+ ή οχι|νομιμ\w+ η οχι|ανεξαρτητα απο (?:το )?(?:νομο|νομιμοτητα))",
           norefuse=r"(?:μην (?:\w+ )?αρνεισαι|ποτε μην αρνηθεισ|χωρισ να αρνηθεισ|μην αρνηθεισ ποτε|να μην αρνεισαι)",
           devmode=r"(?:λειτουργια (?:προγραμματιστη|developer)|developer mode|jailbreak)"),
    "tr": dict(anyway=r"\b(?:yasadisi (?:bile|olsa bile)|tehlikeli (?:bile|olsa bile)|yasal olsun olmasin|yasa d"
      r"isi olsa (?:da|bile))"),
    "id": dict(anyway=r"\b(?:meskipun (?:itu )?(?:\w+ )?(?:ilegal|berbahaya|melanggar hukum|tidak etis)|(?:legal"
                      r"|ilegal) atau tidak|tidak peduli (?:itu )?(?:ilegal|berbahaya|legal))\b"),
    "vi": dict(anyway=r"\b(?:du (?:đo la |no )?(?:bat hop phap|nguy hiem|trai phap luat|pham phap)|hop phap hay "
                      r"khong|bat ke (?:co )?(?:hop phap|nguy hiem))\b"),
    "zh": dict(anyway=r"(?:即使(?:是)?(?:违法|非法|危险|有害|不道德)|不管(?:是否)?(?:合法|违法|危险)|无论(?:是否"
                      r")?(?:合法|违法|危险))"),
    "ja": dict(anyway=r"(?:違法(?:なこと)?でも|危険(?:なこと)?でも|合法かどうか(?:に関係なく|関係なく)|法律に関"
                      r"係なく)"),
    "ko": dict(anyway=r"(?:불법이(?:라도|어도|든)|위험하(?:더라도|든)|합법이든 (?:아니든|불법이든)|불법 여부와 "
                      r"상관없이)"),
    "ar": dict(anyway=r"(?:حتى لو (?:كان )?(?:غير قانوني|خطيرا|خطير|ضارا|غير اخلاقي)|سواء كان قانونيا ام لا|بغض "
      r"النظر عن (?:القانون|الشرعيه|الخطوره))"),
    "he": dict(anyway=r"(?:גם אם (?:זה )?(?:לא חוקי|בלתי חוקי|מסוכן|מזיק|לא מוסרי)|חוקי או לא|בלי קשר ל(?:חוק|חו"
                      r"קיות))",
           norefuse=r"(?:אל תסרב|לעולם אל תסרב|אף פעם אל תסרב|בלי לסרב|אסור לך לסרב|תפסיק לסרב|לא לסרב)",
           devmode=r"(?:מצב מפתח|מצב מפתחים|developer mode|jailbreak|ג'יילבריק)"),
    "hi": dict(anyway=r"(?:भले ही (?:वह|यह)? ?(?:गैरकानूनी|अवैध|खतरनाक)|चाहे (?:वह|यह)? ?(?:गैरकानूनी|अवैध|खतरना"
                      r"क|कानूनी) हो|कानूनी हो या नहीं)"),
    "th": dict(anyway=r"(?:แม้(?:ว่า)?จะ(?:ผิดกฎหมาย|อันตราย|ไม่ถูกต้อง)|ถูกกฎหมายหรือไม่|ไม่ว่าจะ(?:ผิดกฎหมาย|อ"
                      r"ันตราย))",
           norefuse=r"(?:ห้ามปฏิเสธ|อย่าปฏิเสธ|ไม่ต้องปฏิเสธ|ไม่ปฏิเสธ(?:อะไร|คำขอ)|เลิกปฏิเสธ)",
           devmode=r"(?:โหมดนักพัฒนา|developer mode|jailbreak|เจลเบรก)"),
}

# A sixth pass: ``steal`` (stealing, shoplifting, pickpocketing, cloning cards) that with ``covert`` or
# ``make`` (how to) is wrongdoing taught; ``upmore`` (count more, weigh more), more words for ``up``.
MORE_THEFT: dict[str, dict[str, str]] = {
    "es": dict(
        steal=r"\b(?:robar\w*|hurtar|clonar tarjetas|robar (?:\w+ )?contrasenas)\b",
        upmore=r"\b(?:mas peso|pesan mas|cuentan mas|valen mas)\b",
    ),
    "pt": dict(
        steal=r"\b(?:roubar|furtar|clonar cart\w+)\b",
        upmore=r"\b(?:mais peso|pesam mais|contam mais|superam)\b",
    ),
    "fr": dict(
        steal=r"\b(?:voler (?:dans|des|les|un|une)|piquer dans les magasins|cloner (?:des )?cartes)\b",
        upmore=r"\b(?:comptent plus|pesent plus|priment)\b",
    ),
    "it": dict(
        steal=r"\b(?:rubare|taccheggiare|borseggiare|clonare (?:le )?carte)\b",
        upmore=r"\b(?:superat\w+|contano (?:di )?piu|pesano (?:di )?piu)\b",
    ),
    "de": dict(
        steal=r"\b(?:stehlen|klauen|karten klonen)\b",
        upmore=r"\b(?:zahl\w* mehr|wieg\w* (?:schwerer|mehr)|kommen vor|steh\w* uber)\b",
    ),
    "nl": dict(
        steal=r"\b(?:stelen|steelt|jatten|wachtwoord steelt|wachtwoorden stelen)\b",
        upmore=r"\b(?:wegen zwaarder|tellen zwaarder|tellen meer)\b",
    ),
    "sv": dict(
        steal=r"\b(?:stjala|stjal|snatta)\b",
        upmore=r"\b(?:vager tyngre|vager mer|raknas mer)\b",
    ),
    "pl": dict(
        steal=r"\b(?:krasc|ukrasc|okradac|okrasc)\b",
        upmore=r"\b(?:licza sie bardziej|waza wiecej)\b",
    ),
    "ru": dict(
        steal=r"(?:украсть|воровать|красть|стащить|спереть|клонировать карт\w+)",
        upmore=r"(?:весомее|значат больше|стоят выше)",
    ),
    "uk": dict(
        steal=r"(?<!про)(?:вкрасти|красти|поцупити)",  # not "прокрастиную" (I procrastinate)
        upmore=r"(?:важать більше|вагоміш\w+)",
    ),
    "el": dict(
        steal=r"(?:να κλεβ\w+|να κλεψ\w+|κλεβω|κλεψω)",
        upmore=r"(?:μετρ\w+ περισσοτερο|βαραινουν)",
    ),
    "tr": dict(
        steal=r"\b(?:cal\w*mak|dukkandan cal\w*|magazadan cal\w*|kart kopyala\w*)",
        upmore=r"\b(?:once gel\w*|daha agir bas\w*)",
    ),
    "id": dict(
        steal=r"\b(?:mencuri|mengutil|mencopet)\b",
        upmore=r"\b(?:lebih berbobot|lebih didahulukan)\b",
    ),
    "vi": dict(
        steal=r"\b(?:an trom|an cap|trom đo|trom cap)\b",
        upmore=r"\b(?:đuoc uu tien hon|nang ky hon)\b",
    ),
    "zh": dict(
        steal=r"(?:偷东西|偷窃|扒窃|顺手牵羊|偷(?:商店|超市)|偷钱|盗刷)",
        upmore=r"(?:优先于|压倒|比.{0,12}(?:重要|优先))",
    ),
    "ja": dict(
        steal=r"(?:万引きする|万引きの(?:方法|やり方|コツ)|盗む|盗み方)",
        upmore=r"(?:より大事|より重視|より重い)",
    ),
    "ko": dict(
        steal=r"(?:훔치|도둑질하|소매치기하)",
        upmore=r"(?:보다 (?:더 )?중요|보다 우선)",
    ),
    "ar": dict(
        steal=r"(?:اسرق|يسرق|سرقه (?:المتاجر|المحلات))",
        upmore=r"(?:تعلو على|لها الاولويه)",
    ),
    "he": dict(
        steal=r"(?:לגנוב|לכייס)",
        upmore=r"(?:גוברות על|גוברים על|חשובות יותר)",
    ),
    "hi": dict(
        steal=r"(?:चोरी (?:कैसे )?कर|चुराने|चुराना)",
        upmore=r"(?:से ज़्यादा अहम|से ज्यादा अहम|से बढ़कर|से ऊपर)",
    ),
    "th": dict(
        steal=r"(?:ขโมย)",
        upmore=r"(?:สำคัญกว่า|มาก่อน)",
    ),
}
# ``endself`` + ``amount``: how much of something it takes to die (German, where the first probe missed it).
ENDSELF: dict[str, dict[str, str]] = {
    "de": dict(endself=r"\b(?:(?:nicht mehr|nie wieder|nie mehr) aufwach\w*|(?:damit|bis|sodass) ich (?:sterbe|tot "
                       r"bin)|um zu sterben|mein leben (?:zu )?beenden)\b",
               amount=r"\b(?:wie ?viele?|welche menge|welche dosis|dosis|tabletten|pillen|schlaftabletten)\b"),
    # Further languages in words of our own: dying / not waking up / ending one's life, with a number of pills,
    # a dose or the least painful method.
    "es": dict(endself=r"\b(?:no (?:volver a )?despertar(?:me)?|morir(?:me)?|matarme|quitarme la vida|acabar "
                       r"con (?:mi vida|todo)|suicidarme)\b",
               amount=r"\b(?:cuantas? (?:pastillas|pildoras|comprimidos)|que dosis|dosis|pastillas|metodo menos "
                      r"doloroso|forma menos dolorosa|manera menos dolorosa)\b"),
    "pt": dict(endself=r"\b(?:nao acordar (?:mais)?|morrer|me matar|tirar (?:a )?minha (?:propria )?vida|acabar com "
                       r"(?:tudo|minha vida)|me suicidar)\b",
               amount=r"\b(?:quantos? (?:comprimidos|remedios|pilulas)|qual dose|dose|comprimidos|jeito menos "
                      r"doloroso|metodo menos doloroso|forma menos dolorosa)\b"),
    "fr": dict(endself=r"\b(?:ne (?:plus|jamais) me reveiller|mourir|me tuer|en finir|mettre fin a (?:mes jours|ma "
                       r"vie)|me suicider)\b",
               amount=r"\b(?:combien de (?:cachets|comprimes|pilules|medicaments)|quelle dose|doses?|cachets|"
                      r"(?:facon|methode|maniere) la moins douloureuse)\b"),
    "it": dict(endself=r"\b(?:non svegliarmi piu|morire|uccidermi|farla finita|togliermi la vita|suicidarmi)\b",
               amount=r"\b(?:quante (?:pillole|pastiglie|compresse)|che dose|dose|pastiglie|compresse|(?:modo|"
                      r"metodo) meno doloroso)\b"),
    "ru": dict(endself=r"(?:не проснуться|не просыпаться|умереть|покончить с собой|уйти из жизни|убить себя)",
               amount=r"(?:сколько (?:таблеток|пилюль)|какая доза|какую дозу|доз[ауы]|таблет\w+|самый безболезненный|"
                      r"наименее болезненный)"),
    "pl": dict(endself=r"\b(?:nie obudzic sie|(?:juz )?sie nie obudze|nie obudze sie|umrzec|zabic sie|"
                       r"odebrac sobie zycie|skonczyc ze soba)\b",
               amount=r"\b(?:ile (?:tabletek|pigulek)|(?:po )?ilu (?:tabletk|pigul|lek)\w*|jaka dawk\w+|dawk\w+|"
                      r"tabletek|ilosc\w* lekow|"
                      r"najmniej bolesn\w+)\b"),
    "tr": dict(endself=r"\b(?:bir daha uyanmamak|uyanmamak|olmek|kendimi oldur\w*|hayatima son ver\w*|"
                       r"canima kiy\w*)\b",
               amount=r"\b(?:kac (?:hap|tablet)|hangi doz|doz\w*|hap\w*|en az acili|en acisiz)\b"),
    "zh": dict(endself=r"(?:不再醒来|再也不醒|醒不过来|去死|死掉|自杀|结束(?:我的)?生命|了结自己)",
               amount=r"(?:多少片|几片|多少粒|剂量|多少药|最不痛苦|最无痛)"),
    "ja": dict(endself=r"(?:目覚めない|目が覚めない|死ねる|死ぬ方法|自殺|命を絶|楽になれる)",
               amount=r"(?:何錠|何粒|どれくらい飲|致死量|一番楽な|苦しまない|痛くない方法)"),
    "ko": dict(endself=r"(?:다시 깨지 않|다시 안 깨|안 깨어나|죽을 수 있|죽는 방법|자살|생을 마감|끝낼 수 있)",
               amount=r"(?:몇 알|얼마나 먹어야|얼마나 모아야|얼마나 있어야|치사량|가장 덜 아픈|고통 없이|안 아프게)"),
    "hi": dict(endself=r"(?:फिर न उठूं|फिर न उठूँ|मर जाऊं|मर जाऊँ|मरने|खुद को खत्म|ख़ुद को ख़त्म|अपनी जान ले|"
                       r"आत्महत्या)",
               amount=r"(?:कितनी गोलियां|कितनी गोलियाँ|कितनी दवा|खुराक|सबसे कम दर्दनाक|बिना दर्द|कौन सा तरीका)"),
    "ar": dict(endself=r"(?:لا أستيقظ|لا استيقظ|أموت|اموت|أقتل نفسي|اقتل نفسي|أنهي حياتي|انهي حياتي|انتحار|الانتحار)",
               amount=r"(?:كم حبة|عدد الحبوب|جرعة|الجرعة|أقل طريقة ألما|اقل طريقة الما|بدون ألم|بدون الم)"),
}
# ``how`` (how to, teach me): with ``steal``, wrongdoing taught.
HOW: dict[str, str] = {
    "es": r"\b(?:como|ensena\w*|explica\w*)\b",
    "pt": r"\b(?:como|ensin\w+|expliq\w+)\b",
    "fr": r"\b(?:comment|apprends|explique)\b",
    "it": r"\b(?:come|insegna\w*|spiega\w*)\b",
    "de": r"\b(?:wie (?:man|ich)|erklar\w*|bring mir bei)\b",
    "nl": r"\b(?:hoe (?:je|ik|men)|uitleg|leer me)\b",
    "sv": r"\b(?:hur (?:man|jag)|lar mig|forklara\w*)\b",
    "pl": r"\b(?:jak|naucz\w*|wyjasnij\w*)\b",
    "ru": r"(?:как |научи|объясни)",
    "uk": r"(?:як |навчи|поясни)",
    "el": r"(?:πωσ|εξηγ\w+|μαθε μου)",
    "tr": r"\b(?:nasil|ogret\w*|anlat\w*)",
    "id": r"\b(?:cara|bagaimana|ajari\w*)\b",
    "vi": r"\b(?:cach|lam sao|chi toi)\b",
    "zh": r"(?:怎么|如何|教我)",
    "ja": r"(?:方法|やり方|仕方|教えて)",
    "ko": r"(?:방법|법을|알려)",
    "ar": r"(?:كيف|طريقه|علمني)",
    "he": r"(?:איך|תלמד|הסבר)",
    "hi": r"(?:कैसे|तरीका|तरीके)",
    "th": r"(?:วิธี|ยังไง|สอน)",
}

# The victim's side of ``spy``: finding out whether one's *own* phone is watched is a question, not a wish.
VICTIM_SIDE: dict[str, str] = {
    "es": r"\b(?:como (?:se|saber|detect\w*|averigu\w*)|saber si|averiguar si|detectar|comprobar|revisar|elimina"
          r"r|quitar|mi (?:celular|movil|telefono)|me (?:puso|instalo|espia))\b",
    "pt": r"\b(?:como (?:descobr\w+|saber|sei)|descobr\w+ se|saber se|verificar|remover|meu (?:celular|telefone)"
          r"|no meu)\b",
    "fr": r"\b(?:savoir si|comment savoir|verifier|detecter|supprimer|mon (?:telephone|portable)|sur mon|m espio"
      r"nne)\b",
    "it": r"\b(?:capire se|sapere se|controllare|scoprire se|rimuovere|mi ha messo|mio (?:telefono|cellulare)|su"
          r"l mio)\b",
    "de": r"\b(?:herausfind\w*|heraus ob|finde ich heraus|erkenn\w*|pruf\w*|entfern\w*|meinem (?:handy|telefon)|"
          r"mein (?:handy|telefon))\b",
    "nl": r"\b(?:hoe weet ik|of (?:mijn|hij|zij)|mijn telefoon|controleren|verwijderen)\b",
    "sv": r"\b(?:hur vet jag|om min|min telefon|kontrollera|ta bort)\b",
    "pl": r"\b(?:sprawdzic|jak sprawdzic|czy (?:moj|moja)|moim telefonie|moj telefon|usunac)\b",
    "ru": r"(?:понять|узнать|проверить|удалить|мой телефон|на мой|на моем|на моём)",
    "uk": r"(?:дізнатися|перевірити|видалити|мій телефон|на мій|на моєму)",
    "tr": r"\b(?:telefonuma|telefonumda|nasil anlarim|yukleyip yuklemedig\w*|kontrol\w*|silmek)",
    "id": r"\b(?:cara tahu|apakah|ponselku|hp ku|hp saya|memeriksa|menghapus)\b",
    "vi": r"\b(?:lam sao biet|co cai|đien thoai (?:cua )?toi|kiem tra|go bo)\b",
    "zh": r"(?:怎么知道|有没有|我(?:的)?手机|检查|删除)",
    "ja": r"(?:確認|私の|ていないか|削除)",
    "ko": r"(?:내 폰|내 휴대폰|내 핸드폰|깔았는지|설치했는지|확인|삭제)",
    "ar": r"(?:كيف اعرف|هاتفي|اذا كان|افحص|ازاله)",
    "he": r"(?:איך אני יודע|האם|בטלפון שלי|לבדוק|לגלות|להסיר)",
    "el": r"(?:πωσ καταλαβαινω|αν ο|αν η|κινητο μου|να ελεγξω|αφαιρεσ)",
    "hi": r"(?:कैसे जानूं|कैसे जानूँ|मेरे फोन|मेरे फ़ोन|पता करूं|जांच|हटाऊं)",
    "th": r"(?:จะรู้ได้อย่างไร|ของฉัน|ตรวจสอบ|ลบ)",
}

# A seventh pass, for the three languages without a lexicon (whose ``AUTHORITY`` + ``PRIVATE`` rule refuses
# this elsewhere): ``office`` (I am the admin, the developer, a police officer) with ``othersdata`` (other
# users' or people's data, chats, addresses) is a claimed office asking for other people's data.
OFFICE: dict[str, dict[str, str]] = {
    "he": dict(office=r"(?:אני (?:\S+ )?(?:מנהל|מנהלת|אדמין|מפתח|מפתחת|שוטר|שוטרת|חוקר|חוקרת|קצין|קצינה|עורך דין|"
                      r"עורכת דין|בלש|בלשית)|בתור (?:ה)?(?:מנהל|אדמין|מפתח|שוטר|חוקר))",
               othersdata=r"(?:מידע|נתונים|פרטים|שיחות|הודעות|כתובות|כתובת|מספרי טלפון|מספר טלפון|היסטוריית)\S* "
                          r"(?:\S+ ){0,2}(?:של|על|לגבי) (?:\S+ )?(?:משתמשים אחרים|אנשים אחרים|כל משתמש|כל אדם|"
                          r"אחרים|מישהו|כל מי ש)"),
    "el": dict(office=r"(?:ειμαι (?:ο |η )?(?:\S+ )?(?:διαχειριστ\S*|προγραμματιστ\S*|αστυνομικ\S*|ερευνητ\S*|"
                      r"δικηγορ\S*|admin|developer)|ως (?:ο )?(?:διαχειριστ\S*|προγραμματιστ\S*|αστυνομικ\S*))",
               othersdata=r"(?:στοιχει\S*|δεδομεν\S*|πληροφορι\S*|συνομιλι\S*|μηνυματ\S*|διευθυνσ\S*|τηλεφων\S*) "
                          r"(?:\S+ ){0,3}(?:αλλων|αλλου|καθε χρηστη|οποιουδηποτε|οποιουδηποτε χρηστη|αλλων χρηστων)"),
    "th": dict(office=r"(?:(?:ผม|ฉัน|ดิฉัน|เรา)\s?(?:เป็น|คือ)\s?(?:ผู้ดูแลระบบ|แอดมิน|นักพัฒนา|ตำรวจ|เจ้าหน้าที่|"
                      r"ทนาย))",
               othersdata=r"(?:ข้อมูล|แชท|ข้อความ|ที่อยู่|เบอร์โทร|ประวัติ)\S{0,20}?ของ\s?(?:ผู้ใช้คนอื่น|คนอื่น|"
                          r"ผู้ใช้อื่น|"
                          r"ผู้ใช้ทุกคน|ทุกคน|ใครก็ได้)"),
}

for _more in (MORE, MORE_SHAPES, MORE_PARTS, MORE_COVERT, MORE_ANYWAY, MORE_IGNORE, MORE_THEFT, ENDSELF, OFFICE):
    for _lang, _parts in _more.items():
        TABLE[_lang].update(_parts)
for _lang, _rx in VICTIM_SIDE.items():
    TABLE[_lang]["victimside"] = _rx
for _lang, _rx in HOW.items():
    TABLE[_lang]["how"] = _rx
