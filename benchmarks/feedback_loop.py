"""The feedback loop, simulated: users give choices, thumbs or edits for several rounds; four systems learn from them.

Simulated users come from the evaluation harness (`personalign.eval.users.build_users`: two users with
opposite poles on every dimension — concise/simple/blunt and detailed/expert/warm). Each round:

1. evaluate, on held-out prompts (greedy), four systems per user:
   base (no personalization) · online (PAD with the user's learned dimension weights as reward terms) ·
   lora (the user's adapter: DPO on pairs, KTO for the thumbs-only user) · both (adapter + online terms);
2. collect one feedback event per feedback prompt, of one kind (`--feedback`): answer A = the base
   model's greedy answer, answer B = a sample (temperature 0.9) from the user's current adapter policy;
   * choices: the user picks the answer whose transparent judge scores lie further toward its poles
     (Σ_d direction·score_d / margin_d), A and B recorded as one interaction;
   * ratings (thumbs only): the user sees B alone and gives a thumbs up (5) when B is better for them
     than the greedy base answer they would otherwise get, a thumbs down (1) when worse (3 on a tie);
     B is recorded alone, so the store compares it with the user's other ratings (`memory.ratings`);
   * edits: the user corrects A toward its poles (`simulated_edit`: transparent sentence edits);
   every event is stored through the memory store like a real user's;
3. update the online weights (no training run) and retrain each user's adapter on all their feedback
   (`personalign align`'s rule: DPO on the choosing and editing users' pairs, KTO on the thumbs-only user's
   rated answers), timing both.

Metrics (transparent judges of the eval harness, scores divided by each dimension's margin):
personalization = mean over users, prompts and dimensions of the score signed toward the user's pole;
separation = Σ_d direction_d(user 1)·(v_1,d − v_2,d) between the two users' mean score vectors v (how
far apart the opposite users are judged, in margins, along the axis that separates their poles).

    python benchmarks/feedback_loop.py            # choices: 2 users × 8 prompts × 3 rounds, 64 tokens, 4 held out
    python benchmarks/feedback_loop.py --feedback choices ratings edits   # each kind alone, one curve each
    python benchmarks/feedback_loop.py --tiny     # a quick end-to-end check (2 prompts, 1 round, 24 tokens)
    python benchmarks/feedback_loop.py --feedback choices ratings --arms lora   # DPO vs KTO adapters only

With both choices and ratings run, the end prints the KTO adapter's separation against the DPO (choices-only)
adapter's at the same number of events, and the issue's target (KTO > 0 and within 0.5 of choices).

Spread: separation is a mean over held-out prompts of per-prompt terms, so each figure comes with a 95 %
bootstrap interval that resamples the held-out prompts and, with several `--seeds`, the seeds too (a seed sets
the sampled answers and the adapters' training seed); KTO − DPO is bootstrapped paired (same prompts, same
seeds). Long measurements can run as short pieces, one kind and seed each, then be merged:

    python benchmarks/feedback_loop.py --feedback ratings --arms lora --eval-prompts 16 --seeds 1 --json r1.json
    python benchmarks/feedback_loop.py --combine c0.json r0.json c1.json r1.json --png docs/images/x.png
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import torch  # noqa: E402

from personalign.decoding import Engine  # noqa: E402
from personalign.dimensions import DIMENSIONS, judge_all  # noqa: E402
from personalign.eval.prompts import eval_prompts, spread  # noqa: E402
from personalign.eval.users import build_users  # noqa: E402
from personalign.feedback import AdapterConfig, RetrainPolicy, UserAdapters, align_user, terms_for_users, update_user  # noqa: E402
from personalign.memory import MemoryStore  # noqa: E402
from personalign.models import load  # noqa: E402
from personalign.rewards.persrm import resolve_reward_model  # noqa: E402

ARMS = ("base", "online", "lora", "both")
KINDS = ("choices", "ratings", "edits")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
WARM_OPEN, WARM_CLOSE = "Great question! ", " I hope this helps, and good luck!"


def normalized(text: str) -> dict[str, float]:
    return {d: dim.judge.score(text) / dim.margin for d, dim in DIMENSIONS.items()}


def utility(text: str, poles: dict[str, str]) -> float:
    """What a simulated user maximizes: judged scores signed toward its poles, in margins."""
    v = normalized(text)
    return sum(DIMENSIONS[d].direction(p) * v[d] for d, p in poles.items())


def generate_arm(arm, adapters: UserAdapters, store, users, prompts, max_new_tokens, reward_model=None, **sampling):
    """Answers of one system for every (user, prompt), users' rows batched together; PAD's reward model is
    `reward_model` (None: training-free, the base shown the preference)."""
    ids = [u.id for u in users for _ in prompts]
    rows = [p for _ in users for p in prompts]
    names, terms = None, None
    if arm in ("lora", "both"):
        engine, per_user = adapters.engine_for([u.id for u in users], reward_model=reward_model)
        names = [n for n in per_user for _ in prompts]
    else:  # the plain base model: the PeftModel would apply its active adapter to rows without a name
        engine = Engine(adapters.base, reward_model)
    if arm in ("online", "both"):
        terms = terms_for_users(store, ids)
    strategy = "pad" if terms is not None else "base"
    result = engine.generate(rows, strategy=strategy, terms=terms, adapters=names, max_new_tokens=max_new_tokens,
                             **sampling)
    texts = result.texts
    return {u.id: texts[i * len(prompts):(i + 1) * len(prompts)] for i, u in enumerate(users)}


def sentences(text: str) -> list[str]:
    return [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def simulated_edit(a: str, b: str, poles: dict[str, str]) -> str:
    """What a user with these poles makes of answer A, sentence by sentence (transparent, judge-aligned).

    Expertise decides which sentences lean the user's way (Flesch-Kincaid grade at or beyond the median
    of A's, in the pole's direction). Concise keeps A's one sentence furthest toward the expertise pole;
    detailed keeps all of A and adds answer B's new sentences that lean the user's way. Blunt then drops
    warm sentences and exclamation marks; warm adds a friendly opening and closing."""
    parts = sentences(a) or [a.strip()]
    sign = 1 if poles["expertise"] == "expert" else -1
    grades = {x: judge_all(x)["expertise"] for x in parts}
    if poles["length"] == "concise":
        parts = [max(parts, key=lambda x: sign * grades[x])]
    else:
        middle = statistics.median(grades.values())
        parts = parts + [x for x in sentences(b)
                         if x not in parts and sign * (judge_all(x)["expertise"] - middle) >= 0]
    if poles["tone"] == "blunt":
        parts = [x for x in parts if judge_all(x)["tone"] <= 0.3] or parts[:1]
        return " ".join(parts).replace("!", ".")
    return WARM_OPEN + " ".join(parts) + WARM_CLOSE


def give_feedback(kind: str, store, u, prompt: str, a: str, b: str, rnd: int) -> str:
    """Stores one simulated feedback event of `kind`; returns what the user did."""
    params = {"round": rnd, "feedback": kind}
    if kind == "choices":
        iid = store.record_interaction(u.id, prompt, a, "feedback-loop", params, alt_answer=b)
        choice = "B" if utility(b, u.pole_map) > utility(a, u.pole_map) else "A"
        store.add_feedback(u.id, iid, choice=choice)
        return choice
    if kind == "ratings":
        iid = store.record_interaction(u.id, prompt, b, "feedback-loop", params)
        gap = utility(b, u.pole_map) - utility(a, u.pole_map)
        rating = 5 if gap > 0 else 1 if gap < 0 else 3
        store.add_feedback(u.id, iid, rating=rating)
        return str(rating)
    iid = store.record_interaction(u.id, prompt, a, "feedback-loop", params)
    edited = simulated_edit(a, b, u.pole_map)
    store.add_feedback(u.id, iid, edited_answer=edited)
    return "edit"


def evaluate(answers: dict[str, list[str]], users) -> dict:
    vectors, per_user = {}, {}
    for u in users:
        vs = [normalized(t) for t in answers[u.id]]
        vectors[u.id] = {d: statistics.fmean(v[d] for v in vs) for d in DIMENSIONS}
        per_user[u.id] = statistics.fmean(utility(t, u.pole_map) / len(DIMENSIONS) for t in answers[u.id])
    a, b = users[0], users[1]
    separation = sum(DIMENSIONS[d].direction(p) * (vectors[a.id][d] - vectors[b.id][d]) for d, p in a.poles)
    # Separation is linear in the per-prompt scores: its mean over these per-prompt terms (the bootstrap's unit).
    va, vb = [normalized(t) for t in answers[a.id]], [normalized(t) for t in answers[b.id]]
    per_prompt = [sum(DIMENSIONS[d].direction(p) * (x[d] - y[d]) for d, p in a.poles) for x, y in zip(va, vb)]
    distance = sum((vectors[a.id][d] - vectors[b.id][d]) ** 2 for d in DIMENSIONS) ** 0.5
    return {"personalization": statistics.fmean(per_user.values()), "per_user": per_user,
            "separation": separation, "per_prompt_separation": per_prompt, "distance": distance, "vectors": vectors,
            "words": {u.id: statistics.fmean(len(t.split()) for t in answers[u.id]) for u in users}}


def run_kind(kind: str, base, users, feedback_prompts, held_out, args, config, base_cache: dict,
             seed: int = 0) -> dict:
    """The whole loop for one feedback kind and one seed, on a fresh store: per-round results and update timings.

    The seed sets the sampled answers B (sampling seed 1000·(seed + 1) + round) and the adapters' training seed
    (LoRA initialization, data order, KTO's mismatched pairs); the greedy base answers do not depend on it."""
    config = dataclasses.replace(config, seed=seed)
    work = Path(tempfile.mkdtemp(prefix=f"feedback-loop-{kind}-s{seed}-"))
    store = MemoryStore(f"sqlite:///{work / 'memory.db'}", data_dir=work)
    adapters = UserAdapters(base, store)
    results, update_times, online_times, train_times, methods, adapters_trained = [], [], [], [], [], []
    tag = f"[{kind} seed {seed}]"
    for rnd in range(args.rounds + 1):
        t0 = time.perf_counter()
        row = {"round": rnd}
        for arm in args.arms:
            # Greedy base answers never change, and before any feedback every system is the base model.
            if arm == "base" or rnd == 0:
                if "eval" not in base_cache:
                    base_cache["eval"] = generate_arm("base", adapters, store, users[:1], held_out,
                                                      args.max_new_tokens)[users[0].id]
                answers = {u.id: base_cache["eval"] for u in users}
            else:
                answers = generate_arm(arm, adapters, store, users, held_out, args.max_new_tokens,
                                       reward_model=args.persrm)
            row[arm] = evaluate(answers, users)
        row["eval_seconds"] = round(time.perf_counter() - t0, 1)
        row["weights"] = {u.id: (store.get_learned_weights(u.id).weights if store.get_learned_weights(u.id) else None)
                          for u in users}
        results.append(row)
        print(f"{tag} round {rnd}: " + "  ".join(f"{arm} pers {row[arm]['personalization']:+.2f} sep "
                                                    f"{row[arm]['separation']:+.2f}" for arm in args.arms)
              + f"  ({row['eval_seconds']}s)", flush=True)
        if rnd == args.rounds:
            break
        # -- feedback
        t0 = time.perf_counter()
        if "feedback" not in base_cache:
            base_cache["feedback"] = generate_arm("base", adapters, store, users[:1], feedback_prompts,
                                                  args.max_new_tokens)[users[0].id]
        alt = generate_arm("lora", adapters, store, users, feedback_prompts, args.max_new_tokens,
                           temperature=0.9, seed=1000 * (seed + 1) + rnd)
        did = []
        for u in users:
            for prompt, a, b in zip(feedback_prompts, base_cache["feedback"], alt[u.id]):
                did.append(give_feedback(kind, store, u, prompt, a, b, rnd))
        gen_s = time.perf_counter() - t0
        # -- updates
        for u in users:
            t0 = time.perf_counter()
            update_user(store, u.id)
            online_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            r = align_user(store, base, u.id, config, RetrainPolicy(min_new_pairs=1))
            if r.trained:
                m = r.manifest
                update_times.append(time.perf_counter() - t0)
                train_times.append(m["seconds"])
                methods.append(m["method"])
                adapters_trained.append({"round": rnd + 1, "user": u.id, "method": m["method"],
                                         "items": m["pairs_used"], "steps": m["steps"], "train_seconds": m["seconds"],
                                         "update_seconds": round(update_times[-1], 3),
                                         "final_loss": m["final_loss"], "final_accuracy": m["final_accuracy"],
                                         "final_kl": m.get("final_kl"), "kto_weights": m.get("kto_weights")})
                data = (f"{m['pairs']} pairs" if m["method"] == "dpo" else
                        f"{m['rated']} rated ({m['desirable']} up, {m['undesirable']} down)")
                adapter = (f"{m['method'].upper()} on {data}, {m['steps']} steps, adapter update "
                           f"{update_times[-1]:.1f}s (training {m['seconds']:.1f}s, loss {m['final_loss']:.3f})")
            else:
                adapter = f"no adapter trained ({r.reason})"
            print(f"  {u.id}: {adapter}, online update {online_times[-1] * 1000:.0f} ms", flush=True)
        results[-1]["feedback"] = {"kind": kind, "events": len(did), "what": dict(sorted(
            {w: did.count(w) for w in set(did)}.items())), "generation_seconds": round(gen_s, 1)}
    return {"seed": seed, "results": results, "adapter_update_seconds": update_times,
            "online_update_seconds": online_times, "adapter_train_seconds": train_times,
            "adapter_methods": sorted(set(methods)), "adapters": adapters_trained,
            "events_per_round": len(users) * len(feedback_prompts)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tiny", action="store_true", help="quick check: 2 feedback + 2 eval prompts, 1 round")
    ap.add_argument("--feedback", nargs="+", choices=KINDS, default=["choices"],
                    help="feedback kind(s), each run alone on a fresh store (default: choices)")
    ap.add_argument("--arms", nargs="+", choices=ARMS[1:], default=list(ARMS[1:]),
                    help="systems to evaluate besides base (default: all; e.g. --arms lora for the adapters alone)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--prompts", type=int, default=8, help="feedback prompts per user per round")
    ap.add_argument("--eval-prompts", type=int, default=4,
                    help="held-out prompts (from the held-out split, never among the feedback prompts)")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0],
                    help="one run per seed and kind (sampled answers and adapter training; default: 0)")
    ap.add_argument("--bootstrap", type=int, default=2000,
                    help="bootstrap draws for the spread (seeds and held-out prompts resampled; default 2000)")
    ap.add_argument("--max-new-tokens", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a crowded CPU)")
    ap.add_argument("--lr", type=float, default=2e-3, help="adapter DPO/KTO learning rate")
    ap.add_argument("--epochs", type=float, default=1.0,
                    help="adapter epochs over the user's pairs or rated answers (retrained from scratch each round)")
    ap.add_argument("--png", default=None, help="plot path (default docs/images/feedback_loop.png for choices "
                    "alone, docs/images/feedback_kinds.png for several kinds; tiny: none)")
    ap.add_argument("--json", default=None, help="write the per-round results here")
    ap.add_argument("--combine", nargs="+", metavar="JSON", default=None,
                    help="run nothing: merge the --json files of earlier runs (say one per kind and seed, each a "
                    "short run) and print, compare and plot them as one run")
    ap.add_argument("--reward-model", choices=("base", "persrm"), default="base",
                    help="PAD's reward model for the online terms: base = training-free PAD (default, as in the "
                    "README's curve); persrm = the shipped PersRM, as `personalign generate` and `serve` use")
    from personalign.models.loader import DEFAULT_MODEL
    ap.add_argument("--model", default=DEFAULT_MODEL)
    args = ap.parse_args(argv)
    if args.combine:
        try:
            summary, runs = combine(args.combine)
        except (OSError, ValueError, KeyError) as exc:
            print(f"feedback_loop: cannot combine: {exc}", file=sys.stderr)
            return 2
        kinds = list(runs)
        report(runs, summary, args.png or default_png(kinds), summary["arms"], args.bootstrap)
        return 0
    args.arms = ["base"] + [a for a in ARMS[1:] if a in args.arms]
    if args.tiny:
        args.rounds, args.prompts, args.eval_prompts, args.max_new_tokens = 1, 2, 2, 24
    torch.set_num_threads(args.threads)
    kinds = list(dict.fromkeys(args.feedback))
    seeds = list(dict.fromkeys(args.seeds))
    png = args.png or (None if args.tiny else default_png(kinds))

    t_start = time.perf_counter()
    load_start = os.getloadavg()
    base = load(args.model, device="cpu", dtype="float32")
    args.persrm = resolve_reward_model(None, base) if args.reward_model == "persrm" else None
    users = build_users(2)
    pool, source = eval_prompts("auto")
    chosen = spread(pool, args.prompts + args.eval_prompts)
    feedback_prompts, held_out = [], []
    for i, p in enumerate(chosen):  # alternate, so both sets spread over the whole prompt pool
        take = (i % 2 == 0 and len(feedback_prompts) < args.prompts) or len(held_out) >= args.eval_prompts
        (feedback_prompts if take else held_out).append(p.text)
    config = AdapterConfig(epochs=args.epochs, lr=args.lr, batch_size=4, lora_r=8, lora_alpha=16, max_length=320)
    print(f"users: {[u.id for u in users]}; prompts from {source}: {len(feedback_prompts)} feedback, "
          f"{len(held_out)} held out; {args.rounds} round(s); max_new_tokens={args.max_new_tokens}; "
          f"feedback: {', '.join(kinds)}; seeds: {seeds}", flush=True)

    base_cache: dict = {}  # greedy base answers are the same for every kind and seed
    runs = {kind: [run_kind(kind, base, users, feedback_prompts, held_out, args, config, base_cache, seed)
                   for seed in seeds] for kind in kinds}
    update_times = [t for rs in runs.values() for r in rs for t in r["adapter_update_seconds"]]
    online_times = [t for rs in runs.values() for r in rs for t in r["online_update_seconds"]]
    summary = {
        "model": args.model, "users": [u.to_dict() for u in users], "threads": args.threads,
        "rounds": args.rounds, "feedback_prompts": len(feedback_prompts), "eval_prompts": len(held_out),
        "prompt_source": source, "feedback_prompt_texts": feedback_prompts, "held_out_texts": held_out,
        "max_new_tokens": args.max_new_tokens, "adapter_config": vars(config), "feedback": kinds, "seeds": seeds,
        "reward_model": args.reward_model, "arms": args.arms,
        "adapter_update_seconds": {"mean": statistics.fmean(update_times) if update_times else None,
                                   "max": max(update_times, default=None), "all": [round(t, 2) for t in update_times]},
        "online_update_ms": {"mean": statistics.fmean(online_times) * 1000 if online_times else None},
        "total_seconds": round(time.perf_counter() - t_start, 1),
        "load_average": {"start": load_start, "end": os.getloadavg()},
        "cpu": os.cpu_count(), "torch": torch.__version__,
    }
    if args.json:
        Path(args.json).write_text(json.dumps({**summary, "runs": runs}, indent=1, default=str) + "\n",
                                   encoding="utf-8")
    report(runs, summary, png, args.arms, args.bootstrap)
    return 0


