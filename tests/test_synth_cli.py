"""`personalign data synth`: CLI plumbing with a scripted generator, and the real engine path with a tiny model."""
import json

import pytest
from test_synth import fake_generate

from personalign.cli import data as cli_data
from personalign.rewards.data import load_pairs
from personalign.rewards.preferences import lookup
from personalign.rewards.synth import Completion


@pytest.fixture
def scripted(monkeypatch):
    calls = []

    def factory(model, device, dtype, max_new_tokens, temperature, top_p):
        calls.append(dict(model=model, max_new_tokens=max_new_tokens, temperature=temperature))
        return fake_generate

    monkeypatch.setattr(cli_data, "engine_generate_fn", factory)
    return calls


def test_synth_cli_writes_valid_pairs_and_candidates(tmp_path, run_cli, scripted):
    out, cands, report = tmp_path / "pairs.jsonl", tmp_path / "cands.jsonl", tmp_path / "report.json"
    code, stdout, err = run_cli(["data", "synth", "--out", str(out), "--prompts", "12", "--candidates-per-pole", "1",
                              "--combo-candidates", "1", "--max-new-tokens", "64", "--seed", "3",
                              "--candidates-out", str(cands), "--report", str(report), "--quiet"])
    assert code == 0, err
    assert scripted == [dict(model="smollm2-135m-instruct", max_new_tokens=64, temperature=0.7)]
    pairs = load_pairs(out)
    assert f"wrote {len(pairs)} pairs" in stdout and "judged means" in stdout
    assert all(lookup(p.preference)[1] == "train" for p in pairs)
    # 12 prompts round-robin over topics: 12 different topics, all from the train split
    from personalign.rewards.prompts import load_prompts

    by_text = {p.prompt: p for p in load_prompts()}
    used = {by_text[p.prompt] for p in pairs}
    assert len({p.topic for p in used}) == 12 and {p.split for p in used} == {"train"}
    assert sum(1 for _ in open(cands)) == 12 * 7
    rep = json.loads(report.read_text())
    assert rep["pairs"] == len(pairs) and rep["seed"] == 3

    # the same candidates with held-out wordings: same answers, unseen preference texts, no generation
    held = tmp_path / "held.jsonl"
    code, stdout, err = run_cli(["data", "synth", "--out", str(held), "--from-candidates", str(cands),
                              "--wordings", "heldout", "--seed", "3"])
    assert code == 0, err
    assert len(scripted) == 1
    held_pairs = load_pairs(held)
    assert [(p.chosen, p.rejected) for p in held_pairs] == [(p.chosen, p.rejected) for p in pairs]
    assert all(lookup(p.preference)[1] == "heldout" for p in held_pairs)

    code, stdout, _ = run_cli(["data", "validate", str(held)])
    assert code == 0 and f"{len(held_pairs)} valid pairs" in stdout


def test_synth_cli_heldout_split_and_ultrafeedback(tmp_path, run_cli, scripted):
    uf = tmp_path / "uf.jsonl"
    uf.write_text("\n".join(json.dumps({"prompt": f"How do I learn skill number {i}?", "chosen": "x"})
                            for i in range(5)) + "\n" + json.dumps({"prompt": "y" * 400}) + "\n")
    out, cands = tmp_path / "p.jsonl", tmp_path / "c.jsonl"
    code, _, err = run_cli(["data", "synth", "--out", str(out), "--split", "heldout", "--prompts", "3",
                         "--include-ultrafeedback", str(uf), "--ultrafeedback-n", "2", "--candidates-per-pole", "1",
                         "--combo-candidates", "0", "--candidates-out", str(cands), "--quiet"])
    assert code == 0, err
    ids = {json.loads(line)["prompt_id"] for line in open(cands)}
    assert len([i for i in ids if i.startswith("uf-")]) == 2 and len(ids) == 5
    from personalign.rewards.prompts import load_prompts

    heldout = {p.id for p in load_prompts("heldout")}
    assert {i for i in ids if not i.startswith("uf-")} <= heldout


