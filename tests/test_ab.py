"""Answer B of an A/B pair (decoding/ab.py), the rule the server's n=2 and `generate --ab` share."""
from personalign.decoding import DecodingConfig
from personalign.decoding.ab import ALT_TEMPERATURE, alt_strategy, distinct_from_a


def test_b_is_base_unless_asked_and_needs_a_preference_to_personalize():
    assert alt_strategy("pad", None, True) == "base"
    assert alt_strategy("base", None, False) == "base"
    assert alt_strategy("pad", "prompt", True) == "prompt"
    assert alt_strategy("pad", "best-of-n", False) == "base"      # nothing to personalize toward
    assert alt_strategy("prompt", "prompt", True) == "prompt"


def test_b_samples_only_when_it_would_decode_like_a():
    greedy = DecodingConfig(strategy="base", seed=7)
    same = distinct_from_a(greedy, "base", max_seed=7)
    assert (same.temperature, same.seed) == (ALT_TEMPERATURE, 0)  # seed + 1 wraps at the server's bound
    assert greedy.temperature == 0.0                               # A's config is not touched
    warm = distinct_from_a(DecodingConfig(strategy="base", temperature=0.3), "base")
    assert (warm.temperature, warm.seed) == (0.3, None)
    other = DecodingConfig(strategy="base")
    assert distinct_from_a(other, "pad") is other
