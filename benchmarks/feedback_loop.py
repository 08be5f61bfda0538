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
"""
from __future__ import annotations

import argparse
import json
import os
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
    distance = sum((vectors[a.id][d] - vectors[b.id][d]) ** 2 for d in DIMENSIONS) ** 0.5
    return {"personalization": statistics.fmean(per_user.values()), "per_user": per_user,
            "separation": separation, "distance": distance, "vectors": vectors,
            "words": {u.id: statistics.fmean(len(t.split()) for t in answers[u.id]) for u in users}}


def run_kind(kind: str, base, users, feedback_prompts, held_out, args, config, base_cache: dict) -> dict:
    """The whole loop for one feedback kind, on a fresh store: per-round results and update timings."""
    work = Path(tempfile.mkdtemp(prefix=f"feedback-loop-{kind}-"))
    store = MemoryStore(f"sqlite:///{work / 'memory.db'}", data_dir=work)
    adapters = UserAdapters(base, store)
    results, update_times, online_times, train_times, methods = [], [], [], [], []
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
        print(f"[{kind}] round {rnd}: " + "  ".join(f"{arm} pers {row[arm]['personalization']:+.2f} sep "
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
                           temperature=0.9, seed=1000 + rnd)
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
                data = (f"{m['pairs']} pairs" if m["method"] == "dpo" else
                        f"{m['rated']} rated ({m['desirable']} up, {m['undesirable']} down)")
                adapter = (f"{m['method'].upper()} on {data}, {m['steps']} steps, adapter update "
                           f"{update_times[-1]:.1f}s (training {m['seconds']:.1f}s, loss {m['final_loss']:.3f})")
            else:
                adapter = f"no adapter trained ({r.reason})"
            print(f"  {u.id}: {adapter}, online update {online_times[-1] * 1000:.0f} ms", flush=True)
        results[-1]["feedback"] = {"kind": kind, "events": len(did), "what": dict(sorted(
            {w: did.count(w) for w in set(did)}.items())), "generation_seconds": round(gen_s, 1)}
    return {"results": results, "adapter_update_seconds": update_times, "online_update_seconds": online_times,
            "adapter_train_seconds": train_times, "adapter_methods": sorted(set(methods)),
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
    ap.add_argument("--eval-prompts", type=int, default=4)
    ap.add_argument("--max-new-tokens", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a crowded CPU)")
    ap.add_argument("--lr", type=float, default=2e-3, help="adapter DPO learning rate")
    ap.add_argument("--epochs", type=float, default=1.0,
                    help="adapter DPO epochs over the user's pairs (retrained from scratch each round)")
    ap.add_argument("--png", default=None, help="plot path (default docs/images/feedback_loop.png for choices "
                    "alone, docs/images/feedback_kinds.png for several kinds; tiny: none)")
    ap.add_argument("--json", default=None, help="write the per-round results here")
    ap.add_argument("--reward-model", choices=("base", "persrm"), default="base",
                    help="PAD's reward model for the online terms: base = training-free PAD (default, as in the "
                    "README's curve); persrm = the shipped PersRM, as `personalign generate` and `serve` use")
    from personalign.models.loader import DEFAULT_MODEL
    ap.add_argument("--model", default=DEFAULT_MODEL)
    args = ap.parse_args(argv)
    args.arms = ["base"] + [a for a in ARMS[1:] if a in args.arms]
    if args.tiny:
        args.rounds, args.prompts, args.eval_prompts, args.max_new_tokens = 1, 2, 2, 24
    torch.set_num_threads(args.threads)
    kinds = list(dict.fromkeys(args.feedback))
    default_png = "docs/images/feedback_loop.png" if kinds == ["choices"] else "docs/images/feedback_kinds.png"
    png = args.png or (None if args.tiny else default_png)

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
          f"feedback: {', '.join(kinds)}", flush=True)

    base_cache: dict = {}  # greedy base answers are the same for every kind
    runs = {kind: run_kind(kind, base, users, feedback_prompts, held_out, args, config, base_cache)
            for kind in kinds}
    update_times = [t for r in runs.values() for t in r["adapter_update_seconds"]]
    per_kind = {kind: {"methods": r["adapter_methods"],
                       "update_seconds_mean": statistics.fmean(r["adapter_update_seconds"])
                       if r["adapter_update_seconds"] else None,
                       "train_seconds_mean": statistics.fmean(r["adapter_train_seconds"])
                       if r["adapter_train_seconds"] else None,
                       "train_seconds_max": max(r["adapter_train_seconds"], default=None)}
                for kind, r in runs.items()}
    online_times = [t for r in runs.values() for t in r["online_update_seconds"]]
    summary = {
        "model": args.model, "users": [u.to_dict() for u in users], "threads": args.threads,
        "rounds": args.rounds, "feedback_prompts": len(feedback_prompts), "eval_prompts": len(held_out),
        "max_new_tokens": args.max_new_tokens, "adapter_config": vars(config), "feedback": kinds,
        "reward_model": args.reward_model, "arms": args.arms, "adapters_per_kind": per_kind,
        "adapter_update_seconds": {"mean": statistics.fmean(update_times) if update_times else None,
                                   "max": max(update_times, default=None), "all": [round(t, 2) for t in update_times]},
        "online_update_ms": {"mean": statistics.fmean(online_times) * 1000 if online_times else None},
        "total_seconds": round(time.perf_counter() - t_start, 1),
        "load_average": {"start": load_start, "end": os.getloadavg()},
        "cpu": os.cpu_count(), "torch": torch.__version__,
    }
    print(json.dumps(summary, indent=1, default=str))
    if args.json:
        Path(args.json).write_text(json.dumps({**summary, "runs": runs}, indent=1, default=str) + "\n",
                                   encoding="utf-8")
    if png:
        if len(kinds) == 1:
            plot(runs[kinds[0]]["results"], png, summary, args.arms)
        else:
            plot_kinds(runs, png, summary, args.arms)
        print(f"plot: {png}")
    for kind, run in runs.items():
        first, last = run["results"][0], run["results"][-1]
        for arm in args.arms:
            print(f"{kind:>8} {arm:>6}: personalization {first[arm]['personalization']:+.3f} -> "
                  f"{last[arm]['personalization']:+.3f}; "
                  f"separation {first[arm]['separation']:+.3f} -> {last[arm]['separation']:+.3f}; "
                  f"distance {first[arm]['distance']:.3f} -> {last[arm]['distance']:.3f}")
    if {"choices", "ratings"} <= set(runs) and "lora" in args.arms:
        compare_adapters(runs)
    return 0


def compare_adapters(runs: dict) -> None:
    """The thumbs-only users' KTO adapters against the choosing users' DPO adapters, round by round (the same
    number of feedback events), with issue 15's target: KTO separation > 0 and within 0.5 of choices-only."""
    per_round = runs["choices"]["events_per_round"]
    for c, r in zip(runs["choices"]["results"][1:], runs["ratings"]["results"][1:]):
        kto, dpo = r["lora"]["separation"], c["lora"]["separation"]
        met = kto > 0 and kto >= dpo - 0.5
        print(f"round {r['round']} ({r['round'] * per_round} events): lora separation KTO (ratings) {kto:+.2f} vs "
              f"DPO (choices) {dpo:+.2f}: target {'met' if met else 'missed'}")


