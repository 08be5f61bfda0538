"""Two-stage PersRM training: what each stage moves, determinism, exact resume, learning, CLI."""
import json
import math

import pytest
import torch

from personalign.errors import ConfigError
from personalign.models.tiny import save_tiny, tiny_llama
from personalign.rewards.data import PairRecord, write_pairs
from personalign.rewards.dpo import answer_logps, split_pairs
from personalign.rewards.persrm import PersRM
from personalign.rewards.train import PersRMTrainer, TrainConfig, _batch, score_pairs

QUESTIONS = ["What is the capital of France?", "How do I bake bread?", "Write a poem about the sea.",
             "Explain photosynthesis to a child."]
SHORT, LONG = "Paris.", "The sea is wide and deep and blue. Mix flour, water, salt and yeast, then knead."


def _pairs(repeat: int = 1) -> list[PairRecord]:
    pairs = []
    for q in QUESTIONS * repeat:
        pairs.append(PairRecord("Keep it short and friendly.", q, SHORT, LONG, dimension="length"))
        pairs.append(PairRecord("Answer in detail with examples.", q, LONG, SHORT, dimension="length"))
    return pairs


@pytest.fixture()
def base(tiny_tok):
    return tiny_llama(tiny_tok, seed=7)


def _config(**kw) -> TrainConfig:
    defaults = dict(stage1_steps=2, stage2_steps=1, batch_size=2, eval_every=100, stage1_lr=5e-3, stage2_lr=1e-3,
                    lora_r=4, lora_alpha=8, warmup_ratio=0.0)
    return TrainConfig(**{**defaults, **kw})


def _snapshot(persrm: PersRM) -> dict:
    return {n: p.detach().clone() for n, p in persrm.model.named_parameters()}


def _changed(before: dict, after: dict) -> set[str]:
    return {n for n in before if not torch.equal(before[n], after[n])}


def test_stage1_moves_only_lora_and_stage2_only_the_value_head(base, tmp_path):
    pairs = _pairs()
    first = PersRMTrainer(base, pairs, None, _config(), out_dir=tmp_path, progress=False)
    start = _snapshot(first.persrm)
    result = first.run(stop_after=2)  # exactly stage 1; the stop lands on the stage boundary
    assert not result.finished
    after1 = _snapshot(first.persrm)
    moved = _changed(start, after1)
    assert moved and all("lora_" in n for n in moved)
    assert any("lora_B" in n for n in moved)
    assert not any("value_head" in n for n in moved)

    second = PersRMTrainer(base, pairs, None, _config(), out_dir=tmp_path, progress=False)
    second.run(resume=True)  # one stage-2 step
    after2 = _snapshot(second.persrm)
    assert all(torch.equal(after1[n], after2[n]) for n in after1 if "lora_" in n)  # resumed LoRA, then frozen
    moved = _changed(after1, after2)
    assert moved == {"value_head.weight", "value_head.bias"}
    # the backbone never moves: its tensors are the base model's own and still equal a fresh copy
    assert all(torch.equal(p, tiny_llama(base.tokenizer, seed=7).model.state_dict()[n])
               for n, p in base.model.state_dict().items())


def test_reference_logps_are_the_frozen_backbone_without_preference(base):
    trainer = PersRMTrainer(base, _pairs(), None, _config(), progress=False)
    trainer._reference_logps()
    pairs = trainer.train_set[:3]
    batch = _batch(pairs, trainer.pad_id, reference=True)
    assert "user_preferences" not in base.tokenizer.decode(pairs[0].reference_context)
    assert "user_preferences" in base.tokenizer.decode(pairs[0].policy_context)
    with torch.no_grad():
        c, r = split_pairs(answer_logps(base.model, batch))
    torch.testing.assert_close(trainer.ref_train[[p.index for p in pairs]].float(), torch.stack([c, r], 1),
                               atol=1e-4, rtol=1e-5)
    same = PersRMTrainer(base, _pairs(), None, _config(reference_input="same"), progress=False)
    assert same.train_set[0].reference_context == same.train_set[0].policy_context


def test_same_seed_same_result_different_seed_different(base):
    runs = [PersRMTrainer(base, _pairs(), None, _config(seed=s), progress=False).run().persrm for s in (1, 1, 2)]
    a, b, c = (_snapshot(r) for r in runs)
    assert not _changed(a, b)
    assert _changed(a, c)


