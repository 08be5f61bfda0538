"""What the batching worker adds per batch from the feedback loop (`personalign.feedback`).

Two things reach decoding without any training run or restart:

- learned dimension weights (online Bradley–Terry updates after each choice or edit): each row's
  `Job.learned` becomes PAD reward terms beside its preference text (`feedback.reward_terms`);
- per-user DPO adapters (`personalign align`): rows of users with an adapter run it, rows of
  different users share one batched forward (`feedback.UserAdapters`, reloaded when retrained).

The weights are read by the request handler (it already reads the profile); the adapters are loaded
here, in the worker thread that owns the model, so no two threads ever touch the PEFT wrapper.
"""
from __future__ import annotations

from collections.abc import Sequence

from personalign.decoding import Engine
from personalign.feedback import UserAdapters, reward_terms


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