def default_png(kinds) -> str:
    return "docs/images/feedback_loop.png" if list(kinds) == ["choices"] else "docs/images/feedback_kinds.png"


# Settings that must agree for runs to be combined (the seeds and kinds may differ).
SAME = ("model", "users", "rounds", "feedback_prompt_texts", "held_out_texts", "max_new_tokens", "reward_model")


def combine(paths) -> tuple[dict, dict]:
    """(summary, runs: kind -> list of seed runs) merged from --json files written by this benchmark; settings
    other than the seed and kind must agree, and a (kind, seed) may appear once."""
    summary, runs, seen = None, {}, set()
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        config = {k: v for k, v in data["adapter_config"].items() if k != "seed"}
        if summary is None:
            summary = {k: v for k, v in data.items() if k != "runs"}
            summary.update(config_wo_seed=config, seeds=[], feedback=[], total_seconds=0.0, load_average=[],
                           arms=list(data["arms"]))
        else:
            for key in SAME:
                if data.get(key) != summary.get(key):
                    raise ValueError(f"{path}: {key} differs from {paths[0]}'s")
            if config != summary["config_wo_seed"]:
                raise ValueError(f"{path}: adapter settings differ from {paths[0]}'s")
            summary["arms"] = [a for a in summary["arms"] if a in data["arms"]]
        summary["total_seconds"] += data.get("total_seconds", 0.0)
        summary["load_average"].append(data.get("load_average"))
        for kind, kind_runs in data["runs"].items():
            for run in kind_runs:
                if (kind, run["seed"]) in seen:
                    raise ValueError(f"{path}: {kind} seed {run['seed']} is already in an earlier file")
                seen.add((kind, run["seed"]))
                runs.setdefault(kind, []).append(run)
                summary["seeds"] = sorted(set(summary["seeds"]) | {run["seed"]})
    for kind in runs:
        runs[kind].sort(key=lambda r: r["seed"])
    summary["feedback"] = list(runs)
    return summary, runs


