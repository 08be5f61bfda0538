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
the same amount, so neither the argmax, nor softmax(score / τ), nor the guard's EOS comparison changes; the
guard's rules that read the reward itself (EOS bonus and floor) are given PAD's step reward
(tests/test_decoding_methods.py checks the tokens). What ARGS adds is each answer's sequence reward
(`Generation.reward`).

**ARGS with a sequence classifier** (`Engine(args_reward=ClassifierReward(...))`, `decoding/classifier.py`):
R_j(x, y) is a reward model's score of the whole chat (preference p_j in its system turn), which does not
decompose over tokens, so every candidate needs its own pass:

    score(a) = log p_B(a | x, y_<t) + Σ_j w_j · RM(context(x, p_j) + y_<t + a + suffix)

When the reward model shares the base's vocabulary and is a decoder with a `score` head (Llama-, Qwen-,
Mistral-, GPT-2-style reward models), the context and answer so far stay in its KV cache: per step it runs
k' candidate rows of 1 + |suffix| tokens each against the cached prefix, then keeps the chosen candidate's
row and drops the suffix (cost per token: k'·(1 + |suffix|) reward-model token positions per preference,
beside the base's one). Otherwise each step scores k' whole chats from scratch (answer re-tokenized as text):
k' full reward-model passes per token, so a T-token answer costs O(k'·T²) reward-model positions.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import torch

from personalign.decoding.pad import Guard, RewardLogits, apply_guard, candidate_set, choose, token_reward
from personalign.models.batching import left_pad
from personalign.models.kv_cache import cache_kwargs, returned_cache


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
    # The guard's EOS rules read PAD's step reward (normalized over T, without the prefix's reward): an absolute
    # floor on r(EOS) must see the number PAD sees, or ARGS would end answers where PAD does not.
    step_reward = None
    if (guard is not None and not guard.off and guard.eos_id is not None
            and (guard.eos_bonus or guard.eos_min_reward is not None)):
        step_reward = sum((term.weight[:, None] * token_reward(term.persrm, term.reference, candidates, valid)
                           for term in rewards), torch.zeros_like(score))
    return candidates, apply_guard(candidates, score, logp, valid, guard, history, step_reward), ratios


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


