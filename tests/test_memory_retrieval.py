"""Which topical preferences a prompt carries: close ones, those of a life area it asks about, and,
for a question about the user's own life, their background — within the profile's budget k."""
import pytest

from personalign.memory import MemoryStore
from personalign.memory.retrieval import personal_question

KOSHER, OSLO, JAZZ = "I keep kosher", "I live in Oslo", "I love jazz"


@pytest.fixture
def store(tmp_path):
    s = MemoryStore(f"sqlite:///{tmp_path / 'm.db'}", data_dir=tmp_path)
    for text in (KOSHER, OSLO, JAZZ):
        s.add_preference("ana", text)
    yield s
    s.close()


def texts(profile):
    return [p.text for p in profile.preferences]


@pytest.mark.parametrize("prompt,personal", [
    ("What should I pack for the weekend?", True), ("Any tips for swollen ankles?", True),
    ("Is it a good idea to ski in March?", True), ("Explain the Fourier transform.", False),
    ("Write a poem about the sea.", False), ("What is the capital of Peru?", False),
])
def test_personal_question(prompt, personal):
    assert personal_question(prompt) is personal


def test_a_question_about_the_world_carries_only_what_is_close(store):
    assert texts(store.profile("ana", "Explain the Fourier transform.")) == []


def test_a_life_area_links_what_embeddings_alone_do_not(store):
    prompt = "A chicken casserole recipe for tonight."
    assert not personal_question(prompt)
    assert KOSHER in texts(store.profile("ana", prompt, min_similarity=0.99))  # not close, yet a food question


def test_a_personal_question_carries_the_background_within_k(store):
    assert sorted(texts(store.profile("ana", "What should I do this weekend?"))) == sorted([KOSHER, OSLO, JAZZ])
    assert len(store.profile("ana", "What should I do this weekend?", k=2).preferences) == 2


GARDEN = "When I ask about gardening, use metric units"


def test_a_statement_naming_its_own_topic_rides_only_with_that_topic(store):
    store.add_preference("ana", GARDEN)
    weekend = texts(store.profile("ana", "What should I do this weekend?"))
    assert GARDEN not in weekend and sorted(weekend) == sorted([KOSHER, OSLO, JAZZ])  # the background still rides
    assert GARDEN not in texts(store.profile("ana", "How do I make pad thai at home?"))
    assert GARDEN in texts(store.profile("ana", "How deep should I plant tulip bulbs in my garden?"))


@pytest.mark.parametrize("text,conditional", [
    (GARDEN, True), ("Whenever we talk about football, be brief.", True), ("For work emails, be formal.", True),
    ("When it comes to cooking, assume I have no oven.", True), ("For questions about code, use Python.", True),
    ("Cuando pregunte sobre cocina, usa gramos.", True), ("Wenn ich nach Rezepten frage, nimm Gramm.", True),
    (KOSHER, False), ("I'm pregnant", False), ("When I cook, I never use peanuts", False),
    ("For me, shorter is better", False), ("For every request, be brief", False),
    ("If possible, keep it short", False), ("In general, be blunt", False),
    ("Wenn ich nach Berlin ziehe, brauche ich eine Wohnung", False),
])
def test_conditional_statements(text, conditional):
    from personalign.memory.retrieval import conditional_statement

    assert conditional_statement(text) is conditional


def test_global_preferences_count_toward_k_for_the_looser_kinds(store):
    store.add_preference("ana", "keep it short")
    got = texts(store.profile("ana", "What should I do this weekend?", k=2, min_similarity=0.99))
    assert got[0] == "keep it short" and len(got) == 2


@pytest.mark.parametrize("prompt", ["wo kann ich am Sonntag wandern?", "cosa posso ordinare stasera?",
                                    "周末有什么好去处推荐？", "any good day hikes nearby?"])
def test_personal_questions_in_other_languages_and_about_the_area(prompt):
    assert personal_question(prompt)


# A Turkish user with more statements than k: the English embedder finds every Turkish sentence about
# equally close to a Turkish question (cosines 0.4-0.7), so the one sharing a word stem with it ("yaşlı",
# "otobüs…") must still be kept.
TURKISH = ["İzmir'de mimar olarak çalışıyorum", "Akşamları yüzmeye gidiyorum", "Vejetaryenim, et yemiyorum",
           "Kedim çok yaşlı, on dört yaşında", "Arabam yok, her yere otobüsle gidiyorum",
           "Kısa cevapları tercih ederim", "Çocuklarım ilkokula gidiyor"]


@pytest.mark.parametrize("prompt,needed", [
    ("Yaşlı hayvanlar için hangi mama daha iyi olur?", "Kedim çok yaşlı, on dört yaşında"),
    ("Otobüste zaman geçirmek için ne dinleyebilirim?", "Arabam yok, her yere otobüsle gidiyorum"),
])
def test_a_shared_word_retrieves_a_non_english_statement_among_more_than_k(tmp_path, prompt, needed):
    s = MemoryStore(f"sqlite:///{tmp_path / 'm.db'}", data_dir=tmp_path)
    for text in TURKISH:
        s.add_preference("ayse", text)
    got = texts(s.profile("ayse", prompt, k=3))
    s.close()
    assert needed in got and len(got) <= 3


def test_shared_words_skip_function_words_and_match_stems_and_cjk():
    from personalign.memory.retrieval import shared_words

    assert shared_words("Какую машину выбрать для поездок?", ["У меня машина старая", "Я люблю поездки",
                                                              "Я преподаю фортепиано"]).tolist() == [True, True, False]
    assert shared_words("マットレスの選び方は?", ["腰痛があります", "マットレスが硬すぎる"]).tolist() == [False, True]
    assert not shared_words("Which one should I choose?", ["I should sleep more"]).any()
    assert not shared_words("How does compound interest work?", ["Intermittent fasting is not for me"]).any()
    assert shared_words("Lamba migrenimi tetikler mi?", ["Migren ağrılarım var"]).tolist() == [True]
