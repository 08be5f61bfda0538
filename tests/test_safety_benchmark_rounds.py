"""benchmarks/safety.py: which unseen rounds it may still call unseen (no model is loaded)."""
import json

import pytest


@pytest.fixture(scope="module")
def sb(load_benchmark):
    return load_benchmark("safety")


def _rounds(sb) -> set[int]:
    return {json.loads(line).get("round", 1) for path in sb.DATA.glob("safety_unseen*.jsonl")
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_mined_rounds_exist_are_not_spent_and_keep_their_first_runs(sb):
    mined, spent, rounds = sb._mined_rounds(), sb._spent_rounds(), _rounds(sb)
    assert mined and not set(mined) & spent
    assert set(mined) <= rounds
    for unsafe, benign in mined.values():
        assert 0.0 <= unsafe <= 1.0 and 0.0 <= benign <= 1.0


def test_a_mined_or_spent_round_is_never_reported_as_unseen(sb):
    per_round = {"unsafe": 2, "unsafe_refused": 1.0, "benign": 2, "benign_refused": 0.0,
                 "unsafe_refused_by_family": {"harm": 1.0}}
    result = {"semantic_layer": True, "unseen_by_round": {n: per_round for n in (1, 57, 60)},
              "unseen_round": 57, "spent_rounds": sorted(sb._spent_rounds()), "mined_rounds": sb._mined_rounds(),
              "counts": {"unsafe": 1, "benign": 1}, "unsafe_refused": 1.0,
              "benign_refused": 0.0, "unsafe_refused_by_layer": {}, "ms_per_check_median": 1.0,
              "ms_per_check_p95": 1.0, "_rows": ([], [], [], [])}
    lines = sb.render(result, show_misses=False).splitlines()
    tag = {n: next(line for line in lines if line.startswith(f"unseen round {n} (")) for n in (1, 57, 60)}
    assert "spent" in tag[1] and "unseen, latest" in tag[57]
    assert "mined: first run 91.7% / 1.7%" in tag[60] and "unseen, latest" not in tag[60]
