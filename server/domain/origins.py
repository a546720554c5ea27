"""Which names the server answers to, and which pages may open a live connection.

A page from an attacker's domain can have that domain resolve to this server's address
(DNS rebinding): the browser then sends the attacker's name as Host and as Origin, and a
check that only compares the two is fooled. Names are therefore checked: an address
(which cannot be rebound), `localhost`, or a name the operator configured.
"""

import ipaddress
from urllib.parse import urlsplit

from .errors import N_, DomainError


def host_name(host: str) -> str:
    """The name of a Host header, without its port ("[::1]:5000" -> "::1")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host: str, names: list[str]) -> bool:
    """Whether the server answers to this Host header: an IP address, localhost, or one of
    the configured names."""
    name = host_name(host).rstrip(".")
    if not name:
        return False
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    return name == "localhost" or name in {n.strip().lower().rstrip(".") for n in names}


def origin_allowed(origin: str, host: str, scheme: str, names: list[str],
                   extra: list[str]) -> bool:
    """Whether a browser page from `origin` may open a live connection: the page's own
    origin (same scheme, a name the server answers to), or an origin configured."""
    if origin in extra:
        return True
    return host_allowed(host, names) and origin == f"{scheme}://{host}"


def same_site_form(origin: str | None, referer: str | None, host: str) -> bool:
    """Whether a form post comes from one of this server's own pages: its Origin (or, from
    a browser that sends none, its Referer) names the host the request was sent to. A page
    elsewhere cannot make a visitor's browser post our forms (cross-site request forgery);
    a post that says where it comes from nowhere is refused too."""
    source = origin if origin and origin != "null" else referer
    if not source:
        return False
    parsed = urlsplit(source)
    return parsed.scheme in ("http", "https") and parsed.netloc.lower() == host.strip().lower()


def cross_site_form() -> DomainError:
    """Build the error for a form posted from another site, or from nowhere said."""
    return DomainError("forbidden", N_(
        "This form can only be sent from its own page: open the workshop's link again."))


def unknown_host(host: str) -> DomainError:
    """Build the error for a request naming a host the server does not answer to."""
    return DomainError("unknown_host", N_(
        "This server does not answer to the name %(host)s: set CAFE_PUBLIC_URL or "
        "CAFE_ALLOWED_HOSTS to it."), host=host_name(host)[:100])
