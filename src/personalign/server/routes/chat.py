"""The chat loop: `POST /v1/chat/completions` (plain, streamed, or two answers A/B) and `POST /v1/feedback`.

A completion is checked against the server's limits, personalized (`feedback.personalize`), decoded
by the batching worker and recorded as an interaction; feedback on that interaction moves the user's
learned weights at once, so the next completion decodes with them.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from personalign.decoding import DecodingConfig, ab
from personalign.errors import ConfigError, PersonalignError
from personalign.feedback import term_specs, update_user
from personalign.feedback.personalize import personalize
from personalign.memory.errors import UnknownUserError, UnsafePreferenceError
from personalign.models import encode_text
from personalign.server import schemas as S
from personalign.server.batching import Job, QueueFullError
from personalign.server.config import prompt_too_long, rendered_prompt_tokens
from personalign.server.deps import Caller, ServerState, State, acting_user
from personalign.server.errors import ApiError, from_personalign

log = logging.getLogger("personalign.server")
router = APIRouter()

_ROLE_LABELS = {"system": "Instructions", "developer": "Instructions", "user": "User", "assistant": "Assistant"}
_FINISH = {"eos": "stop", "stop": "stop", "length": "length"}


def conversation_prompt(messages: list[S.ChatMessage]) -> tuple[str, str]:
    """(prompt for the engine, last user message). See `personalign.server.app` for the format."""
    last = messages[-1]
    if last.role != "user":
        raise ApiError(400, f"the last message must have role 'user', not {last.role!r}", param="messages")
    question = last.text()
    if not question.strip():
        raise ApiError(400, "the last user message is empty", param="messages")
    earlier = [(m.role, m.text()) for m in messages[:-1] if m.text().strip()]
    if not earlier:
        return question, question
    transcript = "\n".join(f"{_ROLE_LABELS[role]}: {text}" for role, text in earlier)
    return f"Conversation so far:\n{transcript}\n\nReply to the user's last message:\n{question}", question


def _stops(stop) -> tuple[str, ...]:
    if stop is None:
        return ()
    return (stop,) if isinstance(stop, str) else tuple(stop)


def _checked_prompt(state: ServerState, req: S.ChatCompletionRequest) -> tuple[str, str, int]:
    """(prompt, last user message, max new tokens) of a request within the server's limits."""
    limits = state.config
    if req.model is not None and req.model != state.model_name:
        raise ApiError(404, f"model {req.model!r} is not served here; this server serves {state.model_name!r}",
                       "not_found_error", param="model", code="model_not_found")
    if len(req.messages) > limits.max_messages:
        raise ApiError(400, f"{len(req.messages)} messages; the limit is {limits.max_messages}",
                       param="messages", code="too_many_messages")
    total_chars = sum(len(m.text()) for m in req.messages)
    if total_chars > limits.max_prompt_chars:
        raise ApiError(400, f"the messages hold {total_chars} characters; the limit is "
                            f"{limits.max_prompt_chars}", param="messages", code="prompt_too_long")
    prompt, question = conversation_prompt(req.messages)
    n_tokens = len(encode_text(state.tokenizer, prompt))
    if n_tokens > limits.max_prompt_tokens:
        raise ApiError(400, f"the prompt is {n_tokens} tokens long; the limit is {limits.max_prompt_tokens}",
                       param="messages", code="prompt_too_long")
    max_new = req.max_completion_tokens or req.max_tokens or limits.default_max_tokens
    if max_new > limits.max_new_tokens:
        param = "max_completion_tokens" if req.max_completion_tokens else "max_tokens"
        raise ApiError(400, f"{param} is {max_new}; this server allows at most {limits.max_new_tokens}",
                       param=param, code="max_tokens_too_large")
    return prompt, question, max_new


def _decoding_config(state: ServerState, req: S.ChatCompletionRequest, opts: S.PersonalignOptions, strategy: str,
                     max_new: int) -> DecodingConfig:
    cfg = DecodingConfig(strategy=strategy, max_new_tokens=max_new,
                         temperature=req.temperature if req.temperature is not None else 0.0,
                         top_p=req.top_p if req.top_p is not None else 1.0, seed=req.seed,
                         stop=_stops(req.stop))
    cfg.weight = opts.weight if opts.weight is not None else state.default_weight
    if opts.top_k is not None:
        cfg.top_k = opts.top_k
    if opts.best_of is not None:
        cfg.n = opts.best_of
    for guard_option in ("min_p", "eos_candidate", "no_repeat_ngram"):  # PAD's guard (decoding/pad.py)
        if getattr(opts, guard_option) is not None:
            setattr(cfg, guard_option, getattr(opts, guard_option))
    return cfg.validate()