def test_resume_mid_stage_is_exact(base, tmp_path, monkeypatch):
    cfg = dict(stage1_steps=4, stage2_steps=2, lora_dropout=0.1, checkpoint_every=1, eval_every=2)
    full = PersRMTrainer(base, _pairs(), _pairs()[:4], _config(**cfg), out_dir=tmp_path / "full",
                         progress=False).run()
    part = PersRMTrainer(base, _pairs(), _pairs()[:4], _config(**cfg), out_dir=tmp_path / "part", progress=False)
    assert not part.run(stop_after=3).finished
    resumed_trainer = PersRMTrainer(base, _pairs(), _pairs()[:4], _config(**cfg), out_dir=tmp_path / "part",
                                    progress=False)
    # the cached reference log-probs are reused, not recomputed
    def recompute(*args, **kwargs):
        raise AssertionError("reference log-probs recomputed on resume")

    monkeypatch.setattr("personalign.rewards.train.reference_logps", recompute)
    resumed = resumed_trainer.run(resume=True)
    assert resumed.finished
    assert not _changed(_snapshot(full.persrm), _snapshot(resumed.persrm))
    timing = ("train_seconds", "train_tokens_per_second")
    key = lambda h: [{k: v for k, v in r.items() if k not in timing} for r in h]  # noqa: E731
    assert key(full.history) == key(resumed.history)


def test_resume_guards(base, tmp_path):
    PersRMTrainer(base, _pairs(), None, _config(), out_dir=tmp_path, progress=False).run(stop_after=1)
    with pytest.raises(ConfigError, match="already holds a checkpoint"):
        PersRMTrainer(base, _pairs(), None, _config(), out_dir=tmp_path, progress=False).run()
    with pytest.raises(ConfigError, match="stage1_lr"):
        PersRMTrainer(base, _pairs(), None, _config(stage1_lr=1e-3), out_dir=tmp_path, progress=False).run(resume=True)
    with pytest.raises(ConfigError, match="data hash"):
        PersRMTrainer(base, _pairs()[:-1], None, _config(), out_dir=tmp_path, progress=False).run(resume=True)
    with pytest.raises(ConfigError, match="no checkpoint"):
        PersRMTrainer(base, _pairs(), None, _config(), out_dir=tmp_path / "new", progress=False).run(resume=True)


def test_training_raises_heldout_accuracy_and_saves_a_loadable_persrm(base, tmp_path):
    train, held = _pairs(repeat=2), _pairs()[::-1]
    cfg = _config(stage1_steps=12, stage2_steps=4, batch_size=4, eval_every=4)
    result = PersRMTrainer(base, train, held, cfg, out_dir=tmp_path / "rm", progress=False).run()
    evals = [h for h in result.history if "eval_accuracy" in h]
    assert evals[0]["step"] == 0 and evals[0]["stage"] == 1
    assert evals[-1]["eval_loss"] < evals[0]["eval_loss"]
    assert evals[-1]["eval_accuracy"] >= 0.75 > evals[0]["eval_accuracy"]
    lines = (tmp_path / "rm" / "metrics.jsonl").read_text().splitlines()
    assert [json.loads(x) for x in lines] == result.history
    config = json.loads((tmp_path / "rm" / "persrm_config.json").read_text())
    assert config["data_hash"] and config["stages"]["stage1"]["steps"] == 12
    assert config["stages"]["stage2"]["trained"] == "value_head"
    loaded = PersRM.from_pretrained(tmp_path / "rm", base=base)
    ids = torch.tensor([loaded.reward_input_ids(QUESTIONS[0], "Keep it short and friendly.")])
    with torch.no_grad():
        assert torch.equal(loaded.model(ids).logits, result.persrm.model(ids).logits)
    # The stand-alone scorer (eval-rm) agrees with the trainer's own evaluation, pair by pair.
    scores = score_pairs(loaded, held, max_length=cfg.max_length)
    assert scores.scored == list(range(len(held))) and not scores.skipped
    assert scores.accuracy() == evals[-1]["eval_accuracy"]
    assert float(scores.margins.mean()) == pytest.approx(evals[-1]["eval_margin"], abs=1e-5)
    assert scores.accuracy([0, 1]) == float((scores.margins[:2] > 0).double().mean())


