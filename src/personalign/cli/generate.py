"""`personalign generate`, `personalign models` and `personalign demo`."""
from __future__ import annotations

import json
import shlex
import sys
import time
from dataclasses import replace

import typer

from personalign.cli import options
from personalign.decoding import POLE_STRATEGIES, STRATEGIES, DecodingConfig
from personalign.decoding.config import PAD_STEP_HELP, check_weight
from personalign.errors import ConfigError

DEMO_PROMPT = "How do I make a good cup of tea?"
DEMO_PREFERENCES = (
    "Answer in one short sentence.",
    "Answer in detail, step by step, with examples.",
)


def _check_utf8(text: str, what: str) -> str:
    # argv bytes that are not UTF-8 arrive as lone surrogates (Python's surrogateescape).
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError(f"{what} is not valid UTF-8") from None
    return text


def _check_fits(engine, prompt: str, preference: str | None, max_new_tokens: int, max_prompt_tokens: int) -> None:
    from personalign.server.config import model_positions, prompt_too_long, rendered_prompt_tokens

    n_tokens = rendered_prompt_tokens(engine.base.tokenizer, prompt, preference)
    problem = prompt_too_long(n_tokens, max_new_tokens, model_positions(engine.base.model), max_prompt_tokens)
    if problem is not None:
        raise ConfigError(problem)


def build_engine(model: str, reward_model: str | None, device: str, dtype: str):
    """The engine for a base model and its reward model (see `rewards.persrm.resolve_reward_model`)."""
    from personalign.decoding import Engine
    from personalign.models import load
    from personalign.rewards.persrm import resolve_reward_model

    base = load(model, device=device, dtype=dtype)
    return Engine(base, reward_model=resolve_reward_model(reward_model, base, device=device, dtype=dtype))


def use_experts(engine, spec: str | None, route: bool = True) -> bool:
    """Give the engine the pole experts `--experts` names (soup, mod) and, when `route`, a pole router that reads
    each request's pole weights from its preference (`eval.strategies.text_pole_router`); False when there are
    none (`--experts none`, or no directory for a model other than the embedded one)."""
    from personalign.rewards.experts import resolve_experts

    found = resolve_experts(spec, engine.base)
    if found is None:
        return False
    engine.experts = found
    if route:
        from personalign.eval.strategies import text_pole_router

        engine.pole_router = text_pole_router()
    return True


def args_reward(path: str, engine):
    """ARGS's sequence-classifier reward from `--args-reward` (the model eval's reward-model judge loads)."""
    from personalign.eval.judges import SequenceClassifierJudge

    return SequenceClassifierJudge(path, device=engine.base.device).reward


