"""`personalign` command line. Bad input ends in one line on stderr and exit code 2, never a traceback.

Sub-commands live in sibling modules that expose `register(app)`; this module wires them and owns
error handling, so every command reports problems the same way: the library raises PersonalignError
(the memory layer turns database failures — locked, read-only, damaged files — into StoreError), and
an OSError (a directory that cannot be written, a full disk) is the environment's problem, not a bug.

Global option: `personalign --lock-timeout SECONDS <command>` (or $PERSONALIGN_LOCK_TIMEOUT): how long
a command waits for a memory database another process holds locked before it says the database is busy.
"""
from __future__ import annotations

import importlib
import os
import sys

import click
import typer

from personalign.cli import options
from personalign.errors import PersonalignError
from personalign.memory.db import LOCK_TIMEOUT_ENV, resolve_lock_timeout

try:  # recent typer vendors its own click, whose exception classes are not click's
    from typer._click.exceptions import ClickException as _TyperClickException
except ImportError:  # pragma: no cover
    _TyperClickException = click.exceptions.ClickException

_EXITS = (click.exceptions.Exit, typer.Exit)
_ABORTS = (KeyboardInterrupt, click.exceptions.Abort, typer.Abort)
_USAGE_ERRORS = (click.exceptions.ClickException, _TyperClickException)

os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None, help="personalign: personalized alignment of language models.")


@app.callback()
def _options(lock_timeout: float | None = options.lock_timeout()) -> None:
    """personalign: personalized alignment of language models."""
    if lock_timeout is not None:
        # Every store this process opens reads the variable: one setting, however deep the store is opened.
        os.environ[LOCK_TIMEOUT_ENV] = repr(resolve_lock_timeout(lock_timeout))


# Each module adds its commands with register(app).
_COMMAND_MODULES = ("generate", "prefs", "data", "train", "evaluate", "serve", "align")


_registered = False


def register_commands() -> None:
    """Adds every command module's commands to `app` (the full CLI, for callers that inspect it)."""
    # Once per process: main() may run many times in one process (tests, notebooks), and commands
    # registered again would pile up in the app, each call slower than the last.
    global _registered
    if _registered:
        return
    _registered = True
    for name in _COMMAND_MODULES:
        importlib.import_module(f"personalign.cli.{name}").register(app)


def main(argv: list[str] | None = None) -> None:
    register_commands()
    try:
        app(args=argv, prog_name="personalign", standalone_mode=False)
    except _EXITS as exc:
        sys.exit(exc.exit_code)
    except _USAGE_ERRORS as exc:
        message = exc.format_message().strip().splitlines()
        typer.echo(f"error: {message[0] if message else type(exc).__name__}", err=True)
        sys.exit(2)
    except PersonalignError as exc:
        typer.echo(f"error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", err=True)
        sys.exit(2)
    except OSError as exc:
        typer.echo(f"error: {_os_message(exc)}", err=True)
        sys.exit(2)
    except _ABORTS:
        typer.echo("interrupted", err=True)
        sys.exit(130)


def _os_message(exc: OSError) -> str:
    what = exc.strerror or str(exc) or type(exc).__name__
    return f"{what}: {exc.filename}" if exc.filename is not None else what


if __name__ == "__main__":
    main()