class _ClassifierChooser:
    """ARGS's token choice with a sequence classifier's reward (rows of the reward model: term-major, j·B + i)."""

    def __init__(self, engine, reward, prompts, terms, cfg, generator):
        # A classifier's score is no log-ratio, so the EOS floor (nats of PAD's reward) does not apply to it.
        self.reward, self.cfg, self.generator = reward, cfg, generator
        self.guard = replace(engine.guard(cfg), eos_min_reward=None)
        self.eos_ids, self.tokenizer, self.device = engine.eos_ids, engine.base.tokenizer, engine.base.device
        self.weights = [w for _, w in terms]
        self.prompts = list(prompts)
        self.prefs = [term.preference for term, _ in terms]
        self.last = torch.zeros(len(prompts), dtype=torch.float32, device=self.device)  # Σ_j w_j R_j, chosen
        self.cached = reward.cacheable(self.tokenizer)
        self.segments = [reward.segments(p, prefs[i]) for prefs in self.prefs for i, p in enumerate(prompts)]
        self.rows = torch.arange(len(prompts), device=self.device)  # the prompts the reward rows hold
        self.cache = None

    def _prefill(self) -> None:
        ids, self.mask, positions = left_pad([c for c, _ in self.segments], self.reward.pad_id, self.reward.device)
        out = self.reward.backbone(input_ids=ids, attention_mask=self.mask, position_ids=positions, use_cache=True)
        self.cache = returned_cache(out)

    def _prune(self, active: torch.Tensor) -> None:
        if len(active) == len(self.rows):
            return
        n = len(self.rows)
        keep = torch.searchsorted(self.rows, active)
        rows = torch.cat([keep + j * n for j in range(len(self.weights))])
        self.segments = [self.segments[r] for r in rows.tolist()]
        if self.cache is not None:
            self.cache.batch_select_indices(rows.to(self.reward.device))
            self.mask = self.mask[rows.to(self.mask.device)]
        self.rows = active.clone()

    def _cached_rewards(self, candidates: torch.Tensor) -> torch.Tensor:
        """RM(context + y_<t + a + suffix) [J·B, k] from the cache; the cache is left expanded k-fold."""
        dev, k = self.reward.device, candidates.shape[1]
        cands = candidates.repeat(len(self.weights), 1).tolist()
        blocks, reads = [], []
        for r, row in enumerate(cands):
            suffix = self.segments[r][1]
            for a in row:
                block = list(suffix) if a in self.eos_ids and suffix else [a, *suffix]
                blocks.append(block)
                reads.append(len(block) - 1)
        width = max(len(b) for b in blocks)
        ids = torch.tensor([b + [self.reward.pad_id] * (width - len(b)) for b in blocks], device=dev)
        new = torch.tensor([[1] * len(b) + [0] * (width - len(b)) for b in blocks], device=dev)
        mask = torch.cat([self.mask.repeat_interleave(k, 0), new], -1)
        positions = self.mask.sum(-1, keepdim=True).repeat_interleave(k, 0) + torch.arange(width, device=dev)
        self.cache.batch_repeat_interleave(k)
        hidden = self.reward.backbone(input_ids=ids, attention_mask=mask, position_ids=positions,
                                      use_cache=True, **cache_kwargs(self.cache)).last_hidden_state
        last = hidden[torch.arange(len(blocks), device=dev), torch.tensor(reads, device=dev)]
        self.width = width
        return self.reward.reward_of(self.reward.head(last)).view(len(cands), k)

    def _keep_chosen(self, pick: torch.Tensor, k: int) -> None:
        """The cache back to one row per reward row: the chosen candidate's, its suffix dropped."""
        dev = self.reward.device
        chosen = pick.to(dev).repeat(len(self.weights)) + torch.arange(len(self.segments), device=dev) * k
        self.cache.batch_select_indices(chosen)
        if self.width > 1:
            self.cache.crop(-(self.width - 1))
        self.mask = torch.cat([self.mask, self.mask.new_ones((self.mask.shape[0], 1))], -1)

    def _text_rewards(self, candidates: torch.Tensor, history) -> torch.Tensor:
        """Every candidate's whole chat scored from scratch [J·B, k] (no cache: any classifier, any vocabulary)."""
        items = []
        for prefs in self.prefs:
            for b, row in enumerate(candidates.tolist()):
                i = int(self.rows[b])
                for a in row:
                    answer = list(history[b]) + ([] if a in self.eos_ids else [a])
                    items.append((self.prompts[i], prefs[i], self.tokenizer.decode(answer, skip_special_tokens=True)))
        return torch.tensor(self.reward.score(items), device=self.device).view(-1, candidates.shape[1])

    def __call__(self, logits_for, active: torch.Tensor, history) -> torch.Tensor:
        z_base = logits_for("base")
        self._prune(active)
        if self.cached and self.cache is None:
            self._prefill()
        candidates, valid = candidate_set(z_base, self.cfg.top_k, self.guard)
        logp = z_base.float().log_softmax(-1)
        k = candidates.shape[1]
        rm = (self._cached_rewards(candidates) if self.cached else self._text_rewards(candidates, history))
        rm = rm.to(self.device).view(len(self.weights), len(active), k)
        bonus = sum(w[active][:, None] * rm[j] for j, w in enumerate(self.weights))
        score = apply_guard(candidates, logp.gather(-1, candidates) + bonus, logp, valid, self.guard,
                            history if self.guard.no_repeat_ngram else None)
        tokens = choose(candidates, score, self.cfg.temperature, self.generator)
        pick = (candidates == tokens[:, None]).int().argmax(-1)
        self.last[active] = bonus.gather(-1, pick[:, None]).squeeze(-1)
        if self.cached:
            self._keep_chosen(pick, k)
        return tokens

    def rewards(self) -> torch.Tensor:
        return self.last


def args_generate(engine, prompts, preferences, terms, cfg, generator, on_token, adapters, pole_weights=None):
    """(outputs, prefill seconds, extras): ARGS over the engine's base and the reward terms' models, or the
    engine's `args_reward` (a sequence classifier) reading each term's preference."""
    role_inputs = {"base": (engine.base, engine._base_inputs(prompts, preferences, cfg))}
    if engine.args_reward is not None:
        chooser = _ClassifierChooser(engine, engine.args_reward, prompts, terms, cfg, generator)
        outputs, prefill = engine._decode(role_inputs, [], cfg, cfg.temperature, generator, on_token,
                                          adapters=adapters, choose_tokens=chooser)
        rewards = chooser.rewards().tolist()
        for out, reward in zip(outputs, rewards):
            out.reward = float(reward)
        return outputs, prefill, {"rewards": rewards, "reward_model": engine.args_reward.name,
                                  "kv_cached": chooser.cached}
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
