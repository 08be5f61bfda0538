"""The batching queue between request handlers and the (single-threaded) decoding engine.

Handlers submit one `Job` per answer. A worker thread owns the engine: it takes the first pending job,
waits up to `window_s` for more (at most `max_batch` in all), groups the jobs whose decoding settings
are equal, and runs each group as one `Engine.generate` call with one preference per row. Streaming
jobs get their text pieces through `on_piece`, called from the worker thread.

Sampled jobs with a seed run alone: the engine draws one random stream per call, so sharing a batch
would make their answers depend on the other rows, and a seed promises a reproducible answer.
If a batch fails, its jobs are retried one by one, so one bad row cannot fail its neighbours.
`call(fn)` runs any other use of the models (upstream mode's reranking) on the same thread, between batches.
A `Personalizer` (server.batch_personalizer) may swap in each user's adapter and learned PAD terms per group.
Rows of mod and soup carry their pole weights (or all have them read from their preferences by the engine).
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from personalign.decoding import POLE_STRATEGIES, DecodingConfig

log = logging.getLogger("personalign.server")
_STOP = object()


class QueueFullError(Exception):
    """More rows are waiting than the server accepts; the client should retry later."""


@dataclass
class Job:
    prompt: str
    preference: str | None
    config: DecodingConfig
    on_piece: Callable[[str], None] | None = None
    user: str | None = None                 # whose adapter the row runs (None: the plain base)
    learned: dict[str, float] | None = None  # the user's learned dimension weights (PAD terms)
    pole_weights: dict[str, float] | None = None  # mod/soup: the pole experts' weights (None: from the preference)
    future: Future = field(default_factory=Future)
    enqueued: float = field(default_factory=time.perf_counter)
    streamed: bool = False  # pieces already reached the client: a retry would repeat them

    def key(self) -> tuple:
        cfg = self.config
        if cfg.seed is not None and (cfg.temperature > 0 or cfg.strategy == "best-of-n"):
            return ("solo", id(self))
        items = {**cfg.to_dict(), "pole_weights_given": self.pole_weights is not None}  # given or all routed
        if cfg.temperature == 0 and cfg.strategy != "best-of-n":
            items["seed"] = None  # greedy: the seed changes nothing, so it must not split batches
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in items.items()))


@dataclass
class _Call:
    fn: Callable[[], object]
    future: Future = field(default_factory=Future)

    def run(self) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            self.future.set_result(self.fn())
        except Exception as exc:  # noqa: BLE001 - the caller reads it from the future
            self.future.set_exception(exc)


@dataclass
class BatchStats:
    batches: int = 0
    rows: int = 0
    max_rows: int = 0
    failed_batches: int = 0

    def to_dict(self) -> dict:
        return {"batches": self.batches, "rows": self.rows, "max_rows": self.max_rows,
                "mean_rows": round(self.rows / self.batches, 3) if self.batches else 0.0,
                "failed_batches": self.failed_batches}


class Batcher:
    def __init__(self, engine, *, window_s: float = 0.005, max_batch: int = 16, max_queue: int = 256,
                 personalizer=None):
        self.engine = engine
        self.personalizer = personalizer
        self.window_s = window_s
        self.max_batch = max_batch
        self.max_queue = max_queue
        self.stats = BatchStats()
        self._queue: queue.Queue = queue.Queue()
        self._pending = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def pending(self) -> int:
        return self._pending

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="personalign-batcher", daemon=True)
                self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None and thread.is_alive():
            self._queue.put(_STOP)
            thread.join(timeout)

    def submit(self, jobs: list[Job]) -> None:
        """Queues jobs together (all or none); their futures resolve to `Generation`s."""
        with self._lock:
            if self._pending + len(jobs) > self.max_queue:
                raise QueueFullError(f"the generation queue is full ({self._pending} rows waiting); retry later")
            self._pending += len(jobs)
        self.start()  # started lazily: an app served without its lifespan events still works
        for job in jobs:
            self._queue.put(job)

    def call(self, fn: Callable[[], object]) -> Future:
        """Runs `fn()` on the worker thread, which owns the models; the future holds its result."""
        item = _Call(fn)
        with self._lock:
            if self._pending + 1 > self.max_queue:
                raise QueueFullError(f"the generation queue is full ({self._pending} rows waiting); retry later")
            self._pending += 1
        self.start()
        self._queue.put(item)
        return item.future

    # ---------------------------------------------------------------------------------- worker
    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            deadline = time.monotonic() + self.window_s
            stop = False
            while len(batch) < self.max_batch:
                remaining = deadline - time.monotonic()
                try:
                    job = self._queue.get(timeout=remaining) if remaining > 0 else self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is _STOP:
                    stop = True
                    break
                batch.append(job)
            groups: dict[tuple, list[Job]] = {}
            for job in batch:
                if not isinstance(job, _Call):
                    groups.setdefault(job.key(), []).append(job)
            for jobs in groups.values():
                self._run_group(jobs)
            for call in batch:
                if isinstance(call, _Call):
                    call.run()
            with self._lock:
                self._pending -= len(batch)
            if stop:
                return

    def _run_group(self, jobs: list[Job]) -> None:
        # A job whose client went away before decoding started is dropped here.
        jobs = [j for j in jobs if j.future.set_running_or_notify_cancel()]
        if not jobs:
            return
        try:
            outputs = self._generate(jobs)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the waiting handlers
            self.stats.failed_batches += 1
            if len(jobs) == 1:
                jobs[0].future.set_exception(exc)
                return
            log.warning("batch of %d failed (%s); retrying its rows one by one", len(jobs), exc)
            for job in jobs:
                if job.streamed:
                    job.future.set_exception(exc)
                    continue
                try:
                    job.future.set_result(self._generate([job])[0])
                except Exception as row_exc:  # noqa: BLE001
                    job.future.set_exception(row_exc)
            return
        for job, out in zip(jobs, outputs):
            job.future.set_result(out)

    def _generate(self, jobs: list[Job]):
        def route(row: int, _token: int, piece: str) -> None:
            callback = jobs[row].on_piece
            if callback is not None:
                jobs[row].streamed = True
                try:
                    callback(piece)
                except Exception:  # noqa: BLE001 - a vanished stream must not stop its batch
                    log.debug("stream callback failed", exc_info=True)

        prefs = [j.preference for j in jobs]
        if jobs[0].config.strategy == "base" or all(p is None for p in prefs):
            prefs = None  # base rows take none; rows steered by learned weights only: the terms carry everything
        cfg = jobs[0].config
        engine, extra = self.personalizer.prepare(jobs) if self.personalizer is not None else (self.engine, {})
        if cfg.strategy in POLE_STRATEGIES and jobs[0].pole_weights is not None:
            extra["pole_weights"] = [j.pole_weights for j in jobs]
            prefs = None  # the given weights are the whole request (a row may have no preference)
        result = engine.generate([j.prompt for j in jobs], preference=prefs,
                                 config=jobs[0].config,
                                 on_token=route if any(j.on_piece for j in jobs) else None, **extra)
        self.stats.batches += 1
        self.stats.rows += len(jobs)
        self.stats.max_rows = max(self.stats.max_rows, len(jobs))
        return result.outputs
