"""Rules of the third development pass (after round 6 was spent): each test fails without its rule
(memory.extract). Examples are written for these tests, not copied from the held-out rounds."""
import pytest

from personalign.memory.extract import (
    FIRST_PERSON,
    OTHER_LANGUAGE,
    STYLE,
    candidate,
    candidate_clauses,
    classifier_text,
    clauses,
    extract_statements,
)


def test_a_negated_auxiliary_is_no_question_or_other_subject():
    # "can't" opened like "can" (a question or someone else) and was ruled out
    assert candidate("can't be near dogs, the fur allergy is awful") == FIRST_PERSON
    assert candidate("Don't drink coffee at all") == FIRST_PERSON


@pytest.mark.parametrize("text", [
    "how do people with migraines usually cope", "how long does a vegan diet take to show results",
    "what's the best keto bread",
])
def test_a_question_without_its_question_mark_is_a_question(text):
    assert candidate(text) is None


def test_a_fact_after_a_question_without_its_mark_is_still_found():
    kinds = [(t, k) for _, _, t, k in candidate_clauses("how do i stop the damp in the bathroom, i rent")]
    assert ("i rent", FIRST_PERSON) in kinds


def test_numbered_items_are_clauses_of_their_own():
    texts = [t for _, _, t in clauses("two things: 1) how do I descale a kettle 2) can you freeze cream")]
    assert texts[-2:] == ["how do I descale a kettle", "can you freeze cream"]
    assert all(candidate(t) is None for t in texts[-2:])


def test_text_to_correct_and_yaml_are_not_the_users_words():
    assert clauses("fix the spelling: i am vegetarian and i live in york") == []
    assert clauses("profile:\n  diet: vegetarian\n  city: Leeds") == []


@pytest.mark.parametrize("message", [
    "In our text adventure, I'm a thief who only steals books.", "You be the bartender, I'm a sailor who hates rum.",
    "Writing prompt: I wake up as a cat.", "My OC is a deaf archer from the north.",
    "Write from my perspective: I am a dragon living under Oslo.",
])
def test_games_and_prompts_are_fiction(message):
    assert extract_statements(message) == []


def test_can_you_be_is_no_role_assignment():
    assert [s.kind for s in extract_statements("can you be a bit gentler in general?")] == [STYLE]


@pytest.mark.parametrize("text", [
    "My bandmate only plays Fender.", "My thesis supervisor is a keen cyclist.", "Our school principal is vegan.",
    "My teammate uses Arch.", "Apparently Keanu Reeves rides motorbikes.", "Serena Williams lives in Florida.",
])
def test_more_people_who_are_not_the_writer(text):
    assert candidate(text) is None


def test_a_named_subject_with_the_writer_in_it_is_still_a_candidate():
    assert candidate("Python is my main language") == FIRST_PERSON


@pytest.mark.parametrize("text", [
    "I lived with my aunt until I was ten.", "Previously taught at a school in Leeds.",
    "Spent two years in Japan after college.", "for about a year in 2017 I lived on a boat",
    "I lived in Madrid for three years", "Years ago I tried paleo for a month.",
    "Back in the 80s I was a punk.", "Ran a marathon once, back in 2015.",
])
def test_more_past_wordings_are_ruled_out(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text", [
    "I emigrated from Poland to Ireland ten years ago.", "I'm fluent in German (lived in Berlin years ago)",
    "moved back in with my mum to save money", "I've lived here for ten years",
])
def test_a_lasting_change_or_an_aside_is_not_the_past(text):
    assert candidate(text) == FIRST_PERSON


