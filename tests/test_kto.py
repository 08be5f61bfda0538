"""KTO (rewards/kto.py): the loss against hand computations and a slow per-example reference, and training."""
import math

import pytest
import torch

from personalign.errors import ConfigError
from personalign.models import encode_text, render_chat
from personalign.models.shell import quiet_peft, shell_copy
from personalign.rewards.kto import KTOConfig, KTOExample, KTOTrainer, kl_estimate, kto_loss, mismatched_order

PROMPTS = ["What is the capital of France?", "How do I bake bread?", "Write a poem about the sea.",
           "Explain photosynthesis to a child."]
GOOD, BAD = "Paris is the capital of France.", "The sea is wide and deep and blue."


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def test_kto_loss_matches_hand_computation():
    policy = torch.tensor([-10.0, -4.0, -7.0])
    ref = torch.tensor([-12.0, -3.0, -7.5])
    desirable = torch.tensor([True, True, False])
    losses, rewards = kto_loss(policy, ref, desirable, kl=0.3, beta=0.5, desirable_weight=2.0,
                               undesirable_weight=0.75)
    # r = 2, -1, 0.5; desirable: λ_D (1 − σ(β(r − z0))); undesirable: λ_U (1 − σ(β(z0 − r)))
    expected = [2.0 * (1 - _sigmoid(0.5 * (2 - 0.3))), 2.0 * (1 - _sigmoid(0.5 * (-1 - 0.3))),
                0.75 * (1 - _sigmoid(0.5 * (0.3 - 0.5)))]
    torch.testing.assert_close(losses, torch.tensor(expected))
    torch.testing.assert_close(rewards, torch.tensor([1.0, -0.5, 0.25]))
    # a higher reward lowers a desirable answer's loss and raises an undesirable one's
    up, _ = kto_loss(policy + 1, ref, desirable, kl=0.3, beta=0.5)
    base, _ = kto_loss(policy, ref, desirable, kl=0.3, beta=0.5)
    assert up[0] < base[0] and up[1] < base[1] and up[2] > base[2]


def test_kl_estimate_is_clamped_and_carries_no_gradient():
    p = torch.tensor([-3.0, -5.0], requires_grad=True)
    z0 = kl_estimate(p, torch.tensor([-4.0, -5.5]))      # mean(1, 0.5) = 0.75
    assert float(z0) == pytest.approx(0.75) and not z0.requires_grad
    assert float(kl_estimate(p, torch.tensor([-1.0, -2.0]))) == 0.0   # mean −2.5 → clamped at 0


def test_mismatched_order_is_a_cycle_without_fixed_points():
    for n in (2, 3, 7, 16):
        partner = mismatched_order(n, seed=n)
        assert sorted(partner) == list(range(n)) and all(partner[i] != i for i in range(n))
    assert mismatched_order(1) == [0]


def test_class_weights_balance_the_two_classes():
    cfg = KTOConfig()
    lam_d, lam_u = cfg.class_weights(6, 2)
    assert lam_d * 6 == pytest.approx(lam_u * 2) and lam_d * 6 + lam_u * 2 == pytest.approx(8)
    assert cfg.class_weights(5, 0) == (1.0, 1.0)
    assert KTOConfig(balance=False, desirable_weight=1.33).class_weights(6, 2) == (1.33, 1.0)
    for bad in (dict(beta=0), dict(lr=float("nan")), dict(batch_size=0), dict(steps=0), dict(balance="yes")):
        with pytest.raises(ConfigError):
            KTOConfig(**bad).validate()


def _examples(tok, labels):
    eos = [tok.eos_token_id]
    out = []
    for prompt, desirable in zip(PROMPTS * 2, labels):
        answer = GOOD if desirable else BAD
        out.append(KTOExample(render_chat(tok, prompt), encode_text(tok, answer) + eos, desirable))
    return out


def _peft(tiny_base, seed=None):
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    config = LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", lora_dropout=0.0, task_type="CAUSAL_LM")
    with quiet_peft():
        model = get_peft_model(shell_copy(tiny_base.model), config)
    for name, p in model.named_parameters():
        p.requires_grad_("lora_" in name)
    if seed is not None:  # a policy away from the reference
        gen = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for name, p in model.named_parameters():
                if "lora_B" in name:
                    p.copy_(torch.randn(p.shape, generator=gen) * 0.3)
    return model


def _logp(model, context, answer) -> torch.Tensor:
    """log p(answer | context), one unpadded forward per token: obviously right."""
    total = torch.zeros((), dtype=torch.float64)
    for t, token in enumerate(answer):
        logits = model(torch.tensor([list(context) + list(answer[:t])])).logits[0, -1]
        total = total + logits.double().log_softmax(-1)[token]
    return total


def _slow_kto(policy, reference, examples, partner, rows, cfg, weights):
    """The KTO loss of `rows`, example by example (module docstring of rewards/kto.py), with autograd."""
    logratio, kl_terms = [], []
    for i in rows:
        ex, other = examples[i], examples[partner[i]].answer_ids
        with torch.no_grad():
            if reference is None:  # the policy with its adapter off
                with policy.disable_adapter():
                    ref_own, ref_other = _logp(policy, ex.context_ids, ex.answer_ids), _logp(policy, ex.context_ids,
                                                                                             other)
            else:
                ref_own, ref_other = _logp(reference, ex.context_ids, ex.answer_ids), _logp(reference, ex.context_ids,
                                                                                            other)
        logratio.append(_logp(policy, ex.context_ids, ex.answer_ids) - ref_own)
        with torch.no_grad():
            kl_terms.append(float(_logp(policy, ex.context_ids, other) - ref_other))
    z0 = max(0.0, sum(kl_terms) / len(kl_terms))
    losses = []
    for i, r in zip(rows, logratio):
        if examples[i].desirable:
            losses.append(weights[0] * (1 - torch.sigmoid(cfg.beta * (r - z0))))
        else:
            losses.append(weights[1] * (1 - torch.sigmoid(cfg.beta * (z0 - r))))
    return torch.stack(losses), z0, sum(kl_terms) / len(kl_terms)


