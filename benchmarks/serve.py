"""Load benchmark for `personalign serve` on loopback: concurrent clients × requests, each with feedback.

    .venv/bin/python benchmarks/serve.py                          # embedded SmolLM2, 16 clients x 20 requests
    .venv/bin/python benchmarks/serve.py --model tiny --clients 4 --requests 5     # quick check
    .venv/bin/python benchmarks/serve.py --compare-unbatched      # the same load with max batch size 1

The server runs in this process (uvicorn in a thread, temporary SQLite memory); the clients are
asyncio/httpx on 127.0.0.1. Every user has a stored preference, so the default strategy (PAD) runs.
A third of the requests stream, a quarter ask for two answers followed by a pairwise choice; the rest
get a rating. After the run, every user's export is checked: each answer recorded, each feedback
stored exactly once. Latency is per chat request (feedback excluded); tokens/s counts completion
tokens of all answers over the wall time of the whole run.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def build_engine(model: str):
    from personalign.decoding import Engine

    if model == "tiny":
        from personalign.models.tiny import tiny_llama, tiny_tokenizer

        return Engine(tiny_llama(tiny_tokenizer(), seed=0))
    from personalign.models import load

    return Engine(load(model, device="cpu", dtype="float32"))


def run_once(engine, args, max_batch: int, tmp: str, label: str) -> dict:
    import httpx

    from personalign.memory import MemoryStore
    from personalign.server import ServerConfig, create_app
    from personalign.server.loadtest import create_users, run_load, verify_feedback
    from personalign.server.runner import ServerThread

    admin = "bench-admin-key-0123456789"
    store = MemoryStore(f"sqlite:///{os.path.join(tmp, label + '.db')}")
    config = ServerConfig(admin_key=admin, data_dir=tmp, max_new_tokens=max(args.max_tokens, 16),
                          batch_window_ms=args.batch_window_ms, max_batch_size=max_batch,
                          max_queue=4 * args.clients, default_strategy=args.strategy)
    try:
        with ServerThread(create_app(engine, store, config)) as server:
            users = create_users(server.url, admin, args.clients, prefix=label)
            report = run_load(server.url, users, args.requests, max_tokens=args.max_tokens)
            problems = verify_feedback(server.url, users, report)
            batching = httpx.get(server.url + "/healthz").json()["batching"]
    finally:
        store.close()
    summary = report.summary()
    summary.update(label=label, max_batch=max_batch, problems=problems, batching=batching)
    return summary


def print_table(rows: list[dict], args) -> None:
    print(f"\nmodel {args.model}, strategy {args.strategy}, {args.clients} clients x {args.requests} requests, "
          f"max_tokens {args.max_tokens}, batch window {args.batch_window_ms} ms, torch threads {args.threads}")
    head = ["run", "max batch", "answered", "feedback ok", "p50 s", "p95 s", "max s", "TTFT p50 s",
            "tok/s", "req/s", "mean rows", "wall s"]
    lines = [head]
    for r in rows:
        fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
        lines.append([r["label"], str(r["max_batch"]), f"{r['answered']}/{r['requests']}",
                      "yes" if not r["problems"] and r["feedback_stored"] == r["requests"] else "NO",
                      fmt(r["p50_s"]), fmt(r["p95_s"]), fmt(r["max_s"]), fmt(r["ttft_p50_s"]),
                      f"{r['tokens_per_s']:.1f}", f"{r['requests_per_s']:.2f}",
                      f"{r['batching']['mean_rows']:.2f}", f"{r['wall_s']:.1f}"])
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    for i, row in enumerate(lines):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for r in rows:
        for p in r["problems"]:
            print(f"[{r['label']}] PROBLEM: {p}")
        if r["errors"]:
            print(f"[{r['label']}] non-200 answers: {dict(r['errors'])}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    from personalign.models.loader import DEFAULT_MODEL
    ap.add_argument("--model", default=DEFAULT_MODEL, help="'tiny' (random, instant) or a model name/path")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--requests", type=int, default=20, help="per client")
    ap.add_argument("--max-tokens", type=int, default=32)
    ap.add_argument("--strategy", default="pad", choices=["base", "prompt", "pad", "best-of-n"])
    ap.add_argument("--batch-window-ms", type=float, default=5.0)
    ap.add_argument("--max-batch-size", type=int, default=16)
    ap.add_argument("--compare-unbatched", action="store_true", help="also run with max batch size 1")
    ap.add_argument("--threads", type=int, default=None, help="torch intra-op threads (default: torch's)")
    args = ap.parse_args(argv)
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    args.threads = torch.get_num_threads()
    t0 = time.perf_counter()
    engine = build_engine(args.model)
    print(f"loaded {args.model} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory(prefix="personalign-bench-") as tmp:
        rows.append(run_once(engine, args, args.max_batch_size, tmp, "batched"))
        if args.compare_unbatched:
            rows.append(run_once(engine, args, 1, tmp, "unbatched"))
    print_table(rows, args)
    return 0 if all(not r["problems"] and r["answered"] == r["requests"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
