"""The field's methods in the engine (issue 17): persrm-alone, ARGS, MOD and soup against slow references."""
import pytest
import torch

from personalign.decoding import GUARD_OFF, Engine
from personalign.errors import ConfigError

PROMPTS = ["What is the capital of France?", "hi there", "How do I bake bread?"]
PREF = "Answer in one short sentence."


def _greedy_nocache(model, ids: list[int], steps: int, eos: int) -> list[int]:
    """A plain greedy loop: every step re-encodes the whole sequence, no cache, no batching."""
    out = []
    with torch.inference_mode():
        for _ in range(steps):
            token = int(model(input_ids=torch.tensor([ids + out])).logits[0, -1].argmax())
            out.append(token)
            if token == eos:
                break
    return out


# ------------------------------------------------------------------------------------ persrm-alone
def test_persrm_alone_equals_a_plain_greedy_loop_over_the_persrm(persrm, tiny_base, tiny_tok):
    engine = Engine(tiny_base, reward_model=persrm)
    result = engine.generate(PROMPTS, preference=PREF, strategy="persrm-alone", max_new_tokens=16)
    assert result.strategy == "persrm-alone"
    for prompt, out in zip(PROMPTS, result.outputs):
        ids = persrm.reward_input_ids(prompt, PREF)
        assert out.token_ids == _greedy_nocache(persrm.model, ids, 16, tiny_tok.eos_token_id)
        assert out.prompt_tokens == len(ids)
    # It is the PersRM's own decoding, not the base's, nor PAD's.
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=16)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=16)
    assert [o.token_ids for o in result.outputs] != [o.token_ids for o in base.outputs]
    assert [o.token_ids for o in result.outputs] != [o.token_ids for o in pad.outputs]


def test_persrm_alone_training_free_is_prompting(tiny_base):
    engine = Engine(tiny_base)  # reward model = the base shown the preference
    alone = engine.generate(PROMPTS, preference=PREF, strategy="persrm-alone", max_new_tokens=12)
    prompt = engine.generate(PROMPTS, preference=PREF, strategy="prompt", max_new_tokens=12)
    assert [o.token_ids for o in alone.outputs] == [o.token_ids for o in prompt.outputs]


def test_persrm_alone_samples_reproducibly_and_refuses_what_it_cannot_do(persrm, tiny_base):
    engine = Engine(tiny_base, reward_model=persrm)
    a = engine.generate(PROMPTS, preference=PREF, strategy="persrm-alone", temperature=1.0, seed=3, max_new_tokens=8)
    b = engine.generate(PROMPTS, preference=PREF, strategy="persrm-alone", temperature=1.0, seed=3, max_new_tokens=8)
    assert [o.token_ids for o in a.outputs] == [o.token_ids for o in b.outputs]
    with pytest.raises(ConfigError, match="needs a preference"):
        engine.generate(PROMPTS, strategy="persrm-alone")
    from personalign.decoding import RewardTerm

    with pytest.raises(ConfigError, match="one reward model"):
        engine.generate(PROMPTS, strategy="persrm-alone", terms=[RewardTerm(PREF), RewardTerm("Be warm.")])


# -------------------------------------------------------------------------------------------- ARGS


def _answer_logprob(model, context: list[int], answer: list[int]) -> float:
    """Σ_t log p(answer_t | context, answer_<t), one full forward (teacher forcing), float64."""
    if not answer:
        return 0.0
    with torch.inference_mode():
        logits = model(input_ids=torch.tensor([context + answer])).logits[0].double()
    logp = logits[len(context) - 1:-1].log_softmax(-1)
    return float(logp.gather(-1, torch.tensor(answer)[:, None]).sum())


def _args_nocache(base, persrm, prompt: str, pref: str, weight: float, top_k: int, steps: int, eos: int) -> list[int]:
    """ARGS written out: each step re-encodes everything and recomputes the prefix's reward from scratch."""
    from personalign.models import render_chat

    base_ids, reward_ids = render_chat(base.tokenizer, prompt), persrm.reward_input_ids(prompt, pref)
    out: list[int] = []
    with torch.inference_mode():
        for _ in range(steps):
            prefix = _answer_logprob(persrm.model, reward_ids, out) - _answer_logprob(base.model, base_ids, out)
            logp_base = base.model(input_ids=torch.tensor([base_ids + out])).logits[0, -1].double().log_softmax(-1)
            logp_rm = persrm.model(input_ids=torch.tensor([reward_ids + out])).logits[0, -1].double().log_softmax(-1)
            candidates = logp_base.topk(top_k).indices.tolist()
            score = {a: float(logp_base[a]) + weight * (prefix + float(logp_rm[a]) - float(logp_base[a]))
                     for a in candidates}
            token = max(candidates, key=lambda a: (score[a], -candidates.index(a)))
            out.append(token)
            if token == eos:
                break
    return out


