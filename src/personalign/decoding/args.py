"""ARGS (Khanov et al., ICLR 2024): the base's top-k candidates rescored by a sequence-level reward.

At each step, for a in T = top-k(z_B):

    score(a) = log p_B(a | x, y_<t) + Σ_j w_j · R_j(x, y_<t ∘ a)

with R_j the PersRM's implicit (DPO) reward of the answer so far plus the candidate, over the full vocabulary:

    R(x, y) = Σ_s [log p_R(y_s | x, pref, y_<s) − log p_ref(y_s | x, y_<s)]       (ref = the base, as in PAD)

R(y_<t ∘ a) = R(y_<t) + log p_R(a) − log p_ref(a): the prefix's reward is a running sum per row, and every
candidate's log-probabilities come from the forward the step makes anyway (KV-cached, one forward per
model per token, as PAD). The next token is argmax score, or a sample from softmax(score / τ); PAD's guard
(`pad.apply_guard`) applies when the config sets it. With every w = 0 and the guard off this is greedy
decoding of the base.

With this reward ARGS chooses exactly PAD's tokens. The prefix's reward is the same for every candidate of
a row, and log softmax over the whole vocabulary differs from PAD's log softmax over T by one constant per
row (log Σ_T e^z − log Σ_V e^z), for the PersRM and the reference alike: every candidate's score moves by
the same amount, so neither the argmax, nor softmax(score / τ), nor the guard's EOS comparison changes
(tests/test_decoding_methods.py checks the tokens). What ARGS adds is each answer's sequence reward
(`Generation.reward`); a reward that does not decompose over tokens (a sequence classifier) would make it
a different method, and is not implemented here.
"""
from __future__ import annotations

from collections.abc import Sequence

import torch

from personalign.decoding.pad import Guard, RewardLogits, apply_guard, candidate_set, choose


def args_step(z_base: torch.Tensor, rewards: list[RewardLogits], prefix: torch.Tensor, top_k: int,
              guard: Guard | None = None, history: Sequence[Sequence[int]] | None = None
              ) -> tuple[torch.Tensor, torch.Tensor, list[torch.Tensor]]:
    """Candidates [B, k'], their ARGS scores [B, k'] and each term's full-vocabulary log-ratio [B, V].

    `prefix` [J, B] holds each term's reward of the answer so far.
    """
    candidates, valid = candidate_set(z_base, top_k, guard)
    logp = z_base.float().log_softmax(-1)
    score = logp.gather(-1, candidates)
    ratios = []
    for j, term in enumerate(rewards):
        ratio = term.persrm.float().log_softmax(-1) - term.reference.float().log_softmax(-1)
        ratios.append(ratio)
        score = score + term.weight[:, None] * (prefix[j][:, None] + ratio.gather(-1, candidates))
    return candidates, apply_guard(candidates, score, logp, valid, guard, history), ratios


class _ArgsChooser:
    """The engine's per-step token choice for ARGS; keeps each row's running sequence reward per term."""

    def __init__(self, weights: list[torch.Tensor], has_ref: list[bool], cfg, guard: Guard, generator, batch: int,
                 device):
        self.weights, self.has_ref, self.cfg, self.guard, self.generator = weights, has_ref, cfg, guard, generator
        self.prefix = torch.zeros((len(weights), batch), dtype=torch.float32, device=device)

    def __call__(self, logits_for, active: torch.Tensor, history) -> torch.Tensor:
        z_base = logits_for("base")
        rewards = [RewardLogits(logits_for(("reward", j)), logits_for(("ref", j)) if self.has_ref[j] else z_base,
                                w[active]) for j, w in enumerate(self.weights)]
        vocab = min([z_base.shape[-1]] + [r.persrm.shape[-1] for r in rewards])
        rewards = [RewardLogits(r.persrm[:, :vocab], r.reference[:, :vocab], r.weight) for r in rewards]
        candidates, score, ratios = args_step(z_base[:, :vocab], rewards, self.prefix[:, active], self.cfg.top_k,
                                              self.guard, history if self.guard.no_repeat_ngram else None)
        tokens = choose(candidates, score, self.cfg.temperature, self.generator)
        for j, ratio in enumerate(ratios):
            self.prefix[j, active] += ratio.gather(-1, tokens[:, None]).squeeze(-1)
        return tokens

    def rewards(self) -> torch.Tensor:
        """Σ_j w_j R_j of each row's whole answer [B]."""
        return sum(w.float() * r for w, r in zip(self.weights, self.prefix))


def args_generate(engine, prompts, preferences, terms, cfg, generator, on_token, adapters, pole_weights=None):
    """(outputs, prefill seconds, extras): ARGS over the engine's base and the reward terms' models."""
    role_inputs = {"base": (engine.base, engine._base_inputs(prompts, preferences, cfg))}
    role_inputs.update(engine._reward_inputs(prompts, terms))
    weights = [w for _, w in terms]
    chooser = _ArgsChooser(weights, [("ref", j) in role_inputs for j in range(len(terms))], cfg, engine.guard(cfg),
                           generator, len(prompts), engine.base.device)
    outputs, prefill = engine._decode(role_inputs, [], cfg, cfg.temperature, generator, on_token, adapters=adapters,
                                      choose_tokens=chooser)
    rewards = chooser.rewards().tolist()
    for out, reward in zip(outputs, rewards):
        out.reward = float(reward)
    return outputs, prefill, {"rewards": rewards}
