"""Statements of preference or circumstance in chat messages (memory.extract)."""
import numpy as np
import pytest

from personalign.memory.extract import (
    FIRST_PERSON,
    MAX_STATEMENTS,
    N_SHAPE_FEATURES,
    OTHER_LANGUAGE,
    STYLE,
    StatementClassifier,
    candidate,
    clauses,
    extract_statements,
    load_classifier,
    shape_features,
)
from personalign.models.embeddings import default_embedder


def test_clauses_drop_quotes_and_split_questions():
    msg = 'I\'m vegan — what should I cook tonight? My friend wrote "I am allergic to cats".\n> I hate snow'
    texts = [t for _, _, t in clauses(msg)]
    assert texts[:2] == ["I'm vegan", "what should I cook tonight?"]
    assert not any("allergic" in t or "snow" in t for t in texts)


def test_clause_spans_point_into_the_message():
    msg = "Hi! I live in Oslo, any tips for winter?"
    for start, end, text in clauses(msg):
        assert msg[start:end] == text


@pytest.mark.parametrize("text", [
    "What is a good vegetarian lasagna?", "If I were a vegan, what would I eat?", "I used to eat meat",
    "When I was a kid I loved trains", "I never said I was a teacher", "My sister is gluten intolerant",
    "Our neighbours hate loud music", "Tell me a short joke", 'for x in y: print("I am")',
])
def test_ruled_out_before_the_classifier(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text,kind", [
    ("I'm gluten intolerant", FIRST_PERSON), ("My office is in Lagos", FIRST_PERSON),
    ("As a pilot I travel a lot", FIRST_PERSON),
    ("my doctor says I can't have salt", FIRST_PERSON),  # the user's clinician speaks of the user
    ("Keep answers brief from now on", STYLE), ("Please use metric units", STYLE), ("Be more encouraging", STYLE),
    ("Could you keep your replies shorter?", STYLE), ("Soy vegetariano", OTHER_LANGUAGE),
])
def test_candidates(text, kind):
    assert candidate(text) == kind


def test_reported_speech_is_theirs_and_what_follows_is_the_users():
    assert [s.text for s in extract_statements("my mom says I should eat more, but I'm on a diet")] == [
        "I'm on a diet"]
    assert extract_statements("My neighbour told me that slugs love hostas.") == []


def test_without_a_classifier_the_rules_decide():
    got = extract_statements("Good morning. I'm a wheelchair user; can you suggest museums in Rome?")
    assert [s.text for s in got] == ["I'm a wheelchair user"]
    assert got[0].score == 1.0 and not got[0].style


def test_cap_on_statements_per_message():
    msg = " ".join(f"I own {n} bikes." for n in range(MAX_STATEMENTS + 4))
    assert len(extract_statements(msg)) == MAX_STATEMENTS


def test_classifier_threshold_filters_first_person_candidates_only():
    dim = 4

    class Embedder:  # row 0 for texts with "question" (scored low), row 1 otherwise
        def embed(self, texts):
            return np.array([[1.0, 0, 0, 0] if "question" in t else [0, 1.0, 0, 0] for t in texts], dtype=np.float32)

    clf = StatementClassifier(np.array([[5.0, 0, 0, 0], [0, 5.0, 0, 0]]), np.zeros(2), threshold=0.5)
    assert dim == clf.weights.shape[1]
    got = extract_statements("I have a question. I am a night-shift nurse. Be blunt, always.", Embedder(), clf)
    assert [s.text for s in got] == ["I am a night-shift nurse", "Be blunt, always"]
    assert [s.style for s in got] == [False, True]


def test_shipped_classifier_on_unseen_sentences():
    emb = default_embedder()
    clf = load_classifier()
    assert 0.0 < clf.threshold < 1.0 and clf.weights.shape == (2, emb.dim + N_SHAPE_FEATURES)
    kept = [s.text for s in extract_statements(
        "Thanks, that was great. I'm a beekeeper in Portugal and I can't eat dairy. I think I'll ask later.", emb)]
    assert "I'm a beekeeper in Portugal" in kept and "I can't eat dairy" in kept
    assert not any("ask later" in k for k in kept)


@pytest.mark.parametrize("text", [
    "pastry chef by trade", "sober 2 yrs now", "camping is my idea of hell", "gardening is how I unwind",
    "My mother lives with us", "on a budget lol", "no car so keep that in mind",
])
def test_the_writer_anywhere_or_no_subject_at_all_is_a_candidate(text):
    assert candidate(text) == FIRST_PERSON


@pytest.mark.parametrize("text", [
    "Give me a workout I can do in a hotel room", "Summarise this article for me", "thanks, that helps",
    "It rains a lot in Bergen", "you are very helpful", "My sister lives in Tokyo", "hows the weather in Oslo today",
])
def test_tasks_reactions_and_other_subjects_are_not(text):
    assert candidate(text) is None


def test_a_style_word_before_a_question_words_that_answer_only():
    assert extract_statements("Be brief: who wrote Dracula?") == []
    assert extract_statements("in simple terms, what's a blockchain?") == []
    kept = extract_statements("Keep it brief from now on. What's the capital of Mongolia?")
    assert [s.style for s in kept] == [True]
    assert [s.text for s in extract_statements("Could you keep your replies shorter? Thanks")] == [
        "Could you keep your replies shorter?"]


@pytest.mark.parametrize("text", ["Jag är laktosintolerant.", "Ik woon in Utrecht.", "Mieszkam w Krakowie."])
def test_other_languages_first_person(text):
    assert candidate(text) == OTHER_LANGUAGE


def test_shape_features_tell_a_moment_from_a_lasting_fact():
    moment, durable, past = shape_features("I have a dentist appointment at 3 tomorrow")[:3]
    assert moment == 1 and durable == 0
    moment, durable, past = shape_features("I've been vegetarian for 10 years now")[:3]
    assert moment == 0 and durable == 1
    assert shape_features("I burnt the rice again")[2] == 1
    assert shape_features("x").shape == (N_SHAPE_FEATURES,)


def test_shipped_classifier_tells_events_from_circumstances():
    emb = default_embedder()
    kept = {s.text for s in extract_statements(
        "I have a dentist appointment at 3 tomorrow. I have a severe peanut allergy. I burnt the toast again.", emb)}
    assert kept == {"I have a severe peanut allergy"}


def test_loading_the_embedder_draws_no_bar_and_leaves_other_bars_on(capfd):
    from transformers.utils import logging as hf_logging

    from personalign.models.embeddings import Embedder

    assert hf_logging.is_progress_bar_enabled()
    Embedder().embed(["I am a night-shift nurse."])
    assert "Loading weights" not in capfd.readouterr().err
    assert hf_logging.is_progress_bar_enabled()  # the base model's load still shows its progress
