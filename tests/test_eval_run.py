"""The eval run end to end on a tiny model: files, resuming, plug-in strategies, config errors, CLI."""
import json
import struct

import pytest

from personalign.dimensions import DIMENSIONS
from personalign.errors import ConfigError
from personalign.eval import (
    EvalConfig,
    ResultStore,
    StrategyOutput,
    build_users,
    register_strategy,
    run_eval,
    safety_prompts,
)
from personalign.eval.prompts import builtin_prompts, eval_prompts, spread
from personalign.eval.strategies import REGISTRY
from personalign.eval.summary import summarize

SMALL = dict(users=2, prompts=2, safety_prompts=1, max_new_tokens=6, safety_max_new_tokens=4, best_of_n=2,
             bootstrap=100, progress=False, weights=(0.5, 1.5))


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory):
    from personalign.models.tiny import save_tiny, tiny_llama

    return save_tiny(tiny_llama(seed=0), tmp_path_factory.mktemp("models") / "tiny")


@pytest.fixture
def counting_strategy():
    """A plug-in strategy that answers with the prompt's first words and counts its calls."""
    calls = []

    def echo(ctx, prompts, preferences, params):
        calls.append(list(prompts))
        texts = [" ".join(p.split()[: int(params["words"])]) for p in prompts]
        return StrategyOutput(texts=texts, seconds=0.01, new_tokens=[len(t.split()) for t in texts],
                              finish_reasons=["eos"] * len(texts))

    register_strategy("echo", echo, defaults={"words": 3}, description="test plug-in")
    yield calls
    REGISTRY.pop("echo", None)


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_run_writes_every_file_and_resumes(tmp_path, tiny_dir, counting_strategy):
    out = tmp_path / "run"
    cfg = EvalConfig(out=out, model=str(tiny_dir), strategies=("prompt", "pad", "best-of-n", "echo"),
                     safety_weights="max", **SMALL)
    first = run_eval(cfg)
    for name in ("results.jsonl", "summary.json", "report.md", "manifest.json", "dimension_bars.png",
                 "winrate_heatmap.png", "weight_sweep.png", "latency.png"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert (out / "latency.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    rows = _lines(out / "results.jsonl")
    gens = [r for r in rows if r["kind"] == "gen" and r["task"] == "personal"]
    # base once per prompt (2); prompt, pad×2 weights, best-of-n, echo: 2 users × 2 prompts each.
    assert len(gens) == 2 + 5 * 4
    assert {r["variant"] for r in gens} == {"base", "prompt", "pad(w=0.5)", "pad(w=1.5)", "best-of-n(n=2)",
                                            "echo(words=3)"}
    safety = [r for r in rows if r["task"] == "safety"]
    assert len(safety) == 1 + 2 * 4  # base + 2 adversarial preferences × (prompt, pad at max w, best-of-n, echo)
    assert {r["params"].get("weight") for r in safety if r["strategy"] == "pad"} == {1.5}
    pairwise = [r for r in rows if r["kind"] == "pairwise"]
    # Full preset: every personalized variant vs base (5 × 4 pairs) and all but prompt vs prompt (4 × 4).
    assert len(pairwise) == 5 * 4 + 4 * 4 and all(0 <= r["score"] <= 1 for r in pairwise)
    assert {r["opponent"] for r in pairwise} == {"base", "prompt"}
    assert first.generated == len(gens) + len(safety)
    assert len(counting_strategy) == 2  # one batched call per task

    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["strategies"]) == {r["variant"] for r in gens}
    echo = summary["strategies"]["echo(words=3)"]
    assert echo["cost"]["seconds_per_answer"] == pytest.approx(0.01 / 4)
    assert "win_vs_base" in echo["overall"] and "win_vs_prompt" in echo["overall"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["versions"]["torch"] and manifest["versions"]["personalign"]
    assert manifest["seeds"] == {"generation": 0, "bootstrap": 0} and manifest["config"]["weights"] == [0.5, 1.5]
    report = (out / "report.md").read_text()
    assert "| echo(words=3) |" in report and "## Safety under adversarial preferences" in report

    # Rerun: nothing is generated again and the file is unchanged.
    before = (out / "results.jsonl").read_bytes()
    second = run_eval(cfg)
    assert second.generated == 0 and second.skipped == len(rows)
    assert len(counting_strategy) == 2
    assert (out / "results.jsonl").read_bytes() == before

    # Lose the last two rows of the echo strategy and leave a half-written line: only those are redone.
    kept = [line for line in before.decode().splitlines()]
    echo_lines = [i for i, line in enumerate(kept) if '"strategy": "echo"' in line and '"kind": "gen"' in line]
    drop = set(echo_lines[-2:])
    damaged = "\n".join(line for i, line in enumerate(kept) if i not in drop) + "\n" + '{"kind": "gen", "task'
    (out / "results.jsonl").write_text(damaged)
    third = run_eval(cfg)
    assert third.generated == 2
    assert sum(len(c) for c in counting_strategy[2:]) == 2
    assert len(_lines(out / "results.jsonl")) == len(rows)


def test_rerun_with_other_generation_settings_is_refused(tmp_path, tiny_dir, counting_strategy):
    cfg = EvalConfig(out=tmp_path / "r", model=str(tiny_dir), strategies=("echo",), pairwise_judge=None,
                     plots=False, **SMALL)
    run_eval(cfg)
    cfg.max_new_tokens = 7
    with pytest.raises(ConfigError, match="max_new_tokens: 6 → 7"):
        run_eval(cfg)


@pytest.mark.parametrize("overrides, message", [
    ({"strategies": ("nope",)}, "unknown strategy 'nope'"),
    ({"strategies": ("pad-trained",)}, "needs a trained PersRM"),
    ({"weights": (float("nan"),)}, "weights must be finite"),
    ({"users": 0}, "users must be an integer >= 1"),
    ({"prompts": 0}, "prompts must be >= 1"),
    ({"persrm": "/nonexistent/persrm"}, "not found"),
])
def test_bad_config_is_a_clear_error(tmp_path, tiny_dir, overrides, message):
    from personalign.errors import PersonalignError

    cfg = EvalConfig(out=tmp_path / "bad", model=str(tiny_dir), **{**SMALL, **overrides})
    with pytest.raises(PersonalignError, match=message):
        run_eval(cfg)


def test_strategy_returning_wrong_count_is_named(tmp_path, tiny_dir):
    register_strategy("short-changed", lambda ctx, p, prefs, params: StrategyOutput(["x"], 0.0, [1], ["eos"]))
    try:
        cfg = EvalConfig(out=tmp_path / "s", model=str(tiny_dir), strategies=("short-changed",),
                         pairwise_judge=None, **SMALL)
        with pytest.raises(ConfigError, match="'short-changed' returned 1 texts for 4 prompts"):
            run_eval(cfg)
    finally:
        REGISTRY.pop("short-changed", None)


def test_summary_win_rates_by_hand(tmp_path):
    """Rows written by hand (test fixtures): length judge = word count, so the outcomes are known."""
    from personalign.eval.prompts import EvalPrompt
    from personalign.eval.strategies import Variant

    users = build_users(2)  # concise-simple-blunt and detailed-expert-warm
    prompts = [EvalPrompt("p1", "q1"), EvalPrompt("p2", "q2")]
    store = ResultStore(tmp_path / "results.jsonl")

    def row(strategy, user, pid, words, params=None):
        text = " ".join(["word"] * words)
        return {"kind": "gen", "task": "personal", "strategy": strategy, "params": params or {}, "user": user,
                "prompt_id": pid, "text": text, "new_tokens": words, "batch_id": f"{strategy}-{user}",
                "batch_seconds": 1.0, "batch_new_tokens": 10, "batch_size": 2, "perplexity": 2.0,
                "flags": {"empty": False, "runaway": False, "repetitive": False},
                "scores": {"length": float(words), "expertise": 5.0, "tone": 0.0}}

    store.append([row("base", "*", "p1", 10), row("base", "*", "p2", 10)])
    concise, detailed = users[0].id, users[1].id
    # concise user: 5 words beats 10 (win), 10 ties 10 (half); detailed user: 20 wins, 3 loses.
    store.append([row("prompt", concise, "p1", 5), row("prompt", concise, "p2", 10),
                  row("prompt", detailed, "p1", 20), row("prompt", detailed, "p2", 3)])
    cfg = EvalConfig(out=tmp_path, bootstrap=200).resolved()
    variants = [Variant("base"), Variant("prompt")]
    summary = summarize(store, cfg, variants, users, prompts, [], [], [])
    prompt = summary["strategies"]["prompt"]
    assert prompt["personalization"]["length:concise"]["win_vs_base"]["estimate"] == pytest.approx(0.75)
    assert prompt["personalization"]["length:detailed"]["win_vs_base"]["estimate"] == pytest.approx(0.5)
    assert prompt["personalization"]["length:concise"]["judged_mean"] == pytest.approx(7.5)
    # Expertise and tone scores are equal everywhere: all ties.
    assert prompt["personalization"]["tone:warm"]["win_vs_base"]["estimate"] == 0.5
    # Overall pools 3 dimensions × 4 pairs: (0.75·2 + 0.5·2 + 0.5·4 + 0.5·4) / 12
    assert prompt["overall"]["win_vs_base"]["estimate"] == pytest.approx((1.5 + 1.0 + 2.0 + 2.0) / 12)
    assert prompt["overall"]["win_vs_base"]["n"] == 12
    assert prompt["cost"]["seconds_per_answer"] == pytest.approx(0.5)  # 2 batches of 2 answers, 1 s each
    base = summary["strategies"]["base"]
    assert base["cost"]["answers"] == 2 and base["personalization"]["length:concise"]["n"] == 2


def test_report_keeps_zero_win_rates_and_renders_tables():
    import math

    from personalign.eval.report import heatmap_grid, render_markdown

    cell = lambda e: {"estimate": e, "low": e, "high": e, "n": 4}  # noqa: E731
    pers = {"length:concise": {"judged_mean": 3.0, "win_vs_base": cell(0.0)},
            "length:detailed": {"judged_mean": None}}
    summary = {"model": "m", "users": [], "prompts": [], "run": {"seconds": 1.0},
               "dimensions": {"length": {"low": "concise", "high": "detailed", "judge": "length", "unit": "words"}},
               "strategies": {"x": {"params": {}, "strategy": "x", "personalization": pers,
                                    "overall": {"win_vs_base": cell(0.0)},
                                    "quality": {"perplexity_mean": 2.0, "empty_rate": 0.0, "runaway_rate": 0.0,
                                                "repetitive_rate": 0.0},
                                    "cost": {"seconds_per_answer": 1.0, "tokens_per_second": 5.0,
                                             "mean_new_tokens": 3.0}}}}
    grid = heatmap_grid(summary, ["x"], ["length:concise", "length:detailed"])
    assert grid[0][0] == 0.0 and math.isnan(grid[0][1])
    text = render_markdown(summary)
    assert "| x | 0.00 [0.00, 0.00] | – | 0.00 [0.00, 0.00] |" in text


def test_users_are_balanced_and_use_heldout_wordings():
    users = build_users(4)
    for dim in DIMENSIONS.values():
        for pole in dim.poles:
            assert sum(u.pole_map[dim.name] == pole for u in users) == 2
    # No two dimensions move together in the 4-user design.
    names = list(DIMENSIONS)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert sum(DIMENSIONS[a].direction(u.pole_map[a]) * DIMENSIONS[b].direction(u.pole_map[b])
                       for u in users) == 0
    assert len({u.id for u in build_users()}) == 8
    from personalign.rewards.preferences import wordings

    train = {w for d in DIMENSIONS.values() for p in d.poles for w in wordings(d.name, p, split="train")}
    for user in build_users():
        assert not any(w in user.preference for w in train)


def test_prompt_sets():
    prompts, source = eval_prompts()
    assert prompts and len({p.id for p in prompts}) == len(prompts)
    from personalign.rewards.prompts import load_prompts

    assert source == "personalign.rewards.prompts:heldout"
    train = {p.prompt for p in load_prompts("train")}
    assert not any(p.text in train for p in prompts)
    assert not any(p.text in train for p in builtin_prompts())
    hh = safety_prompts()
    assert len(hh) == 100 and len({p.id for p in hh}) == 100
    assert all("Human:" not in p.text and "Assistant:" not in p.text for p in hh)
    assert spread(list(range(10)), 3) == [0, 3, 6]


def test_vendored_data_carries_its_licence():
    from importlib import resources

    data = resources.files("personalign.eval").joinpath("data")
    assert "MIT License" in data.joinpath("LICENSE").read_text()
    assert "hh-rlhf" in data.joinpath("README.md").read_text()


def test_cli_end_to_end(tmp_path, tiny_dir, capsys):
    from personalign.cli.main import main

    out = tmp_path / "cli"
    main(["eval", "--quick", "--out", str(out), "--model", str(tiny_dir), "--users", "2", "--prompts", "1",
          "--safety-prompts", "1", "--max-new-tokens", "5", "--weights", "0.5,1", "--best-of-n", "2",
          "--bootstrap", "50", "--no-progress", "--seed", "3"])
    for name in ("results.jsonl", "summary.json", "report.md", "manifest.json", "dimension_bars.png",
                 "winrate_heatmap.png", "weight_sweep.png", "latency.png"):
        assert (out / name).is_file(), name
    width, height = struct.unpack(">II", (out / "winrate_heatmap.png").read_bytes()[16:24])
    assert 100 < width < 2000 and 100 < height < 2000
    assert json.loads((out / "manifest.json").read_text())["seeds"]["generation"] == 3
    assert "new rows" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["--weights", "a,b"], "--weights must be comma-separated numbers"),
    (["--strategies", "nope"], "unknown strategy 'nope'"),
    (["--model", "/nonexistent/model"], "not found"),
])
def test_cli_bad_input_is_one_line_exit_2(tmp_path, tiny_dir, capsys, argv, message):
    from personalign.cli.main import main

    args = ["eval", "--out", str(tmp_path / "x"), "--model", str(tiny_dir), "--no-progress"] + argv
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
