"""Rules of the pass-5 statement detector (written sentences, none taken from the held-out rounds): people close to
the writer named without "my", one-off requests that mention the writer's things, and past, tentative, event,
hypothetical and role-play shapes; the lasting statements beside them still count."""
from __future__ import annotations

import pytest

from personalign.memory.extract import candidate_clauses, extract_statements


def _ruled_out(text: str) -> bool:
    return all(kind is None for *_, kind in candidate_clauses(text))


@pytest.mark.parametrize("text", [
    "Dad's lactose intolerant, what pudding can I make him?",
    "boss keeps halal, which restaurants should I book?",
    "Sister has celiac and is visiting for the holidays.",            # "is visiting": her, not the writer
    "my son hates peppers so I'm leaving them out of the chili",
    "my mum only watches black and white films, she says colour ruins them",
    "My cousin just got engaged and I want to help her plan the party.",
])
def test_people_close_to_the_writer(text):
    assert _ruled_out(text)


@pytest.mark.parametrize("text", [
    "mom of two here, both under five",                            # the writer, not their mother
    "wife and I are both vegetarian",
])
def test_the_writer_as_a_parent_or_spouse_still_counts(text):
    assert not _ruled_out(text)


@pytest.mark.parametrize("text", [
    "sql query for the top 5 customers by revenue pls",
    "400g pasta, 2 onions, 1 tin tomatoes, 100g parmesan",
    "it's for a school project about volcanoes",
    "anything we can cook on a camping stove?",
    "(i'm not, just wondering)",
])
def test_one_off_requests(text):
    assert _ruled_out(text)


def test_material_after_a_rewrite_request_is_not_the_writer():
    message = "Make this sound friendlier:\n\nI am writing to inform you that my payment will be late."
    assert extract_statements(message) == []


def test_explain_like_im_five_before_a_question_words_that_answer():
    assert extract_statements("explain like I'm five: what is inflation?") == []


def test_a_style_word_after_a_task_words_that_task():
    assert extract_statements("Write a cover letter for a barista job. Warm but professional.") == []


@pytest.mark.parametrize("text", [
    "halal chicken only pls",                                      # a rule for every answer, not one request
    "metric units please, I'm in Germany",
    "tl;dr first in every answer please",
])
def test_lasting_requests_with_please_still_count(text):
    assert not _ruled_out(text)


@pytest.mark.parametrize("text", [
    "I drank coffee until 2019.",
    "ran cross-country in high school",
    "I grew up Mormon.",
    "we're maybe going to adopt a dog next year",
    "leaning Lisbon or Porto for the retirement",
    "We could end up in Denver if the job offer goes through.",
    "just got home from a double shift",
    "my arms are dead after that climbing session",
    "currently waiting at the DMV, third hour",
    "I'm about to board a flight",
    "we're throwing a party for 20 people saturday",
    "Tea is way better than coffee, idc what anyone says",
    "a bit long with the caveats there",
])
def test_past_tentative_event_and_opinion_shapes(text):
    assert _ruled_out(text)


@pytest.mark.parametrize("text", [
    "grew up speaking Greek and English at home",                 # a lasting skill
    "Back on nights from Monday.",
    "I'm a Seventh-day Adventist, Saturday is my sabbath.",
])
def test_lasting_facts_beside_those_shapes(text):
    assert not _ruled_out(text)


@pytest.mark.parametrize("message", [
    "thought experiment: I'm a Roman senator. what do I eat for breakfast?",
    "scenario: I'm a ship's captain in a storm. give me orders to shout.",
    "you're a grumpy innkeeper and I'm a tired traveller. greet me.",
    "Juguemos a rol: yo soy una detective en Madrid.",
    "ok hypothetically, if I were vegan and lived in Oslo, what would I cook?",
])
def test_games_and_thought_experiments(message):
    assert extract_statements(message) == []


def test_a_compiler_error_is_not_the_writer():
    assert extract_statements("build fails: error[E0502]: cannot borrow as mutable") == []


@pytest.mark.parametrize("text", [
    "Rust will replace C++ within a decade, if you ask me.",
    "Open-plan offices are a productivity killer, in my honest opinion.",
    "Weekly standups are mostly theatre, I'd say.",
    "Electric scooters are clearly the way to go in big cities.",
])
def test_opinions_hedged_at_the_end_are_not_the_writer(text):
    assert extract_statements(text) == []



@pytest.mark.parametrize("text", [
    "Both my grandparents are farmers in Kerala.",                 # people close to the writer, after a quantifier
    "Our CEO swears by standing desks.",                           # a company role
    "For the sake of argument, pretend I'm left-handed: which scissors?",
    "There's a good chance we'll move to Leeds in the autumn.",    # tentative
    "Stell dir vor, ich wohne in Wien — was kostet die Miete?",    # imagine, in another language
    "Dün akşam çok güzel bir konsere gittim.",                      # a moment: yesterday, in Turkish
    "way too technical, sorry",                                     # a verdict on the answer just given
    "Remote meetings are a waste of time, frankly.",
])
def test_round_18_shapes_are_not_the_writer(text):
    assert extract_statements(text) == []


