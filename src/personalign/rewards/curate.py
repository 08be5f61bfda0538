"""PersRM v2 training data, curated from synthesized pairs: quality first, then breadth.

A PersRM learns whatever separates chosen from rejected. The v1 data let three things through that
PAD then amplified: chosen answers that had left the question (a small model steered hard toward a
style often answers something else), nothing that said a looping or off-topic answer is worse than an
answer, and requests of one or two poles in one register only (so three-pole requests in other
wordings collapsed onto the easiest poles). Curation fixes each without generating new answers:

1. **Pool.** Every distinct answer of a prompt (chosen or rejected in any pair) is one candidate, judged
   by the transparent judges. A candidate may be *chosen* only if it is clean (`clean_candidate`: not
   empty or looping), on topic (MiniLM cosine with the prompt ≥ `min_relevance`) and fluent (perplexity
   under the base model given the bare question ≤ `max_perplexity`, when perplexities are given).
   Failing candidates may still be *rejected* — that is exactly what the PersRM should learn to avoid.
2. **Style pairs.** Per prompt: each single pole and each two-pole combination, paired as in synthesis
   (`best_pairs`: every named gap ≥ its margin, unnamed dimensions close; two-pole combinations rotate
   over prompts); three-pole combinations, rotating too,
   with the Pareto rule of `pareto_pairs` (no named pole worse, at least one clearly better), since
   a few answers per prompt rarely differ clearly on all three dimensions at once.
3. **Helpfulness pairs** (dimension ``helpfulness``): under the same request, the on-topic chosen
   answer beats (a) a same-style answer to *another* prompt (off topic) and (b) the answer itself
   degenerated into a loop (`looped`), so the PersRM never rewards drift or repetition.
4. **Wordings.** Each pair gets a wording drawn from the pole's training wordings (24 per pole, several
   registers), multi-pole requests composed by `combine_poles`; held-out wordings are never used.

Deterministic for a given seed.
"""
from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product

from personalign.dimensions import DIMENSIONS, judge_all
from personalign.errors import ConfigError
from personalign.rewards.data import PairRecord, truncated_answers
from personalign.rewards.preferences import Pole, combinations_of_poles, combine, poles, wordings
from personalign.rewards.synth import Candidate, SynthConfig, best_pairs, clean_candidate

HELPFULNESS = "helpfulness"


