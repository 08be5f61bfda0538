"""personalign: personalized alignment of language models.

    >>> import personalign
    >>> engine = personalign.Engine.from_pretrained()          # embedded SmolLM2-135M-Instruct, training-free PAD
    >>> engine.generate("Why is the sky blue?", preference="Answer in one short sentence.", strategy="pad").texts
    >>> base = personalign.load()                                # PAD with the shipped, trained PersRM:
    >>> engine = personalign.Engine(base, reward_model=personalign.resolve_reward_model(None, base))

Layers, bottom to top: models → rewards, decoding → memory → feedback → eval, server, cli.
"""
from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "Engine": "personalign.decoding",
    "RewardTerm": "personalign.decoding",
    "DecodingConfig": "personalign.decoding",
    "load": "personalign.models",
    "PersRM": "personalign.rewards.persrm",
    "resolve_reward_model": "personalign.rewards.persrm",
}


def __getattr__(name: str):
    # Lazy so that `import personalign` (and the CLI's --help) does not pay for importing torch.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'personalign' has no attribute {name!r}")


_ENGINES: dict = {}


def generate(prompts, preference=None, strategy: str = "pad", model: str | None = None, **config):
    """One-call generation with a cached engine per model (the embedded model by default)."""
    from personalign.decoding import Engine
    from personalign.models import DEFAULT_MODEL

    key = model or DEFAULT_MODEL
    if key not in _ENGINES:
        _ENGINES[key] = Engine.from_pretrained(key)
    return _ENGINES[key].generate(prompts, preference=preference, strategy=strategy, **config)