def register(app: typer.Typer) -> None:
    @app.command()
    def generate(
        prompt: str = typer.Argument(..., help="The user's message."),
        preference: str | None = typer.Option(None, "--preference", "-p", help="Preference text (as data)."),
        strategy: str = typer.Option("pad", help=f"One of: {', '.join(STRATEGIES)}."),
        weight: float | None = typer.Option(None, help="PAD weight w (>= 0). Default: the reward model's "
                                                          "recommended weight (the shipped PersRM's), else 1."),
        top_k: int = typer.Option(10, "--top-k", help="PAD candidate set size k (>= 1)."),
        max_new_tokens: int = typer.Option(128, "--max-new-tokens"),
        temperature: float = typer.Option(0.0, help="0 = greedy; > 0 samples."),
        top_p: float = typer.Option(1.0, "--top-p"),
        n: int = typer.Option(4, help="best-of-n: samples per prompt."),
        seed: int | None = typer.Option(None),
        stop: list[str] = typer.Option([], "--stop", help="Stop string (repeatable)."),
        preference_in_base: bool = typer.Option(False, "--preference-in-base",
                                                help="Show the preference to the base model too "
                                                "(the authors' setting)."),
        min_p: float | None = typer.Option(None, "--min-p", help=f"{PAD_STEP_HELP['min_p']} Default: "
                                              f"{DecodingConfig.min_p}."),
        eos_candidate: bool | None = typer.Option(None, "--eos-candidate/--no-eos-candidate",
                                                     help=f"{PAD_STEP_HELP['eos_candidate']} Default: "
                                                     f"{'on' if DecodingConfig.eos_candidate else 'off'}."),
        no_repeat_ngram: int | None = typer.Option(None, "--no-repeat-ngram",
                                                      help=f"{PAD_STEP_HELP['no_repeat_ngram']} Default: "
                                                      f"{DecodingConfig.no_repeat_ngram}."),
        eos_bonus: float | None = typer.Option(None, "--eos-bonus", help=f"{PAD_STEP_HELP['eos_bonus']} Default: "
                                                  f"{DecodingConfig.eos_bonus:g}."),
        eos_min_reward: float | None = typer.Option(None, "--eos-min-reward",
                                                       help=f"{PAD_STEP_HELP['eos_min_reward']} Default: "
                                                       f"{_floor_words(DecodingConfig.eos_min_reward)}."),
        loop_escape: int | None = typer.Option(None, "--loop-escape",
                                                  help=f"{PAD_STEP_HELP['loop_escape']} Default: "
                                                  f"{DecodingConfig.loop_escape}."),
        gate_tau: float | None = options.gate_tau(),
        model: str = options.model(),
        reward_model: str | None = options.reward_model(),
        experts: str | None = options.experts(),
        args_reward_dir: str | None = typer.Option(None, "--args-reward", help="args: a local "
                                                      "AutoModelForSequenceClassification directory whose score of "
                                                      "the chat with each candidate ARGS adds (KV-cached when it "
                                                      "shares the base's vocabulary). Default: the reward model's "
                                                      "implicit reward."),
        poles: str | None = typer.Option(None, "--poles", help="soup/mod: pole weights, e.g. 'concise=1,warm=1' "
                                            "(default: read from the preference)."),
        device: str = options.device(),
        dtype: str = options.dtype(),
        as_json: bool = options.json_output("Print one JSON object instead of streaming text."),
        user: str | None = options.user("Personalize with this user's stored profile and record the exchange "
                                           "(for feedback)."),
        db: str | None = options.db(),
        capture: bool = typer.Option(True, "--capture/--no-capture",
                                     help="With --user: remember what PROMPT states about the user (\"I'm "
                                     "vegetarian\", \"keep it short\") before answering; one line per stored one."),
        ab: bool = typer.Option(False, "--ab", help="Two answers, A (personalized) and B (base, unless "
                                "--alt-strategy), recorded together so `personalign feedback --choose A|B` can "
                                "pick one."),
        alt_strategy: str | None = typer.Option(None, "--alt-strategy", help="With --ab: the strategy of answer B "
                                                   "(default: base; B samples when it equals A's)."),
    ) -> None:
        """Answer PROMPT, personalized to --preference and/or --user's profile with the chosen strategy."""
        from personalign.server.config import MAX_BEST_OF_N, MAX_PROMPT_CHARS, MAX_PROMPT_TOKENS

        _check_utf8(prompt, "prompt")
        if not prompt.strip():
            raise ConfigError("prompt is empty")
        if len(prompt) > MAX_PROMPT_CHARS:  # the server's limits, checked before anything loads
            raise ConfigError(f"the prompt is {len(prompt)} characters long; the limit is {MAX_PROMPT_CHARS}")
        if n > MAX_BEST_OF_N:
            raise ConfigError(f"--n is {n}; best-of-n takes at most {MAX_BEST_OF_N} samples")
        if preference is not None:
            _check_utf8(preference, "preference")
        if poles is not None and strategy not in POLE_STRATEGIES:
            raise ConfigError("--poles steers only the mod and soup strategies")
        if args_reward_dir is not None and strategy != "args":
            raise ConfigError("--args-reward is the reward of the args strategy only")
        pole_weights = None
        if poles is not None:
            from personalign.decoding import parse_pole_weights

            pole_weights = parse_pole_weights(poles)
        if alt_strategy is not None and not ab:
            raise ConfigError("--alt-strategy needs --ab")
        if alt_strategy is not None and alt_strategy not in STRATEGIES:
            raise ConfigError(f"unknown strategy {alt_strategy!r} for --alt-strategy; choose from "
                              f"{', '.join(STRATEGIES)}")
        config = DecodingConfig(strategy=strategy, max_new_tokens=max_new_tokens, temperature=temperature,
                                top_p=top_p, top_k=top_k, weight=1.0 if weight is None else weight, n=n, seed=seed,
                                stop=tuple(stop), preference_in_base=preference_in_base, gate_tau=gate_tau,
                                **_guard_options(min_p, eos_candidate, no_repeat_ngram, eos_bonus,
                                                 eos_min_reward, loop_escape)).validate()
        from personalign.feedback.personalize import personalize

        store = terms = None
        # Without memory this is the whole answer; with it, an unsafe text is refused before the store opens.
        chosen = personalize(None, None, prompt, preference)
        if user is None and strategy != "base" and chosen.preference is None and pole_weights is None:
            raise ConfigError(f"strategy {strategy!r} needs --preference")  # before the model loads
        if user is not None:
            from personalign.feedback import update_user
            from personalign.memory import MemoryStore, UnknownUserError

            store = MemoryStore(db)
            try:
                update_user(store, user)  # fold feedback not yet counted into the learned dimension weights
            except UnknownUserError:
                pass  # cold start: nothing stored about this user yet
            chosen = personalize(store, user, prompt, preference, capture_from=prompt if capture else None)
            for c in chosen.captured:
                typer.echo(_captured_line(c), err=True)
        preference = chosen.preference
        engine = build_engine(model, reward_model, device, dtype)
        _check_fits(engine, prompt, preference, config.max_new_tokens, MAX_PROMPT_TOKENS)
        if weight is None:
            config.weight = engine.default_weight
        if store is not None and strategy in ("pad", "best-of-n"):
            terms = chosen.terms(config.weight)
        if strategy != "base" and preference is None and not terms and pole_weights is None:
            # Cold start: a user with no stored preferences gets the unpersonalized answer.
            typer.echo(f"note: user {user!r} has no stored preferences; answering with strategy 'base'", err=True)
            config.strategy = strategy = "base"
        adapters = None
        if store is not None:
            from personalign.feedback import UserAdapters

            # The user's DPO-trained LoRA (personalign align), when one exists, steers the base rows.
            persrm = engine.reward_model if engine.reward_model is not engine.base else None
            engine, adapters = UserAdapters(engine.base, store).engine_for([user], reward_model=persrm)

        if strategy in POLE_STRATEGIES and not use_experts(engine, experts, route=pole_weights is None):
            raise ConfigError(f"soup and mod need pole experts for {engine.base.name!r}: pass --experts DIR "
                              "(`personalign train-experts` trains them)")
        if args_reward_dir is not None:
            engine.args_reward = args_reward(args_reward_dir, engine)

        def stream(_index: int, _token: int, piece: str) -> None:
            sys.stdout.write(piece)
            sys.stdout.flush()

        if ab and not as_json:
            typer.echo(f"A ({strategy}):")
        result = engine.generate(prompt, preference=preference, config=config, terms=terms, adapters=adapters,
                                 pole_weights=pole_weights, on_token=None if as_json else stream)
        out = result.outputs[0]
        config_b = result_b = out_b = None
        if ab:
            from personalign.decoding import ab as answer_b

            config_b = answer_b.distinct_from_a(replace(config, strategy=answer_b.alt_strategy(
                strategy, alt_strategy, preference is not None)), strategy).validate()
            terms_b = chosen.terms(config_b.weight) if store is not None and config_b.strategy in (
                "pad", "best-of-n") else None
            if not as_json:
                typer.echo(f"\n\nB ({config_b.strategy}):")
            result_b = engine.generate(prompt, preference=preference if config_b.strategy != "base" else None,
                                       config=config_b, terms=terms_b, adapters=adapters,
                                       on_token=None if as_json else stream)
            out_b = result_b.outputs[0]
        interaction_id = None
        if store is not None:
            interaction_id = store.record_interaction(user, prompt, out.text, strategy, {
                **config.to_dict(), "model": model, "preference": preference,
                "preference_source": chosen.source, "preference_ids": list(chosen.preference_ids),
                **({"alt": config_b.to_dict()} if ab else {})},
                alt_answer=out_b.text if ab else None)
            if chosen.stored_ids:
                store.link_to_interaction(user, chosen.stored_ids, interaction_id)
        if as_json:
            alt = None if not ab else {
                "text": out_b.text, "strategy": config_b.strategy, "params": config_b.to_dict(),
                "new_tokens": len(out_b.token_ids), "finish_reason": out_b.finish_reason,
                "seconds": round(result_b.seconds, 4)}
            typer.echo(json.dumps({
                "text": out.text, "strategy": strategy, "preference": preference,
                "preference_source": chosen.source, "preference_ids": list(chosen.preference_ids), "model": model,
                "params": config.to_dict(), "new_tokens": len(out.token_ids),
                "finish_reason": out.finish_reason, "seconds": round(result.seconds, 4),
                "user": user, "interaction_id": interaction_id,
                "captured": [c.to_dict() for c in chosen.captured], "alt": alt,
                "pole_weights": (result.extras.get("pole_weights") or [None])[0],
                "reward": out.reward,
            }, ensure_ascii=False))
        else:
            typer.echo("")
            recorded = f", interaction {interaction_id}" if interaction_id is not None else ""
            done = [("A " if ab else "") + f"{strategy}: {len(out.token_ids)} tokens in {result.seconds:.2f}s, "
                    f"{out.finish_reason}"]
            if ab:
                done.append(f"B {config_b.strategy}: {len(out_b.token_ids)} tokens in {result_b.seconds:.2f}s, "
                            f"{out_b.finish_reason}")
            typer.echo(f"[{'; '.join(done)}{recorded}]", err=True)
            if ab and interaction_id is not None:
                on_db = f" --db {shlex.quote(db)}" if db else ""
                typer.echo(f"pick one: personalign feedback --user {shlex.quote(user)} --interaction "
                           f"{interaction_id}{on_db} --choose A|B", err=True)

    @app.command()
    def models() -> None:
        """Show the embedded model and prepare its safetensors cache."""
        from personalign.models import DEFAULT_MODEL, EMBEDDED_MODELS
        from personalign.models.loader import prepare_embedded

        for name, spec in EMBEDDED_MODELS.items():
            path = prepare_embedded(name)
            default = " (default)" if name == DEFAULT_MODEL else ""
            typer.echo(f"{name}{default}: {spec.gguf_file} from package {spec.package}, "
                       f"license {spec.license}; cache: {path}")

    @app.command()
    def demo(
        prompt: str = typer.Option(DEMO_PROMPT, help="The prompt answered under both preferences."),
        max_new_tokens: int = typer.Option(96, "--max-new-tokens"),
        weight: float | None = typer.Option(None, help="PAD weight with the trained PersRM (default: its "
                                                          "recommended weight)."),
        model: str = options.model(),
    ) -> None:
        """One prompt, two opposite preferences: base, prompting, training-free PAD and PAD with the
        shipped PersRM side by side, with timings."""
        from rich.console import Console
        from rich.table import Table

        from personalign.decoding import Engine
        from personalign.models import load
        from personalign.rewards.persrm import resolve_reward_model

        _check_utf8(prompt, "prompt")
        if weight is not None:
            check_weight(weight)
        console = Console()
        t0 = time.perf_counter()
        base_model = load(model)
        persrm = resolve_reward_model(None, base_model)
        console.print(f"[dim]loaded {model} in {time.perf_counter() - t0:.1f}s[/dim]")
        plain = Engine(base_model)
        engines = {"prompt": (plain, "prompt", 1.0), "pad, training-free": (plain, "pad", 1.0)}
        if persrm is not None:
            w = weight if weight is not None else (persrm.config.recommended_weight or 1.0)
            engines[f"pad, PersRM w={w:g}"] = (Engine(base_model, persrm), "pad", w)
        table = Table(title=f"personalign demo: {prompt!r}", show_lines=True)
        table.add_column("preference", max_width=22)
        table.add_column("strategy and settings", max_width=22)
        table.add_column("answer")
        table.add_column("tokens / s", justify="right")
        base = plain.generate(prompt, strategy="base", max_new_tokens=max_new_tokens)
        table.add_row("(none)", "base", base.texts[0], _timing(base))
        for pref in DEMO_PREFERENCES:
            for label, (engine, strategy, w) in engines.items():
                result = engine.generate(prompt, preference=pref, strategy=strategy, weight=w,
                                         max_new_tokens=max_new_tokens)
                table.add_row(pref, f"{label}\n{_settings(result.config)}", result.texts[0], _timing(result))
        console.print(table)
        console.print("[dim]Training-free PAD's reward model is the base shown the preference (at w = 1: prompting "
                      "restricted to the base's top-k); the PersRM is the reward model trained by this project "
                      "(personalign/rewards/default_persrm/MODEL_CARD.md, v2): on this 135M model it moves style much "
                      "further than prompting while staying on the question; PAD's guard (spelled out in each row) "
                      "lets a short answer end and keeps answers out of loops. Words per answer are the length "
                      "judge's score.[/dim]")


