"""train-rm from feedback: users' pairs with their profile as the preference, and a short PersRM refresh."""
import json

import pytest
import torch
from test_feedback_store import LONG, SHORT, UNSAFE, HashEmbedder, _choose, store  # noqa: F401 - `store` is a fixture

from personalign.feedback import FeedbackConfigError, NotEnoughPairsError, feedback_records, refresh_persrm
from personalign.memory import MemoryStore
from personalign.rewards.persrm import PersRM


def test_feedback_records_use_the_profile_and_skip_users_without_one(store):
    store.add_preference("amy", "Keep your answers short.", dimension="length", pole="concise")
    _choose(store, "amy", "Capital of France?", LONG, SHORT, "B")
    _choose(store, "amy", "How to stay safe?", "I can't help with that.", UNSAFE, "B")
    _choose(store, "ben", "Capital of France?", SHORT, LONG, "B")  # ben stated nothing
    found = feedback_records(store)
    assert found.users == {"amy": 1} and found.no_profile == ["ben"] and found.dropped_unsafe == 1
    (record,) = found.records
    assert record.preference == "Keep your answers short." and record.chosen == SHORT and record.source == "feedback"
    assert feedback_records(store, ["ben"]).records == []


def test_refresh_continues_training_an_existing_persrm(store, tiny_base, tmp_path, monkeypatch):
    store.add_preference("amy", "Keep your answers short.", dimension="length", pole="concise")
    for k in range(4):
        _choose(store, "amy", f"Question {k}?", "The sea is wide and deep and blue.", "Paris.", "B")
    start = tmp_path / "persrm"
    torch.manual_seed(0)
    PersRM.create(tiny_base, lora_r=4, lora_alpha=8).save_pretrained(start)
    before = {n: p.detach().clone() for n, p in PersRM.from_pretrained(start, base=tiny_base).model.named_parameters()
              if "lora_" in n}
    records = feedback_records(store).records
    out = tmp_path / "refreshed"
    result = refresh_persrm(tiny_base, start, records, out, steps=6, lr=5e-2, batch_size=2, max_length=512)
    assert result.feedback_pairs == 4 and result.steps == 6
    assert result.history[-1]["loss"] < result.history[0]["loss"]
    refreshed = PersRM.from_pretrained(out, base=tiny_base)
    after = {n: p for n, p in refreshed.model.named_parameters() if "lora_" in n}
    assert set(after) == set(before) and any(not torch.equal(after[n], before[n]) for n in before)
    assert refreshed.config.stages["feedback_refresh"]["feedback_pairs"] == 4
    lines = (out / "feedback_pairs.jsonl").read_text().splitlines()
    # The profile text, implicit preferences the memory inferred from these choices included.
    profile_text = store.profile("amy").preference_text
    assert profile_text.startswith("Keep your answers short.")
    assert len(lines) == 4 and json.loads(lines[0])["preference"] == profile_text
    with pytest.raises(FeedbackConfigError, match="new directory"):
        refresh_persrm(tiny_base, start, records, start, steps=1)
    # A PersRM trained on per-token log-ratios (train-rm --length-normalize) is refreshed with the same loss.
    import personalign.rewards.train as rewards_train  # the refresh's loss is training's (`pairs_dpo_loss`)

    seen = []
    real = rewards_train.dpo_loss
    monkeypatch.setattr(rewards_train, "dpo_loss", lambda *a: seen.append(a[5]) or real(*a))
    refresh_persrm(tiny_base, start, records, tmp_path / "summed", steps=1, batch_size=2, max_length=512)
    per_token = PersRM.from_pretrained(start, base=tiny_base)
    per_token.config.stages["length_normalize"] = True
    per_token.save_pretrained(tmp_path / "per_token")
    refresh_persrm(tiny_base, tmp_path / "per_token", records, tmp_path / "x2", steps=1, batch_size=2, max_length=512)
    assert seen[0] is None and [len(t) for t in seen[1]] == [2, 2] and all(int(n) > 1 for n in seen[1][0])
    with pytest.raises(NotEnoughPairsError):
        refresh_persrm(tiny_base, start, [], tmp_path / "x", steps=1)


def test_train_rm_feedback_cli(tmp_path, tiny_base, capsys, monkeypatch):
    from personalign.cli.main import main
    from personalign.models.tiny import save_tiny

    model_dir = save_tiny(tiny_base, tmp_path / "tiny")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    s = MemoryStore(db, embedder=HashEmbedder())
    s.add_preference("amy", "Keep your answers short.", dimension="length", pole="concise")
    for k in range(2):
        _choose(s, "amy", f"Question {k}?", LONG, SHORT, "B")
    s.close()
    start = tmp_path / "persrm"
    PersRM.create(tiny_base, lora_r=4, lora_alpha=8, backbone=str(model_dir)).save_pretrained(start)
    out = tmp_path / "refreshed"
    main(["train-rm-feedback", "--persrm", str(start), "--out", str(out), "--db", db, "--steps", "2",
          "--device", "cpu"])
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["feedback_pairs"] == 2 and summary["users"] == {"amy": 2} and summary["steps"] == 2
    assert (out / "persrm_config.json").is_file()
    with pytest.raises(SystemExit) as exc:
        main(["train-rm-feedback", "--persrm", str(tmp_path / "missing"), "--out", str(out), "--db", db])
    assert exc.value.code == 2 and "not a saved PersRM" in capsys.readouterr().err
    # The same through `train-rm --from-feedback`, with --data's pairs replayed alongside.
    from personalign.rewards.data import PairRecord, write_pairs

    data = tmp_path / "pairs.jsonl"
    write_pairs(data, [PairRecord("Be warm.", "Hi?", "Hello, friend!", "Hello.")] * 3)
    monkeypatch.setenv("PERSONALIGN_DB", db)
    main(["train-rm", "--from-feedback", str(start), "--data", str(data), "--out", str(tmp_path / "again"),
          "--stage1-steps", "1", "--device", "cpu"])
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["feedback_pairs"] == 2 and summary["replay_pairs"] == 2 and summary["steps"] == 1
