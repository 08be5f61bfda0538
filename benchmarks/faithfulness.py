"""Faithful personalization: does a strategy move the style toward the requested pole while the answer
stays an answer? One command, one report (JSON + Markdown, printed and written to --out), PNG plots.

Requests (benchmarks/data/faithfulness_wordings.json, held-out wordings written for this benchmark):
  single         each of the 6 poles in two wordings (questions, statements of what the user values)
  registers      each pole in registers training never saw: "Generate a response that ...", first person
                 ("I'm ... so ..."), terse ("short pls")
  combinations   the 8 three-pole requests (one pole per dimension)
Each request is paired with --per-request prompts of the split, rotating so that different wordings
meet different prompts. Greedy decoding, --max-new-tokens 128, top-k 10 by default.

Strategies (--variants; `RM:GUARD[@W]` for PAD, RM = tf | v1 | a --persrm NAME; GUARD = off | default |
tokens joined by '+' (after 'default' too): mpX (min_p), eos (EOS candidate), ngN (no-repeat n-gram), ebX (EOS
bonus where the reward prefers ending), erX (EOS from outside the top-k needs Σ w·r(EOS) >= X), escR (the n-gram
rule's loop escape after R looping tokens; esc0: off), pib (preference in base), exW (plus one reward term per
requested pole: that pole's expert from --experts, shown the preference, against the base, at weight W; MOD-style
sum with the PersRM's term)):
  base, prompt, pad-tf (training-free PAD), pad-v1 (shipped PersRM, authors' step), pad-v1+guard
  (DecodingConfig's default guard), and for every --persrm NAME=DIR: pad-NAME, pad-NAME+guard.

Per strategy and pole: win rate vs base and vs prompting on the pole's transparent judge (words,
Flesch-Kincaid grade, VADER; ties count ½); on-topic (MiniLM cosine of question and answer); fluency
(perplexity of the answer under the base model given the bare question, median); degenerate share
(see `degenerate_reason`); share of answers that end by EOS rather than the token cap. For the tone poles also
the win vs base judged per sentence (`sentence_tone`) and the answer's length against the base's, since the
whole-answer VADER compound rewards length for "warm" and brevity for "blunt".
Single and three-pole cells also get a 95 % bootstrap interval, and every strategy the paired difference from
--reference (default: the first PAD strategy) over the same requests: cells hold 16–32 answers, so a difference
between two models is worth acting on only where its interval leaves 0.

    python benchmarks/faithfulness.py --quick --threads 1                       # held-out, ~15 min
    python benchmarks/faithfulness.py --split train --quick --variants base,prompt,v1:off,v1:mp0.1+eos+ng3
    python benchmarks/faithfulness.py --persrm v2=runs/persrm_v2 --images docs/images
    python benchmarks/faithfulness.py --intervals runs/faithfulness --reference prompt   # tables of a finished run
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

from personalign.decoding import GUARD_OFF  # noqa: E402  (after the environment: it loads transformers)

HERE = Path(__file__).resolve().parent
WORDINGS = HERE / "data" / "faithfulness_wordings.json"
SETS = ("single", "registers", "combinations")

# --------------------------------------------------------------------------------- answer checks
_WORDS = re.compile(r"\w+(?:'\w+)?")


def words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def repeated_trigram_share(text: str) -> float:
    """Share of the answer's word trigrams that repeat an earlier trigram (0 for fewer than 3 trigrams)."""
    w = words(text)
    grams = [tuple(w[i:i + 3]) for i in range(len(w) - 2)]
    if len(grams) < 3:
        return 0.0
    return 1.0 - len(set(grams)) / len(grams)


def looping(text: str) -> bool:
    """A loop: many repeated trigrams, or one non-empty line said three times or more."""
    lines = [line.strip().lower() for line in text.splitlines() if line.strip()]
    return repeated_trigram_share(text) > 0.15 or any(lines.count(line) >= 3 for line in set(lines))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentence_tone(text: str) -> float:
    """Mean VADER compound over the answer's sentences of 3+ words (the whole text when it has none).

    The tone judge scores the whole answer, and VADER's compound sums the valence of all its words before
    squashing the sum, so with the same kind of wording a shorter answer reads as blunter and a longer one as
    warmer. Averaged per sentence, the score no longer grows with length: a tone win that holds here comes
    from the wording.
    """
    from personalign.dimensions import DIMENSIONS

    judge = DIMENSIONS["tone"].judge
    sentences = [s for s in _SENTENCE_END.split(text) if len(words(s)) >= 3] or [text]
    return statistics.fmean(judge.score(s) for s in sentences)


def off_language(text: str) -> bool:
    """Not in the prompts' language (English): under 90% of its letters are ASCII, or no letters at all."""
    letters = [c for c in text if c.isalpha()]
    return not letters or sum(c.isascii() for c in letters) / len(letters) < 0.9


def degenerate_reason(text: str, finish_reason: str | None) -> str | None:
    """Why an answer is degenerate, or None: empty (< 3 words), language, repetitive (> 30% of word
    trigrams repeated) or runaway (hit the token cap while looping)."""
    if len(words(text)) < 3:
        return "empty"
    if off_language(text):
        return "language"
    if repeated_trigram_share(text) > 0.30:
        return "repetitive"
    if finish_reason == "length" and looping(text):
        return "runaway"
    return None


