"""PAD's decoding step (Chen et al., ICLR 2025), one screen, with an optional guard.

For base logits z_B, T = top-k(z_B). Each reward term j brings PersRM logits z_R and reference logits
z_ref (z_ref = z_B unless a separate reference model is given) and a weight w_j:

    r_j(a)   = log softmax_T(z_R)[a] − log softmax_T(z_ref)[a]          for a in T
    score(a) = log softmax(z_B)[a] + Σ_j w_j · r_j(a)

The next token is argmax_T score, or a sample from softmax(score / τ). With every w = 0 this is exactly
greedy decoding of the base model, since the base's argmax is always in T.

The guard (issue #11) changes only T: a reward that may pick any of the base's top-k drifts off the
question and, since EOS is rarely in the top-k mid-answer, a "concise" answer cannot end and loops.
With `Guard(min_p, eos_id, no_repeat_ngram)` T keeps only tokens with p_B(a) ≥ min_p · max p_B, gains
EOS when absent (EOS is exempt from min_p: ending is the reward's call), and loses tokens that would
repeat an n-gram of the answer. The base's argmax always passes min_p, so T is never empty; when the
n-gram rule would empty it, that rule is dropped for the row. Off (the default), T is the plain top-k.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch


@dataclass
class RewardLogits:
    """One reward term at one step: PersRM logits, reference logits, per-row weight."""

    persrm: torch.Tensor     # [B, V]
    reference: torch.Tensor  # [B, V]
    weight: torch.Tensor     # [B]


@dataclass(frozen=True)
class Guard:
    """Which tokens PAD's reward may choose from (see the module doc). Defaults: off."""

    min_p: float = 0.0            # keep a ∈ T with p_B(a) ≥ min_p · max p_B
    eos_id: int | None = None     # add this EOS token to T when absent
    no_repeat_ngram: int = 0      # drop candidates that would repeat an n-gram of the answer (0: off)

    @property
    def off(self) -> bool:
        return self.min_p == 0 and self.eos_id is None and self.no_repeat_ngram == 0


def token_reward(z_persrm: torch.Tensor, z_ref: torch.Tensor, candidates: torch.Tensor,
                 keep: torch.Tensor | None = None) -> torch.Tensor:
    """r(a) = log softmax_T(z_R)[a] − log softmax_T(z_ref)[a] for each a in T (T = candidates where keep)."""
    persrm, ref = z_persrm.float().gather(-1, candidates), z_ref.float().gather(-1, candidates)
    if keep is None:
        return persrm.log_softmax(-1) - ref.log_softmax(-1)
    dropped = ~keep
    reward = persrm.masked_fill(dropped, float("-inf")).log_softmax(-1) - ref.masked_fill(dropped, float("-inf")).log_softmax(-1)
    return reward.masked_fill(dropped, 0.0)  # -inf − -inf there; pad_step drops those slots anyway


def repeated_ngram(candidates: torch.Tensor, history: Sequence[Sequence[int]], n: int) -> torch.Tensor:
    """[B, k] True where appending the candidate to row b's answer repeats one of its n-grams."""
    hit = torch.zeros_like(candidates, dtype=torch.bool)
    for row, ids in enumerate(history):
        prefix = list(ids[len(ids) - n + 1:]) if n > 1 else []
        banned = {ids[i + n - 1] for i in range(len(ids) - n + 1) if list(ids[i:i + n - 1]) == prefix}
        if banned:
            hit[row] = torch.isin(candidates[row], torch.tensor(sorted(banned), device=candidates.device))
    return hit


def pad_step(z_base: torch.Tensor, rewards: list[RewardLogits], top_k: int, guard: Guard | None = None,
             history: Sequence[Sequence[int]] | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Candidates [B, k'] and their PAD scores [B, k'] for one step (-inf where the guard drops one).

    `history` is each row's answer so far (needed by the n-gram rule).
    """
    candidates = z_base.topk(min(top_k, z_base.shape[-1]), dim=-1).indices
    logp = z_base.float().log_softmax(-1)
    keep = None
    if guard is not None and not guard.off:
        keep = logp.gather(-1, candidates) >= logp.max(-1, keepdim=True).values + _log(guard.min_p)
        if guard.eos_id is not None:
            eos = torch.full_like(candidates[:, :1], guard.eos_id)
            present = (candidates == guard.eos_id).any(-1, keepdim=True)
            candidates, keep = torch.cat([candidates, eos], -1), torch.cat([keep | (candidates == guard.eos_id),
                                                                            ~present], -1)
        if guard.no_repeat_ngram:
            unrepeated = keep & ~repeated_ngram(candidates, history or [[]] * len(candidates), guard.no_repeat_ngram)
            keep = torch.where(unrepeated.any(-1, keepdim=True), unrepeated, keep)
    score = logp.gather(-1, candidates)
    for term in rewards:
        score = score + term.weight[:, None] * token_reward(term.persrm, term.reference, candidates, keep)
    return candidates, score if keep is None else score.masked_fill(~keep, float("-inf"))


def _log(p: float) -> float:
    return float("-inf") if p <= 0 else float(torch.tensor(p, dtype=torch.float64).log())


def choose(candidates: torch.Tensor, score: torch.Tensor, temperature: float,
           generator: torch.Generator | None) -> torch.Tensor:
    """argmax of the scores (τ = 0) or a sample from softmax(score / τ); returns token ids [B]."""
    if temperature == 0:
        pick = score.argmax(-1, keepdim=True)
    else:
        probs = (score / temperature).softmax(-1)
        pick = torch.multinomial(probs, 1, generator=generator)
    return candidates.gather(-1, pick).squeeze(-1)


def sample_full_vocab(z: torch.Tensor, temperature: float, top_p: float,
                      generator: torch.Generator | None) -> torch.Tensor:
    """Plain decoding for `base`/`prompt`: greedy, or temperature + nucleus (top-p) sampling."""
    if temperature == 0:
        return z.argmax(-1)
    probs = (z.float() / temperature).softmax(-1)
    if top_p < 1.0:
        sorted_probs, order = probs.sort(-1, descending=True)
        # Keep the smallest prefix whose mass reaches top_p (the first token always stays).
        outside = sorted_probs.cumsum(-1) - sorted_probs >= top_p
        sorted_probs = sorted_probs.masked_fill(outside, 0.0)
        probs = torch.zeros_like(probs).scatter(-1, order, sorted_probs)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)
