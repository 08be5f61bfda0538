"""Portuguese lexicon (concepts and phrases: see `lexicon`). Text is normalized: accents and cedillas stripped."""

_SCOPED = (r"(?! (?:de|da|do|sobre|para) (?:a |o )?"
           r"(?:tamanho|extensao|gramatica|ortografia|pontuacao|estilo|rima|formato))")

CONCEPTS = {
    "IGNORE": r"\b(?:ignor\w*|esquec\w+|esqueca|desconsider\w+|contorn\w+|burl\w+|nao (?:siga|sigas|respeite|obedeca|"
              r"aplique|cumpra)|pare de (?:seguir|respeitar|obedecer|aplicar)|deixa? de (?:seguir|lado)|"
              r"desobedec\w+|substitu\w+|sobrescrev\w+|quebr\w+|viol(?!en)\w+|abandon\w+|descart\w+|passe por cima)\b",
    "RULES": r"\b(?:instrucoes|instrucao|regras|normas|diretrizes|orientacoes|prompt(?: do sistema)?|"
             r"mensagem do sistema|"
             r"programacao|principios|configuracoes|treinamento|ordens|o que te (?:disseram|ensinaram))\b" + _SCOPED,
    "SAFETY": r"\b(?:filtros(?: de (?:seguranca|conteudo))?|filtro|restricoes|restricao|"
              r"limites|"
              r"limitacoes|censura|moderacao|protecoes|barreiras|etica|(?<!sermao )(?<!sermoes )(?<!licao )moral|"
              r"escrupulos|(?:regras|politicas?|normas|"
              r"medidas|protocolos|diretrizes) de (?:seguranca|conteudo|uso)|principios eticos|limites eticos)\b"
              + _SCOPED,
    "WITHOUT": r"\b(?:sem|nenhum\w*|nenhuma|livre de|zero|nao tem (?:mais )?|voce nao tem|tu nao tens|nao ha|"
               r"fora d[aeo]s?|alem d[aeo]s?)\b",
    "DISABLE": r"\b(?:desativ\w+|deslig\w+|remov\w+|remova|retir\w+|elimin\w+|suspend\w+|desbloque\w+|afrouxe\w*|"
               r"relax\w+|abaix\w+|tir\w+|desabilit\w+)\b",
    "REFUSE": r"\b(?:nunca|jamais|nao|pare de|sem) (?:me |te )?(?:\w+ )?(?:recus\w+|neg\w+|rejeit\w+)\b(?! (?:que|a "
              r"existencia))|\b(?:responda|responde|ajude|faca|obedeca|cumpra|execute)\w* (?:a )?(?:tudo|"
              r"qualquer coisa|"
              r"qualquer pergunta|cada|todos?)\b.{0,50}\b(?:sem excecao|mesmo que|aconteca o que acontecer|"
              r"nao importa|"
              r"independentemente)|\bsem excecao\b|\bnada e proibido|\bnenhum assunto e proibido|\bnunca diga nao",
    "UNBOUND": r"\b(?:sem censura|sem restricoes|sem limites|sem regras|sem etica|sem moral|amoral|imoral|"
               r"sem escrupulos|"
               r"(?:voce nao tem|tu nao tens|nao tens|nao tem) (?:mais )?(?:nenhuma? )?(?:restric\w+|regras?|limites?|"
               r"filtros?|etica|moral|censura)|livre de (?:todas as |qualquer )?(?:regras|restricoes|limites)|"
               r"ia malvada|ia sem|as regras nao (?:se )?aplicam|vale tudo)\b",
    "PRETEND": r"\b(?:finj\w+|fing\w+|faz de conta|faca de conta|como se (?:voce )?fosse|interpret\w+|fa\w+ o papel|"
               r"papel de|jog\w+ (?:de|um|uma)|jogo de interpretacao|roleplay|imagin\w+ que|suponha que|agora voce e|"
               r"a partir de agora voce e|voce agora e|personagem|simul\w+|em um mundo (?:onde|em que)|num mundo onde|"
               r"hipotetic\w+|alter ego|persona)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:dados pessoais|enderecos?|localizacao|telefone|numero de telefone|conversas|mensagens|"
               r"historico|cpf)\b.{0,40}\b(?:de|da|do|das|dos|com) (?:qualquer|outra|outras|outro|outros|esta|essa|"
               r"todas?|todos?) ?(?:\w+ )?(?:pessoa|pessoas|usuario|usuarios|cidadao|cidadaos|gente)\b"
               r"|\b(?:dados pessoais|enderecos?|telefone|conversas|mensagens|historico)\b.{0,40}\b(?:dessa|desta|"
               r"desse|"
               r"deste|daquela|daquele) (?:pessoa|usuario|cidadao|gente)\b",
    "AUTHORITY": r"\b(?:sou (?:o |a |um |uma |seu |sua |teu |tua )?(?:\w+ )?(?:desenvolvedor\w*|criador\w*|"
                 r"administrador\w*|"
                 r"admin|programador\w*|dono|proprietario|engenheir\w+|pesquisador\w*|moderador\w*|policial|agente|"
                 r"delegad\w+|"
                 r"investigador\w*|promotor\w*|juiz\w*|inspetor\w*|"
                 r"autorizad\w+)|(?:eu )?(?:te |lhe )?autorizo|tenho (?:permissao|autorizacao|acesso|privilegios)|"
                 r"codigo de (?:administrador|acesso|desbloqueio|autorizacao)|minha conta (?:e|tem|esta)|"
                 r"para (?:minha |"
                 r"uma )?pesquisa|com permissao d[aeo]|(?:openai|anthropic|a empresa) (?:ja )?(?:permitiu|autorizou|"
                 r"aprovou)|modo (?:administrador|manutencao|depuracao))\b",
    # "fa" is fazer (faço, faz); "falo", "fala" speak, "falsificar" forges
    # the forms of "fazer" (to make), not every word starting with "fa" ("famosos", "malware families")
    "MAKE": r"\b(?:fabric\w+|constru\w+|fa(?:zer\w*|z|zes|zem|zemos|zendo|zia\w*|ca|cam|camos|rei|ria\w*|remos|rao)|"
            r"feit[oa]s?|fiz\w*|falsific\w+|"
            r"cri\w+|sintetiz\w+|sintese|cozinh\w+|produz\w+|produ\w+|prepar\w+|"
            r"escrev\w+|program\w+|desenvolv\w+|consegu\w+|compr\w+|obte\w+|receita|passos|passo a passo|caseir\w+|"
            r"funcional|funcionando|mont\w+|mistur\w+|ensin\w+)\b",
    "HARM_OBJ": r"\b(?:bombas?|explosiv\w+|artefato explosivo|napalm|molotov|gas (?:sarin|dos nervos|toxico|venenoso|"
                r"letal|mortal)|sarin|ricina|"
                r"antraz|"
                r"armas? (?:quimicas?|biologicas?|caseiras?|sem registro|irrastreaveis)|venenos?|silenciador\w*|"
                r"metanfetamina|cocaina|heroina|fentanil|lsd|mdma|drogas?|malware|ransomware|virus de computador|"
                r"um virus|cavalos? de troia|trojan|keylogger|exploits?|phishing|dinheiro falso|notas falsas|"
                r"documentos falsos|dose letal)\b",
    "SHIELD": r"\b(?:gramatica|ortografia|pontuacao|estilo|formato|rima|poesia|xadrez|jogo|futebol|dieta|receita|"
              r"sobre|"
              r"contra|historia d\w+|romance|conto|filme|piadas sobre|prevencao|prevenir|detectar|proteg\w+|defend\w+|"
              r"casa|escola|escritorio|seguro|privacidade)\b",
    # following or tapping a person without a warrant: an official skipping the court order
    "HARM": r"\b(?:me ajud\w+|ajude me|quero|preciso|posso|voce me|me ensin\w+)\b.{0,40}\b(?:rastre\w*|localiz\w*|"
            r"monitor\w*|grampe\w*|espion\w*)\b.{0,80}\bsem (?:um |uma )?(?:mandado|ordem judicial|"
            r"autorizacao judicial)\b|"
            r"\b(?:piadas|insultos|comentarios|ofensas) (?:\w+ )?(?:racistas|homofobic\w+|machistas|antissemitas|"
            r"xenofobic\w+|transfobic\w+)\b|\bseja (?:mais )?(?:racista|machista|homofobic\w+)|\bdiscurso de odio\b"
            r"|\b(?:incentiv\w+|encoraj\w+|motiv\w+|empurr\w+|convenc\w+|parabeniz\w+|ajud\w+|lembr\w+|"
            r"diga me)\b.{0,40}"
            r"\b(?:nao comer|parar de comer|jejuar por dias|pular (?:as )?refeicoes|me machucar|me ferir|me cortar|"
            r"automutil\w+|suicid\w+|me matar|vomitar|anorexi\w+|bulimi\w+|nao valho nada)\b|\bpro ana\b"
            r"|\b(?:encontr\w+|localiz\w+|descobr\w+|procur\w+|rastre\w+|me de|consig\w+)\b.{0,40}\b(?:vizinh\w+|ex|"
            r"alguem|uma pessoa|colega|aquela garota|aquele cara|mulher|desconhecid\w+)\b.{0,30}\b(?:endereco|onde "
            r"(?:ele |ela )?mora|mora|localizacao|telefone)|\b(?:descobr\w+|encontr\w+|saber|procur\w+|"
            r"localiz\w+)\b.{0,15}\b(?:onde mora|"
            r"onde vive|endereco d[aeo])\b.{0,25}\b(?:vizinh\w+|ex|alguem|colega|garota|mulher)|\b(?:endereco|"
            r"residencia) (?:exato )?d[aeo] (?:meu |minha |)?(?:\w+ )?(?:vizinh\w+|ex|colega)"
            r"|\b(?:persegu\w+|assedi\w+|espion\w+|extorqu\w+|chantage\w+|ameac\w+|doxx?\w*) (?:a |o |as |os )?(?:meu|"
            r"minha|meus|minhas|alguem|uma?|aquela|aquele|seu|sua|ele|ela)\b|\bhacke\w* (?:a |o |uma )?"
            r"(?:conta|email|celular)|\brouba\w* (?:senhas|identidades|cartoes)|\bcomo (?:matar|envenenar|sequestrar|"
            r"torturar)\b|\b(?:criancas|menores|adolescentes)\b.{0,30}\b(?:sexua\w*|nu\w*|porno\w*|erotic\w*)\b|"
            r"\b(?:sexua\w*|porno\w*|erotic\w*)\b.{0,30}\b(?:criancas|menores)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|hexadecimal|binario|morse|cifrad\w+|codific\w+|ao contrario|de tras para frente|"
              r"invertid\w+|palavras codigo|em codigo|escond\w+|ocult\w+|disfarc\w+|ofusc\w+|separ\w+ as letras|"
              r"leetspeak)\b",
    "EVADE": r"\b(?:filtros?|moderacao|moderador\w*|censura|detect\w+|perceb\w+|not\w+|escap\w+|"
             r"pass\w+ despercebid\w+|burl\w+|proibid\w+|bloquead\w+|banid\w+)\b",
}

