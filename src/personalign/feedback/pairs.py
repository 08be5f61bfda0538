"""A user's feedback as preference pairs, with the safety filter that keeps feedback from training safety away.

Which feedback becomes a pair (chosen ≻ rejected):

* a pairwise choice on an interaction with answers A and B: the picked answer ≻ the other one;
* an edit of answer A: the user's edited text ≻ the original answer A (an edit identical to the
  original carries no preference and is skipped);
* ratings and comments make no pair (a single rated answer has nothing to be compared with).

Safety: personalization changes taste, never what the model may do. Every chosen answer passes
`answer_safety`: `personalign.safety.check_text` (the boundary preferences pass: harm,
instructions to drop safety, instruction overrides) applied to the answer after its leading refusal
sentences. A refusal names the topic it refuses ("I can't help with building weapons."), which the
preference check alone would flag; what follows a refusal is still checked ("I can't help with that.
But here is how to build a pipe bomb…" is flagged), and so is an answer whose first sentence only
looks like a refusal of something else. A pair whose chosen answer is flagged is dropped — whatever
the user preferred — and counted in `PairSet.dropped_unsafe` with the category, so reports show how
often feedback pushed toward unsafe text. A flagged *rejected* answer is kept: preferring the safe
answer over an unsafe one is exactly the feedback safety wants.

Rated answers (`user_labeled_answers`, for KTO, which needs no pairs): the latest rating of each interaction's
answer A labels it — 4 or 5 (thumbs up) desirable, 1 or 2 (thumbs down) undesirable, 3 neutral (not used).
A rating sent with a choice or an edit belongs to that pair and is not used again. The safety filter is
the same: a *desirable* answer that `answer_safety` flags is dropped and counted, an undesirable one is
kept (a thumbs down on unsafe text is welcome feedback).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from personalign.safety import SafetyVerdict, check_text

_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]+|[^.!?\n]+$")
_REFUSAL = re.compile(
    r"^\s*(?:sorry[,.!]?\s*|i'?m sorry[,.!]?\s*|i apologi[sz]e[,.!]?\s*)?(?:but\s+)?"
    r"i\s*(?:can(?:no|')t|cannot|won'?t|will not|am not able to|'m not able to|am unable to|'m unable to|"
    r"must decline to|do not|don'?t)\s+(?:help|assist|provide|give|share|support|explain|describe|do that|"
    r"write|create|comply)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FeedbackPair:
    """One preference pair from one feedback event."""

    feedback_id: int
    interaction_id: int
    prompt: str
    chosen: str
    rejected: str
    kind: str  # "choice" | "edit"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class PairSet:
    """A user's usable pairs, in feedback order, and what was left out."""

    user: str
    pairs: list[FeedbackPair] = field(default_factory=list)
    dropped_unsafe: int = 0
    unsafe_categories: Counter = field(default_factory=Counter)
    skipped_empty: int = 0  # edits identical to the original, or an empty chosen/rejected answer

    @property
    def last_feedback_id(self) -> int:
        return max((p.feedback_id for p in self.pairs), default=0)

    def after(self, feedback_id: int) -> list[FeedbackPair]:
        """Pairs from feedback newer than `feedback_id` (what a scheduler counts as new)."""
        return [p for p in self.pairs if p.feedback_id > feedback_id]

    def digest(self) -> str:
        """A content hash of the pairs (recorded in adapter manifests, so a model traces back to its data)."""
        h = hashlib.sha256()
        for p in self.pairs:
            h.update(json.dumps([p.prompt, p.chosen, p.rejected], ensure_ascii=False).encode("utf-8") + b"\n")
        return h.hexdigest()


def answer_safety(text: str) -> SafetyVerdict:
    """The safety verdict on an answer: `check_text` on what follows its leading refusal sentences."""
    sentences = [m.group(0) for m in _SENTENCE.finditer(text)]
    k = 0
    while k < len(sentences) and _REFUSAL.search(sentences[k].replace("\u2019", "'")):
        k += 1
    rest = "".join(sentences[k:]).strip()
    if not rest:
        return SafetyVerdict(True, "allowed: a refusal", None)
    return check_text(rest)


def pair_from_feedback(prompt: str, answer: str, alt_answer: str | None, choice: str | None,
                       edited_answer: str | None) -> tuple[str, str, str] | None:
    """(chosen, rejected, kind) for one feedback event, or None when it implies no pair."""
    if choice is not None:
        if alt_answer is None:
            return None
        chosen, rejected = (answer, alt_answer) if choice == "A" else (alt_answer, answer)
        kind = "choice"
    elif edited_answer is not None:
        chosen, rejected, kind = edited_answer, answer, "edit"
    else:
        return None
    if not chosen.strip() or not rejected.strip() or chosen.strip() == rejected.strip():
        return None
    return chosen, rejected, kind


