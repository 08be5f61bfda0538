"""PersRM v2 curation: which answers may be chosen, three-pole Pareto pairs, helpfulness pairs, wordings."""
import json
import random

import pytest

from personalign.dimensions import judge_all
from personalign.errors import ConfigError
from personalign.rewards.curate import HELPFULNESS, CurateConfig, combine_poles, curate, looped, pareto_pairs, triples
from personalign.rewards.data import PairRecord, load_pairs
from personalign.rewards.preferences import poles, wordings
from personalign.rewards.synth import Candidate, clean_candidate

SHORT = "Steep the tea for three minutes."
LONG = ("Boil fresh water, warm the pot, add one spoon of leaves per cup, pour the water over the leaves, "
        "steep for three to five minutes depending on the tea, then strain it and add milk if you like it. "
        "Green tea wants cooler water, around eighty degrees, and a shorter steep.")
WARM = "What a lovely question! Steep the tea for three wonderful minutes and enjoy it, friend!"
OTHER_Q = "How do I fix a flat bicycle tyre?"
OTHER_A = "Remove the wheel, find the hole, patch it and pump the tyre up again."


def _pairs():
    return [PairRecord("Be concise.", "How do I make tea?", SHORT, LONG, "length"),
            PairRecord("Be warm.", "How do I make tea?", WARM, SHORT, "tone"),
            PairRecord("Be concise.", OTHER_Q, OTHER_A, LONG, "length")]


def test_looped_repeats_the_opening_and_is_degenerate():
    text = looped("A coin is a credit. It buys things.")
    assert text.startswith("A coin is a credit. A coin is a credit. A coin is a credit.")
    assert len(text.split()) >= 24
    assert clean_candidate(text, False)[1] == "repetitive"
    # a long first sentence loops on a fragment of six words
    assert looped(LONG).startswith("Boil fresh water, warm the pot,. Boil fresh water")


def test_pareto_pairs_need_no_worse_on_every_pole_and_clearly_better_on_one():
    pool = [Candidate("q", "q", (), "", text=t, status="ok", scores=judge_all(t)) for t in (SHORT, LONG, WARM)]
    target = (("length", "concise"), ("expertise", "simple"), ("tone", "warm"))
    cfg = CurateConfig()
    found = pareto_pairs(pool, target, cfg, may_choose={0, 1, 2})
    assert found, "WARM is short, simple and warm compared with LONG"
    chosen, rejected = found[0]
    assert rejected.text == LONG and chosen.text in (SHORT, WARM)
    # the chosen side is restricted to answers allowed as chosen
    assert pareto_pairs(pool, target, cfg, may_choose={1}) == []
    detailed = (("length", "detailed"), ("expertise", "simple"), ("tone", "warm"))
    for chosen, rejected in pareto_pairs(pool, detailed, cfg, may_choose={0, 1, 2}):
        assert judge_all(chosen.text)["length"] >= judge_all(rejected.text)["length"]


def test_pareto_focus_makes_the_named_pole_gain():
    plain = "Boil water, add the leaves and steep them for a few minutes before you strain the tea."
    pool = [Candidate("q", "q", (), "", text=t, status="ok", scores=judge_all(t)) for t in (SHORT, WARM, plain)]
    target = (("length", "concise"), ("expertise", "simple"), ("tone", "warm"))
    cfg, everyone = CurateConfig(), {0, 1, 2}
    (chosen, rejected), = pareto_pairs(pool, target, cfg, may_choose=everyone, focus=("tone", "warm"))
    assert chosen.text == WARM and rejected.text == plain
    # no two answers differ by a full margin in length: no pair where length must gain, one where any pole may
    assert pareto_pairs(pool, target, cfg, may_choose=everyone, focus=("length", "concise")) == []
    assert pareto_pairs(pool, target, cfg, may_choose=everyone)


def test_triple_focus_rotates_over_the_requested_poles():
    pairs = _pairs()
    plain = curate(pairs, None, None, CurateConfig(seed=0, triples_per_prompt=8))
    focused = curate(pairs, None, None, CurateConfig(seed=0, triples_per_prompt=8, triple_focus=True))
    count = lambda r: sum(p.dimension.count("+") == 2 for p in r.pairs)  # noqa: E731
    assert 0 < count(focused) <= count(plain)


