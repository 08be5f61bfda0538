"""Rewards layer: the personalized reward model (PersRM), its training data and trainers."""
