"""PAD's decoding step (Chen et al., ICLR 2025), one screen.

For base logits z_B, T = top-k(z_B). Each reward term j brings PersRM logits z_R and reference logits
z_ref (z_ref = z_B unless a separate reference model is given) and a weight w_j:

    r_j(a)   = log softmax_T(z_R)[a] − log softmax_T(z_ref)[a]          for a in T
    score(a) = log softmax(z_B)[a] + Σ_j w_j · r_j(a)

The next token is argmax_T score, or a sample from softmax(score / τ). With every w = 0 this is exactly
greedy decoding of the base model, since the base's argmax is always in T.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass
class RewardLogits:
    """One reward term at one step: PersRM logits, reference logits, per-row weight."""

    persrm: torch.Tensor     # [B, V]
    reference: torch.Tensor  # [B, V]
    weight: torch.Tensor     # [B]


def token_reward(z_persrm: torch.Tensor, z_ref: torch.Tensor, candidates: torch.Tensor) -> torch.Tensor:
    """r(a) = log softmax_T(z_R)[a] − log softmax_T(z_ref)[a] for each a in the candidate set T."""
    return (z_persrm.float().gather(-1, candidates).log_softmax(-1)
            - z_ref.float().gather(-1, candidates).log_softmax(-1))


def pad_step(z_base: torch.Tensor, rewards: list[RewardLogits], top_k: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Candidates T [B, k] and their PAD scores [B, k] for one step."""
    candidates = z_base.topk(min(top_k, z_base.shape[-1]), dim=-1).indices
    score = z_base.float().log_softmax(-1).gather(-1, candidates)
    for term in rewards:
        score = score + term.weight[:, None] * token_reward(term.persrm, term.reference, candidates)
    return candidates, score


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
