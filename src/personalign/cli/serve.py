"""`personalign serve`: the HTTP server (OpenAI-compatible chat, feedback, preferences, web page).

    personalign serve --host 127.0.0.1 --port 8000 [--model NAME|DIR] [--db URL] [--admin-key-file FILE]
    personalign serve --upstream http://127.0.0.1:8001/v1 [--upstream-model NAME] [--model NAME|DIR] [--db URL]

The model is loaded once. The admin key is $PERSONALIGN_ADMIN_KEY, else the key file (default
<user data dir>/personalign/admin.key, created with mode 0600 at first start); the admin key creates
users and their keys: POST /v1/admin/users {"user": "alice"}.

Replicas: any number of `serve` processes on one database (--db: one PostgreSQL, or one SQLite file
on one host) act as one service — keys, preferences, feedback, learned weights and LoRA adapters live in
the database, and per-user caches follow its revision counter. Give them one admin key
($PERSONALIGN_ADMIN_KEY or one key file). `--rate-limit R [--rate-burst N]` limits each user key to R
requests per second across all replicas (429 with Retry-After; the admin key is not limited).

Upstream mode (`--upstream URL`, `personalign.server.upstream`): base and prompt answers are generated
by an OpenAI-compatible server (vLLM, TGI, llama.cpp, ...) whose key is $PERSONALIGN_UPSTREAM_API_KEY;
memory and feedback stay here. No model is loaded unless --model or --reward-model is given; with one,
PAD runs here and best-of-n reranks the upstream's samples with it.

Soup and MOD (`--experts DIR|default|none`, as `personalign generate` takes it): the embedded model serves the
pole experts shipped for it unless --experts none; another model serves the experts of --experts DIR. A
request's pole weights are its `personalign.poles`, else read from its preference.
"""
from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Annotated

import typer

from personalign.cli import options
from personalign.decoding import POLE_STRATEGIES, STRATEGIES
from personalign.errors import ConfigError
from personalign.models import DEFAULT_MODEL

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


