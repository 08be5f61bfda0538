"""Life areas: which part of life a prompt asks about and which part a preference constrains.

Sentence embeddings link "I keep kosher" to "what should I cook tonight?" only weakly (cosine
around 0.1), yet the preference matters for every food question. Retrieval therefore also matches
through life areas: each area has a few written questions (`asks`) and a few written statements
that constrain it (`facts`); a prompt is in an area when its embedding is within `ASK_SIM` of one
of the questions (and that area is among its closest), a preference when within `FACT_SIM` of one
of the statements. A topical
preference sharing an area with the prompt is retrieved even when the two are not close directly.
The sentences below are generic, written for this purpose; nothing is learned per user.
"""
from __future__ import annotations

import weakref

import numpy as np

ASK_SIM = 0.4       # a prompt is in its best areas: within `ASK_MARGIN` of the best, at least this close
ASK_MARGIN = 0.05
FACT_SIM = 0.45     # a preference must be clearly about an area: its area does not vary with the prompt

AREAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "food": (
        ("What should I cook for dinner tonight?", "Can you suggest a recipe?", "Which restaurant should we book?",
         "What snacks or dessert should I bring?", "What should I eat before a workout?", "Ideas for a lunch box?",
         "What drinks should I serve my guests?", "What should I order at a cafe?"),
        ("I'm vegetarian.", "I'm allergic to nuts.", "I can't eat gluten.", "I don't drink alcohol.",
         "I eat halal food only.", "I keep kosher.", "I'm lactose intolerant.", "I'm on a low-sugar diet.",
         "I hate the taste of coriander."),
    ),
    "travel": (
        ("Where should I go on holiday?", "How should I get from one city to another?",
         "What should I see on my trip?", "Which hotel should I book?", "What should I pack for my journey?",
         "How do I plan a weekend away?"),
        ("I'm afraid of flying.", "I get seasick on boats.", "I use a wheelchair.", "I hate crowded places.",
         "I'm scared of heights.", "I only travel by train.", "I travel with my dog."),
    ),
    "place": (
        ("What can I do this weekend nearby?", "When should I plant my garden?", "What should I wear this season?",
         "What's the weather going to be like?", "Which day trips are close to home?",
         "Where can I buy this locally?"),
        ("I live in Oslo.", "I'm based in Sydney.", "I'm in Madrid.", "I just moved to a new city.",
         "We live in the countryside.", "I live near the coast.", "My town gets very cold winters.",
         "It's really hot where I live."),
    ),
    "health": (
        ("Which medicine can I take for a headache?", "What exercise should I do?", "How should I train for a race?",
         "What should I keep in a first-aid kit?", "How can I sleep better?", "Is this activity safe for me?"),
        ("I'm pregnant.", "I have a bad back.", "I have diabetes.", "I'm allergic to bee stings.", "I have asthma.",
         "I'm recovering from knee surgery.", "I'm training for a half marathon.", "I take blood thinners."),
    ),
    "work": (
        ("How can I motivate my team?", "How should I handle my taxes?", "Ideas for a lesson with my class?",
         "How do I write to a client?", "How can I get promoted?", "How should I prepare for a meeting?"),
        ("I'm a nurse.", "I'm a school teacher.", "I'm self-employed.", "I'm a software developer.",
         "I manage a small team.", "I work night shifts.", "I'm a student."),
    ),
    "money": (
        ("Which laptop should I buy?", "How should I budget this month?", "What's a good gift to buy?",
         "Which phone plan is best?", "Where should I go out tonight?", "Should I buy or rent?"),
        ("I'm on a tight budget.", "Money is tight right now.", "I'm a student with little money.",
         "I'm saving for a house.", "I'm between jobs."),
    ),
    "home": (
        ("What can we do on a rainy afternoon?", "How do I organize my home?", "What should we do this weekend?",
         "What furniture should I buy?", "How do I keep the house clean?", "Ideas for a family day out?"),
        ("I have two small kids.", "I'm a single parent.", "I live in a small flat.", "I have a dog.",
         "I share a house with roommates.", "We have a newborn baby."),
    ),
    "tech": (
        ("How do I send a photo?", "Which app should I use?", "How do I learn to code?", "How do I fix my computer?",
         "What software do you recommend?", "How do I back up my files?"),
        ("I just got my first smartphone.", "I use a Mac.", "I'm a backend developer.", "I'm not good with computers.",
         "I use Linux at home.", "I have an old Android phone."),
    ),
}

_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _matrices(embedder):
    cached = _CACHE.get(embedder)
    if cached is None:
        names = list(AREAS)
        ask_ids = np.array([i for i, n in enumerate(names) for _ in AREAS[n][0]])
        fact_ids = np.array([i for i, n in enumerate(names) for _ in AREAS[n][1]])
        asks = embedder.embed([t for n in names for t in AREAS[n][0]])
        facts = embedder.embed([t for n in names for t in AREAS[n][1]])
        cached = (names, ask_ids, np.asarray(asks, np.float32), fact_ids, np.asarray(facts, np.float32))
        _CACHE[embedder] = cached
    return cached


def _best_per_area(sims: np.ndarray, ids: np.ndarray, n_areas: int) -> np.ndarray:
    """(rows, areas): each row's similarity to the closest sentence of each area."""
    return np.stack([sims[:, ids == a].max(axis=1) for a in range(n_areas)], axis=1)


def prompt_areas(embedder, vector: np.ndarray) -> np.ndarray:
    """Booleans over `AREAS`: the areas the (unit-embedded) prompt asks about."""
    names, ask_ids, asks, _, _ = _matrices(embedder)
    best = _best_per_area(np.asarray(vector, np.float32)[None, :] @ asks.T, ask_ids, len(names))[0]
    return (best >= ASK_SIM) & (best >= best.max() - ASK_MARGIN)


def preference_areas(embedder, matrix: np.ndarray) -> np.ndarray:
    """(preferences, areas) booleans: the areas each (unit-embedded) preference constrains."""
    names, _, _, fact_ids, facts = _matrices(embedder)
    if matrix.size == 0:
        return np.zeros((0, len(names)), dtype=bool)
    return _best_per_area(matrix @ facts.T, fact_ids, len(names)) >= FACT_SIM