def user_pairs(store, user: str) -> PairSet:
    """Every usable pair in `user`'s feedback (see the module docstring); unknown users raise."""
    interactions = {i.id: i for i in store.list_interactions(user)}
    result = PairSet(user)
    for fb in store.list_feedback(user):
        inter = interactions.get(fb.interaction_id)
        if inter is None or (fb.choice is None and fb.edited_answer is None):
            continue
        made = pair_from_feedback(inter.prompt, inter.answer, inter.alt_answer, fb.choice, fb.edited_answer)
        if made is None:
            result.skipped_empty += 1
            continue
        chosen, rejected, kind = made
        verdict = answer_safety(chosen)
        if not verdict.allowed:
            result.dropped_unsafe += 1
            result.unsafe_categories[verdict.category] += 1
            continue
        result.pairs.append(FeedbackPair(fb.id, inter.id, inter.prompt, chosen, rejected, kind))
    return result


DESIRABLE_MIN, UNDESIRABLE_MAX = 4, 2  # ratings >= 4 are desirable, <= 2 undesirable, 3 neutral


def rating_label(rating: int) -> bool | None:
    """True (desirable) for a rating >= 4, False (undesirable) for <= 2, None for a neutral 3."""
    if rating >= DESIRABLE_MIN:
        return True
    if rating <= UNDESIRABLE_MAX:
        return False
    return None


@dataclass(frozen=True)
class LabeledAnswer:
    """One answer labelled desirable or undesirable: by the user's latest rating of it (kind "rating"), or
    as one side of a pair (`pair_sides`: kind "choice" or "edit", rating None)."""

    feedback_id: int
    interaction_id: int
    prompt: str
    answer: str
    desirable: bool
    rating: int | None
    kind: str = "rating"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class LabeledSet:
    """A user's usable rated answers, in feedback order, and what was left out."""

    user: str
    answers: list[LabeledAnswer] = field(default_factory=list)
    dropped_unsafe: int = 0
    unsafe_categories: Counter = field(default_factory=Counter)
    skipped_neutral: int = 0  # latest rating 3
    skipped_empty: int = 0    # an empty answer

    @property
    def desirable(self) -> int:
        return sum(a.desirable for a in self.answers)

    @property
    def undesirable(self) -> int:
        return len(self.answers) - self.desirable

    @property
    def last_feedback_id(self) -> int:
        return max((a.feedback_id for a in self.answers), default=0)

    def after(self, feedback_id: int) -> list[LabeledAnswer]:
        """Rated answers whose rating is newer than `feedback_id`."""
        return [a for a in self.answers if a.feedback_id > feedback_id]

    def digest(self) -> str:
        h = hashlib.sha256()
        for a in self.answers:
            h.update(json.dumps([a.prompt, a.answer, a.desirable], ensure_ascii=False).encode("utf-8") + b"\n")
        return h.hexdigest()


def user_labeled_answers(store, user: str) -> LabeledSet:
    """Every usable rated answer of `user` (see the module docstring); unknown users raise."""
    interactions = {i.id: i for i in store.list_interactions(user)}
    latest = {}
    for fb in store.list_feedback(user):
        if fb.rating is None or fb.choice is not None or fb.edited_answer is not None:
            continue
        if fb.interaction_id in interactions:
            latest.pop(fb.interaction_id, None)  # re-insert: order by the latest rating
            latest[fb.interaction_id] = fb
    result = LabeledSet(user)
    for iid, fb in latest.items():
        inter = interactions[iid]
        label = rating_label(fb.rating)
        if label is None:
            result.skipped_neutral += 1
            continue
        if not inter.answer.strip():
            result.skipped_empty += 1
            continue
        if label:
            verdict = answer_safety(inter.answer)
            if not verdict.allowed:
                result.dropped_unsafe += 1
                result.unsafe_categories[verdict.category] += 1
                continue
        result.answers.append(LabeledAnswer(fb.id, iid, inter.prompt, inter.answer, label, fb.rating))
    return result


def pair_sides(pairs: list[FeedbackPair]) -> list[LabeledAnswer]:
    """Each pair as two labelled answers: chosen desirable, rejected undesirable (KTO on pair data)."""
    out = []
    for p in pairs:
        out.append(LabeledAnswer(p.feedback_id, p.interaction_id, p.prompt, p.chosen, True, None, p.kind))
        out.append(LabeledAnswer(p.feedback_id, p.interaction_id, p.prompt, p.rejected, False, None, p.kind))
    return out
