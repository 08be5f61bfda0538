"""Per-user LoRA adapters stored in the database (table `user_adapter_files`, migration 0006).

One row per file of an adapter: the user, the adapter's name (`default` for the one `personalign align`
trains), the file's path relative to the adapter directory, its bytes (BLOB on SQLite, bytea on
PostgreSQL), their sha256 and size, and when it was written. The files are PEFT's saved format
(`adapter_config.json`, `adapter_model.safetensors`) plus the project's `manifest.json`, so writing the
rows back into a directory gives exactly what `PeftModel.from_pretrained` (or vLLM's `LoRARequest`)
loads.

Writing (`write_adapter`) replaces all of an adapter's rows in one write transaction and bumps
`users.revision`, so `personalign align` on any machine publishes a new adapter to every replica at once.

Content hash (`content_digest`): sha256 over the sorted (path, file sha256) pairs and the adapter name.
A replica keeps a local copy of each adapter it serves in a cache directory named by that hash,
`<data dir>/adapter_cache/<store id>/<user dir>/<adapter name>/<hash>/` (`AdapterCache`); the user's
snapshot (`retrieval.SnapshotCache`, checked against `users.revision` on every request) carries the
current hashes, so a replica sees a newer adapter written by another at its next request for that user
and never serves a stale copy. `AdapterCache.sweep` deletes every cached copy the database no longer
names (a forgotten user, a replaced adapter); a server runs it periodically, and `forget_user` removes
the user's cache directory on the machine it runs on at once.

Older versions kept adapters only as files under `<data dir>/adapters/<store id>/<user dir>/`
(`legacy_dir`). `import_legacy` moves such directories into the table (migration 0006 does it for the
data directory of the process that migrates; every `MemoryStore` open does it for its own data
directory, so adapters on other machines move in when a replica there starts): an adapter whose user no
longer exists is deleted (that user was forgotten), one older than the adapter already in the database
is dropped, and each moved directory is removed.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select

from personalign.memory.db import private_dir
from personalign.memory.errors import MemoryInputError, StoreCorruptError
from personalign.memory.schema import AdapterFileRow, UserRow, utcnow

DEFAULT_ADAPTER = "default"
MANIFEST = "manifest.json"
MAX_ADAPTER_BYTES = 1024**3               # one adapter in all (PostgreSQL's bytea holds up to 1 GiB per value)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_PART = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")
_TMP_GRACE_S = 600.0                       # a temp dir younger than this may be another process's write
files_table = AdapterFileRow.__table__


@dataclass(frozen=True)
class AdapterFile:
    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class AdapterInfo:
    """An adapter as the database holds it (without the bytes)."""

    user: str
    name: str
    digest: str                      # the content hash (module docstring)
    files: tuple[AdapterFile, ...]
    created_at: datetime

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    def to_dict(self) -> dict:
        return {"name": self.name, "sha256": self.digest, "size": self.size, "created_at": self.created_at.isoformat(),
                "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in self.files]}


# ------------------------------------------------------------------------------------ names and hashes
def valid_adapter_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise MemoryInputError(f"adapter name must be 1-64 letters, digits, '_' or '-', got {name!r}")
    return name


def valid_file_path(path: str) -> str:
    """A relative POSIX path of plain parts (no '..', no leading dot, no absolute path)."""
    parts = path.split("/") if isinstance(path, str) else []
    if not parts or len(path) > 255 or not all(_PART.fullmatch(p) for p in parts):
        raise MemoryInputError(f"adapter file path must be relative, of letters, digits, '.', '_', '-' and '/', "
                               f"got {path!r}")
    return path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_digest(name: str, files) -> str:
    """The adapter's content hash from its (path, sha256) pairs (any order)."""
    h = hashlib.sha256(f"personalign.adapter-files/1\0{name}\n".encode())
    for path, digest in sorted(files):
        h.update(f"{path}\0{digest}\n".encode())
    return h.hexdigest()


def user_dir_name(user: str) -> str:
    """<name made file-safe>-<hash of the name>: the hash keeps names that differ only in unsafe characters apart."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", user)[:40]
    return f"{safe}-{hashlib.sha256(user.encode('utf-8')).hexdigest()[:12]}"


def legacy_dir(data_dir: Path, store_id: str, user: str) -> Path:
    """Where versions before migration 0006 kept `user`'s adapter."""
    return Path(data_dir) / "adapters" / store_id / user_dir_name(user)


# ----------------------------------------------------------------------------------------- queries
def digests(conn, user_id: int) -> dict[str, str]:
    """adapter name → content hash for one user (no bytes read)."""
    rows = conn.execute(select(files_table.c.adapter, files_table.c.path, files_table.c.sha256)
                        .where(files_table.c.user_id == user_id)).all()
    by_name: dict[str, list] = {}
    for name, path, digest in rows:
        by_name.setdefault(name, []).append((path, digest))
    return {name: content_digest(name, files) for name, files in by_name.items()}