def win(score: float, reference: float) -> float:
    return 1.0 if score > reference else 0.5 if score == reference else 0.0


def win_rate(scores, references) -> float | None:
    pairs = list(zip(scores, references))
    return sum(win(s, r) for s, r in pairs) / len(pairs) if pairs else None


# --------------------------------------------------------------------------------- requests
@dataclass(frozen=True)
class Request:
    set: str
    label: str                 # the pole, "register/pole", or the combination
    poles: tuple[str, ...]
    wording: str


def load_requests(path: Path = WORDINGS, sets=SETS) -> list[Request]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    if "single" in sets:
        out += [Request("single", pole, (pole,), w) for pole, ws in data["single"].items() for w in ws]
    if "registers" in sets:
        out += [Request("registers", f"{reg}/{pole}", (pole,), w)
                for reg, by_pole in data["registers"].items() for pole, w in by_pole.items()]
    if "combinations" in sets:
        out += [Request("combinations", combo, tuple(combo.split("+")), w)
                for combo, w in data["combinations"].items()]
    return out


def pair_rows(requests: list[Request], prompts: list[str], per_request: int) -> list[tuple[Request, str]]:
    """Each request meets `per_request` prompts; consecutive requests start further along the list."""
    rows = []
    for j, req in enumerate(requests):
        start = (j * per_request) % len(prompts)
        rows += [(req, prompts[(start + i) % len(prompts)]) for i in range(min(per_request, len(prompts)))]
    return rows


# --------------------------------------------------------------------------------- variants
@dataclass(frozen=True)
class Variant:
    name: str
    kind: str                      # base | prompt | pad
    rm: str | None = None          # tf | v1 | --persrm NAME
    weight: float | None = None    # None: the reward model's recommended weight
    guard: tuple = ()              # DecodingConfig guard fields (sorted items)
    preference_in_base: bool = False
    expert_weight: float = 0.0     # > 0: plus one reward term per requested pole, its pole expert at this w

    def overrides(self) -> dict:
        out = dict(self.guard)
        if self.kind == "pad":
            out["preference_in_base"] = self.preference_in_base
        return out


def default_guard() -> dict:
    from personalign.decoding import DecodingConfig

    cfg = DecodingConfig()
    return {k: getattr(cfg, k) for k in GUARD_OFF}


def parse_variant(spec: str, rms: set[str]) -> Variant:
    spec = spec.strip()
    if spec in ("base", "prompt"):
        return Variant(spec, spec)
    rm, _, rest = spec.partition(":")
    guard_spec, _, w = (rest or "off").partition("@")
    if rm not in rms:
        raise SystemExit(f"error: variant {spec!r}: unknown reward model {rm!r} (known: {', '.join(sorted(rms))})")
    guard, pib, ex = dict(GUARD_OFF), False, 0.0
    tokens = guard_spec.split("+")
    if tokens[0] == "default":
        guard, tokens = default_guard(), tokens[1:]
    elif guard_spec == "off":
        tokens = []
    for token in tokens:
        if token.startswith("mp"):
            guard["min_p"] = float(token[2:])
        elif token == "eos":
            guard["eos_candidate"] = True
        elif token.startswith("ng"):
            guard["no_repeat_ngram"] = int(token[2:])
        elif token.startswith("eb"):
            guard["eos_bonus"] = float(token[2:])
        elif token.startswith("er"):
            guard["eos_min_reward"] = float(token[2:])
        elif token.startswith("esc"):
            guard["loop_escape"] = int(token[3:])
        elif token == "pib":
            pib = True
        elif token.startswith("ex"):
            ex = float(token[2:])
        else:
            raise SystemExit(f"error: variant {spec!r}: unknown guard token {token!r}")
    label = f"pad-{rm}" + ("" if guard_spec == "off" else "+guard" if guard_spec == "default" else f"[{guard_spec}]")
    weight = float(w) if w else None
    if weight is not None:
        label += f"@w{weight:g}"
    return Variant(label, "pad", rm, weight, tuple(sorted(guard.items())), pib, ex)


def default_variants(extra: list[str]) -> list[str]:
    out = ["base", "prompt", "tf:off@1", "v1:off", "v1:default"]
    for name in extra:
        out += [f"{name}:off", f"{name}:default"]
    return out


# --------------------------------------------------------------------------------- generation
@dataclass
class Answers:
    texts: list[str] = field(default_factory=list)
    token_ids: list[list[int]] = field(default_factory=list)
    finish: list[str] = field(default_factory=list)
    seconds: float = 0.0


def generate(engine, variant: Variant, prompts: list[str], prefs: list[str] | None, args, progress,
             poles: list[tuple[str, ...]] | None = None, experts=None) -> Answers:
    if variant.expert_weight:
        return generate_with_experts(engine, variant, prompts, prefs, args, progress, poles, experts)
    out = Answers()
    t0 = time.perf_counter()
    for s in range(0, len(prompts), args.batch_size):
        chunk = prompts[s:s + args.batch_size]
        kwargs = dict(strategy=variant.kind, max_new_tokens=args.max_new_tokens, top_k=args.top_k,
                      **variant.overrides())
        if variant.weight is not None:
            kwargs["weight"] = variant.weight
        result = engine.generate(chunk, preference=prefs[s:s + len(chunk)] if prefs else None, **kwargs)
        out.texts += result.texts
        out.token_ids += [list(o.token_ids) for o in result.outputs]
        out.finish += [o.finish_reason for o in result.outputs]
        progress.update(len(chunk))
    out.seconds = time.perf_counter() - t0
    return out