def spread_of(values, n_boot: int = 2000, seed: int = 0) -> dict:
    """Mean and 95 % bootstrap interval of a [seed][prompt] table: each draw resamples the seeds and the
    prompts (the same prompt indices for every seed) with replacement and takes the mean of the drawn cells.
    With one seed this is the usual bootstrap over prompts."""
    table = [list(row) for row in values]
    k, n = len(table), len(table[0])
    rng = random.Random(seed)
    means = []
    for _ in range(n_boot):
        rows = [table[rng.randrange(k)] for _ in range(k)]
        cols = [rng.randrange(n) for _ in range(n)]
        means.append(statistics.fmean(row[c] for row in rows for c in cols))
    means.sort()
    per_seed = [statistics.fmean(row) for row in table]
    return {"mean": statistics.fmean(per_seed), "lo": means[int(0.025 * n_boot)],
            "hi": means[min(n_boot - 1, int(0.975 * n_boot))], "per_seed": per_seed}


def separation_curve(kind_runs, arm: str, n_boot: int = 2000) -> list[dict]:
    """Per round: the separation's mean over seeds, its bootstrap interval and each seed's figure."""
    rounds = len(kind_runs[0]["results"])
    return [dict(round=r, **spread_of([run["results"][r][arm]["per_prompt_separation"] for run in kind_runs],
                                      n_boot, seed=r)) for r in range(rounds)]