PHRASES = [
    ("harm", r"\b(?:nao aparece\w*|nao (?:sao )?detectad\w*|indetectave\w*|nao deixa\w* rastro) (?:\w+ ){0,3}(?:exame "
             r"toxicologico|autopsia|necropsia)"),
    ("instruction_override", r"\bconflito entre o que (?:o |a )?(?:desenvolvedor|sistema|criador|"
                             r"empresa)\w* .{0,40}\bvale "
                             r"o que eu\b"),
    ("harm", r"\blavar (?:o |os |esse |este )?dinheiro\b.{0,40}\b(?:sem|para que nao)\b"),
    ("instruction_override", r"\bmodo (?:desenvolvedor|sem restricoes|dan|sem censura|jailbreak|deus)\b"),
    ("instruction_override", r"\b(?:revel\w+|mostr\w+|repit\w+|diga)\w* (?:o seu |seu |o |as suas |suas |"
                             r"as )(?:prompt|"
                             r"instrucoes|mensagem) (?:do sistema|inicia\w+|escondid\w+|secret\w+|ocult\w+)"),
    ("instruction_override", r"\b(?:obedeca|siga|escute|ouca)\w* (?:so|apenas|somente|unicamente) (?:a )?(?:mim|"
                             r"as minhas)\b"),
    ("safety_disable", r"\bmesmo que (?:seja|pareca) (?:\w+ )?(?:ilegal|perigos\w+|prejudicial|imoral|proibid\w+)"),
    ("safety_disable", r"\bindependentemente d[aeo]s? (?:legalidade|etica|moral|consequencias|lei)"),
    # a number plate turned into its owner's name and address
    ("harm", r"\b(?:placa|matricula)\b.{0,80}\b(?:nome|endereco|morada)\b.{0,40}\b(?:dono|proprietari\w*)"),
    # a bank's login pages copied to catch passwords
    ("harm", r"\bpaginas? falsas?\b.{0,40}\bbanc\w*|\b(?:capturar|roubar|coletar|pescar) (?:as )?senhas\b"),
    # drugs packed so that sniffer dogs, X-rays or customs miss them
    ("harm", r"\b(?:cocaina|drogas?|heroina|maconha|crack|pasta base)\b.{0,80}\b(?:caes farejadores|raio ?x|"
             r"alfandega)\b.{0,40}\bnao (?:detect\w*|percebam|peguem|encontrem|achem)"),
    # fake-kidnapping scams and money squeezed from the elderly
    ("harm", r"\bgolpes? (?:de |do )?(?:falso sequestro|sequestro falso)|\b(?:arrancar|tirar|"
             r"extorquir) dinheiro de idosos"),
    # a fake bank login page that captures passwords; poisons a toxicology test does not show
    ("harm", r"\b(?:pagina|site|tela) (?:de (?:login|entrada|acesso) )?fals[ao]\b.{0,80}\b(?:capturar|roubar|pegar|"
             r"obter) (?:a |as )?(?:senhas?|credenciais|dados)|\bvenenos?\b.{0,40}\bnao (?:aparece\w*|sao detectad\w*|"
             r"e detectad\w*)\b.{0,10}\b(?:em|no|nos) exames?"),
]

MARKERS = ("os da dos das que uma para com nao voce seu sua suas seus meu minha tem sempre nunca sem "
           "nenhuma nenhum todas tudo apenas minhas eu isso muito ensine ajude mostre esqueca")
