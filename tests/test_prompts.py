from collections import Counter
from importlib import resources

import pytest

from personalign.errors import ConfigError
from personalign.rewards.prompts import SPLITS, load_prompts, topics


def test_prompt_set_size_and_split():
    rows = load_prompts()
    assert len(rows) >= 200
    heldout = load_prompts("heldout")
    train = load_prompts("train")
    assert len(heldout) >= 40
    assert len(train) + len(heldout) == len(rows)
    assert 0.15 <= len(heldout) / len(rows) <= 0.25
    assert {p.split for p in train} == {"train"} and {p.split for p in heldout} == {"heldout"}


def test_ids_and_texts_unique():
    rows = load_prompts()
    assert len({p.id for p in rows}) == len(rows)
    assert len({p.prompt.strip().lower() for p in rows}) == len(rows)
    assert all(p.prompt.strip() == p.prompt and len(p.prompt) > 10 for p in rows)


def test_topics_diverse_and_in_both_splits():
    names = topics()
    assert len(names) >= 10
    for split in SPLITS:
        counts = Counter(p.topic for p in load_prompts(split))
        assert set(counts) == set(names), split
    # no topic dominates the set
    counts = Counter(p.topic for p in load_prompts())
    assert max(counts.values()) <= 2 * min(counts.values())


def test_topic_filter_and_errors():
    science = load_prompts("train", topic="science")
    assert science and all(p.topic == "science" and p.split == "train" for p in science)
    with pytest.raises(ConfigError, match="split"):
        load_prompts("test")
    with pytest.raises(ConfigError, match="topic"):
        load_prompts(topic="astrology")


def test_heldout_split_is_fixed():
    # The split is part of the data: ids ending in 005/010/015/020 are held out, nothing else.
    for p in load_prompts():
        assert (p.split == "heldout") == (int(p.id.rsplit("-", 1)[1]) % 5 == 0), p.id


def test_readme_states_license_and_provenance():
    text = resources.files("personalign.rewards.prompts").joinpath("README.md").read_text(encoding="utf-8")
    assert "Apache" in text and "written" in text