def generate_with_experts(engine, variant: Variant, prompts, prefs, args, progress, poles, experts) -> Answers:
    """PAD whose reward is the PersRM's term plus one term per requested pole: that pole's expert (a DPO-trained
    LoRA, shown the preference) against the base, each at `variant.expert_weight` (MOD-style sum)."""
    from personalign.decoding import RewardTerm

    out = Answers([None] * len(prompts), [None] * len(prompts), [None] * len(prompts))
    t0 = time.perf_counter()
    by_poles: dict = {}
    for i, ps in enumerate(poles):
        by_poles.setdefault(ps, []).append(i)
    w = variant.weight if variant.weight is not None else engine.default_weight
    for ps, idx in by_poles.items():
        for s in range(0, len(idx), args.batch_size):
            rows = idx[s:s + args.batch_size]
            chunk, chunk_prefs = [prompts[i] for i in rows], [prefs[i] for i in rows]
            terms = [RewardTerm(chunk_prefs, w)]
            terms += [RewardTerm(chunk_prefs, variant.expert_weight, model=experts(p)) for p in ps]
            result = engine.generate(chunk, preference=chunk_prefs, terms=terms, strategy="pad",
                                     max_new_tokens=args.max_new_tokens, top_k=args.top_k, **variant.overrides())
            for i, o in zip(rows, result.outputs):
                out.texts[i], out.token_ids[i], out.finish[i] = o.text, list(o.token_ids), o.finish_reason
            progress.update(len(rows))
    out.seconds = time.perf_counter() - t0
    return out


def expert_models(base, directory: Path):
    """pole -> a LoadedModel of that pole's expert (a PEFT model over a shell of the base), made on first use."""
    from peft import PeftModel

    from personalign.models import LoadedModel
    from personalign.models.shell import quiet_peft, shell_copy

    made: dict = {}

    def get(pole: str):
        if pole not in made:
            with quiet_peft():
                model = PeftModel.from_pretrained(shell_copy(base.model), str(directory / pole), is_trainable=False)
            made[pole] = LoadedModel(model=model.eval(), tokenizer=base.tokenizer, name=f"expert-{pole}")
        return made[pole]
    return get


# Guard options added after answers were first stored, at the value that leaves the step as it was.
LATER_GUARD_OPTIONS = {"eos_min_reward": None, "loop_escape": 0}


def generation_key(variant: Variant, inputs: list, args, model: str, rm_id: str | None) -> str:
    """Everything that decides a strategy's greedy answers, as one string (a guard option added later is absent at
    its neutral value, so answers of runs made before the option existed are reused)."""
    fields = {k: v for k, v in asdict(variant).items() if k != "name"}
    fields["guard"] = [item for item in fields["guard"] if LATER_GUARD_OPTIONS.get(item[0], ...) != item[1]]
    return json.dumps({"variant": fields, "model": model,
                       "reward_model": rm_id, "max_new_tokens": args.max_new_tokens, "top_k": args.top_k,
                       "inputs": inputs}, sort_keys=True)


def reward_model_identity(path: str | Path) -> str:
    """A saved PersRM named by its files' contents (not the model card), so that answers generated from another
    checkout or copy of the same files are reused; a name that is no folder is kept as it is ("base")."""
    folder = Path(path)
    if not folder.is_dir():
        return str(path)
    digest = hashlib.sha256()
    for file in sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix != ".md"):
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0" + file.read_bytes())
    return f"sha256:{digest.hexdigest()}"


def load_generations(folders: list[Path]) -> dict[str, Answers]:
    out, identities = {}, {}  # one hash per PersRM folder, however many stored strategies name it
    for folder in folders:
        path = folder / "faithfulness_generations.jsonl"
        if not path.is_file():
            raise SystemExit(f"error: --reuse {folder}: no faithfulness_generations.jsonl there")
        for line in path.read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            key = json.loads(g.pop("key"))
            # Runs before the content identity keyed the PersRM by its folder: still readable where it exists.
            rm = key.get("reward_model")
            if rm and not rm.startswith("sha256:"):
                if rm not in identities:
                    identities[rm] = reward_model_identity(rm)
                key["reward_model"] = identities[rm]
            out[json.dumps(key, sort_keys=True)] = Answers(**g)
    return out


def perplexities(base, questions: list[str], answers: Answers, eos_ids: set[int]) -> list[float | None]:
    """exp(−mean log p) of each answer's tokens under the base model given the bare question."""
    from personalign.models import render_chat
    from personalign.models.batching import answer_token_logprobs

    ids = [[t for t in row if t not in eos_ids] for row in answers.token_ids]
    contexts = [render_chat(base.tokenizer, q) for q in questions]
    pad = base.tokenizer.pad_token_id if base.tokenizer.pad_token_id is not None else base.tokenizer.eos_token_id
    logps = answer_token_logprobs(base.model, contexts, ids, pad, batch_size=16, device=base.device)
    return [math.exp(-float(lp.mean())) if len(lp) else None for lp in logps]


