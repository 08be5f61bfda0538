"""Preferences from conversation: extraction precision/recall, speed, and the end-to-end check.

Data (benchmarks/data/, written by hand for this benchmark without reading the detector's training
sentences). Rounds 1-8 are spent: each was measured once unseen and reported, then used for development, and
their clauses are now training rows (memory/data/statements_rounds.jsonl), so figures on them are in-sample;
benchmarks/extraction_cv.py gives the leave-one-round-out figures. A new round is unseen until its first run:
  extraction_heldout.jsonl  single user messages: {"text", "label": 1 (states a preference or
                            circumstance) | 0, "kind", "expected", "style"}
  conversation_e2e.json     users who state K preferences across a conversation (with small talk and
                            decoys), then ask K questions that do not mention them: {"user", "turns",
                            "probes": [{"question", "needs", "keywords"}]}

Reports (targets from issue 14):
- extraction recall ≥ 0.90 and precision ≥ 0.95 by message (a label-1 message counts as found
  when at least one statement is extracted from it; a label-0 message is a false positive when any
  is), per kind, and the time per message (median and p95, warm, one thread);
- end to end: every turn goes through `capture_preferences` in a fresh store, then each probe asks
  `MemoryStore.profile(user, question, k=5)`; a probe passes when one of its keywords is in a
  retrieved preference; ≥ 0.85 of probes, with profiles of ≤ 5 preferences. Decoys (third-party
  facts, quoted or assistant-quoted text, past facts: `decoys` [{"turn", "keywords"}]) must not
  be stored;
- a bar plot of recall / false-positive rate per kind (runs/extraction_kinds.png unless --plot says where;
  the README's docs/images/extraction_kinds.png is the latest unseen round's).

    python benchmarks/extraction.py [--out runs/extraction.json] [--show-misses] [--plot PATH]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

DATA = Path(__file__).parent / "data"
# a run on a round's first data must not silently replace the README's figure: that takes --plot docs/images/…
PLOT = Path(__file__).parent.parent / "runs" / "extraction_kinds.png"


def extraction(rows: list[dict]) -> dict:
    from rich.progress import track

    from personalign.memory.extract import extract_statements
    from personalign.models.embeddings import default_embedder

    embedder = default_embedder()
    extract_statements("I'm warming up the model.", embedder)  # `embed` has no cache: every text is timed cold
    times, out = [], []
    for r in track(rows, description="extracting"):
        t0 = time.perf_counter()
        found = extract_statements(r["text"], embedder)
        times.append((time.perf_counter() - t0) * 1000)
        out.append(dict(r, found=[s.text for s in found]))
    pos = [r for r in out if r["label"] == 1]
    neg = [r for r in out if r["label"] == 0]
    tp = sum(bool(r["found"]) for r in pos)
    fp = sum(bool(r["found"]) for r in neg)
    kinds: dict[str, list[bool]] = defaultdict(list)
    for r in out:
        kinds[(r["label"], r["kind"])].append(bool(r["found"]))
    return {
        "messages": len(out), "statements": len(pos), "non_statements": len(neg),
        "recall": tp / len(pos) if pos else None,
        "precision": tp / (tp + fp) if tp + fp else None,
        "false_positive_rate": fp / len(neg) if neg else None,
        "ms_median": statistics.median(times), "ms_p95": sorted(times)[int(0.95 * (len(times) - 1))],
        "by_kind": {f"{label}:{kind}": {"n": len(v), "found": sum(v) / len(v)}
                    for (label, kind), v in sorted(kinds.items())},
        "misses": [r for r in out if bool(r["found"]) != bool(r["label"])],
    }


def _stored(store, user: str) -> list[str]:
    from personalign.memory.errors import UnknownUserError

    try:
        return [p.text for p in store.list_preferences(user)]
    except UnknownUserError:  # nothing was captured from this user's turns
        return []


def end_to_end(users: list[dict]) -> dict:
    from personalign.memory import MemoryStore
    from personalign.memory.capture import capture_preferences
    from personalign.models.embeddings import default_embedder

    passed, sizes, probes, decoy_stored, failures = 0, [], 0, 0, []
    with tempfile.TemporaryDirectory() as tmp:
        store = MemoryStore(f"sqlite:///{tmp}/e2e.db", embedder=default_embedder(), data_dir=tmp)
        for u in users:
            decoys = {d["turn"]: d["keywords"] for d in u.get("decoys", [])}
            for i, text in enumerate(u["turns"]):
                captured = capture_preferences(store, u["user"], text)
                stored = [c.statement.text.casefold() for c in captured if c.result is not None]
                decoy_stored += sum(any(k.casefold() in t for k in decoys.get(i, ())) for t in stored)
            for probe in u["probes"]:
                profile = store.profile(u["user"], probe["question"], k=5)
                texts = [p.text.casefold() for p in profile.preferences]
                sizes.append(len(texts))
                ok = any(k.casefold() in t for k in probe["keywords"] for t in texts)
                passed += ok
                probes += 1
                if not ok:
                    failures.append({"user": u["user"], "question": probe["question"], "keywords": probe["keywords"],
                                     "profile": texts,
                                     "stored": _stored(store, u["user"])})
        store.close()
    return {"users": len(users), "probes": probes, "share": passed / probes if probes else None,
            "max_profile": max(sizes) if sizes else 0, "decoy_stored": decoy_stored, "failures": failures}


def plot(res: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    items = list(res["by_kind"].items())
    fig, ax = plt.subplots(figsize=(10, 4))
    colors = ["tab:green" if k.startswith("1:") else "tab:red" for k, _ in items]
    ax.bar(range(len(items)), [v["found"] for _, v in items], color=colors)
    ax.set_xticks(range(len(items)), [k.split(":", 1)[1] for k, _ in items], rotation=60, ha="right")
    ax.set_ylabel("share of messages with a statement found")
    ax.set_title(f"Extraction on held-out messages: recall {res['recall']:.2f} (green kinds), "
                 f"precision {res['precision']:.2f} (red kinds: false positives)")
    ax.set_ylim(0, 1)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--plot", type=Path, default=PLOT)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA / "extraction_heldout.jsonl",
                        help="labelled messages (round 2: extraction_heldout_r2.jsonl)")
    parser.add_argument("--e2e", type=Path, default=DATA / "conversation_e2e.json",
                        help="end-to-end users (round 2: conversation_e2e_r2.json)")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    res = extraction(rows)
    e2e = end_to_end(json.loads(args.e2e.read_text(encoding="utf-8"))) if args.e2e.is_file() else None
    print(f"extraction on {res['messages']} held-out messages ({res['statements']} statements, "
          f"{res['non_statements']} others)")
    print(f"  recall     {res['recall']:.3f}  (target >= 0.90)")
    print(f"  precision  {res['precision']:.3f}  (target >= 0.95); false positives on "
          f"{res['false_positive_rate']:.1%} of non-statements")
    print(f"  time/msg   median {res['ms_median']:.1f} ms, p95 {res['ms_p95']:.1f} ms  (target <= 50 ms)")
    for kind, v in res["by_kind"].items():
        print(f"    {kind:22s} n={v['n']:3d}  found {v['found']:.0%}")
    if e2e is not None:
        print(f"end to end: {e2e['users']} users, {e2e['probes']} later questions")
        print(f"  own preference in the profile  {e2e['share']:.3f}  (target >= 0.85); largest profile "
              f"{e2e['max_profile']} (<= 5); stored from decoys {e2e['decoy_stored']}")
    if args.show_misses:
        for r in res["misses"]:
            print(f"  [{'missed' if r['label'] else 'false'} {r['kind']}] {r['text']!r} -> {r['found']}")
        for f in e2e["failures"] if e2e else []:
            print(f"  [e2e] {f['question']!r} needs {f['keywords']}; profile {f['profile']}")
    plot(res, args.plot)
    print(f"plot: {args.plot}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"extraction": res, "end_to_end": e2e}, ensure_ascii=False, indent=2),
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
