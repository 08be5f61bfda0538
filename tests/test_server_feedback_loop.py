"""The server closes the feedback loop: choices move the user's learned weights, which steer the next
answer as PAD terms, and a user's trained adapter serves that user's rows only, in shared batches."""
import pytest
from fastapi.testclient import TestClient
from test_feedback_adapters import CFG, _manifest, _pairs
from test_server import ADMIN, QUESTION, SpyEngine, _config, auth, chat_body

from personalign.decoding import DecodingConfig, Engine
from personalign.dimensions import DIMENSIONS
from personalign.feedback import UserAdapters, store_adapter, term_specs, train_adapter
from personalign.memory import MemoryStore
from personalign.rewards.preferences import wordings
from personalign.server import Batcher, Job, create_app
from personalign.server.batch_personalizer import Personalizer

SHORT = "Paris."
LONG = ("Paris is the capital of France, the largest city of the country, and home to its government, "
        "its biggest museums and many of its universities, with a history going back two thousand years.")


class RecordingSpy(SpyEngine):
    def generate(self, prompts, preference=None, **kwargs):
        out = super().generate(prompts, preference=preference, **kwargs)
        self.calls[-1].update(terms=kwargs.get("terms"), adapters=kwargs.get("adapters"))
        return out


@pytest.fixture
def store(tmp_path):
    s = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}")
    yield s
    s.close()


def test_choices_move_learned_weights_that_steer_the_next_answer(tiny_base, store, tmp_path):
    spy = RecordingSpy(Engine(tiny_base))
    with TestClient(create_app(spy, store, _config(tmp_path))) as client:
        r = client.post("/v1/admin/users", json={"user": "ann"}, headers=auth(ADMIN))
        ann = auth(r.json()["api_key"])
        # No preference and nothing learned yet: the base model answers.
        r = client.post("/v1/chat/completions", json=chat_body(), headers=ann)
        assert r.json()["personalign"]["strategy"] == "base" and r.json()["personalign"]["learned_weights"] is None

        learned = None
        for _ in range(4):  # ann always picks the short answer of an A/B pair
            inter = store.record_interaction("ann", QUESTION, LONG, "pad", {}, alt_answer=SHORT)
            r = client.post("/v1/feedback", json={"interaction_id": inter, "choice": "B"}, headers=ann)
            assert r.status_code == 201, r.text
            learned = r.json()["learned_weights"]
        assert learned["length"] < 0
        assert store.get_learned_weights("ann").weights == pytest.approx(learned)

        concise = wordings("length", DIMENSIONS["length"].low, "train")[0]
        # The choices also inferred an implicit "concise" preference in memory: it and the weights both steer.
        r = client.post("/v1/chat/completions", json=chat_body(), headers=ann)
        info = r.json()["personalign"]
        assert info["strategy"] == "pad" and info["preference_source"] == "memory"
        steering = [[wording] for wording, _ in term_specs(learned).values()]
        assert [concise] in steering
        assert [t.preference for t in spy.calls[-1]["terms"]] == [[info["preference"]]] + steering
        for pref in client.get("/v1/users/ann/preferences", headers=ann).json()["preferences"]:
            assert client.delete(f"/v1/users/ann/preferences/{pref['id']}", headers=ann).status_code == 200

        r = client.post("/v1/chat/completions", json=chat_body(), headers=ann)
        info = r.json()["personalign"]
        assert info["strategy"] == "pad" and info["preference_source"] == "learned"
        assert info["learned_weights"] == pytest.approx(learned)
        call = spy.calls[-1]
        assert call["preference"] is None
        assert [t.preference for t in call["terms"]] == steering
        assert [t.weight for t in call["terms"]] == [[weight] for _, weight in term_specs(learned).values()]

        # An ad-hoc preference adds its own term; prompting turns the learned poles into words.
        r = client.post("/v1/chat/completions", json=chat_body(personalign={"preference": "Be warm."}), headers=ann)
        assert [t.preference for t in spy.calls[-1]["terms"]] == [["Be warm."]] + steering
        r = client.post("/v1/chat/completions", json=chat_body(personalign={"strategy": "prompt"}), headers=ann)
        assert r.json()["personalign"]["preference"] == "; ".join(w for [w] in steering)
        assert spy.calls[-1]["terms"] is None
        # use_memory=false ignores everything learned.
        r = client.post("/v1/chat/completions", json=chat_body(personalign={"use_memory": False}), headers=ann)
        assert r.json()["personalign"]["strategy"] == "base"

        # A user's first rating has nothing to be compared with: it leaves the weights alone...
        inter = store.record_interaction("ann", QUESTION, LONG, "pad", {})
        r = client.post("/v1/feedback", json={"interaction_id": inter, "rating": 5}, headers=ann)
        assert r.json()["learned_weights"] == pytest.approx(learned)
        assert store.get_learned_weights("ann").weights == pytest.approx(learned)
        # ...and a thumbs down on a shorter answer to the same prompt pairs with it and moves them.
        inter = store.record_interaction("ann", QUESTION, SHORT, "pad", {})
        r = client.post("/v1/feedback", json={"interaction_id": inter, "rating": 1}, headers=ann)
        assert r.json()["learned_weights"]["length"] > learned["length"]


def test_a_users_adapter_serves_only_that_users_rows_in_a_shared_batch(tiny_base, store):
    pairs = _pairs("Paris is the capital of France.", "The sea is wide and deep and blue.")
    store.record_interaction("alice", QUESTION, "Paris.")
    store_adapter(store, "alice", train_adapter(tiny_base, pairs, CFG),
                  _manifest(tiny_base, "alice", pairs, type("T", (), {"steps": CFG.steps})()))
    engine = Engine(tiny_base)
    batcher = Batcher(engine, window_s=0.3, max_batch=8, personalizer=Personalizer(engine, store))
    cfg = DecodingConfig(strategy="base", max_new_tokens=10).validate()
    jobs = [Job(prompt=QUESTION, preference=None, config=cfg, user=u) for u in ("alice", "bob", None)]
    batcher.submit(jobs)
    got = [j.future.result(60).token_ids for j in jobs]
    batcher.stop()
    assert batcher.stats.batches == 1 and batcher.stats.max_rows == 3

    plain = engine.generate(QUESTION, config=cfg).outputs[0].token_ids
    alone_engine, names = UserAdapters(tiny_base, store).engine_for(["alice"])
    alice = alone_engine.generate(QUESTION, config=cfg, adapters=names).outputs[0].token_ids
    assert alice != plain
    assert got == [alice, plain, plain]
