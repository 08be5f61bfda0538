"""benchmarks/faithfulness.py: its answer checks and win rates on hand-made texts, its request file."""

import json

import pytest


@pytest.fixture(scope="module")
def fb(load_benchmark):
    return load_benchmark("faithfulness")


GOOD = ("Steep a tea bag in freshly boiled water for three to five minutes, then remove it and add milk "
        "or lemon to taste.")
LOOP = "A coin is a credit. A coin.\n" * 12


def test_degenerate_detector_on_hand_made_texts(fb):
    assert fb.degenerate_reason(GOOD, "eos") is None
    assert fb.degenerate_reason(GOOD, "length") is None  # hitting the cap alone is not degenerate
    assert fb.degenerate_reason("", "eos") == "empty"
    assert fb.degenerate_reason("Aw, no.", "eos") == "empty"
    assert fb.degenerate_reason(LOOP, "length") == "repetitive"
    assert fb.degenerate_reason("Чай заваривают кипятком три минуты, потом добавляют молоко.", "eos") == "language"
    assert fb.degenerate_reason("1. 2. 3. 4.", "eos") == "language"  # no letters at all
    # A few repeated lines at the cap: under 30% repeated trigrams, but a loop that never ended.
    runaway = GOOD + "\n" + "\n".join(["- IP"] * 4) + "\nThe kettle should be clean and the cup warmed first."
    assert fb.repeated_trigram_share(runaway) <= 0.30
    assert fb.degenerate_reason(runaway, "length") == "runaway"
    assert fb.degenerate_reason(runaway, "eos") is None


def test_repeated_trigram_share(fb):
    assert fb.repeated_trigram_share("one two three four five") == 0.0
    assert fb.repeated_trigram_share("a b c a b c a b c") == pytest.approx(1 - 3 / 7)
    assert fb.repeated_trigram_share("a b") == 0.0


def test_win_rate_counts_ties_as_half(fb):
    assert fb.win(2.0, 1.0) == 1.0 and fb.win(1.0, 1.0) == 0.5 and fb.win(0.0, 1.0) == 0.0
    assert fb.win_rate([3, 1, 2, 5], [1, 1, 4, 4]) == pytest.approx((1 + 0.5 + 0 + 1) / 4)
    assert fb.win_rate([], []) is None


def test_requests_cover_every_pole_set_and_combination(fb):
    requests = fb.load_requests()
    single = [r for r in requests if r.set == "single"]
    assert {r.label for r in single} == {"concise", "detailed", "simple", "expert", "blunt", "warm"}
    combos = {r.label for r in requests if r.set == "combinations"}
    assert len(combos) == 8 and all(len(c.split("+")) == 3 for c in combos)
    registers = {r.label.split("/")[0] for r in requests if r.set == "registers"}
    assert registers == {"instruction", "first_person", "terse"}
    rows = fb.pair_rows(single, ["q1", "q2", "q3", "q4", "q5"], 2)
    assert len(rows) == 2 * len(single)
    assert {q for r, q in rows if r == single[0]} != {q for r, q in rows if r == single[1]}  # rotation


def test_variant_specs(fb):
    v = fb.parse_variant("v1:mp0.1+eos+ng3+pib@1.5", {"v1", "tf"})
    assert v.kind == "pad" and v.rm == "v1" and v.weight == 1.5 and v.preference_in_base
    assert dict(v.guard) == {"min_p": 0.1, "eos_candidate": True, "no_repeat_ngram": 3, "eos_bonus": 0.0,
                             "eos_min_reward": None, "loop_escape": 0}
    bonus = fb.parse_variant("v1:default+eb2", {"v1"})
    assert dict(bonus.guard) == {**fb.default_guard(), "eos_bonus": 2.0} and bonus.name == "pad-v1[default+eb2]"
    floor = fb.parse_variant("v1:default+er6", {"v1"})
    assert dict(floor.guard) == {**fb.default_guard(), "eos_min_reward": 6.0}
    assert fb.default_guard()["eos_min_reward"] == 4.0
    no_escape = fb.parse_variant("v1:default+esc0", {"v1"})
    assert dict(no_escape.guard) == {**fb.default_guard(), "loop_escape": 0}
    assert fb.default_guard()["loop_escape"] == 12
    off = fb.parse_variant("v1:off", {"v1"})
    assert dict(off.guard) == fb.GUARD_OFF and off.weight is None
    with pytest.raises(SystemExit):
        fb.parse_variant("v9:off", {"v1"})
    with pytest.raises(SystemExit):
        fb.parse_variant("v1:mp0.1+bogus", {"v1"})
    ex = fb.parse_variant("v1:default+ex0.5", {"v1"})
    assert dict(ex.guard) == fb.default_guard() and ex.expert_weight == 0.5 and not ex.preference_in_base
    assert off.expert_weight == 0.0 and fb.parse_variant("v1:default", {"v1"}).expert_weight == 0.0


