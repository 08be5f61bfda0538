"""Per-user LoRA adapters: DPO training, manifests, the retrain policy and per-row adapter selection."""
import json

import pytest
import torch

from personalign.feedback import (
    AdapterConfig,
    FeedbackPair,
    PairSet,
    RetrainPolicy,
    UserAdapters,
    adapter_name,
    read_manifest,
    save_adapter,
    train_adapter,
)
from personalign.feedback.adapters import FORMAT, base_fingerprint
from personalign.memory.adapter_files import content_digest, read_directory, sha256_hex

PROMPTS = ["What is the capital of France?", "How do I bake bread?", "Write a poem about the sea."]
CFG = AdapterConfig(steps=12, lr=2e-2, batch_size=3, lora_r=4, lora_alpha=8, max_length=96)


class _Dirs:
    """Only what UserAdapters needs from a MemoryStore: each user's adapter as (content hash, local directory)."""

    def __init__(self, root):
        self.root = root

    def adapter_dir(self, user):
        return self.root / "adapters" / user

    def adapter_checkout(self, user):
        directory = self.adapter_dir(user)
        if not (directory / "adapter_config.json").is_file():
            return None
        files = read_directory(directory)
        return content_digest("default", [(p, sha256_hex(b)) for p, b in files.items()]), directory


def _pairs(chosen: str, rejected: str, start: int = 1):
    return [FeedbackPair(start + i, start + i, p, chosen, rejected, "choice") for i, p in enumerate(PROMPTS)]


def _manifest(base, user, pairs, trained):
    return {"format": FORMAT, "user": user, "base_model": base.name, "base_fingerprint": base_fingerprint(base),
            "pairs": len(pairs), "last_feedback_id": max(p.feedback_id for p in pairs), "steps": trained.steps,
            "created_at": f"t-{user}-{trained.steps}"}


@pytest.fixture(scope="module")
def trained(tiny_base):
    alice = _pairs("Paris is the capital of France.", "The sea is wide and deep and blue.")
    bob = _pairs("The sea is wide and deep and blue.", "Paris is the capital of France.", start=10)
    return {"alice": (alice, train_adapter(tiny_base, alice, CFG)), "bob": (bob, train_adapter(tiny_base, bob, CFG))}


def test_dpo_training_learns_the_pairs_and_leaves_the_base_untouched(tiny_base, trained):
    before = {n: p.detach().clone() for n, p in tiny_base.model.named_parameters()}
    _, result = trained["alice"]
    assert result.steps == 12 and len(result.history) == 12
    assert result.history[0]["loss"] == pytest.approx(0.6931, abs=1e-3)  # a fresh LoRA (B = 0) is the reference
    assert result.history[-1]["loss"] < 0.3 and result.history[-1]["accuracy"] == 1.0
    for n, p in tiny_base.model.named_parameters():
        assert torch.equal(p, before[n]), n
    assert not any("lora" in n for n, _ in tiny_base.model.named_parameters())


def test_saved_adapter_has_a_manifest_and_is_replaced_atomically(tiny_base, trained, tmp_path):
    pairs, result = trained["alice"]
    target = tmp_path / "adapters" / "alice"
    save_adapter(result, target, _manifest(tiny_base, "alice", pairs, result))
    assert (target / "adapter_config.json").is_file() and (target / "adapter_model.safetensors").is_file()
    assert read_manifest(target)["user"] == "alice"
    manifest = _manifest(tiny_base, "alice", pairs, result) | {"steps": 99}
    save_adapter(result, target, manifest)
    assert read_manifest(target)["steps"] == 99
    assert sorted(p.name for p in tmp_path.joinpath("adapters").iterdir()) == ["alice"]  # no temp dirs left
    assert read_manifest(tmp_path / "nothing") is None


def test_each_users_adapter_is_used_only_for_that_user(tiny_base, trained, tmp_path):
    dirs = _Dirs(tmp_path)
    for user, (pairs, result) in trained.items():
        save_adapter(result, dirs.adapter_dir(user), _manifest(tiny_base, user, pairs, result))
    users = ["alice", "bob", "carol"]  # carol has no adapter: plain base
    engine, names = UserAdapters(tiny_base, dirs).engine_for(users)
    assert names == [adapter_name("alice"), adapter_name("bob"), None]
    prompt = PROMPTS[1]
    for strategy in ("base", "pad"):
        kw = dict(strategy=strategy, preference="Be concise.", max_new_tokens=10)
        batch = engine.generate([prompt] * 3, adapters=names, **kw).outputs
        plain = __import__("personalign.decoding", fromlist=["Engine"]).Engine(tiny_base).generate(prompt, **kw)
        assert batch[2].token_ids == plain.outputs[0].token_ids
        for i, user in enumerate(users[:2]):
            alone_engine, alone_names = UserAdapters(tiny_base, dirs).engine_for([user])
            alone = alone_engine.generate(prompt, adapters=alone_names, **kw).outputs[0]
            assert batch[i].token_ids == alone.token_ids, (strategy, user)
        assert len({tuple(o.token_ids) for o in batch}) == 3, strategy  # three different policies


