"""What adapters in the database and per-key rate limiting cost: store, first checkout (database → local cache),
cached checkout, export and forget of one adapter of a given size, and one rate-limit `take` (one write
transaction), on a SQLite file or a PostgreSQL URL.

    python benchmarks/deploy_overhead.py [--db URL] [--mb 9.8] [--takes 500]

The adapter is random bytes of the size of `align`'s default adapter of the embedded model (SmolLM2-135M,
LoRA r = 8 on every linear layer: 2.44 M parameters, 9.8 MB in fp32) plus a small config and manifest; the
database does not care what the bytes mean.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from personalign.memory import MemoryStore, rate_limits
from personalign.memory.db import write_connection


class _NoEmbedder:
    name = "none"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file)")
    ap.add_argument("--mb", type=float, default=9.8)
    ap.add_argument("--takes", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        a = MemoryStore(url, data_dir=Path(tmp) / "a", embedder=_NoEmbedder())
        b = MemoryStore(url, data_dir=Path(tmp) / "b", embedder=_NoEmbedder())
        user = f"bench-{os.getpid()}"
        a.record_interaction(user, "q", "a")
        files = {"adapter_config.json": b'{"peft_type": "LORA"}', "manifest.json": json.dumps({"user": user}).encode(),
                 "adapter_model.safetensors": os.urandom(int(args.mb * 1e6))}
        out = {"db": url.split("://")[0], "adapter_mb": args.mb}

        def timed(key, fn):
            t0 = time.perf_counter()
            result = fn()
            out[key] = round(time.perf_counter() - t0, 4)
            return result

        timed("store_s", lambda: a.save_adapter(user, files))
        timed("first_checkout_s", lambda: b.adapter_checkout(user))
        timed("cached_checkout_s", lambda: b.adapter_checkout(user))
        timed("export_s", lambda: a.export_user(user))
        timed("forget_s", lambda: a.forget_user(user))
        timed("sweep_s", b.sweep_adapter_cache)
        lat = []
        for i in range(args.takes):
            t0 = time.perf_counter()
            with write_connection(a.engine) as conn:
                rate_limits.take(conn, f"bench{os.getpid()}", 1e6, 10**6, 1000.0 + i)
            lat.append(time.perf_counter() - t0)
        with write_connection(a.engine) as conn:
            rate_limits.drop(conn, [f"bench{os.getpid()}"])
        out["rate_limit_take_ms_p50"] = round(statistics.median(lat) * 1000, 3)
        out["rate_limit_take_ms_p95"] = round(sorted(lat)[int(0.95 * len(lat))] * 1000, 3)
        a.close()
        b.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
