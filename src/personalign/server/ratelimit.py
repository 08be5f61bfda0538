"""Per-key rate limiting: a token bucket per user API key, shared by every replica through the database.

Off unless `ServerConfig.rate_limit` (`serve --rate-limit R`: requests per second per key) is set; the bucket
holds `rate_burst` requests (`--rate-burst N`; default: one second's worth, at least 1). A user key whose
bucket is empty gets 429 with `Retry-After` (whole seconds until a request is allowed again) and the
server's error object (type `rate_limit_error`, code `rate_limit_exceeded`). Every authenticated route
counts, one token per request. The admin key is not limited (it is the operator's), and requests without
a valid key are answered 401 before any bucket is touched (there is no key to count them against).

The buckets live in the memory database (`personalign.memory.rate_limits`), so N replicas together allow
`rate` per key, not N × `rate`; each request costs one small write transaction there.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable

from personalign.memory import rate_limits
from personalign.memory.db import lock_timeout_of, retry, write_connection


class RateLimiter:
    """`take(key_id)`: None when the request may go ahead, else the seconds until it may."""

    def __init__(self, engine, rate: float, burst: int, clock: Callable[[], float] = time.time):
        self.engine, self.rate, self.burst, self.clock = engine, float(rate), int(burst), clock

    def take(self, key_id: str) -> float | None:
        def tx():
            with write_connection(self.engine) as conn:
                return rate_limits.take(conn, key_id, self.rate, self.burst, self.clock())

        decision = retry(tx, lock_timeout_of(self.engine))
        return None if decision.allowed else decision.retry_after_s

    def describe(self) -> str:
        return f"{self.rate:g} requests/s per key, burst {self.burst}"


def retry_after_header(seconds: float) -> str:
    """Retry-After in whole seconds (HTTP's form), rounded up, at least 1."""
    return str(max(1, math.ceil(seconds - 1e-9)))
