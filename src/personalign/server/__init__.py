"""HTTP server: OpenAI-compatible personalized chat completions, feedback, preference memory, web page.

    from personalign.server import ServerConfig, create_app
    app = create_app(engine, store, ServerConfig(max_new_tokens=256))

`personalign serve` wraps this with uvicorn; see `personalign.server.app` for the routes.
"""
from personalign.server.app import create_app
from personalign.server.auth import KeyStore, Principal, load_admin_key
from personalign.server.batching import Batcher, Job, QueueFullError
from personalign.server.config import ADMIN_KEY_ENV, ServerConfig, default_data_dir
from personalign.server.errors import ApiError
from personalign.server.routes.chat import conversation_prompt

__all__ = ["ADMIN_KEY_ENV", "ApiError", "Batcher", "Job", "KeyStore", "Principal", "QueueFullError", "ServerConfig",
           "conversation_prompt", "create_app", "default_data_dir", "load_admin_key"]