@pytest.mark.parametrize("args,message", [
    (["--split", "dev"], "--split"),
    (["--candidates-per-pole", "0"], "candidates_per_pole"),
    (["--wordings", "test"], "wording_split"),
    (["--prompts", "0"], "--prompts"),
    (["--threads", "0"], "--threads"),
    (["--from-candidates", "/nonexistent/c.jsonl"], "not found"),
    (["--include-ultrafeedback", "/nonexistent/uf.jsonl"], "not found"),
])
def test_synth_cli_bad_input_one_line_exit_2(tmp_path, run_cli, scripted, args, message):
    code, _, err = run_cli(["data", "synth", "--out", str(tmp_path / "o.jsonl"), "--quiet", *args])
    assert code == 2
    assert err.startswith("error:") and err.count("\n") == 1 and message in err


def test_engine_generate_fn_with_tiny_model(tmp_path, tiny_base):
    from personalign.models.tiny import save_tiny

    path = save_tiny(tiny_base, tmp_path / "tiny")
    gen = cli_data.engine_generate_fn(str(path), "cpu", "float32", 6, 0.7, 1.0)
    prompts, systems = ["Why is the sky blue?", "How do I bake bread?"], ["Be short.", "Be warm."]
    first = gen(prompts, systems, 11)
    assert len(first) == 2 and all(isinstance(c, Completion) for c in first)
    assert first == gen(prompts, systems, 11)  # seeded
    # a random tiny model rarely emits EOS within 6 tokens; whatever it did must be reported faithfully
    for c in first:
        assert isinstance(c.text, str) and isinstance(c.truncated, bool)


def test_synth_cli_real_engine_path_with_tiny_model(tmp_path, run_cli, tiny_base):
    from personalign.models.tiny import save_tiny

    path = save_tiny(tiny_base, tmp_path / "tiny")
    out, cands = tmp_path / "p.jsonl", tmp_path / "c.jsonl"
    code, stdout, err = run_cli(["data", "synth", "--out", str(out), "--model", str(path), "--device", "cpu",
                              "--prompts", "2", "--candidates-per-pole", "1", "--combo-candidates", "1",
                              "--max-new-tokens", "8", "--candidates-out", str(cands), "--quiet"])
    rows = [json.loads(line) for line in open(cands)]
    assert len(rows) == 2 * 7
    assert {r["status"] for r in rows} <= {"ok", "empty", "repetitive", "truncated", "echoes steering prompt"}
    # gibberish from a random model may or may not yield a clear pair; both outcomes must be clean
    if code == 0:
        assert load_pairs(out)
    else:
        assert code == 2 and "no pair cleared" in err and not out.exists()


def test_synth_cli_resume_continues_a_stoppedrun_cli(tmp_path, run_cli, scripted):
    out, cands = tmp_path / "p.jsonl", tmp_path / "c.jsonl"
    args = ["data", "synth", "--prompts", "8", "--candidates-per-pole", "1", "--combo-candidates", "1",
            "--batch-size", "4", "--candidates-out", str(cands), "--quiet"]
    assert run_cli([*args, "--out", str(out)])[0] == 0
    lines = cands.read_text(encoding="utf-8").splitlines(keepends=True)
    cands.write_text("".join(lines[:12]), encoding="utf-8")  # as if stopped after 3 batches
    resumed = tmp_path / "r.jsonl"
    code, _, err = run_cli([*args, "--out", str(resumed), "--resume"])
    assert code == 0, err
    assert cands.read_text(encoding="utf-8").splitlines(keepends=True) == lines
    assert load_pairs(resumed) == load_pairs(out)
    code, _, err = run_cli(["data", "synth", "--out", str(out), "--resume", "--quiet"])
    assert code == 2 and "--resume" in err
