"""Preference memory benchmark: retrieval latency and feedback ingest rate on SQLite.

    .venv/bin/python benchmarks/memory.py [--prefs 10000] [--users 1000] [--queries 300] [--db PATH]

Setup: `--prefs` topical preferences for one user and `--users` users with 10 each (drawn from the
same texts), embedded with the real all-MiniLM-L6-v2 (the setup time is printed, it is not part of any figure) and
written straight into the tables, because the benchmark measures retrieval, not `add_preference`.

Retrieval is `MemoryStore.profile(user, prompt)` end to end (revision check, cached matrix, top-k,
Profile), measured three ways: with the prompt embedding served from the embedder's LRU cache (the
target), with a fresh prompt each time (includes embedding the query on CPU), and for 1k users where
each user's first call also builds that user's matrix cache. Ingest is `add_feedback` (one
transaction per event: ratings, and pairwise choices that run the judges and implicit inference)
and `add_feedback_many` (100 events per transaction).
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from sqlalchemy import insert, update  # noqa: E402

from personalign.memory import MemoryStore  # noqa: E402
from personalign.memory.schema import PreferenceRow, UserRow, utcnow  # noqa: E402
from personalign.models.embeddings import EMBEDDING_MODEL, default_embedder, to_bytes  # noqa: E402

TARGET_P99_MS = 20.0
TARGET_EVENTS_S = 1000.0

SUBJECTS = ["Python", "Rust", "cooking", "gardening", "chess", "jazz", "hiking", "photography", "finance", "history",
            "astronomy", "cycling", "knitting", "poetry", "databases", "tea", "running", "painting", "birds", "linux"]
VERBS = ["I enjoy", "I am learning", "I care about", "I often ask about", "I work with", "I am curious about",
         "I want examples from", "I teach", "I dislike", "I read a lot about"]
DETAILS = ["on weekends", "for my job", "with my kids", "as a beginner", "in depth", "in French", "since 2019",
           "for fun", "at university", "in the evenings", "with friends", "on my phone", "every day", "for research"]
PROMPTS = ["How do I speed up a slow SQL query?", "Suggest a vegetarian dinner", "Explain the Sicilian defence",
           "Plan a two-day hike", "How do I tune my bike gears?", "What is a Roth IRA?", "Recommend a jazz album",
           "How do I photograph the Milky Way?", "Write a haiku about autumn", "Why is my Rust code not compiling?"]


def texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(DETAILS)} (note {i})" for i in range(n)]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def timed(fn, n: int) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t) * 1000)
    return out


def seed_preferences(store: MemoryStore, per_user: dict[str, list[str]], vectors) -> None:
    now = utcnow()
    it = iter(vectors)
    with store.engine.begin() as conn:
        for user, items in per_user.items():
            uid = conn.execute(insert(UserRow).values(name=user, revision=1, created_at=now)
                               .returning(UserRow.id)).scalar_one()
            conn.execute(insert(PreferenceRow), [
                dict(user_id=uid, text=t, kind="explicit", dimension=None, pole=None, weight=1.0, confidence=0.8,
                     evidence_count=1, source="benchmark", scope="topical", status="active", created_at=now,
                     updated_at=now, embedding=to_bytes(next(it)), embedding_model=EMBEDDING_MODEL)
                for t in items])
        conn.execute(update(UserRow).values(revision=UserRow.revision + 1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prefs", type=int, default=10_000)
    ap.add_argument("--users", type=int, default=1_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--events", type=int, default=2_000)
    ap.add_argument("--db", default=None, help="SQLite file (default: a temporary one)")
    args = ap.parse_args(argv)
    console = Console()
    tmp = tempfile.TemporaryDirectory()
    path = Path(args.db or Path(tmp.name) / "bench.db")
    if path.exists():
        console.print(f"[red]{path} exists; give a new path[/red]")
        return 2
    store = MemoryStore(f"sqlite:///{path}")
    embedder = default_embedder()

    t0 = time.perf_counter()
    big = texts(args.prefs, 0)
    # The 1k users draw their 10 preferences from the same pool, so setup embeds each text once.
    rng = random.Random(2)
    small = {f"user{u:04d}": rng.sample(big, 10) for u in range(args.users)}
    vec = dict(zip(big, embedder.embed(big)))
    per_user = {"heavy": big, **small}
    seed_preferences(store, per_user, [vec[t] for ts in per_user.values() for t in ts])
    console.print(f"setup: embedded {len(big):,} texts and stored {sum(map(len, per_user.values())):,} "
                  f"preferences in {time.perf_counter() - t0:.1f} s")

    rows = []
    # 1. one user with 10k preferences, query embedding cached (repeated prompts)
    for p in PROMPTS:
        store.profile("heavy", p)  # warm: matrix cache and query cache
    lat_cached = timed(lambda i: store.profile("heavy", PROMPTS[i % len(PROMPTS)]), args.queries)
    rows.append((f"profile, {args.prefs:,} prefs, cached query embedding", lat_cached, True))
    # 2. the same with a new prompt every call: includes embedding the query
    fresh = [f"{PROMPTS[i % len(PROMPTS)]} (variant {i})" for i in range(args.queries)]
    lat_fresh = timed(lambda i: store.profile("heavy", fresh[i]), args.queries)
    rows.append((f"profile, {args.prefs:,} prefs, new query each call", lat_fresh, False))
    # 3. embedding a query alone
    lat_embed = timed(lambda i: embedder.embed([f"{fresh[i]} again"]), min(args.queries, 200))
    rows.append(("embed one query (MiniLM, CPU)", lat_embed, False))
    # 4. 1k users: first call per user builds its cache, second call hits it
    users = list(small)
    random.Random(1).shuffle(users)
    lat_cold = timed(lambda i: store.profile(users[i % len(users)], PROMPTS[i % len(PROMPTS)]), len(users))
    lat_warm = timed(lambda i: store.profile(users[i % len(users)], PROMPTS[i % len(PROMPTS)]), len(users))
    rows.append((f"profile, {args.users:,} users × 10 prefs, first call per user", lat_cold, False))
    rows.append((f"profile, {args.users:,} users × 10 prefs, cached", lat_warm, True))

    table = Table(title="Retrieval latency (ms)")
    for col in ("case", "n", "p50", "p99", "max", f"p99 < {TARGET_P99_MS:g} ms"):
        table.add_column(col, justify="right" if col != "case" else "left")
    for name, lat, target in rows:
        ok = pct(lat, 99) < TARGET_P99_MS
        verdict = ("[green]met[/green]" if ok else "[red]missed[/red]") if target else ("yes" if ok else "no")
        table.add_row(name, str(len(lat)), f"{statistics.median(lat):.2f}", f"{pct(lat, 99):.2f}",
                      f"{max(lat):.2f}", verdict + (f" ({TARGET_P99_MS / pct(lat, 99):.1f}× margin)" if ok else ""))
    console.print(table)

    # Ingest
    long = "A long answer that explains the whole topic with background and examples. " * 5
    iids = {u: store.record_interaction(u, "Explain recursion", long, "best-of-n", {"n": 2},
                                        alt_answer="A function calling itself.") for u in ("ing1", "ing2", "ing3")}
    ingest = []
    n = args.events

    def rate(name, count, fn, target):
        # Wall-clock rate, and the rate per CPU-second of this process: on a shared machine the
        # second one says what the code costs, the first what the machine delivered.
        t, c = time.perf_counter(), time.process_time()
        fn()
        ingest.append((name, count, count / (time.perf_counter() - t), count / max(time.process_time() - c, 1e-9),
                       target))

    rate("add_feedback: rating, 1 event per transaction", n,
         lambda: [store.add_feedback("ing1", iids["ing1"], rating=1 + i % 5) for i in range(n)], True)
    m = max(50, n // 10)
    rate("add_feedback: A/B choice (judges + implicit inference)", m,
         lambda: [store.add_feedback("ing2", iids["ing2"], choice="AB"[i % 2]) for i in range(m)], False)
    rate("add_feedback_many: ratings, 100 per transaction", n // 100 * 100,
         lambda: [store.add_feedback_many("ing3", [{"interaction_id": iids["ing3"], "rating": 1 + j % 5}
                                                   for j in range(100)]) for _ in range(n // 100)], False)
    table = Table(title="Feedback ingest on SQLite (WAL, synchronous=NORMAL)")
    for col in ("case", "events", "events/s (wall)", "events per CPU-s", f"wall ≥ {TARGET_EVENTS_S:g}/s"):
        table.add_column(col, justify="right" if col != "case" else "left")
    for name, count, wall, cpu, target in ingest:
        ok = wall >= TARGET_EVENTS_S
        verdict = ("[green]met[/green]" if ok else "[red]missed[/red]") if target else ("yes" if ok else "no")
        table.add_row(name, f"{count:,}", f"{wall:,.0f}", f"{cpu:,.0f}", verdict + f" ({wall / TARGET_EVENTS_S:.2f}×)")
    console.print(table)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    console.print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} during the run; "
                  f"python {sys.version.split()[0]}")
    store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
