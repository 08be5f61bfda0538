"""Strategy registry: name → callable(context, prompts, preferences, params) → texts + timing.

Built-ins: base, prompt, pad (training-free PersRM = the base shown the preference), pad-trained (a
trained PersRM, registered as available when one is configured), pad-trained-unguarded (the authors'
PAD step, without DecodingConfig's guard), best-of-n, persrm-alone (the trained PersRM decoding on
its own: PAD's control), args (ARGS with the PersRM's implicit reward), args-rm (ARGS with a sequence
classifier, --args-reward), soup and mod (pole experts). PAD strategies take the step options of
`decoding.PAD_STEP_OPTIONS` (the guard, gating) from a variant's parameters, else DecodingConfig's defaults.
A later method plugs in with `register_strategy` and is compared in the same run, by the same judges, with no
other change:

    @register_strategy("my-method", description="...")
    def my_method(ctx, prompts, preferences, params):
        ...
        return StrategyOutput(texts=..., seconds=..., new_tokens=[...], finish_reasons=[...])
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from personalign.decoding import GUARD_OFF, PAD_STEP_OPTIONS, Engine
from personalign.errors import ConfigError
from personalign.models import LoadedModel


@dataclass
class StrategyOutput:
    texts: list[str]
    seconds: float                     # wall time of the whole batch
    new_tokens: list[int]              # generated tokens per answer
    finish_reasons: list[str | None]   # "eos" | "stop" | "length" | None (unknown)
    token_ids: list[list[int]] | None = None  # lets perplexity skip re-tokenizing when known

    def check(self, expected: int, name: str) -> StrategyOutput:
        for what, seq in (("texts", self.texts), ("new_tokens", self.new_tokens),
                          ("finish_reasons", self.finish_reasons)):
            if len(seq) != expected:
                raise ConfigError(f"strategy {name!r} returned {len(seq)} {what} for {expected} prompts")
        if any(not isinstance(t, str) for t in self.texts):
            raise ConfigError(f"strategy {name!r} returned a non-string answer")
        return self


@dataclass
class StrategyContext:
    """What a strategy may use. `persrm` is the trained PersRM when one is configured; `experts` names the
    pole experts of `soup` and `mod` (None: the shipped ones for the embedded model); `args_reward` the sequence
    classifier `args-rm` decodes with."""

    base: LoadedModel
    engine: Engine
    persrm: object | None = None
    max_new_tokens: int = 96
    top_k: int = 10
    seed: int = 0
    experts: str | None = None
    args_reward: str | None = None  # a local AutoModelForSequenceClassification dir: ARGS's reward (args-rm)
    _engines: dict = field(default_factory=dict, repr=False)

    def trained_engine(self) -> Engine:
        if self.persrm is None:
            raise ConfigError("this strategy needs a trained PersRM: pass --persrm DIR")
        if "trained" not in self._engines:
            self._engines["trained"] = Engine(self.base, reward_model=self.persrm)
        return self._engines["trained"]

    def experts_engine(self) -> Engine:
        """An engine with the pole experts, reading each user's pole weights from the preference text."""
        if "experts" not in self._engines:
            from personalign.rewards.experts import resolve_experts

            experts = resolve_experts(self.experts, self.base)
            if experts is None:
                raise ConfigError("soup and mod need pole experts for this model: pass --experts DIR "
                                  "(`personalign train-experts` trains them)")
            self._engines["experts"] = Engine(self.base, experts=experts, pole_router=text_pole_router())
        return self._engines["experts"]

    def args_reward_engine(self) -> Engine:
        """An engine whose ARGS reward is the sequence classifier at `args_reward` (loaded once)."""
        if self.args_reward is None:
            raise ConfigError("strategy 'args-rm' needs a sequence-classification reward model: "
                              "pass --args-reward DIR")
        if "args-rm" not in self._engines:
            from personalign.eval.judges import SequenceClassifierJudge

            reward = SequenceClassifierJudge(self.args_reward, device=self.base.device).reward
            self._engines["args-rm"] = Engine(self.base, args_reward=reward)
        return self._engines["args-rm"]


def text_pole_router():
    """Pole weights from a preference text: each sentence's pole by `memory.classify` (keywords, then the
    embedding fallback), weight 1 per pole named, normalized (`decoding.route_preference`)."""
    from personalign.decoding import route_preference
    from personalign.memory.classify import classify_preference
    from personalign.models.embeddings import default_embedder

    embedder = default_embedder()
    return lambda text: route_preference(text, lambda sentence: classify_preference(sentence, embedder=embedder))


StrategyFn = Callable[[StrategyContext, Sequence[str], Sequence[str | None], dict], StrategyOutput]


