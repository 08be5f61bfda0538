"""Swedish lexicon (concepts and phrases: see `lexicon`). Text is normalized: accents stripped ("ä" → a,
"å" → a, "ö" → o)."""

_SCOPED = r"(?! (?:for|om|kring|i) (?:langd|stil|format|stavning|grammatik|kost|mat|tid|budget))"

CONCEPTS = {
    "IGNORE": r"\b(?:ignorera\w*|strunta i|bortse fran|glom\w*|asidosatt\w*|kringga\w*|bryt mot|folj (?:\w+ ){0,2}"
              r"inte|sluta folja|kasta bort)\b",
    "RULES": r"\b(?:instruktion\w*|regler|regel|reglerna|riktlinje\w*|direktiv\w*|systemprompt\w*|"
             r"systemmeddelande\w*|programmering\w*|det du (?:har )?fatt hora|det du lart dig)\b" + _SCOPED,
    "SAFETY": r"\b(?:filter|filtren|filtrer\w*|sakerhetsfilter\w*|innehallsfilter\w*|begransning\w*|restriktion\w*|"
              r"granser|granserna|censur\w*|moderering\w*|etik\w*|moral(?!predik|kak)\w*|sakerhetsregler\w*|"
              r"sakerhetssparr\w*|"
              r"sparrar\w*)\b" + _SCOPED,
    "SCOPE": r"\b(?:kost|mat|tids|langd|ord|budget|alders)\w*\b",
    "WITHOUT": r"\b(?:utan|inga|ingen|fri fran|bortom)\b",
    "DISABLE": r"\b(?:stang\w* (?:\w+ ){0,3}av|avstangd\w*|avaktiverad\w*|inaktiverad\w*|sla (?:\w+ ){0,3}av|"
               r"avaktivera\w*|inaktivera\w*|ta bort|lyft\w*|"
               r"las upp)\b",
    "REFUSE": r"\baldrig (?:\w+ ){0,2}(?:vagra\w*|neka\w*|saga nej|avvisa\w*)|\bvagra (?:\w+ )?aldrig|"
              r"\bsluta vagra|\butan att (?:\w+ )?vagra|\bsvara pa (?:allt|alla fragor) (?:\w+ ){0,3}"
              r"(?:oavsett|aven om)",
    "UNBOUND": r"\b(?:ocensurerad\w*|obegransad\w* (?:ai|version|lage)|utan (?:nagra )?(?:regler|begransningar|"
               r"granser|filter|censur|etik|moral)|amoralisk\w*|inga regler galler|reglerna galler inte)\b",
    "PRETEND": r"\b(?:latsas\w*|lat som|spela (?:en|rollen)|rollspel\w*|tank dig|forestall dig|agera som|du ar nu|"
               r"karaktar\w*|persona)\b",
    "AUTHORITY": r"\b(?:jag ar (?:din |er |en |den )?(?:\w+ )?(?:utvecklare\w*|administrator\w*|admin\w*|skapare|"
                 r"agare|moderator\w*|forskare)|jag (?:ger dig|har) (?:full |fullt |sarskild )?(?:behorighet|"
                 r"tillstand|tillgang)|jag auktoriserar)\b",
    "MAKE": r"\b(?:tillverka\w*|bygg\w*|skapa\w*|syntetisera\w*|koka|skriv\w*|recept\w*|steg for steg|hur man "
            r"(?:gor|bygger|tillverkar))\b",
    "HARM_OBJ": r"\b(?:bomb\w*|sprangamne\w*|sprangladdning\w*|vapen|narkotika|knark|metamfetamin|fentanyl|"
                r"skadlig kod|malware|datavirus)\b",
    "SHIELD": r"\b(?:historia|om|mot|forsvar\w*|skydd\w*|desarmer\w*|roman|film)\b",
    "HARM": r"\buppmuntra\w*\b.{0,40}\b(?:skada mig sjalv|skara mig|sjalvskad\w*|sjalvmord\w*|svalta|inte ata|"
            r"sluta ata)\b|\brasistiska (?:skamt|kommentarer|ord)\b|\b(?:hitta|ta reda pa|spara)\b.{0,40}"
            r"\b(?:adress\w*|var (?:\w+ ){0,2}bor)\b",
}

PHRASES = [
    ("harm", r"\b(?:pensionarer|aldre|aldringar|gamla)\b.{0,40}\b(?:lamna ut|uppge|ge mig)\b.{0,30}\b(?:bankid\w*|"
             r"koder|pinkoder|losenord)\b|\btvatt\w* (?:\w+ )?pengar\b.{0,60}\butan att\b|"
             r"\bstjal\w*\b.{0,30}\blosenord\b|\blosenord\w*\b.{0,40}\b(?:andras|nagons|andra personers)\b"),
    ("harm", r"\bfalsk\w* (?:\w+ ){0,2}(?:lakarintyg\w*|sjukintyg\w*|intyg)\b.{0,60}\blura\b|\blura (?:\w+ ){0,2}"
             r"forsakringskassan"),
    ("harm", r"\b(?:sno\w*|stjal\w*|norp\w*) bilar\b|\bforbi startsparr\w*"),
    # Danish and Norwegian, read here: "se bort fra dine sikkerhedsregler", "ingen afvisninger"
    ("safety_disable", r"\bse bort fra (?:\w+ )?(?:sikkerhedsregler|sikkerhetsregler|sikkerhedsfiltre|regler)\b|"
                       r"\bingen (?:afvisninger|avvisninger)\b"),
]

# Function words that mark Swedish text (none of them English words).
MARKERS = "och att jag det som inte ett ar med pa av vad alltid aldrig mig mitt mina din ditt dina snalla hellre utan"
