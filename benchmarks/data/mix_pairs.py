"""PersRM v9's data: short-answer pairs for every request except "detailed", long-answer pairs for "detailed".

v2's pairs were synthesized at a 72-token cap, so its "detailed" chosen answers stop near 55 words; v8's
(128-token cap) teach "detailed" better but taught every request to run on (its concise answers stopped ending).
This takes each request kind from the data that suits it:

    python benchmarks/data/mix_pairs.py --short benchmarks/data/pairs_train_v2.jsonl \
        --long pairs_train_v8.jsonl --out pairs_train_v9.jsonl

PersRM v9, trained on this mix, was not shipped: its concise answers stopped ending (model card, Version 9).

A pair asks for "detailed" when `rewards.preferences.named_poles` finds a length:detailed wording in its request
(alone, in a hand-written two-pole wording, or composed with others). On v2's pairs this agrees with the length
judge (chosen longer) on 629 of the 633 pairs naming length; the 4 others are three-pole pairs whose chosen
answer is only not shorter.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter

from personalign.rewards.data import load_pairs
from personalign.rewards.preferences import named_poles

DETAILED = ("length", "detailed")


def asks_detailed(pair) -> bool:
    return DETAILED in named_poles(pair.preference)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", required=True, help="curated pairs with short answers (all but detailed)")
    parser.add_argument("--long", required=True, help="curated pairs with long answers (detailed only)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    short = [p for p in load_pairs(args.short) if not asks_detailed(p)]
    long = [p for p in load_pairs(args.long) if asks_detailed(p)]
    with open(args.out, "w", encoding="utf-8") as out:
        for pair in short + long:
            out.write(pair.to_json() + "\n")
    counts = {"short": dict(Counter(p.dimension for p in short)), "long": dict(Counter(p.dimension for p in long)),
              "pairs": len(short) + len(long)}
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
