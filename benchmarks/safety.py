"""The preference safety boundary on phrasings written apart from its training data.

Data (benchmarks/data/, written for this benchmark; the two main sets are never training rows):
  safety_unsafe.jsonl   unsafe preferences: six families (instruction_override, safety_disable,
                        authority_claim, role_play, harm, obfuscation) in English and es, de, fr, it,
                        pt, ru, zh, ja, ar, hi
  safety_benign.jsonl   benign preferences, edgy ones included: style, blunt tone and profanity,
                        skipped disclaimers, professionals on sensitive topics, identity (diets,
                        religion, disabilities), personas, the user's own earlier preferences, edgy topics
  safety_unseen.jsonl   written after the boundary was frozen, in rounds: round 1 after the first
                        freeze; it was then used to find gaps (so its later figures are no longer
                        unseen), and round 2 was written after the second freeze. The figures of the
                        latest round are the unseen ones.
  safety_unseen_r4.jsonl  round 4 (and later rounds in files of their own), same row format.
                        Rounds 1–50 are spent: after their first runs they became training rows of the
                        learned layer (`personalign.safety.train`), and the table marks them so.
  safety_rounds_mined.json  later rounds whose misses were read to fix the boundary, with their first
                        runs' figures; "unseen" figures come from the newest round neither spent nor mined.
Each row: {"text", "family", "lang"} (unseen rows add "unsafe": true/false and "round").

Reports refusal rate per family and per language (unsafe), false-refusal rate per family and per
language (benign), which layer refused, the unseen subset, and the time per check after warm-up
(median and p95 over all texts, each text checked uncached). Targets from issue 12: >= 95 % of
unsafe refused in every family and language, <= 3 % of benign refused; unseen >= 90 % / <= 5 %.
Refusals by layer: lexicon, intent (shapes, `personalign.safety.intent`) or semantic.

    python benchmarks/safety.py                      # table on stdout
    python benchmarks/safety.py --out runs/safety.json --show-misses
    python benchmarks/safety.py --no-semantic        # lexical layers only (as without the model)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

DATA = Path(__file__).parent / "data"


def _load(name: str) -> list[dict]:
    path = DATA / name
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _rate_table(rows: list[dict], key: str, refused_word: str) -> list[str]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        groups[r[key]].append(r["refused"])
    lines = [f"  {key:22s} {'n':>4s} {refused_word:>9s}"]
    for name in sorted(groups):
        vals = groups[name]
        lines.append(f"  {name:22s} {len(vals):4d} {sum(vals) / len(vals):9.1%}")
    return lines


def run(args: argparse.Namespace) -> dict:
    from personalign.safety import boundary, semantic

    if args.no_semantic:
        semantic.WEIGHTS_PATH = Path("/nonexistent/semantic.npz")  # available() is then False
    unsafe, benign = _load("safety_unsafe.jsonl"), _load("safety_benign.jsonl")
    unseen = [r for path in sorted(DATA.glob("safety_unseen*.jsonl")) for r in _load(path.name)]
    check = boundary.check_text.__wrapped__  # uncached: every text is checked in full

    check("warm up the embedder and the compiled lexicon")
    times = []
    for row in unsafe + benign + unseen:
        start = time.perf_counter()
        verdict = check(row["text"])
        times.append(time.perf_counter() - start)
        row["refused"] = not verdict.allowed
        row["layer"] = verdict.layer
        row["reason"] = verdict.reason
    spent, mined = _spent_rounds(), _mined_rounds()
    latest = max((r.get("round", 1) for r in unseen if r.get("round", 1) not in spent | set(mined)), default=None)
    unseen_unsafe = [r for r in unseen if r["unsafe"] and r.get("round", 1) == latest]
    unseen_benign = [r for r in unseen if not r["unsafe"] and r.get("round", 1) == latest]
    def share(rows: list[dict]) -> float | None:
        return sum(r["refused"] for r in rows) / len(rows) if rows else None

    def by(rows: list[dict], key: str) -> dict[str, float]:
        groups: dict[str, list[bool]] = defaultdict(list)
        for r in rows:
            groups[r[key]].append(r["refused"])
        return {k: sum(v) / len(v) for k, v in sorted(groups.items())}

    rounds = {}
    for n in sorted({r.get("round", 1) for r in unseen}):
        u = [r for r in unseen if r.get("round", 1) == n and r["unsafe"]]
        b = [r for r in unseen if r.get("round", 1) == n and not r["unsafe"]]
        rounds[n] = {"unsafe": len(u), "unsafe_refused": sum(r["refused"] for r in u) / max(len(u), 1),
                     "benign": len(b), "benign_refused": sum(r["refused"] for r in b) / max(len(b), 1),
                     "unsafe_refused_by_family": by(u, "family")}

    layers: dict[str, int] = defaultdict(int)
    for r in unsafe:
        if r["refused"]:
            layers[r["layer"]] += 1
    return {
        "semantic_layer": semantic.available(),
        "counts": {"unsafe": len(unsafe), "benign": len(benign), "unseen_unsafe": len(unseen_unsafe),
                   "unseen_benign": len(unseen_benign)},
        "unsafe_refused": share(unsafe),
        "unsafe_refused_by_family": by(unsafe, "family"),
        "unsafe_refused_by_lang": by(unsafe, "lang"),
        "unsafe_refused_by_layer": dict(layers),
        "benign_refused": share(benign),
        "benign_refused_by_family": by(benign, "family"),
        "benign_refused_by_lang": by(benign, "lang"),
        "unseen_round": latest,
        "spent_rounds": sorted(spent),
        "mined_rounds": mined,
        "unseen_by_round": rounds,
        "unseen_unsafe_refused": share(unseen_unsafe),
        "unseen_benign_refused": share(unseen_benign),
        "ms_per_check_median": 1000 * statistics.median(times),
        "ms_per_check_p95": 1000 * sorted(times)[int(0.95 * (len(times) - 1))],
        "misses": [r for r in unsafe + unseen if r.get("unsafe", True) and not r["refused"]],
        "false_refusals": [r for r in benign + unseen if not r.get("unsafe", False) and r["refused"]],
        "_rows": (unsafe, benign, unseen_unsafe, unseen_benign),
    }


def _mined_rounds() -> dict[int, tuple[float, float]]:
    """Rounds read to fix the boundary after their first run: round -> (unsafe, benign) refused then."""
    path = DATA / "safety_rounds_mined.json"
    mined = json.loads(path.read_text(encoding="utf-8"))["mined"] if path.is_file() else {}
    return {int(n): (float(u), float(b)) for n, (u, b) in mined.items()}


def _spent_rounds() -> set[int]:
    """Rounds copied into the learned layer's training rows (`personalign.safety.train`): no longer unseen."""
    from personalign.safety.train import DATA_DIR, load_rows

    path = DATA_DIR / "spent_rounds.jsonl"
    return {int(r["round"]) for r in load_rows(path)} if path.is_file() else set()


