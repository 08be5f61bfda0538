"""Thumbs and ratings train per-user adapters with KTO: labels, the safety filter, the method rule, the CLI."""
import json

import pytest

from personalign.feedback import (
    AdapterConfig,
    RetrainPolicy,
    UserAdapters,
    align_user,
    rating_label,
    user_feedback,
    user_labeled_answers,
)
from personalign.memory import MemoryStore

SHORT = "Paris."
LONG = ("Paris is the capital of France, and it has been the political, economic and cultural centre of the "
        "country for many centuries, home to the government, the largest universities and most museums.")
UNSAFE = "Sure. Here is how to build a pipe bomb at home: first, fill a steel pipe with explosive powder."
CFG = AdapterConfig(steps=4, lr=1e-2, batch_size=2, lora_r=4, lora_alpha=8, max_length=96)


@pytest.fixture
def store(tmp_path):
    s = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}", data_dir=tmp_path / "data")
    yield s
    s.close()


def _rate(store, user, prompt, answer, rating):
    iid = store.record_interaction(user, prompt, answer, "pad", {})
    store.add_feedback(user, iid, rating=rating, infer=False)
    return iid


def _thumbs_user(store, user, good=SHORT, bad=LONG, n=3):
    for k in range(n):
        _rate(store, user, f"Question {k}?", good, 5)
        _rate(store, user, f"Question {k}?", bad, 1)


def test_rating_labels():
    assert [rating_label(r) for r in (1, 2, 3, 4, 5)] == [False, False, None, True, True]


def test_labeled_answers_latest_rating_safety_and_pairs(store):
    a = _rate(store, "ann", "Capital of France?", SHORT, 5)
    _rate(store, "ann", "Capital of France?", LONG, 2)
    _rate(store, "ann", "Anything?", "Meh, whatever.", 3)             # neutral: skipped
    b = _rate(store, "ann", "Capital again?", LONG, 1)
    store.add_feedback("ann", b, rating=4, infer=False)                # the latest rating counts: now desirable
    _rate(store, "ann", "How do I make a bomb?", UNSAFE, 5)            # unsafe thumbs up: dropped, counted
    _rate(store, "ann", "How do I make a bomb, really?", UNSAFE, 1)    # unsafe thumbs down: kept
    iid = store.record_interaction("ann", "Pick one?", LONG, "pad", alt_answer=SHORT)
    store.add_feedback("ann", iid, choice="B", rating=5, infer=False)  # a rating with a choice: part of the pair
    labeled = user_labeled_answers(store, "ann")
    got = [(x.prompt, x.answer, x.desirable, x.rating) for x in labeled.answers]
    assert got == [("Capital of France?", SHORT, True, 5), ("Capital of France?", LONG, False, 2),
                   ("Capital again?", LONG, True, 4), ("How do I make a bomb, really?", UNSAFE, False, 1)]
    assert labeled.skipped_neutral == 1 and labeled.dropped_unsafe == 1 and sum(labeled.unsafe_categories.values())
    assert labeled.desirable == 2 and labeled.undesirable == 2
    assert all(x.interaction_id != a or x.desirable for x in labeled.answers)
    data = user_feedback(store, "ann")
    assert data.method == "kto" and len(data.pairs.pairs) == 1
    sides = [(x.answer, x.desirable, x.kind) for x in data.kto_answers if x.kind == "choice"]
    assert sides == [(SHORT, True, "choice"), (LONG, False, "choice")]
    assert len(data.kto_answers) == 6 and data.dropped_unsafe == 1


def test_thumbs_only_user_gets_a_kto_adapter_that_serves(store, tiny_base):
    _thumbs_user(store, "tom")
    _rate(store, "tom", "How do I make a bomb?", UNSAFE, 5)
    result = align_user(store, tiny_base, "tom", CFG)
    m = result.manifest
    assert result.trained and m["method"] == "kto" and m["pairs"] == 0
    assert (m["rated"], m["desirable"], m["undesirable"], m["dropped_unsafe"]) == (6, 3, 3, 1)
    assert m["pairs_used"] == 6 and m["steps"] == 4 and m["final_kl"] is not None
    assert m["kto_weights"] == [1.0, 1.0]
    assert {f.path for f in store.adapter_info("tom").files} >= {"adapter_model.safetensors", "adapter_config.json"}
    engine, names = UserAdapters(tiny_base, store).engine_for(["tom"])
    assert names[0] is not None
    # a new rating is a new training item for the retrain policy
    assert not align_user(store, tiny_base, "tom", CFG, RetrainPolicy(min_new_pairs=1)).trained
    _rate(store, "tom", "Question 9?", SHORT, 4)
    again = align_user(store, tiny_base, "tom", CFG, RetrainPolicy(min_new_pairs=1))
    assert again.trained and again.new_pairs == 1 and again.manifest["rated"] == 7


def test_unsafe_desirable_answers_never_reach_training(store, tiny_base, monkeypatch):
    import personalign.feedback.adapters as adapters

    _thumbs_user(store, "uma", n=1)
    _rate(store, "uma", "How do I make a bomb?", UNSAFE, 5)
    _rate(store, "uma", "How do I make a bomb, please?", UNSAFE, 1)
    seen = []
    real = adapters.train_kto_adapter
    monkeypatch.setattr(adapters, "train_kto_adapter",
                        lambda base, answers, *a, **k: seen.extend(answers) or real(base, answers, *a, **k))
    result = align_user(store, tiny_base, "uma", CFG)
    assert result.trained and result.manifest["dropped_unsafe"] == 1
    assert [(x.answer, x.desirable) for x in seen if x.answer == UNSAFE] == [(UNSAFE, False)]
    assert {(x.answer, x.desirable) for x in seen} == {(SHORT, True), (LONG, False), (UNSAFE, False)}


def test_pairs_only_users_keep_dpo_and_neutral_ratings_do_not_switch(store, tiny_base):
    for k in range(2):
        iid = store.record_interaction("pat", f"Question {k}?", LONG, "pad", alt_answer=SHORT)
        store.add_feedback("pat", iid, choice="B", infer=False)
    _rate(store, "pat", "Anything?", SHORT, 3)
    result = align_user(store, tiny_base, "pat", CFG)
    assert result.trained and result.manifest["method"] == "dpo" and result.manifest["pairs"] == 2
    _rate(store, "neu", "Anything?", SHORT, 3)
    none = align_user(store, tiny_base, "neu", CFG)
    assert not none.trained and "no usable pairs or rated answers" in none.reason


def test_align_cli_trains_a_thumbs_only_user(tmp_path, tiny_base, capsys):
    from personalign.cli.main import main
    from personalign.models.tiny import save_tiny

    model_dir = save_tiny(tiny_base, tmp_path / "tiny")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    s = MemoryStore(db)
    _thumbs_user(s, "ivy", n=2)
    s.close()
    main(["align", "--user", "ivy", "--model", str(model_dir), "--db", db, "--steps", "2", "--lora-r", "4",
          "--max-length", "96", "--no-progress", "--device", "cpu"])
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["user"] == "ivy" and line["trained"] and line["method"] == "kto"
    assert (line["pairs"], line["rated"], line["desirable"], line["undesirable"], line["steps"]) == (0, 4, 2, 2, 2)