def test_args_with_zero_weight_is_base_greedy(persrm, tiny_base):
    engine = Engine(tiny_base, reward_model=persrm)
    args = engine.generate(PROMPTS, preference=PREF, strategy="args", weight=0.0, max_new_tokens=16, **GUARD_OFF)
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=16)
    assert [o.token_ids for o in args.outputs] == [o.token_ids for o in base.outputs]


def test_args_equals_a_nocache_reference_and_reports_the_sequence_reward(persrm, tiny_base, tiny_tok):
    from personalign.models import render_chat

    engine = Engine(tiny_base, reward_model=persrm)
    weight = 2.0
    result = engine.generate(PROMPTS, preference=PREF, strategy="args", weight=weight, top_k=5, max_new_tokens=16,
                             **GUARD_OFF)
    for prompt, out in zip(PROMPTS, result.outputs):
        assert out.token_ids == _args_nocache(tiny_base, persrm, prompt, PREF, weight, 5, 16, tiny_tok.eos_token_id)
        # The reported reward is w · R(answer): the PersRM's implicit reward against the base, summed over the answer.
        full = (_answer_logprob(persrm.model, persrm.reward_input_ids(prompt, PREF), out.token_ids)
                - _answer_logprob(tiny_base.model, render_chat(tiny_tok, prompt), out.token_ids))
        assert out.reward == pytest.approx(weight * full, abs=1e-3)
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=16)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=weight, top_k=5, max_new_tokens=16,
                          **GUARD_OFF)
    assert [o.token_ids for o in result.outputs] != [o.token_ids for o in base.outputs]
    # With the implicit reward, ARGS is PAD: the prefix's reward and the normalization (whole vocabulary vs T)
    # shift every candidate of a row by the same amount, so the choices are PAD's (the module doc says why).
    assert [o.token_ids for o in result.outputs] == [o.token_ids for o in pad.outputs]


@pytest.mark.parametrize("base_bias,reward_bias,floor,bonus", [(-3.0, -1.0, 2.0, 0.0), (-3.0, -1.0, 5.0, 3.0),
                                                               (-4.0, 2.0, 9.0, 3.0)])
def test_args_reads_pads_step_reward_for_the_eos_rules(tiny_base, tiny_tok, eos_bias, base_bias, reward_bias, floor,
                                                       bonus):
    # EOS biased out of the base's top-k and toward or away from the reward model's: settings where the EOS floor
    # and bonus decide a row's end. They must read PAD's step reward, not ARGS's running sum (which would end or
    # continue other rows here).
    eos = tiny_tok.eos_token_id
    engine = Engine(eos_bias(tiny_base, eos, base_bias), reward_model=eos_bias(tiny_base, eos, reward_bias))
    guard = {"min_p": 0.1, "eos_candidate": True, "no_repeat_ngram": 3, "eos_min_reward": floor, "eos_bonus": bonus}
    args = engine.generate(PROMPTS, preference=PREF, strategy="args", weight=1.5, max_new_tokens=14, **guard)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.5, max_new_tokens=14, **guard)
    assert [o.token_ids for o in args.outputs] == [o.token_ids for o in pad.outputs]


def test_args_batched_rows_equal_single_rows_with_the_guard(persrm, tiny_base):
    engine = Engine(tiny_base, reward_model=persrm)
    batched = engine.generate(PROMPTS, preference=PREF, strategy="args", weight=1.5, max_new_tokens=14)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.5, max_new_tokens=14)
    assert [o.token_ids for o in batched.outputs] == [o.token_ids for o in pad.outputs]  # the guard alike
    for prompt, out in zip(PROMPTS, batched.outputs):
        single = engine.generate(prompt, preference=PREF, strategy="args", weight=1.5, max_new_tokens=14)
        assert out.token_ids == single.outputs[0].token_ids
        assert out.reward == pytest.approx(single.outputs[0].reward, abs=1e-4)