def plot(results, path, summary, arms=ARMS) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rounds = [r["round"] for r in results]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for arm, style in zip(ARMS, ("k--", "C0-o", "C1-s", "C2-^")):
        if arm not in arms:
            continue
        axes[0].plot(rounds, [r[arm]["personalization"] for r in results], style, label=arm)
        axes[1].plot(rounds, [r[arm]["separation"] for r in results], style, label=arm)
    axes[0].set_title("personalization (judged score toward the user's poles, margins)")
    axes[1].set_title("separation of the two opposite users (margins)")
    for ax in axes:
        ax.set_xlabel("feedback round")
        ax.set_xticks(rounds)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(f"{summary['model']}: 2 simulated users × {summary['feedback_prompts']} choices/round, "
                 f"{summary['eval_prompts']} held-out prompts, {summary['max_new_tokens']} new tokens", fontsize=10)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def plot_kinds(runs: dict, path, summary, arms=ARMS) -> None:
    """Separation of the two opposite users per round, one curve per feedback kind, one panel per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    arms = [a for a in arms if a != "base"]
    fig, axes = plt.subplots(1, len(arms), figsize=(5 * len(arms), 4.2), sharey=True, squeeze=False)
    for ax, arm in zip(axes[0], arms):
        for (kind, run), style in zip(runs.items(), ("C0-o", "C1-s", "C2-^")):
            rounds = [r["round"] for r in run["results"]]
            ax.plot(rounds, [r[arm]["separation"] for r in run["results"]], style, label=f"{kind} alone")
        base = next(iter(runs.values()))["results"]
        ax.plot([r["round"] for r in base], [r["base"]["separation"] for r in base], "k--", label="base")
        ax.set_title(f"{arm}: separation of the two opposite users (margins)", fontsize=9)
        ax.set_xlabel("feedback round")
        ax.set_xticks([r["round"] for r in base])
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(f"{summary['model']}: 2 simulated users × {summary['feedback_prompts']} events/round of one kind, "
                 f"{summary['eval_prompts']} held-out prompts, {summary['max_new_tokens']} new tokens, PAD reward "
                 f"model: {summary['reward_model']}", fontsize=10)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


if __name__ == "__main__":
    sys.exit(main())
