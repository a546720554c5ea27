"""The addresses people are given: join, screen and console links."""

from flask import current_app, request, url_for


def base_url() -> str:
    """Return the public base URL: PUBLIC_URL if configured, else the one the request used."""
    return current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")


def links(code: str, console_key: str | None = None, screen_key: str | None = None) -> dict:
    """Return the join and screen links of a workshop, and the console's when its key is
    known; the keys travel in the fragment."""
    base = base_url()
    out = {
        "join": base + url_for("pages.phone", code=code),
        "screen": base + url_for("pages.screen", code=code)
        + (f"#key={screen_key}" if screen_key else ""),
    }
    if console_key:
        # In the fragment: browsers never send it to the server, so it stays out of logs.
        out["console"] = base + url_for("pages.console", code=code) + "#key=" + console_key
    return out
