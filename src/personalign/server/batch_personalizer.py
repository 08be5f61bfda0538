"""What the batching worker adds per batch from the feedback loop (`personalign.feedback`).

Two things reach decoding without any training run or restart:

- learned dimension weights (online Bradley–Terry updates after each choice or edit): each row's
  `Job.learned` becomes PAD reward terms beside its preference text (`feedback.reward_terms`);
- per-user adapters (`personalign align`, stored in the database): rows of users with an adapter run it,
  rows of different users share one batched forward (`feedback.UserAdapters`, reloaded when its content
  hash changes, whichever process stored it).

The weights are read by the request handler (it already reads the profile); the adapters are loaded
here, in the worker thread that owns the model, so no two threads ever touch the PEFT wrapper.

`AdapterSweeper` runs every `adapter_sweep_s` seconds: it deletes this machine's cached adapter copies that
the database no longer holds (`MemoryStore.sweep_adapter_cache`: a user forgotten or an adapter replaced
through any process) and, on the worker thread, unloads such adapters from the model (`UserAdapters.prune`).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from personalign.decoding import Engine
from personalign.feedback import UserAdapters, reward_terms

log = logging.getLogger("personalign.server")
# mod, soup and persrm-alone decode without the base's rows: no user adapter or learned term applies.
UNPERSONALIZED = ("mod", "soup", "persrm-alone")


class Personalizer:
    def __init__(self, engine, store=None):
        self.engine = engine
        self.adapters = UserAdapters(engine.base, store) if store is not None else None
        reward = getattr(engine, "reward_model", None)
        # The default reward model is the base itself: then the adapted base must score too.
        self._reward = None if reward is None or reward is engine.base else reward
        self._adapted: Engine | None = None

    def prepare(self, jobs: Sequence) -> tuple[object, dict]:
        """(engine, extra `Engine.generate` keyword arguments) for one group of compatible jobs."""
        extra: dict = {}
        cfg = jobs[0].config
        if cfg.strategy in UNPERSONALIZED:
            return self.engine, extra
        if cfg.strategy in ("pad", "best-of-n") and any(j.learned for j in jobs):
            terms = reward_terms([j.learned for j in jobs], preference=[j.preference for j in jobs],
                                 preference_weight=cfg.weight)
            if terms:
                extra["terms"] = terms
        users = sorted({j.user for j in jobs if j.user})
        if self.adapters is None or not users:
            return self.engine, extra
        names = dict(zip(users, self.adapters.load(users)))
        if not any(names.values()):
            return self.engine, extra
        loaded = self.adapters.loaded
        if self._adapted is None or self._adapted.base.model is not loaded.model:
            self._adapted = Engine(loaded, self._reward)
        extra["adapters"] = [names.get(j.user) if j.user else None for j in jobs]
        return self._adapted, extra


class AdapterSweeper:
    """A daemon thread that sweeps the local adapter cache every `interval_s` seconds (0: never)."""

    def __init__(self, store, batcher=None, interval_s: float = 60.0):
        self.store, self.batcher, self.interval_s = store, batcher, interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep(self) -> int:
        """One sweep now: cached files removed (loaded adapters of gone users are unloaded too)."""
        removed = self.store.sweep_adapter_cache()
        personalizer = getattr(self.batcher, "personalizer", None)
        adapters = getattr(personalizer, "adapters", None)
        if adapters is not None and adapters.count:
            self.batcher.call(adapters.prune).result(300)
        return removed

    def start(self) -> None:
        if self.interval_s <= 0 or self.store is None or (self._thread is not None and self._thread.is_alive()):
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="personalign-adapter-sweeper", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):  # copies left from before a restart go at the first sweep
            try:
                self.sweep()
            except Exception:  # noqa: BLE001 - a failed sweep is retried at the next interval
                log.warning("adapter cache sweep failed", exc_info=True)
