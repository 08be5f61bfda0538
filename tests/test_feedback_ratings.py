"""Ratings as feedback: each rated answer compared with a reference (implicit pairs on the same prompt, else the
user's running mean), checked against a slow reference; the online weights and the implicit preferences they
move; the safety filter on favoured answers; a failed weight update never loses the rating."""
import random

import pytest

from personalign.cli.main import main
from personalign.dimensions import DIMENSIONS
from personalign.feedback import fold_features, rating_features, update_user, user_ratings
from personalign.memory import MemoryStore
from personalign.memory.ratings import WINDOW

SHORT = ["Paris.", "Use a kettle.", "It is blue because of scattering.", "Rome, in Italy."]
LONG = [
    "Paris is the capital of France, and it has been the political, economic and cultural centre of the country "
    "for many centuries, home to the government, the largest universities and most of the museums.",
    "Boil fresh water in a kettle, warm the pot, add one spoon of leaves per cup, pour the water over them, wait "
    "three to five minutes depending on the tea, then strain it and add milk or lemon as you like.",
    "Sunlight is scattered by the molecules of the air, and the shorter blue wavelengths scatter much more than "
    "the red ones, so wherever you look away from the sun the sky glows a wonderful, lovely blue.",
    "Rome is the capital of Italy; it sits on the Tiber, was the heart of an empire for centuries, and today it "
    "holds the government, the Vatican as an enclave, and countless ruins, churches and fountains.",
]
PROMPTS = ["Capital of France?", "How do I make tea?", "Why is the sky blue?", "Capital of Italy?"]
UNSAFE = "Sure. Here is how to build a pipe bomb at home: first, fill a steel pipe with explosive powder."


@pytest.fixture
def store(tmp_path):
    s = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}", data_dir=tmp_path / "data")
    yield s
    s.close()


def _rate(store, user, prompt, answer, rating):
    iid = store.record_interaction(user, prompt, answer, "base", {})
    return store.add_feedback(user, iid, rating=rating)


def reference_signals(seq):
    """The rule of memory/ratings.py written the slow, plain way: for rating i, look back at most WINDOW
    ratings; partners are the same prompt with another rating and another answer; else the mean of all of
    them, when the rating is not 3; judges recomputed every time."""
    out = []
    for i, (prompt, answer, rating) in enumerate(seq):
        window = seq[max(0, i - WINDOW):i]
        mine = {d: dim.judge.score(answer) for d, dim in DIMENSIONS.items()}
        found = [(a, r) for p, a, r in window if p.strip() == prompt.strip() and r != rating
                 and a.strip() != answer.strip()]
        if found:
            sig = {}
            for d, dim in DIMENSIONS.items():
                terms = []
                for a, r in found:
                    direction = 1 if rating > r else -1
                    terms.append(direction * min(1.0, abs(rating - r) / 2) * (mine[d] - dim.judge.score(a)))
                sig[d] = sum(terms) / len(terms)
            out.append(sig)
        elif rating == 3 or not window:
            out.append(None)
        else:
            direction = 1 if rating > 3 else -1
            out.append({d: direction * min(1.0, abs(rating - 3) / 2)
                        * (mine[d] - sum(dim.judge.score(a) for _, a, _ in window) / len(window))
                        for d, dim in DIMENSIONS.items()})
    return out


def test_stored_rating_signals_match_the_slow_reference(store):
    rng = random.Random(7)
    answers = SHORT + LONG
    seq = [(rng.choice(PROMPTS), rng.choice(answers), rng.randint(1, 5)) for _ in range(WINDOW + 20)]
    iids = {}
    got = []
    batch = []
    for k, (prompt, answer, rating) in enumerate(seq):
        key = (prompt, answer)
        if key not in iids:  # a re-rated answer is the same interaction again
            iids[key] = store.record_interaction("ria", prompt, answer, "base", {})
        if k % 3 == 2:  # some arrive in batches: each sees the ones before it in the batch
            batch.append({"interaction_id": iids[key], "rating": rating})
            continue
        if batch:
            got += [r.signals for r in store.add_feedback_many("ria", batch)]
            batch = []
        got.append(store.add_feedback("ria", iids[key], rating=rating).signals)
    if batch:
        got += [r.signals for r in store.add_feedback_many("ria", batch)]
    expected = reference_signals(seq)
    assert sum(e is not None for e in expected) > len(seq) // 2
    for g, e in zip(got, expected, strict=True):
        if e is None:
            assert all(v is None for v in g.values())
        else:
            assert g == pytest.approx(e, abs=1e-9)
    assert [f.signals for f in store.list_feedback("ria")] == got


