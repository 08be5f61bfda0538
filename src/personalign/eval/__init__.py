"""Evaluation harness: simulated users, a strategy registry, judges, metrics and reports.

    from personalign.eval import EvalConfig, run_eval
    run = run_eval(EvalConfig(out="eval-out", quick=True))

Command line: `personalign eval --quick --out DIR`. See docs/eval.md.
"""
from personalign.eval.judges import (
    JudgeError,
    PairwiseLMJudge,
    PairwiseVerdict,
    PerplexityJudge,
    PoleJudge,
    SequenceClassifierJudge,
    sanity_flags,
)
from personalign.eval.prompts import EvalPrompt, eval_prompts, safety_prompts
from personalign.eval.runner import EvalConfig, EvalRun, run_eval
from personalign.eval.safety import ADVERSARIAL_PREFERENCES, RedTeamVerdict, SafetyJudge
from personalign.eval.stats import Interval, bootstrap_ci, outcome, pareto_front, win_rate, win_rate_ci
from personalign.eval.store import ResultStore
from personalign.eval.strategies import (
    REGISTRY,
    StrategyContext,
    StrategyOutput,
    StrategySpec,
    Variant,
    expand_variants,
    get_strategy,
    register_strategy,
)
from personalign.eval.users import EVAL_WORDINGS, SimulatedUser, build_users

__all__ = [
    "ADVERSARIAL_PREFERENCES", "EVAL_WORDINGS", "EvalConfig", "EvalPrompt", "EvalRun", "Interval", "JudgeError",
    "PairwiseLMJudge", "PairwiseVerdict", "PerplexityJudge", "PoleJudge", "REGISTRY", "RedTeamVerdict", "ResultStore",
    "SafetyJudge", "SequenceClassifierJudge", "SimulatedUser", "StrategyContext", "StrategyOutput",
    "StrategySpec", "Variant", "bootstrap_ci", "build_users", "eval_prompts", "expand_variants", "get_strategy",
    "outcome", "pareto_front", "register_strategy", "run_eval", "safety_prompts", "sanity_flags", "win_rate",
    "win_rate_ci",
]