def report(runs: dict, summary: dict, png, arms, n_boot: int) -> None:
    hidden = ("feedback_prompt_texts", "held_out_texts", "users", "adapter_update_seconds", "config_wo_seed")
    print(json.dumps({k: v for k, v in summary.items() if k not in hidden}, default=str))
    for kind, kind_runs in runs.items():
        for arm in arms:
            curve = separation_curve(kind_runs, arm, n_boot)
            print(f"{kind:>8} {arm:>6} separation per round (mean over {len(kind_runs)} seed(s) [95% CI]): "
                  + "  ".join(f"{c['mean']:+.2f} [{c['lo']:+.2f}, {c['hi']:+.2f}]" for c in curve))
        print_train_times(kind, kind_runs)
        wins = sampled_wins(kind, kind_runs)
        if wins:
            print(f"{kind:>8} feedback prompts (training side): the adapter's sampled answer beat the greedy base "
                  "answer in " + ", ".join(f"{w}/{n} (round {r})" for r, w, n in wins))
    if png:
        if len(runs) == 1:
            plot(next(iter(runs.values())), png, summary, arms, n_boot)
        else:
            plot_kinds(runs, png, summary, arms, n_boot)
        print(f"plot: {png}")
    if {"choices", "ratings"} <= set(runs) and "lora" in arms:
        compare_adapters(runs, n_boot)