def test_too_long_pairs_are_reported(base):
    long_prompt = "Explain quantum mechanics to an expert. " * 40
    pairs = _pairs() + [PairRecord("Be blunt and formal.", long_prompt, SHORT, LONG)]
    trainer = PersRMTrainer(base, pairs, None, _config(max_length=300), progress=False)
    assert trainer.skipped_train == 1 and len(trainer.train_set) == len(pairs) - 1
    with pytest.raises(ConfigError, match="longer than max_length"):
        PersRMTrainer(base, pairs[-1:], None, _config(max_length=300), progress=False)


def test_answers_cut_by_a_token_limit_get_no_eos(base):
    from personalign.models import encode_text
    from personalign.rewards.train import encode_pairs

    persrm = PersRM.create(base)
    eos = base.tokenizer.eos_token_id
    pairs = [PairRecord("Answer in detail.", QUESTIONS[0], LONG, SHORT),
             PairRecord("Answer in detail.", QUESTIONS[0], LONG, SHORT, chosen_truncated=True),
             PairRecord("Answer in detail.", QUESTIONS[0], LONG, SHORT, rejected_truncated=True)]
    (plain, cut_chosen, cut_rejected), skipped = encode_pairs(persrm, pairs, max_length=300,
                                                              eos_after_truncated=False)
    long_ids, short_ids = encode_text(base.tokenizer, LONG), encode_text(base.tokenizer, SHORT)
    assert not skipped
    assert plain.chosen == long_ids + [eos] and plain.rejected == short_ids + [eos]
    assert cut_chosen.chosen == long_ids and cut_chosen.rejected == short_ids + [eos]
    assert cut_rejected.chosen == long_ids + [eos] and cut_rejected.rejected == short_ids
    # By default (how the shipped PersRM was trained) every answer ends with EOS, flagged or not.
    default, _ = encode_pairs(persrm, pairs, max_length=300)
    assert all(p.chosen == long_ids + [eos] and p.rejected == short_ids + [eos] for p in default)
    trainer = PersRMTrainer(base, pairs, None, _config(max_length=300, eos_after_truncated=False), progress=False)
    assert [p.chosen[-1] == eos for p in trainer.train_set] == [True, False, True]
    with pytest.raises(ConfigError, match="eos_after_truncated"):
        _config(eos_after_truncated="no").validate()


@pytest.mark.parametrize("bad", [dict(beta=0), dict(stage1_lr=float("nan")), dict(batch_size=0),
                                 dict(reference_input="other"), dict(stage1_steps=-1), dict(max_length=4)])
def test_config_validation(bad):
    with pytest.raises(ConfigError):
        TrainConfig(**bad).validate()


def _cli(argv):
    from personalign.cli.main import main

    try:
        main(argv)
    except SystemExit as exc:
        return exc.code
    return 0


def _train_rm_argv(base, tmp_path):
    """(argv of a 3-step train-rm on the tiny model saved to disk, its --out, its --eval-data)."""
    model_dir = save_tiny(base, tmp_path / "tiny")
    data, held = tmp_path / "train.jsonl", tmp_path / "held.jsonl"
    write_pairs(data, _pairs())
    write_pairs(held, _pairs()[:4])
    out = tmp_path / "rm"
    argv = ["train-rm", "--data", str(data), "--eval-data", str(held), "--out", str(out), "--model", str(model_dir),
            "--stage1-steps", "2", "--stage2-steps", "1", "--lr", "1e-3", "--batch-size", "2", "--no-progress",
            "--device", "cpu"]
    return argv, out, held


