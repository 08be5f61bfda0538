"""Synthesize personalized preference pairs for the PersRM: steer, generate, judge, pair.

1. **Plan.** For every prompt, candidates steered toward each pole (`candidates_per_pole` each, with
   different steering instructions) plus a few steered toward two poles at once.
2. **Generate.** A `generate_fn(prompts, steering, seed) -> texts` does the generation; it decides how
   the steering instruction reaches the model (the CLI appends it to the user turn). This module sits in
   the rewards layer, which must not import the decoding layer, so the caller (the CLI, the top layer)
   injects a function backed by the decoding engine; tests inject tiny models or plain functions.
3. **Clean.** Degenerate candidates are dropped: empty, looping, echoing the steering prompt, or cut off
   by the token limit with no sentence end to trim back to; with `min_relevance` > 0, also those whose
   embedding strays from the prompt's ("off topic").
4. **Judge and pair.** Every surviving candidate of a prompt is scored by the transparent judges. For a
   target (one pole, or two poles on different dimensions) the pair is the (chosen, rejected) whose
   judged gap clears the dimension's margin on every named dimension while the unnamed dimensions
   differ as little as possible (bounded by `off_tolerance` margins), so a PersRM learns the named
   preference rather than a side effect. Steering only makes such pairs likely; the judges label them.

Pairs carry a natural user wording of the preference (train or held-out split), never the pole name.
Everything is deterministic for a given seed and generate_fn.
"""
from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean

from personalign.dimensions import DIMENSIONS, judge_all
from personalign.errors import ConfigError, PersonalignError
from personalign.rewards.data import PairRecord
from personalign.rewards.preferences import (
    Pole,
    canonical,
    combinations_of_poles,
    combine,
    combo_steering,
    poles,
    steering_prompts,
    wordings,
)

Target = tuple[Pole, ...]  # one pole, or two poles on different dimensions (canonical order)


@dataclass(frozen=True)
class Completion:
    """What a generate_fn may return per row; a plain string means `truncated=False`."""

    text: str
    truncated: bool = False  # stopped by the token limit rather than by end-of-sequence


# (prompts, steering instructions, seed) -> one text or Completion per prompt
GenerateFn = Callable[[list[str], list[str], int], Sequence["str | Completion"]]


@dataclass(frozen=True)
class PromptItem:
    id: str
    prompt: str


