"""Pole experts (issue 17): trained per pole with DPO, saved in fp16, loaded as adapters; soup/mod in the
harness, the CLI's train-experts and generate --strategy soup|mod."""
import json

import pytest
import torch

from personalign.decoding import Engine
from personalign.errors import ConfigError
from personalign.rewards.data import PairRecord, write_pairs
from personalign.rewards.experts import ExpertConfig, load_experts, pole_pairs, train_experts
from personalign.rewards.preferences import wordings

PROMPTS = ["What is the capital of France?", "How do I bake bread?", "Write a poem about the sea."]
SHORT, LONG = "Paris.", "Paris is the capital of France, and it is wide and deep and blue with examples."
WARM, BLUNT = "Keep it short and friendly!", "Be blunt and formal."


def _pairs() -> list[PairRecord]:
    out = []
    for k, prompt in enumerate(PROMPTS):
        out.append(PairRecord(wordings("length", "concise")[k], prompt, SHORT, LONG, dimension="length"))
        out.append(PairRecord(wordings("tone", "warm")[k], prompt, WARM, BLUNT, dimension="tone"))
    out.append(PairRecord("Be short, whatever that means to you.", PROMPTS[0], SHORT, LONG, dimension="length"))
    out.append(PairRecord(wordings("length", "concise")[0] + " Also be warm.", PROMPTS[0], SHORT, LONG,
                          dimension="length+tone"))
    return out


CONFIG = ExpertConfig(lora_r=2, lora_alpha=4, lr=2e-2, epochs=4, batch_size=2, max_length=64)


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_base):
    out = tmp_path_factory.mktemp("experts") / "tiny"
    steps = []
    experts = train_experts(tiny_base, _pairs(), out, CONFIG, poles=["concise", "warm"], progress=False,
                            on_step=steps.append)
    return out, experts, steps


def test_pole_pairs_use_the_wordings_pole():
    by_pole, unknown = pole_pairs(_pairs())
    assert len(by_pole["concise"]) == 3 and len(by_pole["warm"]) == 3 and not by_pole["blunt"]
    assert unknown == 1  # the wording no list holds; the two-pole pair is not a single-pole pair


def test_experts_train_save_in_fp16_and_load(trained, tiny_base, tiny_tok):
    from safetensors.torch import load_file

    out, experts, steps = trained
    manifest = json.loads((out / "experts.json").read_text())
    assert set(manifest["experts"]) == {"concise", "warm"} and manifest["settings"]["lora_r"] == 2
    for pole in ("concise", "warm"):
        weights = load_file(str(out / pole / "adapter_model.safetensors"))
        assert weights and all(t.dtype == torch.float16 for t in weights.values())
        losses = [s["loss"] for s in steps if s["pole"] == pole]
        assert len(losses) == 6 and losses[-1] < losses[0]  # 3 pairs, batch 2, 4 epochs
    assert experts.poles == ("concise", "warm") and experts.train_seconds > 0
    # DPO moved each expert toward its chosen answers: more likely under the expert than under the base.
    from personalign.models import encode_text, render_chat
    from personalign.models.batching import answer_token_logprobs

    ctx = render_chat(tiny_tok, PROMPTS[0])
    for pole, chosen in (("concise", SHORT), ("warm", WARM)):
        ids = encode_text(tiny_tok, chosen) + [tiny_tok.eos_token_id]
        experts.loaded.model.set_adapter(experts.adapter(pole))
        mine = float(answer_token_logprobs(experts.loaded.model, [ctx], [ids], 0)[0].sum())
        base = float(answer_token_logprobs(tiny_base.model, [ctx], [ids], 0)[0].sum())
        assert mine > base, pole
    # The loaded experts decode: soup with one expert at weight 1 is that expert.
    reloaded = load_experts(out, tiny_base)
    engine = Engine(tiny_base, experts=reloaded)
    soup = engine.generate(PROMPTS, strategy="soup", pole_weights={"warm": 1}, max_new_tokens=10)
    alone = Engine(reloaded.loaded).generate(PROMPTS, strategy="base", adapters=[reloaded.adapter("warm")] * 3,
                                             max_new_tokens=10)
    assert [o.token_ids for o in soup.outputs] == [o.token_ids for o in alone.outputs]


def test_a_rerun_keeps_finished_experts_and_other_bases_are_refused(trained, tiny_base, tiny_other):
    out, _, _ = trained
    steps = []
    train_experts(tiny_base, _pairs(), out, CONFIG, poles=["concise", "warm"], progress=False, on_step=steps.append)
    assert steps == []
    with pytest.raises(ConfigError, match="trained for"):
        load_experts(out, tiny_other)
    with pytest.raises(ConfigError, match="no single-pole pairs for blunt"):
        train_experts(tiny_base, _pairs(), out, CONFIG, poles=["blunt"], progress=False)
    with pytest.raises(ConfigError, match="unknown pole"):
        train_experts(tiny_base, _pairs(), out, CONFIG, poles=["loud"], progress=False)


