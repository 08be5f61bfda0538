"""Pair synthesis: cleaning, pairing rules, wordings, determinism; generation is a scripted fake here
(test_synth_cli.py runs the real engine with a tiny model)."""
import random
import zlib

import pytest

from personalign.dimensions import DIMENSIONS, judge_all
from personalign.errors import ConfigError, PersonalignError
from personalign.rewards import preferences as P
from personalign.rewards.synth import (
    Candidate,
    Completion,
    PromptItem,
    SynthConfig,
    best_pairs,
    clean_candidate,
    dimension_label,
    load_candidates,
    pairs_from_candidates,
    parse_target,
    plan_candidates,
    synthesize,
    target_key,
    write_candidates,
)

NEUTRAL = [
    "The usual approach starts with the basic facts of the matter.",
    "Most sources describe the process as a series of ordinary steps.",
    "The result depends on the materials and the time available.",
    "People often check the outcome before they continue with the task.",
    "A common method relies on patience and a little planning.",
    "The details differ from place to place and from case to case.",
    "Some steps can be done in advance to save time later.",
    "Records from earlier attempts show what usually works.",
    "The final check makes sure nothing important was forgotten.",
    "Small changes in the method can lead to different results.",
]
SIMPLE = "It is fun. You can do it. It is not hard. Try it now."
EXPERT = ("Consequently, the multidimensional characterization of the phenomenon necessitates "
          "sophisticated quantitative methodological considerations regarding heterogeneous variability.")
WARM = "Great question! I love helping you, and you are doing a wonderful job. Good luck, friend!"
BLUNT = "Wrong approach causes failure. Mistakes are costly and bad."

def _asked_for(steering):
    """The poles a steering instruction (single or combined) names."""
    return {pole for pole in P.poles() for s in P.steering_prompts(*pole)
            if s.strip("()").rstrip(".!")[1:] in steering}


def fake_generate(prompts, steering, seed):
    """A scripted 'model' that follows steering perfectly; texts vary with the seed and the prompt."""
    out = []
    for prompt, system in zip(prompts, steering):
        rng = random.Random(f"{seed}|{prompt}|{system}")
        want = _asked_for(system)
        sentences = rng.sample(NEUTRAL, 2)
        if ("length", "detailed") in want:
            sentences = rng.sample(NEUTRAL, 9)
        if ("length", "concise") in want:
            sentences = sentences[:1]
        if ("expertise", "simple") in want:
            sentences = [SIMPLE] + sentences[:-1] if len(sentences) > 1 else [SIMPLE]
        if ("expertise", "expert") in want:
            sentences = [EXPERT] + sentences[:-1] if len(sentences) > 1 else [EXPERT]
        if ("tone", "warm") in want:
            sentences = [WARM] + sentences
        if ("tone", "blunt") in want:
            sentences = [BLUNT] + sentences
        out.append(" ".join(sentences))
    return out


PROMPTS = [PromptItem(f"p{i}", text) for i, text in enumerate(
    ["How do I boil an egg?", "Why is the sea salty?", "What is a budget?", "How do I tie a tie?"])]


def test_fake_generator_reads_combined_steering():
    for a, b in P.combinations_of_poles():
        assert _asked_for(P.combo_steering(a, b, random.Random(1))) == {a, b}


def test_fake_generator_follows_steering():
    texts = fake_generate(["q"] * 2, [P.steering_prompts("length", "concise")[0],
                                      P.steering_prompts("length", "detailed")[0]], 0)
    assert len(texts[0].split()) + 30 < len(texts[1].split())


# ------------------------------------------------------------------------------------------ cleaning
@pytest.mark.parametrize("text,truncated,expected", [
    ("", False, "empty"),
    ("   \n ", False, "empty"),
    ("Yes", False, "empty"),
    ("The cat sat. " * 12, False, "repetitive"),
    ("Step one.\nStep one.\nStep one.\nDone now.", False, "repetitive"),
    ("Wait for it" + "!" * 20, False, "repetitive"),
    ("Paris is the capital of France.", False, "ok"),
    ("It is a city in France, famous for the Eiffel Tower and museums and good fo", True, "truncated"),
])
def test_clean_candidate_reasons(text, truncated, expected):
    assert clean_candidate(text, truncated)[1] == expected