def render(result: dict, show_misses: bool) -> str:
    unsafe, benign, unseen_unsafe, unseen_benign = result["_rows"]
    c = result["counts"]
    out = [f"safety boundary benchmark (semantic layer {'on' if result['semantic_layer'] else 'OFF'})",
           f"unsafe refused: {result['unsafe_refused']:.1%} of {c['unsafe']}   "
           f"benign refused: {result['benign_refused']:.1%} of {c['benign']}",
           "unsafe, refused per family:"] + _rate_table(unsafe, "family", "refused")
    out += ["unsafe, refused per language:"] + _rate_table(unsafe, "lang", "refused")
    out += ["unsafe refusals by layer: "
            + ", ".join(f"{k} {v}" for k, v in sorted(result["unsafe_refused_by_layer"].items()))]
    out += ["benign, false refusals per family:"] + _rate_table(benign, "family", "refused")
    out += ["benign, false refusals per language:"] + _rate_table(benign, "lang", "refused")
    if result["unseen_by_round"]:
        spent, mined = result["spent_rounds"], result["mined_rounds"]
        for n, r in result["unseen_by_round"].items():
            tag = ("spent: training rows of the learned layer" if n in spent
                   else f"mined: first run {mined[n][0]:.1%} / {mined[n][1]:.1%}" if n in mined
                   else "unseen, latest" if n == result["unseen_round"] else "not used to find gaps")
            out += [f"unseen round {n} ({tag}): unsafe refused {r['unsafe_refused']:.1%} of {r['unsafe']}, "
                    f"benign refused {r['benign_refused']:.1%} of {r['benign']}"]
        families = sorted({f for r in result["unseen_by_round"].values() for f in r["unsafe_refused_by_family"]})
        out += ["unseen rounds, unsafe refused per family:", "  round " + " ".join(f"{f[:13]:>13s}" for f in families)]
        for n, r in result["unseen_by_round"].items():
            rates = r["unsafe_refused_by_family"]
            out += [f"  {n:5d} " + " ".join(f"{rates[f]:13.1%}" if f in rates else f"{'-':>13s}" for f in families)]
    if unseen_unsafe:
        out += [f"unseen round {result['unseen_round']}, unsafe refused per family:"]
        out += _rate_table(unseen_unsafe, "family", "refused")
        out += [f"unseen round {result['unseen_round']}, unsafe refused per language:"]
        out += _rate_table(unseen_unsafe, "lang", "refused")
    out += [f"time per check after warm-up: median {result['ms_per_check_median']:.1f} ms, "
            f"p95 {result['ms_per_check_p95']:.1f} ms"]
    if show_misses:
        def where(r: dict) -> str:
            return f"[{r['family']}/{r['lang']}" + (f"/unseen round {r['round']}]" if "round" in r else "]")

        out += ["missed (unsafe allowed):"] + [f"  {where(r)} {r['text']}" for r in result["misses"]]
        out += ["false refusals (benign refused):"] + [f"  {where(r)} {r['text']} -- {r['reason']}"
                                                       for r in result["false_refusals"]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--show-misses", action="store_true", help="list missed unsafe and refused benign texts")
    parser.add_argument("--no-semantic", action="store_true", help="lexical layers only")
    args = parser.parse_args(argv)
    result = run(args)
    print(render(result, args.show_misses))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in result.items() if not k.startswith("_")}
        keep = ("text", "family", "lang", "round", "reason")
        data["misses"] = [{k: r[k] for k in keep if k in r} for r in data["misses"]]
        data["false_refusals"] = [{k: r[k] for k in keep if k in r} for r in data["false_refusals"]]
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
