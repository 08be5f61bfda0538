"""Implicit preferences: feedback's votes on each dimension, turned into a preference by the Wilson rule.

Each choice (A over B) or edit (answer → edited answer) is judged on every dimension with
`personalign.dimensions` — the preferred text's score minus the other's — and the difference is stored
on the feedback row. A rating stores the same kind of difference: the rated answer against the user's
other rated answers to the same prompt, or against their running mean, scaled by the rating's distance
from the other rating (`personalign.memory.ratings`; a 4 or a 2 counts half, a user's first rating and a
lone 3 store none). A difference of at least the dimension's ``margin`` is a vote toward one pole,
whichever kind of feedback it came from. With k votes of n toward the majority pole, the confidence is
the Wilson score lower bound (z = 1.96) of k/n; at ≥ `IMPLICIT_MIN_CONFIDENCE` (four consistent votes
out of four, six of seven, …) an implicit preference is created or updated. Evidence older than the
user's last retraction of an implicit preference on that dimension is ignored, so a retraction sticks.
Comments are stored but move no dimension.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

from sqlalchemy import and_, case, func, select, true

from personalign.dimensions import DIMENSIONS
from personalign.memory.placement import Candidate
from personalign.memory.records import AddResult, Preference
from personalign.memory.schema import SIGNAL_COLUMNS, FeedbackRow, PreferenceRow, UserRow, utcnow

IMPLICIT_MIN_CONFIDENCE = 0.5
WILSON_Z = 1.96
IMPLICIT_TEXTS = {
    ("length", "concise"): "Prefers concise, short answers.",
    ("length", "detailed"): "Prefers detailed, thorough answers.",
    ("expertise", "simple"): "Prefers simple, plain-language explanations.",
    ("expertise", "expert"): "Prefers expert-level, technical answers.",
    ("tone", "blunt"): "Prefers a blunt, direct tone.",
    ("tone", "warm"): "Prefers a warm, friendly tone.",
}


def wilson_lower_bound(k: int, n: int, z: float = WILSON_Z) -> float:
    """Lower end of the Wilson score interval for k successes out of n."""
    if n <= 0:
        return 0.0
    p = k / n
    denom = 1 + z * z / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - spread) / denom)


def judged_signals(better: str, other: str) -> dict[str, float]:
    """Dimension → how far the preferred text moved from the other (> 0 toward the high pole)."""
    return {dim: d.judge.score(better) - d.judge.score(other) for dim, d in DIMENSIONS.items()}


def moved_dimensions(signals: Iterable[Mapping[str, float | None]]) -> list[str]:
    """The dimensions on which at least one of these signals is a vote (|difference| ≥ the margin)."""
    return sorted({d for s in signals for d, v in s.items() if v is not None and abs(v) >= DIMENSIONS[d].margin})


def leading_pole(dim: str, up: int, down: int) -> str | None:
    """The pole with more votes, None on a tie."""
    d = DIMENSIONS[dim]
    return d.high if up > down else d.low if down > up else None


def refreshed(dim: str, pole: str, up: int, down: int) -> tuple[float, int] | None:
    """(confidence, evidence count) for the active implicit preference on `pole` after the votes, or
    None when the other pole now leads clearly and should supersede it. A confidence that falls below
    the bar keeps the preference but takes it out of profiles."""
    leading = leading_pole(dim, up, down)
    n = up + down
    if leading is not None and leading != pole and wilson_lower_bound(max(up, down), n) >= IMPLICIT_MIN_CONFIDENCE:
        return None
    k = up if pole == DIMENSIONS[dim].high else down
    return round(wilson_lower_bound(k, n), 6), k


def implicit_candidate(dim: str, up: int, down: int) -> Candidate | None:
    """The implicit preference the votes call for, or None (a tie, or too little evidence)."""
    leading = leading_pole(dim, up, down)
    if leading is None:
        return None
    conf = round(wilson_lower_bound(max(up, down), up + down), 6)
    if conf < IMPLICIT_MIN_CONFIDENCE:
        return None
    return Candidate(text=IMPLICIT_TEXTS[(dim, leading)], kind="implicit", dimension=dim, pole=leading, weight=1.0,
                     confidence=conf, source="feedback", scope="global", evidence_count=max(up, down))


def vote_counts(s, user_id: int, dims: list[str]) -> dict[str, tuple[int, int]]:
    """Dimension → (votes toward the high pole, toward the low pole) in the user's feedback, counting
    only feedback newer than their last retraction of an implicit preference on that dimension."""
    since = dict(s.execute(select(PreferenceRow.dimension, func.max(PreferenceRow.updated_at)).where(
        PreferenceRow.user_id == user_id, PreferenceRow.kind == "implicit", PreferenceRow.status == "retracted",
        PreferenceRow.dimension.in_(dims)).group_by(PreferenceRow.dimension)).all())
    columns = []
    for dim in dims:
        col, margin = getattr(FeedbackRow, SIGNAL_COLUMNS[dim]), DIMENSIONS[dim].margin
        fresh = FeedbackRow.created_at > since[dim] if dim in since else true()
        columns += [func.coalesce(func.sum(case((and_(fresh, col >= margin), 1), else_=0)), 0),
                    func.coalesce(func.sum(case((and_(fresh, col <= -margin), 1), else_=0)), 0)]
    counts = s.execute(select(*columns).where(FeedbackRow.user_id == user_id)).one()
    return {dim: (int(counts[2 * i]), int(counts[2 * i + 1])) for i, dim in enumerate(dims)}


def infer(s, urow: UserRow, dims: list[str], place: Callable[[Candidate], AddResult]) -> list[AddResult]:
    """Recomputes the user's implicit preferences on `dims` inside a write session; `place` stores a
    new candidate by the placement rules. An active explicit preference on a dimension outranks."""
    current = {r.dimension: r for r in s.execute(select(PreferenceRow).where(
        PreferenceRow.user_id == urow.id, PreferenceRow.status == "active",
        PreferenceRow.dimension.in_(dims))).scalars()}
    dims = [d for d in dims if d not in current or current[d].kind == "implicit"]
    if not dims:
        return []
    results = []
    for dim, (up, down) in vote_counts(s, urow.id, dims).items():
        row = current.get(dim)
        kept = refreshed(dim, row.pole, up, down) if row is not None else None
        if kept is not None:
            if kept != (row.confidence, row.evidence_count):
                row.confidence, row.evidence_count = kept
                row.updated_at = utcnow()
                urow.revision += 1
                s.flush()
            results.append(AddResult("merged", Preference.from_row(row, urow.name)))
            continue
        cand = implicit_candidate(dim, up, down)
        if cand is not None:
            results.append(place(cand))
    return results