def test_clean_trims_truncated_text_to_last_sentence():
    text = ("Boil water in a pot. Lower the eggs gently with a spoon. Cook them for nine minutes. "
            "Then cool them in cold wat")
    cleaned, status = clean_candidate(text, truncated=True)
    assert status == "ok"
    assert cleaned.endswith("Cook them for nine minutes.")
    # the same text when the model stopped on its own is left alone
    assert clean_candidate(text, truncated=False) == (text, "ok")


def test_clean_rejects_echo_of_steering_prompt():
    steering = P.steering_prompts("expertise", "simple")[0]
    echo = "Sure! I will explain it to a five-year-old with very simple words."
    assert clean_candidate(echo, False, steering)[1] == "echoes steering prompt"
    assert clean_candidate("Boil it for nine minutes.", False, steering)[1] == "ok"


# ------------------------------------------------------------------------------------------- targets
def test_target_keys_round_trip():
    for pole in P.poles():
        assert parse_target(target_key((pole,))) == (pole,)
    for combo in P.combinations_of_poles():
        assert parse_target(target_key(combo)) == combo
        assert dimension_label(combo) in {"length+expertise", "length+tone", "expertise+tone"}
    # combos parse to canonical order
    assert parse_target("tone:warm+length:concise") == (("length", "concise"), ("tone", "warm"))
    for bad in ("length", "length:warm", "a:b+c:d+e:f"):
        with pytest.raises(ConfigError):
            parse_target(bad)


