"""rewards/data.py: the pairs JSONL format, plus the `personalign data validate` command."""
import json

import pytest

from personalign.cli.main import main
from personalign.rewards.data import (
    DataError,
    PairRecord,
    keep_chosen_ends,
    load_pairs,
    mark_truncated,
    pairs_hash,
    truncated_answers,
    write_pairs,
)

GOOD = {"preference": "Be concise.", "prompt": "Why is the sky blue?", "chosen": "Rayleigh scattering.",
        "rejected": "Because of a long story about light ...", "dimension": "length", "source": "synth"}


def _write(path, lines: list[bytes]):
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def test_round_trip_keeps_every_field(tmp_path):
    records = [PairRecord(**GOOD),
               PairRecord("Sé amable y breve 🙂", "¿Qué es el ADN?", "Una molécula.", "Una molécula muy larga...",
                          dimension="length+tone"),
               PairRecord("p", "q", "a", "b")]
    path = tmp_path / "sub" / "pairs.jsonl"
    assert write_pairs(path, records) == 3
    assert load_pairs(path) == records
    assert "🙂" in path.read_text(encoding="utf-8")  # UTF-8, not \u escapes
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp file left


def test_hash_is_stable_and_content_sensitive(tmp_path):
    records = [PairRecord(**GOOD), PairRecord("p", "q", "a", "b")]
    h = pairs_hash(records)
    assert h == pairs_hash(list(records)) and len(h) == 64
    write_pairs(tmp_path / "x.jsonl", records)
    assert pairs_hash(load_pairs(tmp_path / "x.jsonl")) == h
    assert pairs_hash(records[::-1]) != h
    assert pairs_hash([records[0], PairRecord("p", "q", "a", "c")]) != h
    # the hash is over canonical serialisation, so key order in the file does not matter
    shuffled = {k: GOOD[k] for k in reversed(list(GOOD))}
    _write(tmp_path / "y.jsonl", [json.dumps(shuffled).encode()])
    assert pairs_hash(load_pairs(tmp_path / "y.jsonl")) == pairs_hash([PairRecord(**GOOD)])


def test_every_bad_line_is_reported_by_number(tmp_path):
    good = json.dumps(GOOD).encode()
    lines = [
        good,                                                        # 1 ok
        b"{not json",                                                # 2
        json.dumps({**GOOD, "chosen": ""}).encode(),                 # 3 empty field
        b"",                                                         # 4 blank: skipped
        "préférence".encode("latin-1"),                              # 5 not UTF-8
        json.dumps({k: v for k, v in GOOD.items() if k != "prompt"}).encode(),  # 6 missing
        json.dumps({**GOOD, "rejected": GOOD["chosen"]}).encode(),   # 7 identical
        json.dumps({**GOOD, "score": 1}).encode(),                   # 8 unknown field
        json.dumps([1, 2]).encode(),                                 # 9 not an object
        json.dumps({**GOOD, "dimension": 3}).encode(),               # 10 wrong type
        good,                                                        # 11 ok
    ]
    with pytest.raises(DataError) as info:
        load_pairs(_write(tmp_path / "bad.jsonl", lines))
    numbers = [n for n, _ in info.value.problems]
    assert numbers == [2, 3, 5, 6, 7, 8, 9, 10]
    reasons = dict(info.value.problems)
    assert "UTF-8" in reasons[5] and "prompt" in reasons[6] and "identical" in reasons[7]
    assert "score" in reasons[8]
    assert "line 2" in str(info.value) and "(and 3 more)" in str(info.value)


def test_missing_file(tmp_path):
    from personalign.errors import PersonalignError

    with pytest.raises(PersonalignError, match="not found"):
        load_pairs(tmp_path / "nope.jsonl")


