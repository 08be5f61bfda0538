"""Run the quick evaluation and print its wall time and headline table.

    python benchmarks/eval_quick.py [OUT_DIR] [--fresh]

Same as `personalign eval --quick --out OUT_DIR`, plus a one-screen summary; `--fresh` deletes
OUT_DIR first so the time measured is a full run, not a resume.
"""
from __future__ import annotations

import os
import shutil
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main(argv: list[str]) -> None:
    from personalign.eval import EvalConfig, run_eval

    args = [a for a in argv if not a.startswith("--")]
    out = args[0] if args else "eval-quick"
    if "--fresh" in argv and os.path.isdir(out):
        shutil.rmtree(out)
    start = time.perf_counter()
    run = run_eval(EvalConfig(out=out, quick=True))
    wall = time.perf_counter() - start
    print(f"\nquick eval: {wall:.0f} s wall ({run.generated} generations, {run.skipped} resumed rows) → {out}")
    print(f"{'strategy':<18} {'win vs base':>22} {'perplexity':>10} {'s/answer':>9} {'tok/s':>7}")
    for label, entry in run.summary["strategies"].items():
        win = entry["overall"].get("win_vs_base")
        shown = (f"{win['estimate']:.2f} [{win['low']:.2f}, {win['high']:.2f}]"
                 if win and win["estimate"] is not None else "–")
        ppl, cost = entry["quality"]["perplexity_mean"], entry["cost"]
        print(f"{label:<18} {shown:>22} {ppl or float('nan'):>10.2f} {cost['seconds_per_answer'] or 0:>9.2f} "
              f"{cost['tokens_per_second'] or 0:>7.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
