"""The HTTP API and the web desk: ``create_app(db_path)`` gives the ASGI application.

The application (FastAPI, Starlette) is imported only when asked for: the CLI's queries read through
``api.data`` and ``api.views`` and must not pay for the web framework at start-up.
"""

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from alliancemap.api.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
