"""`personalign eval --judge-url` end to end against a real `personalign serve` (tiny model, subprocess) as
the judge endpoint: verdict rows per pole, the report section, a resumed run that asks nothing again
(counted by the interactions the server recorded for the judge's user), and the CLI's one-line errors for
a model the server does not have and a refused key."""
import json

import httpx
import pytest
from serve_helpers import ADMIN_KEY, serving

from personalign.eval.api_judge import API_KEY_ENV, CACHE_FILE, ROW_KIND
from personalign.models.tiny import save_tiny


@pytest.fixture(scope="module")
def judge_server(tmp_path_factory):
    """`personalign serve` on the tiny model; yields (base url, judge user's key, admin key, model dir)."""
    from personalign.models.tiny import tiny_llama

    root = tmp_path_factory.mktemp("judge-serve")
    tiny = tiny_llama(seed=0)
    # The judge reads a question and two answers; the tiny model's random answers re-encode to many byte
    # tokens, so give it a context long enough for them (rotary positions work at any length).
    tiny.model.config.max_position_embeddings = 2048
    model_dir = save_tiny(tiny, root / "tiny-model")
    with serving(["--model", str(model_dir), "--db", str(root / "memory.db"), "--max-new-tokens", "32"]) as (judge,):
        made = httpx.post(judge.url + "/v1/admin/users", json={"user": "judge"},
                          headers={"Authorization": f"Bearer {ADMIN_KEY}"}, timeout=30)
        assert made.status_code in (200, 201), made.text
        yield judge.url, made.json()["api_key"], ADMIN_KEY, model_dir


def _asked(url, key) -> int:
    """Chat completions the server answered for the judge's user (each one is a recorded interaction)."""
    export = httpx.get(url + "/v1/users/judge/export", headers={"Authorization": f"Bearer {key}"}, timeout=30)
    assert export.status_code == 200, export.text
    return len(export.json()["interactions"])


def _eval(out, model_dir, url, model, *extra):
    from personalign.cli.main import main

    main(["eval", "--out", str(out), "--model", str(model_dir), "--strategies", "prompt", "--users", "2",
          "--prompts", "1", "--safety-prompts", "0", "--max-new-tokens", "6", "--pairwise-judge", "none",
          "--bootstrap", "50", "--no-plots", "--no-progress", "--device", "cpu", "--judge-url", url,
          "--judge-model", model, "--judge-concurrency", "2", *extra])


def _rows(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_eval_with_served_judge_writes_verdicts_and_never_asks_twice(judge_server, tmp_path, monkeypatch):
    url, key, _, model_dir = judge_server
    monkeypatch.setenv(API_KEY_ENV, key)
    out = tmp_path / "run"
    before = _asked(url, key)
    _eval(out, model_dir, url + "/v1", model_dir.name)

    rows = [r for r in _rows(out / "results.jsonl") if r["kind"] == ROW_KIND]
    users = json.loads((out / "manifest.json").read_text())["users"]
    assert len(rows) == 2  # prompt vs base, 2 users × 1 prompt
    for row in rows:
        assert row["judge"] == f"api:{model_dir.name}" and row["opponent"] == "base"
        poles = next(u["poles"] for u in users if u["id"] == row["user"])
        assert set(row["poles"]) == {f"{d}:{p}" for d, p in poles.items()}  # one verdict per requested pole
        for v in row["poles"].values():
            assert v["score"] == {("A", "B"): 1.0, ("B", "A"): 0.0}.get((v["first"], v["second"]), 0.5)
            assert {v["first"], v["second"]} <= {"A", "B", None, "same"}

    cache = _rows(out / CACHE_FILE)
    asked = _asked(url, key) - before
    assert asked == len(cache) > 0  # every reply cached, one request per distinct question
    assert all(c["model"] == model_dir.name and isinstance(c["reply"], str) for c in cache)
    summary = json.loads((out / "summary.json").read_text())
    table = summary["api_judge"][f"api:{model_dir.name}"]["prompt vs base"]
    assert table["questions"] == sum(1 for r in rows for v in r["poles"].values() if v["first"] != "same") * 2
    # The tiny random model never names an answer clearly: every such reply is a tie, counted as unparseable.
    parsed = sum(c["verdict"] is not None for c in cache)
    assert table["unparseable"] >= len(cache) - parsed
    report = (out / "report.md").read_text()
    assert f"## API judge `api:{model_dir.name}`" in report and "| prompt vs base |" in report
    assert f"api:{model_dir.name}" in summary["run"]["judges"]

    # A run interrupted after judging (verdict rows lost, replies cached) resumes without asking again.
    kept = [line for line in (out / "results.jsonl").read_text().splitlines() if f'"kind": "{ROW_KIND}"' not in line]
    (out / "results.jsonl").write_text("\n".join(kept) + "\n")
    _eval(out, model_dir, url + "/v1", model_dir.name)
    assert _asked(url, key) - before == asked
    assert len(_rows(out / CACHE_FILE)) == len(cache)
    again = [r for r in _rows(out / "results.jsonl") if r["kind"] == ROW_KIND]
    assert sorted(json.dumps(r["poles"], sort_keys=True) for r in again) == \
           sorted(json.dumps(r["poles"], sort_keys=True) for r in rows)


@pytest.mark.parametrize("model, key, message", [
    ("gpt-4o", "judge", "does not serve model 'gpt-4o'; it serves: tiny-model"),
    ("tiny-model", "pa-0000.wrong", "HTTP 401"),
    ("tiny-model", None, "no API key was sent: set $PERSONALIGN_JUDGE_API_KEY"),
])
def test_cli_errors_against_the_served_judge(judge_server, tmp_path, monkeypatch, capsys, model, key, message):
    url, judge_key, _, model_dir = judge_server
    monkeypatch.delenv(API_KEY_ENV, raising=False)
    if key:
        monkeypatch.setenv(API_KEY_ENV, judge_key if key == "judge" else key)
    with pytest.raises(SystemExit) as exc:
        _eval(tmp_path / "x", model_dir, url, model)  # a bare host URL: /v1 is added
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and err.startswith("error: ")
