"""A bounded load test over HTTP: concurrent clients, each sending chat requests followed by feedback.

Used by `benchmarks/serve.py` (reported numbers) and the test suite (a scaled-down run). Every client
is one user with its own key. Each request is a chat completion (every third one streamed, every
fourth one with two answers) followed by one feedback event: a pairwise choice for two answers, else
a rating. `verify_feedback` then reads each user's export and checks that every answer was recorded
and every feedback stored exactly once.
"""
from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

PREFERENCES = ("Answer in one short sentence.", "Answer in detail, step by step, with examples.")
QUESTIONS = ("How do I make a good cup of tea?", "Why is the sky blue?", "What is DNS?",
             "How do plants make food?", "What is the capital of France?")


@dataclass
class RequestRecord:
    user: str
    status: int
    seconds: float
    first_token_seconds: float | None
    completion_tokens: int
    interaction_id: int | None
    streamed: bool
    feedback_status: int | None = None
    error: str | None = None


@dataclass
class LoadReport:
    records: list[RequestRecord] = field(default_factory=list)
    wall_seconds: float = 0.0
    feedback_sent: dict[str, list[int]] = field(default_factory=dict)

    @property
    def ok(self) -> list[RequestRecord]:
        return [r for r in self.records if r.status == 200 and r.feedback_status == 201]

    def summary(self) -> dict:
        lat = sorted(r.seconds for r in self.records if r.status == 200)
        ttft = sorted(r.first_token_seconds for r in self.records if r.first_token_seconds is not None)
        tokens = sum(r.completion_tokens for r in self.records)
        return {
            "requests": len(self.records),
            "answered": sum(r.status == 200 for r in self.records),
            "feedback_stored": sum(r.feedback_status == 201 for r in self.records),
            "errors": Counter(r.status for r in self.records if r.status != 200),
            "p50_s": _quantile(lat, 0.5), "p95_s": _quantile(lat, 0.95), "max_s": lat[-1] if lat else None,
            "ttft_p50_s": _quantile(ttft, 0.5),
            "completion_tokens": tokens,
            "tokens_per_s": tokens / self.wall_seconds if self.wall_seconds else 0.0,
            "requests_per_s": len(lat) / self.wall_seconds if self.wall_seconds else 0.0,
            "wall_s": self.wall_seconds,
        }


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


async def _one_request(http: httpx.AsyncClient, user: str, key: str, index: int, max_tokens: int,
                       extra: dict) -> RequestRecord:
    headers = {"Authorization": f"Bearer {key}"}
    two = index % 4 == 3
    stream = index % 3 == 2
    body = {"messages": [{"role": "user", "content": QUESTIONS[index % len(QUESTIONS)]}], "max_tokens": max_tokens,
            "n": 2 if two else 1, "stream": stream, **extra}
    if stream:
        body["stream_options"] = {"include_usage": True}
    t0 = time.perf_counter()
    first = None
    tokens, iid = 0, None
    try:
        if stream:
            async with http.stream("POST", "/v1/chat/completions", json=body, headers=headers) as r:
                status = r.status_code
                if status == 200:
                    async for line in r.aiter_lines():
                        if not line.startswith("data: ") or line == "data: [DONE]":
                            continue
                        chunk = json.loads(line[6:])
                        if "error" in chunk:
                            raise RuntimeError(chunk["error"]["message"])
                        if first is None and any(c["delta"].get("content") for c in chunk["choices"]):
                            first = time.perf_counter() - t0
                        iid = chunk.get("interaction_id", iid)
                        if chunk.get("usage"):
                            tokens = chunk["usage"]["completion_tokens"]
                else:
                    await r.aread()
        else:
            r = await http.post("/v1/chat/completions", json=body, headers=headers)
            status = r.status_code
            if status == 200:
                data = r.json()
                tokens, iid = data["usage"]["completion_tokens"], data["interaction_id"]
    except (httpx.HTTPError, RuntimeError, ValueError) as exc:
        return RequestRecord(user, 0, time.perf_counter() - t0, first, 0, None, stream, error=str(exc))
    record = RequestRecord(user, status, time.perf_counter() - t0, first, tokens, iid, stream)
    if status == 200 and iid is not None:
        feedback = {"interaction_id": iid, **({"choice": "AB"[index % 2]} if two else {"rating": 1 + index % 5})}
        fr = await http.post("/v1/feedback", json=feedback, headers=headers)
        record.feedback_status = fr.status_code
    return record


async def _run(base_url: str, users: dict[str, str], requests: int, max_tokens: int, extra: dict,
               timeout: float) -> LoadReport:
    report = LoadReport()
    limits = httpx.Limits(max_connections=len(users) * 2, max_keepalive_connections=len(users) * 2)
    async with httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits) as http:
        async def client(user: str, key: str):
            out = []
            for i in range(requests):
                out.append(await _one_request(http, user, key, i, max_tokens, extra))
            return out

        t0 = time.perf_counter()
        results = await asyncio.gather(*(client(u, k) for u, k in users.items()))
        report.wall_seconds = time.perf_counter() - t0
    for recs in results:
        report.records.extend(recs)
    for r in report.records:
        if r.feedback_status == 201:
            report.feedback_sent.setdefault(r.user, []).append(r.interaction_id)
    return report


def run_load(base_url: str, users: dict[str, str], requests: int, *, max_tokens: int = 16,
             extra: dict | None = None, timeout: float = 600.0) -> LoadReport:
    """`users`: user name → API key; one concurrent client per user, `requests` requests each."""
    return asyncio.run(_run(base_url, users, requests, max_tokens, extra or {}, timeout))


def create_users(base_url: str, admin_key: str, count: int, prefix: str = "load") -> dict[str, str]:
    """Creates `count` users, each with a stored preference (alternating short/detailed)."""
    users = {}
    with httpx.Client(base_url=base_url, timeout=120) as http:
        for i in range(count):
            name = f"{prefix}{i:03d}"
            r = http.post("/v1/admin/users", json={"user": name}, headers={"Authorization": f"Bearer {admin_key}"})
            r.raise_for_status()
            key = r.json()["api_key"]
            http.post(f"/v1/users/{name}/preferences", json={"text": PREFERENCES[i % 2]},
                      headers={"Authorization": f"Bearer {key}"}).raise_for_status()
            users[name] = key
    return users


def verify_feedback(base_url: str, users: dict[str, str], report: LoadReport) -> list[str]:
    """Problems found in the users' exports (empty when every answer and feedback is stored exactly once)."""
    problems = []
    with httpx.Client(base_url=base_url, timeout=120) as http:
        for user, key in users.items():
            export = http.get(f"/v1/users/{user}/export", headers={"Authorization": f"Bearer {key}"}).json()
            answered = {r.interaction_id for r in report.records if r.user == user and r.status == 200}
            stored = {i["id"] for i in export["interactions"]}
            if answered != stored:
                problems.append(f"{user}: interactions answered {sorted(answered)} but stored {sorted(stored)}")
            counts = Counter(f["interaction_id"] for f in export["feedback"])
            sent = Counter(report.feedback_sent.get(user, []))
            if counts != sent:
                problems.append(f"{user}: feedback sent {dict(sent)} but stored {dict(counts)}")
    return problems