def test_cli_train_rm(base, tmp_path, capsys):
    argv, out, held = _train_rm_argv(base, tmp_path)
    code = _cli(argv)
    assert code == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["final_eval_accuracy"] is not None and summary["train_pairs"] == 8
    assert (out / "value_head.safetensors").is_file() and (out / "adapter_model.safetensors").is_file()
    assert _cli(["eval-rm", "--persrm", str(out), "--data", str(held), "--json", "--device", "cpu"]) == 0
    report = json.loads(capsys.readouterr().out)[str(held)]
    assert report["accuracy"] == summary["final_eval_accuracy"] and report["scored"] == 4
    assert report["by_dimension"]["length"]["pairs"] == 4
    assert _cli(["eval-rm", "--persrm", str(out), "--data", str(tmp_path / "nope.jsonl")]) == 2
    assert "not found" in capsys.readouterr().err
    shipped = tmp_path / "shipped"
    assert _cli(["export-rm", "--persrm", str(out), "--out", str(shipped), "--recommended-weight", "2"]) == 0
    assert "float16" in capsys.readouterr().out
    assert (shipped / "value_head.safetensors").stat().st_size < 0.6 * (out / "value_head.safetensors").stat().st_size
    assert PersRM.from_pretrained(shipped, device="cpu").config.recommended_weight == 2.0
    assert _cli(["export-rm", "--persrm", str(out), "--out", str(shipped)]) == 2
    assert "not empty" in capsys.readouterr().err
    # a second run into the same directory needs --resume; resuming a finished run just re-saves it
    assert _cli(argv) == 2
    assert "--resume" in capsys.readouterr().err
    assert _cli(argv + ["--resume"]) == 0
    assert _cli(argv[:-2] + ["--resume", "--lr", "5e-3"]) == 2
    assert "stage1_lr" in capsys.readouterr().err
    assert json.loads((out / "persrm_config.json").read_text())["stages"]["eos_after_truncated"] is True
    cut = tmp_path / "rm_cut"
    argv_cut = [cut if a == str(out) else a for a in argv]
    assert _cli([str(a) for a in argv_cut] + ["--no-eos-after-truncated"]) == 0
    capsys.readouterr()
    assert json.loads((cut / "persrm_config.json").read_text())["stages"]["eos_after_truncated"] is False


