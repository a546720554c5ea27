"""The `cafe` commands besides `serve`: demo, export, import. Each one opens the store
(the configured Redis, or the embedded one: the running server's, or its own for the
time of the command) and says plainly what went wrong, with a non-zero exit."""

import contextlib
import json
import sys
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.secrets import hash_secret, new_secret
from ..domain.workshop import normalize_code
from ..export import FORMATS, filename
from ..store import Store, StoreUnavailable, connect
from .demo import create_demo
from .demo_openspace import create_openspace_demo
from .embedded import EmbeddedRedisError, redis_url


class CommandError(Exception):
    """A failure to tell the user in one sentence."""


@contextlib.contextmanager
def open_store(settings: dict):
    """Yield a Store on the configured Redis, or on the embedded one under DATA_DIR."""
    try:
        url, embedded = redis_url(settings, share=True)  # a running server's, if one runs
    except EmbeddedRedisError as exc:
        raise CommandError(f"cannot start the embedded Redis: {exc}") from None
    store = connect(url)
    try:
        if not store.healthy():
            raise CommandError(f"cannot reach Redis at {url}")
        yield store
    finally:
        store.close()
        if embedded is not None:
            embedded.stop()


def base_url(settings: dict) -> str:
    """Where the app answers, for the links printed."""
    if settings["PUBLIC_URL"]:
        return settings["PUBLIC_URL"]
    host, port = settings["HOST"], settings["PORT"]
    return f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"  # noqa: S104


def demo(settings: dict, fmt: str = "hybrid") -> int:
    """Create the demo workshop (the hybrid reference, or a forum ouvert) and print its
    links."""
    if fmt == "forum-ouvert":
        return _openspace_demo(settings)
    with open_store(settings) as store:
        code, key, screen = create_demo(store)
    base = base_url(settings)
    print(f"Demo workshop {code} created: « Atelier Coopération Inter-entreprise » (4 April 2013),")
    print("played through: forum, three rounds of café, votes, synthesis.")
    print(f"  Console (keep it secret): {base}/console/{code}#key={key}")
    print(f"  Screen:                   {base}/screen/{code}#key={screen}")
    print(f"  Phone:                    {base}/j/{code}")
    print(f"  Report:                   cafe export {code} --format pdf -o report.pdf")
    return 0


def export(settings: dict, code: str, fmt: str, output: str | None) -> int:
    """Write a workshop's export to a file, or to standard output."""
    try:
        code = normalize_code(code)
    except DomainError as err:
        raise CommandError(err.as_dict()["message"]) from None
    with open_store(settings) as store:
        try:
            document = store.dump(code)
        except DomainError:
            raise CommandError(f"no workshop has the code {code}") from None
    data = FORMATS[fmt].render(document)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    target = Path(output)
    if target.is_dir():
        target = target / filename(document, fmt)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise CommandError(f"cannot write {target}: {exc.strerror}") from None
    print(f"Wrote {target} ({len(data):,} bytes).", file=sys.stderr)
    return 0


def import_(settings: dict, path: str) -> int:
    """Load a workshop exported as JSON into Redis, with a new console key."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise CommandError(f"{path} is not JSON: {exc}") from None
    # The archive holds no key: the old console and screen links cannot come back.
    key, screen = new_secret(), new_secret()
    with open_store(settings) as store:
        try:
            code = store.load(document, console_digest=hash_secret(key),
                              screen_digest=hash_secret(screen))
        except DomainError as err:
            raise CommandError(err.as_dict()["message"]) from None
        except (KeyError, TypeError, AttributeError):
            raise CommandError(f"{path} is not a complete workshop export") from None
    base = base_url(settings)
    print(f"Imported workshop {code}, with new console and screen links (the old ones no longer "
          "work):")
    print(f"  Console (keep it secret): {base}/console/{code}#key={key}")
    print(f"  Screen:                   {base}/screen/{code}#key={screen}")
    print(f"  Phone:                    {base}/j/{code}")
    print("Participants must join again from the phone link: the archive holds no device")
    print("tokens, so each comes back as a new participant. What they wrote stays, under the")
    print("names they had (anonymous notes under none).")
    return 0


def run(command) -> int:
    """Run a command; turn the usual failures into one line on stderr and exit status 1."""
    try:
        return command()
    except CommandError as exc:
        print(f"cafe: {exc}", file=sys.stderr)
        return 1
    except StoreUnavailable as exc:
        print(f"cafe: Redis stopped answering: {exc}", file=sys.stderr)
        return 1


def _openspace_demo(settings: dict) -> int:
    with open_store(settings) as store:
        code, key, screen = create_openspace_demo(store)
    base = base_url(settings)
    print(f"Demo forum ouvert {code} created: 40 people, 4 spaces, 3 slots, 10 sessions,")
    print("played through: marketplace, the law of two feet, reports, amendments.")
    print(f"  Console (keep it secret): {base}/console/{code}#key={key}")
    print(f"  Screen:                   {base}/screen/{code}#key={screen}")
    print(f"  Phone:                    {base}/j/{code}")
    print(f"  Proceedings:              cafe export {code} --format pdf -o proceedings.pdf")
    return 0


__all__ = ["Store", "demo", "export", "import_", "run"]
