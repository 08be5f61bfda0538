"""The server's routes, one router per area; `personalign.server.app.create_app` includes them in this order."""
from personalign.server.routes import admin, chat, service, users

ROUTERS = (chat.router, users.router, admin.router, service.router)

__all__ = ["ROUTERS"]