@dataclass(frozen=True)
class StrategySpec:
    name: str
    fn: StrategyFn
    description: str = ""
    personalized: bool = True     # False: the answer ignores the preference, so it is generated once per prompt
    needs_persrm: bool = False
    sweeps_weight: bool = False   # expanded over the run's --weights
    defaults: tuple[tuple[str, object], ...] = ()
    needs_experts: bool = False   # pole experts (soup, mod)
    in_default: bool = True       # run when no --strategies are given (and its needs are met)
    forwards_per_token: str = "1"  # model rows run per generated token (the report's cost column)
    training: str = "none"        # what it needs trained: "none", "persrm" or "experts"
    needs_args_reward: bool = False  # a sequence classifier as ARGS's reward (--args-reward)


REGISTRY: dict[str, StrategySpec] = {}


def register_strategy(name: str, fn: StrategyFn | None = None, *, description: str = "", personalized: bool = True,
                      needs_persrm: bool = False, sweeps_weight: bool = False, defaults: dict | None = None,
                      needs_experts: bool = False, in_default: bool = True, forwards_per_token: str = "1",
                      training: str = "none", needs_args_reward: bool = False):
    """Add a strategy (usable as a decorator). Re-registering a name replaces it."""
    if not name or any(c in name for c in "(),= "):
        raise ConfigError(f"invalid strategy name {name!r}")

    def add(func: StrategyFn) -> StrategyFn:
        REGISTRY[name] = StrategySpec(name, func, description, personalized, needs_persrm, sweeps_weight,
                                      tuple(sorted((defaults or {}).items())), needs_experts, in_default,
                                      forwards_per_token, training, needs_args_reward)
        return func

    return add(fn) if fn is not None else add


def get_strategy(name: str) -> StrategySpec:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ConfigError(f"unknown strategy {name!r}; registered: {', '.join(REGISTRY)}") from None


@dataclass(frozen=True)
class Variant:
    """One strategy with concrete parameters: one row group in every table."""

    strategy: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def param_dict(self) -> dict:
        return dict(self.params)

    @property
    def label(self) -> str:
        if not self.params:
            return self.strategy
        short = {"weight": "w"}
        return f"{self.strategy}({','.join(f'{short.get(k, k)}={_fmt(v)}' for k, v in self.params)})"