def _run(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


def test_validate_cli_counts(tmp_path, capsys):
    from personalign.rewards.preferences import combine, wordings

    records = [PairRecord(wordings("length", "concise")[0], "q1", "a", "b", "length", "synth"),
               PairRecord(wordings("tone", "warm", "heldout")[0], "q2", "a", "b", "tone", "synth"),
               PairRecord(combine(("length", "detailed"), ("tone", "blunt")), "q3", "a", "b", "length+tone", "synth"),
               PairRecord("Answer in French.", "q4", "a", "b"),
               PairRecord("Bottom line only. And no big words; be warm, please!", "q5", "a", "b")]
    path = tmp_path / "p.jsonl"
    write_pairs(path, records)
    main(["data", "validate", str(path)])  # returns normally on success
    out = capsys.readouterr().out
    assert "5 valid pairs" in out
    assert "length=1" in out and "length+tone=1" in out and "tone=1" in out and "(none)=2" in out
    assert "length:concise=1" in out and "length:detailed+tone:blunt=1" in out and "(unknown wording)=1" in out
    assert "length:concise+expertise:simple=1" in out  # "be warm, please" is no wording: only two poles named
    assert "heldout=1" in out and "train=2" in out


def test_validate_cli_bad_file_one_line_exit_2(tmp_path, capsys):
    path = _write(tmp_path / "bad.jsonl", [json.dumps(GOOD).encode(), b"\xff\xfe", b"{}"])
    code, out, err = _run(["data", "validate", str(path)], capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error:")
    assert "line 2" in err and "line 3" in err and "UTF-8" in err


def test_validate_cli_missing_file(tmp_path, capsys):
    code, _, err = _run(["data", "validate", str(tmp_path / "none.jsonl")], capsys)
    assert code == 2 and "not found" in err


def test_truncation_flags_round_trip_and_leave_old_files_unchanged(tmp_path):
    plain = PairRecord(**GOOD)
    assert '"chosen_truncated"' not in plain.to_json()  # False flags are not written: old hashes hold
    flagged = PairRecord(**GOOD, rejected_truncated=True)
    assert json.loads(flagged.to_json())["rejected_truncated"] is True
    write_pairs(tmp_path / "f.jsonl", [plain, flagged])
    assert load_pairs(tmp_path / "f.jsonl") == [plain, flagged]
    assert pairs_hash([plain]) != pairs_hash([flagged])
    assert truncated_answers([plain, flagged]) == {GOOD["rejected"]}
    _write(tmp_path / "bad.jsonl", [json.dumps({**GOOD, "chosen_truncated": "yes"}).encode()])
    with pytest.raises(DataError, match="line 1: 'chosen_truncated' must be true or false"):
        load_pairs(tmp_path / "bad.jsonl")


def test_mark_truncated_flags_what_the_predicate_says_and_keeps_set_flags():
    records = [PairRecord("p", "q", "one two", "one two three four five"),
               PairRecord("p", "q2", "a b c d", "x", chosen_truncated=False, rejected_truncated=True),
               PairRecord("p", "q3", "one two three four five", "a b c d")]
    calls = []

    def long(text):
        calls.append(text)
        return len(text.split()) >= 4

    marked = mark_truncated(records, long)
    assert [(r.chosen_truncated, r.rejected_truncated) for r in marked] == [(False, True), (True, True), (True, True)]
    assert [(r.prompt, r.chosen, r.rejected) for r in marked] == [(r.prompt, r.chosen, r.rejected) for r in records]
    assert sorted(calls) == sorted({"one two", "one two three four five", "a b c d"})  # each once; "x" already set


def test_keep_chosen_ends_clears_only_chosen_flags_the_predicate_picks():
    records = [PairRecord("Be concise.", "q", "a", "b", chosen_truncated=True, rejected_truncated=True),
               PairRecord("Be detailed.", "q", "a", "b", chosen_truncated=True, rejected_truncated=True),
               PairRecord("Be concise.", "q2", "c", "d", rejected_truncated=True)]
    kept = keep_chosen_ends(records, lambda r: "concise" in r.preference)
    assert [(r.chosen_truncated, r.rejected_truncated) for r in kept] == [(False, True), (True, True), (False, True)]
    assert kept[2] is records[2]


def test_mark_truncated_cli(tmp_path, run_cli, tiny_base):
    from personalign.models.tiny import save_tiny

    model = save_tiny(tiny_base, tmp_path / "tiny")
    src, out = tmp_path / "p.jsonl", tmp_path / "o.jsonl"
    write_pairs(src, [PairRecord(**GOOD)])
    base = ["data", "mark-truncated", "--pairs", str(src), "--out", str(out), "--model", str(model), "--quiet"]
    code, stdout, err = run_cli(base + ["--min-tokens", "1"])
    assert code == 0, err
    (record,) = load_pairs(out)
    assert record.chosen_truncated and record.rejected_truncated and "2 of 2 distinct answers" in stdout
    # with an end-probability bar: every probability is below 1 and above 1e-12 for a random model
    code, stdout, err = run_cli(base + ["--min-tokens", "1", "--max-end-prob", "1"])
    assert code == 0 and "2 of 2" in stdout, err
    code, stdout, err = run_cli(base + ["--min-tokens", "1", "--max-end-prob", "1e-12"])
    assert code == 0 and "0 of 2" in stdout, err
    (record,) = load_pairs(out)
    assert not record.chosen_truncated and not record.rejected_truncated
    code, stdout, err = run_cli(base + ["--min-tokens", "100000"])
    assert code == 0 and "0 of 2" in stdout, err
    # GOOD asks for concise answers: its chosen answer keeps its end, the rejected one is still flagged
    code, stdout, err = run_cli(base + ["--min-tokens", "1", "--keep-end-under", "concise"])
    assert code == 0 and "1 of 2" in stdout, err
    (kept,) = load_pairs(out)
    assert not kept.chosen_truncated and kept.rejected_truncated
    code, stdout, err = run_cli(base + ["--min-tokens", "1", "--keep-end-under", "detailed"])
    assert code == 0 and "2 of 2" in stdout, err
    code, stdout, err = run_cli(base + ["--min-tokens", "100000"])
    (record,) = load_pairs(out)
    for bad, message in ((["--min-tokens", "0"], "--min-tokens"), (["--min-tokens", "1", "--max-end-prob", "0"],
                                                                    "--max-end-prob"),
                         (["--min-tokens", "1", "--keep-end-under", "short"], "unknown pole 'short'"),
                         (["--min-tokens", "1", "--threads", "0"], "--threads must be >= 1")):
        code, stdout, err = run_cli(base + bad)
        assert code == 2 and message in err and "Traceback" not in stdout + err
    assert load_pairs(out) == [record]  # a bad call overwrites nothing
