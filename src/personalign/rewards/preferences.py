"""Preference wordings (what a user says) and steering prompts (what makes the base model comply).

Wordings are the `preference` text of PersRM training pairs. Users phrase one preference in many ways,
so every pole has several natural wordings; a fixed subset of each pole is HELD OUT from training so an
evaluation can check that a PersRM reacts to the meaning of a preference, not to memorised strings.
The held-out wordings are the last entries of each list below and are fixed: changing them after a
model is trained would leak evaluation text into training.

Steering instructions are used only to *produce* candidate answers of a given style from a small base
model. They are blunter than any user would write and never appear in the pairs: the judges, not the
steering, decide which answer is chosen.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from itertools import combinations

from personalign.dimensions import DIMENSIONS
from personalign.errors import ConfigError

SPLITS = ("train", "heldout")
Pole = tuple[str, str]  # (dimension, pole), e.g. ("length", "concise")

# (train wordings, held-out wordings) per (dimension, pole).
_WORDINGS: dict[Pole, tuple[tuple[str, ...], tuple[str, ...]]] = {
    ("length", "concise"): (
        (
            "Keep your answers short.",
            "I prefer brief, to-the-point replies.",
            "Answer in one or two sentences, please.",
            "Be concise.",
            "Just give me the short version.",
            "No long explanations, only the essentials.",
            "I'm busy, so keep it brief.",
            "Short answers work best for me.",
            # v2 (PersRM v2): other registers — first person, role, terse, question, conditional.
            "tl;dr-style answers only.",
            "I read your replies on my phone between meetings, so I need something I can take in at a glance.",
            "You're a telegraph operator paid by the word: answer accordingly.",
            "Could you keep replies to a sentence or so?",
            "Bottom line only.",
            "My attention span is short; give me the gist.",
            "Stop as soon as the question is answered.",
            "Reply like a busy colleague on chat: a line or two.",
            "I hate walls of text.",
            "Write as if every extra word costs money.",
            "gist only",
            "Brevity beats completeness for me.",
            "Imagine you're writing a text message, not an essay.",
            "I only need the headline answer.",
            "Trim everything that isn't essential.",
            "brief replies, thanks",
        ),
        (
            "Skip the details and get straight to the point.",
            "A quick answer is all I need.",
            "Please be succinct.",
        ),
    ),
    ("length", "detailed"): (
        (
            "Give me detailed, thorough answers.",
            "I like long explanations with examples.",
            "Please explain things in depth.",
            "Be comprehensive and cover every step.",
            "I want the full picture, not a summary.",
            "More detail is better for me.",
            "Walk me through it thoroughly.",
            "Please elaborate as much as you can.",
            # v2 (PersRM v2): other registers — first person, role, terse, question, conditional.
            "I'm studying this properly, so I want everything you know about it.",
            "Act as a patient tutor who leaves no step out.",
            "long answers welcome",
            "Could you go into as much depth as possible?",
            "Cover the background, the steps, examples and common pitfalls.",
            "Write it like a complete guide, not a quick tip.",
            "I read every word, so feel free to write at length.",
            "Imagine you're writing a textbook chapter on it.",
            "Thorough over brief, always.",
            "Unpack everything, including the why behind each step.",
            "Respond with a full, multi-paragraph explanation.",
            "As a note-taker, I like answers rich in specifics and examples.",
            "Don't summarize; expand.",
            "deep dive, please",
            "When I ask something, I want the long version with all the nuances.",
            "Take your time and be exhaustive.",
        ),
        (
            "Don't hold back on details; I enjoy reading a lot.",
            "I appreciate exhaustive, step-by-step answers.",
            "Spell everything out at length.",
        ),
    ),
    ("expertise", "simple"): (
        (
            "Explain it like I'm five.",
            "Use simple words; I'm not an expert.",
            "Keep the language plain and easy to follow.",
            "I'm a beginner, so avoid jargon.",
            "Please use short, simple sentences.",
            "Explain it the way you would to a child.",
            "Make it easy to understand for anyone.",
            "No technical terms, please.",
            # v2 (PersRM v2): other registers — first person, role, terse, question, conditional.
            "I left school early, so plain English helps me.",
            "Pretend you're explaining it to my grandma, who has never used a computer.",
            "easy words only",
            "Could you keep the vocabulary basic?",
            "Act as a kindergarten teacher when you explain.",
            "I'm new to all of this: short words and short sentences, please.",
            "English is my second language, so keep it simple.",
            "Write at a primary-school reading level.",
            "No big words.",
            "Break it down so a ten-year-old would follow.",
            "Respond as if to someone with no background at all.",
            "Avoid technical vocabulary; use everyday comparisons.",
            "dumb it down for me",
            "Simplicity matters more to me than precision.",
            "I get lost in jargon; keep things basic.",
            "Write it like a children's book.",
        ),
        (
            "Talk to me like a curious kid.",
            "Put it in everyday language a beginner gets.",
            "I'd like the simplest possible explanation.",
        ),
    ),
    ("expertise", "expert"): (
        (
            "I'm an expert; use technical terminology.",
            "Answer at a professional, specialist level.",
            "Feel free to use jargon and precise terms.",
            "Write for someone with a graduate degree in the field.",
            "Give me the technical, academic explanation.",
            "Assume deep background knowledge.",
            "I prefer sophisticated, precise language.",
            "Explain it as you would to a fellow specialist.",
            # v2 (PersRM v2): other registers — first person, role, terse, question, conditional.
            "I hold a PhD in this area; don't simplify.",
            "Act as a senior specialist briefing a colleague.",
            "technical answers only",
            "Could you use the proper scientific terms?",
            "Assume graduate-level background knowledge.",
            "Write the way a peer-reviewed paper would.",
            "I'm a professional, so skip the basics and use jargon freely.",
            "Precision over accessibility.",
            "Respond in the register of an academic lecture.",
            "As an engineer, I want the rigorous version.",
            "specialist register, please",
            "Don't dumb it down.",
            "Use field-specific vocabulary and formal sentences.",
            "Pitch it at a researcher's level.",
            "I like sophisticated, erudite phrasing.",
            "Talk to me like a fellow expert.",
        ),
        (
            "Don't simplify anything; I work in this area.",
            "Use the vocabulary of a research paper.",
            "Pitch it at an advanced, scholarly level.",
        ),
    ),
    ("tone", "blunt"): (
        (
            "Be blunt.",
            "Skip the pleasantries and state the facts.",
            "I prefer a neutral, matter-of-fact tone.",
            "No small talk and no cheerleading, please.",
            "Just the facts, delivered plainly.",
            "Don't sugarcoat anything.",
            "Keep the tone dry and businesslike.",
            "No compliments or enthusiasm, just information.",
            # v2 (PersRM v2): other registers — first person, role, terse, question, conditional.
            "I don't need emotional padding; just say it.",
            "Act as an impersonal reference manual.",
            "no fluff",
            "Could you drop the friendliness and just state facts?",
            "Skip compliments and encouragement.",
            "Cold, factual tone.",
            "I find cheerfulness annoying; be matter-of-fact.",
            "Give it to me straight, without cushioning.",
            "Neutral, clinical delivery.",
            "No exclamation marks, no pep talk.",
            "Talk to me the way a terse engineer would.",
            "I prefer straight talk without warmth.",
            "facts, not feelings",
            "Spare me the pleasantries.",
            "Be direct to the point of curt.",
            "Respond like a dry technical memo.",
        ),
        (
            "Be straightforward and unemotional.",
            "I don't need friendliness, only answers.",
            "Use a flat, no-nonsense tone.",
        ),
    ),
    ("tone", "warm"): (
        (
            "Be warm and friendly.",
            "I like an encouraging, positive tone.",
            "Please be kind and cheerful in your replies.",
            "A friendly, supportive voice helps me a lot.",
            "Talk to me like a caring friend.",
            "Be upbeat and encouraging.",
            "I appreciate warmth and a bit of enthusiasm.",
            "Keep the tone gentle and supportive.",
            # v2 (PersRM v2): other registers — first person, role, terse, question, conditional.
            "I'm having a rough week, so a kind tone helps.",
            "Act as a supportive friend when you answer.",
            "be nice :)",
            "Could you be encouraging when you reply?",
            "A cheerful tone makes my day.",
            "Sound friendly and upbeat.",
            "Respond like a caring coach who believes in me.",
            "I like warmth and a bit of enthusiasm.",
            "Kindness matters to me in how you write.",
            "Sprinkle in some encouragement.",
            "Be gentle and positive with me.",
            "Write like a cheerful pen pal.",
            "I respond best to a warm, reassuring voice.",
            "friendly vibes please",
            "Make me feel good about asking.",
            "Celebrate my curiosity a little when you answer.",
        ),
        (
            "Make me feel welcome and cheered on.",
            "A cheerful, happy tone would be lovely.",
            "Please sound kind and enthusiastic.",
        ),
    ),
}

# Hand-written wordings for two poles at once, keyed by the canonical (dimension order) pole pair.
# (train wordings, held-out wordings); `combine` also composes single wordings for more variety.
_COMBO_WORDINGS: dict[tuple[Pole, Pole], tuple[tuple[str, ...], tuple[str, ...]]] = {
    (("length", "concise"), ("expertise", "simple")): (
        ("Short and simple, please.", "Give me a brief answer in plain words.", "Keep it short and easy to follow."),
        ("A quick, jargon-free answer is best.",),
    ),
    (("length", "concise"), ("expertise", "expert")): (
        ("Be brief but technical.", "Short, precise answers with proper terminology.",
         "Give me a terse expert answer."),
        ("Keep it compact and at a specialist level.",),
    ),
    (("length", "detailed"), ("expertise", "simple")): (
        ("Explain it thoroughly but in simple words.", "I want a long explanation a beginner can follow.",
         "Lots of detail, but keep the language easy."),
        ("Walk me through everything step by step in plain language.",),
    ),
    (("length", "detailed"), ("expertise", "expert")): (
        ("Give me an in-depth technical answer.", "A thorough, specialist-level explanation, please.",
         "Long and rigorous, with precise terminology."),
        ("Write a detailed, academic treatment of it.",),
    ),
    (("length", "concise"), ("tone", "blunt")): (
        ("Short and blunt.", "Just the facts, briefly.", "Keep it brief and skip the pleasantries."),
        ("Terse and matter-of-fact, please.",),
    ),
    (("length", "concise"), ("tone", "warm")): (
        ("Short and friendly, please.", "A brief, warm answer would be great.", "Keep it short but kind."),
        ("Quick and cheerful works for me.",),
    ),
    (("length", "detailed"), ("tone", "blunt")): (
        ("Give me all the details, no pleasantries.", "Thorough and matter-of-fact.",
         "Explain in depth, in a dry, neutral tone."),
        ("Long and businesslike, without any cheerleading.",),
    ),
    (("length", "detailed"), ("tone", "warm")): (
        ("A detailed answer in a warm, encouraging tone.", "Explain thoroughly and be friendly about it.",
         "Lots of detail and lots of kindness, please."),
        ("Take your time explaining, and keep it cheerful.",),
    ),
    (("expertise", "simple"), ("tone", "blunt")): (
        ("Simple words, no sugarcoating.", "Plain language and a neutral tone.", "Keep it simple and matter-of-fact."),
        ("Easy words, straight facts, no fluff.",),
    ),
    (("expertise", "simple"), ("tone", "warm")): (
        ("Explain it simply and kindly.", "Be friendly and use easy words.",
         "Warm and simple, like a patient teacher."),
        ("Talk to me gently, in words a beginner understands.",),
    ),
    (("expertise", "expert"), ("tone", "blunt")): (
        ("Technical and to the point, no pleasantries.", "Expert-level facts in a dry tone.",
         "Use precise terminology and skip the friendliness."),
        ("Specialist language, neutral delivery.",),
    ),
    (("expertise", "expert"), ("tone", "warm")): (
        ("Technical, but friendly and encouraging.", "Expert-level detail with a warm tone.",
         "Use precise terms and be kind about it."),
        ("A scholarly answer delivered cheerfully.",),
    ),
}

# Steering instructions per pole, appended to the user turn when candidates are generated. Measured on
# SmolLM2-135M: the same instructions in the system turn (plain or inside the preference block) barely
# moved the judged scores, while a short instruction right after the question separated every pole
# (e.g. ~25 vs ~65 words, FK grade ~5 vs ~10, VADER ~-0.4 vs ~0.9). The variety keeps candidates from
# collapsing onto a single template.
_STEERING: dict[Pole, tuple[str, ...]] = {
    ("length", "concise"): (
        "(Answer in one short sentence.)",
        "(Reply in a single brief sentence, under 15 words.)",
        "(Give only the short answer, one sentence, nothing else.)",
        "(Be extremely brief: one sentence.)",
    ),
    ("length", "detailed"): (
        "(Please give a long, detailed answer with several points and examples.)",
        "(Explain in depth: cover the background, every step and practical tips, with examples.)",
        "(Write a thorough, extensive answer with many sentences and several numbered points.)",
        "(Give a complete, detailed explanation, step by step, with examples for each point.)",
    ),
    ("expertise", "simple"): (
        "(Explain it to a five-year-old with very simple words and short sentences.)",
        "(Use only tiny, easy words and very short sentences, like talking to a small child.)",
        "(Explain it like I'm a little kid. Short sentences. Easy words.)",
        "(Keep every sentence short and every word simple, for a young child.)",
    ),
    ("expertise", "expert"): (
        "(Answer like an expert professor, with technical terminology.)",
        "(Answer as a specialist writing for other specialists: precise technical terms, complex sentences.)",
        "(Write in the formal, sophisticated language of an academic research paper.)",
        "(Use advanced scholarly vocabulary and long, technical sentences.)",
    ),
    ("tone", "blunt"): (
        "(Be blunt: just the facts, no friendliness.)",
        "(State the facts flatly. No greetings, no compliments, no enthusiasm.)",
        "(Be curt and matter-of-fact. No pleasantries, no encouragement.)",
        "(Answer coldly and bluntly, with no friendly words at all.)",
    ),
    ("tone", "warm"): (
        "(Please be warm, friendly and encouraging!)",
        "(Be very kind and cheerful, and encourage me warmly!)",
        "(Answer like a warm, caring friend: positive, happy and encouraging!)",
        "(Use a friendly, enthusiastic tone and wish me well!)",
    ),
}


def poles() -> list[Pole]:
    """Every (dimension, pole), in DIMENSIONS order, low pole first."""
    return [(name, pole) for name, dim in DIMENSIONS.items() for pole in dim.poles]


def combinations_of_poles() -> list[tuple[Pole, Pole]]:
    """Every pair of poles on two different dimensions, canonically ordered (12 with 3 dimensions)."""
    names = list(DIMENSIONS)
    out = []
    for a, b in combinations(names, 2):
        for pa in DIMENSIONS[a].poles:
            for pb in DIMENSIONS[b].poles:
                out.append(((a, pa), (b, pb)))
    return out


def _check_pole(dimension: str, pole: str) -> Pole:
    if dimension not in DIMENSIONS:
        raise ConfigError(f"unknown dimension {dimension!r}; choose one of {', '.join(DIMENSIONS)}")
    if pole not in DIMENSIONS[dimension].poles:
        raise ConfigError(f"dimension {dimension!r} has poles {' and '.join(DIMENSIONS[dimension].poles)}, "
                          f"not {pole!r}")
    return (dimension, pole)


def _check_split(split: str) -> int:
    if split not in SPLITS:
        raise ConfigError(f"unknown wording split {split!r}; choose one of {', '.join(SPLITS)}")
    return SPLITS.index(split)


def canonical(a: Pole, b: Pole) -> tuple[Pole, Pole]:
    """Order two poles by dimension; both must be on different dimensions."""
    a, b = _check_pole(*a), _check_pole(*b)
    if a[0] == b[0]:
        raise ConfigError(f"a combination needs two different dimensions, got {a[0]!r} twice")
    order = list(DIMENSIONS)
    return (a, b) if order.index(a[0]) < order.index(b[0]) else (b, a)


def wordings(dimension: str, pole: str, split: str = "train") -> list[str]:
    """Natural user wordings of one pole; `split` picks training or held-out wordings."""
    return list(_WORDINGS[_check_pole(dimension, pole)][_check_split(split)])


def combo_wordings(a: Pole, b: Pole, split: str = "train") -> list[str]:
    """The hand-written wordings that name two poles at once."""
    return list(_COMBO_WORDINGS[canonical(a, b)][_check_split(split)])


def _compose(first: str, second: str, joined: bool) -> str:
    if joined:
        # Lower-case the second wording's first letter, except the pronoun "I" ("I'm", "I like").
        pronoun = second[0] == "I" and (len(second) == 1 or second[1] in " '")
        return f"{first.rstrip('.!')}. Also, {second if pronoun else second[0].lower() + second[1:]}"
    return f"{first} {second}"


def combine(a: Pole, b: Pole, split: str = "train", rng: random.Random | None = None) -> str:
    """One wording for a two-pole preference, hand-written or composed from two single wordings.

    Composition keeps the split: a held-out combination only uses held-out single wordings, so no
    training string leaks into the held-out measure.
    """
    rng = rng or random.Random(0)
    a, b = canonical(a, b)
    if rng.random() < 0.5:
        return rng.choice(combo_wordings(a, b, split))
    first, second = rng.choice(wordings(*a, split)), rng.choice(wordings(*b, split))
    return _compose(first, second, joined=rng.random() < 0.5)


def steering_prompts(dimension: str, pole: str) -> list[str]:
    """Instructions that push the base model toward one pole (candidate generation only)."""
    return list(_STEERING[_check_pole(dimension, pole)])


def combo_steering(a: Pole, b: Pole, rng: random.Random | None = None) -> str:
    """One instruction steering toward two poles: one instruction of each, merged into one bracket."""
    rng = rng or random.Random(0)
    a, b = canonical(a, b)
    first, second = (rng.choice(steering_prompts(*p)).strip("()") for p in (a, b))
    return f"({first.rstrip('.!')}. Also: {second[0].lower()}{second[1:]})"


def lookup(preference: str) -> tuple[tuple[Pole, ...], str] | None:
    """The pole(s) and split of a wording this module produces (composed ones included), else None.

    Reports use it to count pairs per pole from the `preference` field alone.
    """
    return _index().get(preference)


def named_poles(preference: str) -> tuple[Pole, ...]:
    """Every pole whose wording (train or held-out, single or two-pole) appears in `preference` as a whole phrase,
    in `poles()` order.

    Unlike `lookup` it reads requests composed of three wordings or with the user's own words around them;
    case and punctuation are ignored. No wording of one pole is contained in a wording of another (a test holds
    this), so a match names its pole.
    """
    text = f" {_words(preference)} "
    found = {pole for wording, named in _phrases() if f" {wording} " in text for pole in named}
    return tuple(pole for pole in poles() if pole in found)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9']+", " ", text.lower()).split())


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, tuple[Pole, ...]], ...]:
    single = [(w, (pole,)) for pole, lists in _WORDINGS.items() for items in lists for w in items]
    combo = [(w, pair) for pair, lists in _COMBO_WORDINGS.items() for items in lists for w in items]
    return tuple((_words(w), named) for w, named in single + combo)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[Pole, ...], str]]:
    idx = {}
    for pole, lists in _WORDINGS.items():
        for split, items in zip(SPLITS, lists):
            idx.update({w: ((pole,), split) for w in items})
    for a, b in combinations_of_poles():
        for split in SPLITS:
            idx.update({w: ((a, b), split) for w in combo_wordings(a, b, split)})
            for first in wordings(*a, split):
                for second in wordings(*b, split):
                    for joined in (False, True):
                        idx[_compose(first, second, joined)] = ((a, b), split)
    return idx


__all__ = [
    "SPLITS", "Pole", "poles", "combinations_of_poles", "canonical", "wordings", "combo_wordings",
    "combine", "steering_prompts", "combo_steering", "lookup", "named_poles",
]