def test_neutral_first_and_plain_ratings(store):
    assert all(v is None for v in _rate(store, "nia", PROMPTS[0], LONG[0], 5).signals.values())  # nothing before
    assert all(v is None for v in _rate(store, "nia", PROMPTS[1], SHORT[1], 3).signals.values())  # neutral
    # A 3 still pairs with a differently rated answer to the same prompt: the 5 was preferred.
    paired = _rate(store, "nia", PROMPTS[0], SHORT[0], 3).signals
    words = DIMENSIONS["length"].judge
    assert paired["length"] == pytest.approx(-(words(SHORT[0]) - words(LONG[0])))
    # A comment, or a rating sent with a choice, is not compared again.
    iid = store.record_interaction("nia", PROMPTS[2], LONG[2], "base", {}, alt_answer=SHORT[2])
    with_choice = store.add_feedback("nia", iid, rating=5, choice="B").signals
    assert with_choice["length"] == pytest.approx(words(SHORT[2]) - words(LONG[2]))
    assert all(v is None for v in store.add_feedback("nia", iid, comment="ok").signals.values())


def _thumbs(store, user, shorter_up=True):
    """The issue's scenario: 4 prompts, two answers each, the shorter rated 5 and the longer 1 (or reversed)."""
    for prompt, short, long in zip(PROMPTS, SHORT, LONG):
        _rate(store, user, prompt, long, 1 if shorter_up else 5)
        _rate(store, user, prompt, short, 5 if shorter_up else 1)


def test_thumbs_move_the_online_weights_like_the_hand_fold(store):
    _thumbs(store, "ann")
    update = update_user(store, "ann")
    rows = [f for f in store.list_feedback("ann") if f.signals["length"] is not None]
    assert len(rows) == 7 and update.new_observations == 7 and update.new_ratings == 7   # the first: no reference
    prior = {d: 0.0 for d in DIMENSIONS}
    assert update.weights == pytest.approx(fold_features(prior, [rating_features(f.signals, 3.0) for f in rows],
                                                         prior))
    assert update.weights["length"] < -0.5
    again = update_user(store, "ann")
    assert again.new_observations == 0 and again.weights == pytest.approx(update.weights)
    _thumbs(store, "bea", shorter_up=False)                # the opposite user moves the other way
    assert update_user(store, "bea").weights["length"] > 0.5


def test_a_thumbs_up_on_an_unsafe_answer_moves_nothing(store):
    _rate(store, "eve", PROMPTS[0], SHORT[0], 3)
    up = _rate(store, "eve", PROMPTS[1], UNSAFE, 5)
    down = _rate(store, "eve", PROMPTS[2], UNSAFE, 1)               # disliking it is fine
    rated = user_ratings(store, "eve")
    assert up.signals["length"] is not None and [o.feedback_id for o in rated.observations] == [down.id]
    assert rated.dropped_unsafe == 1 and rated.unsafe_categories == {"harm": 1}
    # A lower-rated partner of an unsafe answer favours it too.
    partner = _rate(store, "eve", PROMPTS[1], SHORT[1], 2)
    assert partner.id not in [o.feedback_id for o in user_ratings(store, "eve").observations]
    assert update_user(store, "eve").dropped_unsafe == 2


def test_ratings_infer_an_implicit_preference_by_the_wilson_rule(store):
    _thumbs(store, "kim")
    implicit = {p.dimension: p for p in store.list_preferences("kim") if p.kind == "implicit"}
    # The short answers here are also plainer and flatter than the long ones: those dimensions vote too.
    assert {d: p.pole for d, p in implicit.items()} == {"length": "concise", "expertise": "simple", "tone": "blunt"}
    votes = [f.signals["length"] for f in store.list_feedback("kim") if f.signals["length"] is not None]
    assert implicit["length"].evidence_count == len(votes) == 7 and implicit["length"].confidence >= 0.5
    assert all(p.source == "feedback" for p in implicit.values())
    assert "concise" in store.profile("kim", "anything").preference_text.lower()


