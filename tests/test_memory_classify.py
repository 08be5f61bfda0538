"""Dimension/pole inference for free-text preferences, and opposition between preferences."""
import pytest

from personalign.dimensions import DIMENSIONS
from personalign.memory.classify import POLE_DESCRIPTIONS, classify_preference, keyword_hits, negation_parity, opposed
from personalign.models.embeddings import default_embedder

KEYWORD_CASES = [
    ("keep it short", "length", "concise"),
    ("Keep your answers brief.", "length", "concise"),
    ("tl;dr style please", "length", "concise"),
    ("Your replies are too long", "length", "concise"),
    ("not too long please", "length", "concise"),
    ("I hate long answers", "length", "concise"),
    ("Please stop writing essays", "length", "concise"),
    ("Antworte kurz und knapp", "length", "concise"),
    ("Give me detailed answers with examples", "length", "detailed"),
    ("walk me through it step by step", "length", "detailed"),
    ("don't be so brief", "length", "detailed"),
    ("Explain like I'm five", "expertise", "simple"),
    ("ELI5", "expertise", "simple"),
    ("no jargon please", "expertise", "simple"),
    ("not too technical", "expertise", "simple"),
    ("I'm a beginner at this", "expertise", "simple"),
    ("Use expert terminology, I'm a cardiologist", "expertise", "expert"),
    ("Talk to me like a senior engineer", "expertise", "expert"),
    ("don't oversimplify", "expertise", "expert"),
    ("be blunt", "tone", "blunt"),
    ("Don't sugarcoat it", "tone", "blunt"),
    ("brutally honest feedback", "tone", "blunt"),
    ("skip the pleasantries", "tone", "blunt"),
    ("be warm and encouraging", "tone", "warm"),
    ("Don't be so blunt", "tone", "warm"),
    ("please be gentle with me", "tone", "warm"),
]


@pytest.mark.parametrize("text,dimension,pole", KEYWORD_CASES)
def test_keyword_classifier(text, dimension, pole):
    c = classify_preference(text)
    assert c is not None, text
    assert (c.dimension, c.pole, c.method) == (dimension, pole, "keyword")
    assert c.evidence


@pytest.mark.parametrize("text", ["I am vegetarian", "Use metric units", "Answer in French", "My cat is called Miso",
                                  "I like Python examples", "Use bullet points"])
def test_outside_the_dimensions(text):
    assert classify_preference(text, default_embedder()) is None


@pytest.mark.parametrize("text,dimension,pole", [
    ("Treat me as a novice", "expertise", "simple"),
    ("I am a physicist", "expertise", "expert"),
])
def test_embedding_fallback(text, dimension, pole):
    assert classify_preference(text) is None  # no keyword...
    c = classify_preference(text, default_embedder())  # ...but close to a pole description
    assert (c.dimension, c.pole, c.method) == (dimension, pole, "embedding")


def test_opposite_hits_cancel():
    assert keyword_hits("short, not too short")
    assert classify_preference("short, not too short") is None


def test_pole_descriptions_cover_every_pole():
    assert set(POLE_DESCRIPTIONS) == {(d.name, p) for d in DIMENSIONS.values() for p in d.poles}


@pytest.mark.parametrize("a,b,why", [
    ("I like Python examples", "I don't like Python examples", "negation"),
    ("I like Python examples", "avoid Python examples", "negation"),
    ("Use metric units", "Use imperial units", "metric/imperial"),
    ("Temperatures in celsius", "Temperatures in fahrenheit", "celsius/fahrenheit"),
])
def test_opposed(a, b, why):
    assert opposed(a, b) == why
    assert opposed(b, a) == why


@pytest.mark.parametrize("a,b", [("I like Python examples", "I like Python examples a lot"),
                                 ("I never eat meat", "I don't eat meat"),
                                 ("Use metric units", "Use metric units everywhere")])
def test_not_opposed(a, b):
    assert opposed(a, b) is None


def test_negation_parity():
    assert negation_parity("I like it") == 1
    assert negation_parity("I don't like it") == -1
    assert negation_parity("I don't dislike it") == 1


# Preferences about the world that hold pole words in their everyday sense: no style dimension.
@pytest.mark.parametrize("text", [
    "I dislike reading long articles", "I prefer simple furniture", "I avoid harsh cleaning chemicals",
    "I love long walks on the beach", "I'm not a fan of detailed tattoos", "I prefer direct flights",
    "I only use devices that offer extensive customization", "I like warm climates for my holidays",
    "I enjoy short stories by Chekhov", "I avoid technical hiking trails", "I prefer gentle yoga classes",
    "I watch in-depth documentaries about whales", "I like step-by-step recipes with photos",
])
def test_world_preferences_get_no_dimension(text):
    assert classify_preference(text, default_embedder()) is None


@pytest.mark.parametrize("text,dimension,pole", [
    ("I prefer brief replies", "length", "concise"),
    ("Short answers please", "length", "concise"),
    ("Can you be more direct with me?", "tone", "blunt"),
    ("I like detailed explanations", "length", "detailed"),
    ("Please keep explanations simple", "expertise", "simple"),
    ("friendly tone please", "tone", "warm"),
    ("Less detail", "length", "concise"),
    ("Explain it step by step", "length", "detailed"),
])
def test_requests_about_answers_keep_their_dimension(text, dimension, pole):
    c = classify_preference(text, default_embedder())
    assert c is not None and (c.dimension, c.pole) == (dimension, pole), text


@pytest.mark.parametrize("a,b,same", [
    ("I'm vegetarian", "I'm not vegetarian anymore", True),
    ("Use metric units", "Use imperial units", True),
    ("I hate horror movies", "I love horror movies", True),
    ("I dislike crowded beaches", "I love quiet beaches", False),
    ("I avoid hotels that aren't eco-friendly", "I have an aversion to paranormal activities", False),
])
def test_same_subject(a, b, same):
    from personalign.memory.classify import same_subject

    assert same_subject(a, b) is same and same_subject(b, a) is same
