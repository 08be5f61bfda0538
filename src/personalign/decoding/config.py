"""DecodingConfig: every knob of the engine, validated in one place (CLI and server reuse it)."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from personalign.errors import ConfigError

STRATEGIES = ("base", "prompt", "pad", "best-of-n", "persrm-alone", "args", "mod", "soup")
# The strategies that decode with pole experts and read pole weights (not reward terms).
POLE_STRATEGIES = ("mod", "soup")
# The PAD step's per-request options (its guard, then PersRM gating) that the server and the eval harness pass on.
PAD_STEP_OPTIONS = ("min_p", "eos_candidate", "no_repeat_ngram", "eos_bonus", "eos_min_reward", "loop_escape",
                    "gate_tau")
# What each of those options does, said once: the CLI's help and the server's field descriptions both read it
# (each then adds its own default).
PAD_STEP_HELP = {
    "min_p": "PAD guard: keep candidates with p_base(a) >= min_p * max p_base, in [0, 1) (0: the whole top-k).",
    "eos_candidate": "PAD guard: end-of-sequence is always a candidate, so a short answer can end.",
    "no_repeat_ngram": "PAD guard: drop candidates that would repeat an n-gram of the answer (0: off; 1 is refused).",
    "eos_bonus": "PAD guard: raise end-of-sequence's score by this where the reward prefers ending (>= 0; shortens "
                 "answers of every style).",
    "eos_min_reward": "PAD guard: end-of-sequence from outside the top-k ends the answer only where the reward "
                      "prefers ending by at least this (sum of w * r(EOS), >= 0; PAD's and ARGS's implicit reward, "
                      "not a classifier's).",
    "loop_escape": "PAD guard: after this many tokens that each repeated an n-gram, where every candidate min_p keeps "
                   "would repeat one, choose among the top-k's unrepeated tokens (0: off).",
    "gate_tau": "PAD: skip the reward model at steps where the base's top token has probability >= this (in [0, 1]; "
                "PersRM gating); the step is then the base's choice under the guard.",
}
# The guard's options that switch it off: the authors' PAD step, token for token (whole top-k, no EOS
# candidate, no repetition rule, no EOS bonus). Pass as keyword arguments to DecodingConfig or Engine.generate.
GUARD_OFF = {"min_p": 0.0, "eos_candidate": False, "no_repeat_ngram": 0, "eos_bonus": 0.0, "eos_min_reward": None,
             "loop_escape": 0}


@dataclass
class DecodingConfig:
    strategy: str = "pad"
    max_new_tokens: int = 128
    temperature: float = 0.0        # 0 → greedy; > 0 → sampling (PAD samples from softmax(score/τ))
    top_p: float = 1.0              # nucleus sampling for base/prompt/best-of-n candidates
    top_k: int = 10                 # PAD's and ARGS's candidate set T = top-k(z_B)
    weight: float = 1.0             # PAD's and ARGS's w (single-term shorthand)
    n: int = 4                      # best-of-n: samples per prompt
    candidate_temperature: float = 0.7  # best-of-n samples at this τ when temperature is 0
    seed: int | None = None
    stop: tuple[str, ...] = field(default_factory=tuple)
    preference_in_base: bool = False  # the authors' setting: the base sees the preference too
    # PAD's guard (decoding/pad.py `Guard`); all off (0.0, False, 0) = the authors' PAD step, token for
    # token. Defaults chosen on train-split prompts with benchmarks/faithfulness.py --split train --quick
    # (shipped PersRM v1, w = 1): the guard cut degenerate answers from 49% to 3% and lifted on-topic from
    # 0.580 to 0.697 (base 0.775), mean win rate vs base 0.77 -> 0.70; min_p 0.05 and the base shown the
    # preference won slightly more often but had lower worst-pole win rates (see README).
    min_p: float = 0.1              # keep candidates with p_base(a) >= min_p * max p_base; in [0, 1)
    eos_candidate: bool = True      # EOS joins the candidates (chosen when it beats every top-k token)
    no_repeat_ngram: int = 3        # drop candidates that would repeat an n-gram of the answer; 0 or >= 2
    eos_bonus: float = 0.0          # raise EOS's score by this where the reward prefers ending (needs eos_candidate)
    # EOS from outside the top-k ends an answer only where Σ w·r(EOS) >= this (None: wherever EOS wins). The shipped
    # PersRM wants to end after most full sentences, "detailed" answers too (r(EOS) 2.7-6.4 where they ended early,
    # 3.4-15 where concise ones ended); 4 was chosen on train-split prompts (three-pole minimum win 0.48 -> 0.55).
    eos_min_reward: float | None = 4.0
    # Where the answer's last r tokens each repeated an n-gram and every min_p keep would repeat one more, the n-gram
    # rule may take T's unrepeated tokens (not EOS) instead of giving up (0: off; acts only with no_repeat_ngram).
    # Without it, held-out "* \n* \n* ..." ran to the cap; r = 12 changed no train answer and 2 of 304 held-out
    # ones, both such loops (degenerate worst cell 0.06 -> 0.04, every win rate unchanged); r = 4 also changed 12
    # train answers that merely quoted a phrase again (docs/faithfulness_experiments.md).
    loop_escape: int = 12
    # PersRM gating (PAD, issue #16): at a step where p_base(top-1) >= gate_tau the row takes PAD's step with
    # w = 0 (the base's choice under the guard) and the reward models are not run; they catch up on the
    # skipped tokens in one forward when a row next needs them. None: off (every step uses the reward).
    gate_tau: float | None = None

    def validate(self) -> DecodingConfig:
        if self.strategy not in STRATEGIES:
            raise ConfigError(f"unknown strategy {self.strategy!r}; choose one of {', '.join(STRATEGIES)}")
        _check_int("max_new_tokens", self.max_new_tokens, 1)
        _check_int("top_k", self.top_k, 1)
        _check_int("n", self.n, 1)
        _check_float("temperature", self.temperature, 0.0)
        _check_float("candidate_temperature", self.candidate_temperature, 0.0)
        _check_float("weight", self.weight, 0.0)
        _check_float("top_p", self.top_p, 0.0)
        if not 0.0 < self.top_p <= 1.0:
            raise ConfigError(f"top_p must be in (0, 1], got {self.top_p}")
        _check_float("min_p", self.min_p, 0.0)
        if self.min_p >= 1.0:
            raise ConfigError(f"min_p must be in [0, 1), got {self.min_p}")
        if not isinstance(self.eos_candidate, bool):
            raise ConfigError(f"eos_candidate must be true or false, got {self.eos_candidate!r}")
        _check_int("no_repeat_ngram", self.no_repeat_ngram, 0)
        _check_float("eos_bonus", self.eos_bonus, 0.0)
        if self.eos_min_reward is not None:
            _check_float("eos_min_reward", self.eos_min_reward, 0.0)
        _check_int("loop_escape", self.loop_escape, 0)
        if self.no_repeat_ngram == 1:
            raise ConfigError("no_repeat_ngram must be 0 (off) or >= 2 (1 would forbid every repeated token)")
        if self.seed is not None:
            _check_int("seed", self.seed, 0)
        if self.gate_tau is not None:
            self.gate_tau = check_gate_tau(self.gate_tau)
        if isinstance(self.stop, str):
            self.stop = (self.stop,)
        self.stop = tuple(self.stop)
        if any(not s for s in self.stop):
            raise ConfigError("stop strings must be non-empty")
        return self

    def to_dict(self) -> dict:
        return asdict(self)


def _check_int(name: str, value, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(f"{name} must be an integer >= {minimum}, got {value!r}")


def _check_float(name: str, value, minimum: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{name} must be a finite number, got {value!r}")
    if value < minimum:
        raise ConfigError(f"{name} must be >= {minimum}, got {value!r}")


def check_weight(value: float, name: str = "weight") -> float:
    _check_float(name, value, 0.0)
    return float(value)


def check_gate_tau(value) -> float:
    """PersRM gating's threshold: a probability in [0, 1] (0: never run the reward, 1: only when p = 1)."""
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or not 0.0 <= value <= 1.0):
        raise ConfigError(f"gate_tau must be a number in [0, 1] (p_base(top-1) above which the PersRM is "
                          f"skipped), got {value!r}")
    return float(value)
