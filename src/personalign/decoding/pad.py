"""PAD's decoding step (Chen et al., ICLR 2025), one screen, with an optional guard.

For base logits z_B, T = top-k(z_B). Each reward term j brings PersRM logits z_R and reference logits
z_ref (z_ref = z_B unless a separate reference model is given) and a weight w_j:

    r_j(a)   = log softmax_T(z_R)[a] − log softmax_T(z_ref)[a]          for a in T
    score(a) = log softmax(z_B)[a] + Σ_j w_j · r_j(a)

The next token is argmax_T score, or a sample from softmax(score / τ). With every w = 0 this is exactly
greedy decoding of the base model, since the base's argmax is always in T.

The guard (issue #11) changes only which tokens may be chosen: a reward that may pick any of the base's
top-k drifts off the question and, since EOS is rarely in the top-k mid-answer, a "concise" answer
cannot end and loops. `Guard(min_p, eos_id, no_repeat_ngram)`:
  min_p            only tokens with p_B(a) ≥ min_p · max p_B may be chosen (the base's argmax always can);
  eos_id           EOS joins T when absent and is chosen when its score beats every top-k token's:
                   the reward decides when to end, against all of T, not only against min_p's few keeps;
  no_repeat_ngram  tokens that would repeat an n-gram of the answer are dropped (unless that drops all);
  loop_escape      in a loop (each of the answer's last r tokens repeated an n-gram) where every min_p keep
                   repeats, the unrepeated tokens of T (not EOS) may be chosen: "* \n* \n…" otherwise runs to the
                   cap because its only plausible tokens repeat, while less likely ones of T would end the loop;
  eos_bonus        EOS's score rises by this much where the reward itself prefers ending (Σ w·r(EOS) > 0): the
                   reward's sign decides that an answer should stop, the bonus how readily it may;
  eos_min_reward   EOS from outside the top-k may end the answer only where Σ w·r(EOS) ≥ this: a trained PersRM
                   likes ending after any full sentence (its chosen answers end, its runaway ones do not), so a
                   weak wish to end, mid-way through a "detailed" answer, should not stop it (None: no floor).
r is normalized over T (plus EOS); the guard masks scores to -inf and changes no kept score but EOS's bonus.
Off (every field at its default), the step is the authors' PAD, bit for bit.
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
    eos_bonus: float = 0.0        # added to EOS's score where the reward prefers ending (Σ w·r(EOS) > 0)
    eos_min_reward: float | None = None  # EOS from outside the top-k needs Σ w·r(EOS) ≥ this (None: any)
    loop_escape: int = 0          # r: after r looping tokens, leave min_p's floor for T's unrepeated ones (0: off)

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
    reward = (persrm.masked_fill(dropped, float("-inf")).log_softmax(-1)
              - ref.masked_fill(dropped, float("-inf")).log_softmax(-1))
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


def in_loop(ids: Sequence[int], n: int, run: int) -> bool:
    """Whether each of the last `run` tokens of `ids` completed an n-gram that also ends earlier in `ids`."""
    if run <= 0 or len(ids) < n + run:
        return False
    first_end: dict[tuple[int, ...], int] = {}
    for end in range(n, len(ids) + 1):
        first_end.setdefault(tuple(ids[end - n:end]), end)
    return all(first_end[tuple(ids[end - n:end])] < end for end in range(len(ids) - run + 1, len(ids) + 1))


def pad_step(z_base: torch.Tensor, rewards: list[RewardLogits], top_k: int, guard: Guard | None = None,
             history: Sequence[Sequence[int]] | None = None, top: torch.Tensor | None = None
             ) -> tuple[torch.Tensor, torch.Tensor]:
    """Candidates [B, k'] and their PAD scores [B, k'] for one step (-inf where the guard drops one).

    `history` is each row's answer so far (needed by the n-gram rule); `top`, when given, is
    `z_base.topk(top_k).indices`, already computed (the fused forward ranks the base's logits itself).
    """
    candidates, valid = candidate_set(z_base, top_k, guard, top)
    logp = z_base.float().log_softmax(-1)
    score = logp.gather(-1, candidates)
    for term in rewards:
        score = score + term.weight[:, None] * token_reward(term.persrm, term.reference, candidates, valid)
    return candidates, apply_guard(candidates, score, logp, valid, guard, history)


def candidate_set(z_base: torch.Tensor, top_k: int, guard: Guard | None = None, top: torch.Tensor | None = None
                  ) -> tuple[torch.Tensor, torch.Tensor | None]:
    """T = top-k(z_B) [B, k'], plus EOS when the guard adds it; `valid` marks the slots r is normalized over
    (False on the added EOS where it was already in T), None when every slot counts. `top`: T, precomputed."""
    candidates = top if top is not None else z_base.topk(min(top_k, z_base.shape[-1]), dim=-1).indices
    if guard is None or guard.off or guard.eos_id is None:
        return candidates, None
    is_eos = candidates == guard.eos_id
    candidates = torch.cat([candidates, torch.full_like(candidates[:, :1], guard.eos_id)], -1)
    return candidates, torch.cat([torch.ones_like(is_eos), ~is_eos.any(-1, keepdim=True)], -1)


def apply_guard(candidates: torch.Tensor, score: torch.Tensor, logp: torch.Tensor, valid: torch.Tensor | None,
                guard: Guard | None, history: Sequence[Sequence[int]] | None = None,
                reward: torch.Tensor | None = None) -> torch.Tensor:
    """The scores with -inf where the guard drops a candidate (unchanged when the guard is off).

    `reward` [B, k'] is the step's Σ w·r per candidate that the EOS rules read (default: score − log p_B, PAD's).
    """
    if guard is None or guard.off:
        return score
    is_eos = candidates == guard.eos_id if guard.eos_id is not None else torch.zeros_like(candidates, dtype=torch.bool)
    logp_candidates = logp.gather(-1, candidates)
    keep = logp_candidates >= logp.max(-1, keepdim=True).values + _log(guard.min_p)
    if reward is None:
        reward = score - logp_candidates
    if guard.eos_id is not None and guard.eos_bonus:
        score = score + guard.eos_bonus * (is_eos & valid & (reward > 0))
    if guard.eos_id is not None:
        # EOS must beat every top-k token by the plain PAD score, so an answer ends only when the reward
        # itself prefers ending to any continuation the base offers, not just to the few min_p keeps.
        best_other = score.masked_fill(is_eos | ~valid, float("-inf")).max(-1, keepdim=True).values
        eos_wins = (score.masked_fill(~is_eos | ~valid, float("-inf")).max(-1, keepdim=True).values >= best_other)
        if guard.eos_min_reward is not None:
            # Only the slot the guard added (the last; valid when EOS was outside T) needs the floor.
            outside = torch.zeros_like(is_eos)
            outside[:, -1] = valid[:, -1]
            eos_wins = eos_wins & ~(outside & (reward < guard.eos_min_reward))
        keep = torch.where(is_eos, valid & eos_wins, keep)
        # The base's argmax EOS that loses by PAD's score, with every other token under min_p's floor: keep the
        # argmax (slot 0, T is sorted) rather than nothing.
        keep[:, :1] |= ~keep.any(-1, keepdim=True)
    if guard.no_repeat_ngram:
        history = history or [[]] * len(candidates)
        fresh = ~repeated_ngram(candidates, history, guard.no_repeat_ngram)
        unrepeated = keep & fresh
        if guard.loop_escape:
            for row in (~unrepeated.any(-1)).nonzero().flatten().tolist():
                if in_loop(history[row], guard.no_repeat_ngram, guard.loop_escape):
                    unrepeated[row] = fresh[row] & ~is_eos[row]
        keep = torch.where(unrepeated.any(-1, keepdim=True), unrepeated, keep)
    return score.masked_fill(~keep, float("-inf"))


def gate_confident(z_base: torch.Tensor, log_tau: float) -> torch.Tensor:
    """[B] True where the base is confident enough to skip the reward: log p_B(top-1) >= log τ (PersRM gating)."""
    return z_base.float().log_softmax(-1).max(-1).values >= log_tau


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
