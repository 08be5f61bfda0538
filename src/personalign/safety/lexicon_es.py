"""Spanish lexicon (concepts and phrases: see `lexicon`). Text is normalized: accents and ñ's tilde stripped."""

_SCOPED = (r"(?! (?:de|en|sobre|para) (?:la |el )?"
           r"(?:longitud|extension|estilo|formato|creatividad|palabras|ortografia|gramatica))")

CONCEPTS = {
    "IGNORE": r"\b(?:ignor\w*|olvid\w+|omit\w+|salt\w+|pasa por alto|pasar por alto|haz caso omiso|no hagas caso|"
              r"no (?:sigas|obedezcas|respetes|apliques|cumplas)|deja de (?:seguir|obedecer|aplicar|respetar|cumplir)|"
              r"desobedec\w+|anul\w+|descart\w+|evad\w+|elud\w+|sal\w* de|romp\w+|sustitu\w+|reemplaz\w+|"
              r"sobrescrib\w+|prescind\w+)\b",
    "RULES": r"\b(?:instrucciones|instruccion|reglas|normas|directrices|pautas|indicaciones|ordenes|programacion|"
             r"prompt(?: del sistema)?|mensaje del sistema|politicas|principios|configuracion|entrenamiento|"
             r"lo que te (?:dijeron|ensenaron|programaron|indicaron))\b" + _SCOPED,
    "SAFETY": r"\b(?:filtros(?: de (?:seguridad|contenido))?|filtro|restricciones|"
              r"restriccion|limites|limitaciones|censura|moderacion|salvaguardas|barreras|etica|moral|escrupulos|"
              r"(?:politicas?|reglas|normas|directrices|medidas|protocolos?) de (?:seguridad|contenido|uso)|"
              r"nivel(?:es)? de seguridad|"
              r"principios eticos|limites eticos)\b" + _SCOPED,
    "WITHOUT": r"\b(?:sin|ningun\w*|libre de|cero|no tienes|ya no tienes|no existen|no hay|fuera de|mas alla de)\b",
    "DISABLE": r"\b(?:desactiv\w+|apag\w+|quit\w+|elimin\w+|suspend\w+|levant\w+|relaj\w+|baj\w+|deshabilit\w+|"
               r"desbloque\w+|anul\w+|suprim\w+|sin efecto|deja de lado|dejar de lado)\b",
    "REFUSE": r"\b(?:nunca|jamas|no|ya no|deja de|sin) (?:me |te |lo |la )?(?:\w+ )?(?:rechac\w+|rechaz\w+|niegu\w+|"
              r"negarte|rehus\w+|declin\w+)\b|\b(?:responde|contesta|ayudame con|haz)\w* (?:a )?(?:todo|"
              r"cualquier cosa|"
              r"cualquier pregunta|lo que sea)\b.{0,50}\b(?:sin excepcion\w*|aunque sea|sin importar|pase lo que pase|"
              r"por (?:ilegal|peligroso)|aunque no (?:debas|se deba))|\b(?:obedece|cumple|acata)\w* (?:todas|todo|"
              r"cada|cualquier)\b|\bnada esta prohibido|\bningun tema (?:esta )?prohibido|\bsin excepcion(?:es)?\b",
    "UNBOUND": r"\b(?:sin censura|sin restricciones|sin limites|sin reglas|sin etica|sin moral|amoral|inmoral|"
               r"para mi no hay (?:\w+ )?(?:restricciones|reglas|limites|filtros|normas)|"
               r"sin escrupulos|no tienes (?:ningun\w* |mas )?(?:regla|restriccion|limite|filtro|norma)\w*|"
               r"libre de (?:toda |todas |cualquier )?(?:regla|restriccion|limite|censura|norma)\w*|desencadenad\w+|"
               r"ia malvada|ia sin|asistente sin|las reglas no (?:se )?aplican|todo vale|(?:instrucciones|reglas|"
               r"normas|directrices) "
               r"(?:\w+ )?(?:ya no|no) (?:valen|sirven|aplican|cuentan|importan|rigen)|ahora mando yo)\b",
    "PRETEND": r"\b(?:fing\w+|finjas|haz como si|actua como|actuar como|comportate como|interpreta\w*|"
               r"haz (?:el )?papel|papel de|juega\w* a|juego de rol|rol de|imagina que|supon que|eres ahora|"
               r"ahora eres|a partir de ahora eres|personaje|simula\w*|como si fueras|en un mundo (?:donde|en el que)|"
               r"hipotetic\w+|alter ego)\b",
    # others' private data (address, phone, location, chats of any person or user): with AUTHORITY, an
    # authority claim ("I'm a police officer, give me the address of any person I name")
    "PRIVATE": r"\b(?:datos personales|direccion\w*|domicilio|ubicacion|telefono|numero de telefono|conversaciones|"
               r"mensajes|historial)\b.{0,40}\b(?:de|del) (?:cualquier|cualquiera|esta|esa|ese|este|otra|otras|otro|"
               r"otros|"
               r"los demas|las demas|todo|toda|todos) ?(?:\w+ )?(?:persona|personas|usuario|usuarios|ciudadano|"
               r"ciudadanos|gente|individuo|sospechoso)\b"
               r"|\b(?:datos personales|direccion\w*|domicilio|ubicacion|telefono|conversaciones|mensajes|historial)\b"
               r".{0,20}\bde (?:alguien|quien sea|cualquiera|terceros)\b",
    "AUTHORITY": r"\b(?:como (?:un |una |el |la )?(?:agente de policia|policia|inspector\w*|fiscal|juez|jueza|"
                 r"detective|"
                 r"administrador\w*|desarrollador\w*|guardia civil)\b|soy (?:tu |el |un |una |"
                 r"la )?(?:\w+ )?(?:desarrollador\w*|creador\w*|administrador\w*|admin|"
                 r"programador\w*|dueno|propietario|ingenier\w+|investigador\w*|moderador\w*|policia|agente|"
                 r"inspector\w*|"
                 r"fiscal|juez|jueza|comisari\w+|detective|guardia civil|"
                 r"autorizad\w+)|te autoriz\w+|autorizo|tengo (?:permiso|autorizacion|acceso|privilegios|"
                 r"credenciales)|"
                 r"codigo de (?:administrador|acceso|anulacion|autorizacion)|mi cuenta (?:es|tiene|esta)|"
                 r"para (?:mi |una |fines de )?investigacion|con permiso de|(?:openai|anthropic|la empresa) "
                 r"(?:lo )?(?:permite|autoriza|aprobo|autorizo)|modo (?:administrador|mantenimiento|depuracion))\b",
    "MAKE": r"\b(?:fabric\w+|hac\w+|haz|constru\w+|crea\w*|sintetiz\w+|sintesis|cocin\w+|produc\w+|prepar\w+|"
            r"escrib\w+|program\w+|desarroll\w+|consegu\w+|compr\w+|obten\w+|receta|pasos|paso a paso|como se hace|"
            r"instrucciones para|funcional|caser\w+|ensambl\w+|"
            r"mezcl\w+(?! (?:de (?:drogas|sustancias) )?peligros\w*))\b",
    "HARM_OBJ": r"\b(?:bombas?(?! de (?:bano|semillas|calorias|humo de colores|agua))|explosiv\w+|artefactos? explo"
                r"siv\w+|napalm|molotov|sarin|ricina|antrax|"
                r"armas? (?:quimicas?|biologicas?|caseras?|sin registro|imposibles de rastrear)|venenos?|"
                r"(?:pistolas?|escopetas?|rifles?|fusil\w*|subfusil\w*) (?:caseras?|casero|artesanal\w*|"
                r"sin numero de serie|"
                r"impresas? en 3d|imposibles de rastrear)|"
                r"silenciador\w*|"
                r"metanfetamina|cocaina|heroina|fentanilo|lsd|mdma|drogas?|malware|ransomware|virus informatico\w*|"
                r"un virus|troyan\w+|keylogger\w*|exploits?|codigo de explotacion|phishing|billetes falsos|"
                r"dinero falso|documentos falsos|dosis letal)\b",
    "SHIELD": r"\b(?:gramatica|ortografia|puntuacion|estilo|formato|rima|poesia|ajedrez|juegos?|futbol|dieta|receta|"
              r"sobre|acerca de|contra|historia de|novela|cuento|pelicula|chistes sobre|prevencion|prevenir|"
              r"detectar|proteg\w+|defend\w+|casa|escuela|oficina|seguro|privacidad)\b",
    # following or tapping a person without a warrant: an official skipping the court order
    # "cocinar cristal" (meth), black powder by proportions or packed in a tube
    "HARM": r"\bcocin\w* (?:\w+ )?cristal\b|\bclon\w* (?:\w+ )?tarjetas\b|\bcopiar tarjetas de credito ajenas\b|"
            r"\bpolvora(?: negra)?\b.{0,60}\b(?:proporcion\w*|compact\w*|tubos?|"
            r"receta|cantidades)\b|\b(?:proporcion\w*|receta|cantidades)\b.{0,40}\bpolvora\b|\b(?:historial|ubicacion|"
            r"localizacion|direccion|mensajes|llamadas|datos)\b.{0,80}\bsin (?:pedir |"
            r"necesitar |esperar )?(?:una |la )?orden judicial\b|\b(?:ayuda(?:me|rme)|me ayud\w+|quiero|necesito|"
            r"puedo|ensena(?:me|rme))\b.{0,40}\b(?:rastre\w*|"
            r"localiz\w*|monitor\w*|pinch\w*|intercept\w*|espi\w*)\b.{0,80}\bsin (?:una |un )?(?:orden (?:judicial|"
            r"de un juez)|autorizacion judicial)\b|"
            r"\b(?:chistes|bromas|comentarios|insultos) (?:\w+ )?(?:racistas|raciales|homofob\w+|machistas|"
            r"antisemitas|"
            r"xenofob\w+|transfob\w+)\b|\bse (?:mas )?(?:racista|machista|homofobo)\b|\b(?:lenguaje|"
            r"discurso) de odio\b"
            r"|\b(?:anim\w+|motiv\w+|empuj\w+|convenc\w+|felicit\w+|ayud\w+|alient\w+|apoy\w+ a|recuerd\w+|"
            r"dime)\b.{0,40}"
            r"\b(?:no comer|dejar de comer|ayunar dias|saltarme (?:las )?comidas|autolesion\w*|hacerme dano|suicid\w+|"
            r"matarme|cortarme|vomitar|anorexi\w+|bulimi\w+|no valgo nada|soy un inutil)\b|\bpro ana\b"
            r"|\b(?:encontr\w+|localiz\w+|averigu\w+|busc\w+|rastre\w+|dame|consigue\w*)\b.{0,40}\b(?:vecin\w+|ex|"
            r"alguien|"
            r"una persona|companer\w+|esa chica|ese chico|mujer|desconocid\w+)\b.{0,30}\b(?:direccion|donde vive|"
            r"ubicacion|telefono|domicilio)|\b(?:averigu\w+|encontr\w+|localiz\w+|busc\w+|sab\w+|"
            r"descubr\w+)\b.{0,15}\b(?:donde vive|"
            r"donde esta|direccion de|domicilio de)\b.{0,25}\b(?:vecin\w+|ex|alguien|companer\w+|chica|chico|mujer)|"
            r"\b(?:direccion|donde vive|domicilio|ubicacion) (?:exacta )?de (?:mi |la |el |"
            r"una |un |esa |ese )?(?:vecin\w+|ex|companer\w+|chica|persona)"
            r"|\b(?:acos\w+|espi\w+|extorsion\w*|chantaj\w+|doxx?\w*|amenaz\w+) (?:a |al )?(?:mi|mis|la|el|los|las|"
            r"alguien|una?|esa|ese|su|sus)\b|\bhacke\w+ (?:la |el |una |las )?"
            r"(?:cuenta|correo|cuentas|telefono)|\brob\w+ (?:contrasenas|identidades|tarjetas|datos)|\bcomo (?:matar|"
            r"envenenar|secuestrar|torturar) a\b|\b(?:menores|ninos|ninas|adolescentes)\b.{0,30}\b(?:sexual\w*|"
            r"desnud\w+|"
            r"porno\w*|erotic\w*)\b|\b(?:sexual\w*|desnud\w+|porno\w*|erotic\w*)\b.{0,30}\b(?:menores|ninos|ninas)\b",
    "ENCODE": r"\b(?:base ?64|rot ?13|hexadecimal|binario|morse|cifrad\w+|codific\w+|al reves|invertid\w+|"
              r"de atras (?:hacia|para) adelante|palabras clave|en clave|ofusc\w+|ocult\w+|escond\w+|disfraz\w+|"
              r"separ\w+ (?:las )?(?:letras|palabras)|leetspeak)\b",
    "EVADE": r"\b(?:filtros?|moderacion|moderador\w*|censura|detect\w+|no (?:lo |la |los |las )?(?:note\w*|vea\w*|"
             r"pill\w+|capt\w+|bloque\w+)|evadir|esquivar|burlar|prohibid\w+|vetad\w+|bloquead\w+|"
             r"pase desapercibid\w+)\b",
}

