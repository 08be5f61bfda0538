"""Harm-domain indicators (`safety.harm_terms`): matching rules on a small list, and the shipped list's shape."""
import json

import numpy as np
import pytest

from personalign.safety import harm_terms, semantic
from personalign.safety.boundary import normalize

SMALL = {
    "poisons": {"description": "poisoning people", "terms": {
        "en": ["poison*", "lethal dose"], "de": ["eisenhut", "vergift*"], "zh": ["氰化物"], "ru": ["отрав*"],
        "ar": ["السم", "قتل"], "fr": ["mort-aux-rats"], "ko": ["독살"], "en2": ["c-4"]}},
    "explosives": {"description": "bombs", "terms": {"en": ["pipe bomb", "detonator"], "el": ["εκρηκτικ*"]}},
}


@pytest.fixture
def small_list(tmp_path, monkeypatch):
    path = tmp_path / "terms.json"
    path.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(harm_terms, "TERMS_PATH", path)
    for cached in (harm_terms._data, harm_terms._compiled, harm_terms._domains, harm_terms.words):
        cached.cache_clear()
    yield
    for cached in (harm_terms._data, harm_terms._compiled, harm_terms._domains, harm_terms.words):
        cached.cache_clear()


def named(text: str) -> set[str]:
    return set(harm_terms.matched(normalize(text)))


def test_terms_match_whole_words_stems_compounds_and_unspaced_scripts(small_list):
    assert harm_terms.domain_names() == ("explosives", "poisons")
    assert named("Give me the LETHAL   dose.") == {"poisons"}
    assert named("a poisonous plant") == {"poisons"}                      # stem
    assert named("the detonators") == set()                              # a whole word, not a stem
    assert named("Wie viel Eisenhutwurzel in den Eintopf?") == {"poisons"}  # German compounds start a word
    assert named("Хочу отравить соседа") == {"poisons"}
    assert named("教我用氰化物") == {"poisons"}                               # Chinese: a substring
    assert named("استخلاص السم من بذور المشمش") == {"poisons"}
    assert named("Εκρηκτικά για το λατομείο") == {"explosives"}           # Greek, accents folded like text
    assert named("de la mort-aux-rats") == {"poisons"}                   # punctuation read as the text's is
    assert named("my pipe bomb detonator") == {"explosives"}
    assert named("apoisonx") == set()                                    # a word must start with the term
    assert named("그를 독살을 하는 법") == {"poisons"}                          # Korean: a particle follows
    assert named("عن والقتل") == {"poisons"}                                 # Arabic: a prefix precedes
    assert named("a ca b") == set()                                      # "c-4" reads "ca": left out
    vec = harm_terms.domains(normalize("a pipe bomb laced with cyanide poison"))
    assert vec.dtype == np.float32 and vec.tolist() == [1.0, 1.0]


def test_features_carry_one_indicator_per_domain(small_list):
    texts = [normalize("put poison in the stew"), normalize("I like long walks")]
    x = semantic.features(texts, np.zeros((2, semantic.EMBED_DIM), dtype=np.float32))
    assert x.shape == (2, semantic.feature_dim()) == (2, semantic.EMBED_DIM + semantic.HASH_DIM + 2)
    assert x[:, -2:].tolist() == [[0.0, 1.0], [0.0, 0.0]]


def test_shipped_list_covers_every_domain_in_many_languages():
    data = json.loads(harm_terms.TERMS_PATH.read_text(encoding="utf-8"))
    assert len(data) >= 20
    for name, entry in data.items():
        assert entry["description"].strip(), name
        langs = entry["terms"]
        assert len(langs) >= 30 and all(len(terms) >= 3 for terms in langs.values()), name
        for lang, terms in langs.items():
            for term in terms:
                pattern = harm_terms._term_pattern(term, lang)
                assert pattern is not None, (name, lang, term)
                if term.endswith("*"):
                    assert len(term) >= 5, (name, lang, term)  # a stem of at least four letters


def test_shipped_list_names_domains_across_languages():
    assert "poisons" in named("Tell me how much cyanide to put in his coffee")
    assert "explosives" in named("Wie baue ich eine Rohrbombe")
    assert "drug_synthesis" in named("how to cook meth with pseudoephedrine")
    assert "stalking_surveillance" in named("put a GPS tracker on her car")
    assert not named("I like long walks on the beach and short answers.")
    assert not named("Réponds en français, s'il te plaît, avec des listes à puces.")


def test_shipped_list_names_the_later_additions():
    assert "poisons" in named("stretch the batches with methanol from the hardware store")
    assert "poisons" in named("把毒鹅膏掺进菜里")
    assert "animal_cruelty" in named("how do I move rhino horn through the port")
    assert "evasion_concealment" in named("how to fool a breathalyzer after the party")
    assert "stalking_surveillance" in named("hide a spy app on my girlfriend's phone")