# --------------------------------------------------------------------------------- scoring
def score_rows(rows, answers: Answers, base_ans: dict, prompt_ans: Answers | None, on_topic, ppl) -> list[dict]:
    from personalign.dimensions import DIMENSIONS

    dim_of = {p: d for d, dim in DIMENSIONS.items() for p in dim.poles}
    out = []
    for i, (req, q) in enumerate(rows):
        text, b = answers.texts[i], base_ans[q]
        rec = {"set": req.set, "label": req.label, "poles": list(req.poles), "wording": req.wording, "question": q,
               "answer": text, "finish": answers.finish[i], "on_topic": on_topic[i], "ppl": ppl[i],
               "degenerate": degenerate_reason(text, answers.finish[i]), "pole": {}}
        for pole in req.poles:
            dim = DIMENSIONS[dim_of[pole]]
            s = dim.pole_score(text, pole)
            entry = {"score": s, "vs_base": win(s, dim.pole_score(b["text"], pole)),
                     "shift": (s - dim.pole_score(b["text"], pole)) / dim.margin}
            if prompt_ans is not None:
                entry["vs_prompt"] = win(s, dim.pole_score(prompt_ans.texts[i], pole))
            if dim.name == "tone":
                sign = dim.direction(pole)
                entry["vs_base_sentence"] = win(sign * sentence_tone(text), sign * sentence_tone(b["text"]))
                entry["words_vs_base"] = len(words(text)) / max(1, len(words(b["text"])))
            rec["pole"][pole] = entry
        out.append(rec)
    return out


def summarize(recs: list[dict], groups) -> dict:
    """Per group (set, key) → win rates, shift, on-topic, median ppl, degenerate and EOS shares."""
    out = {}
    for (set_name, key), pole, members in groups(recs):
        if not members:
            continue
        poles = [m["pole"][pole] for m in members] if pole else []
        ppls = [m["ppl"] for m in members if m["ppl"] is not None]
        entry = {"n": len(members),
                 "on_topic": statistics.fmean(m["on_topic"] for m in members),
                 "ppl_median": statistics.median(ppls) if ppls else None,
                 "degenerate": sum(m["degenerate"] is not None for m in members) / len(members),
                 "eos": sum(m["finish"] == "eos" for m in members) / len(members)}
        if poles:
            entry["win_base"] = statistics.fmean(p["vs_base"] for p in poles)
            entry["shift"] = statistics.median(p["shift"] for p in poles)
            if "vs_prompt" in poles[0]:
                entry["win_prompt"] = statistics.fmean(p["vs_prompt"] for p in poles)
            if "vs_base_sentence" in poles[0]:
                entry["win_base_sentence"] = statistics.fmean(p["vs_base_sentence"] for p in poles)
                entry["words_vs_base"] = statistics.median(p["words_vs_base"] for p in poles)
        out.setdefault(set_name, {})[key] = entry
    return out


def groups(recs):
    """(set, key) groups: per pole in every set, per register, per combination, and 'all'."""
    by_pole: dict = {}
    for r in recs:
        for pole in r["poles"]:
            by_pole.setdefault((r["set"], pole), []).append(r)
            if r["set"] == "registers":
                by_pole.setdefault(("registers:" + r["label"].split("/")[0], pole), []).append(r)
    for (s, pole), members in by_pole.items():
        yield (s, pole), pole, members
    combos: dict = {}
    for r in recs:
        if r["set"] == "combinations":
            combos.setdefault(r["label"], []).append(r)
    for label, members in combos.items():
        yield ("combination", label), None, members
    yield ("all", "all"), None, recs


# --------------------------------------------------------------------------------- report
POLE_ORDER = ("concise", "detailed", "simple", "expert", "blunt", "warm")
TARGETS = {"win_single": 0.75, "win_combo": 0.65, "on_topic_drop": 0.05, "ppl_ratio": 1.5, "degenerate": 0.05,
           "concise_eos": 0.95}


def _f(v, fmt=".2f") -> str:
    return "–" if v is None else format(v, fmt)


def targets(summary: dict, base: dict) -> dict:
    """The issue's targets for one PAD strategy; each is (value, passed)."""
    single, combo = summary.get("single", {}), summary.get("combinations", {})
    out = {}
    if single:
        worst = min(single[p]["win_base"] for p in single)
        out["single-pole win vs base (min)"] = (worst, worst >= TARGETS["win_single"])
    if combo:
        worst = min(combo[p]["win_base"] for p in combo)
        out["three-pole win vs base (min)"] = (worst, worst >= TARGETS["win_combo"])
    a, b = summary["all"]["all"], base["all"]["all"]
    out["on-topic vs base"] = (a["on_topic"] - b["on_topic"],
                               a["on_topic"] >= b["on_topic"] - TARGETS["on_topic_drop"])
    ratio = a["ppl_median"] / b["ppl_median"] if a["ppl_median"] and b["ppl_median"] else None
    out["median ppl / base"] = (ratio, ratio is not None and ratio <= TARGETS["ppl_ratio"])
    cells = [v["degenerate"] for s, g in summary.items() if s in ("single", "registers", "combinations", "combination")
             for v in g.values()]
    out["degenerate (max per pole/combination)"] = (max(cells), max(cells) <= TARGETS["degenerate"])
    concise = [g["concise"]["eos"] for s, g in summary.items() if s in SETS and "concise" in g]
    if concise:
        out["concise ends by EOS (min)"] = (min(concise), min(concise) >= TARGETS["concise_eos"])
    return out