@pytest.mark.parametrize("text", [
    "Too technical answers lose me, keep it simple.",
    "I'm the founder of a small bakery.",
    "Istanbul'da yaşıyorum.",
    "All my photos live in Google Photos.",                         # a quantifier before the writer's things
    "all our services run on Kubernetes",
    "Both my ankles are weak, so no running plans.",
    "love long bike rides, honestly",                               # a hedge after a fact without "I"
])
def test_lasting_facts_beside_the_round_18_shapes(text):
    assert extract_statements(text) != []


@pytest.mark.parametrize("text", [
    "I'm making pancakes as we speak",                             # what is done at this moment
    "I'm grabbing lunch right now, back in 10",
    "My laptop is being really slow rn",
    "stuck at Schiphol, our connection got cancelled",
    "Stuck on the A1 with the kids in the back",
    "I'm on my second espresso of the day already",
    "I'm looking into adopting a rescue greyhound",                 # tentative
    "I don't have any food allergies",                              # a denial, not a fact to keep
    "No dietary restrictions whatsoever",
    "Proofread this for me: I has three cat and I lives in Leeds",  # material to work on
    "Übersetze bitte ins Englische: Ich bin Lehrerin.",
    "请把这句话翻译成英文：我是一名医生。",
    "Tablets are overpriced for what they do.",                     # judgments about the world
    "Espresso tastes better than filter coffee, objectively.",
    "Song lyrics for my band: I live on the edge of a broken town",
    "Character profile: Ivo, 40, a diabetic lighthouse keeper.",
    "CAPTAIN REYES: I'm allergic to cowardice, sergeant.",          # a script line under a speaker's name
    "*in a pirate voice* I love gold and I hate the navy",
    "hey, lovely weather we're having",
    "Jag sitter fast i trafiken, nothing moves",
    "Mój szef pracuje tylko na Linuksie.",                          # someone else, in Polish
    "Eu morava em Coimbra quando era estudante.",                   # the past, in Portuguese
])
def test_round_22_shapes_are_not_the_writer(text):
    assert extract_statements(text) == []


@pytest.mark.parametrize("text", [
    "I'm unemployed right now and looking for work.",               # a lasting "right now"
    "I'm stuck on Java 8 because of a legacy app.",
    "PSA: I'm allergic to latex.",                                  # a header that is the writer's
    "UPDATE: I moved to Porto last month.",
    "I'm taller than everyone in my family.",
    "I'm 6 months pregnant right now.",
])
def test_lasting_facts_beside_the_round_22_shapes(text):
    assert extract_statements(text) != []


@pytest.mark.parametrize("text", [
    "set up a weekly meal-prep plan for two people",                 # a task
    "ttyl, gotta run 👋",                                             # small talk
    "it's snowing like crazy so I'm working from the sofa",          # the weather of one day
    "slept like 5 hours, send coffee",
    "maybe I'll pick up the guitar again someday",                   # tentative
    "I'll probably switch to Fedora at some point",
    "I was obsessed with Tamagotchis back then",                     # past
    "For two years I was into marathon running",
    "Every pop song sounds the same these days",                     # judgments about the world
    "Plastic straws are terrible for the environment.",
    "EXT. HARBOUR - DAWN. OLD SAILOR: I've never seen the sea so calm.",  # a screenplay
    "In my fanfic, I'm a dragon tamer from the north.",
    "Erkläre mir bitte, wie Photosynthese funktioniert.",            # a request in German
    "मेरे पापा को चाय बहुत पसंद है",                                  # someone else, in Hindi
    "Låt oss rollspela: jag är en riddare.",                          # role-play in Swedish
])
def test_round_24_shapes_are_not_the_writer(text):
    assert extract_statements(text) == []


@pytest.mark.parametrize("text", [
    "TIL: I'm lactose intolerant, explains a lot",                   # a header that is the writer's
    "I'll always be a night owl.",
    "Bye for now! Also, I'm vegan btw",
    "I live above a sushi bar. Love it",
])
def test_lasting_facts_beside_the_round_24_shapes(text):
    assert extract_statements(text) != []


@pytest.mark.parametrize("text", [
    "Şu an İstanbul'da yaşıyorum.",                                  # "right now" of a lasting state, in Turkish
    "Jag bor i Malmö just nu.",
    "I'm eating keto right now.",
    "Ver filmes antigos é a minha paixão.",                          # an infinitive, not an imperative
])
def test_lasting_facts_that_open_like_a_moment_or_a_request(text):
    assert extract_statements(text) != []
