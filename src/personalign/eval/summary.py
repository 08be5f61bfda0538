"""summary.json: every metric of a run, computed from results.jsonl rows only.

Win rates compare two strategies on the same (user, prompt): for the transparent judges the
strategy's answer wins when its score is closer to the user's requested pole than the opponent's
(ties count half). Answers that ignore the preference (the base) are generated once per prompt and
compared against every user.
"""
from __future__ import annotations

import math

import numpy as np

from personalign.dimensions import DIMENSIONS
from personalign.eval.stats import outcome, pareto_front, win_rate_ci
from personalign.eval.strategies import Variant, get_strategy

BASE_USER = "*"


def _mean(values) -> float | None:
    vals = [v for v in values if v is not None and math.isfinite(v)]
    return round(float(np.mean(vals)), 6) if vals else None


def _rows_for(store, task, variant: Variant, users, prompts) -> dict[tuple[str, str], dict]:
    """(user id, prompt id) → generation row, expanding preference-free answers to every user."""
    personalized = get_strategy(variant.strategy).personalized
    found = {}
    for user in users:
        for prompt in prompts:
            row = store.get(kind="gen", task=task, strategy=variant.strategy, params=variant.param_dict,
                            user=user.id if personalized else BASE_USER, prompt_id=prompt.id)
            if row is not None:
                found[(user.id, prompt.id)] = row
    return found


def _cost(rows: list[dict]) -> dict:
    batches = {}
    for r in rows:
        batches[r["batch_id"]] = (r["batch_seconds"], r["batch_new_tokens"], r["batch_size"])
    seconds = sum(b[0] for b in batches.values())
    tokens = sum(b[1] for b in batches.values())
    answers = sum(b[2] for b in batches.values())
    return {"answers": len(rows), "seconds_per_answer": round(seconds / answers, 4) if answers else None,
            "tokens_per_second": round(tokens / seconds, 2) if seconds > 0 else None,
            "mean_new_tokens": _mean([r["new_tokens"] for r in rows]), "batches": len(batches)}


def summarize(store, cfg, variants, users, prompts, safety_variants, safety_users, safety_prompts) -> dict:
    seed, n_boot = cfg.seed, cfg.bootstrap
    pole_users = {(d, p): [u for u in users if u.pole_map.get(d) == p]
                  for d in DIMENSIONS for p in DIMENSIONS[d].poles}
    answers = {v: _rows_for(store, "personal", v, users, prompts) for v in variants}
    by_label = {v.label: v for v in variants}
    base = by_label.get("base")
    prompting = by_label.get("prompt")

    summary: dict = {
        "model": cfg.model, "users": [u.to_dict() for u in users], "prompts": [p.id for p in prompts],
        "variants": [{"label": v.label, "strategy": v.strategy, "params": v.param_dict,
                      "description": get_strategy(v.strategy).description} for v in variants],
        "dimensions": {d: {"low": dim.low, "high": dim.high, "judge": dim.judge.name, "unit": dim.judge.unit}
                       for d, dim in DIMENSIONS.items()},
        "strategies": {},
    }

    for v in variants:
        rows = answers[v]
        unique = {id(r): r for r in rows.values()}.values()  # base rows repeat across users
        entry: dict = {"strategy": v.strategy, "params": v.param_dict, "answers": len(rows)}
        entry["cost"] = _cost(list(unique))
        entry["quality"] = {
            "perplexity_mean": _mean([r.get("perplexity") for r in unique]),
            "perplexity_median": (round(float(np.median([r["perplexity"] for r in unique if r.get("perplexity")])), 4)
                                  if any(r.get("perplexity") for r in unique) else None),
            **{f"{flag}_rate": _mean([float(r["flags"][flag]) for r in unique])
               for flag in ("empty", "runaway", "repetitive")},
            "degenerate_rate": _mean([float(r["flags"]["empty"] or r["flags"]["repetitive"]) for r in unique]),
            "on_topic_mean": _mean([r.get("on_topic") for r in unique]),
        }
        personal: dict = {}
        pooled = {"base": [], "prompt": []}
        for (d, pole), group in pole_users.items():
            ids = {u.id for u in group}
            mine = {k: r for k, r in rows.items() if k[0] in ids}
            cell = {"n": len(mine), "judged_mean": _mean([r["scores"][d] for r in mine.values()])}
            direction = DIMENSIONS[d].direction(pole)
            for name, opponent in (("base", base), ("prompt", prompting)):
                if opponent is None or opponent == v:
                    continue
                theirs = answers[opponent]
                outcomes = [outcome(direction * r["scores"][d], direction * theirs[k]["scores"][d])
                            for k, r in sorted(mine.items()) if k in theirs]
                pooled[name].extend(outcomes)
                cell[f"win_vs_{name}"] = win_rate_ci(outcomes, n_boot=n_boot, seed=seed).to_dict()
            personal[f"{d}:{pole}"] = cell
        entry["personalization"] = personal
        entry["overall"] = {f"win_vs_{name}": win_rate_ci(o, n_boot=n_boot, seed=seed).to_dict()
                            for name, o in pooled.items() if o}
        summary["strategies"][v.label] = entry

    summary["pairwise"] = _pairwise(store, variants, n_boot, seed)
    summary["reward_model"] = _reward_model(store, variants, base, users, prompts, n_boot, seed)
    summary["safety"] = _safety(store, safety_variants, safety_users, safety_prompts)
    summary["pareto"] = _pareto(summary, variants)
    return summary


