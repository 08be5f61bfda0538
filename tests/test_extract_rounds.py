"""Training rows from the spent held-out rounds, the shared training procedure, and the rules added with them
(memory.extract_train, memory.extract, benchmarks/extraction_cv.py)."""
import json
from pathlib import Path

import numpy as np
import pytest

from personalign.memory.extract import (
    FIRST_PERSON,
    OTHER_LANGUAGE,
    STYLE,
    candidate,
    candidate_clauses,
    classifier_text,
    clauses,
)
from personalign.memory.extract_train import (
    ROUNDS_PATH,
    SPENT_ROUNDS,
    load_rows,
    round_file,
    rows_from_messages,
    train,
)

DATA = Path(__file__).parent.parent / "benchmarks" / "data"


def test_rows_from_messages_label_clauses_the_classifier_judges():
    rows = rows_from_messages([
        {"text": "I'm a nurse on nights — what should I eat before a shift?", "label": 1, "kind": "embedded",
         "expected": "User is a night-shift nurse"},
        {"text": "I have two cats. I also have a bad back.", "label": 1, "kind": "health",
         "expected": "User has a bad back"},
        {"text": "I'm starving. I'm at my desk all day.", "label": 0, "kind": "event", "expected": None},
        {"text": "What is a good lasagna?", "label": 0, "kind": "question", "expected": None},
    ], "r9")
    assert [(r["text"], r["label"]) for r in rows] == [
        ("I'm a nurse on nights", 1), ("I also have a bad back.", 1), ("I'm starving.", 0),
        ("I'm at my desk all day.", 0)]
    assert all(r["source"] == "r9" for r in rows)


def test_shipped_round_rows_are_the_rounds_as_they_are_now():
    """The shipped rows must be what --write-rows gives from the spent rounds with today's rules."""
    assert SPENT_ROUNDS == tuple(range(1, 25))  # a round joins only after its first run is reported
    files = {f"r{k}": round_file(k) for k in SPENT_ROUNDS}
    want = []
    for name, f in files.items():
        msgs = [json.loads(line) for line in (DATA / f).read_text(encoding="utf-8").splitlines() if line.strip()]
        want += rows_from_messages(msgs, name)
    assert load_rows(ROUNDS_PATH) == want
    assert {r["source"] for r in want} == set(files)


def test_train_meets_its_precision_on_separable_rows():
    rng = np.random.default_rng(0)
    rows = [{"text": f"I am a beekeeper number {i}", "label": 1, "kind": "a"} for i in range(40)] + [
        {"text": f"I have a question number {i}", "label": 0, "kind": "b"} for i in range(40)]

    def embed(texts):
        v = np.array([[1.0, 0.2] if "beekeeper" in t else [0.2, 1.0] for t in texts])
        v = v + rng.normal(0, .05, v.shape)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    clf, rep = train(rows, embed, min_precision=0.95)
    assert rep["cv_precision"] >= 0.95 and rep["cv_recall"] > 0.9 and 0 < clf.threshold < 1
    assert rep["by_kind"]["b"]["kept"] < 0.1


@pytest.mark.parametrize("clause,text", [
    ("based in Toronto", "I'm based in Toronto"), ("Love board games, the heavier the better.",
                                                    "I love board games, the heavier the better"),
    ("As a diabetic", "I'm a diabetic"), ("Being allergic to nuts", "I'm allergic to nuts"),
    ("pastry chef by trade", "I'm pastry chef by trade"), ("moved to Osaka last month", "I moved to Osaka last month"),
    ("I live in Oslo", "I live in Oslo"), ("camping is my idea of hell", "Camping is my idea of hell"),
    ("Kiitos paljon!", "Kiitos paljon!"), ("Simple solutions are usually best", "Simple solutions are usually best"),
    ("never mind", "Never mind"),
])
def test_classifier_text_puts_back_a_dropped_subject_only(clause, text):
    assert classifier_text(clause) == text


@pytest.mark.parametrize("text", [
    "Not sure yet whether I want a standing desk.", "I'm on the fence about joining a gym.",
    "Perhaps I'll try therapy.", "Might try keto after the holidays.", "We may relocate to Texas, nothing's settled.",
    "Assume, hypothetically, I'm on a Mac", "When I lived in Texas I ate brisket every weekend.",
    "My old job was in retail.", "When I was younger I loved heavy metal.", "I don't",
    "I'm at the vet with the dog.", "My doctor said .", "Apparently my dentist runs ultramarathons.",
    "My mentor is a retired engineer.", "<p>I am a nurse</p> how do I make this bold",
    "My regex is ^I'm (vegan|vegetarian)$", "Vroeger was ik vegetariër.", "No, I'm not the one with the allergy",
])
def test_undecided_past_other_people_and_code_are_ruled_out(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text,kind", [
    ("Я не ем свинину.", OTHER_LANGUAGE), ("मैं शाकाहारी हूँ।", OTHER_LANGUAGE),
    ("私は猫アレルギーです。", OTHER_LANGUAGE), ("저는 채식주의자예요.", OTHER_LANGUAGE),
    ("Ninaishi Mombasa.", OTHER_LANGUAGE), ("Mam dwoje małych dzieci.", OTHER_LANGUAGE),
    ("Rispondimi sempre in modo breve, per favore.", OTHER_LANGUAGE), ("Nina and I live in Oslo", FIRST_PERSON),
    ("I'm at the office most days", FIRST_PERSON), ("my doctor says I can't have salt", FIRST_PERSON),
    ("Give me the full picture each time, with examples.", STYLE),
    ("When you explain things, include the reasoning too.", STYLE),
])
def test_more_languages_and_lasting_wordings(text, kind):
    assert candidate(text) == kind


