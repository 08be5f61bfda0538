"""Rules of the pass-4 statement detector (written sentences, none taken from the held-out rounds): clauses in
other languages, and the English kinds that are not the writer's lasting self."""
from __future__ import annotations

import pytest

from personalign.memory.extract import (
    FIRST_PERSON,
    OTHER_LANGUAGE,
    OTHER_LATIN,
    OTHER_SCRIPT,
    _language,
    candidate,
    candidate_clauses,
    classifier_text,
    extract_statements,
)


@pytest.mark.parametrize("text, language", [
    ("Я работаю бухгалтером в Казани.", OTHER_SCRIPT),
    ("我在广州开一家小面馆。", OTHER_SCRIPT),
    ("Trabajo de enfermera en un hospital de Sevilla.", OTHER_LATIN),
    ("Her gün işe bisikletle gidiyorum.", OTHER_LATIN),
    ("I live in 京都 with my wife.", None),
    ("non-native English speaker, Portuguese", None),
    ("Crème brûlée is my favourite dessert.", None),
])
def test_language_of_a_clause(text, language):
    assert _language(text) == language


@pytest.mark.parametrize("text", [
    "Hola, doy clases de guitarra en Rosario.",          # a greeting before the statement
    "Ciao! Faccio il panettiere a Napoli.",
    "Кстати, у меня диабет второго типа.",
    "Au fait, je ne mange jamais de porc.",
    "你好，我在杭州做程序员。",
    "Tôi sống ở Đà Nẵng với bố mẹ.",                     # Vietnamese, Indonesian, Hebrew pronouns
    "Saya bekerja sebagai guru di Bandung.",
    "אני צמחונית כבר עשר שנים.",
    "대구에서 혼자 살고 있어요.",                        # Korean and Japanese verbs of the first person
    "毎朝ジムに通っています。",
    "Evde iki köpeğim var.",                             # Turkish "I have": possessive + var
    "mera ghar Pune mein hai aur main remote kaam karta hoon",
    "Übrigens wohne ich seit Jahren in Graz.",           # German verb before its subject
    "Je ne suis plus végane depuis l'été dernier.",      # a lasting change, not the past
    "Моя мама болеет, и я за ней ухаживаю.",             # someone else, and the writer after them
])
def test_first_person_in_other_languages(text):
    assert any(kind == OTHER_LANGUAGE for *_, kind in candidate_clauses(text))


@pytest.mark.parametrize("text", [
    "Si je vivais à Paris, j'aurais un chat.",            # if / would
    "Wenn ich reich wäre, würde ich reisen.",
    "El año pasado viví en Chile.",                       # the past
    "Quando ero piccolo ho abitato a Roma.",
    "子供の頃、大阪に住んでいました。",
    "Je pense que le vélo est plus pratique.",            # an opinion
    "Un ami à moi est allergique au lait.",               # someone else
    "Kız kardeşim İzmir'de öğretmen.",
    "妹は毎日ピアノを練習しています。",
    "أختي تعيش في دبي.",
    "Kaka yangu anafanya kazi Nairobi.",
    "Моя сестра живёт в Риге.",
    "Напиши короткое стихотворение о весне.",             # a task in another script: never to the English head
])
def test_not_the_writer_in_other_languages(text):
    assert all(kind is None for *_, kind in candidate_clauses(text))


@pytest.mark.parametrize("text", [
    "A neighbour of mine is vegan, what cake could I bake for her?",
    "One of my students uses a wheelchair.",
    "A woman in my book club has three dogs.",
    "My wife's brother is a pilot.",
    "my uncle's a chef and says I should learn knife skills first",
    "My aunt keeps telling me to go keto.",
])
def test_third_parties(text):
    assert all(kind is None for *_, kind in candidate_clauses(text))


def test_a_clinician_about_the_writer_still_counts():
    assert candidate("My GP told me to cut down on salt.") == FIRST_PERSON


@pytest.mark.parametrize("text", [
    "In 2015 I taught English in Seoul.",
    "I worked at a bakery from 2009 to 2011.",
    "I spent winter 2018 skiing in Austria.",
    "lived in Singapore for three years in the early 2010s",
    "I was a swimmer for four years in high school.",
    "My first flat after college was tiny.",
    "My late father was a carpenter.",
])
def test_the_past(text):
    assert all(kind is None for *_, kind in candidate_clauses(text))


@pytest.mark.parametrize("text", [
    "I'm sitting on a bench in the park.",
    "phone battery at 5%, be quick",
    "just got done painting the hallway",
    "Day 2 of this flu.",
    "I'm at my grandparents' house for the weekend.",
    "Don't judge me.",
    "I think remote work is overrated.",
    "Pineapple belongs on pizza, fight me.",
    "I'll take the third option, let's go with that.",
    "My wife and I keep going back and forth on a second car.",
])
def test_moments_opinions_feedback_games_and_indecision(text):
    assert all(kind is None for *_, kind in candidate_clauses(text))


def test_a_game_is_no_self_description():
    assert extract_statements("In this game I'm a pirate captain. Interview me about my treasure.") == []


@pytest.mark.parametrize("text", [
    "My drive to work is an hour each way on the bus.",     # a habit, though on a bus
    "Loud bars give me a headache.",                        # a lasting reaction, not a headache today
    "Our team's on Django and Postgres.",
    "I'm in my late 40s and work nights.",
    "talk to me like a colleague, skip the basics",
])
def test_lasting_facts_that_look_like_moments(text):
    assert any(kind is not None for *_, kind in candidate_clauses(text))


@pytest.mark.parametrize("clause, read_as", [
    ("Jazz fusion is my jam", "I love Jazz fusion"),
    ("give me a hammock and a good book and I'm happy", "I love a hammock and a good book"),
    ("Reality shows make me cringe", "I dislike Reality shows"),
    ("born and raised in Leeds", "I was born and raised in Leeds"),
])
def test_idioms_are_read_as_what_they_mean(clause, read_as):
    assert classifier_text(clause) == read_as


@pytest.mark.parametrize("question, fact", [
    ("What snacks are safe for a type 1 diabetic like me?", "I'm a type 1 diabetic"),
    ("How should I plan my savings, keeping in mind I'm 45 and self-employed?", "I'm 45 and self-employed"),
    ("Is it okay to skip the toast as a Seventh-day Adventist?", "I'm a Seventh-day Adventist"),
])
def test_facts_inside_questions(question, fact):
    assert (fact, FIRST_PERSON) in [(t, k) for *_, t, k in candidate_clauses(question)]


def test_rules_alone_keep_other_languages_and_drop_their_decoys():
    kept = [s.text for s in extract_statements("Ciao! Insegno storia in un liceo di Torino.")]
    assert kept == ["Insegno storia in un liceo di Torino"]
    assert extract_statements("Mon voisin, lui, adore le rugby.") == []