def _configs(state: ServerState, req: S.ChatCompletionRequest, opts: S.PersonalignOptions, strategy: str,
             preference: str | None, max_new: int) -> tuple[list[DecodingConfig], str | None]:
    """(decoding of answer A and, for n=2, of answer B; B's strategy or None)."""
    try:
        configs = [_decoding_config(state, req, opts, strategy, max_new)]
        alt_strategy = None
        if req.n == 2:
            alt_strategy = ab.alt_strategy(strategy, opts.alt_strategy, preference is not None)
            cfg_b = _decoding_config(state, req, opts, alt_strategy, max_new)
            configs.append(ab.distinct_from_a(cfg_b, strategy, S.MAX_ID).validate())
    except ConfigError as exc:
        raise ApiError(400, str(exc), code="invalid_value") from None
    return configs, alt_strategy


def _job(cfg: DecodingConfig, prompt: str, preference, user, learned, on_piece=None) -> Job:
    personal = cfg.strategy != "base"
    return Job(prompt=prompt, preference=preference if personal else None, config=cfg, on_piece=on_piece,
               user=user, learned=learned if personal and cfg.strategy != "prompt" else None)


def _submit(state: ServerState, jobs: list[Job]) -> None:
    try:
        state.batcher.submit(jobs)
    except QueueFullError as exc:
        raise ApiError(503, str(exc), "server_error", code="queue_full", headers={"Retry-After": "1"}) from None


@router.post("/v1/chat/completions", response_model=S.ChatCompletion, tags=["chat"],
             responses={200: {"content": {"text/event-stream": {"schema": {"type": "string"}}},
                              "description": "A chat completion, or server-sent chunks when stream is true"}})
async def chat_completions(req: S.ChatCompletionRequest, who: Caller, state: State):
    user = acting_user(who, req.user)
    prompt, question, max_new = _checked_prompt(state, req)
    opts = req.personalign or S.PersonalignOptions()
    if opts.best_of is not None and opts.best_of > state.config.max_best_of_n:
        raise ApiError(400, f"personalign.best_of is {opts.best_of}; the limit is {state.config.max_best_of_n}",
                       param="personalign.best_of", code="best_of_too_large")

    try:
        capture_from = question if opts.capture and state.config.capture else None
        chosen = await run_in_threadpool(personalize, state.store, user, question, opts.preference,
                                         use_memory=opts.use_memory, capture_from=capture_from)
    except UnsafePreferenceError as exc:
        raise from_personalign(exc, param="personalign.preference") from None
    preference, source, pref_ids = chosen.preference, chosen.source, list(chosen.preference_ids)
    learned = dict(chosen.learned_weights) if chosen.learned_weights else None
    # Without a preference or learned weights there is nothing to personalize toward: the base answers.
    strategy = (opts.strategy or state.config.default_strategy) if preference or learned else "base"
    if learned and preference is None and strategy == "prompt":
        # Prompting needs words: the poles the learned weights point to.
        preference = "; ".join(wording for wording, _ in term_specs(learned).values())
    if state.positions is not None:  # the preference's system turn counts too: it is known only now
        problem = prompt_too_long(rendered_prompt_tokens(state.tokenizer, prompt, preference), max_new,
                                  state.positions, max_prompt_tokens=state.positions)
        if problem is not None:
            raise ApiError(400, problem, param="messages", code="prompt_too_long")
    configs, alt_strategy = _configs(state, req, opts, strategy, preference, max_new)

    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    info = dict(user=user, strategy=strategy, alt_strategy=alt_strategy, preference=preference,
                preference_source=source, preference_ids=pref_ids, learned_weights=learned,
                captured=[c.to_dict() for c in chosen.captured])
    params = {"model": state.model_name, "preference": preference, "preference_source": source,
              "preference_ids": pref_ids, "learned_weights": learned, "messages": len(req.messages),
              "decoding": [{k: v for k, v in c.to_dict().items() if k != "preference_in_base"} for c in configs]}

    async def record(gens) -> int | None:
        if not opts.record:
            return None
        interaction_id = await run_in_threadpool(
            state.store.record_interaction, user, prompt, gens[0].text, strategy, params,
            alt_answer=gens[1].text if len(gens) > 1 else None)
        if chosen.stored_ids:
            await run_in_threadpool(state.store.link_to_interaction, user, chosen.stored_ids, interaction_id)
        return interaction_id

    job_user = user if opts.use_memory else None  # the user's adapter is memory too
    if req.stream:
        return _stream_completion(state, configs, prompt, preference, job_user, learned, completion_id, created,
                                  info, record,
                                  include_usage=bool(req.stream_options and req.stream_options.include_usage))
    jobs = [_job(c, prompt, preference, job_user, learned) for c in configs]
    _submit(state, jobs)
    try:
        gens = [await asyncio.wrap_future(j.future) for j in jobs]
    except PersonalignError as exc:
        raise from_personalign(exc) from None
    interaction_id = await record(gens)
    completion_tokens = sum(len(g.token_ids) for g in gens)
    return S.ChatCompletion(
        id=completion_id, created=created, model=state.model_name,
        choices=[S.Choice(index=i, message=S.ResponseMessage(content=g.text), finish_reason=_FINISH[g.finish_reason])
                 for i, g in enumerate(gens)],
        usage=S.Usage(prompt_tokens=gens[0].prompt_tokens, completion_tokens=completion_tokens,
                      total_tokens=gens[0].prompt_tokens + completion_tokens),
        interaction_id=interaction_id, personalign=S.PersonalignInfo(interaction_id=interaction_id, **info))


