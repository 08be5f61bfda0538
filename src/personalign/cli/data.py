"""`personalign data synth|curate|mark-truncated|validate`: build and check personalized preference-pair files.

The synthesis pipeline lives in the rewards layer (personalign.rewards.synth) and knows nothing about
decoding; this top-layer module wires the decoding engine in as its generate_fn.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import typer

from personalign.cli import options
from personalign.errors import ConfigError, PersonalignError


def _select_prompts(n: int | None, split: str, seed: int, ultrafeedback: Path | None, ultrafeedback_n: int):
    from personalign.rewards.prompts import load_prompts, topics
    from personalign.rewards.synth import PromptItem

    rows = load_prompts(split)
    if n is not None:
        if n < 1:
            raise ConfigError(f"--prompts must be >= 1, got {n}")
        # Round-robin over topics so that a small run still covers every topic evenly.
        by_topic = {t: [p for p in rows if p.topic == t] for t in topics()}
        ordered = [bucket[i] for i in range(max(map(len, by_topic.values()), default=0))
                   for bucket in by_topic.values() if i < len(bucket)]
        rows = ordered[:n]
    items = [PromptItem(p.id, p.prompt) for p in rows]
    if ultrafeedback is not None:
        items += _ultrafeedback_prompts(ultrafeedback, ultrafeedback_n, seed)
    return items


def _ultrafeedback_prompts(path: Path, n: int, seed: int):
    """Prompts from an UltraFeedback-style JSONL ("prompt" field): optional, for experiments only."""
    import random

    from personalign.rewards.synth import PromptItem

    if not path.is_file():
        raise PersonalignError(f"UltraFeedback file not found: {path}")
    prompts, bad = [], []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                text = json.loads(raw.decode("utf-8"))["prompt"]
                if not isinstance(text, str):
                    raise TypeError("prompt is not a string")
            except (ValueError, KeyError, TypeError):
                bad.append(number)
                continue
            # Long multi-part tasks make poor style-steering prompts for a 135M model.
            if text.strip() and len(text) <= 300:
                prompts.append(text.strip())
    if bad:
        raise PersonalignError(f"{path}: unreadable line(s) {', '.join(map(str, bad[:10]))}")
    unique = list(dict.fromkeys(prompts))
    random.Random(seed).shuffle(unique)
    return [PromptItem(f"uf-{i + 1:04d}", p) for i, p in enumerate(unique[:n])]


def steered_user_turn(prompt: str, steering: str) -> str:
    """The user turn a candidate is generated from: the question, then the steering instruction."""
    return f"{prompt}\n\n{steering}"


def engine_generate_fn(model: str, device: str, dtype: str, max_new_tokens: int, temperature: float,
                       top_p: float):
    """A synth generate_fn backed by the decoding engine (plain base decoding, batched).

    The steering instruction is appended to the user turn rather than put in the system turn: measured
    on SmolLM2-135M, system-turn steering (plain or through the engine's preference block) hardly moved
    the judged scores, while the user-turn instruction separated every pole.
    """
    from personalign.decoding import Engine
    from personalign.rewards.synth import Completion

    engine = Engine.from_pretrained(model, device=device, dtype=dtype)

    def generate(prompts: list[str], steering: list[str], seed: int) -> list[Completion]:
        turns = [steered_user_turn(p, s) for p, s in zip(prompts, steering)]
        result = engine.generate(turns, strategy="base", max_new_tokens=max_new_tokens,
                                 temperature=temperature, top_p=top_p, seed=seed)
        return [Completion(o.text, o.finish_reason == "length") for o in result.outputs]

    return generate


def _print_report(report: dict, seconds: float | None = None) -> None:
    typer.echo(f"candidates: {report['candidates']} generated, {report['kept_candidates']} kept"
               + (f", dropped {report['dropped']}" if report["dropped"] else "")
               + f", {report['truncated_trimmed']} trimmed at a sentence end")
    typer.echo("judged means of steered candidates (higher = toward the high pole):")
    for name, row in report["separation"].items():
        low, high = [k for k in row if k not in ("gap", "margin")]
        typer.echo(f"  {name:10s} {low}={row[low]:.2f}  {high}={row[high]:.2f}  gap={row['gap']:.2f} "
                   f"(margin {row['margin']})")
    typer.echo(f"pairs: {report['pairs']}")
    for key, count in report["pairs_per_target"].items():
        typer.echo(f"  {key:34s} {count}")
    if seconds is not None:
        typer.echo(f"time: {seconds:.0f}s")


def synth(
    out: Path = typer.Option(..., "--out", help="Pairs JSONL to write."),
    prompts: int | None = typer.Option(None, "--prompts", help="Use only N prompts of the split (topic-balanced)."),
    split: str = typer.Option("train", "--split", help="Prompt split: train or heldout."),
    wordings: str = typer.Option("train", "--wordings", help="Preference wordings: train or heldout."),
    model: str = options.model("Base model that writes candidates."),
    candidates_per_pole: int = typer.Option(2, "--candidates-per-pole",
                                            help="Steered candidates per prompt and pole."),
    combo_candidates: int = typer.Option(2, "--combo-candidates", help="Two-pole steered candidates per prompt."),
    combos_per_prompt: int = typer.Option(4, "--combos-per-prompt", help="Two-pole pairs attempted per prompt."),
    max_new_tokens: int = typer.Option(112, "--max-new-tokens"),
    temperature: float = typer.Option(0.7, "--temperature"),
    top_p: float = typer.Option(0.9, "--top-p"),
    batch_size: int = typer.Option(24, "--batch-size"),
    seed: int = typer.Option(0, "--seed"),
    device: str = options.device(),
    dtype: str = options.dtype(),
    candidates_out: Path | None = typer.Option(None, "--candidates-out",
                                               help="Save every candidate with its judge scores (JSONL), "
                                                    "batch by batch."),
    resume: bool = typer.Option(False, "--resume", help="Continue the run saved in --candidates-out."),
    from_candidates: Path | None = typer.Option(None, "--from-candidates",
                                                help="Build pairs from a saved candidates file; no generation."),
    include_ultrafeedback: Path | None = typer.Option(None, "--include-ultrafeedback",
                                                      help="Add prompts from an UltraFeedback JSONL (experiments)."),
    ultrafeedback_n: int = typer.Option(100, "--ultrafeedback-n"),
    threads: int | None = options.threads(),
    min_relevance: float = typer.Option(0.0, "--min-relevance",
                                        help="Drop candidates whose MiniLM cosine with the prompt is below this "
                                             "(e.g. 0.4; 0 = off): off-topic answers must not become chosen."),
    report_out: Path | None = typer.Option(None, "--report", help="Write the synthesis report as JSON."),
    quiet: bool = options.quiet(),
) -> None:
    """Synthesize personalized preference pairs: steer the base model, judge, keep clear pairs."""
    from personalign.cli.output import writable_file
    from personalign.rewards.data import write_pairs
    from personalign.rewards.synth import (
        SynthConfig,
        load_candidates,
        pairs_from_candidates,
        synthesize,
        write_candidates,
    )

    if split not in ("train", "heldout"):
        raise ConfigError(f"--split must be train or heldout, got {split!r}")
    for option, path in (("--out", out), ("--report", report_out), ("--candidates-out", candidates_out)):
        if path is not None:
            writable_file(path, option)  # before hours of generation, not after
    config = SynthConfig(candidates_per_pole=candidates_per_pole, combo_candidates=combo_candidates,
                         combos_per_prompt=combos_per_prompt, batch_size=batch_size, seed=seed,
                         # one batch per target and chunk: answers in a batch have similar lengths
                         chunk_prompts=max(1, batch_size // max(1, candidates_per_pole)),
                         wording_split=wordings, min_relevance=min_relevance).validate()
    options.set_threads(threads)
    start = time.perf_counter()
    if resume and (candidates_out is None or from_candidates is not None):
        raise ConfigError("--resume needs --candidates-out (the file to continue) and no --from-candidates")
    if from_candidates is not None:
        result = pairs_from_candidates(load_candidates(from_candidates), config)
        if candidates_out is not None:
            write_candidates(candidates_out, result.candidates)
    else:
        items = _select_prompts(prompts, split, seed, include_ultrafeedback, ultrafeedback_n)
        done = load_candidates(candidates_out) if resume and candidates_out.is_file() else []
        if candidates_out is not None and not done:
            candidates_out.parent.mkdir(parents=True, exist_ok=True)
            candidates_out.write_text("", encoding="utf-8")
        on_batch = (lambda batch: write_candidates(candidates_out, batch, append=True)) if candidates_out else None
        generate_fn = engine_generate_fn(model, device, dtype, max_new_tokens, temperature, top_p)
        result = synthesize(items, generate_fn, config, progress=not quiet, done=done, on_batch=on_batch)
    seconds = time.perf_counter() - start
    if not result.pairs:
        raise PersonalignError("no pair cleared the judges' margins; nothing written "
                               "(try more candidates per pole or more prompts)")
    count = write_pairs(out, result.pairs)
    report = {**result.report, "seconds": round(seconds, 1), "out": str(out), "wordings": wordings,
              "split": split if from_candidates is None else None, "model": model, "seed": seed}
    if report_out is not None:
        report_out.parent.mkdir(parents=True, exist_ok=True)
        report_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    _print_report(result.report, seconds)
    typer.echo(f"wrote {count} pairs to {out}")


def curate(
    pairs: Path = typer.Option(..., "--pairs", help="Synthesized pairs (JSONL) whose answers are curated."),
    out: Path = typer.Option(..., "--out", help="Curated pairs JSONL to write."),
    model: str = options.model("Base model that measures perplexity."),
    min_relevance: float = typer.Option(0.5, "--min-relevance", help="Chosen answers: MiniLM cosine with the prompt."),
    max_perplexity: float = typer.Option(6.0, "--max-perplexity", help="Chosen answers: perplexity under the base."),
    combos_per_prompt: int = typer.Option(4, "--combos-per-prompt", help="Two-pole requests tried per prompt."),
    triples_per_prompt: int = typer.Option(4, "--triples-per-prompt", help="Three-pole requests tried per prompt."),
    triple_focus: bool = typer.Option(False, "--triple-focus/--no-triple-focus",
                                      help="Three-pole pairs: the pole that must clearly gain rotates over the "
                                           "request's three (default: any one)."),
    helpfulness_per_prompt: int = typer.Option(1, "--helpfulness-per-prompt",
                                               help="Off-topic and looped rejected answers per prompt (each)."),
    seed: int = typer.Option(0, "--seed"),
    threads: int | None = options.threads(),
    report_out: Path | None = typer.Option(None, "--report", help="Write the curation report as JSON."),
    quality: Path | None = typer.Option(None, "--quality",
                                        help="Cache of answer relevance/perplexity (JSON): read when it exists, "
                                             "else measured and written."),
    quiet: bool = options.quiet(),
) -> None:
    """PersRM v2 data: quality-filter chosen answers, widen wordings, add three-pole and helpfulness pairs."""
    from personalign.models import load
    from personalign.rewards.curate import CurateConfig, answer_quality
    from personalign.rewards.curate import curate as curate_pairs
    from personalign.rewards.data import load_pairs, write_pairs

    config = CurateConfig(min_relevance=min_relevance, max_perplexity=max_perplexity,
                          combos_per_prompt=combos_per_prompt, triples_per_prompt=triples_per_prompt,
                          helpfulness_per_prompt=helpfulness_per_prompt, triple_focus=triple_focus,
                          seed=seed).validate()
    options.set_threads(threads)
    records = load_pairs(pairs)
    if quality is not None and quality.is_file():
        try:
            cached = json.loads(quality.read_text(encoding="utf-8"))
            relevance, perplexity = cached["relevance"], cached["perplexity"]
        except (ValueError, KeyError, TypeError):
            raise PersonalignError(f"{quality}: not a quality cache written by 'data curate'") from None
    else:
        relevance, perplexity = answer_quality(records, load(model), progress=not quiet)
        if quality is not None:
            quality.parent.mkdir(parents=True, exist_ok=True)
            quality.write_text(json.dumps({"model": model, "relevance": relevance, "perplexity": perplexity}),
                               encoding="utf-8")
    result = curate_pairs(records, relevance, perplexity, config)
    if not result.pairs:
        raise PersonalignError("no pair survived curation; nothing written")
    count = write_pairs(out, result.pairs)
    if report_out is not None:
        report_out.parent.mkdir(parents=True, exist_ok=True)
        report_out.write_text(json.dumps({**result.report, "config": vars(config)}, indent=2) + "\n",
                              encoding="utf-8")
    for key, value in result.report.items():
        typer.echo(f"{key}: {value}")
    typer.echo(f"wrote {count} pairs to {out}")


def mark_truncated(
    pairs: Path = typer.Option(..., "--pairs", help="Pairs JSONL written before synthesis recorded cut answers."),
    out: Path = typer.Option(..., "--out", help="Pairs JSONL to write, with cut answers flagged."),
    min_tokens: int = typer.Option(..., "--min-tokens",
                                   help="Answers shorter than this are never cut (synthesis keeps a cut answer only "
                                        "when at least half of it survives trimming: half its --max-new-tokens)."),
    max_end_prob: float | None = typer.Option(
        None, "--max-end-prob",
        help="Flag a long answer only when no synthesis steering instruction (nor the bare question) gives "
             "end-of-sequence this much probability right after it (default: flag every long answer)."),
    keep_end_under: list[str] = typer.Option(
        [], "--keep-end-under",
        help="Never flag the chosen answer of a request naming this pole (e.g. concise): it teaches where to "
             "stop. Repeatable."),
    model: str = options.model("Base model: counts tokens and, with --max-end-prob, reads the end probability."),
    threads: int | None = options.threads(),
    quiet: bool = options.quiet(),
) -> None:
    """Flag answers that synthesis cut at its token limit, so training can leave end-of-sequence off them."""
    from personalign.dimensions import pole_names
    from personalign.models import encode_text, load
    from personalign.rewards.curate import end_probability
    from personalign.rewards.data import keep_chosen_ends, load_pairs, mark_truncated, truncated_answers, write_pairs
    from personalign.rewards.preferences import named_poles, poles, steering_prompts

    if min_tokens < 1:
        raise ConfigError(f"--min-tokens must be >= 1, got {min_tokens}")
    if max_end_prob is not None and not 0 < max_end_prob <= 1:
        raise ConfigError(f"--max-end-prob must be in (0, 1], got {max_end_prob}")
    for pole in keep_end_under:
        if pole not in pole_names():
            raise ConfigError(f"--keep-end-under: unknown pole {pole!r}; choose one of {', '.join(pole_names())}")
    options.set_threads(threads)
    records = load_pairs(pairs)
    base = load(model)
    long = {t for r in records for t in (r.chosen, r.rejected) if len(encode_text(base.tokenizer, t)) >= min_tokens}
    ends = {}
    if max_end_prob is not None:
        steering = [s for pole in poles() for s in steering_prompts(*pole)]
        ends = end_probability([r for r in records if r.chosen in long or r.rejected in long], base,
                               lambda prompt: [prompt] + [steered_user_turn(prompt, s) for s in steering],
                               progress=not quiet)
    marked = mark_truncated(records, lambda text: text in long and ends.get(text, 0.0) < (max_end_prob or 1.0))
    if keep_end_under:
        marked = keep_chosen_ends(marked, lambda r: any(p in keep_end_under for _, p in named_poles(r.preference)))
    count = write_pairs(out, marked)
    answers = {t for r in marked for t in (r.chosen, r.rejected)}
    typer.echo(f"{len(truncated_answers(marked))} of {len(answers)} distinct answers flagged as cut; "
               f"wrote {count} pairs to {out}")


def validate(path: Path = typer.Argument(..., help="Pairs JSONL file.")) -> None:
    """Check a pairs file line by line; print counts per dimension, pole and source."""
    from personalign.rewards.data import load_pairs, pairs_hash
    from personalign.rewards.preferences import lookup, named_poles

    records = load_pairs(path)  # DataError names every bad line; main turns it into one line, exit 2
    typer.echo(f"{path}: {len(records)} valid pairs, sha256 {pairs_hash(records)[:16]}")
    dims = Counter(r.dimension or "(none)" for r in records)
    typer.echo("per dimension: " + ", ".join(f"{k}={v}" for k, v in sorted(dims.items())))
    poles, splits = Counter(), Counter()
    for r in records:
        found = lookup(r.preference)
        named = found[0] if found else named_poles(r.preference)  # composed requests: poles, but no split
        poles["+".join(f"{d}:{p}" for d, p in named) or "(unknown wording)"] += 1
        if found:
            splits[found[1]] += 1
    typer.echo("per pole: " + ", ".join(f"{k}={v}" for k, v in sorted(poles.items())))
    if splits:
        typer.echo("wording split: " + ", ".join(f"{k}={v}" for k, v in sorted(splits.items())))
    sources = Counter(r.source or "(none)" for r in records)
    typer.echo("per source: " + ", ".join(f"{k}={v}" for k, v in sorted(sources.items())))


def register(app: typer.Typer) -> None:
    group = typer.Typer(no_args_is_help=True, help="Personalized preference-pair data.")
    group.command("synth")(synth)
    group.command("curate")(curate)
    group.command("mark-truncated")(mark_truncated)
    group.command("validate")(validate)
    app.add_typer(group, name="data")