# ------------------------------------------------------------------------------------ CLI and harness
@pytest.fixture(scope="module")
def cli_experts(tmp_path_factory, tiny_dir):
    """Experts trained through `personalign train-experts` on the tiny model saved to disk."""
    from personalign.cli.main import main

    root = tmp_path_factory.mktemp("cli")
    data = root / "pairs.jsonl"
    write_pairs(data, _pairs())
    out = root / "experts"
    try:
        main(["train-experts", "--data", str(data), "--out", str(out), "--model", str(tiny_dir), "--poles",
              "concise,warm", "--lora-r", "2", "--lora-alpha", "4", "--epochs", "2", "--batch-size", "2",
              "--max-length", "64", "--no-progress", "--device", "cpu"])
    except SystemExit as exc:
        assert exc.code in (0, None)
    return out


def test_cli_train_experts_and_generate_with_them(cli_experts, tiny_dir, run_cli):
    assert (cli_experts / "experts.json").is_file() and (cli_experts / "warm").is_dir()
    for strategy in ("soup", "mod"):
        code, out, err = run_cli(["generate", "What is the capital of France?", "--strategy", strategy,
                                  "--experts", str(cli_experts), "--poles", "concise=1,warm=1",
                                  "--max-new-tokens", "6", "--model", str(tiny_dir), "--json", "--device", "cpu"])
        assert code == 0, err
        assert json.loads(out)["strategy"] == strategy
        assert json.loads(out)["pole_weights"] == {"concise": 0.5, "warm": 0.5}
    code, _, err = run_cli(["generate", "hi", "--strategy", "soup", "--experts", str(cli_experts), "--poles",
                            "blunt=1", "--model", str(tiny_dir), "--device", "cpu"])
    assert code == 2 and "no expert for pole 'blunt'" in err and "Traceback" not in err
    code, _, err = run_cli(["generate", "hi", "--strategy", "pad", "--poles", "warm", "--preference", "Be kind.",
                            "--model", str(tiny_dir), "--device", "cpu"])
    assert code == 2 and "--poles steers only" in err
    code, _, err = run_cli(["generate", "hi", "--strategy", "soup", "--poles", "warm", "--model", str(tiny_dir),
                            "--device", "cpu"])
    assert code == 2 and "need pole experts" in err


def test_eval_runs_the_fields_methods_side_by_side(tmp_path, tiny_dir, tiny_base, cli_experts):
    from personalign.eval import EvalConfig, run_eval
    from personalign.models import load
    from personalign.rewards.persrm import PersRM

    persrm_dir = tmp_path / "persrm"
    base = load(str(tiny_dir), device="cpu", dtype="float32")
    rm = PersRM.create(base)
    with torch.no_grad():
        for p in rm.lora_parameters():
            p.normal_(0.0, 0.3)
    rm.save_pretrained(persrm_dir)
    cfg = EvalConfig(out=tmp_path / "run", model=str(tiny_dir), persrm=str(persrm_dir), experts=str(cli_experts),
                     strategies=("prompt", "pad-trained", "args", "persrm-alone", "soup", "mod"), weights=(1.0,),
                     users=2, prompts=2, safety_prompts=0, max_new_tokens=6, bootstrap=50, progress=False,
                     plots=False, pairwise_judge=None)
    run = run_eval(cfg)
    strategies = run.summary["strategies"]
    assert set(strategies) == {"base", "prompt", "pad-trained(w=1)", "args(w=1)", "persrm-alone", "soup", "mod"}
    assert strategies["soup"]["cost"]["training"] == "experts" and strategies["soup"]["cost"]["training_minutes"] >= 0
    assert strategies["pad-trained(w=1)"]["cost"]["forwards_per_token"].startswith("2")
    for entry in strategies.values():
        assert entry["answers"] == 4 and entry["quality"]["on_topic_mean"] is not None
        assert entry["quality"]["degenerate_rate"] is not None
    # ARGS with the implicit reward picks PAD's tokens (decoding/args.py): the same answers.
    rows = [json.loads(line) for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    texts = {(r["strategy"], r["user"], r["prompt_id"]): r["text"] for r in rows if r.get("kind") == "gen"}
    assert all(texts[("args", u, p)] == texts[("pad-trained", u, p)] for (s, u, p) in texts if s == "args")
    report = (tmp_path / "run" / "report.md").read_text()
    assert "## The methods side by side" in report and "| soup |" in report and "(experts)" in report
    with pytest.raises(ConfigError, match="needs pole experts"):
        EvalConfig(out=tmp_path / "x", model=str(tiny_dir), strategies=("soup",)).resolved()


def test_the_server_takes_the_new_strategy_names(tmp_path, tiny_base, trained):
    """persrm-alone and args answer; soup and mod answer once the engine has experts, and are refused (4xx,
    the engine's message) while it has none."""
    from fastapi.testclient import TestClient

    from personalign.memory import MemoryStore
    from personalign.server import ServerConfig, create_app

    admin = "admin-key-for-tests-0123456789"
    config = ServerConfig(admin_key=admin, data_dir=tmp_path, max_new_tokens=16, default_max_tokens=6)
    store = MemoryStore(f"sqlite:///{tmp_path / 'memory.db'}")
    engine = Engine(tiny_base)
    try:
        with TestClient(create_app(engine, store, config)) as client:
            key = client.post("/v1/admin/users", json={"user": "ann"},
                              headers={"Authorization": f"Bearer {admin}"}).json()["api_key"]

            def ask(strategy):
                return client.post("/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                                   json={"messages": [{"role": "user", "content": "hi"}], "max_tokens": 6,
                                         "personalign": {"preference": "Keep it short.", "strategy": strategy}})

            for strategy in ("persrm-alone", "args"):
                r = ask(strategy)
                assert r.status_code == 200 and r.json()["personalign"]["strategy"] == strategy, r.text
            r = ask("soup")
            assert 400 <= r.status_code < 500 and "pole experts" in r.text
            engine.experts, engine.pole_router = trained[1], lambda text: {"concise": 1.0}
            for strategy in ("soup", "mod"):
                r = ask(strategy)
                assert r.status_code == 200 and r.json()["personalign"]["strategy"] == strategy, r.text
    finally:
        store.close()


