"""Decoding speed on the embedded model: HF generate vs personalign base / PAD vs a no-cache PAD loop.

    .venv/bin/python benchmarks/decode.py [--tokens 256] [--repeats 3] [--device auto] [--dtype auto]

On a GPU: --device cuda --dtype bfloat16 runs unchanged. On CPU the model's linear layers run through
oneDNN-packed weights as `load()` sets them up (models/packed_linear.py); PERSONALIGN_PACKED_LINEARS=0 measures
PyTorch's default kernels instead.

Every method generates exactly --tokens new tokens (EOS is ignored everywhere), so tokens/s compare like
for like. After one untimed warm-up of every method at every batch size, methods run interleaved
(A B C D, A B C D, ...) and the median of the repeats is reported, so
a slow moment of this shared machine hits every method alike. Ratios are taken within one run.

Methods
  hf-generate   transformers' model.generate, greedy, KV cache
  base          personalign greedy decoding
  pad-free      training-free PAD: PersRM = the base shown the preference, rows batched into one forward
  pad-separate  PAD with a separate reward model (a second copy of the weights): two forwards per step
  prompt        preference prompting (the preference in the system turn), one forward per step
  pad-persrm-peft  PAD with the shipped PersRM on the base's weights, its rows (LoRA + value head on) sharing
                the base's forward through PEFT's per-row `adapter_names` (the path before issue #16)
  pad-persrm    the same PAD through the fused row-LoRA shell (models/row_lora.py): LoRA deltas added to the
                PersRM rows only, the PersRM's LM head computed only at the base's top-k (only with the
                embedded default model; identical tokens, tests/test_row_lora.py)
  pad-persrm-gated-T  the fused PersRM PAD with PersRM gating at tau = T (--gate-taus): steps where the base's
                top token has p >= T take the base's choice under the guard and run no PersRM; its stream catches up
                in one multi-token forward when next needed. "agree" = share of token positions equal to ungated
                pad-persrm's, "reward" = share of steps whose forward ran the PersRM
  pad-nocache   PAD re-encoding the whole prefix of both models at every step (the authors' release), batch 1
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import Progress  # noqa: E402
from rich.table import Table  # noqa: E402

from personalign.decoding import Engine, pad_generate_nocache  # noqa: E402
from personalign.models import load, render_chat  # noqa: E402
from personalign.models.batching import left_pad  # noqa: E402
from personalign.rewards.persrm import resolve_reward_model  # noqa: E402

PROMPTS = [
    "How do I make a good cup of tea?",
    "Explain why the sky is blue.",
    "What should I pack for a weekend hiking trip?",
    "Give me tips to sleep better.",
    "How does a bicycle stay upright?",
    "What is a healthy breakfast?",
    "Describe how vaccines work.",
    "How can I learn a new language quickly?",
]
PREFERENCE = "Answer in detail, step by step, with examples."


def hf_generate(loaded, prompts, tokens):
    tok = loaded.tokenizer
    ids, mask, _ = left_pad([render_chat(tok, p) for p in prompts], tok.pad_token_id, loaded.device)
    width = ids.shape[1]
    with torch.inference_mode():
        out = loaded.model.generate(input_ids=ids, attention_mask=mask,
                                    do_sample=False, max_new_tokens=tokens, min_new_tokens=tokens,
                                    pad_token_id=tok.pad_token_id)
    return (out.shape[1] - width) * len(prompts)


def ours(engine, prompts, tokens, strategy, **options):
    result = engine.generate(prompts, preference=PREFERENCE if strategy in ("pad", "prompt") else None,
                             strategy=strategy, max_new_tokens=tokens, **options)
    return result.new_tokens, result


def persrm_pad(engine, prompts, tokens, fused: bool, **options):
    engine.reward_model.fused = fused
    return ours(engine, prompts, tokens, "pad", **options)


def agreement(ours_ids: list[list[int]], reference: list[list[int]]) -> float:
    """Share of token positions where two runs over the same prompts chose the same token."""
    same = sum(a == b for x, y in zip(ours_ids, reference) for a, b in zip(x, y))
    return same / max(1, sum(len(y) for y in reference))


def nocache(base, reward, prompts, tokens):
    return sum(len(pad_generate_nocache(base, reward, p, PREFERENCE, max_new_tokens=tokens, eos_ids={-1}))
               for p in prompts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokens", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batches", default="1,8")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--dtype", default="auto")
    from personalign.models.loader import DEFAULT_MODEL
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--skip-nocache", action="store_true")
    parser.add_argument("--gate-taus", default="0.9,0.5", help="PersRM gating thresholds to measure (comma list)")
    parser.add_argument("--json", dest="json_out", help="also write the figures to this JSON file")
    args = parser.parse_args()

    console = Console()
    base = load(args.model, device=args.device, dtype=args.dtype)
    reward_copy = load(args.model, device=args.device, dtype=args.dtype)  # separate weights on purpose
    free, separate = Engine(base), Engine(base, reward_model=reward_copy)
    persrm = resolve_reward_model(None, base)
    trained = Engine(base, reward_model=persrm) if persrm is not None else None
    for engine in (free, separate, trained):
        if engine is None:
            continue
        engine.eos_ids = set()  # fixed-length generation: every method produces exactly --tokens tokens
    console.print(f"device {base.device}, dtype {base.dtype}, torch threads {torch.get_num_threads()}, "
                  f"{args.tokens} new tokens, {args.repeats} interleaved repeats")

    batches = [int(b) for b in args.batches.split(",")]
    taus = [float(t) for t in args.gate_taus.split(",") if t.strip()]
    gated = {f"pad-persrm-gated-{tau:g}": (lambda p, n, tau=tau: persrm_pad(trained, p, n, fused=True,
                                                                          gate_tau=tau)) for tau in taus}
    methods = {
        "hf-generate": lambda p, n: hf_generate(base, p, n),
        "base": lambda p, n: ours(free, p, n, "base"),
        "prompt": lambda p, n: ours(free, p, n, "prompt"),
        "pad-free": lambda p, n: ours(free, p, n, "pad"),
        "pad-separate": lambda p, n: ours(separate, p, n, "pad"),
        **({"pad-persrm-peft": lambda p, n: persrm_pad(trained, p, n, fused=False),
            "pad-persrm": lambda p, n: persrm_pad(trained, p, n, fused=True), **gated}
           if trained is not None else {}),
        "pad-nocache": lambda p, n: nocache(base, base, p, n),
    }
    speed: dict[tuple[str, int], list[float]] = {}
    answers: dict[tuple[str, int], list[list[int]]] = {}  # each method's tokens (the last repeat's)
    reward_share: dict[tuple[str, int], float] = {}
    plan = [(b, m) for b in batches for m in methods if not (m == "pad-nocache" and (b != 1 or args.skip_nocache))]

    def batch_of(batch: int) -> list[str]:
        return PROMPTS[:batch] if batch <= len(PROMPTS) else (PROMPTS * batch)[:batch]

    # Warm-up, untimed: every method at every batch size once (first-call allocations, the fused shell, and on a
    # GPU the kernels chosen per shape; without it an H200's first repeat ran 2-4x slower than the others)
    with Progress(console=console, transient=True) as bar:
        for batch, name in bar.track(plan, description="warm-up"):
            methods[name](batch_of(batch), 4)

    with Progress(console=console) as bar:
        task = bar.add_task("benchmark", total=len(plan) * args.repeats)
        for _ in range(args.repeats):
            for batch, name in plan:
                prompts = batch_of(batch)
                start = time.perf_counter()
                produced = methods[name](prompts, args.tokens)
                elapsed = time.perf_counter() - start
                if isinstance(produced, tuple):
                    produced, result = produced
                    answers[(name, batch)] = [o.token_ids for o in result.outputs]
                    gate = result.extras.get("gate")
                    if gate:  # share of steps whose forward ran the PersRM (for any row of the batch)
                        steps = max(len(ids) for ids in answers[(name, batch)])
                        reward_share[(name, batch)] = gate["reward_forwards"] / max(1, steps)
                speed.setdefault((name, batch), []).append(produced / elapsed)
                bar.advance(task)

    median = {key: statistics.median(values) for key, values in speed.items()}
    table = Table(title="decoding speed (median tokens/s; ratios within this run)")
    for col in ("batch", "method", "tokens/s", "× our base", "× HF generate", "agree", "reward", "target"):
        table.add_column(col, justify="right" if col not in ("method", "target") else "left")
    targets = {"base": ("× HF", 0.95), "pad-separate": ("× base", 0.45), "pad-free": ("× base", 0.6)}
    report = []
    for batch in batches:
        for name in methods:
            if (name, batch) not in median:
                continue
            value = median[(name, batch)]
            vs_base, vs_hf = value / median[("base", batch)], value / median[("hf-generate", batch)]
            target = ""
            goals = {**targets, "pad-persrm": ("× base", 0.80 if batch == 1 else 0.55)}
            agree = None
            if name.startswith("pad-persrm-gated") and ("pad-persrm", batch) in answers:
                agree = agreement(answers[(name, batch)], answers[("pad-persrm", batch)])
                if batch == 1:
                    goals[name] = ("× base", 0.90)
            if name in goals:
                kind, goal = goals[name]
                got = vs_hf if kind == "× HF" else vs_base
                target = f"≥ {goal} {kind}: {'met' if got >= goal else 'MISSED'}"
                if agree is not None:
                    target += f"; agree ≥ 0.95: {'met' if agree >= 0.95 else 'MISSED'}"
            if name == "pad-nocache":
                ratio = median[("pad-free", batch)] / value
                target = f"pad-free ≥ 5× this: {ratio:.1f}× {'met' if ratio >= 5 else 'MISSED'}"
            share = reward_share.get((name, batch))
            table.add_row(str(batch), name, f"{value:.1f}", f"{vs_base:.2f}", f"{vs_hf:.2f}",
                          "" if agree is None else f"{agree:.3f}", "" if share is None else f"{share:.2f}", target)
            report.append({"batch": batch, "method": name, "tokens_per_s": value, "x_base": vs_base,
                           "x_hf_generate": vs_hf, "runs": speed[(name, batch)], "agreement": agree,
                           "reward_step_share": share})
    console.print(table)
    if args.json_out:
        with open(args.json_out, "w") as handle:
            json.dump({"device": str(base.device), "dtype": str(base.dtype), "tokens": args.tokens,
                       "repeats": args.repeats, "results": report}, handle, indent=2)


if __name__ == "__main__":
    main()
