"""`personalign serve`: the HTTP server (OpenAI-compatible chat, feedback, preferences, web page).

    personalign serve --host 127.0.0.1 --port 8000 [--model NAME|DIR] [--db URL] [--admin-key-file FILE]

The model is loaded once. The admin key is $PERSONALIGN_ADMIN_KEY, else the key file (default
<user data dir>/personalign/admin.key, created with mode 0600 at first start); the admin key creates
users and their keys: POST /v1/admin/users {"user": "alice"}.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from personalign.decoding import STRATEGIES
from personalign.errors import ConfigError


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port (0: any free port).")] = 8000,
        model: Annotated[str, typer.Option(help="Embedded name, local HF directory or hub id.")] = "smollm2-135m-instruct",
        reward_model: Annotated[Optional[str], typer.Option("--reward-model",
                                help="PAD's reward model: PersRM dir or LM path; 'base' = training-free "
                                     "PAD. Default: the shipped PersRM for the embedded model.")] = None,
        db: Annotated[Optional[str], typer.Option("--db", envvar="PERSONALIGN_DB", show_envvar=True,
                      help="Memory database: SQLAlchemy URL or SQLite file path.")] = None,
        admin_key_file: Annotated[Optional[Path], typer.Option("--admin-key-file",
                                  help="Admin key file (created 0600 when missing; ignored when "
                                       "$PERSONALIGN_ADMIN_KEY is set).")] = None,
        device: Annotated[str, typer.Option(help="auto, cpu, cuda, ...")] = "auto",
        dtype: Annotated[str, typer.Option(help="auto, float32, bfloat16, float16.")] = "auto",
        strategy: Annotated[str, typer.Option(help=f"Default strategy when a preference applies: "
                                                   f"{', '.join(STRATEGIES)}.")] = "pad",
        max_new_tokens: Annotated[int, typer.Option("--max-new-tokens", help="Upper limit on max_tokens.")] = 512,
        max_prompt_tokens: Annotated[int, typer.Option("--max-prompt-tokens")] = 2048,
        max_body_bytes: Annotated[int, typer.Option("--max-body-bytes")] = 1_000_000,
        batch_window_ms: Annotated[float, typer.Option("--batch-window-ms",
                                   help="How long requests wait to share a batch.")] = 5.0,
        max_batch_size: Annotated[int, typer.Option("--max-batch-size")] = 16,
        threads: Annotated[Optional[int], typer.Option("--threads", help="torch intra-op threads (default: torch's "
                           "choice). 1 is often much faster on a small, busy CPU, where OpenMP workers spin.")] = None,
        log_level: Annotated[str, typer.Option("--log-level")] = "info",
    ) -> None:
        """Serve personalized chat completions over HTTP (see /docs for the API, / for the web page)."""
        import uvicorn

        from personalign.cli.generate import build_engine
        from personalign.memory import MemoryStore
        from personalign.server import ServerConfig, create_app

        if not 0 <= port <= 65535:
            raise ConfigError(f"port must be in 0..65535, got {port}")
        if threads is not None:
            if threads < 1:
                raise ConfigError(f"--threads must be >= 1, got {threads}")
            import torch

            torch.set_num_threads(threads)
        config = ServerConfig(default_strategy=strategy, max_new_tokens=max_new_tokens,
                              max_prompt_tokens=max_prompt_tokens,
                              max_body_bytes=max_body_bytes, batch_window_ms=batch_window_ms,
                              max_batch_size=max_batch_size, admin_key_file=admin_key_file).validate()
        store = MemoryStore(db)
        engine = build_engine(model, reward_model, device, dtype)
        config.model_name = model if not Path(model).exists() else Path(model).name
        web_app = create_app(engine, store, config)
        typer.echo(f"personalign: model {config.model_name}, memory {store.url.split('://')[0]}, "
                   f"admin key from {web_app.state.admin_key_source}", err=True)
        server = uvicorn.Server(uvicorn.Config(web_app, host=host, port=port, log_level=log_level,
                                               timeout_graceful_shutdown=10))
        try:
            server.run()
        finally:
            store.close()