def listen_socket(host: str, port: int) -> socket.socket:
    """A bound TCP socket for uvicorn, made before the model loads: a busy port is one clear line at once."""
    if not 0 <= port <= 65535:
        raise ConfigError(f"port must be in 0..65535, got {port}")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(f"cannot listen on host {host!r}: {getattr(exc, 'strerror', None) or exc}") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: restarts reuse the port
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {port} on {host} is already in use; "
                              "stop the other server or pass --port") from None
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def _server_class(uvicorn):
    class Server(uvicorn.Server):
        """uvicorn's server, announcing its address also when it is handed a bound socket (uvicorn then
        assumes a multi-worker parent has announced it; clients and tests read that line)."""

        async def startup(self, sockets=None):
            await super().startup(sockets=sockets)
            if sockets and self.started and hasattr(self, "_log_started_message"):
                self._log_started_message(sockets)

    return Server


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port (0: any free port).")] = 8000,
        model: Annotated[str | None, typer.Option(
            "--model", help="Base model: a name from `personalign models`, a Hugging Face id or a directory. "
                            f"Default: {DEFAULT_MODEL}; with --upstream, no local model unless given.")] = None,
        reward_model: str | None = options.reward_model(),
        experts: str | None = options.experts(),
        upstream: Annotated[str | None, typer.Option(
            "--upstream", help="Generate base and prompt answers on this OpenAI-compatible server (its base URL, "
                               "e.g. http://127.0.0.1:8001/v1); its API key: $PERSONALIGN_UPSTREAM_API_KEY.")] = None,
        upstream_model: Annotated[str | None, typer.Option(
            "--upstream-model", help="The model name to ask the upstream for (default: the first it lists).")] = None,
        upstream_timeout: Annotated[float, typer.Option(
            "--upstream-timeout", help="Seconds an upstream request may take (then 504).")] = 120.0,
        db: str | None = options.db(),
        data_dir: Annotated[Path | None, typer.Option(
            "--data-dir", help="This machine's directory for per-user files (the adapter cache) and the default "
                               "admin key file. Default: the user data dir.")] = None,
        rate_limit: Annotated[float | None, typer.Option(
            "--rate-limit", help="Requests per second per user API key, shared by all replicas on the database "
                                 "(429 with Retry-After beyond). Default: no limit.")] = None,
        rate_burst: Annotated[int | None, typer.Option(
            "--rate-burst", help="Requests a key may make at once before --rate-limit applies "
                                 "(default: one second's worth).")] = None,
        adapter_sweep: Annotated[float, typer.Option(
            "--adapter-sweep", help="Seconds between sweeps of the local adapter cache (copies of adapters the "
                                    "database no longer holds are deleted); 0: never.")] = 60.0,
        admin_key_file: Annotated[Path | None, typer.Option(
            "--admin-key-file",
            help="Admin key file (created 0600 when missing; ignored when $PERSONALIGN_ADMIN_KEY is set).")] = None,
        device: str = options.device(),
        dtype: str = options.dtype(),
        strategy: Annotated[str | None, typer.Option(help=f"Default strategy when a preference applies: "
                                                          f"{', '.join(STRATEGIES)}. Default: pad; prompt with "
                                                          "--upstream and no local model.")] = None,
        max_new_tokens: Annotated[int, typer.Option("--max-new-tokens", help="Upper limit on max_tokens.")] = 512,
        max_prompt_tokens: Annotated[int, typer.Option("--max-prompt-tokens")] = 2048,
        max_body_bytes: Annotated[int, typer.Option("--max-body-bytes")] = 1_000_000,
        body_timeout: Annotated[float, typer.Option("--body-timeout", help="Seconds a request body may take to "
                                "arrive (a client that sends less than its Content-Length gets 408).")] = 30.0,
        batch_window_ms: Annotated[float, typer.Option("--batch-window-ms",
                                   help="How long requests wait to share a batch.")] = 5.0,
        max_batch_size: Annotated[int, typer.Option("--max-batch-size")] = 16,
        threads: int | None = options.threads(),
        log_level: Annotated[str, typer.Option("--log-level")] = "info",
    ) -> None:
        """Serve personalized chat completions over HTTP (see /docs for the API, / for the web page)."""
        import uvicorn

        from personalign.cli.generate import build_engine, use_experts
        from personalign.memory import MemoryStore
        from personalign.server import ServerConfig, create_app
        from personalign.server.upstream import LOCAL_STRATEGIES, base_url, discover_model

        options.set_threads(threads)
        if log_level not in LOG_LEVELS:
            raise ConfigError(f"--log-level must be one of {', '.join(LOG_LEVELS)}, got {log_level!r}")
        local = upstream is None or model is not None or reward_model is not None
        if upstream is not None:
            upstream = base_url(upstream)
            upstream_model = upstream_model or discover_model(upstream)
        if strategy is not None and not local and strategy in LOCAL_STRATEGIES:
            raise ConfigError(f"--strategy {strategy} needs a local model: with --upstream, pass --model too")
        if experts not in (None, "none") and not local:
            raise ConfigError("--experts needs a local model: with --upstream, pass --model too")
        config = ServerConfig(default_strategy=strategy, max_new_tokens=max_new_tokens,
                              max_prompt_tokens=max_prompt_tokens,
                              max_body_bytes=max_body_bytes, body_timeout_s=body_timeout,
                              batch_window_ms=batch_window_ms,
                              max_batch_size=max_batch_size, admin_key_file=admin_key_file,
                              upstream_url=upstream, upstream_model=upstream_model,
                              upstream_timeout_s=upstream_timeout, data_dir=data_dir, rate_limit=rate_limit,
                              rate_burst=rate_burst, adapter_sweep_s=adapter_sweep).validate()
        sock = listen_socket(host, port)
        store = None
        try:
            store = MemoryStore(db, data_dir=data_dir)
            engine = None
            if local:
                model = model or DEFAULT_MODEL
                engine = build_engine(model, reward_model, device, dtype)
                # soup and mod: the pole experts, each request's pole weights given or read from its preference
                if not use_experts(engine, experts) and strategy in POLE_STRATEGIES:
                    raise ConfigError(f"--strategy {strategy} needs pole experts for {model!r}: pass --experts DIR "
                                      "(`personalign train-experts` trains them)")
                config.model_name = model if not Path(model).exists() else Path(model).name
            if upstream is not None:
                config.model_name = upstream_model
            web_app = create_app(engine, store, config)
            where = (f"upstream {upstream} (model {config.upstream_model}), local model "
                     f"{engine.base.name if engine is not None else 'none'}" if upstream is not None
                     else f"model {config.model_name}")
            if engine is not None:
                where += f", pole experts {', '.join(engine.experts.poles) if engine.experts else 'none'}"
            typer.echo(f"personalign: {where}, memory {store.url.split('://')[0]}, "
                       f"admin key from {web_app.state.admin_key_source}", err=True)
            server = _server_class(uvicorn)(uvicorn.Config(web_app, host=host, port=port, log_level=log_level,
                                                           timeout_graceful_shutdown=10))
            server.run(sockets=[sock])
        finally:
            sock.close()
            if store is not None:
                store.close()
