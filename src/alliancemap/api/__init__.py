"""The HTTP API and the web desk: ``create_app(db_path)`` gives the ASGI application."""

from alliancemap.api.app import create_app

__all__ = ["create_app"]
