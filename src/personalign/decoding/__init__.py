"""Decoding layer: base, preference prompting, PAD, best-of-n, ARGS, MOD, soup and persrm-alone behind one
`generate`."""
from personalign.decoding.classifier import ClassifierReward, SequenceReward
from personalign.decoding.config import GUARD_OFF, PAD_STEP_OPTIONS, POLE_STRATEGIES, STRATEGIES, DecodingConfig
from personalign.decoding.engine import Engine, Generation, GenerationResult, RewardTerm
from personalign.decoding.experts import PoleExperts, parse_pole_weights, route_preference
from personalign.decoding.pad import Guard, RewardLogits, choose, pad_step, token_reward
from personalign.decoding.reference import pad_generate_nocache
from personalign.decoding.reward_model import PromptedLM, RewardModel

__all__ = [
    "GUARD_OFF", "PAD_STEP_OPTIONS", "POLE_STRATEGIES", "STRATEGIES", "DecodingConfig", "Engine", "Generation",
    "GenerationResult", "RewardTerm",
    "Guard", "RewardLogits", "choose", "pad_step", "token_reward", "pad_generate_nocache", "PromptedLM", "RewardModel",
    "PoleExperts", "parse_pole_weights", "route_preference", "ClassifierReward", "SequenceReward",
]