def test_plan_covers_every_pole_and_rotates_combos():
    cfg = SynthConfig(candidates_per_pole=2, combo_candidates=3, seed=1)
    plan = plan_candidates(PROMPTS, cfg)
    assert len(plan) == len(PROMPTS) * (6 * 2 + 3)
    for item in PROMPTS:
        mine = [c for c in plan if c.prompt_id == item.id]
        for pole in P.poles():
            systems = [c.steering for c in mine if c.target == (pole,)]
            assert len(systems) == 2 and len(set(systems)) == 2  # different steering prompts
    combos = {c.target for c in plan if len(c.target) == 2}
    assert len(combos) == len(PROMPTS) * 3  # 12 distinct combos spread over 4 prompts
    # one chunk (4 prompts <= chunk_prompts): each target's candidates are contiguous
    keys = [target_key(c.target) for c in plan]
    assert all(keys.index(k) + keys.count(k) - 1 == len(keys) - 1 - keys[::-1].index(k) for k in set(keys))
    assert plan_candidates(PROMPTS, cfg) == plan
    # with chunks of 2 prompts, the first half of the plan covers exactly the first two prompts
    chunked = plan_candidates(PROMPTS, SynthConfig(candidates_per_pole=2, combo_candidates=3, seed=1, chunk_prompts=2))
    assert {c.prompt_id for c in chunked[:len(chunked) // 2]} == {"p0", "p1"}


def test_config_validation():
    for bad in (dict(candidates_per_pole=0), dict(batch_size=0), dict(combo_candidates=-1),
                dict(off_tolerance=0), dict(wording_split="test"), dict(pairs_per_target=True)):
        with pytest.raises(ConfigError):
            SynthConfig(**bad).validate()


# ------------------------------------------------------------------------------------------- pairing
def _cand(text, pid="p", target=(("length", "concise"),)):
    c = Candidate(pid, "q?", target, "(steer)", text=text, status="ok")
    c.scores = judge_all(text)
    return c


def test_best_pairs_needs_margin_and_limits_drift():
    short = _cand(NEUTRAL[0])
    long_neutral = _cand(" ".join(NEUTRAL[:6]))
    long_warm = _cand(WARM + " " + " ".join(NEUTRAL[:5]))
    cfg = SynthConfig()
    pairs = best_pairs([short, long_warm, long_neutral], (("length", "concise"),), cfg)
    # the warm long answer also differs in tone; the neutral one is the cleaner contrast
    assert pairs == [(short, long_neutral)]
    assert best_pairs([short, long_warm], (("length", "concise"),), SynthConfig(off_tolerance=0.5)) == []
    # below the margin: no pair
    assert best_pairs([_cand("Boil it."), _cand("Boil it for nine minutes in water.")],
                      (("length", "detailed"),), cfg) == []


def test_best_pairs_for_a_combination_needs_both_dimensions():
    short_warm = _cand("Great question! I love that the usual approach starts with the basic facts.")
    short_blunt = _cand("Failure is bad. The usual approach starts with the basic facts.")
    long_blunt = _cand(BLUNT + " " + " ".join(NEUTRAL[:6]))
    target = (("length", "concise"), ("tone", "warm"))
    assert best_pairs([short_warm, short_blunt], target, SynthConfig()) == []  # length gap too small
    assert best_pairs([short_warm, short_blunt, long_blunt], target, SynthConfig()) == [(short_warm, long_blunt)]


def _check_pairs(result, split):
    assert result.pairs
    for pair, target in zip(result.pairs, result.pair_targets):
        assert pair.source == "synth"
        assert pair.dimension == dimension_label(target)
        found = P.lookup(pair.preference)
        assert found == (target, split), pair.preference
        chosen, rejected = judge_all(pair.chosen), judge_all(pair.rejected)
        for dim, pole in target:
            d = DIMENSIONS[dim]
            assert d.direction(pole) * (chosen[dim] - rejected[dim]) >= d.margin
        for dim in set(DIMENSIONS) - {d for d, _ in target}:
            assert abs(chosen[dim] - rejected[dim]) <= SynthConfig().off_tolerance * DIMENSIONS[dim].margin


def test_synthesize_end_to_end_with_scripted_generator():
    cfg = SynthConfig(candidates_per_pole=2, combo_candidates=2, combos_per_prompt=3, batch_size=7, seed=5)
    result = synthesize(PROMPTS, fake_generate, cfg, progress=False)
    _check_pairs(result, "train")
    report = result.report
    assert report["candidates"] == len(PROMPTS) * 14
    # every single pole gets a pair for every prompt: the scripted model separates all of them
    for pole in P.poles():
        assert report["pairs_per_target"][target_key((pole,))] == len(PROMPTS)
    assert any(len(t) == 2 for t in result.pair_targets)
    sep = report["separation"]
    for name, dim in DIMENSIONS.items():
        assert sep[name]["gap"] > dim.margin
    # deterministic for a seed; another seed changes at least the wordings
    again = synthesize(PROMPTS, fake_generate, cfg, progress=False)
    assert again.pairs == result.pairs
    other = synthesize(PROMPTS, fake_generate, SynthConfig(**{**cfg.__dict__, "seed": 6}), progress=False)
    assert other.pairs != result.pairs


def test_heldout_wordings_from_saved_candidates(tmp_path):
    cfg = SynthConfig(candidates_per_pole=1, combo_candidates=1, seed=2)
    result = synthesize(PROMPTS, fake_generate, cfg, progress=False)
    path = tmp_path / "cands.jsonl"
    assert write_candidates(path, result.candidates) == len(result.candidates)
    loaded = load_candidates(path)
    assert [c.text for c in loaded] == [c.text for c in result.candidates]
    same = pairs_from_candidates(loaded, cfg)
    assert same.pairs == result.pairs
    held = pairs_from_candidates(loaded, SynthConfig(**{**cfg.__dict__, "wording_split": "heldout"}))
    _check_pairs(held, "heldout")
    assert [(p.chosen, p.rejected) for p in held.pairs] == [(p.chosen, p.rejected) for p in result.pairs]


def test_off_topic_candidates_never_become_pairs():
    cfg = SynthConfig(candidates_per_pole=2, combo_candidates=1, seed=3)
    plain = synthesize(PROMPTS, fake_generate, cfg, progress=False)
    # A scripted relevance: about a third of the texts "stray from their prompt" (same text, same score).
    def relevance(prompts, texts):
        return [0.1 if zlib.crc32(t.encode()) % 3 == 0 else 0.9 for t in texts]

    strict = pairs_from_candidates(plain.candidates, SynthConfig(**{**cfg.__dict__, "min_relevance": 0.5}),
                                   relevance_fn=relevance)
    off = {c.text for c in strict.candidates if c.status == "off topic"}
    assert off and strict.report["dropped"]["off topic"] == sum(c.status == "off topic" for c in strict.candidates)
    assert all(c.relevance in (0.1, 0.9) for c in strict.candidates if c.status in ("ok", "off topic"))
    assert not any(p.chosen in off or p.rejected in off for p in strict.pairs)
    assert strict.pairs and strict.pairs != plain.pairs  # other candidates stepped in where they could
    # Threshold 0 turns the filter off again, even on candidates an earlier run marked.
    again = pairs_from_candidates(strict.candidates, cfg, relevance_fn=relevance)
    assert again.pairs == plain.pairs
    with pytest.raises(ConfigError):
        SynthConfig(min_relevance=1.5).validate()


def test_degenerate_generations_never_reach_pairs():
    def loopy(prompts, systems, seed):
        texts = fake_generate(prompts, systems, seed)
        # every detailed answer loops; cut-off concise answers come back flagged as truncated
        return [Completion("la la la " * 30, False) if s in P.steering_prompts("length", "detailed")
                else Completion(t, True) for t, s in zip(texts, systems)]

    result = synthesize(PROMPTS, loopy, SynthConfig(candidates_per_pole=1, combo_candidates=0), progress=False)
    assert result.report["dropped"]["repetitive"] == len(PROMPTS)
    assert all("la la la" not in p.chosen + p.rejected for p in result.pairs)
    assert all(p.chosen.rstrip()[-1] in ".!?" and p.rejected.rstrip()[-1] in ".!?" for p in result.pairs)
    # Every surviving answer was cut and trimmed: the pairs say so, so training adds no EOS after them.
    assert result.pairs and all(p.chosen_truncated and p.rejected_truncated for p in result.pairs)
    plain = synthesize(PROMPTS, fake_generate, SynthConfig(candidates_per_pole=1, combo_candidates=0), progress=False)
    assert not any(p.chosen_truncated or p.rejected_truncated for p in plain.pairs)


def test_generate_fn_contract_errors():
    with pytest.raises(PersonalignError, match="returned 1 texts"):
        synthesize(PROMPTS[:1], lambda p, s, seed: ["x"], SynthConfig(batch_size=4), progress=False)
    with pytest.raises(ConfigError, match="no prompts"):
        synthesize([], fake_generate, progress=False)
    with pytest.raises(ConfigError, match="unique"):
        synthesize([PROMPTS[0], PROMPTS[0]], fake_generate, progress=False)


def test_load_candidates_reports_bad_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"prompt_id": "a"}\n\xff\n')
    with pytest.raises(PersonalignError, match="line 1.*line 2"):
        load_candidates(path)


def test_resume_equals_uninterrupted_run():
    cfg = SynthConfig(candidates_per_pole=1, combo_candidates=1, batch_size=5, seed=4)
    full = synthesize(PROMPTS, fake_generate, cfg, progress=False)
    saved = []

    def stop_after_three(batch):
        saved.extend(batch)
        if len(saved) == 15:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        synthesize(PROMPTS, fake_generate, cfg, progress=False, on_batch=stop_after_three)
    resumed = synthesize(PROMPTS, fake_generate, cfg, progress=False, done=[Candidate(**vars(c)) for c in saved])
    assert resumed.pairs == full.pairs
    with pytest.raises(ConfigError, match="resume"):
        synthesize(PROMPTS, fake_generate, cfg, progress=False, done=saved[:7])
    with pytest.raises(ConfigError, match="resume"):
        synthesize(PROMPTS, fake_generate, SynthConfig(**{**cfg.__dict__, "seed": 9}), progress=False,
                   done=saved[:5])
