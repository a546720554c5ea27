"""The `cafe` command: parse the command line and run a subcommand.

The boot path lives here: `serve` (the eventlet server), `many` (`--processes N`),
`commands` (`demo`, `export`, `import`) and the demo workshop. `server/__main__.py`
monkey-patches with eventlet first, then calls `main`.
"""

import argparse
import os

from ..export import FORMATS
from . import commands
from .many import serve_many
from .serve import serve


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a subcommand; return the exit status."""
    parser = argparse.ArgumentParser(prog="cafe", description="World Café board")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="run the web server")
    env = os.environ
    run.add_argument("--host", default=env.get("CAFE_HOST", env.get("HOST", "127.0.0.1")))
    run.add_argument("--port", type=int, default=int(env.get("CAFE_PORT", env.get("PORT", "5000"))))
    run.add_argument("--processes", type=int, default=int(env.get("CAFE_PROCESSES", "1")),
                     help="serve from N processes on consecutive ports, sharing one Redis")
    run.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    sub.add_parser("demo", help="create a complete demo workshop and print its links")
    out = sub.add_parser("export", help="write a workshop's report or data")
    out.add_argument("code", help="the workshop's join code")
    out.add_argument("--format", choices=sorted(FORMATS), default="md")
    out.add_argument("-o", "--output", help="a file or a folder (default: standard output)")
    into = sub.add_parser("import", help="load a workshop exported as JSON")
    into.add_argument("file")
    args = parser.parse_args(argv)
    if args.command == "serve" and args.processes > 1:
        return serve_many(args.host, args.port, args.processes)
    if args.command == "serve":
        return serve(args.host, args.port, quiet=args.quiet)
    if args.command == "demo":
        return commands.run(commands.demo)
    if args.command == "export":
        return commands.run(lambda: commands.export(args.code, args.format, args.output))
    if args.command == "import":
        return commands.run(lambda: commands.import_(args.file))
    return 2  # pragma: no cover - argparse rejects unknown commands
