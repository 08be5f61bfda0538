"""benchmarks/data/mix_pairs.py: which curated pairs ask for "detailed" (PersRM v9's data mix)."""
import importlib.util
import json
import random
from pathlib import Path

import pytest

from personalign.rewards.curate import combine_poles, triples
from personalign.rewards.data import PairRecord
from personalign.rewards.preferences import combinations_of_poles, poles

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "mix_pairs.py"


@pytest.fixture(scope="module")
def mix():
    spec = importlib.util.spec_from_file_location("mix_pairs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pair(preference: str, dimension: str = "length") -> PairRecord:
    return PairRecord(preference, "How do I make tea?", "a", "b", dimension, "curated")


def test_every_composed_request_is_read_as_detailed_exactly_when_it_names_detailed(mix):
    rng = random.Random(0)
    targets = [(p,) for p in poles()] + combinations_of_poles() + triples()
    for target in targets:
        for _ in range(20):  # every joiner, order and hand-written combination drawn several times
            wording = combine_poles(target, rng)
            assert mix.asks_detailed(_pair(wording)) == (("length", "detailed") in target), (target, wording)


def test_the_mix_takes_detailed_from_long_and_the_rest_from_short(mix, tmp_path, capsys):
    rng = random.Random(1)
    detailed, concise = combine_poles((("length", "detailed"),), rng), combine_poles((("length", "concise"),), rng)
    short, long = tmp_path / "short.jsonl", tmp_path / "long.jsonl"
    short.write_text(_pair(detailed).to_json() + "\n" + _pair(concise).to_json() + "\n")
    long.write_text(_pair(detailed, "helpfulness").to_json() + "\n" + _pair(concise).to_json() + "\n")
    mix.main(["--short", str(short), "--long", str(long), "--out", str(tmp_path / "out.jsonl")])
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(r["preference"], r["dimension"]) for r in rows] == [(concise, "length"), (detailed, "helpfulness")]
    assert json.loads(capsys.readouterr().out)["pairs"] == 2
