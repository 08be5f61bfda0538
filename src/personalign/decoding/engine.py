"""The decoding engine: one `generate` over base, preference prompting, PAD and best-of-n.

Every model keeps a KV cache (`decoding/streams.py`). Rows are grouped by the model that scores them,
so each model runs one batched forward per step: with training-free PAD (PersRM = the base model shown
the preference) the base rows and the preference rows share a single forward. Rows that finish are
pruned from every cache, so a batch slows down only as long as its longest answer needs.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import torch

from personalign.decoding.alone import persrm_alone
from personalign.decoding.args import args_generate
from personalign.decoding.classifier import SequenceReward
from personalign.decoding.config import POLE_STRATEGIES, DecodingConfig, check_weight
from personalign.decoding.experts import PoleExperts, PoleRouter
from personalign.decoding.mod import mod_generate
from personalign.decoding.pad import Guard, RewardLogits, choose, gate_confident, pad_step, sample_full_vocab
from personalign.decoding.reward_model import RewardModel, as_reward_model
from personalign.decoding.soup import soup_generate
from personalign.decoding.streams import CacheStream
from personalign.errors import ConfigError, TokenizerMismatchError
from personalign.models import LoadedModel, encode_text, render_chat, same_vocabulary
from personalign.models.batching import answer_token_logprobs
from personalign.models.preference_block import preference_system_prompt

TokenCallback = Callable[[int, int, str], None]  # (prompt index, token id, new text)


@dataclass
class RewardTerm:
    """One personalized reward in PAD's sum: Σ_j w_j · r_j(a). Several terms = multi-objective decoding.

    `preference` and `weight` are one value for the whole batch or one per prompt. `model` is a
    `RewardModel` (a PersRM) or any causal LM with the base's tokenizer, shown the preference (None: the
    engine's reward model). `reference` is a separate reference LM (None: z_ref = z_B, as in the
    authors' release).
    """

    preference: str | Sequence[str]
    weight: float | Sequence[float] = 1.0
    model: RewardModel | LoadedModel | None = None
    reference: LoadedModel | None = None


@dataclass
class Generation:
    text: str
    token_ids: list[int]
    finish_reason: str  # "eos" | "stop" | "length"
    prompt_tokens: int
    reward: float | None = None  # best-of-n and ARGS: the answer's sequence-level reward


@dataclass
class GenerationResult:
    outputs: list[Generation]
    strategy: str
    config: DecodingConfig
    seconds: float
    prefill_seconds: float
    extras: dict = field(default_factory=dict)

    @property
    def texts(self) -> list[str]:
        return [o.text for o in self.outputs]

    @property
    def new_tokens(self) -> int:
        return sum(len(o.token_ids) for o in self.outputs)

    @property
    def tokens_per_second(self) -> float:
        return self.new_tokens / self.seconds if self.seconds > 0 else 0.0


class _RowText:
    """Incremental detokenization for stop strings and streaming (multi-byte characters stay whole)."""

    def __init__(self, tokenizer):
        self.tokenizer, self.ids, self.text, self.emitted = tokenizer, [], "", 0

    def push(self, token_id: int) -> str:
        self.ids.append(token_id)
        self.text = self.tokenizer.decode(self.ids, skip_special_tokens=True)
        if self.text.endswith("\ufffd"):  # an incomplete UTF-8 sequence: wait for the next token
            return ""
        piece, self.emitted = self.text[self.emitted:], len(self.text)
        return piece


class Engine:
    """A base model plus the reward models PAD and best-of-n consult.

    `reward_model` is the default reward model: a `RewardModel` (a PersRM) or any causal LM with the
    base's tokenizer, shown the preference. Left out, it is the base model itself shown the preference
    (training-free PAD); no weights are loaded twice.
    """

    def __init__(self, base: LoadedModel, reward_model: RewardModel | LoadedModel | None = None,
                 experts: PoleExperts | None = None, pole_router: PoleRouter | None = None,
                 args_reward: SequenceReward | None = None):
        self.base = base
        self.reward_model = reward_model if reward_model is not None else base
        # `mod` and `soup`: pole experts over the base's weights, and what reads pole weights from a preference.
        self.experts, self.pole_router = experts, pole_router
        # `args`: a sequence-level reward model (a sequence classifier) instead of the PersRM's implicit reward.
        self.args_reward = args_reward
        self._check_vocab(self.reward_model)
        tok = base.tokenizer
        self.pad_id = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        eos = {tok.eos_token_id}
        gen_eos = getattr(getattr(base.model, "generation_config", None), "eos_token_id", None)
        eos.update(gen_eos if isinstance(gen_eos, (list, tuple)) else [gen_eos])
        self.eos_ids = {e for e in eos if e is not None}

    @classmethod
    def from_pretrained(cls, model: str | None = None, reward_model: str | None = None,
                        device: str = "auto", dtype: str = "auto") -> Engine:
        from personalign.models import DEFAULT_MODEL, load

        base = load(model or DEFAULT_MODEL, device=device, dtype=dtype)
        reward = load(reward_model, device=device, dtype=dtype) if reward_model else None
        return cls(base, reward)

    @property
    def default_weight(self) -> float:
        """PAD's w when none is given: the reward model's recommended weight (a trained PersRM's), else 1."""
        recommended = as_reward_model(self.reward_model).recommended_weight
        return float(recommended) if recommended else 1.0

    def guard(self, cfg: DecodingConfig) -> Guard:
        """PAD's guard for a config (off unless cfg.min_p, cfg.eos_candidate or cfg.no_repeat_ngram)."""
        eos = self.base.tokenizer.eos_token_id if self.base.tokenizer.eos_token_id is not None else min(self.eos_ids)
        return Guard(min_p=cfg.min_p, eos_id=eos if cfg.eos_candidate else None, no_repeat_ngram=cfg.no_repeat_ngram,
                     eos_bonus=cfg.eos_bonus, eos_min_reward=cfg.eos_min_reward,
                     loop_escape=cfg.loop_escape)

    def _check_vocab(self, obj: RewardModel | LoadedModel) -> None:
        if obj is self.base:
            return
        if not same_vocabulary(self.base.tokenizer, obj.tokenizer):
            raise TokenizerMismatchError(
                f"base model {self.base.name!r} and reward model {obj.name!r} "
                f"use different tokenizers ({len(self.base.tokenizer)} vs {len(obj.tokenizer)} tokens); "
                "PAD compares logits token by token, so both must share one vocabulary"
            )

    # ----------------------------------------------------------------------------------------- API
    def generate(self, prompts: str | Sequence[str], preference: str | Sequence[str] | None = None,
                 strategy: str | None = None, terms: Sequence[RewardTerm] | None = None,
                 on_token: TokenCallback | None = None, config: DecodingConfig | None = None,
                 adapters: str | Sequence[str | None] | None = None,
                 pole_weights: Mapping[str, float] | Sequence[Mapping[str, float]] | None = None,
                 **overrides) -> GenerationResult:
        """Answer a batch of prompts; `preference` is one text or one per prompt.

        Without `config` or a `weight=` override, PAD's w is `default_weight` (a trained PersRM's
        recommended weight, else 1). `terms` replaces the single (preference, weight) term with several
        reward terms (PAD and best-of-n). `on_token(i, token_id, text)` streams each new piece of answer i. `adapters`
        names a PEFT adapter of the base model per prompt (None: none), e.g. per-user LoRAs: rows of
        different users share one batched forward. `pole_weights` (`mod`, `soup`): each pole expert's share, one
        mapping or one per prompt (None: the engine's `pole_router` reads them from the preference).
        """
        if config is None and "weight" not in overrides:
            overrides = {**overrides, "weight": self.default_weight}
        cfg = _merge_config(config, strategy, overrides)
        prompts = _as_prompt_list(prompts)
        if pole_weights is not None and cfg.strategy not in POLE_STRATEGIES:
            raise ConfigError(f"pole weights steer only the mod and soup strategies, not {cfg.strategy!r}")
        row_adapters = self._resolve_adapters(adapters, len(prompts))
        terms = self._resolve_terms(prompts, preference, terms, cfg)
        base_prefs = _per_prompt(preference, len(prompts), "preference") if preference is not None else None
        generator = None
        if cfg.seed is not None or cfg.temperature > 0 or cfg.strategy == "best-of-n":
            generator = torch.Generator(device=self.base.device)
            generator.manual_seed(cfg.seed if cfg.seed is not None else torch.seed())

        start = time.perf_counter()
        if cfg.strategy == "best-of-n":
            outputs, prefill, extras = self._best_of_n(prompts, base_prefs, terms, cfg, generator, on_token,
                                                       row_adapters)
        elif cfg.strategy in _OWN_MODULE:  # strategies in their own modules (decoding/alone.py, ...)
            outputs, prefill, extras = _OWN_MODULE[cfg.strategy](self, prompts, base_prefs, terms, cfg, generator,
                                                                 on_token, row_adapters, pole_weights)
        else:
            base_inputs = self._base_inputs(prompts, base_prefs, cfg)
            role_inputs = {"base": (self.base, base_inputs)}
            if cfg.strategy == "pad":
                role_inputs.update(self._reward_inputs(prompts, terms))
            weights = [term_weights for _, term_weights in terms] if cfg.strategy == "pad" else []
            extras = {}
            outputs, prefill = self._decode(role_inputs, weights, cfg, cfg.temperature, generator, on_token,
                                            adapters=row_adapters, extras=extras)
        return GenerationResult(outputs=outputs, strategy=cfg.strategy, config=cfg,
                                seconds=time.perf_counter() - start, prefill_seconds=prefill, extras=extras)

    # ------------------------------------------------------------------------------------- inputs
    def _resolve_adapters(self, adapters, n: int) -> list[str] | None:
        if adapters is None:
            return None
        names = [adapters] * n if isinstance(adapters, str) else list(adapters)
        if len(names) != n:
            raise ConfigError(f"got {len(names)} adapter names for {n} prompts")
        loaded = set(getattr(self.base.model, "peft_config", {}) or {})
        if all(name is None for name in names) and not loaded:
            return None
        # With a PEFT base, "no adapter" must be said explicitly, or PEFT applies its active adapter.
        unknown = sorted({name for name in names if name is not None and name not in loaded})
        if unknown:
            raise ConfigError(f"adapter(s) {', '.join(unknown)} not loaded in the base model "
                              f"(loaded: {', '.join(sorted(loaded)) or 'none'})")
        return [name if name is not None else "__base__" for name in names]

    def _resolve_terms(self, prompts, preference, terms, cfg) -> list[tuple[RewardTerm, torch.Tensor]]:
        if cfg.strategy in ("base", *POLE_STRATEGIES):  # mod and soup read pole weights, not reward terms
            return []
        if terms is None:
            if preference is None:
                raise ConfigError(f"strategy {cfg.strategy!r} needs a preference")
            terms = [RewardTerm(preference=preference, weight=cfg.weight)]
        if not terms:
            raise ConfigError("terms must hold at least one RewardTerm")
        resolved = []
        for term in terms:
            model = term.model if term.model is not None else self.reward_model
            self._check_vocab(model)
            model = as_reward_model(model)
            if term.reference is not None:
                self._check_vocab(term.reference)
            prefs = _per_prompt(term.preference, len(prompts), "preference")
            weights = [check_weight(w) for w in _per_prompt(term.weight, len(prompts), "weight")]
            resolved.append((RewardTerm(prefs, weights, model, term.reference),
                             torch.tensor(weights, dtype=torch.float32, device=self.base.device)))
        return resolved

    def _base_inputs(self, prompts, prefs, cfg) -> list[list[int]]:
        show_preference = cfg.strategy == "prompt" or (cfg.preference_in_base and cfg.strategy != "base")
        if cfg.strategy == "prompt" and prefs is None:
            raise ConfigError("strategy 'prompt' needs a preference")
        return [render_chat(self.base.tokenizer, p,
                            system=preference_system_prompt(prefs[i]) if show_preference and prefs else None)
                for i, p in enumerate(prompts)]

    def _reward_inputs(self, prompts, terms) -> dict:
        roles = {}
        for j, (term, _) in enumerate(terms):
            roles[("reward", j)] = (term.model, [term.model.reward_input_ids(p, term.preference[i])
                                                 for i, p in enumerate(prompts)])
            if term.reference is not None:
                roles[("ref", j)] = (term.reference, [render_chat(term.reference.tokenizer, p) for p in prompts])
        return roles

    # ------------------------------------------------------------------------------------- decode
    def _decode(self, role_inputs: dict, weights: list[torch.Tensor], cfg: DecodingConfig, temperature: float,
                generator, on_token, adapters: list[str] | None = None,
                choose_tokens: Callable | None = None, extras: dict | None = None) -> tuple[list[Generation], float]:
        """Decode every row in lockstep. `choose_tokens(logits_for, active, history)`, when given, picks the
        active rows' next tokens from each role's logits (full vocabulary) instead of PAD or plain decoding."""
        device = self.base.device
        batch = len(role_inputs["base"][1])
        # PersRM gating (cfg.gate_tau): the reward models run in streams of their own, stepped only at steps
        # where a row needs the reward, catching up on the tokens they missed in one multi-token forward.
        gated = bool(weights) and cfg.gate_tau is not None and choose_tokens is None
        by_model: dict[int, list] = {}
        mixed, mixed_roles = None, set()
        for role, (owner, _) in role_inputs.items():
            key = id(owner.model) if not gated or role == "base" else ("lazy", id(owner.model))
            is_reward = role != "base" and role[0] == "reward"
            if gated:
                by_model.setdefault(key, []).append(role)
                continue
            # With per-user adapters on the base rows, a PersRM joins their forward only through the fused
            # shell (PEFT's adapter_names cannot give base rows one adapter and PersRM rows another).
            # Without per-row names a PEFT base applies its active adapter to every row, which only its own
            # forward does: the PersRM then runs beside it.
            if (is_reward and (mixed is None or owner is mixed) and owner.shares_weights_with(self.base)
                    and (owner.fused_over(self.base.model) is not None if adapters is not None
                         else not getattr(self.base.model, "peft_config", None))):
                mixed, key = owner, id(self.base.model)
                mixed_roles.add(role)
            by_model.setdefault(key, []).append(role)
        guard = self.guard(cfg)
        # PAD reads reward rows' logits only over the base's top-k (plus EOS under the guard).
        candidates = ((cfg.top_k, [guard.eos_id] if guard.eos_id is not None else []) if weights else None)
        t0 = time.perf_counter()
        with torch.inference_mode():
            streams = {}
            for key, roles in by_model.items():
                owner = role_inputs[roles[0]][0]
                shared = mixed if key == id(self.base.model) and mixed_roles else None
                own_adapters = adapters if "base" in roles else None
                if gated and "base" not in roles:
                    # A PersRM's rows alone through its fused shell; the base shown the preference keeps
                    # the user's adapter, as in the base's stream.
                    fused = roles[0][0] == "reward" and owner.fused_over() is not None
                    shared, mixed_roles = (owner, set(roles)) if fused else (None, set())
                    own_adapters = adapters if owner.model is self.base.model else None
                stream = CacheStream(owner.model, roles, [ids for r in roles for ids in role_inputs[r][1]],
                                     self.pad_id, device, mixed=shared, mixed_roles=frozenset(mixed_roles),
                                     adapters=own_adapters, candidates=candidates)
                streams.update({r: stream for r in roles})
            prefill = time.perf_counter() - t0
            unique_streams = list({id(s): s for s in streams.values()}.values())
            lazy = [s for s in unique_streams if s is not streams["base"]] if gated else []
            if gated:
                vocab = min(s.logits.shape[-1] for s in unique_streams)
                log_tau = math.log(cfg.gate_tau) if cfg.gate_tau > 0 else float("-inf")
                gate_stats = {"row_steps": 0, "confident": 0, "single_candidate": 0, "reward_forwards": 0}

            texts = [_RowText(self.base.tokenizer) for _ in range(batch)]
            finish = [None] * batch
            active = torch.arange(batch, device=device)
            watch_text = bool(cfg.stop) or on_token is not None
            for step in range(cfg.max_new_tokens):
                z_base = streams["base"].logits_for("base")
                if choose_tokens is not None:
                    tokens = choose_tokens(lambda role: streams[role].logits_for(role), active,
                                           [texts[row].ids for row in active.tolist()])
                elif gated:
                    history = [texts[row].ids for row in active.tolist()] if guard.no_repeat_ngram else None
                    tokens = self._gated_step(z_base[:, :vocab], streams, weights, active, cfg, guard, history,
                                              log_tau, lazy, temperature, generator, gate_stats)
                elif weights:
                    rewards = _term_logits(streams, weights, active, z_base)
                    vocab = rewards[0].persrm.shape[-1]
                    history = [texts[row].ids for row in active.tolist()] if guard.no_repeat_ngram else None
                    # The fused forward already ranked the base's logits for the reward rows' LM head.
                    top = streams["base"].base_top_k() if vocab == z_base.shape[-1] else None
                    candidates, score = pad_step(z_base[:, :vocab], rewards, cfg.top_k, guard, history, top)
                    tokens = choose(candidates, score, temperature, generator)
                else:
                    tokens = sample_full_vocab(z_base, temperature, cfg.top_p, generator)

                for row, token in zip(active.tolist(), tokens.tolist()):
                    piece = texts[row].push(token) if watch_text else texts[row].ids.append(token)
                    if token in self.eos_ids:
                        finish[row] = "eos"
                    elif cfg.stop and any(s in texts[row].text for s in cfg.stop):
                        finish[row] = "stop"
                    elif step == cfg.max_new_tokens - 1:
                        finish[row] = "length"
                    if on_token is not None and piece and finish[row] != "stop":
                        on_token(row, token, piece)
                done = torch.tensor([finish[r] is not None for r in active.tolist()], device=device)
                if bool(done.all()):
                    break
                if bool(done.any()):
                    keep = (~done).nonzero().squeeze(-1)
                    active, tokens = active[keep], tokens[keep]
                    for stream in unique_streams:
                        stream.keep(keep)
                for stream in unique_streams:
                    if stream in lazy:
                        stream.defer(tokens)
                    else:
                        stream.step(tokens)

        outputs = []
        for row in range(batch):
            text = self.base.tokenizer.decode(texts[row].ids, skip_special_tokens=True)
            if finish[row] == "stop":
                text = _cut_at_stop(text, cfg.stop)
            outputs.append(Generation(text=text, token_ids=texts[row].ids, finish_reason=finish[row],
                                      prompt_tokens=len(role_inputs["base"][1][row])))
        if gated and extras is not None:
            extras["gate"] = gate_stats
        return outputs, prefill

    def _gated_step(self, z_base, streams, weights, active, cfg, guard, history, log_tau, lazy, temperature,
                    generator, stats) -> torch.Tensor:
        """One PAD step with the PersRM gated: rows where the base is confident (p_base(top-1) >= tau) or the
        guard leaves a single candidate whatever the reward take PAD's step with w = 0; the reward models run
        (catching up) only when some row needs them."""
        candidates, free = pad_step(z_base, [], cfg.top_k, guard, history)  # PAD with every w = 0
        confident = gate_confident(z_base, log_tau)
        # Without the EOS candidate the guard's choices never depend on the reward: one left is the answer.
        single = (free.isfinite().sum(-1) == 1) if guard.eos_id is None else torch.zeros_like(confident)
        skip = confident | single
        stats["row_steps"] += len(skip)
        stats["confident"] += int(confident.sum())
        stats["single_candidate"] += int((single & ~confident).sum())
        if bool(skip.all()):
            return choose(candidates, free, temperature, generator)
        stats["reward_forwards"] += 1
        for stream in lazy:
            stream.catch_up()
        candidates, score = pad_step(z_base, _term_logits(streams, weights, active, z_base), cfg.top_k, guard,
                                     history)
        return choose(candidates, torch.where(skip[:, None], free, score), temperature, generator)

    # --------------------------------------------------------------------------------- best-of-n
    def _best_of_n(self, prompts, prefs, terms, cfg, generator, on_token, adapters):
        """Sample n answers per prompt from the base, keep the one with the highest sequence reward.

        A sampled token may fall outside the base's top-k, so the sequence reward uses full-vocabulary
        log-probabilities: R(y) = Σ_j w_j Σ_t [log p_R(y_t) − log p_ref(y_t)], which is the DPO
        implicit reward of the PersRM against the reference.
        """
        n = cfg.n
        expanded = [p for p in prompts for _ in range(n)]
        expanded_prefs = [p for p in prefs for _ in range(n)] if prefs is not None else None
        base_inputs = self._base_inputs(expanded, expanded_prefs, cfg)
        temperature = cfg.temperature if cfg.temperature > 0 else cfg.candidate_temperature
        row_adapters = [a for a in adapters for _ in range(n)] if adapters else None
        candidates, prefill = self._decode({"base": (self.base, base_inputs)}, [], cfg, temperature, generator, None,
                                           adapters=row_adapters)
        rewards = self._answer_rewards(terms, expanded, base_inputs, [c.token_ids for c in candidates], row_adapters,
                                       group=n)
        outputs = []
        for i in range(len(prompts)):
            best = i * n + int(rewards[i * n:(i + 1) * n].argmax())
            chosen = candidates[best]
            chosen.reward = float(rewards[best])
            outputs.append(chosen)
            if on_token is not None and chosen.text:
                on_token(i, chosen.token_ids[-1] if chosen.token_ids else -1, chosen.text)
        extras = {"candidates": [[c.text for c in candidates[i * n:(i + 1) * n]] for i in range(len(prompts))],
                  "rewards": rewards.view(len(prompts), n).tolist()}
        return outputs, prefill, extras

    def sequence_rewards(self, prompts: str | Sequence[str], answers: Sequence[str | Sequence[int]],
                         preference: str | Sequence[str] | None = None, terms: Sequence[RewardTerm] | None = None,
                         weight: float | None = None, adapters: str | Sequence[str | None] | None = None
                         ) -> list[float]:
        """best-of-n's sequence reward of answers generated anywhere (texts, or the base's token ids):

            R(y) = Σ_j w_j Σ_t [log p_Rj(y_t | x, pref_j, y_<t) − log p_ref(y_t | x, y_<t)]

        over the full vocabulary, the reference being the base (with the row's adapter) reading the plain prompt.
        `prompts` is one prompt for every answer or one per answer; `preference`/`weight` give one term (w:
        `default_weight` when None), `terms` several. Runs the models: call it where they are owned."""
        ids = [encode_text(self.base.tokenizer, a) if isinstance(a, str) else list(a) for a in answers]
        if not ids:
            return []
        group = len(ids) if isinstance(prompts, str) else 1  # one prompt: every answer answers it
        prompts = _as_prompt_list(prompts)
        if len(prompts) * group != len(ids):
            raise ConfigError(f"got {len(prompts)} prompts for {len(ids)} answers")
        cfg = _merge_config(None, "best-of-n", {"weight": self.default_weight if weight is None else weight})
        resolved = self._resolve_terms(prompts, preference, terms, cfg)
        row_adapters = self._resolve_adapters(adapters, len(prompts))
        rows = [p for p in prompts for _ in range(group)]
        row_adapters = [a for a in row_adapters for _ in range(group)] if row_adapters else None
        with torch.inference_mode():
            rewards = self._answer_rewards(resolved, rows, self._base_inputs(rows, None, cfg), ids, row_adapters,
                                           group=group)
        return rewards.tolist()

    def _answer_rewards(self, terms, prompts, base_inputs, answers, adapters, group: int = 1) -> torch.Tensor:
        """Σ_j w_j · log-ratio of each answer; row i reads term preference and weight of prompt i // group."""
        rewards = torch.zeros(len(prompts))
        for term, weights in terms:
            reward_ctx = [term.model.reward_input_ids(p, term.preference[i // group]) for i, p in enumerate(prompts)]
            ref_owner = term.reference or self.base
            ref_ctx = ([render_chat(term.reference.tokenizer, p) for p in prompts]
                       if term.reference is not None else base_inputs)
            # z_ref = z_B: the reference is the policy that sampled, user adapter included.
            log_ratio = (self._sequence_logprob(term.model.model, reward_ctx, answers)
                         - self._sequence_logprob(ref_owner.model, ref_ctx, answers,
                                                  adapters=adapters if term.reference is None else None))
            rewards += weights.cpu().repeat_interleave(group) * log_ratio
        return rewards

    def _sequence_logprob(self, model, contexts: list[list[int]], answers: list[list[int]],
                          adapters: list[str] | None = None) -> torch.Tensor:
        """Σ_t log p(answer_t | context, answer_<t) for each row."""
        extra = (lambda a, b: {"adapter_names": adapters[a:b]}) if adapters else None
        rows = answer_token_logprobs(model, contexts, answers, self.pad_id, device=self.base.device,
                                     forward_kwargs=extra)
        return torch.tensor([float(r.sum()) for r in rows])


# ------------------------------------------------------------------------------------------ helpers
# strategy -> fn(engine, prompts, preferences, terms, cfg, generator, on_token, adapters)
#             -> (outputs, prefill seconds, extras)
_OWN_MODULE = {"persrm-alone": persrm_alone, "args": args_generate, "mod": mod_generate, "soup": soup_generate}


def _term_logits(streams, weights: list[torch.Tensor], active: torch.Tensor, z_base: torch.Tensor
                 ) -> list[RewardLogits]:
    """Each reward term's PersRM and reference logits (the base's when the term has no reference model) for the
    active rows, cut to the vocabulary they and the base all have."""
    rewards = [RewardLogits(streams[("reward", j)].logits_for(("reward", j)),
                            streams[("ref", j)].logits_for(("ref", j)) if ("ref", j) in streams else z_base,
                            w[active]) for j, w in enumerate(weights)]
    vocab = min([z_base.shape[-1]] + [r.persrm.shape[-1] for r in rewards])
    return [RewardLogits(r.persrm[:, :vocab], r.reference[:, :vocab], r.weight) for r in rewards]


def _merge_config(config: DecodingConfig | None, strategy: str | None, overrides: dict) -> DecodingConfig:
    cfg = DecodingConfig(**{**(config.to_dict() if config else {}), **overrides})
    if strategy is not None:
        cfg.strategy = strategy
    return cfg.validate()


def _as_prompt_list(prompts) -> list[str]:
    prompts = [prompts] if isinstance(prompts, str) else list(prompts)
    if not prompts:
        raise ConfigError("no prompts given")
    for p in prompts:
        if not isinstance(p, str) or not p.strip():
            raise ConfigError("prompts must be non-empty strings")
        _check_text(p, "prompt")
    return prompts


def _check_text(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError(f"{what} is not valid UTF-8 text") from None
    if "\x00" in text:
        raise ConfigError(f"{what} contains a NUL byte")


def _per_prompt(value, n: int, what: str) -> list:
    values = [value] * n if isinstance(value, (str, int, float)) else list(value)
    if len(values) != n:
        raise ConfigError(f"got {len(values)} {what} values for {n} prompts")
    if what == "preference":
        for v in values:
            if not isinstance(v, str) or not v.strip():
                raise ConfigError("preferences must be non-empty strings")
            _check_text(v, "preference")
    return values


def _cut_at_stop(text: str, stops: Sequence[str]) -> str:
    cut = min((text.find(s) for s in stops if s in text), default=len(text))
    return text[:cut]