def test_curate_filters_chosen_adds_helpfulness_and_uses_training_wordings():
    pairs = _pairs()
    key = lambda p, t: p + "\n\n" + t  # noqa: E731
    relevance = {key("How do I make tea?", t): 0.8 for t in (SHORT, LONG, WARM)}
    relevance[key("How do I make tea?", WARM)] = 0.1  # off topic: may be rejected, never chosen
    result = curate(pairs, relevance, {}, CurateConfig(seed=3))
    assert result.report["not_choosable"] == {"off topic": 1}
    assert all(p.chosen != WARM for p in result.pairs)
    helpful = [p for p in result.pairs if p.dimension == HELPFULNESS]
    assert helpful, "every prompt with a style pair gets helpfulness pairs"
    for p in helpful:
        off_topic = p.rejected in (OTHER_A, SHORT, LONG, WARM) and p.rejected != p.chosen
        assert off_topic or clean_candidate(p.rejected, False)[1] == "repetitive"
        if p.rejected == OTHER_A:
            assert p.prompt == "How do I make tea?"
    train = {w for pole in poles() for w in wordings(*pole, split="train")}
    held = {w for pole in poles() for w in wordings(*pole, split="heldout")}
    for p in result.pairs:
        assert not any(h in p.preference for h in held)
        if "+" not in (p.dimension or "") and p.dimension != HELPFULNESS:
            assert p.preference in train
    # deterministic for a seed
    assert curate(pairs, relevance, {}, CurateConfig(seed=3)).pairs == result.pairs


def test_curate_perplexity_filter_and_bad_config():
    pairs = _pairs()
    ppl = {"How do I make tea?\n\n" + SHORT: 50.0}
    result = curate(pairs, None, ppl, CurateConfig())
    assert result.report["not_choosable"] == {"not fluent": 1}
    assert all(p.chosen != SHORT for p in result.pairs)
    with pytest.raises(ConfigError):
        CurateConfig(max_perplexity=0.5).validate()
    with pytest.raises(ConfigError):
        CurateConfig(triples_per_prompt=-1).validate()


def test_combine_poles_names_every_pole_with_training_wordings():
    rng = random.Random(0)
    assert len(triples()) == 8
    for target in triples():
        text = combine_poles(target, rng)
        for pole in target:
            assert any(w.rstrip(".").lower()[:12] in text.lower() for w in wordings(*pole, split="train"))


def test_cli_curate_with_a_quality_cache(tmp_path, run_cli):
    src = tmp_path / "pairs.jsonl"
    src.write_text("".join(p.to_json() + "\n" for p in _pairs()), encoding="utf-8")
    cache = tmp_path / "quality.json"
    cache.write_text(json.dumps({"relevance": {}, "perplexity": {}}), encoding="utf-8")
    out = tmp_path / "v2.jsonl"
    code, output, _ = run_cli(["data", "curate", "--pairs", str(src), "--out", str(out), "--quality", str(cache),
                               "--model", "no-such-model"])
    assert code == 0, output
    assert load_pairs(out) and "wrote" in output
    report = tmp_path / "report.json"
    code, output, _ = run_cli(["data", "curate", "--pairs", str(src), "--out", str(out), "--quality", str(cache),
                               "--triples-per-prompt", "8", "--triple-focus", "--report", str(report)])
    assert code == 0, output
    assert json.loads(report.read_text(encoding="utf-8"))["config"]["triple_focus"] is True
    cache.write_text("{not json", encoding="utf-8")
    code, out_text, err = run_cli(["data", "curate", "--pairs", str(src), "--out", str(out), "--quality", str(cache)])
    assert code == 2 and "quality cache" in err and "Traceback" not in out_text + err


def test_curate_carries_truncation_flags_and_flags_loops():
    pairs = _pairs()
    pairs[0] = PairRecord(pairs[0].preference, pairs[0].prompt, SHORT, LONG, "length", rejected_truncated=True)
    result = curate(pairs, None, None, CurateConfig(seed=3))
    for p in result.pairs:
        looping = clean_candidate(p.rejected, False)[1] == "repetitive"
        assert p.rejected_truncated == (p.rejected == LONG or looping), p
        assert p.chosen_truncated == (p.chosen == LONG), p
    assert any(p.rejected == LONG for p in result.pairs) and any(p.chosen == LONG for p in result.pairs)


def test_end_probability_matches_a_plain_forward(tiny_base):
    import torch

    from personalign.models import encode_text, render_chat
    from personalign.rewards.curate import end_probability

    tok = tiny_base.tokenizer
    pairs = _pairs()
    turns = lambda prompt: [prompt, prompt + "\n\nBe brief."]  # noqa: E731
    got = end_probability(pairs, tiny_base, turns, batch_size=3, progress=False)
    home = {SHORT: "How do I make tea?", LONG: "How do I make tea?", WARM: "How do I make tea?", OTHER_A: OTHER_Q}
    assert set(got) == set(home)
    for text, prompt in home.items():
        want = 0.0
        for turn in turns(prompt):
            ids = torch.tensor([render_chat(tok, turn) + encode_text(tok, text)])
            with torch.no_grad():
                logits = tiny_base.model(input_ids=ids).logits[0, -1].float()
            want = max(want, float(logits.softmax(-1)[tok.eos_token_id]))
        assert abs(got[text] - want) < 1e-5 * max(1.0, want), (text, got[text], want)