INTERVAL_SETS = ("single", "combinations")


def intervals(records: dict[str, list[dict]], reference: str | None, n_boot: int = 1000) -> dict:
    """Per strategy (but "base"), target set and pole: win vs base with a 95 % percentile-bootstrap interval over
    its requests; and, for every strategy but `reference`, the paired difference from `reference` (same requests,
    row by row) with its interval. Cells hold 16 or 32 requests: one flipped answer moves a cell by 0.03–0.06, so a
    change between two models means something only where this interval leaves 0."""
    from personalign.eval import bootstrap_ci

    if reference is not None and reference not in records:
        raise SystemExit(f"error: reference strategy {reference!r} is not in the run ({', '.join(records)})")
    ref = records.get(reference)
    ref_requests = [(r["question"], r["wording"]) for r in ref] if ref is not None else None
    out = {}
    for name, recs in records.items():
        if name == "base":
            continue
        if ref is not None and [(r["question"], r["wording"]) for r in recs] != ref_requests:
            raise SystemExit(f"error: {name!r} and {reference!r} answered different requests; no paired difference")
        cells = {}
        for set_name in INTERVAL_SETS:
            for pole in POLE_ORDER:
                rows = [i for i, r in enumerate(recs) if r["set"] == set_name and pole in r["pole"]]
                if not rows:
                    continue
                cell = {"win_base": bootstrap_ci([recs[i]["pole"][pole]["vs_base"] for i in rows],
                                                 n_boot=n_boot).to_dict()}
                if ref is not None and name != reference:
                    cell["minus_reference"] = bootstrap_ci(
                        [recs[i]["pole"][pole]["vs_base"] - ref[i]["pole"][pole]["vs_base"] for i in rows],
                        n_boot=n_boot).to_dict()
                cells.setdefault(set_name, {})[pole] = cell
        out[name] = cells
    return out


def intervals_markdown(table: dict, reference: str | None) -> str:
    def ci(c, fmt) -> str:
        return f"{_f(c['estimate'], fmt)} [{_f(c['low'], fmt)}, {_f(c['high'], fmt)}]"

    lines = []
    for key, title, fmt in (("win_base", "win rate vs base, 95 % bootstrap interval over requests", ".2f"),
                            ("minus_reference", f"paired difference in win rate vs base from {reference}", "+.2f")):
        for set_name in INTERVAL_SETS:
            names = [n for n in table if any(key in c for c in table[n].get(set_name, {}).values())]
            if not names:
                continue
            poles = [p for p in POLE_ORDER if any(p in table[n].get(set_name, {}) for n in names)]
            lines += [f"## {set_name}: {title}", "", "| strategy | " + " | ".join(poles) + " |",
                      "|---" * (len(poles) + 1) + "|"]
            lines += [f"| {n} | " + " | ".join(ci(table[n][set_name][p][key], fmt) if p in table[n][set_name] else "–"
                                               for p in poles) + " |" for n in names]
            lines.append("")
    return "\n".join(lines)


def read_answers(folder: Path) -> dict[str, list[dict]]:
    """An earlier run's scored answers (faithfulness_answers.jsonl), per strategy in the run's order."""
    path = folder / "faithfulness_answers.jsonl"
    if not path.is_file():
        raise SystemExit(f"error: --intervals {folder}: no faithfulness_answers.jsonl there")
    out: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.setdefault(rec.pop("strategy"), []).append(rec)
    return out


def default_reference(names) -> str | None:
    """The first PAD strategy of the run: what the others are compared with."""
    return next((n for n in names if n.startswith("pad-")), None)


