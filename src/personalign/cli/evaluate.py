"""`personalign eval`: the benchmark — strategies × simulated users × judges → results, report, plots."""
from __future__ import annotations

from pathlib import Path

import typer

from personalign.cli import options
from personalign.errors import ConfigError


def _floats(text: str, what: str) -> tuple[float, ...]:
    try:
        values = tuple(float(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise ConfigError(f"{what} must be comma-separated numbers, got {text!r}") from None
    if not values:
        raise ConfigError(f"{what} is empty")
    return values


def _names(values: list[str]) -> tuple[str, ...] | None:
    names = tuple(n.strip() for v in values for n in v.split(",") if n.strip())
    return names or None


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        out: Path = typer.Option(..., "--out", help="Output directory (rerun with the same settings to resume)."),
        quick: bool = typer.Option(False, "--quick", help="Small run: 4 users, 3 prompts, 96 new tokens."),
        model: str = options.model("Embedded name or local HF model dir."),
        persrm: str | None = typer.Option(None, "--persrm", help="Trained PersRM directory, or 'default' for the "
                                                                 "shipped one (adds pad-trained)."),
        experts: str | None = options.experts(),
        args_reward: str | None = typer.Option(None, "--args-reward",
                                               help="Local AutoModelForSequenceClassification dir: the reward of "
                                                    "strategy args-rm (ARGS with a sequence classifier)."),
        weights: str = typer.Option("0.5,1,1.5", "--weights", help="PAD weights, comma-separated."),
        strategies: list[str] = typer.Option([], "--strategies",
                                             help="Strategies to compare (comma-separated or repeated); default all "
                                                  "but persrm-alone, args, args-rm, soup and mod."),
        seed: int = typer.Option(0, "--seed", help="Generation and bootstrap seed."),
        users: int | None = typer.Option(None, "--users", help="Simulated users (default 4 quick, 8 full)."),
        prompts: int | None = typer.Option(None, "--prompts", help="Held-out prompts (default 3 quick, all full)."),
        safety_prompts: int | None = typer.Option(None, "--safety-prompts",
                                                  help="HH-RLHF red-team prompts (0 = skip safety)."),
        max_new_tokens: int | None = typer.Option(None, "--max-new-tokens"),
        best_of_n: int | None = typer.Option(None, "--best-of-n", help="Samples per prompt for best-of-n."),
        batch_size: int = typer.Option(16, "--batch-size", help="Answers per generate call."),
        pairwise_judge: str = typer.Option("base", "--pairwise-judge",
                                           help="Causal LM for the pairwise judge: 'base', a model dir, or 'none'."),
        reward_model: str | None = typer.Option(None, "--reward-model",
                                                help="Local AutoModelForSequenceClassification reward model dir."),
        judge_url: str | None = typer.Option(None, "--judge-url",
                                             help="OpenAI-compatible endpoint for the API judge, e.g. "
                                                  "http://localhost:8000/v1 (vLLM, llama.cpp, a hosted API). "
                                                  "API key: $PERSONALIGN_JUDGE_API_KEY."),
        judge_model: str | None = typer.Option(None, "--judge-model", help="The model the judge endpoint serves."),
        judge_concurrency: int = typer.Option(4, "--judge-concurrency", help="Judge requests in flight at once."),
        judge_timeout: float = typer.Option(60.0, "--judge-timeout", help="Seconds to wait for one judge reply."),
        judge_max_retries: int = typer.Option(5, "--judge-max-retries",
                                              help="Retries (exponential backoff) on 429, 5xx and timeouts."),
        judge_max_tokens: int = typer.Option(16, "--judge-max-tokens",
                                             help="Token cap of a judge reply (raise it for reasoning models)."),
        bootstrap: int = typer.Option(1000, "--bootstrap", help="Bootstrap resamples for the 95% intervals."),
        no_plots: bool = typer.Option(False, "--no-plots"),
        no_progress: bool = typer.Option(False, "--no-progress"),
        device: str = options.device(),
        dtype: str = options.dtype(),
        threads: int | None = options.threads(),
    ) -> None:
        """Compare strategies on simulated users; write results.jsonl, summary.json, report.md, plots."""
        from personalign.cli.output import writable_dir
        from personalign.eval import EvalConfig, run_eval

        options.set_threads(threads)
        config = EvalConfig(out=writable_dir(out, "--out"), model=model, persrm=persrm, experts=experts,
                            args_reward=args_reward,
                            weights=_floats(weights, "--weights"), strategies=_names(strategies), seed=seed,
                            quick=quick, users=users, prompts=prompts,
                            safety_prompts=safety_prompts, max_new_tokens=max_new_tokens, best_of_n=best_of_n,
                            batch_size=batch_size, pairwise_judge=pairwise_judge, reward_model=reward_model,
                            judge_url=judge_url, judge_model=judge_model, judge_concurrency=judge_concurrency,
                            judge_timeout=judge_timeout, judge_max_retries=judge_max_retries,
                            judge_max_tokens=judge_max_tokens,
                            device=device, dtype=dtype, bootstrap=bootstrap, plots=not no_plots,
                            progress=not no_progress)
        run = run_eval(config)
        typer.echo(f"{run.generated} new rows, {run.skipped} resumed, {run.seconds:.0f} s → {run.out}")
        for path in run.files:
            typer.echo(f"  {path}")
