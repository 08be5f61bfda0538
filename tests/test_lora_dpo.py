"""The one DPO-on-LoRA loop and settings check (`rewards.lora_dpo`) that the pole experts (`rewards.experts`) and
the per-user adapters (`feedback.adapters`) share: the same settings give the same weights through either,
and both configs refuse the same bad values, each with its own error type."""
import pytest
import torch

from personalign.errors import ConfigError
from personalign.feedback import AdapterConfig, FeedbackPair, train_adapter
from personalign.feedback.errors import FeedbackConfigError
from personalign.rewards.data import PairRecord
from personalign.rewards.experts import ExpertConfig, train_expert
from personalign.rewards.lora_dpo import check_settings

PROMPTS = ["What is the capital of France?", "How do I bake bread?", "Write a poem about the sea."]


def test_an_expert_and_a_user_adapter_with_the_same_settings_are_the_same_weights(tiny_base):
    pairs = [FeedbackPair(i + 1, i + 1, p, "Paris.", "The sea is wide and deep.", "choice")
             for i, p in enumerate(PROMPTS)]
    records = [PairRecord("Be brief.", p, "Paris.", "The sea is wide and deep.", "length", "test") for p in PROMPTS]
    same = dict(lr=2e-2, beta=0.1, lora_r=2, lora_alpha=4, max_length=96, batch_size=2, seed=3)
    adapter = train_adapter(tiny_base, pairs, AdapterConfig(steps=3, **same))
    expert = train_expert(tiny_base, "concise", records, ExpertConfig(epochs=2.0, **same))  # ceil(2 * 3 / 2) = 3
    assert adapter.steps == expert.steps == 3
    a = {n: p for n, p in adapter.model.state_dict().items() if "lora_" in n}
    e = {n: p for n, p in expert.model.state_dict().items() if "lora_" in n}
    assert a.keys() == e.keys() and a and all(torch.equal(a[n], e[n]) for n in a)
    assert [h["loss"] for h in adapter.history] == [h["loss"] for h in expert.history]
    assert adapter.history[-1]["loss"] < adapter.history[0]["loss"]
    assert expert.history[0]["pole"] == "concise" and "margin" in expert.history[0]


@pytest.mark.parametrize("bad", [{"lr": 0}, {"lr": float("inf")}, {"beta": True}, {"epochs": -1.0},
                                 {"max_grad_norm": "1"}, {"lora_r": 0}, {"lora_alpha": 1.5}, {"batch_size": False},
                                 {"max_length": 8}])
def test_both_configs_refuse_the_same_values_with_their_own_error(bad):
    with pytest.raises(FeedbackConfigError) as adapter_error:
        AdapterConfig(**bad).validate()
    with pytest.raises(ConfigError) as expert_error:
        ExpertConfig(**bad).validate()
    assert not isinstance(expert_error.value, FeedbackConfigError)
    assert str(adapter_error.value) == str(expert_error.value)
    with pytest.raises(FeedbackConfigError, match="steps"):
        AdapterConfig(steps=0).validate()
    with pytest.raises(ConfigError, match="max_pairs"):
        ExpertConfig(max_pairs=True).validate()


def test_check_settings_accepts_good_values_and_none_where_optional():
    class Cfg:
        lr, n, maybe, max_length = 0.5, 3, None, 16

    check_settings(Cfg(), positive_numbers=("lr",), positive_integers=("n",), optional_integers=("maybe",))
    Cfg.maybe = 0
    with pytest.raises(ConfigError, match="maybe must be a positive integer, got 0"):
        check_settings(Cfg(), optional_integers=("maybe",))
