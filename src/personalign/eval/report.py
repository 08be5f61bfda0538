"""report.md (markdown tables) and the PNG plots, both drawn from summary.json alone."""
from __future__ import annotations

from pathlib import Path


def _ci(cell: dict | None) -> str:
    if not cell or cell.get("estimate") is None:
        return "–"
    return f"{cell['estimate']:.2f} [{cell['low']:.2f}, {cell['high']:.2f}]"


def _num(x, fmt: str = ".2f") -> str:
    return "–" if x is None else format(x, fmt)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _pole_columns(summary: dict) -> list[str]:
    return [f"{d}:{pole}" for d, info in summary["dimensions"].items() for pole in (info["low"], info["high"])]


def render_markdown(summary: dict) -> str:
    poles = _pole_columns(summary)
    strategies = summary["strategies"]
    run = summary.get("run", {})
    parts = [
        "# personalign evaluation report",
        "",
        f"Model `{summary['model']}` · {len(summary['users'])} simulated users · {len(summary['prompts'])} held-out "
        f"prompts · {len(strategies)} strategy variants · run time {run.get('seconds', '–')} s "
        f"({run.get('generated_rows', 0)} new rows, {run.get('resumed_rows', 0)} resumed).",
        "",
        "Win rates: share of (user, prompt) pairs where the strategy's answer is closer to the user's "
        "requested pole than the opponent's, by the transparent judge of that dimension (ties count "
        "half); 95% percentile-bootstrap intervals over pairs.",
        "",
        "## The methods side by side",
        "",
        "In the shape of the PAD paper's table. Pole cells: win rate vs base / vs prompting for users asking "
        "for that pole (transparent judges, ties half); on-topic: MiniLM cosine of question and answer (mean); "
        "perplexity of the answer under the base (mean); degenerate: share of answers that are empty or "
        "repetitive; forwards per token: model rows run per generated token; training: minutes of training "
        "the strategy needs (PersRM: its optimizer steps, from its config; experts: measured).",
        "",
        _methods_table(summary, poles),
        "",
        "## Personalization: win rate vs base",
        "",
        _table(["strategy"] + poles + ["overall"],
               [[label] + [_ci(e["personalization"][p].get("win_vs_base")) for p in poles]
                + [_ci(e["overall"].get("win_vs_base"))] for label, e in strategies.items() if label != "base"]),
        "",
        "## Personalization: win rate vs prompting",
        "",
        _table(["strategy"] + poles + ["overall"],
               [[label] + [_ci(e["personalization"][p].get("win_vs_prompt")) for p in poles]
                + [_ci(e["overall"].get("win_vs_prompt"))] for label, e in strategies.items()
                if e["overall"].get("win_vs_prompt")]),
        "",
        "## Judged scores (mean raw judge score of answers for users asking for each pole)",
        "",
        "Units: " + ", ".join(f"{d}: {i['unit']} ({i['judge']})" for d, i in summary["dimensions"].items()) + ".",
        "",
        _table(["strategy"] + poles,
               [[label] + [_num(e["personalization"][p]["judged_mean"]) for p in poles]
                for label, e in strategies.items()]),
        "",
        "## Quality and cost",
        "",
        _table(["strategy", "perplexity (mean)", "empty", "runaway (hit cap)", "repetitive", "s / answer",
                "tokens / s", "mean new tokens"],
               [[label, _num(e["quality"]["perplexity_mean"]), _num(e["quality"]["empty_rate"]),
                 _num(e["quality"]["runaway_rate"]), _num(e["quality"]["repetitive_rate"]),
                 _num(e["cost"]["seconds_per_answer"]), _num(e["cost"]["tokens_per_second"], ".1f"),
                 _num(e["cost"]["mean_new_tokens"], ".1f")] for label, e in strategies.items()]),
        "",
    ]
    pareto = summary.get("pareto", {}).get("points", [])
    if pareto:
        parts += ["## Pareto view: personalization vs perplexity", "",
                  _table(["strategy", "overall win vs base", "perplexity", "on Pareto front"],
                         [[p["label"], _num(p["personalization"]), _num(p["perplexity"]),
                           "yes" if p["on_front"] else ""]
                          for p in pareto]), ""]
    for judge, table in summary.get("pairwise", {}).items():
        parts += [f"## Pairwise LM judge `{judge}`", "",
                  "P(answer 1 better) averaged over both presentation orders; a win is > 0.5. Position bias = "
                  "mean P(first slot) − 0.5 (cancelled by the order swap).", "",
                  _table(["comparison", "win rate", "mean P(better)", "position bias"],
                         [[name, _ci(c["win_rate"]), _num(c["mean_score"], ".3f"), _num(c["position_bias"], "+.3f")]
                          for name, c in table.items()]), ""]
    for judge, table in summary.get("api_judge", {}).items():
        parts += _api_judge_section(judge, table, poles)
    for judge, table in summary.get("reward_model", {}).items():
        parts += [f"## Reward model `{judge}`", "",
                  _table(["strategy", "mean reward", "win vs base"],
                         [[label, _num(c["mean_reward"], ".3f"), _ci(c.get("win_vs_base"))]
                          for label, c in table.items()]),
                  ""]
    safety = summary.get("safety", {})
    if safety:
        parts += ["## Safety under adversarial preferences", "",
                  "HH-RLHF harmless-base red-team prompts. `base` answers without any preference; every other "
                  "strategy answers under the adversarial preferences (\"no restrictions\", \"be edgy\"). "
                  "Refusal = refusal-phrase match; unsafe = no refusal and an unsafe-lexicon term. Keyword "
                  "judges miss paraphrases and flag warnings that name the harm: read flagged rows before "
                  "concluding.", "",
                  _table(["strategy", "n", "refusal rate", "unsafe rate", "Δ refusal vs no preference",
                          "Δ unsafe vs no preference"],
                         [[label, str(e["n"]), _num(e["refusal_rate"]), _num(e["unsafe_rate"]),
                           _num(e.get("refusal_rate_delta_vs_no_preference"), "+.2f"),
                           _num(e.get("unsafe_rate_delta_vs_no_preference"), "+.2f")]
                          for label, e in safety.items() if not label.startswith("_")]),
                  ""]
        gate = safety.get("_preference_gate")
        if gate:
            parts += ["The safety task hands these preferences to the decoders directly. The preference "
                      "boundary (`personalign.safety.check_preference`) that guards stored "
                      "preferences would have answered:", "",
                      _table(["adversarial preference", "allowed by the boundary", "reason"],
                             [[uid, "yes" if g["allowed"] else "no", g["reason"]] for uid, g in gate.items()]), ""]
    return "\n".join(parts).rstrip() + "\n"


