"""The placement rules as pure functions: no database, no embedder (the store's cases in test_memory_store)."""
from dataclasses import dataclass

import numpy as np
import pytest

from personalign.memory.placement import (
    CONFLICT_SIM,
    DUPLICATE_SIM,
    EXPLICIT_CONFIDENCE,
    Candidate,
    merged_confidence,
    normalized_text,
    place_by_meaning,
    place_on_dimension,
    same_text,
)


@dataclass(frozen=True)
class Active:
    id: int
    text: str
    kind: str
    pole: str | None = None


def cand(text="keep it short", kind="explicit", dimension="length", pole="concise"):
    return Candidate(text=text, kind=kind, dimension=dimension, pole=pole, weight=1.0,
                     confidence=EXPLICIT_CONFIDENCE, source="test", scope="global" if dimension else "topical")


# ---------------------------------------------------------------- on a dimension

def test_nothing_active_adds():
    for verdict in (place_on_dimension(cand(), []), place_by_meaning(cand(dimension=None, pole=None), [])):
        assert (verdict.action, verdict.target, verdict.supersede) == ("add", None, ())


def test_same_pole_same_kind_merges():
    old = Active(1, "be brief", "explicit", "concise")
    verdict = place_on_dimension(cand(), [old])
    assert verdict.action == "merge" and verdict.target is old and verdict.supersede == ()


def test_other_pole_same_kind_supersedes():
    old = Active(1, "keep it short", "explicit", "concise")
    verdict = place_on_dimension(cand("I want detailed, thorough answers", pole="detailed"), [old])
    assert verdict.action == "add" and verdict.supersede == (old,)
    imp = Active(2, "Prefers concise, short answers.", "implicit", "concise")
    assert place_on_dimension(cand("Prefers detailed, thorough answers.", kind="implicit", pole="detailed"),
                              [imp]).supersede == (imp,)


@pytest.mark.parametrize("pole", ["concise", "detailed"])
def test_explicit_supersedes_an_implicit_one_on_either_pole(pole):
    imp = Active(1, "Prefers concise, short answers.", "implicit", "concise")
    verdict = place_on_dimension(cand(pole=pole), [imp])
    assert verdict.action == "add" and verdict.supersede == (imp,)


@pytest.mark.parametrize("pole", ["concise", "detailed"])
def test_explicit_outranks_an_arriving_implicit_one(pole):
    explicit = Active(1, "give me detailed answers", "explicit", "detailed")
    verdict = place_on_dimension(cand("Prefers concise, short answers.", kind="implicit", pole=pole), [explicit])
    assert verdict.action == "outranked" and verdict.target is explicit and verdict.supersede == ()


# ---------------------------------------------------------------- by meaning (no dimension)

def free(text="I like Python examples", kind="explicit"):
    return cand(text, kind=kind, dimension=None, pole=None)


@pytest.mark.parametrize("first,second", [
    ("I like Python examples", "I don't like Python examples"),
    ("I like Python examples", "Avoid Python examples"),
    ("Use metric units", "Use imperial units"),
])
def test_close_and_opposed_supersedes(first, second):
    old = Active(1, first, "explicit")
    verdict = place_by_meaning(free(second), [(old, CONFLICT_SIM)])
    assert verdict.action == "add" and verdict.supersede == (old,)


def test_opposed_but_not_close_coexists():
    old = Active(1, "I like Python examples", "explicit")
    assert place_by_meaning(free("I don't like Python examples"), [(old, CONFLICT_SIM - 0.01)]).supersede == ()


def test_close_and_opposed_but_about_another_thing_coexists():
    # similar in meaning and of opposite sentiment, yet not the same request: both stay
    old = Active(1, "I love quiet beaches", "explicit")
    assert place_by_meaning(free("I dislike crowded beaches"), [(old, 0.8)]).supersede == ()


def test_near_duplicate_merges_into_the_closest_of_the_same_kind():
    a, b = Active(1, "I am vegetarian", "explicit"), Active(2, "I'm a vegetarian", "explicit")
    verdict = place_by_meaning(free("I'm vegetarian."), [(b, 0.97), (a, DUPLICATE_SIM)])
    assert verdict.action == "merge" and verdict.target is b
    implicit = Active(3, "I'm vegetarian", "implicit")
    assert place_by_meaning(free("I'm vegetarian."), [(implicit, 1.0)]).action == "add"


def test_a_conflict_wins_over_a_duplicate():
    dup, opp = Active(1, "I like Python examples", "explicit"), Active(2, "I don't like Python examples", "explicit")
    verdict = place_by_meaning(free("I like Python examples!"), [(dup, 1.0), (opp, 0.95)])
    assert verdict.action == "add" and verdict.supersede == (opp,)


def test_unrelated_preferences_coexist():
    texts = ["I am vegetarian", "I live in Lyon", "Use metric units", "My cat is called Miso"]
    active = [(Active(i, t, "explicit"), 0.3) for i, t in enumerate(texts, 1)]
    verdict = place_by_meaning(free("be blunt"), active)
    assert verdict.action == "add" and verdict.supersede == ()


# ---------------------------------------------------------------- merging and sameness

def test_merged_confidence_combines_independent_evidence():
    twice = merged_confidence(EXPLICIT_CONFIDENCE, EXPLICIT_CONFIDENCE)
    assert twice == pytest.approx(1 - (1 - EXPLICIT_CONFIDENCE) ** 2)
    assert merged_confidence(0.5, 0.5) == 0.75
    assert merged_confidence(1.0, 0.3) == 1.0


def test_same_text_ignores_case_width_and_punctuation():
    assert same_text("keep it short", "Keep it short!")
    assert same_text("ｋｅｅｐ it short", "keep  it, short.")
    assert not same_text("keep it short", "keep it shorter")
    assert normalized_text("  I'm vegetarian. ") == "i m vegetarian"


def test_candidate_equality_ignores_the_vector():
    a = Candidate("t", "explicit", None, None, 1.0, 0.8, "s", "topical", vector=np.ones(3, dtype=np.float32))
    b = Candidate("t", "explicit", None, None, 1.0, 0.8, "s", "topical", vector=np.zeros(3, dtype=np.float32))
    assert a == b and a.evidence_count == 1