def test_a_retrained_adapter_is_reloaded_and_a_deleted_one_dropped(tiny_base, trained, tmp_path):
    import shutil

    dirs = _Dirs(tmp_path)
    pairs, result = trained["alice"]
    save_adapter(result, dirs.adapter_dir("alice"), _manifest(tiny_base, "alice", pairs, result))
    adapters = UserAdapters(tiny_base, dirs)
    engine, names = adapters.engine_for(["alice"])
    first = engine.generate(PROMPTS[0], strategy="base", adapters=names, max_new_tokens=8).outputs[0].token_ids
    bob_pairs, bob = trained["bob"]
    save_adapter(bob, dirs.adapter_dir("alice"), _manifest(tiny_base, "alice", bob_pairs, bob) | {"created_at": "new"})
    engine, names = adapters.engine_for(["alice"])
    second = engine.generate(PROMPTS[0], strategy="base", adapters=names, max_new_tokens=8).outputs[0].token_ids
    assert first != second
    shutil.rmtree(dirs.adapter_dir("alice"))
    engine, names = adapters.engine_for(["alice"])
    assert names == [None] and engine.base is tiny_base


def test_an_adapter_for_another_base_model_is_not_used(tiny_base, tiny_other, trained, tmp_path):
    dirs = _Dirs(tmp_path)
    pairs, result = trained["alice"]
    save_adapter(result, dirs.adapter_dir("alice"), _manifest(tiny_base, "alice", pairs, result))
    assert UserAdapters(tiny_other, dirs).load(["alice"]) == [None]


def test_retrain_policy_counts_new_pairs_since_the_manifest(tiny_base):
    pairs = PairSet("u", _pairs("a", "b") + _pairs("c", "d", start=10))  # feedback ids 1-3 and 10-12
    policy = RetrainPolicy(min_new_pairs=3)
    assert not policy.decide(PairSet("u"), None, tiny_base).train
    assert policy.decide(pairs, None, tiny_base).train
    assert not RetrainPolicy(min_new_pairs=7).decide(pairs, None, tiny_base).train
    current = {"base_model": tiny_base.name, "base_fingerprint": base_fingerprint(tiny_base), "last_feedback_id": 3}
    d = policy.decide(pairs, current, tiny_base)
    assert d.train and d.new_pairs == 3
    d = policy.decide(pairs, current | {"last_feedback_id": 10}, tiny_base)
    assert not d.train and d.new_pairs == 2 and "current" in d.reason
    assert RetrainPolicy(min_new_pairs=3, force=True).decide(pairs, current | {"last_feedback_id": 12},
                                                             tiny_base).train
    stale = current | {"last_feedback_id": 12, "base_fingerprint": [0.0]}
    assert policy.decide(pairs, stale, tiny_base).train


def test_manifest_format_is_checked(tmp_path):
    from personalign.feedback import AdapterError

    (tmp_path / "adapter_config.json").write_text("{}")
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "other"}))
    with pytest.raises(AdapterError, match="not a personalign adapter"):
        read_manifest(tmp_path)


def test_a_stored_manifest_of_another_format_is_refused_by_align(tiny_base, tmp_path):
    from personalign.feedback import AdapterError, align_user
    from personalign.memory import MemoryStore

    with MemoryStore(f"sqlite:///{tmp_path / 'm.db'}", data_dir=tmp_path / "data") as store:
        store.record_interaction("ann", "q", "a")
        store.save_adapter("ann", {"adapter_config.json": b'{"peft_type": "LORA"}', "adapter_model.safetensors": b"w",
                                   "manifest.json": json.dumps({"format": "someone-else/2"}).encode()})
        with pytest.raises(AdapterError, match="'ann'.s stored adapter: not a personalign adapter manifest"):
            align_user(store, tiny_base, "ann")
