"""Request and response bodies. Requests follow OpenAI's chat completion shape where one exists.

Every string that reaches the store or the model is checked to be encodable UTF-8 without NUL bytes
(JSON can carry lone surrogates and \\u0000, which the databases reject), and every float must be
finite, so a bad value is a 400 here rather than a failure deep inside.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from personalign.decoding import STRATEGIES
from personalign.decoding.config import PAD_STEP_HELP
from personalign.memory.db import MAX_ID  # the databases' BIGINT; larger ids could never exist


def _clean_text(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text is not valid UTF-8 (lone surrogate)") from None
    if "\x00" in value:
        raise ValueError("text contains a NUL character")
    return value


Text = Annotated[str, AfterValidator(_clean_text)]
StopText = Annotated[Text, Field(min_length=1, max_length=200)]
Strategy = Literal[STRATEGIES]  # type: ignore[valid-type]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class _Lenient(BaseModel):
    # OpenAI clients send fields this server does not use (frequency_penalty, logprobs, ...).
    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)


# ------------------------------------------------------------------------------ chat completions
class TextPart(_Lenient):
    type: Literal["text"]
    text: Text = Field(max_length=100_000)


class ChatMessage(_Lenient):
    role: Literal["system", "developer", "user", "assistant"]
    content: Text | list[TextPart] | None = None  # lengths: the server's max_prompt_chars
    name: Text | None = Field(default=None, max_length=64)

    def text(self) -> str:
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(p.text for p in self.content)


class StreamOptions(_Lenient):
    include_usage: bool = False


_SERVER_DEFAULT = "Default: the server's."


class PersonalignOptions(_Strict):
    """Personalization settings for one request (the `personalign` object of the body)."""

    strategy: Strategy | None = Field(default=None, description="Decoding strategy; default: the server's "
                                      "(pad) when a preference applies, else base.")
    weight: float | None = Field(default=None, ge=0, le=10, description="PAD weight w (default: the served "
                                 "PersRM's recommended weight, else 1).")
    top_k: int | None = Field(default=None, ge=1, le=1000, description="PAD candidate set size.")
    best_of: int | None = Field(default=None, ge=1, le=64, description="Samples for strategy best-of-n.")
    min_p: float | None = Field(default=None, ge=0, lt=1, description=f"{PAD_STEP_HELP['min_p']} {_SERVER_DEFAULT}")
    eos_candidate: bool | None = Field(default=None, description=f"{PAD_STEP_HELP['eos_candidate']} {_SERVER_DEFAULT}")
    no_repeat_ngram: int | None = Field(default=None, ge=0, le=32,
                                        description=f"{PAD_STEP_HELP['no_repeat_ngram']} {_SERVER_DEFAULT}")
    eos_bonus: float | None = Field(default=None, ge=0, le=100,
                                    description=f"{PAD_STEP_HELP['eos_bonus']} {_SERVER_DEFAULT}")
    eos_min_reward: float | None = Field(default=None, ge=0, le=100,
                                         description=f"{PAD_STEP_HELP['eos_min_reward']} {_SERVER_DEFAULT}")
    loop_escape: int | None = Field(default=None, ge=0, le=1024,
                                    description=f"{PAD_STEP_HELP['loop_escape']} {_SERVER_DEFAULT}")
    gate_tau: float | None = Field(default=None, ge=0, le=1, description=f"{PAD_STEP_HELP['gate_tau']} Default: off.")
    preference: Text | None = Field(default=None, min_length=1, max_length=2000,
                                    description="Ad-hoc preference for this request; joins the stored "
                                    "profile, replacing stored preferences of the same style dimension. "
                                    "Passes the same safety boundary as stored preferences.")
    use_memory: bool = Field(default=True, description="Use the user's memory: stored preferences (joined by an "
                             "ad-hoc one), dimension weights learned from feedback, and their trained adapter.")
    record: bool = Field(default=True, description="Record the exchange as an interaction (needed for feedback).")
    capture: bool = Field(default=True, description="Remember what the latest user message states about the user "
                          "(\"I'm vegetarian\", \"keep it short\"): stored before the answer, listed in "
                          "personalign.captured. Needs use_memory; off when the server runs with capture off.")
    alt_strategy: Strategy | None = Field(default=None, description="n=2: strategy of answer B. Default: base "
                                          "when answer A is personalized, else A's strategy sampled.")
    poles: dict[str, float] | None = Field(default=None, max_length=16, description="Strategies mod and soup: "
                                           "each pole expert's weight, e.g. {\"concise\": 1, \"warm\": 1} "
                                           "(normalized to sum to 1). Default: read from the preference.")


class ChatCompletionRequest(_Lenient):
    model: Text | None = Field(default=None, max_length=200)
    messages: list[ChatMessage] = Field(min_length=1)
    max_tokens: int | None = Field(default=None, ge=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, gt=0, le=1)
    n: int = Field(default=1, ge=1, le=2, description="2: two answers (A and B) for a pairwise choice.")
    stream: bool | None = False
    stream_options: StreamOptions | None = None
    stop: StopText | Annotated[list[StopText], Field(min_length=1, max_length=4)] | None = None
    user: Text | None = Field(default=None, min_length=1, max_length=200)
    seed: int | None = Field(default=None, ge=0, le=MAX_ID)
    personalign: PersonalignOptions | None = None


class ResponseMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int
    message: ResponseMessage
    finish_reason: Literal["stop", "length"]
    logprobs: None = None


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class CapturedPreference(BaseModel):
    text: str
    score: float = Field(description="The statement detector's confidence (1.0: decided by its rules).")
    action: Literal["added", "merged", "outranked", "refused"]
    preference_id: int | None = None
    dimension: str | None = None
    pole: str | None = None
    scope: str | None = None
    superseded: list[int] = Field(default_factory=list)
    reason: str | None = None


class PersonalignInfo(BaseModel):
    interaction_id: int | None = Field(description="Send feedback about this exchange with it (null: not recorded).")
    user: str
    strategy: str
    alt_strategy: str | None = None
    preference: str | None
    preference_source: Literal["memory", "request", "learned"] | None
    preference_ids: list[int]
    learned_weights: dict[str, float] | None = Field(
        default=None,
        description="The user's dimension weights learned from ratings, choices and edits, when they steer.")
    captured: list[CapturedPreference] = Field(
        default_factory=list, description="What the latest user message stated about the user and what became of "
        "it: stored (added or merged, with what it superseded) or refused by the safety boundary. Undo one with "
        "POST /v1/users/{user}/preferences/{id}/undo.")
    generated_by: list[Literal["local", "upstream"]] = Field(
        default_factory=lambda: ["local"], description="Per answer: decoded by the model loaded here, or by the "
        "upstream server (upstream mode; a best-of-n answer is the upstream's sample the local reward model chose).")


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage
    system_fingerprint: str | None = None
    interaction_id: int | None = None
    personalign: PersonalignInfo


# ------------------------------------------------------------------------------ feedback
class FeedbackRequest(_Strict):
    interaction_id: int = Field(ge=1, le=MAX_ID)
    rating: int | None = Field(default=None, ge=1, le=5, description="1 (bad) to 5 (good); thumbs up = 5, down = 1.")
    choice: Literal["A", "B", "a", "b"] | None = Field(default=None, description="A: the first answer, B: the second.")
    edit: Text | None = Field(default=None, min_length=1, max_length=100_000, description="Corrected answer A.")
    comment: Text | None = Field(default=None, min_length=1, max_length=2000)
    user: Text | None = Field(default=None, min_length=1, max_length=200, description="Admin keys only.")


class FeedbackResponse(BaseModel):
    feedback_id: int
    interaction_id: int
    user: str
    rating: int | None
    choice: str | None
    edited: bool
    signals: dict[str, float | None]
    inferred: list[dict[str, Any]]
    learned_weights: dict[str, float] | None = Field(
        default=None, description="The user's dimension weights after this choice, edit or rating was folded in "
                                   "(None for a comment alone, or when the update failed: the feedback is stored "
                                   "and the next update folds it in).")


# ------------------------------------------------------------------------------ preferences
class PreferenceOut(BaseModel):
    id: int
    text: str
    kind: str
    dimension: str | None
    pole: str | None
    weight: float
    confidence: float
    evidence_count: int
    source: str
    scope: str
    status: str
    superseded_by: int | None
    created_at: str
    updated_at: str
    interaction_id: int | None = Field(default=None, description="The exchange it was stated in (captured from "
                                       "conversation).")


class UndoResult(BaseModel):
    retracted: PreferenceOut
    restored: list[PreferenceOut] = Field(description="What it had superseded, active again.")


class PreferenceList(BaseModel):
    user: str
    preferences: list[PreferenceOut]


class SteeringTerm(BaseModel):
    pole: str
    wording: str = Field(description="The pole's wording PAD steers toward.")
    term_weight: float = Field(description="The PAD term's weight: |weight|, capped.")


class LearnedWeightsOut(BaseModel):
    user: str
    weights: dict[str, float] | None = Field(
        description="Dimension → signed weight learned from ratings, choices and edits (> 0 toward the high "
                    "pole: detailed, expert, warm); None before any feedback moved them.")
    observations: int = 0
    last_feedback_id: int | None = None
    updated_at: str | None = None
    steering: dict[str, SteeringTerm] = Field(
        default_factory=dict, description="The dimensions strong enough to steer decoding, as PAD terms.")


class PreferenceCreate(_Strict):
    text: Text = Field(min_length=1, max_length=2000)
    weight: float = Field(default=1.0, gt=0, le=10)
    scope: Literal["global", "topical"] | None = None


class PreferenceWrite(BaseModel):
    action: str
    preference: PreferenceOut
    superseded: list[int]


# ------------------------------------------------------------------------------ users and admin
class UserCreate(_Strict):
    user: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class IssuedKey(BaseModel):
    user: str
    key_id: str
    api_key: str = Field(description="Shown once; only its hash is stored.")


class UserSummary(BaseModel):
    user: str
    keys: int
    in_memory: bool


class UserListing(BaseModel):
    users: list[UserSummary]


class Forgotten(BaseModel):
    user: str
    deleted: dict[str, int]


class Me(BaseModel):
    role: Literal["admin", "user"]
    user: str | None
    model: str


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class Health(BaseModel):
    status: Literal["ok"]
    model: str
    queue: int
    batching: dict[str, int | float]
    upstream: str | None = Field(default=None, description="Upstream mode: the OpenAI-compatible server that "
                                 "generates base and prompt answers (its base URL).")
    local_model: bool = Field(default=True, description="Whether a model is loaded here (PAD, best-of-n "
                              "reranking); false only in upstream mode.")


class ErrorBody(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody
