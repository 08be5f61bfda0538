"""PersRM v9's data: short-answer pairs for every request except "detailed", long-answer pairs for "detailed".

v2's pairs were synthesized at a 72-token cap, so its "detailed" chosen answers stop near 55 words; v8's
(128-token cap) teach "detailed" better but taught every request to run on (its concise answers stopped ending).
This takes each request kind from the data that suits it:

    python benchmarks/data/mix_pairs.py --short benchmarks/data/pairs_train_v2.jsonl \
        --long pairs_train_v8.jsonl --out pairs_train_v9.jsonl

PersRM v9, trained on this mix, was not shipped: its concise answers stopped ending (model card, Version 9).

A pair asks for "detailed" when its wording contains a training wording of length:detailed (alone, or as
curation composes it: a hand-written two-pole wording, or lower-cased after a joiner). On v2's pairs this
agrees with the length judge (chosen longer) on 629 of the 633 pairs naming length; the 4 others are
three-pole pairs whose chosen answer is only not shorter.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter

from personalign.rewards.data import load_pairs
from personalign.rewards.preferences import combo_wordings, poles, wordings


def _detailed_phrases() -> list[str]:
    phrases = list(wordings("length", "detailed", split="train"))
    for other in poles():
        if other[0] != "length":
            phrases += combo_wordings(("length", "detailed"), other, "train")
    # combine_poles lower-cases the first letter of a part it appends
    return phrases + [p[0].lower() + p[1:] for p in phrases]


def asks_detailed(pair, phrases: list[str]) -> bool:
    return any(p.rstrip(".!") in pair.preference for p in phrases)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", required=True, help="curated pairs with short answers (all but detailed)")
    parser.add_argument("--long", required=True, help="curated pairs with long answers (detailed only)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    phrases = _detailed_phrases()
    short = [p for p in load_pairs(args.short) if not asks_detailed(p, phrases)]
    long = [p for p in load_pairs(args.long) if asks_detailed(p, phrases)]
    with open(args.out, "w", encoding="utf-8") as out:
        for pair in short + long:
            out.write(pair.to_json() + "\n")
    counts = {"short": dict(Counter(p.dimension for p in short)), "long": dict(Counter(p.dimension for p in long)),
              "pairs": len(short) + len(long)}
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
