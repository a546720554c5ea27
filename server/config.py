"""The app's configuration: the resolved settings (server/settings.py), then what only the
app needs: a secret key, and a refusal of a wildcard origin."""

import secrets

from .settings import resolve


def configure(app, test_config: dict | None) -> None:
    """Fill app.config from defaults, the environment (prefix CAFE_) and `test_config`."""
    app.config.update(resolve(test_config))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    if "*" in app.config["ALLOWED_ORIGINS"]:
        raise ValueError("CAFE_ALLOWED_ORIGINS may not contain '*': list the origins")
