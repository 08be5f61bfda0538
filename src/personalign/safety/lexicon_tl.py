"""Tagalog (Filipino) lexicon: phrases only (see `lexicon`). Its concepts are left empty on purpose, as in
`lexicon_sw`: concepts are the learned layer's gate for views not in English, so a language joins the concepts
only with a retraining."""

CONCEPTS: dict[str, str] = {}

PHRASES = [
    ("safety_disable", r"\bhuwag (?:kang |mong |ka nang )?(?:tumanggi|tanggihan|tatanggi)\b.{0,30}\b(?:anuman|"
                       r"kahit ano|lahat|anumang)|\b(?:patayin|i ?off|alisin|tanggalin) (?:mo )?(?:ang |lahat ng )?"
                       r"(?:\w+ )?(?:safety filter|filter|mga filter|patakaran sa kaligtasan|mga limitasyon)\b"),
    ("instruction_override", r"\b(?:kalimutan|balewalain|huwag pansinin) (?:mo )?(?:ang |lahat ng )?(?:\w+ )?"
                             r"(?:mga )?(?:naunang |dating )?(?:utos|tagubilin|instruksyon|patakaran)(?! ko)\b"),
    # making a bomb, a gun, poison or drugs
    ("harm", r"\b(?:gumawa|gumagawa|paggawa|pag gawa|gawin|magluto|pagluluto) ng (?:\w+ )?(?:bomba|pampasabog|"
             r"baril|sumpak|lason|shabu|droga)\b"),
]

# Function words that mark Tagalog text (none of them English words).
MARKERS = "ang ng mga sa ikaw ako mo ko kung huwag lahat palagi lagi tungkol paano kahit ngayon"
