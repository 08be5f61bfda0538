"""Which dimension and pole a free-text preference speaks to, and whether two preferences oppose.

Dimension/pole (`classify_preference`) runs in three transparent steps over the casefolded text:

1. **Phrases** — multi-word patterns tied to one pole: "keep it short", "explain like I'm five",
   "no jargon", "don't sugarcoat", "walk me through". A matched phrase is masked out.
2. **Negated keywords** — "not too long", "don't be so blunt", "less verbose", "stop being harsh":
   a pole keyword after a negator counts for the *opposite* pole, and is masked out.
3. **Keywords** — single pole words: short/brief/concise, detailed/thorough, simple/plain,
   technical/advanced, blunt/direct/frank, warm/friendly/gentle.

A hit counts only when the text asks for a way of *answering* (`asks_about_answers`): it addresses
the assistant ("you", "your", "tell me", an imperative such as "be"/"keep it"/"explain"), names what
is answered ("answers", "replies", "tone", "explanations", "jargon"), is a bare request of at most four
words without a subject ("short, please"), or the hit is a phrase that only ever speaks of answers ("explain like I'm
five", "don't sugarcoat"). A preference about the world keeps no style dimension however many pole
words it holds: "I dislike reading long articles", "I prefer direct flights", "I avoid harsh cleaning
chemicals" are topical.

The pole with most hits wins (ties: the earliest hit). When nothing matches, an embedding fallback
compares the text with a few written descriptions of each pole (`POLE_DESCRIPTIONS`) and accepts the
closest pole only when the text asks about answers or says who the user is ("I am a physicist"), its
cosine similarity is at least `EMBED_MIN_SIM` and it beats the opposite pole of the same dimension by
`EMBED_MIN_GAP`; otherwise the preference has no dimension (a topical one,
such as "I am vegetarian"). A text that names two dimensions ("short and friendly") gets the one with
more hits; the other is not recorded — state it separately to keep both.

Opposition (`opposed`) between two texts that are close in meaning is decided by negation parity
(an odd number of negators/aversion words on one side only: "I like X" vs "avoid X") or by an
antonym pair whose sides the two texts take differently ("metric" vs "imperial").
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from personalign.dimensions import DIMENSIONS

EMBED_MIN_SIM = 0.5
EMBED_MIN_GAP = 0.15


@dataclass(frozen=True)
class Classification:
    dimension: str
    pole: str
    method: str       # "keyword" | "embedding"
    evidence: str     # the matched words, or the similarity that decided


_PHRASES: dict[tuple[str, str], list[str]] = {
    ("length", "concise"): [
        r"walls? of text", r"(?:a|one|two|a single) (?:paragraph|sentence)s?(?: or (?:less|two|so))?",
        r"keep(?:ing)? (?:responses|answers|replies|it|them) (?:to|under|within)",
        r"keep (?:it|them|things|answers|replies|responses|your answers)(?: \w+)? "
        r"(?:short|brief|tight|concise|snappy)",
        r"tl ?;? ?dr", r"too (?:wordy|verbose)", r"too long", r"to the point", r"(?:as )?few words as possible",
        r"(?:just |only )?the (?:bare )?essentials", r"(?:one|two|three|1|2|3)[- ]line (?:answers?|repl(?:y|ies)|"
                                                     r"responses?)",
        r"(?:one|two|three|1|2|3)(?: or (?:two|three|four|2|3|4))? sentences",
        r"cut (?:your answers|your replies|it|them|things) down",
        r"(?:no|cut the|without|less|skip the) (?:fluff|filler|padding|waffle)",
        r"fewer words", r"(?:don'?t|do not|stop|never) (?:ramble|rambling|waffle|pad|over ?explain|elaborate|"
                        r"go into detail)",
        r"no rambling", r"one[- ]liners?", r"(?:one|two|a few|few|1|2|3) (?:sentences?|lines?|words?) (?:max|maximum|"
                                           r"at most|or less|only)",
        r"(?:in|to|keep it to|within) (?:one|two|a few|1|2|3) (?:sentences?|lines?|paragraphs?)",
        r"short and sweet", r"in a nutshell", r"get to the point", r"skip the (?:details|preamble|intro|introduction|"
                                                                   r"background)",
        r"bottom line (?:first|only)", r"(?:no|stop writing|don'?t write|not) (?:an? )?essays?",
        r"just the (?:answer|facts|gist|essentials)", r"the gist",
    ],
    ("length", "detailed"): [
        r"(?:the )?long version", r"at length", r"(?:go|went|going|get|goes) into (?:depth|detail)", r"every step",
        r"all the details",
        r"more (?:detail|details|depth|context|examples|thorough)", r"in (?:great |full |more )?(?:detail|depth)",
        r"in-depth",
        r"step[- ]by[- ]step", r"walk me through", r"go deep(?:er)?", r"deep[- ]dives?", r"(?:long|longer|lengthy) "
                                                                                         r"(?:answers|responses|"
                                                                                         r"replies|explanations)",
        r"explain (?:fully|everything|thoroughly|in full)", r"(?:don'?t|do not|never) (?:skip|leave out|"
                                                            r"omit) (?:the )?(?:details|steps|context)",
        r"(?:don'?t|do not) hold back on (?:detail|details|length)", r"cover (?:everything|all the details|"
                                                                     r"every detail)",
        r"the more (?:detail|details|context) the better",
        r"(?:the )?full (?:reasoning|explanation|picture|details|story)", r"not (?:just )?a summary",
    ],
    ("expertise", "simple"): [
        r"explain (?:it )?(?:to me )?like i'?m (?:five|5|a child|a kid|ten|10|twelve|a beginner)", r"\beli ?5\b",
        r"like (?:i'?m|i am|to) (?:a )?(?:five|5|child|kid|beginner|novice|newbie)", r"layman'?s? terms",
        r"plain (?:language|english|words|terms)",
        r"(?:no|avoid|without|skip the|less|minimal) (?:jargon|technical terms|technicalities|acronyms)",
        r"jargon[- ]free",
        r"dumb(?:ing)? (?:it |this |things )?down",
        r"(?:for|like for) (?:a )?(?:beginner|beginners|novice|novices|newcomer|"
                                         r"layperson|non-expert)",
        r"i'?m (?:a |an |completely |totally )?(?:beginner|novice|newbie|new to|not technical|non-technical|"
        r"not an expert|layperson)",
        r"non[- ]technical", r"easy to (?:understand|follow|read)", r"simple (?:words|terms|language|explanations|"
                                                                    r"english)",
        r"(?:don'?t|do not) assume (?:any )?(?:background|knowledge|expertise)",
        r"(?:assume|pretend|as if) i know nothing", r"like i'?ve never (?:studied|seen|heard of|done|learned|learnt)",
        r"i know (?:nothing|very little|little) about",
        r"i have no background",
    ],
    ("expertise", "expert"): [
        r"(?:no|less|without) hand[- ]holding",
        r"expert[- ]level", r"technical (?:detail|details|depth|terms|language|precision)", r"jargon is (?:fine|ok|"
                                                                                            r"okay|welcome)",
        r"use (?:the )?(?:proper |precise |technical )?(?:jargon|terminology)", r"assume (?:i know|expertise|"
                                                                                r"background|familiarity|knowledge)",
        r"i'?m an? (?:expert|professional|engineer|physician|doctor|researcher|scientist|developer|specialist|"
        r"cardiologist|mathematician|physicist|lawyer|professor|phd|senior \w+|pharmacist|architect|surgeon|dentist|"
        r"veterinarian|chemist|biologist|economist|statistician|programmer)",
        r"\bphd[- ]level\b", r"graduate[- ]level", r"precise terminology",
        r"(?:don'?t|do not|never) (?:dumb (?:it |things )?down|oversimplify|over-simplify|simplify)",
        r"(?:talk|speak|write) (?:to me )?(?:like|as if i'?m|as to) (?:an? )?(?:expert|colleague|peer|specialist|"
        r"senior)",
        r"(?:don'?t|do not|no need to|never) (?:explain|define|cover|go over) (?:the )?(?:basics|terms|every term|"
        r"terminology|fundamentals)",
        r"i (?:already )?know (?:the basics|them already|the fundamentals|this stuff)", r"i'?m (?:quite |pretty |"
                                                                                        r"very )?advanced",
        r"i work in (?:the|this) field", r"fellow (?:researcher|engineer|expert|professional|scientist|developer|"
                                         r"doctor|specialist)",
        r"(?:graduate|phd|professional)[- ]level",
    ],
    ("tone", "blunt"): [
        r"(?:no|without|skip the|drop the|cut the) sugar ?-?coating", r"(?:don'?t|do not|never) sugar ?-?coat",
        r"brutal(?:ly)? honest(?:y)?", r"(?:no|skip the|drop the|cut the|without|less) (?:pleasantries|small talk|"
                                       r"niceties|flattery|praise|compliments)",
        r"matter[- ]of[- ]fact", r"tough love", r"(?:don'?t|do not|"
                                                                                        r"stop) (?:coddle|coddling|"
                                                                                        r"baby|babying)",
        r"tell it like it is", r"straight talk", r"(?:don'?t|do not) (?:be|act) (?:so )?(?:nice|polite|gentle|soft)",
        r"hard truths?", r"no[- ]nonsense", r"(?:no need to|don'?t|do not) (?:need to )?be (?:so )?diplomatic",
        r"(?:say|tell me) (?:it |things )?(?:plainly|straight)", r"tell me (?:plainly |straight |"
                                                                 r"honestly )?when i'?m wrong",
        r"no hedging", r"just say it", r"(?:give it to me|tell me|say it) straight", r"roast me",
    ],
    ("tone", "warm"): [
        r"(?:don'?t|do not|never) be (?:so |too )?(?:blunt|harsh|mean|rude|curt|cold|direct)", r"be nice",
        r"(?:encourage|reassure|comfort|cheer) me", r"(?:with|show) (?:some )?(?:empathy|kindness|compassion|warmth)",
        r"(?:gentle|kind|soft) (?:tone|words|feedback|approach)",
    ],
}

# Phrases that also describe things in the world ("in-depth documentaries", "step-by-step recipes",
# "no-nonsense people"): like single keywords, they count only in a text that asks about answers.
_WORLDLY_PHRASES = {
    r"to the point", r"too long", r"fewer words", r"short and sweet", r"in a nutshell", r"the gist", r"one[- ]liners?",
    r"more (?:detail|details|depth|context|examples|thorough)", r"in (?:great |full |more )?(?:detail|depth)",
    r"in-depth", r"step[- ]by[- ]step", r"go deep(?:er)?", r"deep[- ]dives?", r"easy to (?:understand|follow|read)",
    r"non[- ]technical",
    r"matter[- ]of[- ]fact", r"tough love", r"hard truths?", r"no[- ]nonsense", r"straight talk", r"expert[- ]level",
}

# What makes a text a request about answers rather than a preference about the world.
_ANSWER_CUES = re.compile(
    r"\b(?:you|your|yours|yourself|you'?re|u|ur"
    r"|answers?|answering|repl(?:y|ies)|responses?|respond|explanations?|explain(?:ing|s)?|summari[sz]e"
    r"|tone|wording|phrasing|jargon|terminology|language(?!-)|words|sentences?|paragraphs?|bullet points"
    r"|tell me|give me|gimme|show me|treat me|talk(?:ing)? to me|speak(?:ing)? to me|with me|to me like|for me like"
    r"|(?:spoken|talked|written) to"
    r"|antworte\w*|antwort\w*|réponds|réponses?|responde\w*|respuestas?|rispondi|rispost\w*)\b"
    r"|^(?:please |pls |plz |just |and |also |but |so |ok,? |okay,? )*(?:be|keep|stay|sound|write|talk|speak|explain|"
    r"answer|respond|reply|make it|go|skip|cut|stop being|don'?t be|do not be|less|more|not too|no more)\b")
_IDENTITY = re.compile(r"^(?:i'?m|i am|as an?) (?:an? |the )?\w+")
_BARE_REQUEST_WORDS = 4


def asks_about_answers(text: str) -> bool:
    """Whether `text` asks for a way of answering (the assistant, its answers or a bare style request)."""
    s = _prepare(text)
    words = [w for w in re.findall(r"[\w'-]+", s) if w not in ("please", "pls", "plz", "thanks")]
    # A bare request ("short, please", "not too technical") has no subject; "I prefer simple furniture" does.
    bare = len(words) <= _BARE_REQUEST_WORDS and not {"i", "i'm", "im", "my", "we", "our"} & set(words)
    return bare or bool(_ANSWER_CUES.search(s))


_KEYWORDS: dict[tuple[str, str], list[str]] = {
    ("length", "concise"): ["short", "shorter", "brief", "briefer", "briefly", "concise", "concisely", "succinct",
                            "terse", "compact", "minimal", "crisp", "laconic", "pithy", "punchy", "brevity",
                            # a few words of other languages: kurz/knapp, bref/brève, breve/corto
                            "kurz", "knapp", "bref", "brève", "breve", "corto", "courte", "court"],
    ("length", "detailed"): ["detailed", "long", "longer", "lengthy", "thorough", "thoroughly", "comprehensive",
                             "verbose", "elaborate", "exhaustive", "extensive", "detail", "details",
                             "ausführlich", "détaillé", "détaillée", "detallado", "detallada", "dettagliato"],
    ("expertise", "simple"): ["simple", "simpler", "basic", "easy", "beginner", "plain", "accessible", "layman",
                              "elementary", "intuitive", "simplified", "simply"],
    ("expertise", "expert"): ["expert", "technical", "advanced", "sophisticated", "rigorous", "jargon", "nuanced",
                              "academic", "specialist", "technically", "formal", "mathematical",
                              "professional"],
    ("tone", "blunt"): ["blunt", "bluntly", "blunter", "direct", "directly", "frank", "frankly", "candid", "harsh",
                        "curt", "straightforward", "brutal", "gruff", "unvarnished", "honest", "sarcastic", "snarky"],
    # not "nice"/"sweet" among the warm words: "haha nice" is small talk
    ("tone", "warm"): ["warm", "warmer", "warmly", "friendly", "kind", "kindly", "gentle", "gently", "encouraging",
                       "supportive", "empathetic", "compassionate", "polite", "upbeat", "cheerful", "caring", "warmth",
                       "patient", "reassuring", "gentler", "kinder", "friendlier", "softer"],
}

_NEGATOR = (r"(?:not|never|no|rather than|instead of|no need for|skip the|skip|spare me(?: the)?|without|with no|"
            r"hate|dislike|can'?t stand|"
            r"tired of|sick of|fed up with|don'?t be|do not be|don'?t|do not|less|stop being|avoid being|"
            r"without being|nothing|isn'?t|aren'?t|shouldn'?t be|mustn'?t be|none of (?:that|the)|avoid|quit being)")
# "don't use technical terms", "without any jargon": a few verbs and determiners may stand between
_INTENSIFIER = (r"(?:so |too |overly |very |that |super |really |excessively |particularly |such |a |an |\w+ly |any |"
                r"use |using |give |giving |want |need |include |add |me |the |things |in )*")

_SELF_NEGATED = re.compile(r"(?:too|no|not|don'?t|do not|never|stop|less|without|skip|cut|avoid|minimal)\b")

# The two poles of each dimension, for flipping a negated keyword.
_OPPOSITE = {(d.name, d.low): (d.name, d.high) for d in DIMENSIONS.values()}
_OPPOSITE.update({v: k for k, v in _OPPOSITE.items()})

# A few written descriptions per pole for the embedding fallback (and the implicit preference texts).
POLE_DESCRIPTIONS: dict[tuple[str, str], list[str]] = {
    ("length", "concise"): ["Prefers concise, short answers.", "Keep answers brief and to the point.",
                            "I want quick answers without much explanation.", "Give me the gist in a line or two."],
    ("length", "detailed"): ["Prefers detailed, thorough answers.", "Give long, comprehensive explanations with "
                                                                    "examples.",
                             "Explain everything in depth, covering all the details.", "I want exhaustive, elaborate "
                                                                                       "replies."],
    ("expertise", "simple"): ["Prefers simple, plain-language explanations.", "Explain things as if to a beginner or "
                                                                              "a child.",
                              "Avoid technical jargon and keep explanations easy to follow.", "I am a novice, keep it "
                                                                                              "basic."],
    ("expertise", "expert"): ["Prefers expert-level, technical answers.", "Use precise technical terminology, I am a "
                                                                          "specialist.",
                              "Assume advanced background knowledge and go into the technical depth.",
                              "Talk to me like a senior engineer or a professional in the field."],
    ("tone", "blunt"): ["Prefers a blunt, direct tone.", "Be straightforward and frank, no sugarcoating.",
                        "Skip the pleasantries and tell me plainly what is wrong.", "Be brutally honest with me."],
    ("tone", "warm"): ["Prefers a warm, friendly tone.", "Be kind, gentle and encouraging with me.",
                       "Be supportive and empathetic in your replies.", "Use a cheerful, caring and reassuring tone."],
}


@lru_cache(maxsize=1)
def _compiled():
    phrases = [(key, re.compile(rf"(?<!\w){p}(?!\w)"), p in _WORLDLY_PHRASES)
               for key, ps in _PHRASES.items() for p in ps]
    word_to_pole = {w: key for key, words in _KEYWORDS.items() for w in words}
    words = "|".join(sorted(map(re.escape, word_to_pole), key=len, reverse=True))
    negated = re.compile(rf"\b{_NEGATOR}\s+{_INTENSIFIER}({words})\b")
    plain = re.compile(rf"\b({words})\b")
    return phrases, word_to_pole, negated, plain


def _prepare(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'")).strip()


def keyword_hits(text: str) -> list[tuple[int, tuple[str, str], str]]:
    """(position, (dimension, pole), matched words) for every phrase/keyword hit, in text order.

    Hits are found whatever the text is about; `classify_preference` decides whether they count.
    """
    return [(pos, key, words) for pos, key, words, _ in _hits(text)]


def _hits(text: str) -> list[tuple[int, tuple[str, str], str, bool]]:
    """`keyword_hits` plus, per hit, whether it speaks of answers on its own (a phrase not in `_WORLDLY_PHRASES`)."""
    phrases, word_to_pole, negated, plain = _compiled()
    negated_prefix = re.compile(rf"\b{_NEGATOR}\s+{_INTENSIFIER}$")
    s = _prepare(text)
    hits = []

    def mask(m):
        nonlocal s
        s = s[:m.start()] + " " * (m.end() - m.start()) + s[m.end():]

    for key, pattern, worldly in phrases:
        for m in list(pattern.finditer(s)):
            # "I hate long answers": a negator right before a phrase flips it like a keyword
            # ("not too long" is already a complaint: phrases that carry their own negation never flip)
            neg = not _SELF_NEGATED.match(m.group(0)) and negated_prefix.search(s, 0, m.start())
            hits.append((m.start(), _OPPOSITE[key] if neg else key, m.group(0), not worldly))
            mask(m)
    for m in list(negated.finditer(s)):
        hits.append((m.start(), _OPPOSITE[word_to_pole[m.group(1)]], m.group(0), False))
        mask(m)
    for m in plain.finditer(s):
        hits.append((m.start(), word_to_pole[m.group(1)], m.group(0), False))
    return sorted(hits)


def classify_preference(text: str, embedder=None, vector: np.ndarray | None = None) -> Classification | None:
    """The dimension and pole `text` asks for, or None for a preference outside the three dimensions.

    `embedder` (an object with `embed(list[str]) -> ndarray` of unit rows) enables the fallback;
    `vector` is the text's embedding when the caller already has it.
    """
    hits = _hits(text)
    if not asks_about_answers(text):
        hits = [h for h in hits if h[3]]
    if hits:
        counts: dict[tuple[str, str], int] = {}
        first: dict[tuple[str, str], int] = {}
        for pos, key, _, _ in hits:
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, pos)
        # Within one dimension, opposite hits cancel ("short, not too short"); across dimensions, most hits wins.
        best = max(counts, key=lambda k: (counts[k] - counts.get(_OPPOSITE[k], 0), -first[k]))
        if counts[best] > counts.get(_OPPOSITE[best], 0):
            words = ", ".join(w for _, key, w, _ in hits if key == best)
            return Classification(best[0], best[1], "keyword", words)
    if embedder is None or not (asks_about_answers(text) or _IDENTITY.match(_prepare(text))):
        return None
    return classify_by_embedding(embedder.embed([text])[0] if vector is None else vector, embedder)


def classify_by_embedding(vector: np.ndarray, embedder) -> Classification | None:
    """The nearest pole description to an embedded (unit) vector, by the fallback's thresholds.

    It does not ask whether the text is about answers: `classify_preference` does that first.
    """
    keys, matrix = _pole_matrix(embedder)
    sims = matrix @ np.asarray(vector, dtype=np.float32)
    per_pole: dict[tuple[str, str], float] = {}
    for key, sim in zip(keys, sims):
        per_pole[key] = max(per_pole.get(key, -1.0), float(sim))
    best = max(per_pole, key=per_pole.get)
    sim, rival = per_pole[best], per_pole[_OPPOSITE[best]]
    if sim < EMBED_MIN_SIM or sim - rival < EMBED_MIN_GAP:
        return None
    return Classification(best[0], best[1], "embedding", f"cosine {sim:.2f} vs {rival:.2f} for {_OPPOSITE[best][1]}")


_POLE_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _pole_matrix(embedder) -> tuple[list[tuple[str, str]], np.ndarray]:
    cached = _POLE_CACHE.get(embedder)
    if cached is None:
        keys = [key for key, texts in POLE_DESCRIPTIONS.items() for _ in texts]
        texts = [t for ts in POLE_DESCRIPTIONS.values() for t in ts]
        cached = (keys, embedder.embed(texts))
        _POLE_CACHE[embedder] = cached
    return cached


# ---------------------------------------------------------------- opposition

_NEGATION_WORDS = {"not", "no", "never", "dont", "don't", "doesnt", "doesn't", "cannot", "cant", "can't", "won't",
                   "wont", "avoid", "without", "stop", "hate", "dislike", "nothing", "none", "nor", "neither",
                   "skip", "omit", "exclude", "against", "isn't", "isnt", "aren't", "arent", "less", "fewer",
                   "instead", "quit", "drop", "refuse", "detest", "loathe", "ban", "forbid", "nobody", "shouldn't"}
_ANTONYMS = [
    ("metric", "imperial"), ("celsius", "fahrenheit"), ("formal", "informal"), ("formal", "casual"),
    ("more", "less"), ("more", "fewer"), ("like", "dislike"), ("love", "hate"), ("always", "never"),
    ("include", "exclude"), ("with", "without"), ("british", "american"), ("tabs", "spaces"),
    ("light", "dark"), ("morning", "evening"), ("early", "late"), ("serious", "funny"), ("humor", "serious"),
    ("sweet", "savory"), ("hot", "cold"), ("vegetarian", "meat"), ("vegan", "meat"), ("lowercase", "uppercase"),
    ("python", "javascript"), ("prose", "bullets"), ("prose", "bullet"), ("emojis", "plain"),
]
_WORD = re.compile(r"[a-z']+")


def _words(text: str) -> list[str]:
    return _WORD.findall(_prepare(text))


def negation_parity(text: str) -> int:
    """+1 for an affirmative text, -1 when it holds an odd number of negation/aversion words."""
    words = _words(text)
    count = sum(w in _NEGATION_WORDS or w.endswith("n't") for w in words)
    return -1 if count % 2 else 1


_STOP = {"i", "i'm", "im", "i've", "i'd", "me", "my", "a", "an", "the", "to", "of", "for", "in", "on", "at", "and",
         "or", "am", "is", "are", "be", "been", "it", "its", "that", "this", "with", "about", "really", "very", "so",
         "just", "any", "anymore", "longer", "now", "please", "like", "love", "prefer", "enjoy", "want", "use", "eat",
         "have", "do", "does", "strongly", "much", "all", "things", "stuff", "only", "always", "more", "again", "also"}


def _content(text: str) -> set[str]:
    canon = {y: x for x, y in _ANTONYMS}  # the two sides of an antonym pair count as one subject word
    words = {canon.get(w, w) for w in _words(text)}
    return {w for w in words if w not in _STOP and w not in _NEGATION_WORDS and not w.endswith("n't") and len(w) > 1}


def same_subject(a: str, b: str, min_overlap: float = 0.6) -> bool:
    """Whether two texts speak of the same thing: their content words (sentiment, negation and filler
    words left out; antonyms folded together) overlap by at least `min_overlap` of the smaller set.
    "I'm vegetarian" / "I'm not vegetarian anymore" do; "I dislike crowded beaches" / "I love quiet
    beaches" do not (crowded, quiet)."""
    ca, cb = _content(a), _content(b)
    if not ca or not cb:
        return False
    return len(ca & cb) / min(len(ca), len(cb)) >= min_overlap


def opposed(a: str, b: str) -> str | None:
    """Why two (similar) texts contradict each other, or None when they do not."""
    if negation_parity(a) != negation_parity(b):
        return "negation"
    wa, wb = set(_words(a)), set(_words(b))
    for x, y in _ANTONYMS:
        if ((x in wa and y not in wa and y in wb and x not in wb)
                or (y in wa and x not in wa and x in wb and y not in wb)):
            return f"{x}/{y}"
    return None