def _stream_completion(state: ServerState, configs, prompt, preference, user, learned, completion_id, created, info,
                       record, include_usage) -> StreamingResponse:
    loop = asyncio.get_running_loop()
    events: asyncio.Queue = asyncio.Queue()

    def piece_sink(index):
        return lambda piece: loop.call_soon_threadsafe(events.put_nowait, (index, piece))

    jobs = [_job(c, prompt, preference, user, learned, on_piece=piece_sink(i)) for i, c in enumerate(configs)]
    for i, job in enumerate(jobs):
        job.future.add_done_callback(lambda _f, i=i: loop.call_soon_threadsafe(events.put_nowait, (i, None)))
    _submit(state, jobs)  # before the response starts, so a full queue is still a proper 503
    # A piece that might be the start of a stop string is held back until the text moves past it.
    holdback = max((len(s) for s in configs[0].stop), default=1) - 1

    def chunk(index=None, delta=None, finish=None, **extra) -> str:
        body = {"id": completion_id, "object": "chat.completion.chunk", "created": created,
                "model": state.model_name, "system_fingerprint": None,
                "choices": [] if index is None else [{"index": index, "delta": delta or {}, "logprobs": None,
                                                      "finish_reason": finish}]}
        body.update(extra)
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    async def body():
        received = ["" for _ in jobs]
        sent = ["" for _ in jobs]
        try:
            for i in range(len(jobs)):
                yield chunk(i, {"role": "assistant", "content": ""})
            done = 0
            while done < len(jobs):
                index, piece = await events.get()
                if piece is None:
                    done += 1
                    continue
                received[index] += piece
                safe = received[index][:len(received[index]) - holdback] if holdback else received[index]
                if len(safe) > len(sent[index]):
                    yield chunk(index, {"content": safe[len(sent[index]):]})
                    sent[index] = safe
            try:
                gens = [j.future.result() for j in jobs]
                interaction_id = await record(gens)
            except PersonalignError as exc:
                err = from_personalign(exc)
                error = {"message": err.message, "type": err.type, "code": err.code}
                yield f"data: {json.dumps({'error': error})}\n\n"
                yield "data: [DONE]\n\n"
                return
            for i, g in enumerate(gens):
                rest = g.text[len(sent[i]):] if g.text.startswith(sent[i]) else ""
                if rest:
                    yield chunk(i, {"content": rest})
            extra = {"interaction_id": interaction_id,
                     "personalign": S.PersonalignInfo(interaction_id=interaction_id, **info).model_dump()}
            for i, g in enumerate(gens):
                yield chunk(i, {}, _FINISH[g.finish_reason], **(extra if i == len(gens) - 1 else {}))
            if include_usage:
                completion_tokens = sum(len(g.token_ids) for g in gens)
                yield chunk(usage={"prompt_tokens": gens[0].prompt_tokens, "completion_tokens": completion_tokens,
                                   "total_tokens": gens[0].prompt_tokens + completion_tokens})
            yield "data: [DONE]\n\n"
        except Exception:  # noqa: BLE001 - headers are sent: the error must travel in the stream
            log.exception("streamed completion failed")
            yield f"data: {json.dumps({'error': {'message': 'internal server error', 'type': 'server_error'}})}\n\n"
            yield "data: [DONE]\n\n"
        finally:
            for j in jobs:
                j.future.cancel()  # no-op once decoding started; drops rows nobody will read

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/v1/feedback", response_model=S.FeedbackResponse, status_code=201, tags=["feedback"])
async def feedback(req: S.FeedbackRequest, who: Caller, state: State):
    user = acting_user(who, req.user)
    try:
        rec = await run_in_threadpool(lambda: state.store.add_feedback(
            user, req.interaction_id, rating=req.rating, choice=req.choice, edited_answer=req.edit,
            comment=req.comment))
    except UnknownUserError:
        # A user with no stored rows has no interactions: same answer as any unknown id.
        raise ApiError(404, f"unknown interaction {req.interaction_id} for user {user!r}", "not_found_error",
                       param="interaction_id", code="not_found") from None
    learned = None
    if rec.choice is not None or rec.edited_answer is not None or rec.rating is not None:
        try:  # the next request already decodes with the moved weights
            learned = (await run_in_threadpool(update_user, state.store, user)).weights
        except Exception:  # noqa: BLE001 - the feedback is stored; the next update folds it in
            log.exception("online weight update failed for %r", user)
    return S.FeedbackResponse(
        feedback_id=rec.id, interaction_id=rec.interaction_id, user=user, rating=rec.rating, choice=rec.choice,
        edited=rec.edited_answer is not None, signals=rec.signals,
        inferred=[{"action": r.action, "preference": r.preference.to_dict()} for r in rec.inferred],
        learned_weights=learned)
