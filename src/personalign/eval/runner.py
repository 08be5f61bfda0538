"""The evaluation run: generate (resumably), judge, summarize, report.

One `run_eval(EvalConfig)` call writes into `config.out`:
results.jsonl (every generation and judgment, resumable), summary.json, report.md, manifest.json and
the PNG plots. Each strategy variant answers all of its pending (user, prompt) pairs in batched
`generate` calls, because batching is where CPU throughput comes from.
"""
from __future__ import annotations

import json
import math
import os
import platform
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from personalign.errors import ConfigError, ModelNotFoundError
from personalign.eval import prompts as prompt_sets
from personalign.eval.api_judge import CACHE_FILE, ROW_KIND, ApiJudge, normalize_url, summarize_api_judge
from personalign.eval.judges import (
    PairwiseLMJudge,
    PerplexityJudge,
    PoleJudge,
    SequenceClassifierJudge,
    sanity_flags,
)
from personalign.eval.safety import ADVERSARIAL_PREFERENCES, SafetyJudge
from personalign.eval.store import ResultStore
from personalign.eval.strategies import (
    REGISTRY,
    StrategyContext,
    Variant,
    expand_variants,
    get_strategy,
)
from personalign.eval.users import SimulatedUser, build_users, wording_source
from personalign.models.loader import DEFAULT_MODEL

BASE_USER = "*"  # the user field of answers that ignore the preference (one per prompt, shared by all users)

QUICK = {"users": 4, "prompts": 3, "safety_prompts": 3, "max_new_tokens": 96, "safety_max_new_tokens": 48,
         "best_of_n": 2, "pairwise_opponents": ("base",), "safety_weights": "max"}
FULL = {"users": 8, "prompts": None, "safety_prompts": 100, "max_new_tokens": 192, "safety_max_new_tokens": 128,
        "best_of_n": 4, "pairwise_opponents": ("base", "prompt"), "safety_weights": "all"}

# Settings that change what a generation row contains: a rerun with other values must not mix rows.
FINGERPRINT_FIELDS = ("model", "persrm", "max_new_tokens", "safety_max_new_tokens", "top_k", "seed", "dtype",
                      "experts", "args_reward")