def test_generation_key_leaves_out_unset_guard_options(fb):
    # Answers generated before a guard option existed stay reusable: an option at None is absent from the key.
    class Args:
        max_new_tokens, top_k = 128, 10

    v = fb.parse_variant("v1:mp0.1+eos", {"v1"})
    older = fb.Variant(v.name, v.kind, v.rm, v.weight, tuple(i for i in v.guard if i[0] not in fb.LATER_GUARD_OPTIONS))
    def key(variant):
        return fb.generation_key(variant, [["q", "p"]], Args, "m", "rm")

    assert key(v) == key(older) and key(fb.parse_variant("v1:mp0.1+eos+er4", {"v1"})) != key(v)
    assert key(fb.parse_variant("v1:mp0.1+eos+esc12", {"v1"})) != key(v)


def test_answers_are_reused_by_the_persrm_files_not_their_folder(fb, tmp_path):
    # The same PersRM files in another checkout give the same key; other weights do not; the model card is no part.
    class Args:
        max_new_tokens, top_k = 128, 10

    def persrm(folder, weights):
        folder.mkdir(parents=True)
        (folder / "adapter_model.safetensors").write_bytes(weights)
        (folder / "persrm_config.json").write_text("{}")
        (folder / "MODEL_CARD.md").write_text(f"card of {folder}")
        return folder

    a, b = persrm(tmp_path / "main" / "rm", b"w1"), persrm(tmp_path / "worktree" / "rm", b"w1")
    c = persrm(tmp_path / "other" / "rm", b"w2")
    ident = fb.reward_model_identity
    assert ident(a) == ident(b) != ident(c) and ident(a).startswith("sha256:") and ident("base") == "base"
    v = fb.parse_variant("v1:default", {"v1"})
    key = fb.generation_key(v, [["q", "p"]], Args, "m", ident(b))
    # A run stored before the content identity keyed the PersRM by its folder: read back under today's key.
    old = fb.generation_key(v, [["q", "p"]], Args, "m", str(a))
    run = tmp_path / "run"
    run.mkdir()
    row = {"key": old, "texts": ["t"], "token_ids": [[1]], "finish": ["eos"], "seconds": 1.0}
    (run / "faithfulness_generations.jsonl").write_text(json.dumps(row) + "\n")
    assert list(fb.load_generations([run])) == [key]
    assert fb.generation_key(v, [["q", "p"]], Args, "m", ident(c)) not in fb.load_generations([run])


def _rec(question, pole, vs_base, set_name="single"):
    return {"set": set_name, "label": pole, "poles": [pole], "wording": f"be {pole}", "question": question,
            "pole": {pole: {"vs_base": vs_base}}}