def _fmt(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def expand_variants(names: Sequence[str], weights: Sequence[float], overrides: dict | None = None) -> list[Variant]:
    """Strategies × their parameters; weight-sweeping strategies get one variant per weight."""
    variants = []
    for name in names:
        spec = get_strategy(name)
        params = dict(spec.defaults)
        params.update((overrides or {}).get(name, {}))
        if spec.sweeps_weight:
            for w in weights:
                variants.append(Variant(name, tuple(sorted({**params, "weight": float(w)}.items()))))
        else:
            variants.append(Variant(name, tuple(sorted(params.items()))))
    seen, unique = set(), []
    for v in variants:
        if v not in seen:
            seen.add(v)
            unique.append(v)
    return unique


# ------------------------------------------------------------------------------------- built-ins
def _from_result(result) -> StrategyOutput:
    return StrategyOutput(texts=result.texts, seconds=result.seconds,
                          new_tokens=[len(o.token_ids) for o in result.outputs],
                          finish_reasons=[o.finish_reason for o in result.outputs],
                          token_ids=[list(o.token_ids) for o in result.outputs])


@register_strategy("base", personalized=False, description="the base model, preference not shown")
def _base(ctx: StrategyContext, prompts, preferences, params) -> StrategyOutput:
    return _from_result(ctx.engine.generate(list(prompts), strategy="base", max_new_tokens=ctx.max_new_tokens,
                                            seed=ctx.seed))


@register_strategy("prompt", description="preference prompting: the preference in the system turn")
def _prompt(ctx, prompts, preferences, params) -> StrategyOutput:
    return _from_result(ctx.engine.generate(list(prompts), preference=list(preferences), strategy="prompt",
                                            max_new_tokens=ctx.max_new_tokens, seed=ctx.seed))


def _guard(params: dict) -> dict:
    """The PAD guard options a variant sets; the others keep DecodingConfig's defaults."""
    return {k: params[k] for k in PAD_STEP_OPTIONS if k in params}


@register_strategy("pad", sweeps_weight=True, forwards_per_token="2 (base + base shown the preference, one batch)",
                   description="PAD, training-free: the PersRM is the base model shown the preference")
def _pad(ctx, prompts, preferences, params) -> StrategyOutput:
    return _from_result(ctx.engine.generate(list(prompts), preference=list(preferences), strategy="pad",
                                            weight=float(params["weight"]), top_k=ctx.top_k,
                                            max_new_tokens=ctx.max_new_tokens, seed=ctx.seed, **_guard(params)))


@register_strategy("pad-trained", sweeps_weight=True, needs_persrm=True, training="persrm",
                   forwards_per_token="2 (base + PersRM rows, one batch)",
                   description="PAD with the trained PersRM given by --persrm")
def _pad_trained(ctx, prompts, preferences, params) -> StrategyOutput:
    return _from_result(ctx.trained_engine().generate(list(prompts), preference=list(preferences), strategy="pad",
                                                      weight=float(params["weight"]), top_k=ctx.top_k,
                                                      max_new_tokens=ctx.max_new_tokens, seed=ctx.seed,
                                                      **_guard(params)))


@register_strategy("pad-trained-unguarded", sweeps_weight=True, needs_persrm=True, training="persrm",
                   forwards_per_token="2 (base + PersRM rows, one batch)",
                   description="PAD with the trained PersRM, the authors' step: whole top-k, no EOS candidate, "
                               "no repetition rule")
def _pad_trained_unguarded(ctx, prompts, preferences, params) -> StrategyOutput:
    return _pad_trained(ctx, prompts, preferences, {**params, **GUARD_OFF})


@register_strategy("best-of-n", defaults={"n": 4}, training="persrm",
                   forwards_per_token="n sampled + 2n scoring (teacher-forced) per answer token",
                   description="n sampled base answers reranked by the PersRM's implicit reward "
                               "(trained PersRM when configured, else training-free)")
def _best_of_n(ctx, prompts, preferences, params) -> StrategyOutput:
    engine = ctx.trained_engine() if ctx.persrm is not None else ctx.engine
    return _from_result(engine.generate(list(prompts), preference=list(preferences), strategy="best-of-n",
                                        n=int(params["n"]), max_new_tokens=ctx.max_new_tokens, seed=ctx.seed))


@register_strategy("persrm-alone", needs_persrm=True, in_default=False, training="persrm",
                   forwards_per_token="1 (the PersRM)",
                   description="the trained PersRM decoding alone (greedy, full vocabulary, no base model): "
                               "the control for PAD")
def _persrm_alone(ctx, prompts, preferences, params) -> StrategyOutput:
    return _from_result(ctx.trained_engine().generate(list(prompts), preference=list(preferences),
                                                      strategy="persrm-alone", max_new_tokens=ctx.max_new_tokens,
                                                      seed=ctx.seed))


@register_strategy("args", sweeps_weight=True, in_default=False, training="persrm",
                   forwards_per_token="2 (base + PersRM rows, one batch)",
                   description="ARGS: the base's top-k rescored by w x the PersRM's sequence-level implicit reward "
                               "(trained PersRM when configured, else training-free); with this reward its tokens "
                               "are PAD's")
def _args(ctx, prompts, preferences, params) -> StrategyOutput:
    engine = ctx.trained_engine() if ctx.persrm is not None else ctx.engine
    return _from_result(engine.generate(list(prompts), preference=list(preferences), strategy="args",
                                        weight=float(params["weight"]), top_k=ctx.top_k,
                                        max_new_tokens=ctx.max_new_tokens, seed=ctx.seed, **_guard(params)))


def _pole_experts_strategy(strategy: str) -> StrategyFn:
    """soup and mod: the experts' engine, pole weights read from each user's preference."""
    def run(ctx, prompts, preferences, params) -> StrategyOutput:
        return _from_result(ctx.experts_engine().generate(list(prompts), preference=list(preferences),
                                                          strategy=strategy, max_new_tokens=ctx.max_new_tokens,
                                                          seed=ctx.seed))
    return run


register_strategy("soup", _pole_experts_strategy("soup"), needs_experts=True, in_default=False, training="experts",
                  forwards_per_token="1 (the merged experts; one merge per weight vector)",
                  description="Personalized Soups: the pole experts' LoRA deltas averaged with the poles the "
                              "preference names (read by memory.classify)")
register_strategy("mod", _pole_experts_strategy("mod"), needs_experts=True, in_default=False, training="experts",
                  forwards_per_token="one per expert the preference names (rows of one batch)",
                  description="MOD: the pole experts' next-token logits averaged over the poles the preference "
                              "names (read by memory.classify)")


@register_strategy("args-rm", sweeps_weight=True, in_default=False, needs_args_reward=True,
                   forwards_per_token="1 + k' reward-model rows of 1 + |template suffix| tokens (KV-cached; "
                                      "k' whole chats per token when the RM cannot be cached)",
                   description="ARGS with a sequence classifier (--args-reward): the base's top-k rescored by "
                               "w x the reward model's score of the chat with the answer so far + candidate")
def _args_rm(ctx, prompts, preferences, params) -> StrategyOutput:
    return _from_result(ctx.args_reward_engine().generate(
        list(prompts), preference=list(preferences), strategy="args", weight=float(params["weight"]), top_k=ctx.top_k,
        max_new_tokens=ctx.max_new_tokens, seed=ctx.seed, **_guard(params)))