@dataclass
class EvalConfig:
    out: Path
    model: str = DEFAULT_MODEL
    persrm: str | None = None
    weights: tuple[float, ...] = (0.5, 1.0, 1.5)
    strategies: tuple[str, ...] | None = None   # None: every registered strategy whose needs are met
    seed: int = 0
    quick: bool = False
    users: int | None = None
    prompts: int | None = None
    safety_prompts: int | None = None           # 0 disables the safety task
    max_new_tokens: int | None = None
    safety_max_new_tokens: int | None = None
    safety_weights: str | None = None           # "all" PAD weights or only the "max" one on safety prompts
    best_of_n: int | None = None
    top_k: int = 10
    batch_size: int = 16
    pairwise_judge: str | None = "base"         # "base" (the base model), a local model dir, or None
    pairwise_opponents: tuple[str, ...] | None = None
    reward_model: str | None = None             # a local AutoModelForSequenceClassification dir
    experts: str | None = None                  # pole experts of soup/mod (None: shipped ones, embedded model)
    args_reward: str | None = None              # a local AutoModelForSequenceClassification dir: args-rm's reward
    judge_url: str | None = None                # an OpenAI-compatible endpoint for the API judge (api_judge.py)
    judge_model: str | None = None              # the model it serves (key: $PERSONALIGN_JUDGE_API_KEY)
    judge_concurrency: int = 4
    judge_timeout: float = 60.0
    judge_max_retries: int = 5
    judge_max_tokens: int = 16
    device: str = "auto"
    dtype: str = "auto"
    bootstrap: int = 1000
    plots: bool = True
    progress: bool = True
    prompt_source: str = "auto"
    wording_source: str = "auto"

    def resolved(self) -> EvalConfig:
        """Fill unset knobs from the quick or full preset and validate everything."""
        preset = QUICK if self.quick else FULL
        cfg = replace(self, out=Path(self.out))
        for key, value in preset.items():
            if getattr(cfg, key) is None:
                setattr(cfg, key, value)
        cfg.weights = tuple(float(w) for w in cfg.weights)
        for w in cfg.weights:
            if not math.isfinite(w) or w < 0:
                raise ConfigError(f"weights must be finite and >= 0, got {w!r}")
        if not cfg.weights:
            raise ConfigError("give at least one PAD weight")
        for name in ("max_new_tokens", "safety_max_new_tokens", "best_of_n", "top_k", "batch_size", "bootstrap",
                     "users"):
            _positive_int(name, getattr(cfg, name))
        for name in ("prompts", "safety_prompts"):
            value = getattr(cfg, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ConfigError(f"{name} must be an integer >= 0, got {value!r}")
        if cfg.prompts == 0:
            raise ConfigError("prompts must be >= 1")
        if cfg.safety_weights not in ("all", "max"):
            raise ConfigError(f"safety_weights must be 'all' or 'max', got {cfg.safety_weights!r}")
        if cfg.strategies is None:
            cfg.strategies = tuple(n for n, s in REGISTRY.items()
                                   if s.in_default and (not s.needs_persrm or cfg.persrm)
                                   and (not s.needs_experts or _experts_available(cfg))
                                   and (not s.needs_args_reward or cfg.args_reward))
        else:
            cfg.strategies = tuple(dict.fromkeys(cfg.strategies))
            if not cfg.strategies:
                raise ConfigError("give at least one strategy")
            for name in cfg.strategies:
                spec = get_strategy(name)
                if spec.needs_persrm and not cfg.persrm:
                    raise ConfigError(f"strategy {name!r} needs a trained PersRM: pass --persrm DIR")
                if spec.needs_experts and not _experts_available(cfg):
                    raise ConfigError(f"strategy {name!r} needs pole experts for {cfg.model}: pass --experts DIR "
                                      "(`personalign train-experts` trains them)")
                if spec.needs_args_reward and not cfg.args_reward:
                    raise ConfigError(f"strategy {name!r} needs a sequence-classification reward model: pass "
                                      "--args-reward DIR")
        if "base" not in cfg.strategies:  # every win rate is measured against it
            cfg.strategies = ("base",) + tuple(cfg.strategies)
        cfg.pairwise_opponents = tuple(o for o in cfg.pairwise_opponents if o in cfg.strategies)
        if cfg.pairwise_judge in ("none", ""):
            cfg.pairwise_judge = None
        if bool(cfg.judge_url) != bool(cfg.judge_model):
            raise ConfigError("--judge-url and --judge-model go together: give both or neither")
        if cfg.judge_url:
            cfg.judge_url = normalize_url(cfg.judge_url)
        return cfg

    def fingerprint(self) -> dict:
        return {k: getattr(self, k) for k in FINGERPRINT_FIELDS}

    def to_dict(self) -> dict:
        d = asdict(self)
        d["out"] = str(self.out)
        return d


def _positive_int(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{name} must be an integer >= 1, got {value!r}")


@dataclass
class EvalRun:
    """What run_eval returns: where things went, the summary, and how long it took."""

    out: Path
    summary: dict
    seconds: float
    generated: int
    skipped: int
    files: list[Path] = field(default_factory=list)


# ------------------------------------------------------------------------------------ manifest
def versions() -> dict:
    import importlib.metadata as md

    found = {"python": platform.python_version()}
    for pkg in ("personalign", "torch", "transformers", "numpy", "matplotlib", "textstat", "vadersentiment"):
        try:
            found[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            found[pkg] = None
    return found


def _check_manifest(out: Path, cfg: EvalConfig) -> None:
    path = out / "manifest.json"
    if not path.is_file() or not (out / "results.jsonl").is_file():
        return
    try:
        old = json.loads(path.read_text(encoding="utf-8")).get("fingerprint", {})
    except (OSError, ValueError):
        raise ConfigError(f"{path} is unreadable; use a new --out directory") from None
    new = cfg.fingerprint()
    diff = [f"{k}: {old.get(k)!r} → {new.get(k)!r}" for k in new if k in old and old.get(k) != new.get(k)]
    if diff:
        raise ConfigError(f"{out} holds results made with other settings ({'; '.join(diff)}); "
                          "rerun with the same settings to resume, or use a new --out directory")


def _write_json(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


# ------------------------------------------------------------------------------------- loading
def _load_persrm(path: str, base):
    from personalign.rewards.persrm import PersRM, resolve_reward_model

    if path == "default":  # the PersRM shipped for the embedded model
        return resolve_reward_model("default", base)
    if not Path(path).expanduser().is_dir():
        raise ModelNotFoundError(f"PersRM directory {path!r} not found")
    return PersRM.from_pretrained(str(Path(path).expanduser()), base=base)


# ------------------------------------------------------------------------------------- the run
class _Progress:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None

    def __enter__(self):
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description:<34}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), transient=False)
            self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def task(self, description: str, total: int):
        return self.bar.add_task(description, total=total) if self.bar else None

    def advance(self, task, n: int = 1):
        if self.bar is not None and task is not None:
            self.bar.update(task, advance=n)


def run_eval(config: EvalConfig) -> EvalRun:
    started = time.perf_counter()
    cfg = config.resolved()
    out = cfg.out
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {str(out)!r} exists and is not a directory")
    _check_manifest(out, cfg)
    api_judge = _api_judge(cfg)  # checks the endpoint before anything is generated
    out.mkdir(parents=True, exist_ok=True)
    try:
        return _run(cfg, out, started, api_judge)
    finally:
        if api_judge is not None:
            api_judge.close()


def _api_judge(cfg: EvalConfig) -> ApiJudge | None:
    if not cfg.judge_url:
        return None
    judge = ApiJudge(cfg.judge_url, cfg.judge_model, cfg.out / CACHE_FILE, timeout=cfg.judge_timeout,
                     max_retries=cfg.judge_max_retries, concurrency=cfg.judge_concurrency,
                     max_tokens=cfg.judge_max_tokens)
    try:
        judge.check()
    except BaseException:
        judge.close()
        raise
    return judge


def _run(cfg: EvalConfig, out: Path, started: float, api_judge: ApiJudge | None) -> EvalRun:
    import torch

    from personalign.decoding import Engine
    from personalign.eval.report import write_report
    from personalign.eval.summary import summarize
    from personalign.models import load

    users = build_users(cfg.users, source=cfg.wording_source)
    eval_prompts, prompt_source = prompt_sets.eval_prompts(cfg.prompt_source)
    eval_prompts = prompt_sets.spread(eval_prompts, cfg.prompts)
    safety = prompt_sets.spread(prompt_sets.safety_prompts(), cfg.safety_prompts) if cfg.safety_prompts else []
    variants = expand_variants(cfg.strategies, cfg.weights, {"best-of-n": {"n": cfg.best_of_n}})
    safety_variants = _safety_variants(variants, cfg) if safety else []

    manifest = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "versions": versions(),
        "fingerprint": cfg.fingerprint(),
        "seeds": {"generation": cfg.seed, "bootstrap": cfg.seed},
        "config": cfg.to_dict(),
        "data": {"prompts": prompt_source, "wordings": wording_source() if cfg.wording_source == "auto" else "builtin",
                 "safety_prompts": "HH-RLHF harmless-base test (vendored subset, MIT)"},
        "users": [u.to_dict() for u in users],
        "variants": [v.label for v in variants],
        "torch_threads": torch.get_num_threads(),
        "command": " ".join(sys.argv) if sys.argv else None,
    }
    _write_json(out / "manifest.json", manifest)

    torch.manual_seed(cfg.seed)
    base = load(cfg.model, device=cfg.device, dtype=cfg.dtype)
    persrm = _load_persrm(cfg.persrm, base) if cfg.persrm else None
    ctx = StrategyContext(base=base, engine=Engine(base), persrm=persrm, experts=cfg.experts,
                          args_reward=cfg.args_reward, max_new_tokens=cfg.max_new_tokens,
                          top_k=cfg.top_k, seed=cfg.seed)
    store = ResultStore(out / "results.jsonl")
    pole_judge, ppl_judge, safety_judge = PoleJudge(), PerplexityJudge(base), SafetyJudge()
    generated = 0

    personal_jobs = {v: _jobs(v, users, eval_prompts) for v in variants}
    safety_users = [SimulatedUser(id=f"adv:{k}", poles=(), preference=t) for k, t in ADVERSARIAL_PREFERENCES.items()]
    safety_jobs = {v: _jobs(v, safety_users, safety) for v in safety_variants}

    with _Progress(cfg.progress) as progress:
        for task, jobs_by_variant, max_tokens in (("personal", personal_jobs, cfg.max_new_tokens),
                                                  ("safety", safety_jobs, cfg.safety_max_new_tokens)):
            for variant, jobs in jobs_by_variant.items():
                pending = [j for j in jobs if not store.has(_gen_key(task, variant, j))]
                bar = progress.task(f"{task}: {variant.label}", len(jobs))
                progress.advance(bar, len(jobs) - len(pending))
                ctx.max_new_tokens = max_tokens
                for s in range(0, len(pending), cfg.batch_size):
                    chunk = pending[s:s + cfg.batch_size]
                    rows = _generate_chunk(ctx, task, variant, chunk, pole_judge, ppl_judge, safety_judge)
                    store.append(rows)
                    generated += len(rows)
                    progress.advance(bar, len(chunk))

        judges_run = _run_pairwise(cfg, base, load, store, variants, users, eval_prompts, progress)
        if cfg.reward_model:
            judges_run.append(_run_reward_model(cfg, store, variants, users, eval_prompts, progress))
        if api_judge is not None:
            judges_run.append(_run_api_judge(cfg, api_judge, store, variants, users, eval_prompts, progress))

    summary = summarize(store, cfg, variants, users, eval_prompts, safety_variants, safety_users, safety)
    _add_costs(summary, variants, ctx)
    summary["api_judge"] = summarize_api_judge(store.select(kind=ROW_KIND), [v.label for v in variants],
                                               cfg.bootstrap, cfg.seed)
    seconds = time.perf_counter() - started
    summary["run"] = {"seconds": round(seconds, 1), "generated_rows": generated,
                      "resumed_rows": store.resumed, "judges": [j for j in judges_run if j]}
    _write_json(out / "summary.json", summary)
    files = write_report(out, summary, plots=cfg.plots)
    manifest["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    manifest["seconds"] = round(seconds, 1)
    _write_json(out / "manifest.json", manifest)
    files = [out / "results.jsonl", out / "summary.json", out / "manifest.json"] + files
    return EvalRun(out=out, summary=summary, seconds=seconds, generated=generated, skipped=store.resumed, files=files)


def _safety_variants(variants: list[Variant], cfg: EvalConfig) -> list[Variant]:
    if cfg.safety_weights == "all":
        return list(variants)
    top = max(cfg.weights)
    return [v for v in variants if "weight" not in v.param_dict or v.param_dict["weight"] == top]


def _jobs(variant: Variant, users: Sequence[SimulatedUser], prompts) -> list[tuple[SimulatedUser | None, object]]:
    if not get_strategy(variant.strategy).personalized:
        return [(None, p) for p in prompts]
    return [(u, p) for u in users for p in prompts]


def _gen_key(task: str, variant: Variant, job) -> dict:
    user, prompt = job
    return {"kind": "gen", "task": task, "strategy": variant.strategy, "params": variant.param_dict,
            "user": user.id if user else BASE_USER, "prompt_id": prompt.id}


def _generate_chunk(ctx, task, variant, chunk, pole_judge, ppl_judge, safety_judge) -> list[dict]:
    spec = get_strategy(variant.strategy)
    texts = [p.text for _, p in chunk]
    prefs = [u.preference if u else None for u, _ in chunk]
    output = spec.fn(ctx, texts, prefs, variant.param_dict).check(len(chunk), variant.strategy)
    batch_id = uuid.uuid4().hex[:12]
    total_tokens = sum(output.new_tokens)
    ppl = [None] * len(chunk)
    if task == "personal":
        ids = output.token_ids or [ppl_judge.answer_ids(t) for t in output.texts]
        ppl = ppl_judge.score(list(zip(texts, ids)))
        on_topic = _on_topic(texts, output.texts)
    rows = []
    for i, (user, prompt) in enumerate(chunk):
        row = _gen_key(task, variant, (user, prompt))
        row.update({
            "variant": variant.label, "prompt": prompt.text, "preference": prefs[i], "text": output.texts[i],
            "finish_reason": output.finish_reasons[i], "new_tokens": int(output.new_tokens[i]),
            "batch_id": batch_id, "batch_size": len(chunk), "batch_seconds": round(output.seconds, 4),
            "batch_new_tokens": total_tokens,
            "flags": sanity_flags(output.texts[i], output.finish_reasons[i]),
        })
        if task == "personal":
            row["scores"] = pole_judge.raw(output.texts[i])
            row["perplexity"] = ppl[i]
            row["on_topic"] = on_topic[i]
        else:
            row["safety"] = safety_judge.judge(output.texts[i]).to_dict()
        rows.append(row)
    return rows


def _on_topic(prompts: list[str], answers: list[str]) -> list[float | None]:
    """MiniLM cosine of each question and its answer (None for an answer without a word)."""
    from personalign.models.embeddings import default_embedder

    vectors = default_embedder().embed(list(prompts) + list(answers))
    n = len(prompts)
    return [round(float(vectors[i] @ vectors[n + i]), 6) if answers[i].strip() else None for i in range(n)]


def _experts_available(cfg: EvalConfig) -> bool:
    from personalign.rewards.experts import DEFAULT_EXPERTS_DIR, MANIFEST

    if cfg.experts == "none":
        return False
    return bool(cfg.experts) or (cfg.model == DEFAULT_MODEL and (DEFAULT_EXPERTS_DIR / MANIFEST).is_file())


def _add_costs(summary: dict, variants, ctx: StrategyContext) -> None:
    """Each variant's forwards per generated token and the training it needs, in minutes (None: unknown)."""
    minutes = {"none": 0.0, "persrm": _persrm_minutes(ctx.persrm), "experts": None}
    if any(get_strategy(v.strategy).training == "experts" for v in variants):  # loaded if a resume skipped them
        minutes["experts"] = round(ctx.experts_engine().experts.train_seconds / 60, 1)
    for v in variants:
        spec = get_strategy(v.strategy)
        cost = summary["strategies"][v.label]["cost"]
        cost["forwards_per_token"] = spec.forwards_per_token
        cost["training"] = spec.training
        cost["training_minutes"] = minutes.get(spec.training)


def _persrm_minutes(persrm) -> float | None:
    """Optimizer time of a PersRM's two stages from its config (steps x mean step seconds at the end; the
    one-off reference pass is not included), or None when its config does not say."""
    stages = getattr(getattr(persrm, "config", None), "stages", None) or {}
    total = 0.0
    for key in ("stage1", "stage2"):
        final = (stages.get(key) or {}).get("final") or {}
        if "train_seconds" not in final:
            return None
        total += stages[key]["steps"] * final["train_seconds"]
    return round(total / 60, 1)


def _answer(store: ResultStore, variant: Variant, user: SimulatedUser, prompt) -> dict | None:
    uid = user.id if get_strategy(variant.strategy).personalized else BASE_USER
    return store.get(kind="gen", task="personal", strategy=variant.strategy, params=variant.param_dict,
                     user=uid, prompt_id=prompt.id)


def _run_pairwise(cfg, base, load, store, variants, users, prompts, progress) -> list[str]:
    if not cfg.pairwise_judge or not cfg.pairwise_opponents:
        return []
    judge_model = (base if cfg.pairwise_judge == "base"
                   else load(cfg.pairwise_judge, device=cfg.device, dtype=cfg.dtype))
    judge = PairwiseLMJudge(judge_model)
    opponents = [v for v in variants if v.strategy in cfg.pairwise_opponents and not v.params]
    for opponent in opponents:
        for variant in variants:
            if variant == opponent or not get_strategy(variant.strategy).personalized:
                continue
            todo = []
            for user in users:
                for prompt in prompts:
                    key = {"kind": "pairwise", "task": "personal", "strategy": variant.strategy,
                           "params": variant.param_dict, "user": user.id, "prompt_id": prompt.id,
                           "judge": judge.name, "opponent": opponent.label}
                    if store.has(key):
                        continue
                    mine, theirs = _answer(store, variant, user, prompt), _answer(store, opponent, user, prompt)
                    if mine and theirs:
                        todo.append((key, prompt.text, user.preference, mine["text"], theirs["text"]))
            bar = progress.task(f"judge: {variant.label} vs {opponent.label}", len(todo))
            for s in range(0, len(todo), cfg.batch_size):
                chunk = todo[s:s + cfg.batch_size]
                verdicts = judge.compare([item[1:] for item in chunk])
                rows = []
                for (key, *_), verdict in zip(chunk, verdicts):
                    rows.append({**key, "variant": variant.label, "score": verdict.score,
                                 "p_first_order": verdict.p_first_order, "p_second_order": verdict.p_second_order})
                store.append(rows)
                progress.advance(bar, len(chunk))
    return [judge.name]


def _run_reward_model(cfg, store, variants, users, prompts, progress) -> str:
    from personalign.models import resolve_device

    judge = SequenceClassifierJudge(cfg.reward_model, device=resolve_device(cfg.device))
    for variant in variants:
        todo = []
        for user in users:
            for prompt in prompts:
                key = {"kind": "reward", "task": "personal", "strategy": variant.strategy,
                       "params": variant.param_dict, "user": user.id, "prompt_id": prompt.id, "judge": judge.name}
                answer = _answer(store, variant, user, prompt)
                if answer and not store.has(key):
                    todo.append((key, prompt.text, user.preference, answer["text"]))
        bar = progress.task(f"reward model: {variant.label}", len(todo))
        for s in range(0, len(todo), cfg.batch_size):
            chunk = todo[s:s + cfg.batch_size]
            rewards = judge.score([item[1:] for item in chunk])
            store.append([{**key, "variant": variant.label, "reward": r} for (key, *_), r in zip(chunk, rewards)])
            progress.advance(bar, len(chunk))
    return judge.name


def _run_api_judge(cfg, judge: ApiJudge, store, variants, users, prompts, progress) -> str:
    """Each personalized variant against each pairwise opponent, one verdict per pole each user asked for."""
    opponents = [v for v in variants if v.strategy in cfg.pairwise_opponents and not v.params]
    for opponent in opponents:
        for variant in variants:
            if variant == opponent or not get_strategy(variant.strategy).personalized:
                continue
            todo = []
            for user in users:
                for prompt in prompts:
                    key = {"kind": ROW_KIND, "task": "personal", "strategy": variant.strategy,
                           "params": variant.param_dict, "user": user.id, "prompt_id": prompt.id,
                           "judge": judge.name, "opponent": opponent.label}
                    if store.has(key):
                        continue
                    mine, theirs = _answer(store, variant, user, prompt), _answer(store, opponent, user, prompt)
                    if mine and theirs:
                        todo.append((key, prompt.text, mine["text"], theirs["text"], user.pole_map))
            bar = progress.task(f"{judge.name}: {variant.label} vs {opponent.label}", len(todo))
            for s in range(0, len(todo), cfg.batch_size):
                chunk = todo[s:s + cfg.batch_size]
                verdicts = judge.compare([item[1:] for item in chunk])
                store.append([{**key, "variant": variant.label, "url": judge.url,
                               "poles": {pole: v.to_dict() for pole, v in found.items()}}
                              for (key, *_), found in zip(chunk, verdicts)])
                progress.advance(bar, len(chunk))
    return judge.name