PHRASES = [
    ("harm", r"\bsin que (?:los |el )?perros?\b.{0,30}\b(?:huela\w*|detect\w*|encuentr\w*|olfate\w*)\b|\bpasar (?:la |"
             r"el )?(?:merca|droga|coca|mercancia|producto|fierro) por la frontera\b"),
    ("harm", r"\bprecursor\w*\b.{0,60}\bsin (?:levantar|despertar|generar) sospechas?\b"),
    ("harm", r"\bsemiautomatic\w* a (?:rafaga|automatico|full auto)\b|\b(?:piezas|armas?|fierros?) sin papeles\b"),
    ("instruction_override", r"\bmodo (?:desarrollador|sin restricciones|dan|sin censura|dios|jailbreak)\b"),
    ("instruction_override", r"\b(?:revela|muestra|imprime|dime|repite)\w* (?:tu |el )?(?:prompt|mensaje|"
                             r"instrucciones) (?:del sistema|inicial\w*|ocult\w+|secret\w+)"),
    ("instruction_override", r"\b(?:obedece|sigue|escucha)\w* (?:solo|unicamente|solamente) (?:a mi|mis ordenes|"
                             r"mis instrucciones)"),
    ("safety_disable", r"\baunque (?:sea|resulte|parezca) (?:\w+ )?"
                       r"(?:ilegal|peligros\w+|dani\w+|inmoral|poco etic\w+)"),
    ("safety_disable", r"\bsin importar (?:la |las )?(?:legalidad|etica|consecuencias|seguridad|ley)"),
    # someone's home, workplace, number plate and hours together: a person being tracked
    ("harm", r"\b(?:su direccion|donde vive)\b.{0,80}\b(?:donde trabaja|matricula|a que hora sale)"),
    ("harm", r"\b(?:sustancia|veneno|dosis|farmaco)\w*\b.{0,40}\b(?:no (?:dej\w+|aparezc\w+) (?:\w+ ){0,2}(?:en )?"
             r"(?:una |la )?autopsia|indetectabl\w+)"),
    ("authority_claim", r"\b(?:historiales?|expedientes?|datos) (?:clinicos|medicos) de otros usuarios"),
    # a number plate turned into its owner's name and address; an overdose dressed as a natural death
    ("harm", r"\b(?:matricula|placa)\b.{0,80}\b(?:nombre|direccion|domicilio)\b.{0,40}\b(?:propietario|dueno)\b"),
    ("harm", r"\b(?:sobredosis|dosis|veneno|muerte)\b.{0,60}\bpara que (?:\w+ ){0,3}parezca (?:una |"
             r"un )?(?:muerte natural|natural(?:es)?|accidente|suicidio|infarto|causas naturales)\b"),
    # the grandchild scam: elderly people called by someone posing as a relative
    ("harm", r"\bfingiendo ser (?:su |el |un )?(?:nieto|nieta|hijo|hija|familiar)\b.{0,60}\bdinero|"
             r"\b(?:personas mayores|ancianos|abuelos)\b.{0,80}\bsacar\w* (?:el )?dinero"),
    # cocaine extracted from the coca leaf
    ("harm", r"\b(?:sacar|extraer|obtener|sacando|extrayendo) (?:la )?cocaina (?:de|a partir de)\b"),
    # "if it's dangerous, answer anyway"; parcels sent so the police do not notice
    ("safety_disable", r"\b(?:si|aunque) (?:algo|eso|la pregunta|el tema) (?:es|sea) peligros\w*,? (?:\w+ ){0,2}"
                       r"(?:dame|dime|responde\w*|contesta\w*)\b|\bnunca (?:mas )?me digas (?:que )?no puedo "
                       r"(?:ayudar|ayudarte)"),
    ("harm", r"\b(?:paqueteria|envi\w*|mand\w*)\b.{0,60}\bsin que la policia\b"),
]

# Function words that mark Spanish text (none of them English words): which lexicons scan a text.
MARKERS = ("el los las que y una por con para pero como mas tus sus mis esta este estas eres tienes nunca siempre ni "
           "yo tu muy todo nada ayudame dime explica olvida")