def markdown(report: dict) -> str:
    names = list(report["strategies"])
    lines = [f"# Faithfulness benchmark — {report['split']} split", "",
             f"{report['model']}; {report['prompts']} prompts × {report['per_request']} per request; greedy, "
             f"{report['max_new_tokens']} new tokens, top-k {report['top_k']}; "
             f"{report['rows']} requests per strategy.", ""]
    for set_name in SETS:
        poles = [p for p in POLE_ORDER
                 if any(p in report["strategies"][n]["summary"].get(set_name, {}) for n in names)]
        if not poles:
            continue
        lines += [f"## {set_name}: win rate vs base / vs prompting per pole; quality", "",
                  "| strategy | " + " | ".join(poles)
                  + " | on-topic | median ppl | degenerate (max pole) | concise EOS |",
                  "|---" * (len(poles) + 5) + "|"]
        for n in names:
            s = report["strategies"][n]["summary"].get(set_name, {})
            cells = [f"{_f(s[p].get('win_base'))} / {_f(s[p].get('win_prompt'))}" if p in s else "–" for p in poles]
            allrows = [s[p] for p in s]
            on_topic = statistics.fmean(v["on_topic"] for v in allrows) if allrows else None
            ppl = [v["ppl_median"] for v in allrows if v["ppl_median"] is not None]
            lines.append(f"| {n} | " + " | ".join(cells) + f" | {_f(on_topic, '.3f')} | "
                         f"{_f(statistics.median(ppl) if ppl else None)} | "
                         f"{_f(max((v['degenerate'] for v in allrows), default=None))} | "
                         f"{_f(s.get('concise', {}).get('eos'))} |")
        lines.append("")
    combos = sorted({c for n in names for c in report["strategies"][n]["summary"].get("combination", {})})
    if combos:
        lines += ["## degenerate share per three-pole combination", "",
                  "| strategy | " + " | ".join(combos) + " |", "|---" * (len(combos) + 1) + "|"]
        for n in names:
            s = report["strategies"][n]["summary"].get("combination", {})
            lines.append(f"| {n} | " + " | ".join(_f(s.get(c, {}).get("degenerate")) for c in combos) + " |")
        lines.append("")
    tone_sets = [(set_name, pole) for set_name in SETS for pole in ("blunt", "warm")
                 if any("win_base_sentence" in report["strategies"][n]["summary"].get(set_name, {}).get(pole, {})
                        for n in names)]
    if tone_sets:
        lines += ["## tone: win vs base on the whole answer / per sentence (words vs base, median ratio)", "",
                  "The tone judge's VADER compound grows with length; per sentence it does not (`sentence_tone`). A",
                  "win that holds only on the whole answer comes from the answer's length, not its wording.", "",
                  "| strategy | " + " | ".join(f"{s} {p}" for s, p in tone_sets) + " |",
                  "|---" * (len(tone_sets) + 1) + "|"]
        for n in names:
            s = report["strategies"][n]["summary"]
            cells = [s.get(set_name, {}).get(pole, {}) for set_name, pole in tone_sets]
            lines.append(f"| {n} | " + " | ".join(
                f"{_f(c.get('win_base'))} / {_f(c.get('win_base_sentence'))} ({_f(c.get('words_vs_base'))})"
                if "win_base_sentence" in c else "–" for c in cells) + " |")
        lines.append("")
    lines += ["## overall", "", "| strategy | on-topic | median ppl | degenerate | ends by EOS | mean win vs base | "
              "mean win vs prompting | seconds |", "|---|---|---|---|---|---|---|---|"]
    for n in names:
        st = report["strategies"][n]
        a = st["summary"]["all"]["all"]
        lines.append(f"| {n} | {a['on_topic']:.3f} | {_f(a['ppl_median'])} | {a['degenerate']:.2f} | {a['eos']:.2f} | "
                     f"{_f(st.get('mean_win_base'))} | {_f(st.get('mean_win_prompt'))} | {st['seconds']:.0f} |")
    lines += ["", "## targets (issue #11)", "", "| strategy | " + " | ".join(next(
        (list(report["strategies"][n]["targets"]) for n in names if report["strategies"][n].get("targets")),
        [])) + " |"]
    header = next((list(report["strategies"][n]["targets"]) for n in names if report["strategies"][n].get("targets")),
                  [])
    lines.append("|---" * (len(header) + 1) + "|")
    for n in names:
        t = report["strategies"][n].get("targets")
        if t:
            lines.append(f"| {n} | " + " | ".join(f"{_f(t[k][0], '+.3f' if 'on-topic' in k else '.2f')} "
                                                  f"{'✓' if t[k][1] else '✗'}" for k in header) + " |")
    return "\n".join(lines) + "\n"


def plots(report: dict, folders: list[Path]) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [n for n in report["strategies"] if n != "base"]
    written = []
    fig, ax = plt.subplots(figsize=(7.5, 5))
    base = report["strategies"]["base"]["summary"]["all"]["all"]
    ax.scatter([base["on_topic"]], [0.5], c="black", marker="s")
    ax.annotate("base", (base["on_topic"], 0.5), fontsize=8, xytext=(4, 4), textcoords="offset points")
    for n in names:
        st = report["strategies"][n]
        a = st["summary"]["all"]["all"]
        color = "tab:red" if a["degenerate"] > TARGETS["degenerate"] else "tab:blue"
        ax.scatter([a["on_topic"]], [st["mean_win_base"]], c=color)
        ax.annotate(f"{n} (degen. {a['degenerate']:.2f})", (a["on_topic"], st["mean_win_base"]), fontsize=7,
                    xytext=(4, 4), textcoords="offset points")
    ax.axvline(base["on_topic"] - TARGETS["on_topic_drop"], color="grey", ls=":", lw=0.8)
    ax.set_xlabel("on-topic: MiniLM cosine of question and answer (mean)")
    ax.set_ylabel("style shift: mean win rate vs base over poles")
    ax.set_title(f"Style shift vs staying on topic ({report['split']} split; red: > 5% degenerate)", fontsize=10)
    fig.tight_layout()
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        fig.savefig(folder / "faithfulness_pareto.png", dpi=110)
        written.append(folder / "faithfulness_pareto.png")
    plt.close(fig)

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 6), sharex=True)
    width = 0.8 / max(1, len(names))
    for j, n in enumerate(names):
        s = report["strategies"][n]["summary"].get("single", {})
        xs = [i + (j - (len(names) - 1) / 2) * width for i in range(len(POLE_ORDER))]
        top.bar(xs, [s.get(p, {}).get("win_base", 0) for p in POLE_ORDER], width, label=n)
        bottom.bar(xs, [s.get(p, {}).get("degenerate", 0) for p in POLE_ORDER], width, label=n)
    top.axhline(0.75, color="green", ls=":", lw=0.8)
    top.axhline(0.5, color="grey", ls="--", lw=0.8)
    top.set_ylabel("win rate vs base")
    top.set_ylim(0, 1)
    bottom.axhline(TARGETS["degenerate"], color="red", ls=":", lw=0.8)
    bottom.set_ylabel("degenerate share")
    bottom.set_xticks(range(len(POLE_ORDER)), POLE_ORDER)
    top.legend(fontsize=7, ncol=3)
    top.set_title(f"Single poles, held-out wordings ({report['split']} split)", fontsize=10)
    fig.tight_layout()
    for folder in folders:
        fig.savefig(folder / "faithfulness_poles.png", dpi=110)
        written.append(folder / "faithfulness_poles.png")
    plt.close(fig)
    return written