def sampled_wins(kind: str, kind_runs) -> list[tuple[int, int, int]]:
    """(round, wins, events) summed over seeds: how often the sampled answer B (round 0: the base's; later: the
    user's adapter's) was better for the user than the greedy base answer A on the feedback prompts — B chosen,
    or a thumbs up. Edits have no such count."""
    win = {"choices": "B", "ratings": "5"}.get(kind)
    if win is None:
        return []
    out = []
    for rnd in range(len(kind_runs[0]["results"])):
        whats = [run["results"][rnd].get("feedback", {}).get("what") for run in kind_runs]
        if all(whats):
            out.append((rnd, sum(w.get(win, 0) for w in whats), sum(sum(w.values()) for w in whats)))
    return out


def print_train_times(kind: str, kind_runs) -> None:
    """Training time per adapter (optimizer steps; the whole update adds the reference pass and saving), by round."""
    by_round: dict = {}
    for run in kind_runs:
        for a in run.get("adapters", []):
            by_round.setdefault((a["method"], a["round"]), []).append(a)
    for (method, rnd), rows in sorted(by_round.items(), key=lambda x: (x[0][1], x[0][0])):
        train = [a["train_seconds"] for a in rows]
        update = [a["update_seconds"] for a in rows]
        print(f"{kind:>8} round {rnd} {method.upper()}: {len(rows)} adapters on {min(a['items'] for a in rows)}–"
              f"{max(a['items'] for a in rows)} items, {rows[0]['steps']} steps: training "
              f"{statistics.fmean(train):.1f} s ({min(train):.1f}–{max(train):.1f}), whole update "
              f"{statistics.fmean(update):.1f} s ({min(update):.1f}–{max(update):.1f})")