def _pairwise(store, variants, n_boot, seed) -> dict:
    out: dict = {}
    for row in store.select(kind="pairwise"):
        label = Variant(row["strategy"], tuple(sorted(row["params"].items()))).label
        if label not in {v.label for v in variants}:
            continue
        out.setdefault(row["judge"], {}).setdefault(f"{label} vs {row['opponent']}", []).append(row)
    result: dict = {}
    for judge, groups in out.items():
        result[judge] = {}
        for name, rows in sorted(groups.items()):
            rows.sort(key=lambda r: (r["user"], r["prompt_id"]))
            outcomes = [outcome(r["score"], 0.5) for r in rows]
            result[judge][name] = {
                "win_rate": win_rate_ci(outcomes, n_boot=n_boot, seed=seed).to_dict(),
                "mean_score": _mean([r["score"] for r in rows]),
                "position_bias": _mean([(r["p_first_order"] + r["p_second_order"]) / 2 - 0.5 for r in rows]),
            }
    return result


def _reward_model(store, variants, base, users, prompts, n_boot, seed) -> dict:
    rows = store.select(kind="reward")
    if not rows:
        return {}
    result: dict = {}
    for judge in sorted({r["judge"] for r in rows}):
        table = {}
        for v in variants:
            rewards = {(r["user"], r["prompt_id"]): r["reward"] for r in rows
                       if r["judge"] == judge and r["strategy"] == v.strategy and r["params"] == v.param_dict}
            table[v.label] = rewards
        result[judge] = {}
        base_rewards = table.get(base.label, {}) if base else {}
        for label, rewards in table.items():
            cell = {"mean_reward": _mean(rewards.values()), "n": len(rewards)}
            if base and label != base.label:
                o = [outcome(rewards[k], base_rewards[k]) for k in sorted(rewards) if k in base_rewards]
                cell["win_vs_base"] = win_rate_ci(o, n_boot=n_boot, seed=seed).to_dict()
            result[judge][label] = cell
    return result


def _safety(store, variants, safety_users, prompts) -> dict:
    if not variants:
        return {}
    result: dict = {}
    for v in variants:
        personalized = get_strategy(v.strategy).personalized
        groups = {BASE_USER: []} if not personalized else {u.id: [] for u in safety_users}
        for uid in groups:
            for p in prompts:
                row = store.get(kind="gen", task="safety", strategy=v.strategy, params=v.param_dict, user=uid,
                                prompt_id=p.id)
                if row is not None:
                    groups[uid].append(row)
        every = [r for rows in groups.values() for r in rows]
        entry = {"n": len(every), "refusal_rate": _mean([float(r["safety"]["refusal"]) for r in every]),
                 "unsafe_rate": _mean([float(r["safety"]["unsafe"]) for r in every])}
        if personalized:
            entry["by_preference"] = {uid: {"n": len(rows),
                                            "refusal_rate": _mean([float(r["safety"]["refusal"]) for r in rows]),
                                            "unsafe_rate": _mean([float(r["safety"]["unsafe"]) for r in rows])}
                                      for uid, rows in groups.items()}
        result[v.label] = entry
    gate = _preference_gate(safety_users)
    if gate:
        result["_preference_gate"] = gate
    reference = result.get("base")
    if reference:
        for label, entry in result.items():
            if label not in ("base", "_preference_gate"):
                for key in ("refusal_rate", "unsafe_rate"):
                    if entry[key] is not None and reference[key] is not None:
                        entry[f"{key}_delta_vs_no_preference"] = round(entry[key] - reference[key], 6)
    return result


def _preference_gate(safety_users) -> dict:
    """What the project's preference boundary would do with each adversarial preference.

    The safety task feeds the preferences straight to the decoding strategies, bypassing that gate on
    purpose (it measures the decoding layer alone); this records whether the gate would have stopped
    them first, so the report shows both layers.
    """
    from personalign.safety import check_preference

    gate = {}
    for user in safety_users:
        verdict = check_preference(user.preference)
        gate[user.id] = {"allowed": bool(verdict.allowed), "reason": verdict.reason}
    return gate


def _pareto(summary, variants) -> dict:
    points = []
    for v in variants:
        entry = summary["strategies"][v.label]
        win = entry["overall"].get("win_vs_base", {}).get("estimate")
        ppl = entry["quality"]["perplexity_mean"]
        if win is not None and ppl is not None:
            points.append((v.label, win, ppl))
    front = pareto_front(points)
    return {"axes": {"personalization": "overall win rate vs base (transparent judges)",
                     "quality_cost": "mean perplexity under the base model (lower is better)"},
            "points": [{"label": n, "personalization": p, "perplexity": c, "on_front": n in front}
                       for n, p, c in points]}

