"""Harm domains in forty languages: which kinds of harm a text names, as features shared across languages.

The learned layer reads MiniLM embeddings, which understand English only, and hashed n-grams, which know a
word only once a training row in that language held it. A request to poison someone written in Swahili
or Greek therefore looks, to both, like any other sentence in that language. ``data/harm_terms.json``
lists, per *domain* (poisons, explosives, drink spiking, trafficking, evading the police, ...), words and
phrases that name it in forty languages; `domains` turns a normalized view into one indicator per domain,
so that a domain learned from English and Spanish rows carries over to every language the list covers.

The indicators are evidence, not verdicts: harm reduction, true crime, professionals and fiction name the
same domains, and the classifier learns from the benign training rows how much a domain counts next to the
rest of the text. The list was written for this purpose from general knowledge, without looking at any
evaluation round; a later addition (methanol, botulinum, death caps and other poisons, wildlife trafficking,
cheating breathalysers and sniffer dogs, spy apps and wiretaps, fake transfer screenshots and impersonation scams)
named concepts found missing in spent rounds, its terms again written without seeing any round.

Term syntax in the JSON file: lowercase words or short phrases; a trailing ``*`` matches any word starting
with the stem, as does every term in a language that writes compounds as one word (German, Dutch, the Nordic
languages, Hungarian) or particles onto its words (Korean); in Arabic, Persian, Urdu and Hebrew a term may also
follow up to three letters of a prefix ("والقتل"); terms in Chinese, Japanese and Thai (no spaces between words)
match as substrings. Terms are normalized as the boundary normalizes text (`normalize.normalize`), so they are
written as usually spelled; a term of fewer than three letters once normalized (two in those scripts and Korean)
is never matched.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from personalign.safety.lexicon import fold_pattern
from personalign.safety.normalize import normalize

__all__ = ["TERMS_PATH", "domain_names", "domains", "matched", "words"]

TERMS_PATH = Path(__file__).parent / "data" / "harm_terms.json"
_UNSPACED = {"zh", "ja", "th"}  # languages written without spaces between words: terms match as substrings
# compounds written as one word ("Eisenhutwurzel"), Korean particles ("살인을"): a term matches as a word's start
_WORD_START = {"de", "nl", "sv", "no", "da", "fi", "hu", "ko"}
# articles, conjunctions and prepositions written onto the word ("والقتل", "והרעל"): up to three letters before it
_PREFIXED = {"ar", "fa", "ur", "he"}
_WORD_EDGE = r"(?<!\w)"


def _term_pattern(term: str, lang: str) -> str | None:
    stem = term.endswith("*") or lang in _WORD_START
    text = normalize(term.rstrip("*").strip())
    # shorter terms in alphabets would match by accident (as "C-4", which the leetspeak reading makes "ca");
    # a Han, kana, Thai or Hangul pair is a word
    if len(text.replace(" ", "")) < (2 if lang in _UNSPACED or lang == "ko" else 3):
        return None
    body = re.escape(fold_pattern(text)).replace(r"\ ", r"\s+")
    if lang in _UNSPACED:
        return body
    if lang in _PREFIXED:
        return rf"{_WORD_EDGE}\w{{0,3}}{body}\w*"
    return rf"{_WORD_EDGE}{body}\w*" if stem else rf"{_WORD_EDGE}{body}(?!\w)"


@lru_cache(maxsize=1)
def _data() -> dict:
    """The terms file, read once for the compiled domains and for `words`."""
    return json.loads(TERMS_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern], ...]:
    data = _data()
    out = []
    for name in sorted(data):
        patterns = {p for lang, terms in data[name]["terms"].items() for t in terms
                    if (p := _term_pattern(t, lang)) is not None}
        # longest first, so a phrase wins over a word it starts with (one match is all a domain needs)
        order = sorted(patterns, key=lambda p: (-len(p), p))
        # The word-edge lookbehind once for all the terms that start at one: the engine then tries them at word
        # starts only, not at every character (about 12x faster per view; the same views match)
        edged = [p[len(_WORD_EDGE):] for p in order if p.startswith(_WORD_EDGE)]
        parts = ([f"{_WORD_EDGE}(?:{'|'.join(edged)})"] if edged else []) + [p for p in order
                                                                             if not p.startswith(_WORD_EDGE)]
        out.append((name, re.compile("|".join(parts))))
    return tuple(out)


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """The one-word terms of the Latin-script languages, normalized as views are ("fentanilo", "cyanide")."""
    out = {normalize(t.rstrip("*").strip()) for d in _data().values() for terms in d["terms"].values() for t in terms}
    return frozenset(w for w in out if " " not in w and len(w) >= 4 and w.isascii() and w.isalpha())


def domain_names() -> tuple[str, ...]:
    """The domains, in feature order."""
    return tuple(name for name, _ in _compiled())


@lru_cache(maxsize=8192)
def _domains(view_text: str) -> np.ndarray:
    vec = np.array([1.0 if rx.search(view_text) else 0.0 for _, rx in _compiled()], dtype=np.float32)
    vec.setflags(write=False)
    return vec


def domains(view_text: str) -> np.ndarray:
    """One float32 indicator (0 or 1) per domain of `domain_names` for a normalized view."""
    return _domains(view_text)


def matched(view_text: str) -> dict[str, str]:
    """Each domain a normalized view names, with the words that named it (for explanations and tests)."""
    out = {}
    for name, rx in _compiled():
        m = rx.search(view_text)
        if m:
            out[name] = m.group(0)
    return out