# ------------------------------------------------------------------------------------- MOD and soup
@pytest.fixture(scope="module")
def experts(tiny_base):
    """Three pole experts with random LoRA weights over the tiny base's tensors."""
    from peft import LoraConfig, get_peft_model

    from personalign.models.shell import quiet_peft, shell_copy
    from personalign.rewards.experts import PoleExperts, adapter_name

    poles = ("concise", "expert", "warm")
    config = LoraConfig(r=2, lora_alpha=4, target_modules="all-linear", init_lora_weights=False)
    with quiet_peft():
        model = get_peft_model(shell_copy(tiny_base.model), config, adapter_name=adapter_name(poles[0]))
    for pole in poles[1:]:
        model.add_adapter(adapter_name(pole), config)
    torch.manual_seed(11)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_" in name:
                p.normal_(0.0, 0.4)
    model.eval()
    return PoleExperts(model, tiny_base, poles, {})


def _expert_nocache(experts, pole: str | None, prompt: str, steps: int, eos: int) -> list[int]:
    from personalign.models import render_chat

    model = experts.loaded.model
    ids = render_chat(experts.base.tokenizer, prompt)
    if pole is None:
        with model.disable_adapter():
            return _greedy_nocache(model, ids, steps, eos)
    model.set_adapter(experts.adapter(pole))
    return _greedy_nocache(model, ids, steps, eos)


@pytest.mark.parametrize("strategy", ["mod", "soup"])
def test_one_expert_at_weight_one_is_that_experts_greedy_decoding(experts, tiny_base, tiny_tok, strategy):
    """MOD with one expert is that expert's greedy decoding, and so is the soup of one expert at weight 1."""
    engine = Engine(tiny_base, experts=experts)
    for pole in experts.poles:
        result = engine.generate(PROMPTS, strategy=strategy, pole_weights={pole: 1.0}, max_new_tokens=14)
        for prompt, out in zip(PROMPTS, result.outputs):
            assert out.token_ids == _expert_nocache(experts, pole, prompt, 14, tiny_tok.eos_token_id), pole
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=14)
    assert [o.token_ids for o in result.outputs] != [o.token_ids for o in base.outputs]


def test_mod_combines_the_experts_logits_like_a_nocache_reference(experts, tiny_base, tiny_tok):
    from personalign.models import render_chat

    weights = {"concise": 1.0, "warm": 3.0}  # normalized: 0.25, 0.75
    engine = Engine(tiny_base, experts=experts)
    result = engine.generate(PROMPTS, strategy="mod", pole_weights=weights, max_new_tokens=14)
    model = experts.loaded.model
    for prompt, out in zip(PROMPTS, result.outputs):
        ids, gen = render_chat(tiny_tok, prompt), []
        with torch.inference_mode():
            for _ in range(14):
                z = 0
                for pole, w in (("concise", 0.25), ("warm", 0.75)):
                    model.set_adapter(experts.adapter(pole))
                    z = z + w * model(input_ids=torch.tensor([ids + gen])).logits[0, -1].double()
                gen.append(int(z.argmax()))
                if gen[-1] == tiny_tok.eos_token_id:
                    break
        assert out.token_ids == gen
    single = [engine.generate(PROMPTS, strategy="mod", pole_weights={p: 1.0}, max_new_tokens=14) for p in weights]
    assert all([o.token_ids for o in result.outputs] != [o.token_ids for o in s.outputs] for s in single)


def test_mod_and_soup_batch_requests_with_different_weights(experts, tiny_base, tiny_tok):
    engine = Engine(tiny_base, experts=experts)
    mixed = [{"concise": 1.0}, {"expert": 1.0, "warm": 1.0}, {}]  # the last asks for nothing: the base
    for strategy in ("mod", "soup"):
        batched = engine.generate(PROMPTS, strategy=strategy, pole_weights=mixed, max_new_tokens=12)
        for prompt, weights, out in zip(PROMPTS, mixed, batched.outputs):
            single = engine.generate(prompt, strategy=strategy, pole_weights=[weights], max_new_tokens=12)
            assert out.token_ids == single.outputs[0].token_ids, (strategy, weights)
        assert batched.outputs[2].token_ids == _expert_nocache(experts, None, PROMPTS[2], 12, tiny_tok.eos_token_id)
        assert batched.extras["pole_weights"][1] == {"expert": 0.5, "warm": 0.5}


