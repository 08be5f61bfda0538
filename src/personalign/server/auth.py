"""API keys: one admin key and per-user keys, stored hashed.

Key format: ``pa-<key id>.<secret>``. Only sha256(secret) is stored, next to the public key id, in the
`server_api_keys` table of the memory database (`personalign.memory.keys`: every server process sharing
a PostgreSQL memory shares the keys, and forgetting a user deletes their keys with their rows). A
secret has 256 random bits, so a plain sha256 is as strong as a slow password hash here: there is
nothing to brute-force. Digests are compared with `hmac.compare_digest`, and an unknown key id still
costs one comparison, so timing does not tell which ids exist.

The admin key comes from ``$PERSONALIGN_ADMIN_KEY`` or, when that is unset, from a key file (created
at first start with mode 0600; a file readable by group or others is refused, as ssh does).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from personalign.errors import ConfigError
from personalign.memory import keys as key_table
from personalign.memory.db import private_dir, write_connection
from personalign.memory.keys import api_keys  # noqa: F401  (re-exported: tests read the table)
from personalign.server.config import ADMIN_KEY_ENV, ServerConfig

USER_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
USER_NAME_RULE = "1-64 characters: letters, digits, '.', '_', '@', '-', starting with a letter or digit"
MIN_ADMIN_KEY_CHARS = 16
_DUMMY_DIGEST = hashlib.sha256(b"personalign-no-such-key").hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is calling: the admin, or one user (whose data is all this key may touch)."""

    role: str  # "admin" | "user"
    user: str | None = None
    key_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def load_admin_key(config: ServerConfig) -> tuple[str, str]:
    """(admin key, where it came from). Creates the key file on first start."""
    if config.admin_key is not None:
        key, source = config.admin_key, "config"
    elif os.environ.get(ADMIN_KEY_ENV):
        key, source = os.environ[ADMIN_KEY_ENV], f"${ADMIN_KEY_ENV}"
    else:
        path = config.key_file()
        key, source = _read_or_create_key_file(path), str(path)
    key = key.strip()
    if len(key) < MIN_ADMIN_KEY_CHARS:
        raise ConfigError(f"the admin key from {source} is shorter than {MIN_ADMIN_KEY_CHARS} characters")
    return key, source


def _read_or_create_key_file(path: Path) -> str:
    private_dir(path.parent)
    key = "pa-admin." + secrets.token_urlsafe(32)
    try:
        # O_EXCL: two servers starting together cannot both write a key; the loser reads the winner's.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as fh:
            fh.write(key + "\n")
        return key
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(f"admin key file {path} is accessible by other users (mode {stat.S_IMODE(mode):o}); "
                          "run chmod 600 on it")
    return path.read_text(encoding="utf-8").strip()


class KeyStore:
    """User API keys in the memory database (table `server_api_keys`, from the store's migrations)."""

    def __init__(self, engine, admin_key: str):
        self.engine = engine
        self._admin_digest = _digest(admin_key)

    def authenticate(self, token: str) -> Principal | None:
        if hmac.compare_digest(_digest(token), self._admin_digest):
            return Principal("admin")
        if not token.startswith("pa-") or "." not in token:
            return None
        key_id, secret = token[3:].split(".", 1)
        if not key_id or len(key_id) > 32:
            return None
        with self.engine.connect() as conn:
            row = key_table.find_key(conn, key_id)
        stored = row.secret_sha256 if row is not None else _DUMMY_DIGEST
        if hmac.compare_digest(_digest(secret), stored) and row is not None:
            return Principal("user", row.user_name, key_id)
        return None

    def issue(self, user: str) -> tuple[str, str]:
        """A new key for `user`: (key id, the full key). The key is shown once and never stored."""
        key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        with write_connection(self.engine) as conn:
            key_table.add_key(conn, user, key_id, _digest(secret))
        return key_id, f"pa-{key_id}.{secret}"

    def keys(self, user: str) -> list[dict]:
        with self.engine.connect() as conn:
            return key_table.list_keys(conn, user)

    def has_user(self, user: str) -> bool:
        return bool(self.keys(user))

    def users(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return key_table.key_counts(conn)

    def revoke(self, user: str, key_id: str) -> int:
        """Deletes one key of `user`; returns 1, or 0 when there is no such key. (All of a user's keys go
        with the user: `MemoryStore.forget_user`.)"""
        with write_connection(self.engine) as conn:
            return key_table.revoke_keys(conn, user, key_id)