def compare_adapters(runs: dict, n_boot: int = 2000) -> list[dict]:
    """The thumbs-only users' KTO adapters against the choosing users' DPO adapters, round by round (the same
    number of feedback events), with issue 15's target: KTO separation > 0 and within 0.5 of choices-only.

    The difference KTO − DPO is bootstrapped paired: the same seeds (those both kinds ran) and the same held-out
    prompts. A round is decided when the intervals keep to one side: met (KTO's interval above 0 and the
    difference's above −0.5), missed (KTO's below 0 or the difference's below −0.5), else within noise."""
    per_round = runs["choices"][0]["events_per_round"]
    seeds = sorted({r["seed"] for r in runs["choices"]} & {r["seed"] for r in runs["ratings"]})
    if not seeds:
        print("no seed ran both choices and ratings: no comparison")
        return []
    kto_runs = [r for r in runs["ratings"] if r["seed"] in seeds]
    dpo_runs = [r for r in runs["choices"] if r["seed"] in seeds]
    kto, dpo = separation_curve(kto_runs, "lora", n_boot), separation_curve(dpo_runs, "lora", n_boot)
    out = []
    for rnd in range(1, len(kto)):
        diff = spread_of([[x - y for x, y in zip(k["results"][rnd]["lora"]["per_prompt_separation"],
                                                 d["results"][rnd]["lora"]["per_prompt_separation"])]
                          for k, d in zip(kto_runs, dpo_runs)], n_boot, seed=100 + rnd)
        k, d = kto[rnd], dpo[rnd]
        met = k["mean"] > 0 and diff["mean"] >= -0.5
        if k["lo"] > 0 and diff["lo"] >= -0.5:
            decided = "met"
        elif k["hi"] < 0 or diff["hi"] < -0.5:
            decided = "missed"
        else:
            decided = "within noise"
        print(f"round {rnd} ({rnd * per_round} events, seeds {seeds}): lora separation KTO (ratings) "
              f"{k['mean']:+.2f} [{k['lo']:+.2f}, {k['hi']:+.2f}] vs DPO (choices) {d['mean']:+.2f} "
              f"[{d['lo']:+.2f}, {d['hi']:+.2f}]; KTO − DPO {diff['mean']:+.2f} [{diff['lo']:+.2f}, "
              f"{diff['hi']:+.2f}]: target {'met' if met else 'missed'} on the means; with the intervals: {decided}")
        out.append({"round": rnd, "kto": k, "dpo": d, "difference": diff, "met": met, "decided": decided})
    return out