@dataclass
class SynthConfig:
    candidates_per_pole: int = 2      # single-pole steered candidates per prompt and pole
    combo_candidates: int = 2         # two-pole steered candidates per prompt (combos rotate over prompts)
    combos_per_prompt: int = 4        # two-pole pairs attempted per prompt (rotating over the 12 combos)
    pairs_per_target: int = 1         # pairs kept per prompt and target (distinct candidates each)
    off_tolerance: float = 2.0        # max |gap| on unnamed dimensions, in units of their margins
    batch_size: int = 24
    chunk_prompts: int = 16           # prompts planned together; a stopped run leaves whole prompts done
    seed: int = 0
    wording_split: str = "train"
    source: str = "synth"
    min_relevance: float = 0.0        # drop candidates whose MiniLM cosine with the prompt is lower (0: off)

    def validate(self) -> SynthConfig:
        for name in ("candidates_per_pole", "pairs_per_target", "batch_size", "chunk_prompts"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{name} must be an integer >= 1, got {value!r}")
        for name in ("combo_candidates", "combos_per_prompt"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{name} must be an integer >= 0, got {value!r}")
        if not isinstance(self.off_tolerance, (int, float)) or not self.off_tolerance > 0:
            raise ConfigError(f"off_tolerance must be > 0, got {self.off_tolerance!r}")
        if not isinstance(self.min_relevance, (int, float)) or not -1.0 <= self.min_relevance < 1.0:
            raise ConfigError(f"min_relevance must be in [-1, 1), got {self.min_relevance!r}")
        if self.wording_split not in ("train", "heldout"):
            raise ConfigError(f"wording_split must be 'train' or 'heldout', got {self.wording_split!r}")
        return self


@dataclass
class Candidate:
    prompt_id: str
    prompt: str
    target: Target            # the pole(s) the steering instruction asked for
    steering: str
    text: str = ""
    truncated: bool = False
    status: str = "pending"   # "ok" or the reason it was dropped
    scores: dict[str, float] = field(default_factory=dict)
    relevance: float | None = None  # cosine of prompt and text embeddings, when a relevance filter ran

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_json(self) -> str:
        obj = asdict(self)
        obj["target"] = target_key(self.target)
        return json.dumps(obj, ensure_ascii=False)

    @classmethod
    def from_json(cls, obj: dict) -> Candidate:
        obj = dict(obj)
        obj["target"] = parse_target(obj["target"])
        return cls(**obj)


@dataclass
class SynthResult:
    pairs: list[PairRecord]
    candidates: list[Candidate]
    pair_targets: list[Target]    # the target of each pair, aligned with `pairs`
    report: dict


# ------------------------------------------------------------------------------------------ targets
def target_key(target: Target) -> str:
    """"length:concise" or "length:concise+tone:warm"."""
    return "+".join(f"{d}:{p}" for d, p in target)


def parse_target(key: str) -> Target:
    try:
        parts = [tuple(part.split(":")) for part in key.split("+")]
        poles_ = [(d, p) for d, p in parts]
    except ValueError:
        raise ConfigError(f"bad target {key!r}; expected dimension:pole[+dimension:pole]") from None
    if len(poles_) == 1:
        if poles_[0] not in poles():
            raise ConfigError(f"unknown pole {key!r}")
        return (poles_[0],)
    if len(poles_) == 2:
        return canonical(*poles_)
    raise ConfigError(f"bad target {key!r}: one or two poles")


def dimension_label(target: Target) -> str:
    """The pair's `dimension` field: "length" or "length+tone"."""
    return "+".join(d for d, _ in target)


# --------------------------------------------------------------------------------------------- plan
def plan_candidates(prompts: Sequence[PromptItem], config: SynthConfig) -> list[Candidate]:
    """The candidates to generate, in chunks of `chunk_prompts` prompts, grouped by target inside a chunk.

    Grouping by target puts answers of similar length in one batch (a batch runs as long as its
    longest answer); chunking means an interrupted run has complete candidate sets for whole prompts.
    """
    config.validate()
    rng = random.Random(config.seed)
    combos = combinations_of_poles()
    plan: list[Candidate] = []
    for start in range(0, len(prompts), config.chunk_prompts):
        planned: dict[Target, list[Candidate]] = defaultdict(list)
        for index, item in enumerate(prompts[start:start + config.chunk_prompts], start=start):
            for pole in poles():
                options = steering_prompts(*pole)
                # Distinct steering instructions per prompt while K fits; cycling beyond that.
                order = rng.sample(options, len(options))
                for k in range(config.candidates_per_pole):
                    planned[(pole,)].append(Candidate(item.id, item.prompt, (pole,), order[k % len(order)]))
            for k in range(config.combo_candidates):
                combo = combos[(index * config.combo_candidates + k) % len(combos)]
                planned[combo].append(Candidate(item.id, item.prompt, combo, combo_steering(*combo, rng=rng)))
        plan += [c for target in sorted(planned, key=target_key) for c in planned[target]]
    return plan


# ------------------------------------------------------------------------------------------ cleaning
_WORD = re.compile(r"\b\w[\w'-]*\b")
_SENTENCE_END = re.compile(r"[.!?)\]\"'*]\s|[.!?]$|\n")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def clean_candidate(text: str, truncated: bool, steering: str | None = None) -> tuple[str, str]:
    """Return (cleaned text, "ok") or (text, reason it is degenerate)."""
    text = text.strip()
    words = _words(text)
    if len(words) < 2:
        return text, "empty"
    if re.search(r"(.)\1{14,}", text):
        return text, "repetitive"
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if lines and max(Counter(lines).values()) >= 3:
        return text, "repetitive"
    trigrams = _ngrams(words, 3)
    if len(trigrams) >= 10 and 1 - len(set(trigrams)) / len(trigrams) > 0.3:
        return text, "repetitive"
    if steering:
        # A small model sometimes repeats its steering instruction; such text says nothing about the
        # prompt and would teach the PersRM to parrot instructions.
        if set(_ngrams(words, 5)) & set(_ngrams(_words(steering), 5)):
            return text, "echoes steering prompt"
    if truncated:
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        cut = ends[-1] if ends else 0
        kept = text[:cut].strip()
        # Trimming back to the last sentence end keeps the answer well-formed; if that loses most of
        # it, the candidate is a cut-off fragment and is dropped.
        if len(_words(kept)) < 5 or len(kept) < 0.5 * len(text):
            return text, "truncated"
        text = kept
    return text, "ok"


# ---------------------------------------------------------------------------------------- generation
def generate_candidates(prompts: Sequence[PromptItem], generate_fn: GenerateFn, config: SynthConfig,
                        progress: bool = True, done: Sequence[Candidate] = (),
                        on_batch: Callable[[list[Candidate]], None] | None = None) -> list[Candidate]:
    """Generate (batched), clean and judge every planned candidate.

    `done` holds candidates of an earlier, interrupted run of the same plan (a whole number of
    batches); they are kept and their batches skipped, so a resumed run equals an uninterrupted one.
    `on_batch` receives each finished batch (the CLI appends it to the candidates file).
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    config.validate()
    planned = plan_candidates(prompts, config)
    _check_resume(planned, done, config.batch_size)
    batches = [planned[i:i + config.batch_size] for i in range(0, len(planned), config.batch_size)]
    first = len(done) // config.batch_size
    result = list(done)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), disable=not progress, transient=False) as bar:
        task = bar.add_task("generating candidates", total=len(planned), completed=len(done))
        for number in range(first, len(batches)):
            batch = batches[number]
            bar.update(task, description=f"generating {target_key(batch[0].target)}")
            outputs = list(generate_fn([c.prompt for c in batch], [c.steering for c in batch],
                                       config.seed * 100_003 + number))
            if len(outputs) != len(batch):
                raise PersonalignError(f"generate_fn returned {len(outputs)} texts for {len(batch)} prompts")
            for cand, out in zip(batch, outputs):
                out = out if isinstance(out, Completion) else Completion(str(out))
                cand.text, cand.status = clean_candidate(out.text, out.truncated, cand.steering)
                cand.truncated = out.truncated
                if cand.ok:
                    cand.scores = judge_all(cand.text)
            result += batch
            if on_batch is not None:
                on_batch(batch)
            bar.advance(task, len(batch))
    return result


def _check_resume(planned: Sequence[Candidate], done: Sequence[Candidate], batch_size: int) -> None:
    if not done:
        return
    if len(done) > len(planned) or (len(done) % batch_size and len(done) != len(planned)):
        raise ConfigError(f"cannot resume: {len(done)} saved candidates is not a whole number of batches "
                          f"of {batch_size} of this plan ({len(planned)} candidates)")
    for i, (old, new) in enumerate(zip(done, planned)):
        if (old.prompt_id, old.prompt, old.target, old.steering) != (new.prompt_id, new.prompt, new.target,
                                                                     new.steering):
            raise ConfigError(f"cannot resume: saved candidate {i + 1} was planned with other prompts, "
                              "seed or settings")


# -------------------------------------------------------------------------------------------- pairing
def _gap(chosen: Candidate, rejected: Candidate, pole: Pole) -> float:
    """How much further `chosen` is toward `pole` than `rejected`, in judge units."""
    dim = DIMENSIONS[pole[0]]
    return dim.direction(pole[1]) * (chosen.scores[pole[0]] - rejected.scores[pole[0]])


def best_pairs(pool: Sequence[Candidate], target: Target, config: SynthConfig) -> list[tuple[Candidate, Candidate]]:
    """Up to `pairs_per_target` (chosen, rejected) for `target`, using each candidate at most once.

    A pair qualifies when every named dimension's gap is at least its margin and every unnamed
    dimension differs by at most `off_tolerance` margins. Among qualifying pairs the one with the
    largest weakest named gap (in margins) minus the off-dimension drift (in margins) wins.
    """
    named = {d for d, _ in target}
    others = [d for d in DIMENSIONS if d not in named]
    scored = []
    for i, chosen in enumerate(pool):
        for j, rejected in enumerate(pool):
            if i == j or chosen.text == rejected.text:
                continue
            gaps = [_gap(chosen, rejected, pole) / DIMENSIONS[pole[0]].margin for pole in target]
            if min(gaps) < 1.0:
                continue
            drift = [abs(chosen.scores[d] - rejected.scores[d]) / DIMENSIONS[d].margin for d in others]
            if any(x > config.off_tolerance for x in drift):
                continue
            scored.append((min(gaps) - sum(drift), i, j))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    used, out = set(), []
    for _, i, j in scored:
        if i in used or j in used:
            continue
        out.append((pool[i], pool[j]))
        used.update((i, j))
        if len(out) == config.pairs_per_target:
            break
    return out


# (prompts, texts) -> one similarity per row; the default embeds both with the shipped MiniLM
RelevanceFn = Callable[[list[str], list[str]], Sequence[float]]


def minilm_relevance(prompts: list[str], texts: list[str]) -> list[float]:
    from personalign.models.embeddings import Embedder

    embedder = Embedder()
    return [float(a @ b) for a, b in zip(embedder.embed(prompts), embedder.embed(texts))]


def drop_off_topic(candidates: Sequence[Candidate], min_relevance: float,
                   relevance_fn: RelevanceFn | None = None) -> int:
    """Mark kept candidates that drift away from their prompt "off topic"; returns how many.

    A small model steered hard toward a style ("one short sentence", "like I'm five") often answers
    something else; the judges only see style, so without this such answers become *chosen* texts and
    a PersRM learns to reward leaving the question.
    """
    # A saved candidate marked by an earlier, stricter filter is judged again under this threshold.
    kept = [c for c in candidates if c.ok or c.status == "off topic"]
    for cand in kept:
        cand.status = "ok"
    if min_relevance <= 0 or not kept:
        return 0
    scores = (relevance_fn or minilm_relevance)([c.prompt for c in kept], [c.text for c in kept])
    dropped = 0
    for cand, score in zip(kept, scores):
        cand.relevance = round(float(score), 4)
        if cand.relevance < min_relevance:
            cand.status = "off topic"
            dropped += 1
    return dropped


def build_pairs(candidates: Sequence[Candidate], config: SynthConfig) -> tuple[list[PairRecord], list[Target]]:
    """Pairs for every prompt: each single pole, then `combos_per_prompt` rotating two-pole targets."""
    config.validate()
    rng = random.Random(config.seed + 1)
    combos = combinations_of_poles()
    by_prompt: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        if cand.ok:
            if not cand.scores:
                cand.scores = judge_all(cand.text)
            by_prompt[cand.prompt_id].append(cand)
    pairs, targets = [], []
    for index, prompt_id in enumerate(sorted(by_prompt)):
        pool = by_prompt[prompt_id]
        prompt_targets: list[Target] = [(pole,) for pole in poles()]
        prompt_targets += [combos[(index * config.combos_per_prompt + k) % len(combos)]
                           for k in range(min(config.combos_per_prompt, len(combos)))]
        for target in prompt_targets:
            for chosen, rejected in best_pairs(pool, target, config):
                if len(target) == 1:
                    wording = rng.choice(wordings(*target[0], split=config.wording_split))
                else:
                    wording = combine(*target, split=config.wording_split, rng=rng)
                pairs.append(PairRecord(preference=wording, prompt=chosen.prompt, chosen=chosen.text,
                                        rejected=rejected.text, dimension=dimension_label(target),
                                        source=config.source, chosen_truncated=chosen.truncated,
                                        rejected_truncated=rejected.truncated))
                targets.append(target)
    return pairs, targets


# --------------------------------------------------------------------------------------------- report
def separation(candidates: Sequence[Candidate]) -> dict[str, dict[str, float]]:
    """Mean judge score of the single-pole steered candidates, per dimension and steered pole.

    If steering works, the high pole's mean sits well above the low pole's on its own dimension.
    """
    out: dict[str, dict[str, float]] = {}
    for name, dim in DIMENSIONS.items():
        row = {}
        for pole in dim.poles:
            values = [c.scores[name] for c in candidates if c.ok and c.target == ((name, pole),)]
            row[pole] = round(mean(values), 3) if values else float("nan")
        row["gap"] = round(row[dim.high] - row[dim.low], 3)
        row["margin"] = dim.margin
        out[name] = row
    return out


def make_report(candidates: Sequence[Candidate], targets: Sequence[Target]) -> dict:
    statuses = Counter(c.status for c in candidates)
    return {
        "candidates": len(candidates),
        "kept_candidates": statuses.get("ok", 0),
        "dropped": {k: v for k, v in sorted(statuses.items()) if k != "ok"},
        "truncated_trimmed": sum(1 for c in candidates if c.ok and c.truncated),
        "separation": separation(candidates),
        "pairs": len(targets),
        "pairs_per_target": dict(sorted(Counter(target_key(t) for t in targets).items())),
        "pairs_per_dimension": dict(sorted(Counter(dimension_label(t) for t in targets).items())),
    }


def synthesize(prompts: Sequence[PromptItem], generate_fn: GenerateFn, config: SynthConfig | None = None,
               progress: bool = True, done: Sequence[Candidate] = (),
               on_batch: Callable[[list[Candidate]], None] | None = None,
               relevance_fn: RelevanceFn | None = None) -> SynthResult:
    config = (config or SynthConfig()).validate()
    if not prompts:
        raise ConfigError("no prompts to synthesize pairs for")
    ids = [p.id for p in prompts]
    if len(set(ids)) != len(ids):
        raise ConfigError("prompt ids must be unique")
    candidates = generate_candidates(prompts, generate_fn, config, progress=progress, done=done, on_batch=on_batch)
    drop_off_topic(candidates, config.min_relevance, relevance_fn)
    pairs, targets = build_pairs(candidates, config)
    return SynthResult(pairs, candidates, targets, make_report(candidates, targets))


def pairs_from_candidates(candidates: Sequence[Candidate], config: SynthConfig | None = None,
                          relevance_fn: RelevanceFn | None = None) -> SynthResult:
    """Rebuild pairs from saved candidates (e.g. with held-out wordings or a relevance filter) without
    generating again."""
    config = (config or SynthConfig()).validate()
    drop_off_topic(candidates, config.min_relevance, relevance_fn)
    pairs, targets = build_pairs(candidates, config)
    return SynthResult(pairs, list(candidates), targets, make_report(candidates, targets))


# ------------------------------------------------------------------------------------------ candidates I/O
def write_candidates(path: str | Path, candidates: Sequence[Candidate], append: bool = False) -> int:
    """Write (or append, flushed, for progress saved batch by batch) candidates as JSONL."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a" if append else "w", encoding="utf-8") as handle:
        for cand in candidates:
            handle.write(cand.to_json() + "\n")
        handle.flush()
    return len(candidates)


def load_candidates(path: str | Path) -> list[Candidate]:
    path = Path(path)
    if not path.is_file():
        raise PersonalignError(f"candidates file not found: {path}")
    out, problems = [], []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                cand = Candidate.from_json(json.loads(raw.decode("utf-8")))
                if cand.ok:  # re-judge: the file may come from an older judge version or be hand-edited
                    cand.scores = judge_all(cand.text)
                out.append(cand)
            except (ValueError, TypeError, KeyError, ConfigError) as exc:
                problems.append(f"line {number}: {exc}")
    if problems:
        raise PersonalignError(f"{path}: {len(problems)} invalid candidate line(s): {'; '.join(problems[:5])}")
    return out


__all__ = [
    "Completion", "GenerateFn", "PromptItem", "SynthConfig", "Candidate", "SynthResult", "Target",
    "target_key", "parse_target", "dimension_label", "plan_candidates", "clean_candidate",
    "generate_candidates", "best_pairs", "build_pairs", "separation", "make_report", "synthesize",
    "pairs_from_candidates", "write_candidates", "load_candidates",
]
