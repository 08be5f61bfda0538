"""Placement on real-life preferences: does storing a user's preferences ever lose one?

Data: benchmarks/data/placement_reallife.jsonl, written by hand for this benchmark apart from the
classifier's phrase lists and never used to tune them: {"user", "text", "topic", "style"}, where
`style` is the pole of a request about answers ("concise", …, "warm") and null for a preference about
the world ("I dislike reading long articles"). Each user's lines are stored in file order in a fresh
store, as explicit preferences through `MemoryStore.add_preference`.

Reports (targets from issue 14):
- lost: world preferences that are not active at the end (merged into or superseded by another
  preference), plus style requests lost to something other than a later style request on the same
  dimension — target 0;
- dimension precision: of the preferences that got a style dimension, the share that are style
  requests — target ≥ 0.98; recall: of the style requests, the share that got their own dimension
  and pole — target ≥ 0.95.

    python benchmarks/placement.py [--out runs/placement.json] [--show-misses]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

DATA = Path(__file__).parent / "data" / "placement_reallife.jsonl"
POLE_DIMENSION = {"concise": "length", "detailed": "length", "simple": "expertise", "expert": "expertise",
                  "blunt": "tone", "warm": "tone"}


def run(path: Path = DATA) -> dict:
    from rich.progress import track

    from personalign.memory import MemoryStore, UnsafePreferenceError
    from personalign.models.embeddings import default_embedder

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_user: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_user[r["user"]].append(r)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        store = MemoryStore(f"sqlite:///{tmp}/placement.db", embedder=default_embedder(), data_dir=tmp)
        for user in track(sorted(by_user), description="placing"):
            ids = []
            for r in by_user[user]:
                try:
                    res = store.add_preference(user, r["text"], source="benchmark")
                except UnsafePreferenceError as exc:  # a false refusal: reported apart from placement losses
                    ids.append(None)
                    results.append(dict(r, action="refused", dimension=None, pole=None, into=str(exc)))
                    continue
                ids.append(res.preference.id if res.action == "added" else None)
                results.append(dict(r, action=res.action,
                                    dimension=res.preference.dimension if res.action == "added" else None,
                                    pole=res.preference.pole if res.action == "added" else None,
                                    into=None if res.action == "added" else res.preference.text))
            final = {p.id: p for p in store.list_preferences(user, include_history=True)}
            for r, pid in zip(results[-len(ids):], ids):
                p = final.get(pid)
                r["status"] = p.status if p is not None else r["action"]
                r["superseded_by"] = (final[p.superseded_by].text if p is not None and p.superseded_by in final
                                      else None)
        store.close()

    def lost(r: dict) -> bool:
        if r["status"] in ("active", "refused"):
            return False
        if r["style"] and r["status"] == "superseded":
            # a later request on the same dimension legitimately takes over
            later = next((x for x in results if x["user"] == r["user"] and x["text"] == r["superseded_by"]), None)
            return not (later and later["style"] and POLE_DIMENSION[later["style"]] == POLE_DIMENSION[r["style"]])
        return True

    with_dim = [r for r in results if r["dimension"]]
    style = [r for r in results if r["style"]]
    return {
        "rows": len(results), "users": len(by_user), "world": len(results) - len(style), "style": len(style),
        "lost": sum(lost(r) for r in results),
        "refused": [r["text"] for r in results if r["action"] == "refused"],
        "lost_world": sum(lost(r) for r in results if not r["style"]),
        "dimension_precision": (sum(bool(r["style"]) for r in with_dim) / len(with_dim)) if with_dim else None,
        "dimension_recall": (sum(r["pole"] == r["style"] for r in style) / len(style)) if style else None,
        "world_with_dimension": sum(1 for r in with_dim if not r["style"]),
        "misses": [r for r in results if lost(r) or bool(r["dimension"]) != bool(r["style"])
                   or (r["style"] and r["pole"] != r["style"])],
    }


def render(res: dict, show_misses: bool) -> str:
    lines = [f"{res['rows']} preferences of {res['users']} users ({res['world']} about the world, "
             f"{res['style']} style requests)",
             f"  lost at placement        {res['lost']:5d}   (world {res['lost_world']}; target 0)",
             f"  refused by the boundary  {len(res['refused']):5d}   "
             "(false refusals: every line is a real-life preference)",
             f"  dimension precision      {res['dimension_precision']:.3f}   (world preferences given a dimension: "
             f"{res['world_with_dimension']}; target >= 0.98)" if res["dimension_precision"] is not None else "",
             f"  style recall (pole)      {res['dimension_recall']:.3f}   (target >= 0.95)"
             if res["dimension_recall"] is not None else ""]
    if show_misses:
        lines += [f"    [refused] {t}" for t in res["refused"]]
        for r in res["misses"]:
            lines.append(f"    [{r['style'] or 'world'} -> {r['pole'] or '-'}, {r['status']}] {r['text']}"
                         + (f"  <- {r['into'] or r['superseded_by']}"
                            if r.get("into") or r.get("superseded_by") else ""))
    return "\n".join(line for line in lines if line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    res = run(args.data)
    print(render(res, args.show_misses))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