@pytest.mark.parametrize("text", [
    "Contemplating a move to Leeds.", "Leaning toward Rust for this one.", "Could be switching jobs soon.",
    "kinda want to try climbing", "we're still talking it over", "No idea which city yet",
])
def test_more_tentative_wordings_are_ruled_out(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text", [
    "on a train right now so excuse typos", "Having a long day at the office.",
    "Doing a detox for the next five days.", "running on 3 hours of sleep rn",
    "I'm at a wedding all weekend and the signal here is bad",
])
def test_passing_states_are_ruled_out(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text", ["My budget is really tight right now", "Deaf here", "I'm a nurse, nights mostly"])
def test_lasting_states_with_now_or_here_stay_candidates(text):
    assert candidate(text) == FIRST_PERSON


@pytest.mark.parametrize("text", [
    "I always want the whole walkthrough, not the gist", "Bullet points are fine by me",
    "Give me the answer in three sentences max", "when I ask something, put the answer first",
])
def test_the_form_of_answers_the_writer_wants_is_a_style_request(text):
    assert candidate(text) == STYLE


@pytest.mark.parametrize("text", [
    "explain photosynthesis simply", "describe the French revolution briefly", "sorry, long message incoming",
    "quick question about taxes", "I prefer detailed maps when hiking",
])
def test_one_task_or_the_writers_own_message_is_no_style_request(text):
    assert candidate(text) != STYLE


def test_a_lasting_marker_on_its_own_makes_the_request_before_it_lasting():
    assert [s.kind for s in extract_statements("Less detail. From now on.")] == [STYLE]
    assert [s.kind for s in extract_statements("Less detail.")] != [STYLE]
    assert extract_statements("In general, not just now.") == []


@pytest.mark.parametrize("text", ["Epileptic", "keto.", "Flexitarian!"])
def test_a_condition_or_diet_named_alone_is_a_candidate(text):
    assert candidate(text) == FIRST_PERSON


@pytest.mark.parametrize("message,fact", [
    ("good snacks for someone like me with coeliac disease?", "I'm someone with coeliac disease"),
    ("a cake that works around my nut allergy?", "My nut allergy"),
    ("how do I learn guitar as a 60-year-old with arthritis?", "I'm a 60-year-old with arthritis"),
    ("best plants for my dark basement flat in Leeds?", "My dark basement flat in Leeds"),
    ("how do I keep my two toddlers busy on a train", "I have two toddlers"),
])
def test_facts_named_inside_a_question(message, fact):
    assert (fact, FIRST_PERSON) in [(t, k) for _, _, t, k in candidate_clauses(message)]


@pytest.mark.parametrize("text", [
    "Пожалуйста, пиши подробно.", "我用的是Linux。", "丁寧に話してください。", "أعمل في دبي.",
    "Ankara'da oturuyorum.", "Kérlek, mindig röviden válaszolj.", "いつも短く答えて。",
])
def test_more_first_person_and_lasting_requests_in_other_languages(text):
    assert candidate(text) == OTHER_LANGUAGE


@pytest.mark.parametrize("text", ["我想知道怎么做面包。", "光合成を簡単に説明してください。"])
def test_asking_in_other_languages_is_not_a_statement(text):
    assert candidate(text) != OTHER_LANGUAGE


def test_classifier_text_of_a_flag_and_of_pronouns():
    assert classifier_text("Lisbon 🇵🇹") == "I live in Lisbon"
    assert classifier_text("she/her for me please") == "My pronouns are she/her"


@pytest.mark.parametrize("text", ["I need a summary of this article", "I'd like examples of cover letters"])
def test_asking_for_one_piece_of_content_is_no_style_request(text):
    assert candidate(text) != STYLE


def test_classifier_text_of_a_device_named_alone():
    assert classifier_text("Galaxy S21, so Android steps please") == "I use Galaxy S21, so Android steps please"
    assert classifier_text("my laptop is old") == "My laptop is old"


def test_an_aside_about_someone_else_is_theirs():
    kinds = [k for _, _, _, k in candidate_clauses("My cousin — easily the fussiest eater alive — is visiting.")]
    assert kinds[:2] == [None, None]


def test_a_flag_alone_is_a_candidate():
    assert candidate("Lisbon 🇵🇹") == FIRST_PERSON


@pytest.mark.parametrize("text,kind", [
    ("Assume for this task that I'm vegan.", None),
    ("From now on, assume for recipes that I have no oven.", FIRST_PERSON),
])
def test_an_assumption_is_a_premise_unless_it_lasts(text, kind):
    assert candidate(text) == kind


@pytest.mark.parametrize("prompt", [
    "What's the weather like in spring here?", "Suggest a podcast for the gym.", "Necesito una idea para la cena.",
    "any farmers markets in my area?",
])
def test_questions_about_where_the_user_is_or_asking_a_suggestion_are_personal(prompt):
    from personalign.memory.retrieval import personal_question
    assert personal_question(prompt)


@pytest.mark.parametrize("message", [
    "Traceback (most recent call last):\n  File \"x.py\", line 3\nValueError: I am not a number",
    "2025-01-02 10:00:00 WARN I am retrying", "sort these by size: my bike, my car",
    "In this improv scene I'm a retired pilot.",
])
def test_logs_material_and_improv_are_not_the_users_words(message):
    assert extract_statements(message) == []


@pytest.mark.parametrize("text", [
    "Meh, too long.", "never mind", "Put together a meal plan for the week.", "My grandad was a sailor.",
    "I'm at my sister's place this weekend", "Stuck in traffic again", "Just back from the gym, starving",
    "I've got a cold", "I'm going to a wedding in Rome in May.", "sorry, long week",
    "Were I to learn Go, where should I start", "I'd like to visit Peru one day.", "I'm not vegetarian.",
    "No, I don't have any pets.", "I had a Vespa for like six years", "tried surfing once, in Bali",
    "tea vs coffee for focus",
])
def test_feedback_tasks_relatives_passing_states_and_denials_are_ruled_out(text):
    assert candidate(text) is None


@pytest.mark.parametrize("text", ["I fast one day a week", "I'm not vegetarian anymore",
                                  "neovim user, no VS Code tips"])
def test_lasting_wordings_near_those_rules_stay_candidates(text):
    assert candidate(text) == FIRST_PERSON


def test_a_statement_opening_with_when_is_no_question():
    assert [t for _, _, t, _ in candidate_clauses("When I lived in Leeds I cycled every day.")] == [
        "When I lived in Leeds I cycled every day."]


def test_the_words_error_and_exception_in_prose_are_the_users():
    assert [t for _, _, t in clauses("I'm vegan, with one exception: honey")] != []
    assert [t for _, _, t in clauses("I keep making the same error with my sourdough")] != []


@pytest.mark.parametrize("text", ["I have a physio appointment at 4 tomorrow.", "vet at 5, so I'm in a rush",
                                  "Badly jet-lagged after Tokyo."])
def test_tomorrow_a_clock_time_and_jet_lag_are_passing(text):
    assert candidate(text) is None


def test_a_number_after_at_that_is_no_clock_time_stays():
    assert candidate("I work at 3 different cafes") == FIRST_PERSON
