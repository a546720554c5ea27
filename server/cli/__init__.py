"""The `cafe` command: parse the command line, resolve the settings once, run a subcommand.

The boot path lives in this package: `serve` (the eventlet server), `many` (`--processes N`),
`commands` (`demo`, `export`, `import`; the demo workshop in `demo`), and `embedded` (the
redis-server they start when no Redis is configured). Each takes its values from the
settings `main` resolves (server/settings.py: defaults, environment, then these flags).
`server/__main__.py` monkey-patches with eventlet first, then calls `main`.
"""

import argparse
from importlib import metadata

from ..settings import resolve

DISTRIBUTION = "cafe-board"  # pyproject.toml's name; its `version` is the only one


def version() -> str:
    """Return the version of the installed distribution (pyproject.toml's `version`)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # the sources run without being installed
        return "unknown"


def _parser(formats: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cafe", description="World Café board")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="run the web server")
    # No defaults here: a flag left out leaves the setting to the environment, then the default.
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.add_argument("--processes", type=int,
                     help="serve from N processes on consecutive ports, sharing one Redis")
    run.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    demo = sub.add_parser("demo", help="create a complete demo workshop and print its links")
    demo.add_argument("--format", choices=["hybrid", "forum-ouvert"], default="hybrid",
                      help="the reference hybrid workshop, or a forum ouvert")
    out = sub.add_parser("export", help="write a workshop's report or data")
    out.add_argument("code", help="the workshop's join code")
    out.add_argument("--format", choices=formats, default="md")
    out.add_argument("-o", "--output", help="a file or a folder (default: standard output)")
    into = sub.add_parser("import", help="load a workshop exported as JSON")
    into.add_argument("file")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a subcommand; return the exit status."""
    # Imported here rather than above: tests and benchmarks import this package for its
    # embedded Redis alone, without the app, the store or the report renderers.
    from ..export import FORMATS
    from . import commands

    args = _parser(sorted(FORMATS)).parse_args(argv)
    flags = {"HOST": getattr(args, "host", None), "PORT": getattr(args, "port", None),
             "PROCESSES": getattr(args, "processes", None)}
    settings = resolve({key: value for key, value in flags.items() if value is not None})
    if args.command == "serve" and settings["PROCESSES"] > 1:
        from .many import serve_many

        return serve_many(settings)
    if args.command == "serve":
        from .serve import serve

        return serve(settings, quiet=args.quiet)
    if args.command == "demo":
        return commands.run(lambda: commands.demo(settings, args.format))
    if args.command == "export":
        return commands.run(
            lambda: commands.export(settings, args.code, args.format, args.output))
    if args.command == "import":
        return commands.run(lambda: commands.import_(settings, args.file))
    return 2  # pragma: no cover - argparse rejects unknown commands