def all_digests(conn) -> dict[tuple[str, str], str]:
    """(user name, adapter name) → content hash for every stored adapter (no bytes read)."""
    rows = conn.execute(select(UserRow.name, files_table.c.adapter, files_table.c.path, files_table.c.sha256)
                        .join(UserRow, UserRow.id == files_table.c.user_id)).all()
    by_key: dict[tuple[str, str], list] = {}
    for user, name, path, digest in rows:
        by_key.setdefault((user, name), []).append((path, digest))
    return {key: content_digest(key[1], files) for key, files in by_key.items()}


def info(conn, user: str, user_id: int, name: str) -> AdapterInfo | None:
    rows = conn.execute(select(files_table.c.path, files_table.c.sha256, files_table.c.size,
                               files_table.c.created_at)
                        .where(files_table.c.user_id == user_id, files_table.c.adapter == name)
                        .order_by(files_table.c.path)).all()
    if not rows:
        return None
    files = tuple(AdapterFile(r.path, r.sha256, int(r.size)) for r in rows)
    return AdapterInfo(user, name, content_digest(name, [(f.path, f.sha256) for f in files]), files,
                       max(r.created_at for r in rows))


def read_files(conn, user_id: int, name: str, paths: list[str] | None = None) -> dict[str, bytes]:
    """path → bytes of one adapter (or of `paths` only), each checked against its stored sha256."""
    q = select(files_table.c.path, files_table.c.data, files_table.c.sha256).where(
        files_table.c.user_id == user_id, files_table.c.adapter == name)
    if paths is not None:
        q = q.where(files_table.c.path.in_(paths))
    out = {}
    for path, data, digest in conn.execute(q.order_by(files_table.c.path)).all():
        data = bytes(data)
        if sha256_hex(data) != digest:
            raise StoreCorruptError(f"adapter file {path!r} ({name}) does not match its stored sha256")
        out[path] = data
    return out


def write_adapter(conn, user_id: int, name: str, files: Mapping[str, bytes]) -> str:
    """Replaces adapter `name` of the user with `files` inside the caller's write transaction; returns its
    content hash. The caller bumps the user's revision."""
    checked = {valid_file_path(p): bytes(d) for p, d in files.items()}
    if "adapter_config.json" not in checked:
        raise MemoryInputError("an adapter needs adapter_config.json (PEFT's saved format)")
    if sum(len(d) for d in checked.values()) > MAX_ADAPTER_BYTES:
        raise MemoryInputError(f"an adapter may hold at most {MAX_ADAPTER_BYTES} bytes")
    conn.execute(delete(files_table).where(files_table.c.user_id == user_id, files_table.c.adapter == name))
    now = utcnow()
    rows = [{"user_id": user_id, "adapter": name, "path": p, "data": d, "sha256": sha256_hex(d), "size": len(d),
             "created_at": now} for p, d in sorted(checked.items())]
    conn.execute(files_table.insert(), rows)
    return content_digest(name, [(r["path"], r["sha256"]) for r in rows])


def delete_user_adapters(conn, user_id: int) -> tuple[int, int]:
    """Deletes every adapter file row of a user; (rows, bytes) that went."""
    rows, size = conn.execute(select(func.count(), func.coalesce(func.sum(files_table.c.size), 0))
                              .where(files_table.c.user_id == user_id)).one()
    conn.execute(delete(files_table).where(files_table.c.user_id == user_id))
    return int(rows), int(size)


def read_directory(directory: Path) -> dict[str, bytes]:
    """The regular files under `directory` as relative path → bytes (what an adapter directory holds)."""
    directory = Path(directory)
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file() and not p.is_symlink()}


