"""`personalign prefs ...` and `personalign feedback`: the preference memory from the command line.

    personalign prefs add --user alice "keep it short"      # [--weight W] [--scope global|topical]
    personalign prefs list --user alice                     # active preferences
    personalign prefs history --user alice                  # all, with superseded/retracted links
    personalign prefs retract --user alice 3
    personalign prefs undo --user alice 3                   # retract 3 and restore what it superseded
    personalign prefs profile --user alice --prompt "..."   # what generation would receive (JSON)
    personalign prefs export --user alice [--out FILE]      # everything about alice, JSON
    personalign prefs export-adapter --user alice --out DIR # alice's LoRA adapter as a PEFT directory
    personalign prefs forget --user alice --yes             # delete everything, print counts
    personalign feedback --user alice --interaction 7 (--rating 1..5 | --choose A|B | --edit TEXT) [--comment C]

Every command takes --db URL (default: $PERSONALIGN_DB, else SQLite in the user data dir). Ratings
are integers 1–5; --choose needs an interaction recorded with two answers (A = answer,
B = alt_answer); --edit is the corrected answer A. Problems print one `error:` line, exit code 2.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from personalign.cli import options


def _store(db: str | None):
    from personalign.memory import MemoryStore

    return MemoryStore(db)


def _line(p) -> str:
    dim = f"{p.dimension}/{p.pole}" if p.dimension else "-"
    link = f" -> #{p.superseded_by}" if p.superseded_by else ""
    return (f"#{p.id} {p.status}{link} {p.kind} {p.scope} {dim} weight={p.weight:g} "
            f"confidence={p.confidence:.2f}: {p.text}")


def _echo_json(obj) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    prefs = typer.Typer(no_args_is_help=True, help="Manage a user's preference memory.")
    app.add_typer(prefs, name="prefs")

    @prefs.command("add")
    def add(text: Annotated[str, typer.Argument(help="The preference, in the user's words.")],
            user: str = options.user(default=...), db: str | None = options.db(),
            weight: Annotated[float, typer.Option(help="Strength, in (0, 10].")] = 1.0,
            scope: Annotated[str | None, typer.Option(help="global (always on) or topical (retrieved).")] = None,
            as_json: bool = options.json_output()) -> None:
        """Store a preference (safety-checked; duplicates merge, contradictions supersede)."""
        with _store(db) as store:
            result = store.add_preference(user, text, weight=weight, scope=scope, source="cli")
        if as_json:
            _echo_json({"action": result.action, "preference": result.preference.to_dict(),
                        "superseded": [p.id for p in result.superseded]})
            return
        typer.echo(f"{result.action}: {_line(result.preference)}")
        for p in result.superseded:
            typer.echo(f"superseded: #{p.id} {p.text}")

    @prefs.command("list")
    def list_(user: str = options.user(default=...), db: str | None = options.db(),
              as_json: bool = options.json_output()) -> None:
        """Active preferences."""
        with _store(db) as store:
            rows = store.list_preferences(user)
        _print_rows(rows, as_json)

    @prefs.command("history")
    def history(user: str = options.user(default=...), db: str | None = options.db(),
                as_json: bool = options.json_output()) -> None:
        """Every preference ever stored, with superseded/retracted ones and their links."""
        with _store(db) as store:
            rows = store.list_preferences(user, include_history=True)
        _print_rows(rows, as_json)

    @prefs.command("retract")
    def retract(preference_id: Annotated[int, typer.Argument(help="Preference id (see list).")],
                user: str = options.user(default=...), db: str | None = options.db()) -> None:
        """Retract a preference (kept in history, no longer used)."""
        with _store(db) as store:
            p = store.retract(user, preference_id)
        typer.echo(f"retracted: {_line(p)}")

    @prefs.command("undo")
    def undo(preference_id: Annotated[int, typer.Argument(help="Preference id (see list).")],
             user: str = options.user(default=...), db: str | None = options.db()) -> None:
        """Take a preference back as if it had never arrived: retract it, restore what it superseded."""
        with _store(db) as store:
            p, restored = store.undo(user, preference_id)
        typer.echo(f"retracted: {_line(p)}")
        for old in restored:
            typer.echo(f"restored: {_line(old)}")

    @prefs.command("profile")
    def profile(user: str = options.user(default=...), db: str | None = options.db(),
                prompt: Annotated[str | None, typer.Option(help="Retrieve topical preferences for it.")] = None,
                k: Annotated[int, typer.Option(help="Topical preferences to retrieve.")] = 5) -> None:
        """What generation receives for this user (and prompt), as JSON."""
        with _store(db) as store:
            prof = store.profile(user, prompt, k=k)
        _echo_json({"user": prof.user, "preference_text": prof.preference_text, "weights": prof.weights,
                    "preferences": [p.to_dict() for p in prof.preferences], "similarities": prof.similarities})

    @prefs.command("export")
    def export(user: str = options.user(default=...), db: str | None = options.db(),
               out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None) -> None:
        """Everything stored about the user, as JSON."""
        with _store(db) as store:
            data = store.export_user(user)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if out is None:
            typer.echo(text)
            return
        from personalign.errors import ConfigError

        try:
            # Everything about a person: readable by the owner only, like the database it came from.
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        except OSError as exc:
            raise ConfigError(f"cannot write {out}: {exc.strerror}") from None
        typer.echo(f"exported {len(data['preferences'])} preferences, {len(data['interactions'])} interactions, "
                   f"{len(data['feedback'])} feedback events to {out}")

    @prefs.command("export-adapter")
    def export_adapter(
            out: Annotated[Path, typer.Option("--out", help="The directory to write (replaced when it exists).")],
            user: str | None = options.user("Whose adapter, from the database.", default=None),
            db: str | None = options.db(),
            from_export: Annotated[Path | None, typer.Option(
                "--from-export", help="Read the adapter from a `prefs export` file instead of the database.")] = None,
    ) -> None:
        """Write the user's LoRA adapter as a PEFT directory (adapter_config.json, adapter_model.safetensors,
        manifest.json): what PeftModel.from_pretrained and vLLM's LoRARequest load."""
        import base64

        from personalign.errors import ConfigError
        from personalign.memory import MemoryInputError
        from personalign.memory.adapter_files import DEFAULT_ADAPTER, content_digest, sha256_hex, write_directory

        if (user is None) == (from_export is None):
            raise ConfigError("give either --user USER (from the database) or --from-export FILE")
        if from_export is None:
            # One read: the hash printed is the hash of the very files written, even if `align` replaces them.
            name, claimed = DEFAULT_ADAPTER, None
            with _store(db) as store:
                files = store.read_adapter_files(user, name)
            if not files:
                raise MemoryInputError(f"user {user!r} has no stored adapter {name!r}")
        else:
            try:
                data = json.loads(from_export.read_text(encoding="utf-8"))
                adapter = data["adapter"]
                if adapter is None:
                    raise ConfigError(f"{from_export}: the export holds no adapter")
                files = {p: base64.b64decode(b, validate=True) for p, b in adapter["files_b64"].items()}
                name, claimed = adapter.get("name", DEFAULT_ADAPTER), adapter.get("sha256")
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                raise ConfigError(f"{from_export}: not a personalign export with an adapter ({exc})") from None
        digest = content_digest(name, [(p, sha256_hex(d)) for p, d in files.items()])
        if claimed not in (None, digest):
            raise ConfigError(f"{from_export}: the adapter's files do not match its sha256")
        target, size = write_directory(files, out), sum(len(d) for d in files.values())
        typer.echo(json.dumps({"directory": str(target), "sha256": digest, "bytes": size}))

    @prefs.command("forget")
    def forget(user: str = options.user(default=...), db: str | None = options.db(),
               yes: Annotated[bool, typer.Option("--yes", help="Confirm: this cannot be undone.")] = False) -> None:
        """Delete every row about the user (preferences, interactions, feedback, embeddings)."""
        from personalign.errors import ConfigError

        if not yes:
            raise ConfigError(f"forgetting {user!r} deletes everything about them; pass --yes to confirm")
        with _store(db) as store:
            counts = store.forget_user(user)
        typer.echo("forgot " + repr(user) + ": " + ", ".join(f"{v} {k}" for k, v in counts.items()))

    @app.command("feedback")
    def feedback(user: str = options.user(default=...),
                 interaction: int = typer.Option(..., "--interaction", "-i", help="Interaction id."),
                 db: str | None = options.db(),
                 rating: Annotated[int | None, typer.Option(help="1 (bad) to 5 (good).")] = None,
                 choose: Annotated[str | None, typer.Option(help="A or B: the better of the two answers.")] = None,
                 edit: Annotated[str | None, typer.Option(help="Your corrected version of answer A.")] = None,
                 comment: Annotated[str | None, typer.Option(help="A free-text comment.")] = None) -> None:
        """Record feedback on an interaction: exactly one of --rating, --choose, --edit."""
        from personalign.errors import ConfigError

        given = [name for name, v in (("--rating", rating), ("--choose", choose), ("--edit", edit)) if v is not None]
        if len(given) != 1:
            raise ConfigError("give exactly one of --rating, --choose, --edit"
                              + (f" (got {', '.join(given)})" if given else ""))
        with _store(db) as store:
            rec = store.add_feedback(user, interaction, rating=rating, choice=choose, edited_answer=edit,
                                     comment=comment)
            update = failed = None
            from personalign.feedback import update_user

            try:  # the user's next answer decodes with the moved weights
                update = update_user(store, user)
            except Exception as e:  # noqa: BLE001 - the feedback is stored; the next update folds it in
                failed = f"{type(e).__name__}: {e}"
        typer.echo(f"recorded feedback #{rec.id} on interaction {rec.interaction_id}")
        if failed is not None:
            typer.echo(f"warning: the learned weights were not updated ({failed}); the feedback is stored and "
                       "the next update folds it in", err=True)
        if update is not None and update.new_observations:
            typer.echo("learned weights: " + ", ".join(f"{d} {w:+.2f}" for d, w in sorted(update.weights.items())))
        for r in rec.inferred:
            if r.action != "outranked":
                typer.echo(f"implicit preference ({r.action}): {_line(r.preference)}")


def _print_rows(rows, as_json: bool) -> None:
    if as_json:
        _echo_json([p.to_dict() for p in rows])
        return
    if not rows:
        typer.echo("no preferences")
    for p in rows:
        typer.echo(_line(p))
