"""benchmarks/feedback_loop.py's simulated users: the edit simulator moves toward the user's poles, and each
feedback kind is stored as one event of that kind."""

import pytest

from personalign.memory import MemoryStore

A = ("Tea is a drink. Boil fresh water and pour it over the leaves, then wait about three minutes. "
     "The polyphenolic compounds extracted during infusion determine astringency considerably. Enjoy it!")
TECHNICAL = "Enzymatic oxidation of catechins during withering determines the characteristic flavour profile."
B = "Warm the pot first. " + TECHNICAL + " Add milk if you like."


@pytest.fixture(scope="module")
def fl(load_benchmark):
    return load_benchmark("feedback_loop")


@pytest.fixture
def users(fl):
    return fl.build_users(2)


def test_simulated_edits_move_each_user_toward_its_poles(fl, users):
    for u in users:
        edited = fl.simulated_edit(A, B, u.pole_map)
        assert edited != A and fl.utility(edited, u.pole_map) > fl.utility(A, u.pole_map), u.id
    concise = fl.simulated_edit(A, B, users[0].pole_map)
    assert "!" not in concise and len(concise.split()) < len(A.split())
    detailed = fl.simulated_edit(A, B, users[1].pole_map)
    # The expert user takes B's technical sentence, not its plain ones.
    assert detailed.startswith(fl.WARM_OPEN) and TECHNICAL in detailed and "Warm the pot first." not in detailed


def test_each_feedback_kind_is_one_event_of_that_kind(fl, users, tmp_path):
    store = MemoryStore(f"sqlite:///{tmp_path / 'm.db'}", data_dir=tmp_path)
    u = users[0]  # concise: the short B is better for it
    assert fl.give_feedback("choices", store, u, "How do I make tea?", A, B, 0) == "B"
    assert fl.give_feedback("ratings", store, u, "How do I make tea?", A, B, 0) == "5"
    assert fl.give_feedback("edits", store, u, "How do I make tea?", A, B, 0) == "edit"
    fb = store.list_feedback(u.id)
    assert [(f.choice, f.rating, f.edited_answer is not None) for f in fb] == [("B", None, False), (None, 5, False),
                                                                                (None, None, True)]
    rated = store.get_interaction(u.id, fb[1].interaction_id)
    assert rated.answer == B and rated.alt_answer is None


def _run(seed, per_round):
    """A run as run_kind returns it: the lora arm's per-prompt separations for rounds 0.. ."""
    return {"seed": seed, "events_per_round": 16, "adapters": [],
            "results": [{"round": r, "lora": {"per_prompt_separation": list(v), "separation": sum(v) / len(v)}}
                        for r, v in enumerate(per_round)]}


def test_spread_is_a_bootstrap_over_prompts_and_seeds(fl):
    one = fl.spread_of([[1.0, 2.0, 3.0, 6.0]], n_boot=4000)
    assert one["mean"] == pytest.approx(3.0) and one["per_seed"] == [3.0]
    assert 1.0 <= one["lo"] < 3.0 < one["hi"] <= 6.0
    assert fl.spread_of([[2.0] * 5] * 3) == {"mean": 2.0, "lo": 2.0, "hi": 2.0, "per_seed": [2.0, 2.0, 2.0]}
    # Seeds that disagree widen the interval even where every seed's prompts agree.
    seeds = fl.spread_of([[0.0] * 8, [4.0] * 8], n_boot=4000)
    assert seeds["mean"] == 2.0 and seeds["lo"] == 0.0 and seeds["hi"] == 4.0


def test_compare_adapters_decides_only_when_the_intervals_do(fl):
    zero = [0.0] * 12
    close = {"choices": [_run(s, [zero, [2.0 + (i % 3) * 0.1 for i in range(12)]]) for s in (0, 1)],
             "ratings": [_run(s, [zero, [1.9 + (i % 3) * 0.1 for i in range(12)]]) for s in (0, 1)]}
    (row,) = fl.compare_adapters(close, n_boot=500)
    assert row["met"] and row["decided"] == "met" and row["difference"]["mean"] == pytest.approx(-0.1)
    behind = {"choices": [_run(0, [zero, [3.0] * 12])], "ratings": [_run(0, [zero, [1.0] * 12])]}
    (row,) = fl.compare_adapters(behind, n_boot=500)
    assert not row["met"] and row["decided"] == "missed"
    noisy = {"choices": [_run(0, [zero, [(-1) ** i * 6.0 for i in range(12)]])],
             "ratings": [_run(0, [zero, [0.5 + (-1) ** i * 6.0 for i in range(12)]])]}
    # same signs per prompt, so the paired difference is exact (+0.5) while KTO's own interval spans 0
    (row,) = fl.compare_adapters(noisy, n_boot=500)
    assert row["met"] and row["difference"]["lo"] == pytest.approx(0.5) and row["decided"] == "within noise"
    # only the seeds both kinds ran are compared
    partial = {"choices": [_run(0, [zero, [2.0] * 12])], "ratings": [_run(1, [zero, [2.0] * 12])]}
    assert fl.compare_adapters(partial, n_boot=50) == []


def test_combine_merges_seeds_and_refuses_what_does_not_match(fl, tmp_path):
    def write(name, kind, seed, **changes):
        data = {"model": "m", "users": [], "rounds": 1, "feedback_prompt_texts": ["a"], "held_out_texts": ["b", "c"],
                "max_new_tokens": 8, "reward_model": "base", "arms": ["base", "lora"], "feedback_prompts": 1,
                "eval_prompts": 2, "adapter_config": {"lr": 0.002, "seed": seed}, "total_seconds": 5.0,
                "runs": {kind: [_run(seed, [[0.0, 0.0], [1.0, 2.0]])]}}
        data.update(changes)
        path = tmp_path / name
        path.write_text(fl.json.dumps(data))
        return str(path)

    summary, runs = fl.combine([write("c0", "choices", 0), write("r0", "ratings", 0), write("c1", "choices", 1)])
    assert [r["seed"] for r in runs["choices"]] == [0, 1] and [r["seed"] for r in runs["ratings"]] == [0]
    assert summary["seeds"] == [0, 1] and summary["total_seconds"] == 15.0 and summary["feedback"] == ["choices",
                                                                                                      "ratings"]
    with pytest.raises(ValueError, match="already"):
        fl.combine([write("c0", "choices", 0), write("c0b", "choices", 0)])
    with pytest.raises(ValueError, match="held_out_texts"):
        fl.combine([write("c0", "choices", 0), write("r0", "ratings", 0, held_out_texts=["x", "y"])])
    with pytest.raises(ValueError, match="adapter settings"):
        fl.combine([write("c0", "choices", 0), write("r0", "ratings", 0, adapter_config={"lr": 1.0, "seed": 0})])
    assert fl.main(["--combine", str(tmp_path / "missing.json")]) == 2


def test_sampled_wins_count_choices_of_b_and_thumbs_up(fl):
    runs = [{"results": [{"feedback": {"what": {"A": 9, "B": 7}}}, {"feedback": {"what": {"A": 5, "B": 11}}}, {}]},
            {"results": [{"feedback": {"what": {"A": 8, "B": 8}}}, {"feedback": {"what": {"B": 16}}}, {}]}]
    assert fl.sampled_wins("choices", runs) == [(0, 15, 32), (1, 27, 32)]
    rated = [{"results": [{"feedback": {"what": {"1": 9, "3": 1, "5": 6}}}, {}]}]
    assert fl.sampled_wins("ratings", rated) == [(0, 6, 16)] and fl.sampled_wins("edits", rated) == []