def _check_against_slow(policy, reference, examples, cfg, rows_list, pad_id) -> list[float]:
    """Asserts batch_loss (loss, z0, gradient) equals the slow reference for each batch; returns the raw KL means."""
    trainer = KTOTrainer(policy, examples, cfg, pad_id=pad_id, reference=reference)
    params = [p for p in policy.parameters() if p.requires_grad]
    raw = []
    for rows in rows_list:
        policy.zero_grad()
        loss, stats = trainer.batch_loss(rows)
        loss.backward()
        fast_grad = torch.cat([p.grad.flatten() for p in params])
        policy.zero_grad()
        slow, z0, raw_kl = _slow_kto(policy, reference, examples, trainer.partner, rows, cfg, trainer.weights)
        slow.mean().backward()
        slow_grad = torch.cat([p.grad.flatten() for p in params])
        assert stats["kl"] == pytest.approx(z0, abs=1e-4)
        torch.testing.assert_close(stats["losses"], slow.detach(), atol=1e-5, rtol=1e-4)
        assert float(loss.detach()) == pytest.approx(float(slow.detach().mean()), abs=1e-5)
        assert fast_grad.abs().sum() > 0
        torch.testing.assert_close(fast_grad, slow_grad.to(fast_grad.dtype), atol=1e-5, rtol=1e-3)
        raw.append(raw_kl)
    return raw


@pytest.mark.parametrize("separate_reference", [False, True])
def test_batch_loss_and_gradient_match_a_slow_per_example_reference(tiny_base, tiny_other, separate_reference):
    tok = tiny_base.tokenizer
    examples = _examples(tok, [True, False, True, True, False, True])
    cfg = KTOConfig(beta=0.7, batch_size=4)
    policy = _peft(tiny_base, seed=3)
    trainer = KTOTrainer(policy, examples, cfg, pad_id=tok.pad_token_id)
    assert trainer.weights == pytest.approx((6 / 8, 6 / 4))  # 4 desirable, 2 undesirable, balanced
    raw = _check_against_slow(policy, tiny_other.model if separate_reference else None, examples, cfg,
                              [[0, 1, 2, 3], [5, 4]], tok.pad_token_id)
    assert min(raw) > 0  # z0 is the KL estimate itself here


def test_a_negative_kl_estimate_is_clamped_to_zero_as_in_the_reference(tiny_base, tiny_other):
    """Policy and reference swapped between two models: one direction's raw estimate is negative (z0 = 0)."""
    tok = tiny_base.tokenizer
    examples = _examples(tok, [True, False, False, True])
    cfg = KTOConfig(beta=0.3, batch_size=4, balance=False, desirable_weight=1.2)
    raw = []
    for policy_base, reference in ((tiny_base, tiny_other), (tiny_other, tiny_base)):
        raw += _check_against_slow(_peft(policy_base, seed=7), reference.model, examples, cfg, [[0, 1, 2, 3]],
                                   tok.pad_token_id)
    assert min(raw) < 0 < max(raw)


def test_trainer_lowers_the_loss_and_separates_the_labels(tiny_base):
    tok = tiny_base.tokenizer
    # the same answer is desirable after some prompts and undesirable after others: not learnable by
    # raising or lowering one answer everywhere, so z0 and the labels both matter
    examples = _examples(tok, [True, False, True, False, True, False, True, False])
    policy = _peft(tiny_base)
    before = {n: p.detach().clone() for n, p in tiny_base.model.named_parameters()}
    trainer = KTOTrainer(policy, examples, KTOConfig(lr=2e-2, steps=25, batch_size=4, beta=0.5),
                         pad_id=tok.pad_token_id)
    rows = list(range(len(examples)))
    with torch.no_grad():
        start, start_stats = trainer.batch_loss(rows)
    assert float(start) == pytest.approx(0.5, abs=1e-6)  # a fresh LoRA (B = 0) is the reference: r = z0 = 0
    result = trainer.train()
    assert result.steps == 25 and len(result.history) == 25
    with torch.no_grad():
        end, stats = trainer.batch_loss(rows)
    assert float(end) < 0.35 and stats["accuracy"] == 1.0
    assert stats["reward_desirable"] > 0 > stats["reward_undesirable"]
    for n, p in tiny_base.model.named_parameters():
        assert torch.equal(p, before[n]), n


def test_trainer_rejects_unusable_input(tiny_base):
    tok = tiny_base.tokenizer
    with pytest.raises(ConfigError, match="at least one"):
        KTOTrainer(_peft(tiny_base), [], pad_id=tok.pad_token_id)
    with pytest.raises(ConfigError, match="reference model"):
        KTOTrainer(tiny_base.model, _examples(tok, [True]), pad_id=tok.pad_token_id).reference_logps()
