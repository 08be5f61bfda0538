"""Alignment through feedback: online dimension weights (immediate) and per-user LoRA adapters (durable).

    from personalign.feedback import update_user, terms_for_users, UserAdapters, align_user
    update_user(store, "alice")                       # fold new choices, edits and ratings into alice's weights
    terms = terms_for_users(store, ["alice"], preference=profile_text)   # PAD terms, no training run
    adapters = UserAdapters(base, store)
    engine, names = adapters.engine_for(["alice"])    # alice's LoRA when she has one
    engine.generate(prompt, strategy="pad", terms=terms, adapters=names)

`online` documents the Bradley–Terry/MAP update, `adapters` the per-user LoRA (DPO on pairs, KTO once a
user has rated answers) and its manifest, `pairs` how feedback becomes pairs and labelled answers (and how
unsafe chosen or desirable answers are dropped), `ratings` how ratings
become observations, `rm` the PersRM refresh.
"""
from personalign.feedback.adapters import (
    AdapterConfig,
    AlignResult,
    Decision,
    RetrainPolicy,
    TrainedAdapter,
    UserAdapters,
    UserFeedback,
    adapter_name,
    align_all,
    align_user,
    read_manifest,
    save_adapter,
    store_adapter,
    train_adapter,
    train_kto_adapter,
    user_feedback,
)
from personalign.feedback.errors import AdapterError, FeedbackConfigError, FeedbackError, NotEnoughPairsError
from personalign.feedback.online import (
    OnlineConfig,
    OnlineUpdate,
    choice_probability,
    explicit_prior,
    features,
    fold,
    fold_features,
    logistic_step,
    reward_terms,
    term_specs,
    terms_for_users,
    update_user,
)
from personalign.feedback.pairs import (
    FeedbackPair,
    LabeledAnswer,
    LabeledSet,
    PairSet,
    pair_from_feedback,
    pair_sides,
    rating_label,
    user_labeled_answers,
    user_pairs,
)
from personalign.feedback.ratings import RatingObservation, RatingSet, rating_features, user_ratings
from personalign.feedback.rm import FeedbackRecords, RefreshResult, feedback_records, refresh_persrm

__all__ = [
    "AdapterConfig", "AlignResult", "Decision", "RetrainPolicy", "TrainedAdapter", "UserAdapters", "adapter_name",
    "align_all", "align_user", "read_manifest", "save_adapter", "store_adapter", "train_adapter", "train_kto_adapter",
    "UserFeedback",
    "user_feedback",
    "AdapterError", "FeedbackConfigError", "FeedbackError", "NotEnoughPairsError",
    "OnlineConfig", "OnlineUpdate", "choice_probability", "explicit_prior", "features", "fold", "fold_features",
    "logistic_step", "reward_terms", "term_specs", "terms_for_users", "update_user",
    "FeedbackPair", "PairSet", "pair_from_feedback", "user_pairs", "LabeledAnswer", "LabeledSet", "pair_sides",
    "rating_label", "user_labeled_answers",
    "RatingObservation", "RatingSet", "rating_features", "user_ratings",
    "FeedbackRecords", "RefreshResult", "feedback_records", "refresh_persrm",
]