def write_directory(files: Mapping[str, bytes], target: Path) -> Path:
    """Writes `files` into `target` (created, or replaced atomically when it exists)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _write_files(tmp, files)
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def _write_files(root: Path, files: Mapping[str, bytes]) -> None:
    """Writes `files` (relative path → bytes) under `root`, creating subdirectories."""
    for path, data in files.items():
        out = root / valid_file_path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)


# --------------------------------------------------------------------------------------- local cache
class AdapterCache:
    """Local copies of stored adapters, one directory per content hash (module docstring).

    Safe across threads and processes sharing the directory: a copy is written beside and renamed into
    place, and its name is its content, so two writers of one hash write the same thing."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def user_root(self, user: str) -> Path:
        return self.root / user_dir_name(user)

    def path(self, user: str, name: str, digest: str) -> Path:
        return self.user_root(user) / name / digest

    def get(self, user: str, name: str, digest: str, fetch) -> Path:
        """The cached copy of the adapter with hash `digest`, written from `fetch()` (path → bytes) when
        missing; the files are checked against `digest` before they are published."""
        target = self.path(user, name, digest)
        if target.is_dir():
            return target
        files = fetch()
        got = content_digest(name, [(p, sha256_hex(d)) for p, d in files.items()])
        if got != digest:
            # Replaced between the snapshot and the read: the caller retries with the new hash.
            raise FileNotFoundError(f"adapter {name!r} of this user changed while it was read")
        private_dir(target.parent)  # adapters are personal data: 0700, as the database's directory
        tmp = Path(tempfile.mkdtemp(prefix=f".{digest}.", dir=target.parent))
        try:
            _write_files(tmp, files)
            try:
                os.rename(tmp, target)
            except OSError:
                if not target.is_dir():
                    raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return target

    def remove_user(self, user: str) -> int:
        """Deletes every cached copy of `user`'s adapters; how many files went."""
        return _remove(self.user_root(user))

    def sweep(self, live_of) -> int:
        """Deletes every cached copy whose (user dir, adapter name, hash) is not in `live_of()`; returns how
        many files went. The directory is listed before `live_of` reads the database, so a copy written
        from a newer database state than that read is never taken for a stale one."""
        if not self.root.is_dir():
            return 0
        now = time.time()
        listed = [entry for user_root in _children(self.root) for name_dir in _children(user_root)
                  for entry in _children(name_dir)]
        live = {(user_dir_name(user), name, digest) for (user, name), digest in live_of().items()}
        removed = 0
        for entry in listed:
            user_d, name_d = entry.parent.parent.name, entry.parent.name
            if entry.name.startswith("."):
                try:
                    if now - entry.stat().st_mtime < _TMP_GRACE_S:
                        continue  # maybe another process writing it now
                except FileNotFoundError:
                    continue
            elif (user_d, name_d, entry.name) in live:
                continue
            removed += _remove(entry)
        for user_root in _children(self.root):  # empty directories of forgotten users go too
            for name_dir in _children(user_root):
                _rmdir_if_empty(name_dir)
            _rmdir_if_empty(user_root)
        return removed


def _children(directory: Path) -> list[Path]:
    """The entries of `directory`, or none when it is not a directory (any more): a forget on this process
    or a sweep may delete folders while another walks them."""
    try:
        return list(directory.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []


def _rmdir_if_empty(path: Path) -> None:
    try:
        path.rmdir()
    except OSError:
        pass


def _remove(path: Path) -> int:
    if not path.exists() and not path.is_symlink():
        return 0
    if path.is_dir() and not path.is_symlink():
        files = sum(len(names) for _, _, names in os.walk(path))  # os.walk skips folders deleted meanwhile
        shutil.rmtree(path, ignore_errors=True)
        return files
    path.unlink(missing_ok=True)
    return 1


# ------------------------------------------------------------------------------------------ legacy
@dataclass
class ImportReport:
    moved: int = 0            # adapters written into the table
    dropped_orphans: int = 0  # adapters of users the database no longer has (forgotten)
    dropped_older: int = 0    # the database already holds this adapter, or a newer one
    directories: list[Path] = field(default_factory=list)  # to remove once the transaction committed


def import_legacy(conn, data_dir: Path, store_id: str) -> ImportReport:
    """Moves the on-disk adapters of this store (`<data_dir>/adapters/<store id>/*`) into the table inside the
    caller's write transaction (module docstring). The directories to delete are listed in the report:
    `remove_imported` deletes them once the caller committed (a crash in between leaves directories that
    the next open finds already stored, and deletes)."""
    report = ImportReport()
    root = Path(data_dir) / "adapters" / store_id
    if not root.is_dir():
        return report
    for directory in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
                            and not p.name.endswith(".old")):
        manifest_file = directory / MANIFEST
        if not manifest_file.is_file() or not (directory / "adapter_config.json").is_file():
            continue  # not a complete adapter: left alone
        try:
            manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        user = manifest.get("user") if isinstance(manifest, dict) else None
        if not isinstance(user, str) or user_dir_name(user) != directory.name:
            continue  # not this directory's user: left alone
        uid = conn.execute(select(UserRow.id).where(UserRow.name == user)).scalar_one_or_none()
        if uid is None:
            report.dropped_orphans += 1
            report.directories.append(directory)
            continue
        stored = read_files(conn, uid, DEFAULT_ADAPTER, [MANIFEST]).get(MANIFEST)
        if stored is not None:
            try:
                stored_at = str(json.loads(stored).get("created_at", ""))
            except ValueError:
                stored_at = ""
            if stored_at >= str(manifest.get("created_at", "")):
                report.dropped_older += 1
                report.directories.append(directory)
                continue
        write_adapter(conn, uid, DEFAULT_ADAPTER, read_directory(directory))
        conn.execute(UserRow.__table__.update().where(UserRow.id == uid)
                     .values(revision=UserRow.__table__.c.revision + 1))
        report.moved += 1
        report.directories.append(directory)
    return report


def remove_imported(report: ImportReport) -> int:
    """Deletes the directories `import_legacy` handled, with what an interrupted replace left beside them
    (temp and .old directories); how many files went."""
    removed = 0
    for directory in report.directories:
        root = directory.parent
        if not root.is_dir():
            continue
        for path in list(root.iterdir()):
            if path.name in (directory.name, directory.name + ".old") or path.name.startswith(f".{directory.name}."):
                removed += _remove(path)
    roots = {d.parent for d in report.directories}
    for root in roots:
        _rmdir_if_empty(root)
        _rmdir_if_empty(root.parent)
    return removed