@dataclass
class CurateConfig:
    min_relevance: float = 0.5        # chosen answers need this MiniLM cosine with their prompt
    max_perplexity: float = 6.0       # ... and at most this perplexity under the base (when measured)
    off_tolerance: float = 2.0        # single/two-pole pairs: max drift of unnamed dimensions, in margins
    pareto_min_gap: float = 1.0       # three-pole pairs: one named gap at least this many margins ...
    pareto_floor: float = 0.0         # ... and no named gap below this (not worse on any requested pole)
    combos_per_prompt: int = 4        # two-pole targets tried per prompt (rotating over the 12)
    triples_per_prompt: int = 4       # three-pole targets tried per prompt (rotating over the 8)
    # three-pole pairs: the pole that must gain `pareto_min_gap` rotates over the request's three (False: any
    # one may, and the pair ranking favours the dimensions whose judges separate answers most easily)
    triple_focus: bool = False
    helpfulness_per_prompt: int = 1   # off-topic + looped pairs per prompt (each kind)
    seed: int = 0

    def validate(self) -> CurateConfig:
        if not -1.0 <= self.min_relevance < 1.0:
            raise ConfigError(f"min_relevance must be in [-1, 1), got {self.min_relevance!r}")
        if not self.max_perplexity > 1.0:
            raise ConfigError(f"max_perplexity must be > 1, got {self.max_perplexity!r}")
        for name in ("combos_per_prompt", "triples_per_prompt", "helpfulness_per_prompt"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{name} must be an integer >= 0, got {value!r}")
        return self


@dataclass
class CurateResult:
    pairs: list[PairRecord]
    report: dict


# ---------------------------------------------------------------------------------------- wordings
def triples() -> list[tuple[Pole, Pole, Pole]]:
    """Every request naming one pole of each dimension (8 with three two-pole dimensions)."""
    return [tuple((name, pole) for name, pole in zip(DIMENSIONS, choice))
            for choice in product(*(dim.poles for dim in DIMENSIONS.values()))]


_JOINERS = ("{a} {b}", "{a} Also, {b}", "{a}; {b}", "{a} And {b}")


def combine_poles(target: Sequence[Pole], rng: random.Random) -> str:
    """One training wording for a request naming 1–3 poles (two-pole: `combine`'s own mix)."""
    if len(target) == 1:
        return rng.choice(wordings(*target[0], split="train"))
    if len(target) == 2:
        return combine(*target, split="train", rng=rng)
    parts = [rng.choice(wordings(*pole, split="train")) for pole in rng.sample(list(target), len(target))]
    text = parts[0]
    for part in parts[1:]:
        joiner = rng.choice(_JOINERS)
        a = text if text.rstrip()[-1:] in ".!?)" else text + "."
        b = (part if joiner == "{a} {b}" or part.startswith("I ") or part.startswith("I'")
             else part[0].lower() + part[1:])
        text = joiner.format(a=a.rstrip(".;") if joiner == "{a}; {b}" else a, b=b)
    return text


# --------------------------------------------------------------------------------------- degenerates
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def looped(text: str, min_words: int = 24) -> str:
    """The answer degenerated the way PAD's failures did: its opening clause repeated until the answer
    is at least as long as the original (and `min_words`), e.g. "A coin is a credit. A coin is a credit. …"."""
    first = next((s.strip() for s in _SENTENCE.findall(text) if s.strip()), text.strip())
    words = first.split()
    if len(words) > 8:  # a long first sentence loops on a fragment, as small models do
        first = " ".join(words[:6])
    unit_words = max(1, len(first.split()))
    target = max(min_words, len(text.split()))
    repeats = max(3, -(-target // unit_words))
    sep = " " if first[-1:] in ".!?" else ". "
    return sep.join([first] * repeats).strip()


# ------------------------------------------------------------------------------------------- pairing
def _gap(chosen: Candidate, rejected: Candidate, pole: Pole) -> float:
    dim = DIMENSIONS[pole[0]]
    return dim.direction(pole[1]) * (chosen.scores[pole[0]] - rejected.scores[pole[0]]) / dim.margin


def pareto_pairs(pool: Sequence[Candidate], target: Sequence[Pole], config: CurateConfig,
                 may_choose: set[int], focus: Pole | None = None) -> list[tuple[Candidate, Candidate]]:
    """The best (chosen, rejected) for a multi-pole request: chosen no worse on every named pole and
    clearly better (≥ `pareto_min_gap` margins) on at least one — on `focus` when given; ranked by the sum
    of gaps (each capped at 3 margins, so one extreme dimension cannot carry a pair)."""
    best, focused = None, None if focus is None else list(target).index(focus)
    for i, chosen in enumerate(pool):
        if i not in may_choose:
            continue
        for j, rejected in enumerate(pool):
            if i == j or chosen.text == rejected.text:
                continue
            gaps = [_gap(chosen, rejected, pole) for pole in target]
            if min(gaps) < config.pareto_floor or max(gaps) < config.pareto_min_gap:
                continue
            if focused is not None and gaps[focused] < config.pareto_min_gap:
                continue
            score = sum(min(g, 3.0) for g in gaps)
            if best is None or score > best[0]:
                best = (score, i, j)
    return [] if best is None else [(pool[best[1]], pool[best[2]])]


def _candidate(prompt: str, text: str) -> Candidate:
    return Candidate(prompt_id=prompt, prompt=prompt, target=(), steering="", text=text, status="ok",
                     scores=judge_all(text))


def curate(pairs: Sequence[PairRecord], relevance: dict[str, float] | None = None,
           perplexity: dict[str, float] | None = None, config: CurateConfig | None = None) -> CurateResult:
    """PersRM v2 pairs from synthesized pairs. `relevance` and `perplexity` map (prompt + "\\n\\n" +
    answer) to the answer's MiniLM cosine with its prompt and its perplexity under the base (missing
    keys are not filtered on that measure); see the module docstring for the rules."""
    config = (config or CurateConfig()).validate()
    rng = random.Random(config.seed)
    texts: dict[str, list[str]] = defaultdict(list)
    cut = truncated_answers(pairs)
    for pair in pairs:
        for text in (pair.chosen, pair.rejected):
            if text not in texts[pair.prompt]:
                texts[pair.prompt].append(text)
    pools = {prompt: [_candidate(prompt, t) for t in answers] for prompt, answers in texts.items()}

    reasons: Counter = Counter()

    def eligible(cand: Candidate) -> bool:
        key = cand.prompt + "\n\n" + cand.text
        if clean_candidate(cand.text, False)[1] != "ok":
            reasons["looping or empty"] += 1
            return False
        if relevance is not None and relevance.get(key, 1.0) < config.min_relevance:
            reasons["off topic"] += 1
            return False
        if perplexity is not None and perplexity.get(key, 0.0) > config.max_perplexity:
            reasons["not fluent"] += 1
            return False
        return True

    choosable = {prompt: {i for i, c in enumerate(pool) if eligible(c)} for prompt, pool in pools.items()}
    # best_pairs draws both sides from one pool: ask it for every qualifying pair, best first, and keep
    # the best whose chosen side may be chosen.
    every_pair = SynthConfig(off_tolerance=config.off_tolerance, pairs_per_target=1000)
    out: list[PairRecord] = []
    kinds: Counter = Counter()
    all_triples, combos = triples(), combinations_of_poles()
    for index, prompt in enumerate(sorted(pools)):
        pool, ok = pools[prompt], choosable[prompt]
        chosen_pool = [c for i, c in enumerate(pool) if i in ok]
        made: list[tuple[tuple[Pole, ...], Candidate, Candidate]] = []
        rotating = [combos[(index * config.combos_per_prompt + k) % len(combos)]
                    for k in range(min(config.combos_per_prompt, len(combos)))]
        for target in [(p,) for p in poles()] + rotating:
            found = [(c, r) for c, r in best_pairs(pool, target, every_pair) if c in chosen_pool][:1]
            made += [(target, c, r) for c, r in found]
        for k in range(config.triples_per_prompt):
            target = all_triples[(index * config.triples_per_prompt + k) % len(all_triples)]
            focus = target[(index + k) % len(target)] if config.triple_focus else None
            made += [(target, c, r) for c, r in pareto_pairs(pool, target, config, ok, focus)]
        for target, chosen, rejected in made:
            out.append(PairRecord(combine_poles(target, rng), prompt, chosen.text, rejected.text,
                                  "+".join(d for d, _ in target), "curated", chosen.text in cut, rejected.text in cut))
            kinds[f"{len(target)}-pole"] += 1

        # Helpfulness: same request, same style, but off topic or looping is worse.
        styled = [(t, c) for t, c, _ in made]
        rng.shuffle(styled)
        others = [p for p in pools if p != prompt]
        for target, chosen in styled[:config.helpfulness_per_prompt]:
            stranger = _closest_in_style(chosen, [c for p in rng.sample(others, min(8, len(others)))
                                                  for c in pools[p]], target)
            wording = combine_poles(target, rng)
            if stranger is not None:
                out.append(PairRecord(wording, prompt, chosen.text, stranger.text, HELPFULNESS, "curated",
                                      chosen.text in cut, stranger.text in cut))
                kinds["helpfulness: off topic"] += 1
            loop = looped(chosen.text)
            if loop != chosen.text:
                # A loop runs to the token limit: it is cut, never ended.
                out.append(PairRecord(combine_poles(target, rng), prompt, chosen.text, loop, HELPFULNESS,
                                      "curated", chosen.text in cut, True))
                kinds["helpfulness: looped"] += 1
    report = {
        "source_pairs": len(pairs), "prompts": len(pools), "answers": sum(map(len, pools.values())),
        "not_choosable": dict(reasons), "pairs": len(out), "pairs_by_kind": dict(sorted(kinds.items())),
        "pairs_by_dimension": dict(sorted(Counter(p.dimension for p in out).items())),
    }
    return CurateResult(out, report)


def answer_quality(pairs: Sequence[PairRecord], base, batch_size: int = 16,
                   progress: bool = True) -> tuple[dict[str, float], dict[str, float]]:
    """(relevance, perplexity) of every distinct answer, keyed as `curate` reads them: MiniLM cosine with
    the prompt, and perplexity under `base` (a LoadedModel) given the bare question in its chat format."""
    import math

    import torch
    from rich.progress import track

    from personalign.models import encode_text, render_chat
    from personalign.models.batching import answer_token_logprobs
    from personalign.models.embeddings import Embedder

    items = list(dict.fromkeys((p.prompt, t) for p in pairs for t in (p.chosen, p.rejected)))
    keys = [prompt + "\n\n" + text for prompt, text in items]
    embedder = Embedder()
    prompt_vecs = embedder.embed([prompt for prompt, _ in items])
    text_vecs = embedder.embed([text for _, text in items])
    relevance = {k: float(a @ b) for k, a, b in zip(keys, prompt_vecs, text_vecs)}
    tok = base.tokenizer
    pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    perplexity = {}
    chunks = range(0, len(items), batch_size)
    for start in (track(chunks, description="perplexity") if progress else chunks):
        chunk = items[start:start + batch_size]
        with torch.inference_mode():
            rows = answer_token_logprobs(base.model, [render_chat(tok, prompt) for prompt, _ in chunk],
                                         [encode_text(tok, text) for _, text in chunk],
                                         pad, device=base.device)
        for (prompt, text), row in zip(chunk, rows):
            perplexity[prompt + "\n\n" + text] = math.exp(-float(row.mean())) if len(row) else float("inf")
    return relevance, perplexity


def end_probability(pairs: Sequence[PairRecord], base, turns: Callable[[str], Sequence[str]],
                    batch_size: int = 16, progress: bool = True) -> dict[str, float]:
    """For each distinct answer: the highest probability `base` gives end-of-sequence right after it, over
    the user turns `turns(prompt)` (e.g. the question alone and with each steering instruction synthesis
    appends). An answer that ended by itself was ended under one of those turns; one that a token limit cut,
    trimmed back to a sentence end, was usually not about to end there. Each answer is read after the prompt
    it answers: the first non-helpfulness pair it appears in (a helpfulness pair may reject an answer to
    another prompt)."""
    import torch
    from rich.progress import track

    from personalign.models import encode_text, render_chat
    from personalign.models.batching import answer_token_logprobs

    home: dict[str, str] = {}
    for pair in sorted(pairs, key=lambda p: p.dimension == HELPFULNESS):  # stable: helpfulness pairs last
        for text in (pair.chosen, pair.rejected):
            home.setdefault(text, pair.prompt)
    tok = base.tokenizer
    pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    rows = [(text, turn) for text, prompt in home.items() for turn in turns(prompt)]
    # Every answer meets every turn of its prompt: encode each answer, and render each turn, once.
    # EOS is appended to the answer, so its log-prob is the row's last.
    answers = {text: encode_text(tok, text) + [tok.eos_token_id] for text in home}
    contexts = {turn: render_chat(tok, turn) for turn in dict.fromkeys(turn for _, turn in rows)}
    best: dict[str, float] = {}
    chunks = range(0, len(rows), batch_size)
    for start in (track(chunks, description="end probability") if progress else chunks):
        chunk = rows[start:start + batch_size]
        with torch.inference_mode():
            logps = answer_token_logprobs(base.model, [contexts[turn] for _, turn in chunk],
                                          [answers[text] for text, _ in chunk], pad, batch_size=batch_size,
                                          device=base.device)
        for (text, _), row in zip(chunk, logps):
            best[text] = max(best.get(text, 0.0), float(row[-1].exp()))
    return best


def _closest_in_style(chosen: Candidate, strangers: Sequence[Candidate], target: Sequence[Pole]) -> Candidate | None:
    """The answer to another prompt whose judged style on the named dimensions is nearest to `chosen`."""
    named = [d for d, _ in target]
    scored = [(sum(abs(c.scores[d] - chosen.scores[d]) / DIMENSIONS[d].margin for d in named), k)
              for k, c in enumerate(strangers) if c.text != chosen.text]
    return strangers[min(scored)[1]] if scored else None


__all__ = ["CurateConfig", "CurateResult", "HELPFULNESS", "curate", "answer_quality", "pareto_pairs", "looped",
           "triples", "combine_poles"]