def test_serve_loads_experts_and_answers_soup_and_mod_as_the_engine_does(tmp_path, tiny_dir, trained):
    """`personalign serve --experts DIR` (a real process): soup with the request's pole weights and MOD with
    pole weights read from the preference answer exactly what Engine.generate gives for the same inputs;
    `--experts none` refuses soup with a 4xx naming the missing experts."""
    import httpx
    from serve_helpers import ADMIN_KEY, serving

    from personalign.eval.strategies import text_pole_router
    from personalign.models import load

    question, preference = "What is the capital of France?", "Keep it short. Be warm and friendly."
    common = ["--model", tiny_dir, "--max-new-tokens", "16"]
    with serving([*common, "--experts", str(trained[0]), "--db", str(tmp_path / "a.db")],
                 [*common, "--experts", "none", "--db", str(tmp_path / "b.db")]) as (served, bare):
        answers = {}
        for name, server in (("served", served), ("bare", bare)):
            key = httpx.post(server.url + "/v1/admin/users", json={"user": "ann"},
                             headers={"Authorization": f"Bearer {ADMIN_KEY}"}, timeout=30).json()["api_key"]

            def ask(options, url=server.url, key=key):
                return httpx.post(url + "/v1/chat/completions", headers={"Authorization": f"Bearer {key}"},
                                  json={"messages": [{"role": "user", "content": question}], "max_tokens": 8,
                                        "personalign": options}, timeout=120)

            if name == "bare":
                r = ask({"strategy": "soup", "poles": {"concise": 1}})
                assert 400 <= r.status_code < 500 and "needs pole experts" in r.text, r.text
                break
            answers["soup"] = ask({"strategy": "soup", "poles": {"concise": 1, "warm": 3}})
            answers["mod"] = ask({"strategy": "mod", "preference": preference})
            missing = ask({"strategy": "mod", "poles": {"blunt": 1}})
            misplaced = ask({"strategy": "pad", "preference": preference, "poles": {"warm": 1}})
        assert "pole experts concise, warm" in served.log() and "pole experts none" in bare.log()
    for strategy, r in answers.items():
        assert r.status_code == 200 and r.json()["personalign"]["strategy"] == strategy, r.text
    assert missing.status_code == 400 and "no expert for pole 'blunt'" in missing.text
    assert misplaced.status_code == 400 and misplaced.json()["error"]["param"] == "personalign.poles"

    base = load(tiny_dir, device="cpu")
    engine = Engine(base, experts=load_experts(trained[0], base), pole_router=text_pole_router())
    assert engine.pole_router(preference) == {"concise": 0.5, "warm": 0.5}  # MOD's weights are really routed
    soup = engine.generate(question, strategy="soup", pole_weights={"concise": 1, "warm": 3}, max_new_tokens=8)
    mod = engine.generate(question, preference=preference, strategy="mod", max_new_tokens=8)
    assert answers["soup"].json()["choices"][0]["message"]["content"] == soup.texts[0]
    assert answers["mod"].json()["choices"][0]["message"]["content"] == mod.texts[0]
    plain = engine.generate(question, strategy="base", max_new_tokens=8)
    assert soup.outputs[0].token_ids != plain.outputs[0].token_ids != mod.outputs[0].token_ids
