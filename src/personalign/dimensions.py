"""The preference dimensions (length, expertise, tone), their poles and the transparent judge of each.

They are deliberately simple and inspectable (word count, Flesch-Kincaid grade, VADER sentiment), so a
reader can check every label they produce. They label PersRM training pairs, infer implicit
preferences from feedback, and score the evaluation harness.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"\b\w[\w'-]*\b")


class Judge:
    """Scores text; a higher score means further toward the dimension's `high` pole."""

    name: str = "judge"
    dimension: str = ""
    unit: str = ""

    def score(self, text: str) -> float:
        raise NotImplementedError

    def __call__(self, text: str) -> float:
        return self.score(text)


class LengthJudge(Judge):
    name, dimension, unit = "length", "length", "words"

    def score(self, text: str) -> float:
        return float(len(_WORD.findall(text)))


class ReadabilityJudge(Judge):
    """Flesch-Kincaid grade level: ~2 for a child's sentences, 14+ for technical prose."""

    name, dimension, unit = "readability", "expertise", "FK grade"

    def score(self, text: str) -> float:
        import textstat

        if not _WORD.search(text):
            return 0.0
        return float(textstat.flesch_kincaid_grade(text))


class SentimentJudge(Judge):
    """VADER compound sentiment in [-1, 1]: warm, encouraging text scores high; blunt text low."""

    name, dimension, unit = "sentiment", "tone", "VADER compound"

    def score(self, text: str) -> float:
        return float(_vader().polarity_scores(text)["compound"])


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@dataclass(frozen=True)
class Dimension:
    """A preference axis with two poles; the judge's score rises toward `high`."""

    name: str
    low: str
    high: str
    judge: Judge
    margin: float  # the judged gap that counts as a clear difference (pair labelling, implicit prefs)

    @property
    def poles(self) -> tuple[str, str]:
        return (self.low, self.high)

    def direction(self, pole: str) -> int:
        """+1 when `pole` asks for a higher judge score, -1 for lower."""
        if pole == self.high:
            return 1
        if pole == self.low:
            return -1
        raise KeyError(f"dimension {self.name!r} has poles {self.low!r} and {self.high!r}, not {pole!r}")

    def pole_score(self, text: str, pole: str) -> float:
        """The judge's score signed so that higher always means 'more like the requested pole'."""
        return self.direction(pole) * self.judge.score(text)


DIMENSIONS: dict[str, Dimension] = {
    "length": Dimension("length", low="concise", high="detailed", judge=LengthJudge(), margin=15.0),
    "expertise": Dimension("expertise", low="simple", high="expert", judge=ReadabilityJudge(), margin=2.0),
    "tone": Dimension("tone", low="blunt", high="warm", judge=SentimentJudge(), margin=0.3),
}


def pole_names() -> list[str]:
    """Every pole name, in DIMENSIONS order (low pole first): concise, detailed, simple, expert, blunt, warm."""
    return [pole for dim in DIMENSIONS.values() for pole in dim.poles]


def in_margins(differences, clip: float) -> dict[str, float]:
    """Judged differences per dimension in units of its margin, clipped to ±clip: the feature vector
    the online learner reads, whether the difference comes from two texts or a stored rating."""
    return {name: max(-clip, min(clip, differences[name] / dim.margin)) for name, dim in DIMENSIONS.items()}


def judge_all(text: str) -> dict[str, float]:
    """Every dimension's raw judge score for one text."""
    return {name: dim.judge.score(text) for name, dim in DIMENSIONS.items()}
