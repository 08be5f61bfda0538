"""Decoding layer: base, preference prompting, PAD and best-of-n behind one `generate`."""
from personalign.decoding.config import STRATEGIES, DecodingConfig
from personalign.decoding.engine import Engine, Generation, GenerationResult, RewardTerm
from personalign.decoding.pad import Guard, RewardLogits, choose, pad_step, token_reward
from personalign.decoding.prompting import PREFERENCE_SYSTEM_TEMPLATE, preference_system_prompt
from personalign.decoding.reference import pad_generate_nocache

__all__ = [
    "STRATEGIES", "DecodingConfig", "Engine", "Generation", "GenerationResult", "RewardTerm",
    "Guard", "RewardLogits", "choose", "pad_step", "token_reward", "PREFERENCE_SYSTEM_TEMPLATE",
    "preference_system_prompt", "pad_generate_nocache",
]