def _band(ax, curve, style, label):
    rounds = [c["round"] for c in curve]
    ax.plot(rounds, [c["mean"] for c in curve], style, label=label)
    if any(c["hi"] > c["lo"] for c in curve):
        ax.fill_between(rounds, [c["lo"] for c in curve], [c["hi"] for c in curve], color=style[:2], alpha=0.15,
                        linewidth=0)


def plot(kind_runs, path, summary, arms=ARMS, n_boot: int = 2000) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = kind_runs[0]["results"]
    rounds = [r["round"] for r in results]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for arm, style in zip(ARMS, ("k--", "C0-o", "C1-s", "C2-^")):
        if arm not in arms:
            continue
        axes[0].plot(rounds, [statistics.fmean(run["results"][i][arm]["personalization"] for run in kind_runs)
                              for i in range(len(rounds))], style, label=arm)
        _band(axes[1], separation_curve(kind_runs, arm, n_boot), style, arm)
    axes[0].set_title("personalization (judged score toward the user's poles, margins)")
    axes[1].set_title("separation of the two opposite users (margins, 95% CI)")
    for ax in axes:
        ax.set_xlabel("feedback round")
        ax.set_xticks(rounds)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(f"{summary['model']}: 2 simulated users × {summary['feedback_prompts']} choices/round, "
                 f"{summary['eval_prompts']} held-out prompts, {summary['max_new_tokens']} new tokens,\n"
                 f"seeds {summary['seeds']} (band: 95% bootstrap over seeds and prompts)", fontsize=10)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def plot_kinds(runs: dict, path, summary, arms=ARMS, n_boot: int = 2000) -> None:
    """Separation of the two opposite users per round, one curve per feedback kind (mean over seeds, 95 % bootstrap
    band over seeds and held-out prompts), one panel per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    arms = [a for a in arms if a != "base"]
    fig, axes = plt.subplots(1, len(arms), figsize=(max(5 * len(arms), 8), 4.6), sharey=True, squeeze=False)
    for ax, arm in zip(axes[0], arms):
        for (kind, kind_runs), style in zip(runs.items(), ("C0-o", "C1-s", "C2-^")):
            _band(ax, separation_curve(kind_runs, arm, n_boot), style, f"{kind} alone")
        base = next(iter(runs.values()))[0]["results"]
        ax.plot([r["round"] for r in base], [r["base"]["separation"] for r in base], "k--", label="base")
        ax.set_title(f"{arm}: separation of the two opposite users (margins, 95% CI)", fontsize=9)
        ax.set_xlabel("feedback round")
        ax.set_xticks([r["round"] for r in base])
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(f"{summary['model']}: 2 simulated users × {summary['feedback_prompts']} events/round of one kind, "
                 f"{summary['eval_prompts']} held-out prompts,\n{summary['max_new_tokens']} new tokens, PAD reward "
                 f"model: {summary['reward_model']}, seeds {summary['seeds']} (bands: 95% bootstrap over seeds and "
                 "prompts)", fontsize=10)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


if __name__ == "__main__":
    sys.exit(main())