def test_intervals_and_paired_differences(fb, tmp_path, capsys):
    questions = [f"q{i}" for i in range(20)]
    old = [_rec(q, "detailed", 1.0 if i < 10 else 0.0) for i, q in enumerate(questions)]
    new = [_rec(q, "detailed", 1.0 if i < 10 else 0.5) for i, q in enumerate(questions)]
    base = [_rec(q, "detailed", 0.5) for q in questions]
    table = fb.intervals({"base": base, "pad-old": old, "pad-new": new}, "pad-old", n_boot=400)
    assert set(table) == {"pad-old", "pad-new"}
    cell = table["pad-new"]["single"]["detailed"]
    assert cell["win_base"]["estimate"] == pytest.approx((10 + 5) / 20)
    low, high = cell["win_base"]["low"], cell["win_base"]["high"]
    assert low < cell["win_base"]["estimate"] < high
    # row by row: +0 on the first 10, +0.5 on the other 10 (an unpaired difference would not know this)
    diff = cell["minus_reference"]
    assert diff["estimate"] == pytest.approx(0.25) and 0 < diff["low"] < 0.25 < diff["high"] <= 0.5
    assert "minus_reference" not in table["pad-old"]["single"]["detailed"]
    with pytest.raises(SystemExit, match="different requests"):
        fb.intervals({"pad-old": old, "pad-new": new[::-1]}, "pad-old")
    with pytest.raises(SystemExit, match="not in the run"):
        fb.intervals({"pad-old": old}, "pad-x")
    # --intervals reads a run's answers file and prints both tables without loading a model
    lines = [{"strategy": name, **r} for name, recs in (("base", base), ("pad-old", old), ("pad-new", new))
             for r in recs]
    (tmp_path / "faithfulness_answers.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    result = fb.main(["--intervals", str(tmp_path)])
    out = capsys.readouterr().out
    assert result["reference"] == "pad-old" and "paired difference in win rate vs base from pad-old" in out
    assert "| pad-new | 0.75 [" in out and "+0.25 [" in out
    with pytest.raises(SystemExit, match="no faithfulness_answers.jsonl"):
        fb.main(["--intervals", str(tmp_path / "none")])


def test_sentence_tone_does_not_grow_with_length_while_the_whole_answer_score_does(fb):
    from personalign.dimensions import DIMENSIONS

    tone = DIMENSIONS["tone"].judge
    warm = "Tea is a lovely, comforting drink. "
    assert tone.score(warm * 6) > tone.score(warm) + 0.1  # the whole-answer judge rewards saying it again
    assert fb.sentence_tone(warm * 6) == pytest.approx(fb.sentence_tone(warm))
    mixed = "Tea is a lovely, comforting drink. Boil the water first.\nSteep it for three minutes."
    parts = [tone.score(s) for s in ("Tea is a lovely, comforting drink.", "Boil the water first.",
                                     "Steep it for three minutes.")]
    assert fb.sentence_tone(mixed) == pytest.approx(sum(parts) / 3)
    assert fb.sentence_tone("Great!") == pytest.approx(tone.score("Great!"))  # no 3-word sentence: the whole text


def test_tone_cells_carry_the_per_sentence_win_and_the_length_ratio(fb):
    warm_req = fb.Request("single", "warm", ("warm",), "Be kind about it.")
    blunt_req = fb.Request("single", "blunt", ("blunt",), "No fluff.")
    # VADER's compound sums the valenced words: the base's two kind sentences outscore the answer's one (0.69 vs
    # 0.44), while per sentence the answer is the warmer (0.44 vs 0.29).
    base = {"q": {"text": "Tea is a good drink. Green tea is a nice drink too. Boil the water first.",
                  "finish": "eos"}}
    answers = fb.Answers(["Tea is a good drink.", "Tea is a good drink."], [[], []], ["eos", "eos"])
    recs = fb.score_rows([(warm_req, "q"), (blunt_req, "q")], answers, base, None, [0.8, 0.8], [2.0, 2.0])
    blunt = recs[1]["pole"]["blunt"]
    assert blunt["vs_base"] == 1.0 and blunt["vs_base_sentence"] == 0.0  # blunt by brevity only
    assert blunt["words_vs_base"] == pytest.approx(5 / 16)
    warm = recs[0]["pole"]["warm"]
    assert warm["vs_base"] == 0.0 and warm["vs_base_sentence"] == 1.0
    summary = fb.summarize(recs, fb.groups)
    assert summary["single"]["blunt"]["win_base_sentence"] == 0.0
    report = {"split": "train", "model": "m", "prompts": 1, "per_request": 1, "max_new_tokens": 8, "top_k": 2,
              "rows": 2, "strategies": {"pad": {"summary": summary, "seconds": 1.0}}}
    assert "| pad | 1.00 / 0.00 (0.31) | 0.00 / 1.00 (0.31) |" in fb.markdown(report)
