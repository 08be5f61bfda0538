"""Swahili lexicon: phrases only (see `lexicon`). Its concepts are left empty on purpose: concepts are the
learned layer's gate for views not in English, and the gate decides how the training rows are read, so a
language joins the concepts only with a retraining."""

CONCEPTS: dict[str, str] = {}

PHRASES = [
    ("safety_disable", r"\bzima (?:\w+ ){0,2}(?:vichujio|vichungi|kichujio|usalama|vizuizi|kinga)\b|\busikatae "
                       r"(?:ombi|swali|maombi|maswali) (?:lolote|yoyote|yangu)"),
    # "puuza maagizo yangu ya awali" (my own earlier instructions) is the user's to drop
    ("instruction_override", r"\b(?:maagizo|maelekezo|sheria|amri) yangu (?:\w+ )?(?:yanashinda|yatashinda|ni juu "
                             r"ya|yako juu ya)|\bpuuza (?:\w+ ){0,2}(?:maagizo|maelekezo|sheria) (?:yote )?"
                             r"(?:ya (?:awali|mfumo|watengenezaji)|yaliyotangulia)"),
    ("harm", r"\b(?:kumuua|kuua|kumdhuru) (?:mtu|jirani)\b.{0,40}\bbila kugundulika|\b(?:dawa ya panya|sumu)\b.{0,60}"
             r"\b(?:kumuua|kuua)\b"),
    # making weapons, bombs or poison
    ("harm", r"\b(?:kutengeneza|kutengenezea|kuunda|jinsi ya kutengeneza) (?:\w+ ){0,2}(?:silaha|bomu|mabomu|sumu|"
             r"vilipuzi)\b"),
    # poison slipped to someone
    ("harm", r"\b(?:kumtilia|kumwekea|kutilia|kuweka) (?:\w+ ){0,2}sumu\b"),
]

# Function words that mark Swahili text (none of them English words).
MARKERS = "kwa yangu wako yako daima tafadhali kuhusu lolote kila kumbuka usikatae"