# --------------------------------------------------------------------------------- main
def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    from personalign.models.loader import DEFAULT_MODEL
    from personalign.rewards.experts import DEFAULT_EXPERTS_DIR
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--persrm", action="append", default=[], metavar="NAME=DIR",
                        help="an extra PersRM to compare (repeatable), e.g. v2=runs/persrm_v2")
    parser.add_argument("--variants", default=None, help="comma-separated strategies (see the module doc); "
                        "default: base, prompt, tf:off@1, v1:off, v1:default and NAME:off, NAME:default per --persrm")
    parser.add_argument("--weights", default=None, help="comma-separated PAD weights: every PersRM variant without "
                        "an explicit @W is run at each")
    parser.add_argument("--split", default="heldout", choices=["heldout", "train"],
                        help="prompt split (train: for choosing defaults; heldout: the measurement)")
    parser.add_argument("--sets", default=",".join(SETS), help="request sets: " + ",".join(SETS))
    parser.add_argument("--prompts", type=int, default=None, help="distinct prompts (default: all of the split; "
                        "--quick: 12)")
    parser.add_argument("--per-request", type=int, default=None, help="prompts per request (default 8; --quick: 2)")
    parser.add_argument("--quick", action="store_true", help="12 prompts × 2 per request (~15 min on 1 thread)")
    parser.add_argument("--experts", default=str(DEFAULT_EXPERTS_DIR),
                        help="pole experts for variants with an exW token (default: the shipped ones)")
    parser.add_argument("--max-new-tokens", type=int, default=128)
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out", default="runs/faithfulness")
    parser.add_argument("--reuse", action="append", default=[], metavar="DIR",
                        help="reuse the answers of an earlier run's --out DIR for every strategy whose settings, "
                        "reward model (its files' contents, wherever they lie) and requests are identical "
                        "(repeatable)")
    parser.add_argument("--images", default=None, help="also write the PNG plots here (e.g. docs/images)")
    parser.add_argument("--reference", default=None,
                        help="strategy the others' paired differences are taken from (default: the first PAD one)")
    parser.add_argument("--intervals", default=None, metavar="DIR",
                        help="only print the interval tables of an earlier run's --out DIR (no model is loaded)")
    args = parser.parse_args(argv)
    if args.intervals:
        records = read_answers(Path(args.intervals))
        reference = args.reference or default_reference(records)
        table = intervals(records, reference)
        print(intervals_markdown(table, reference))
        return {"intervals": table, "reference": reference}

    import torch

    torch.set_num_threads(args.threads)
    from tqdm import tqdm

    from personalign.decoding import Engine
    from personalign.models import load
    from personalign.models.embeddings import Embedder
    from personalign.rewards.persrm import PersRM, default_persrm_path
    from personalign.rewards.prompts import load_prompts

    extra = {}
    for item in args.persrm:
        name, sep, path = item.partition("=")
        if not sep or not name or not path or name in ("tf", "v1", "base", "prompt"):
            parser.error(f"--persrm wants NAME=DIR with a new NAME, got {item!r}")
        extra[name] = path
    specs = args.variants.split(",") if args.variants else default_variants(list(extra))
    rms = {"tf", "v1", *extra}
    variants = [parse_variant(s, rms) for s in specs if s.strip()]
    if args.weights:
        weights = [float(w) for w in args.weights.split(",")]
        variants = [v for u in variants for v in (
            [Variant(f"{u.name}@w{w:g}", u.kind, u.rm, w, u.guard, u.preference_in_base) for w in weights]
            if u.kind == "pad" and u.rm != "tf" and u.weight is None else [u])]
    if not any(v.kind == "base" for v in variants):
        variants.insert(0, Variant("base", "base"))
    if not any(v.kind == "prompt" for v in variants):
        variants.insert(1, Variant("prompt", "prompt"))
    sets = [s for s in args.sets.split(",") if s]
    if not sets or set(sets) - set(SETS):
        parser.error(f"--sets must name some of {','.join(SETS)}")

    n_prompts = args.prompts or (12 if args.quick else None)
    per_request = args.per_request or (2 if args.quick else 8)
    pool = [p.prompt for p in load_prompts(args.split)]
    if n_prompts:
        step = max(1, len(pool) // n_prompts)
        pool = pool[::step][:n_prompts]
    rows = pair_rows(load_requests(sets=sets), pool, per_request)
    questions, prefs = [q for _, q in rows], [r.wording for r, _ in rows]

    t_load = time.perf_counter()
    base = load(args.model)
    reward_models = {"v1": PersRM.from_pretrained(default_persrm_path(), base=base)}
    reward_models.update({n: PersRM.from_pretrained(p, base=base) for n, p in extra.items()})
    rm_ids = {"tf": "base", "v1": reward_model_identity(default_persrm_path()),
              **{n: reward_model_identity(p) for n, p in extra.items()}}
    plain = Engine(base)
    experts = expert_models(base, Path(args.experts))
    engines = {"tf": plain, **{n: Engine(base, reward_model=m) for n, m in reward_models.items()}}
    print(f"loaded {base.name} and {len(reward_models)} PersRM(s) in {time.perf_counter() - t_load:.0f} s; "
          f"{len(rows)} requests × {len(variants)} strategies ({len(pool)} {args.split} prompts)", file=sys.stderr)

    embedder = Embedder(num_threads=args.threads)
    q_vecs = dict(zip(pool, embedder.embed(pool)))
    total = len(pool) + len(rows) * (len(variants) - 1)
    answers: dict[str, Answers] = {}
    cached = load_generations([Path(d) for d in args.reuse])
    generations = []
    with tqdm(total=total, unit="answer", file=sys.stderr, smoothing=0.05) as progress:
        for v in variants:
            progress.set_description(v.name)
            inputs = [[q, None] for q in pool] if v.kind == "base" else [list(x) for x in zip(questions, prefs)]
            key = generation_key(v, inputs, args, base.name, rm_ids.get(v.rm))
            if key in cached:
                answers[v.name] = cached[key]
                progress.update(len(inputs))
            elif v.kind == "base":
                answers[v.name] = generate(plain, v, pool, None, args, progress)
            else:
                answers[v.name] = generate(engines[v.rm] if v.kind == "pad" else plain, v, questions, prefs, args,
                                           progress, [r.poles for r, _ in rows], experts)
            generations.append({"key": key, **asdict(answers[v.name])})

    base_name = next(v.name for v in variants if v.kind == "base")
    prompt_name = next(v.name for v in variants if v.kind == "prompt")
    base_ans = answers[base_name]
    base_by_q = {q: {"text": t, "finish": f} for q, t, f in zip(pool, base_ans.texts, base_ans.finish)}
    base_ppl = dict(zip(pool, perplexities(base, pool, base_ans, plain.eos_ids)))
    base_topic = {q: float(q_vecs[q] @ v) for q, v in zip(pool, embedder.embed(base_ans.texts))}
    # Base rows: the base answer for each request's prompt, so its shares cover the same questions.
    base_rows = Answers([base_by_q[q]["text"] for q in questions], [], [base_by_q[q]["finish"] for q in questions])
    base_recs = score_rows(rows, base_rows, base_by_q, None, [base_topic[q] for q in questions],
                           [base_ppl[q] for q in questions])
    report = {"model": base.name, "split": args.split, "prompts": len(pool), "per_request": per_request,
              "rows": len(rows), "sets": sets, "max_new_tokens": args.max_new_tokens, "top_k": args.top_k,
              "threads": torch.get_num_threads(), "persrms": {"v1": str(default_persrm_path()), **extra},
              "default_guard": default_guard(), "strategies": {}}
    report["strategies"][base_name] = {"variant": asdict(next(v for v in variants if v.kind == "base")),
                                       "seconds": base_ans.seconds, "summary": summarize(base_recs, groups)}
    base_summary = report["strategies"][base_name]["summary"]
    records = {}
    for v in variants:
        if v.kind == "base":
            continue
        a = answers[v.name]
        topic = [float(q_vecs[q] @ e) for q, e in zip(questions, embedder.embed(a.texts))]
        recs = score_rows(rows, a, base_by_q, answers[prompt_name] if v.kind != "prompt" else None, topic,
                          perplexities(base, questions, a, plain.eos_ids))
        summary = summarize(recs, groups)
        pole_cells = [g for s, gs in summary.items() if s in SETS for g in gs.values()]
        entry = {"variant": asdict(v), "seconds": a.seconds, "summary": summary,
                 "mean_win_base": statistics.fmean(g["win_base"] for g in pole_cells),
                 "mean_win_prompt": (statistics.fmean(g["win_prompt"] for g in pole_cells)
                                     if v.kind != "prompt" else None)}
        if v.kind == "pad":
            entry["targets"] = targets(summary, base_summary)
        report["strategies"][v.name] = entry
        records[v.name] = recs
    records[base_name] = base_recs
    report["reference"] = args.reference or default_reference(report["strategies"])
    report["intervals"] = intervals(records, report["reference"])

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "faithfulness.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    with (out / "faithfulness_generations.jsonl").open("w", encoding="utf-8") as fh:
        for g in generations:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    with (out / "faithfulness_answers.jsonl").open("w", encoding="utf-8") as fh:
        for name, recs in records.items():
            for r in recs:
                fh.write(json.dumps({"strategy": name, **r}, ensure_ascii=False) + "\n")
    md = markdown(report) + "\n" + intervals_markdown(report["intervals"], report["reference"])
    (out / "faithfulness.md").write_text(md, encoding="utf-8")
    print(md)
    written = plots(report, [out] + ([Path(args.images)] if args.images else []))
    print(f"report: {out / 'faithfulness.json'}, {out / 'faithfulness.md'}; answers: "
          f"{out / 'faithfulness_answers.jsonl'}; plots: {', '.join(map(str, written))}")
    return report


if __name__ == "__main__":
    main()