def test_cli_train_rm_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"preference": "p", "prompt": "q", "chosen": "a", "rejected": "b"}) + "\n"
                   + "{not json\n" + json.dumps({"preference": "p", "prompt": "q", "chosen": "a"}) + "\n")
    assert _cli(["train-rm", "--data", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "line 2" in err and "line 3" in err and "rejected" in err
    assert _cli(["train-rm", "--data", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")]) == 2
    assert "not found" in capsys.readouterr().err
    good = tmp_path / "good.jsonl"
    write_pairs(good, _pairs())
    assert _cli(["train-rm", "--data", str(good), "--out", str(tmp_path / "o"), "--beta", "-1"]) == 2
    assert "beta" in capsys.readouterr().err
    assert _cli(["train-rm", "--data", str(good), "--out", str(tmp_path / "o"), "--stage1-steps", "x"]) == 2


def test_persrm_from_checkpoint_is_the_run_as_it_stood(base, tmp_path):
    from personalign.rewards.train import persrm_from_checkpoint

    cfg = _config(stage1_steps=4, checkpoint_every=1)
    trainer = PersRMTrainer(base, _pairs(), None, cfg, out_dir=tmp_path, progress=False)
    assert not trainer.run(stop_after=3).finished
    exported = persrm_from_checkpoint(base, tmp_path / "checkpoint")
    ours = {n: p for n, p in trainer.persrm.model.named_parameters() if "lora_" in n or "value_head" in n}
    theirs = dict(exported.model.named_parameters())
    assert ours and all(torch.equal(p, theirs[n]) for n, p in ours.items())
    assert exported.config.stages["checkpoint"]["step"] == 3
    assert exported.config.stages["checkpoint"]["planned_steps"]["stage1"] == 4
    ids = exported.reward_input_ids(QUESTIONS[0], "Keep it short and friendly.")
    with torch.no_grad():
        a = trainer.persrm.model(input_ids=torch.tensor([ids])).logits
        b = exported.model(input_ids=torch.tensor([ids])).logits
    assert torch.allclose(a, b)
    with pytest.raises(ConfigError, match="no checkpoint"):
        persrm_from_checkpoint(base, tmp_path / "nowhere")


def test_cli_stop_after_and_export_from_checkpoint(base, tmp_path, capsys):
    model_dir = save_tiny(base, tmp_path / "tiny")
    data = tmp_path / "train.jsonl"
    write_pairs(data, _pairs())
    out = tmp_path / "rm"
    argv = ["train-rm", "--data", str(data), "--out", str(out), "--model", str(model_dir), "--stage1-steps", "4",
            "--stage2-steps", "1", "--batch-size", "2", "--no-progress", "--device", "cpu"]
    assert _cli(argv + ["--stop-after", "0"]) == 2
    assert "--stop-after" in capsys.readouterr().err
    assert _cli(argv + ["--stop-after", "2"]) == 0
    assert "stopped after 2" in capsys.readouterr().out
    assert not (out / "adapter_model.safetensors").exists()
    shipped = tmp_path / "shipped"
    assert _cli(["export-rm", "--persrm", str(out), "--out", str(shipped), "--from-checkpoint",
                 "--model", str(model_dir)]) == 0
    loaded = PersRM.from_pretrained(shipped, base=base, device="cpu")
    assert loaded.config.stages["checkpoint"]["step"] == 2
    assert _cli(["export-rm", "--persrm", str(tmp_path / "none"), "--out", str(tmp_path / "x"), "--from-checkpoint",
                 "--model", str(model_dir)]) == 2
    assert "no checkpoint" in capsys.readouterr().err


def test_length_normalized_dpo_loss_matches_a_per_pair_reference():
    from personalign.rewards.dpo import dpo_loss

    gen = torch.Generator().manual_seed(0)
    pc, pr, rc, rr = (torch.randn(5, generator=gen, dtype=torch.float64) * 20 for _ in range(4))
    nc, nr = torch.tensor([3, 60, 128, 1, 7]), torch.tensor([90, 2, 128, 5, 7])
    loss, margin = dpo_loss(pc, pr, rc, rr, 2.0, (nc, nr))
    for i in range(5):
        expected = 2.0 * ((float(pc[i]) - float(rc[i])) / int(nc[i]) - (float(pr[i]) - float(rr[i])) / int(nr[i]))
        assert margin[i].item() == pytest.approx(expected, rel=1e-12)
        assert loss[i].item() == pytest.approx(math.log1p(math.exp(-expected)), rel=1e-9)
    # lengths of one are summed DPO; without lengths nothing changes
    ones = torch.ones(5, dtype=torch.long)
    assert torch.equal(dpo_loss(pc, pr, rc, rr, 2.0, (ones, ones))[1], dpo_loss(pc, pr, rc, rr, 2.0)[1])


def test_cli_train_rm_length_normalized_is_recorded_and_scored_the_same_way(base, tmp_path, capsys):
    argv, out, held = _train_rm_argv(base, tmp_path)
    assert _cli(argv + ["--beta", "5", "--length-normalize"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    config = json.loads((out / "persrm_config.json").read_text())
    assert config["stages"]["length_normalize"] is True and config["beta"] == 5
    # eval-rm reads the setting from the PersRM: its accuracy is training's last held-out accuracy
    assert _cli(["eval-rm", "--persrm", str(out), "--data", str(held), "--json", "--device", "cpu"]) == 0
    assert json.loads(capsys.readouterr().out)[str(held)]["accuracy"] == summary["final_eval_accuracy"]
    # ... and its margins are per-token: β·(Δ_chosen/n_chosen − Δ_rejected/n_rejected), checked by hand
    from personalign.rewards.train import answer_lengths, encode_pairs, reference_logps

    persrm = PersRM.from_pretrained(out, device="cpu")
    held_pairs = _pairs()[:4]
    scores = score_pairs(persrm, held_pairs)
    encoded, _ = encode_pairs(persrm, held_pairs, 512, persrm.config.reference_input)
    ref = reference_logps(persrm, encoded)
    persrm.model.eval()
    with torch.no_grad():
        chosen, rejected = split_pairs(answer_logps(persrm.model, _batch(encoded, base.tokenizer.eos_token_id)))
    n_chosen, n_rejected = answer_lengths(encoded)
    per_token = 5 * ((chosen.double() - ref[:, 0]) / n_chosen - (rejected.double() - ref[:, 1]) / n_rejected)
    torch.testing.assert_close(scores.margins, per_token, rtol=1e-6, atol=1e-9)
    summed = 5 * ((chosen.double() - ref[:, 0]) - (rejected.double() - ref[:, 1]))
    assert not torch.allclose(scores.margins, summed)
    with pytest.raises(ConfigError, match="length_normalize"):
        _config(length_normalize=1).validate()