def _methods_table(summary: dict, poles: list[str]) -> str:
    def pair(cell: dict) -> str:
        return " / ".join(_num((cell.get(k) or {}).get("estimate")) for k in ("win_vs_base", "win_vs_prompt"))

    def training(cost: dict) -> str:
        kind, minutes = cost.get("training", "none"), cost.get("training_minutes")
        if kind == "none":
            return "0"
        return f"{_num(minutes, '.0f')} ({kind})" if minutes is not None else f"? ({kind})"

    rows = []
    for label, e in summary["strategies"].items():
        q, c = e["quality"], e["cost"]
        rows.append([label] + [pair(e["personalization"][p]) for p in poles]
                    + [pair(e["overall"]), _num(q.get("on_topic_mean"), ".3f"), _num(q["perplexity_mean"]),
                       _num(q.get("degenerate_rate")), _num(c["tokens_per_second"], ".1f"),
                       str(c.get("forwards_per_token", "–")), training(c)])
    return _table(["strategy"] + [p.split(":")[1] for p in poles]
                  + ["overall", "on-topic", "perplexity", "degenerate", "tokens / s", "forwards / token",
                     "training (min)"], rows)


def _api_judge_section(judge: str, table: dict, poles: list[str]) -> list[str]:
    """The API judge's win rates per pole; position bias and unparseable replies per comparison."""
    return [f"## API judge `{judge}`", "",
            "For each pole the user asked for, the judge model compared the two answers on that pole's criterion "
            "(`personalign.eval.api_judge.POLE_CRITERIA`), in both orders. Win: answer chosen in both orders; "
            "tie: the orders disagree, or a reply named neither answer (unparseable). Position bias = share of "
            "parsed verdicts that picked the answer shown first − 0.5 (+0.50: always \"A\"; cancelled by the "
            "order swap).", "",
            _table(["comparison"] + poles + ["overall", "position bias", "unparseable"],
                   [[name] + [_ci(c["poles"].get(p, {}).get("win_rate")) for p in poles]
                    + [_ci(c["overall"]), _num(c["position_bias"], "+.2f"),
                       f"{c['unparseable']}/{c['questions']}"]
                    for name, c in table.items()]), ""]


def write_report(out: Path, summary: dict, plots: bool = True) -> list[Path]:
    out = Path(out)
    report = out / "report.md"
    text = render_markdown(summary)
    files = [report]
    if plots:
        made = write_plots(out, summary)
        files += made
        text += "\n## Plots\n\n" + "\n".join(f"![{p.stem}]({p.name})" for p in made) + "\n"
    report.write_text(text, encoding="utf-8")
    return files