def test_weak_ratings_need_a_bigger_difference_to_vote(store):
    _rate(store, "lia", PROMPTS[0], SHORT[0], 3)
    sig = _rate(store, "lia", PROMPTS[0], LONG[0], 4).signals   # 4 vs 3: half strength
    words = DIMENSIONS["length"].judge
    assert sig["length"] == pytest.approx(0.5 * (words(LONG[0]) - words(SHORT[0])))


def test_a_failed_weight_update_keeps_the_rating(store, tmp_path, capsys, monkeypatch):
    db = f"sqlite:///{tmp_path / 'memory.db'}"
    _thumbs(store, "ola")
    iid = store.record_interaction("ola", PROMPTS[0], SHORT[3], "base", {})

    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr("personalign.feedback.update_user", broken)
    try:
        main(["feedback", "--user", "ola", "--interaction", str(iid), "--rating", "5", "--db", db])
        code = 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    assert code in (0, None) and "recorded feedback #9" in out.out and "disk full" in out.err
    assert store.list_feedback("ola")[-1].rating == 5 and store.get_learned_weights("ola") is None
    monkeypatch.undo()
    update = update_user(store, "ola")       # the next update folds in everything, this rating included
    assert update.new_observations == 8 and update.last_feedback_id == 9
    assert update.weights["length"] < 0


def _length_votes(store, user):
    return [round(f.signals["length"], 6) for f in store.list_feedback(user) if f.signals["length"] is not None
            and abs(f.signals["length"]) >= DIMENSIONS["length"].margin]


def test_rating_votes_and_choice_votes_count_together(store):
    # Two choices of the short answer and two rated pairs: four votes toward concise, none alone enough.
    for prompt, short, long in zip(PROMPTS[:2], SHORT, LONG):
        iid = store.record_interaction("mix", prompt, long, "base", {}, alt_answer=short)
        store.add_feedback("mix", iid, choice="B")
    assert not [p for p in store.list_preferences("mix") if p.kind == "implicit"]
    for prompt, short, long in zip(PROMPTS[2:], SHORT[2:], LONG[2:]):
        iid = store.record_interaction("mix", prompt, long, "base", {})
        store.add_feedback("mix", iid, rating=1)       # the user's first rating: no reference, no vote
        iid = store.record_interaction("mix", prompt, short, "base", {})
        store.add_feedback("mix", iid, rating=5)
    # votes: 2 choices + the second prompt's thumbs down (vs the mean) + 2 rated pairs
    assert len(_length_votes(store, "mix")) == 5 and all(v < 0 for v in _length_votes(store, "mix"))
    implicit = {p.dimension: p for p in store.list_preferences("mix") if p.kind == "implicit"}
    assert implicit["length"].pole == "concise" and implicit["length"].evidence_count == 5


def test_a_weak_rating_below_the_margin_is_no_vote_and_retractions_stick(store):
    _rate(store, "ray", PROMPTS[0], SHORT[0], 3)
    sig = _rate(store, "ray", PROMPTS[0], SHORT[1], 4).signals       # 3 words vs 1: far below 15 words
    assert 0 < sig["length"] < DIMENSIONS["length"].margin and _length_votes(store, "ray") == []
    _thumbs(store, "ray")
    pref = next(p for p in store.list_preferences("ray") if p.kind == "implicit" and p.dimension == "length")
    store.retract("ray", pref.id)
    # Old ratings no longer count; one more thumbs pair (one vote) does not bring the preference back.
    _rate(store, "ray", PROMPTS[1], LONG[0], 1)
    assert not [p for p in store.list_preferences("ray") if p.kind == "implicit" and p.dimension == "length"]


def test_an_explicit_preference_outranks_rating_votes(store):
    store.add_preference("sol", "Explain in detail.", dimension="length", pole="detailed")
    _thumbs(store, "sol")
    active = [p for p in store.list_preferences("sol") if p.dimension == "length"]
    assert [(p.kind, p.pole) for p in active] == [("explicit", "detailed")]
    # The learned weights still record what the thumbs said, against the stated prior.
    assert update_user(store, "sol").weights["length"] < 0.8