def test_soup_equals_a_densely_merged_model(experts, tiny_base, tiny_tok):
    """W + Σ_p w_p s_p B_p A_p merged into a plain copy of the base, decoded by a plain greedy loop."""
    import copy

    from personalign.models import render_chat
    from personalign.models.row_lora import lora_modules

    weights = {"concise": 0.2, "expert": 0.3, "warm": 0.5}
    merged = copy.deepcopy(tiny_base.model)
    with torch.no_grad():
        for name, layer in lora_modules(experts.loaded.model).items():
            target = merged.get_submodule(name)
            for pole, w in weights.items():
                key = experts.adapter(pole)
                target.weight += w * layer.scaling[key] * (layer.lora_B[key].weight @ layer.lora_A[key].weight)
    engine = Engine(tiny_base, experts=experts)
    result = engine.generate(PROMPTS, strategy="soup", pole_weights=weights, max_new_tokens=14)
    for prompt, out in zip(PROMPTS, result.outputs):
        assert out.token_ids == _greedy_nocache(merged, render_chat(tiny_tok, prompt), 14, tiny_tok.eos_token_id)
    mod = engine.generate(PROMPTS, strategy="mod", pole_weights=weights, max_new_tokens=14)
    assert [o.token_ids for o in result.outputs] != [o.token_ids for o in mod.outputs]  # merging is not mixing


def test_soups_are_cached_per_weight_vector_and_evicted(experts, tiny_base, monkeypatch):
    from personalign.decoding import soup

    model = experts.loaded.model
    first = soup.soup_adapter(experts, {"concise": 0.5, "warm": 0.5})
    count = len(model.peft_config)
    assert soup.soup_adapter(experts, {"warm": 0.5, "concise": 0.5}) == first
    assert len(model.peft_config) == count
    monkeypatch.setattr(soup, "MAX_SOUPS", 1)
    second = soup.soup_adapter(experts, {"concise": 0.25, "warm": 0.75})
    assert second != first and second in model.peft_config and first not in model.peft_config


def test_pole_weights_routing_and_errors(experts, tiny_base):
    from personalign.decoding import parse_pole_weights, route_preference

    assert parse_pole_weights("concise=1, warm=3") == {"concise": 0.25, "warm": 0.75}
    assert parse_pole_weights("expert") == {"expert": 1.0}
    for bad, match in (("loud=1", "unknown pole"), ("concise=x", "pole=number"), ("concise=0", "positive")):
        with pytest.raises(ConfigError, match=match):
            parse_pole_weights(bad)

    class Hit:
        def __init__(self, pole):
            self.pole = pole

    table = {"Be brief.": Hit("concise"), "Be kind!": Hit("warm"), "Short, please.": Hit("concise")}
    router = lambda text: route_preference(text, table.get)  # noqa: E731
    assert router("Be brief. Be kind! I like cats. Short, please.") == {"concise": 0.5, "warm": 0.5}
    engine = Engine(tiny_base, experts=experts, pole_router=router)
    routed = engine.generate(PROMPTS[0], preference="Be kind!", strategy="soup", max_new_tokens=6)
    given = engine.generate(PROMPTS[0], strategy="soup", pole_weights={"warm": 1}, max_new_tokens=6)
    assert routed.outputs[0].token_ids == given.outputs[0].token_ids
    with pytest.raises(ConfigError, match="needs pole experts"):
        Engine(tiny_base).generate(PROMPTS[0], strategy="mod", pole_weights={"warm": 1})
    with pytest.raises(ConfigError, match="pole router"):
        Engine(tiny_base, experts=experts).generate(PROMPTS[0], preference="Be kind!", strategy="mod")
    with pytest.raises(ConfigError, match="no expert for pole 'blunt'"):
        engine.generate(PROMPTS[0], strategy="soup", pole_weights={"blunt": 1})
    with pytest.raises(ConfigError, match="only the mod and soup"):
        engine.generate(PROMPTS[0], preference="Be kind!", strategy="pad", pole_weights={"warm": 1})
