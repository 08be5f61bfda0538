"""The feedback loop, simulated: users give pairwise choices for several rounds; four systems learn from them.

Simulated users come from the evaluation harness (`personalign.eval.users.build_users`: two users with
opposite poles on every dimension — concise/simple/blunt and detailed/expert/warm). Each round:

1. evaluate, on held-out prompts (greedy), four systems per user:
   base (no personalization) · online (PAD with the user's learned dimension weights as reward terms) ·
   lora (the user's DPO adapter) · both (adapter + online terms);
2. collect feedback on the feedback prompts: answer A = the base model's greedy answer, answer B = a
   sample (temperature 0.9) from the user's current adapter policy; the simulated user picks the answer
   whose transparent judge scores lie further toward its poles (Σ_d direction·score_d / margin_d);
   the choice is stored through the memory store like a real user's;
3. update the online weights (no training run) and retrain each user's adapter on all their pairs,
   timing both.

Metrics (transparent judges of the eval harness, scores divided by each dimension's margin):
personalization = mean over users, prompts and dimensions of the score signed toward the user's pole;
separation = Σ_d direction_d(user 1)·(v_1,d − v_2,d) between the two users' mean score vectors v (how
far apart the opposite users are judged, in margins, along the axis that separates their poles).

    python benchmarks/feedback_loop.py            # 2 users × 8 prompts × 3 rounds, 64 tokens, 4 held-out prompts
    python benchmarks/feedback_loop.py --tiny     # a quick end-to-end check (2 prompts, 1 round, 24 tokens)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import torch  # noqa: E402

from personalign.decoding import Engine  # noqa: E402
from personalign.dimensions import DIMENSIONS  # noqa: E402
from personalign.eval.prompts import eval_prompts, spread  # noqa: E402
from personalign.eval.users import build_users  # noqa: E402
from personalign.feedback import AdapterConfig, RetrainPolicy, UserAdapters, align_user, terms_for_users, update_user  # noqa: E402
from personalign.memory import MemoryStore  # noqa: E402
from personalign.models import load  # noqa: E402

ARMS = ("base", "online", "lora", "both")


def normalized(text: str) -> dict[str, float]:
    return {d: dim.judge.score(text) / dim.margin for d, dim in DIMENSIONS.items()}


def utility(text: str, poles: dict[str, str]) -> float:
    """What a simulated user maximizes: judged scores signed toward its poles, in margins."""
    v = normalized(text)
    return sum(DIMENSIONS[d].direction(p) * v[d] for d, p in poles.items())


def generate_arm(arm, adapters: UserAdapters, store, users, prompts, max_new_tokens, **sampling):
    """Answers of one system for every (user, prompt), users' rows batched together."""
    ids = [u.id for u in users for _ in prompts]
    rows = [p for _ in users for p in prompts]
    names, terms = None, None
    if arm in ("lora", "both"):
        engine, per_user = adapters.engine_for([u.id for u in users])
        names = [n for n in per_user for _ in prompts]
    else:  # the plain base model: the PeftModel would apply its active adapter to rows without a name
        engine = Engine(adapters.base)
    if arm in ("online", "both"):
        terms = terms_for_users(store, ids)
    strategy = "pad" if terms is not None else "base"
    result = engine.generate(rows, strategy=strategy, terms=terms, adapters=names, max_new_tokens=max_new_tokens,
                             **sampling)
    texts = result.texts
    return {u.id: texts[i * len(prompts):(i + 1) * len(prompts)] for i, u in enumerate(users)}


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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tiny", action="store_true", help="quick check: 2 feedback + 2 eval prompts, 1 round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--prompts", type=int, default=8, help="feedback prompts per user per round")
    ap.add_argument("--eval-prompts", type=int, default=4)
    ap.add_argument("--max-new-tokens", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a crowded CPU)")
    ap.add_argument("--lr", type=float, default=2e-3, help="adapter DPO learning rate")
    ap.add_argument("--epochs", type=float, default=1.0,
                    help="adapter DPO epochs over the user's pairs (retrained from scratch each round)")
    ap.add_argument("--png", default=None, help="plot path (default docs/images/feedback_loop.png, tiny: none)")
    ap.add_argument("--json", default=None, help="write the per-round results here")
    from personalign.models.loader import DEFAULT_MODEL
    ap.add_argument("--model", default=DEFAULT_MODEL)
    args = ap.parse_args(argv)
    if args.tiny:
        args.rounds, args.prompts, args.eval_prompts, args.max_new_tokens = 1, 2, 2, 24
    torch.set_num_threads(args.threads)
    png = args.png or (None if args.tiny else "docs/images/feedback_loop.png")

    t_start = time.perf_counter()
    base = load(args.model, device="cpu", dtype="float32")
    users = build_users(2)
    pool, source = eval_prompts("auto")
    chosen = spread(pool, args.prompts + args.eval_prompts)
    feedback_prompts, held_out = [], []
    for i, p in enumerate(chosen):  # alternate, so both sets spread over the whole prompt pool
        take = (i % 2 == 0 and len(feedback_prompts) < args.prompts) or len(held_out) >= args.eval_prompts
        (feedback_prompts if take else held_out).append(p.text)
    work = Path(tempfile.mkdtemp(prefix="feedback-loop-"))
    store = MemoryStore(f"sqlite:///{work / 'memory.db'}", data_dir=work)
    adapters = UserAdapters(base, store)
    config = AdapterConfig(epochs=args.epochs, lr=args.lr, batch_size=4, lora_r=8, lora_alpha=16, max_length=320)
    print(f"users: {[u.id for u in users]}; prompts from {source}: {len(feedback_prompts)} feedback, "
          f"{len(held_out)} held out; {args.rounds} round(s); max_new_tokens={args.max_new_tokens}", flush=True)

    results, update_times, online_times, base_greedy, base_eval = [], [], [], None, None
    for rnd in range(args.rounds + 1):
        t0 = time.perf_counter()
        row = {"round": rnd}
        for arm in ARMS:
            # Greedy base answers never change, and before any feedback every system is the base model.
            if arm == "base" or rnd == 0:
                if base_eval is None:
                    base_eval = generate_arm("base", adapters, store, users[:1], held_out, args.max_new_tokens)
                answers = {u.id: base_eval[users[0].id] for u in users}
            else:
                answers = generate_arm(arm, adapters, store, users, held_out, args.max_new_tokens)
            row[arm] = evaluate(answers, users)
        row["eval_seconds"] = round(time.perf_counter() - t0, 1)
        row["weights"] = {u.id: (store.get_learned_weights(u.id).weights if store.get_learned_weights(u.id) else None)
                          for u in users}
        results.append(row)
        print(f"round {rnd}: " + "  ".join(f"{arm} pers {row[arm]['personalization']:+.2f} sep "
                                            f"{row[arm]['separation']:+.2f}" for arm in ARMS)
              + f"  ({row['eval_seconds']}s)", flush=True)
        if rnd == args.rounds:
            break
        # -- feedback
        t0 = time.perf_counter()
        if base_greedy is None:
            greedy = generate_arm("base", adapters, store, users[:1], feedback_prompts, args.max_new_tokens)
            base_greedy = {u.id: greedy[users[0].id] for u in users}
        alt = generate_arm("lora", adapters, store, users, feedback_prompts, args.max_new_tokens,
                           temperature=0.9, seed=1000 + rnd)
        picks_b = 0
        for u in users:
            for prompt, a, b in zip(feedback_prompts, base_greedy[u.id], alt[u.id]):
                iid = store.record_interaction(u.id, prompt, a, "feedback-loop", {"round": rnd}, alt_answer=b)
                choice = "B" if utility(b, u.pole_map) > utility(a, u.pole_map) else "A"
                picks_b += choice == "B"
                store.add_feedback(u.id, iid, choice=choice)
        gen_s = time.perf_counter() - t0
        # -- updates
        for u in users:
            t0 = time.perf_counter()
            update_user(store, u.id)
            online_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            r = align_user(store, base, u.id, config, RetrainPolicy(min_new_pairs=1))
            update_times.append(time.perf_counter() - t0)
            print(f"  {u.id}: {r.manifest['pairs']} pairs, {r.manifest['steps']} steps, adapter update "
                  f"{update_times[-1]:.1f}s (loss {r.manifest['final_loss']:.3f}), online update "
                  f"{online_times[-1] * 1000:.0f} ms", flush=True)
        results[-1]["feedback"] = {"picked_B": picks_b, "pairs": len(users) * len(feedback_prompts),
                                   "generation_seconds": round(gen_s, 1)}

    summary = {
        "model": args.model, "users": [u.to_dict() for u in users], "threads": args.threads,
        "rounds": args.rounds, "feedback_prompts": len(feedback_prompts), "eval_prompts": len(held_out),
        "max_new_tokens": args.max_new_tokens, "adapter_config": vars(config),
        "adapter_update_seconds": {"mean": statistics.fmean(update_times) if update_times else None,
                                   "max": max(update_times, default=None), "all": [round(t, 2) for t in update_times]},
        "online_update_ms": {"mean": statistics.fmean(online_times) * 1000 if online_times else None},
        "total_seconds": round(time.perf_counter() - t_start, 1), "results": results,
        "cpu": os.cpu_count(), "torch": torch.__version__,
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "results"}, indent=1, default=str))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, default=str) + "\n", encoding="utf-8")
    if png:
        plot(results, png, summary)
        print(f"plot: {png}")
    first, last = results[0], results[-1]
    for arm in ARMS:
        print(f"{arm:>6}: personalization {first[arm]['personalization']:+.3f} -> "
              f"{last[arm]['personalization']:+.3f}; "
              f"separation {first[arm]['separation']:+.3f} -> {last[arm]['separation']:+.3f}; "
              f"distance {first[arm]['distance']:.3f} -> {last[arm]['distance']:.3f}")
    return 0


def plot(results, path, summary) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rounds = [r["round"] for r in results]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for arm, style in zip(ARMS, ("k--", "C0-o", "C1-s", "C2-^")):
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


if __name__ == "__main__":
    sys.exit(main())
