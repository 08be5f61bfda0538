"""benchmarks/feedback_loop.py's simulated users: the edit simulator moves toward the user's poles, and each
feedback kind is stored as one event of that kind."""
import importlib.util
import sys
from pathlib import Path

import pytest

from personalign.memory import MemoryStore

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "feedback_loop.py"
A = ("Tea is a drink. Boil fresh water and pour it over the leaves, then wait about three minutes. "
     "The polyphenolic compounds extracted during infusion determine astringency considerably. Enjoy it!")
TECHNICAL = "Enzymatic oxidation of catechins during withering determines the characteristic flavour profile."
B = "Warm the pot first. " + TECHNICAL + " Add milk if you like."


@pytest.fixture(scope="module")
def fl():
    spec = importlib.util.spec_from_file_location("feedback_loop_benchmark", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture
def users(fl):
    return fl.build_users(2)


def test_simulated_edits_move_each_user_toward_its_poles(fl, users):
    for u in users:
        edited = fl.simulated_edit(A, B, u.pole_map)
        assert edited != A and fl.utility(edited, u.pole_map) > fl.utility(A, u.pole_map), u.id
    concise = fl.simulated_edit(A, B, users[0].pole_map)
    assert "!" not in concise and len(concise.split()) < len(A.split())
    detailed = fl.simulated_edit(A, B, users[1].pole_map)
    # The expert user takes B's technical sentence, not its plain ones.
    assert detailed.startswith(fl.WARM_OPEN) and TECHNICAL in detailed and "Warm the pot first." not in detailed


def test_each_feedback_kind_is_one_event_of_that_kind(fl, users, tmp_path):
    store = MemoryStore(f"sqlite:///{tmp_path / 'm.db'}", data_dir=tmp_path)
    u = users[0]  # concise: the short B is better for it
    assert fl.give_feedback("choices", store, u, "How do I make tea?", A, B, 0) == "B"
    assert fl.give_feedback("ratings", store, u, "How do I make tea?", A, B, 0) == "5"
    assert fl.give_feedback("edits", store, u, "How do I make tea?", A, B, 0) == "edit"
    fb = store.list_feedback(u.id)
    assert [(f.choice, f.rating, f.edited_answer is not None) for f in fb] == [("B", None, False), (None, 5, False),
                                                                                (None, None, True)]
    rated = store.get_interaction(u.id, fb[1].interaction_id)
    assert rated.answer == B and rated.alt_answer is None
