"""Preference memory: explicit and implicit preferences, interactions, feedback, retrieval, privacy.

    from personalign.memory import MemoryStore
    store = MemoryStore()                       # $PERSONALIGN_DB or SQLite in the user data dir
    store.add_preference("alice", "keep it short")
    iid = store.record_interaction("alice", "What is DNS?", "answer A", "pad", {"weight": 1.0},
                                   alt_answer="answer B")
    store.add_feedback("alice", iid, choice="A")
    profile = store.profile("alice", "How does TCP work?")
    profile.preference_text, profile.weights     # what generation consumes

See `personalign.memory.store` for the rules (conflicts, duplicates, implicit inference, retrieval).
"""
from personalign.memory.classify import Classification, classify_preference, opposed
from personalign.memory.db import default_db_path, resolve_url
from personalign.memory.errors import (MemoryInputError, PreferenceStateError, StoreError, UnknownInteractionError,
                                       UnknownPreferenceError, UnknownUserError, UnsafePreferenceError)
from personalign.memory.store import (MAX_PREFERENCE_CHARS, RATING_MAX, RATING_MIN, AddResult, FeedbackRecord,
                                      Interaction, LearnedWeights, MemoryStore, Preference, Profile,
                                      wilson_lower_bound)

__all__ = [
    "MemoryStore", "Preference", "Profile", "AddResult", "Interaction", "FeedbackRecord", "LearnedWeights",
    "Classification", "classify_preference", "opposed", "wilson_lower_bound",
    "default_db_path", "resolve_url", "MAX_PREFERENCE_CHARS", "RATING_MIN", "RATING_MAX",
    "MemoryInputError", "PreferenceStateError", "StoreError", "UnknownInteractionError",
    "UnknownPreferenceError", "UnknownUserError", "UnsafePreferenceError",
]
