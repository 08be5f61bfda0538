"""Preference memory: explicit and implicit preferences, interactions, feedback, retrieval, privacy.

    from personalign.memory import MemoryStore
    store = MemoryStore()                       # $PERSONALIGN_DB or SQLite in the user data dir
    store.add_preference("alice", "keep it short")
    iid = store.record_interaction("alice", "What is DNS?", "answer A", "pad", {"weight": 1.0},
                                   alt_answer="answer B")
    store.add_feedback("alice", iid, choice="A")
    profile = store.profile("alice", "How does TCP work?")
    profile.preference_text, profile.weights     # what generation consumes

The rules live with their ideas: `placement` (conflicts, duplicates), `implicit` (inference from
feedback), `retrieval`, `privacy` (export format, forget), `learned` (weights, adapter files);
`store` runs them in transactions.
"""
from personalign.memory.classify import Classification, classify_preference, opposed
from personalign.memory.db import default_db_path, resolve_url
from personalign.memory.errors import (
    MemoryInputError,
    PreferenceStateError,
    StoreError,
    UnknownInteractionError,
    UnknownPreferenceError,
    UnknownUserError,
    UnsafePreferenceError,
)
from personalign.memory.implicit import wilson_lower_bound
from personalign.memory.records import AddResult, FeedbackRecord, Interaction, LearnedWeights, Preference, Profile
from personalign.memory.store import MemoryStore
from personalign.memory.validation import MAX_PREFERENCE_CHARS, RATING_MAX, RATING_MIN

__all__ = [
    "MemoryStore", "Preference", "Profile", "AddResult", "Interaction", "FeedbackRecord", "LearnedWeights",
    "Classification", "classify_preference", "opposed", "wilson_lower_bound",
    "default_db_path", "resolve_url", "MAX_PREFERENCE_CHARS", "RATING_MIN", "RATING_MAX",
    "MemoryInputError", "PreferenceStateError", "StoreError", "UnknownInteractionError",
    "UnknownPreferenceError", "UnknownUserError", "UnsafePreferenceError",
]