def _captured_line(c) -> str:
    """One line per statement found in the prompt: what memory did with it."""
    if c.result is None:
        return f"not remembered: {c.statement.text!r} ({c.refused})"
    p = c.result.preference
    what = {"added": "remembered", "merged": "already known", "outranked": "not remembered"}[c.result.action]
    extra = f"; supersedes {', '.join(str(o.id) for o in c.result.superseded)}" if c.result.superseded else ""
    return f"{what}: {p.text!r} (preference {p.id}{extra}; undo: personalign prefs undo {p.id} --user {p.user})"


def _settings(cfg) -> str:
    """A demo row's decoding settings in words (PAD's guard spelled out, so a reader can reproduce it)."""
    if cfg.strategy != "pad":
        return f"greedy, {cfg.max_new_tokens} tokens"
    guard = [f"min_p {cfg.min_p:g}"] if cfg.min_p else []
    guard += ["EOS candidate"] if cfg.eos_candidate else []
    guard += [f"EOS bonus {cfg.eos_bonus:g}"] if cfg.eos_candidate and cfg.eos_bonus else []
    guard += [f"EOS reward floor {cfg.eos_min_reward:g}"] if (
        cfg.eos_candidate and cfg.eos_min_reward is not None) else []
    guard += [f"no repeated {cfg.no_repeat_ngram}-gram"] if cfg.no_repeat_ngram else []
    guard += [f"loop escape after {cfg.loop_escape}"] if cfg.no_repeat_ngram and cfg.loop_escape else []
    return f"top-k {cfg.top_k}; " + (", ".join(guard) if guard else "no guard (authors' step)")


def _floor_words(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def _guard_options(min_p, eos_candidate, no_repeat_ngram, eos_bonus, eos_min_reward, loop_escape) -> dict:
    """PAD guard options given on the command line (the rest keep DecodingConfig's defaults)."""
    given = {"min_p": min_p, "eos_candidate": eos_candidate, "no_repeat_ngram": no_repeat_ngram,
             "eos_bonus": eos_bonus, "eos_min_reward": eos_min_reward, "loop_escape": loop_escape}
    return {k: v for k, v in given.items() if v is not None}


def _timing(result) -> str:
    words = len(result.texts[0].split())
    return f"{result.new_tokens} tok\n{result.seconds:.1f}s\n{result.tokens_per_second:.1f} tok/s\n{words} words"
