"""One request's personalization: the preference text, where it came from, and the learned weights.

`personalign generate --user/--preference` and the server's `/v1/chat/completions` both call
`personalize`, so the same store, user, prompt and ad-hoc preference personalize the same way at
either entry point (tests/test_personalize.py runs both).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from personalign.feedback.online import reward_terms, term_specs
from personalign.memory.capture import Captured, capture_preferences
from personalign.memory.classify import classify_preference
from personalign.memory.errors import UnsafePreferenceError
from personalign.safety import check_preference


@dataclass(frozen=True)
class Personalization:
    """What one request is personalized toward.

    preference: the text decoding is steered by (None: no text applies).
    source: "request" when the ad-hoc preference is part of the text, else "memory" when stored
        preferences are, else "learned" when only feedback-learned weights steer; None when nothing does.
    preference_ids: the stored preferences the text holds, in its order.
    learned_weights: the user's feedback-learned dimension weights when any is strong enough to steer
        decoding (`feedback.term_specs`), else None.
    captured: what the request's message stated about the user and what became of it (`memory.capture`).
    """

    preference: str | None
    source: str | None
    preference_ids: tuple[int, ...] = ()
    learned_weights: Mapping[str, float] | None = None
    captured: tuple[Captured, ...] = ()

    @property
    def stored_ids(self) -> list[int]:
        """Ids of the preferences this request's message added or restated."""
        return [c.result.preference.id for c in self.captured if c.result is not None]

    def terms(self, preference_weight: float = 1.0):
        """PAD reward terms: the preference text at `preference_weight` plus one term per learned
        dimension (`feedback.reward_terms`); None when nothing steers."""
        return reward_terms([self.learned_weights], preference=self.preference, preference_weight=preference_weight)


def personalize(store, user: str | None, prompt: str | None, adhoc_preference: str | None = None, *,
                use_memory: bool = True, capture_from: str | None = None) -> Personalization:
    """The personalization of one request for `user` asking `prompt` (the text topical preferences are
    retrieved for), with an optional ad-hoc preference sent with the request.

    The rule: the ad-hoc preference **joins** the user's retrieved stored preferences, except that a
    stored preference is dropped when the ad-hoc one asks for the same style dimension (length,
    expertise or tone, as `memory.classify` reads the ad-hoc text; a stored preference's dimension is
    on its record). The ad-hoc text comes last: it is this request's instruction. So a user who stored
    "keep answers short" and "I am vegetarian" and asks ad hoc for "explain in detail" gets "I am
    vegetarian" + "explain in detail". Feedback-learned weights apply whatever the text is.

    `capture_from`: the user's latest message; what it states about the user is stored first
    (`memory.capture`), so this very answer already follows it.

    Memory is skipped when `store` or `user` is None or `use_memory` is false. The ad-hoc text passes
    the same safety boundary as stored preferences: a refused one raises `UnsafePreferenceError`
    (before anything is read or captured).
    """
    if adhoc_preference is not None:
        verdict = check_preference(adhoc_preference)
        if not verdict.allowed:
            raise UnsafePreferenceError(verdict)
    adhoc = adhoc_preference or None
    if store is None or user is None or not use_memory:
        return Personalization(adhoc, "request" if adhoc else None)
    captured = tuple(capture_preferences(store, user, capture_from)) if capture_from else ()
    profile = store.profile(user, prompt)
    stored = list(profile.preferences)
    if adhoc and any(p.dimension is not None for p in stored):
        # The same embedder the store classifies stored preferences with, so both sides read alike.
        asked = classify_preference(adhoc, embedder=store.embedder)
        if asked is not None:
            stored = [p for p in stored if p.dimension != asked.dimension]
    learned = dict(profile.learned_weights) if term_specs(profile.learned_weights) else None
    text = "\n".join([p.text for p in stored] + ([adhoc] if adhoc else [])) or None
    source = "request" if adhoc else "memory" if stored else "learned" if learned else None
    return Personalization(text, source, tuple(p.id for p in stored), learned, captured)