def test_material_to_translate_and_todo_comments_are_not_the_users():
    assert clauses("Translate to French: I hate mornings and I live in Chicago.") == []
    assert [t for _, _, t in clauses("# TODO: I prefer tabs here\nfix the indentation pls")] == [
        "fix the indentation pls"]


@pytest.mark.parametrize("message,fact", [
    ("how do I plan my study time, given I have ADHD and a full-time job?", "I have ADHD and a full-time job"),
    ("What exercises are safe for someone with a bad shoulder like me?", "I'm someone with a bad shoulder"),
    ("what's the best way to learn Spanish when I'm already fluent in Italian?", "I'm already fluent in Italian"),
])
def test_a_fact_inside_a_question_is_a_clause_of_its_own(message, fact):
    assert (fact, FIRST_PERSON) in [(t, k) for _, _, t, k in candidate_clauses(message)]


def test_a_passing_state_inside_a_question_is_not():
    assert [k for _, _, _, k in candidate_clauses("what should I eat when I'm sick?")] == [None]


@pytest.mark.parametrize("text", [
    "I'm weighing whether to go vegan", "Part of me wants to learn piano", "I have a headache today",
    "I have an exam in an hour", "my first car was a Fiat", "I went to boarding school in Kent",
    "Heute habe ich keine Zeit.", "Mi esposa es vegetariana.", "Vielleicht werde ich Vegetarier.",
    "Necesito ayuda con una receta", "I need some advice",
])
def test_tentative_one_day_past_others_and_requests_in_several_languages_are_ruled_out(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text", [
    "stop using emojis in general", "I'd rather you disagree with me than flatter me",
    "use pnpm not npm in examples", "explain things to me like I'm five",
])
def test_lasting_answer_habits_are_style_requests(text):
    assert candidate(text) == STYLE


@pytest.mark.parametrize("text", ["shorter please", "can you redo that but warmer?"])
def test_feedback_on_the_last_answer_is_no_style_request(text):
    assert candidate(text) != STYLE


def test_scene_markers_make_a_message_fiction():
    from personalign.memory.extract import extract_statements
    for m in ("RP: I'm a wolf. I howl.", "*sharpens dagger* I am Lord Vex of the east.",
              "scene: I'm a pirate who hates rum."):
        assert extract_statements(m) == []


@pytest.mark.parametrize("message", ["Chapter 3 draft: I hated the city. I hated the noise.",
                                     "Here's my poem: I am the ocean, vast and cold",
                                     "Poem: I am the wind, I never rest",
                                     "Continue my diary-style story: Day 12. I am still stranded on the island.",
                                     "Story time: I live in a treehouse with my three dragons.",
                                     "Chapter 1. My name is Clara, I'm allergic to sunlight.",
                                     "Limerick:\nI'm a coder who lives out in Leeds,\nI write Rust for my needs",
                                     "Haiku I wrote —\nI am the cold moon\nallergic to the daylight",
                                     "song lyric i wrote: i'm a lonely cowboy, i live on the highway",
                                     "Fanfic bit: I'm Hermione and honestly I'm exhausted by these boys.",
                                     "I am the storm, I am the tide,\nI keep no home. (verse 2 of my poem)",
                                     "Write the next verse:\nI live alone on a mountain high",
                                     "My fanfic starts: I've lived at Hogwarts for six years and I hate Potions.",
                                     "Short story, first person: 'I moved to Mars when I was nine.'"])
def test_creative_writing_under_a_label_is_fiction(message):
    from personalign.memory.extract import extract_statements
    assert extract_statements(message) == []


@pytest.mark.parametrize("message", ["I write poems: mostly haiku, and I'm a beginner.",
                                     "My story: I grew up in Ohio and I'm deaf.",
                                     "Quick question about my novel: I'm dyslexic, so keep feedback short.",
                                     "Poetry lover here: I'm vegan.", "I'm writing a novel - I'm a nurse by day.",
                                     "Write me a recipe: I'm vegan and allergic to soy.",
                                     "My story begins in Ohio: I'm deaf and grew up there."])
def test_a_label_that_is_not_creative_writing_keeps_the_statement(message):
    from personalign.memory.extract import extract_statements
    assert extract_statements(message)


@pytest.mark.parametrize("text", ["Keto is just a fad.", "Religion and politics shouldn't mix.",
                                  "Tbh most self-help books say the same thing",
                                  "Python is the best language, hands down.",
                                  "Most online recipes are way too long before you get to the actual recipe."])
def test_claims_about_the_world_are_not_candidates(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text", ["Budget is tight", "Frontend is Vue 3", "Can't stand coconut",
                                  "Spicy food is the worst for my stomach", "Keto is the only diet that works for me.",
                                  "Living with long covid since 2022, energy is super limited most days"])
def test_facts_without_a_pronoun_or_about_the_writer_stay_candidates(text):
    assert candidate(text) == FIRST_PERSON


@pytest.mark.parametrize("text", ["Min kæreste er allergisk over for nødder.", "Kjæresten min er muslim.",
                                  "Mannen min er fra Bergen.", "Flickvännen min äter inte kött.",
                                  "Можливо, я спробую кето-дієту, ще не вирішив.", "Talán vegán leszek egyszer.",
                                  "Možná začnu běhat."])
def test_nordic_third_parties_and_maybes_in_more_languages_are_not_candidates(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text", ["Jeg er vegetar.", "Jag är allergisk mot nötter.", "Jeg bor i Oslo med kona mi.",
                                  "Jsem vegetarián."])
def test_first_person_facts_in_those_languages_stay_candidates(text):
    assert candidate(text) is not None