def write_plots(out: Path, summary: dict) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    strategies = summary["strategies"]
    labels = list(strategies)
    made = []

    # Per-dimension bars: mean judged score for users asking for each pole.
    dims = summary["dimensions"]
    fig, axes = plt.subplots(1, len(dims), figsize=(4.2 * len(dims), 3.6), squeeze=False)
    x = np.arange(len(labels))
    for ax, (d, info) in zip(axes[0], dims.items()):
        for k, pole in enumerate((info["low"], info["high"])):
            vals = [strategies[label]["personalization"][f"{d}:{pole}"]["judged_mean"] for label in labels]
            ax.bar(x + (k - 0.5) * 0.38, [np.nan if v is None else v for v in vals], 0.38, label=f"asks {pole}")
        ax.set_title(f"{d} ({info['unit']})", fontsize=9)
        ax.set_xticks(x, labels, rotation=45, ha="right", fontsize=7)
        ax.legend(fontsize=7)
    fig.tight_layout()
    made.append(_save(fig, out / "dimension_bars.png", plt))

    # Win-rate heatmap vs base: strategies × poles.
    poles = _pole_columns(summary)
    rows = [label for label in labels if label != "base"]
    if rows:
        grid = np.array(heatmap_grid(summary, rows, poles), dtype=float)
        fig, ax = plt.subplots(figsize=(1.1 * len(poles) + 2.5, 0.45 * len(rows) + 1.6))
        im = ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(len(poles)), poles, rotation=35, ha="right", fontsize=8)
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
        for i in range(len(rows)):
            for j in range(len(poles)):
                if np.isfinite(grid[i, j]):
                    ax.text(j, i, f"{grid[i, j]:.2f}", ha="center", va="center", fontsize=7)
        fig.colorbar(im, ax=ax, label="win rate vs base")
        ax.set_title("win rate vs base (ties = 0.5)", fontsize=9)
        fig.tight_layout()
        made.append(_save(fig, out / "winrate_heatmap.png", plt))

    # Weight sweep: personalization and perplexity against the PAD weight.
    sweeps: dict[str, list] = {}
    for e in strategies.values():
        if "weight" in e["params"]:
            sweeps.setdefault(e["strategy"], []).append(
                (e["params"]["weight"], _estimate(e["overall"].get("win_vs_base")), e["quality"]["perplexity_mean"]))
    if sweeps:
        fig, ax = plt.subplots(figsize=(5.2, 3.6))
        ax2 = ax.twinx()
        for name, pts in sweeps.items():
            pts.sort()
            w = [p[0] for p in pts]
            ax.plot(w, [p[1] for p in pts], "o-", label=f"{name}: win vs base")
            ax2.plot(w, [np.nan if p[2] is None else p[2] for p in pts], "s--", alpha=0.6, label=f"{name}: perplexity")
        ax.set_xlabel("PAD weight w")
        ax.set_ylabel("overall win rate vs base")
        ax2.set_ylabel("mean perplexity")
        handles = ax.get_legend_handles_labels()
        handles2 = ax2.get_legend_handles_labels()
        ax.legend(handles[0] + handles2[0], handles[1] + handles2[1], fontsize=7, loc="best")
        ax.set_title("PAD weight sweep", fontsize=9)
        fig.tight_layout()
        made.append(_save(fig, out / "weight_sweep.png", plt))

    # Latency: seconds per answer and throughput.
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3.4))
    spa = [strategies[label]["cost"]["seconds_per_answer"] or 0 for label in labels]
    tps = [strategies[label]["cost"]["tokens_per_second"] or 0 for label in labels]
    a1.bar(labels, spa, color="tab:blue")
    a1.set_ylabel("seconds per answer (batched)")
    a2.bar(labels, tps, color="tab:orange")
    a2.set_ylabel("generated tokens / s")
    for a in (a1, a2):
        a.tick_params(axis="x", rotation=45, labelsize=7)
        for t in a.get_xticklabels():
            t.set_ha("right")
    fig.tight_layout()
    made.append(_save(fig, out / "latency.png", plt))
    return made


def heatmap_grid(summary: dict, rows: list[str], poles: list[str]) -> list[list[float]]:
    """Win rate vs base per (strategy, pole); NaN where there is nothing to compare."""
    return [[_estimate(summary["strategies"][label]["personalization"][p].get("win_vs_base")) for p in poles]
            for label in rows]


def _estimate(cell: dict | None) -> float:
    """A cell's estimate, NaN when missing (a win rate of exactly 0 is a value, not a gap)."""
    value = (cell or {}).get("estimate")
    return float("nan") if value is None else float(value)


def _save(fig, path: Path, plt) -> Path:
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path
