"""Output paths checked before the work starts, so a long run never ends in "cannot write".

Each check creates what the command would create anyway (missing parent directories, the output
directory) and proves it writable with a probe, because permission bits alone do not tell: root
ignores them, and /proc or a read-only mount refuse what `os.access` allows.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from personalign.errors import ConfigError


def _fail(option: str, path: Path, exc: OSError) -> ConfigError:
    return ConfigError(f"cannot write {option} {str(path)!r}: {exc.strerror or exc}")


def writable_dir(path: Path, option: str = "--out") -> Path:
    """`path` as an existing, writable directory (created when missing)."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{option} {str(path)!r} exists and is not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise _fail(option, path, exc) from None
    return path


def writable_file(path: Path, option: str = "--out") -> Path:
    """`path` as a file that can be written (its directory created when missing; the file is left as it was)."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"{option} {str(path)!r} is a directory; give a file name")
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise _fail(option, path, exc) from None
    if not existed:
        os.unlink(path)
    return path
