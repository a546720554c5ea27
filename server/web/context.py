"""What a request reaches of the app: its store (flaskr's `get_db`, for our Store)."""

from flask import current_app

from ..store import Store


def get_store() -> Store:
    """Return the app's Store."""
    return current_app.extensions["cafe"].store
