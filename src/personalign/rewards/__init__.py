"""Rewards layer: transparent judges, preference dimensions, the personalized reward model (PersRM)."""
